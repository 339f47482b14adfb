import { describe, expect, it } from "vitest";
import { getHealth } from "../../app/models/health.server";
import { createDevMailer } from "../../emails/mailer";
import { enqueueEmail } from "../../emails/outbox";
import { EmbeddedSearchEngine } from "../../search/embedded";
import { enqueueSearchSync, ensureIndexes } from "../../search/sync";
import { createJobPosting } from "../../db/factories";
import { withRollback } from "../helpers/db";

describe("/healthz", () => {
  it("reports database, documents per index and both outboxes' backlog", async () => {
    await withRollback(async (tx) => {
      const job = await createJobPosting(tx, { title: "保安员" });
      const search = Object.assign(new EmbeddedSearchEngine(), { kind: "embedded" as const });
      await ensureIndexes(tx, search, { rebuild: true });
      await enqueueSearchSync(tx, "jobs", [job.id]);
      await enqueueEmail(tx, {
        template: "welcome",
        to: "a@example.com",
        locale: "zh-CN",
        idempotencyKey: `health-${job.id}`,
        props: { name: "A", role: "veteran", dashboardUrl: "http://x.test/dashboard" },
      });
      const health = await getHealth({ db: tx, dbKind: "pglite", search, mailer: createDevMailer(tx) });
      expect(health.ok).toBe(true);
      expect(health.database.ok).toBe(true);
      expect(health.search).toMatchObject({ ok: true, engine: "embedded" });
      expect((health.search as { documents: Record<string, number> }).documents.jobs).toBeGreaterThanOrEqual(1);
      expect(health.outbox.search).toMatchObject({ pending: 1 });
      expect(health.outbox.email).toMatchObject({ pending: 1 });
    });
  });

  it("is not ok when the search engine fails", async () => {
    await withRollback(async (tx) => {
      const broken = Object.assign(new EmbeddedSearchEngine(), { kind: "embedded" as const }); // no index configured
      const health = await getHealth({ db: tx, dbKind: "pglite", search: broken, mailer: createDevMailer(tx) });
      expect(health.ok).toBe(false);
      expect(health.search.ok).toBe(false);
    });
  });
});
