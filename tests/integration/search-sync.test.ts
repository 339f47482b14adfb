import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { jobPostings, searchOutbox, veteranProfiles } from "../../db/schema";
import { createJobPosting, createOrganization, createVeteranProfile } from "../../db/factories";
import { EmbeddedSearchEngine } from "../../search/embedded";
import type { IndexName, SearchDocument, SearchEngine } from "../../search/engine";
import { drainSearchOutbox, enqueueSearchSync, ensureIndexes, reindex } from "../../search/sync";
import type { Db } from "../../db/client";
import { withRollback } from "../helpers/db";

async function freshEngine(tx: Db) {
  const engine = new EmbeddedSearchEngine();
  await ensureIndexes(tx, engine, { rebuild: true });
  return engine;
}
async function indexedIds(engine: SearchEngine, index: IndexName): Promise<string[]> {
  const result = await engine.search(index, { hitsPerPage: 100 });
  return result.hits.map((h) => h.id).sort();
}

/** Fails (like a crashed worker) after `okCalls` successful writes. */
class FlakyEngine extends EmbeddedSearchEngine {
  constructor(private okCalls: number) {
    super();
  }
  override async upsert(index: IndexName, docs: SearchDocument[]) {
    if (this.okCalls-- <= 0) throw new Error("engine went away");
    return super.upsert(index, docs);
  }
}

describe("search index sync through the outbox", () => {
  it("a published job reaches the index in one drain, and a closed job leaves it in one drain", async () => {
    await withRollback(async (tx) => {
      const engine = await freshEngine(tx);
      const org = await createOrganization(tx, { verificationStatus: "verified", name: "张家港港城物流有限公司" });
      const job = await createJobPosting(tx, { organizationId: org.id, title: "重型货车司机", category: "driving_logistics" });
      await enqueueSearchSync(tx, "jobs", [job.id]);
      await drainSearchOutbox(tx, engine);
      const found = await engine.search("jobs", { q: "货车司机" });
      expect(found.hits.map((h) => h.id)).toContain(job.id);

      await tx.update(jobPostings).set({ status: "closed", closedAt: new Date() }).where(eq(jobPostings.id, job.id));
      await enqueueSearchSync(tx, "jobs", [job.id]);
      const result = await drainSearchOutbox(tx, engine);
      expect(result.removed).toBeGreaterThanOrEqual(1);
      expect((await engine.search("jobs", { q: "货车司机" })).hits.map((h) => h.id)).not.toContain(job.id);
      expect(await tx.select().from(searchOutbox)).toHaveLength(0);
    });
  });

  it("a drain stopped in the middle of a batch leaves its rows, and the next drain converges to the database", async () => {
    await withRollback(async (tx) => {
      const org = await createOrganization(tx, { verificationStatus: "verified" });
      const jobs = [];
      for (let i = 0; i < 4; i++) jobs.push(await createJobPosting(tx, { organizationId: org.id, title: `仓库管理员 ${i}` }));
      const hidden = await createVeteranProfile(tx, { fullName: "赵小兵", visibility: "hidden" });
      const open = await createVeteranProfile(tx, { fullName: "钱大勇", visibility: "public", consentAt: new Date(), consentVersion: "v1" });

      const flaky = new FlakyEngine(1);
      await ensureIndexes(tx, new EmbeddedSearchEngine()); // regions loaded
      for (const index of ["jobs", "training_slots", "veteran_profiles"] as const) {
        await flaky.configure((await import("../../search/indexes")).buildIndexDefinitions([])[index]);
      }
      await enqueueSearchSync(tx, "jobs", jobs.map((j) => j.id));
      await enqueueSearchSync(tx, "veteran_profiles", [hidden.id, open.id]);
      // The jobs upsert succeeds, then the profiles upsert dies: the batch's rows must all still be there.
      await expect(drainSearchOutbox(tx, flaky)).rejects.toThrow("engine went away");
      const left = await tx.select().from(searchOutbox);
      expect(left).toHaveLength(6);
      expect(left.every((r) => r.attempts === 1)).toBe(true);

      // Meanwhile the database changes: one job is closed before the retry.
      await tx.update(jobPostings).set({ status: "closed" }).where(eq(jobPostings.id, jobs[0].id));
      await enqueueSearchSync(tx, "jobs", [jobs[0].id]);

      const healthy = new EmbeddedSearchEngine();
      for (const index of ["jobs", "training_slots", "veteran_profiles"] as const) {
        await healthy.configure((await import("../../search/indexes")).buildIndexDefinitions([])[index]);
      }
      // The healthy engine starts from what the flaky one had applied (the jobs batch), then drains.
      await healthy.upsert("jobs", (await flaky.search("jobs", { hitsPerPage: 100 })).hits.map((h) => h.document));
      await drainSearchOutbox(tx, healthy);
      expect(await tx.select().from(searchOutbox)).toHaveLength(0);
      expect(await indexedIds(healthy, "jobs")).toEqual(jobs.slice(1).map((j) => j.id).sort());
      // Hidden profiles never reach the index; opted-in ones do.
      expect(await indexedIds(healthy, "veteran_profiles")).toEqual([open.id]);
      // Running the drain again changes nothing (idempotent).
      await enqueueSearchSync(tx, "jobs", jobs.map((j) => j.id));
      await drainSearchOutbox(tx, healthy);
      expect(await indexedIds(healthy, "jobs")).toEqual(jobs.slice(1).map((j) => j.id).sort());
    });
  });

  it("a profile that becomes hidden leaves the index; reindex rebuilds from the database", async () => {
    await withRollback(async (tx) => {
      const engine = await freshEngine(tx);
      const p = await createVeteranProfile(tx, { fullName: "孙志刚", visibility: "public", consentAt: new Date(), consentVersion: "v1" });
      await enqueueSearchSync(tx, "veteran_profiles", [p.id]);
      await drainSearchOutbox(tx, engine);
      expect(await indexedIds(engine, "veteran_profiles")).toContain(p.id);
      await tx.update(veteranProfiles).set({ visibility: "hidden" }).where(eq(veteranProfiles.id, p.id));
      await enqueueSearchSync(tx, "veteran_profiles", [p.id]);
      await drainSearchOutbox(tx, engine);
      expect(await indexedIds(engine, "veteran_profiles")).not.toContain(p.id);

      const org = await createOrganization(tx, { verificationStatus: "verified" });
      const job = await createJobPosting(tx, { organizationId: org.id, title: "电工" });
      // Without any outbox row, a rebuild still brings the index to the database's state.
      const n = await reindex(tx, engine, "jobs");
      expect(n).toBeGreaterThanOrEqual(1);
      expect(await indexedIds(engine, "jobs")).toContain(job.id);
      const doc = (await engine.search("jobs", { q: "电工" })).hits.find((h) => h.id === job.id)?.document;
      expect(doc).toMatchObject({ organization_verified: true, region_code: job.regionCode });
      expect(String(doc?.region_name)).toContain("张家港市");
    });
  });
});
