import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { jobPostings, searchOutbox } from "../../db/schema";
import { createJobPosting } from "../../db/factories";
import { runMaintenance } from "../../app/maintenance.server";
import { EmbeddedSearchEngine } from "../../search/embedded";
import { drainSearchOutbox, ensureIndexes } from "../../search/sync";
import { withRollback } from "../helpers/db";

describe("maintenance", () => {
  it("closes postings past their expiry, takes them out of search, and is idempotent", async () => {
    await withRollback(async (tx) => {
      const now = new Date("2026-11-22T08:00:00Z");
      const stale = await createJobPosting(tx, { title: "夜班保安", publishedAt: new Date("2026-09-01"), expiresAt: new Date("2026-10-01") });
      const live = await createJobPosting(tx, { title: "白班保安", publishedAt: now, expiresAt: new Date("2026-12-22") });
      const engine = new EmbeddedSearchEngine();
      await ensureIndexes(tx, engine, { rebuild: true });
      await engine.upsert("jobs", [{ ...(await engine.search("jobs", { q: "白班保安" })).hits[0].document, id: stale.id, title: "夜班保安" }]);

      const first = await runMaintenance(tx, engine, { publicUrl: "http://x.test", now });
      expect(first.expiredJobs).toBe(1);
      const [row] = await tx.select().from(jobPostings).where(eq(jobPostings.id, stale.id));
      expect(row.status).toBe("closed");
      expect((await tx.select().from(searchOutbox)).map((r) => r.documentId)).toContain(stale.id);
      await drainSearchOutbox(tx, engine);
      const ids = (await engine.search("jobs", { q: "保安" })).hits.map((h) => h.id);
      expect(ids).toContain(live.id);
      expect(ids).not.toContain(stale.id);

      const second = await runMaintenance(tx, engine, { publicUrl: "http://x.test", now });
      expect(second).toMatchObject({ expiredJobs: 0, flaggedApplications: 0 });
    });
  });
});
