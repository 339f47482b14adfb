// Search in production (issue 9): the active taxonomy everywhere, no lost updates across a rebuild, one rebuilder at
// a time and never from web servers, and every process's in-process index following search_changes.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db, type DbHandle } from "../../db/client";
import { createJobPosting, createOrganization } from "../../db/factories";
import { taxonomyVersions } from "../../db/schema";
import { EmbeddedSearchEngine } from "../../search/embedded";
import type { IndexName, SearchDocument } from "../../search/engine";
import { startSearchFollower } from "../../search/follow";
import { MeilisearchEngine } from "../../search/meilisearch";
import { configureIndexes, drainSearchOutbox, enqueueSearchSync, ensureIndexes, reindex, REBUILD_LOCK, searchChangeCursor } from "../../search/sync";
import { activateTaxonomy, repositoryTaxonomy } from "../../search/taxonomy";
import { FakeMeilisearch } from "../fakes/meilisearch";
import { createServerDatabase, getTestDb, testDbKind, withIsolatedDb, withRollback } from "../helpers/db";

const ids = async (engine: { search: EmbeddedSearchEngine["search"] }, q: string) => (await engine.search("jobs", { q, hitsPerPage: 50 })).hits.map((h) => h.id);

beforeAll(async () => {
  await getTestDb();
});

afterAll(() => {
  activateTaxonomy(repositoryTaxonomy);
});

describe("7. settings come from the database's active taxonomy in every process", () => {
  it("configureIndexes (used by reindex and the CLIs) sends the staff-activated synonyms, not the repository file", async () => {
    await withRollback(async (tx) => {
      const edited = structuredClone(repositoryTaxonomy);
      edited.version = "2099.01-1";
      edited.skills[0].synonyms.zh.push("方向盘师傅");
      await tx.insert(taxonomyVersions).values({ version: edited.version, data: edited, active: true });
      activateTaxonomy(repositoryTaxonomy); // a fresh CLI process starts from the file
      const fake = new FakeMeilisearch();
      await configureIndexes(tx, new MeilisearchEngine({ host: "http://meili.fake", fetch: fake.fetch, taskIntervalMs: 1 }));
      expect(Object.keys(fake.indexes.get("jobs")!.settings.synonyms)).toContain("方向盘师傅");
      activateTaxonomy(repositoryTaxonomy);
    });
  });
});

describe("8. changes made while a rebuild runs survive the swap", () => {
  it("a posting published while the fresh index fills is in the index after the swap", async () => {
    await withRollback(async (tx) => {
      const org = await createOrganization(tx, { verificationStatus: "verified" });
      await createJobPosting(tx, { organizationId: org.id, title: "仓库管理员" });
      let late: string | null = null;
      // the worker applies a change to the live (old) index while the rebuild fills the temporary one
      class DuringRebuild extends EmbeddedSearchEngine {
        override async replaceAll(index: IndexName, docs: SearchDocument[]) {
          const job = await createJobPosting(tx, { organizationId: org.id, title: "叉车司机" });
          late = job.id;
          await enqueueSearchSync(tx, "jobs", [job.id]);
          await drainSearchOutbox(tx, this);
          return super.replaceAll(index, docs);
        }
      }
      const engine = new DuringRebuild();
      await configureIndexes(tx, engine);
      await reindex(tx, engine, "jobs");
      expect(late).not.toBeNull();
      expect(await ids(engine, "叉车")).toContain(late);
    });
  });
});

describe("3. rebuilds of a shared index", () => {
  it("web servers never rebuild, and an index whose table is empty is never rebuilt", async () => {
    await withRollback(async (tx) => {
      const fake = new FakeMeilisearch();
      const engine = new MeilisearchEngine({ host: "http://meili.fake", fetch: fake.fetch, taskIntervalMs: 1 });
      const org = await createOrganization(tx, { verificationStatus: "verified" });
      await createJobPosting(tx, { organizationId: org.id, title: "保安员" });
      await ensureIndexes(tx, engine, { rebuild: "never", lock: true });
      expect(fake.requests.some((r) => r.path === "/swap-indexes")).toBe(false);
      expect((await engine.stats("jobs")).documents).toBe(0);
      // the worker: jobs has rows and is rebuilt; the other tables may be empty here and are left alone
      await ensureIndexes(tx, engine, { rebuild: "if-empty" });
      expect((await engine.stats("jobs")).documents).toBeGreaterThan(0);
      const swaps = fake.requests.filter((r) => r.path === "/swap-indexes").map((r) => JSON.stringify(r.body));
      for (const index of ["training_slots", "veteran_profiles"]) {
        if ((await engine.stats(index as IndexName)).documents === 0) expect(swaps.join()).not.toContain(`"${index}"`);
      }
    });
  });

  it.skipIf(testDbKind() !== "postgres")("one rebuilder at a time: a rebuild while another holds the lock is skipped", async () => {
    await withIsolatedDb(async (db) => {
      const engine = new EmbeddedSearchEngine();
      await configureIndexes(db, engine);
      let release!: () => void;
      const held = new Promise<void>((r) => (release = r));
      let locked!: () => void;
      const isLocked = new Promise<void>((r) => (locked = r));
      const holder = db.transaction(async (tx) => {
        await tx.execute(`select pg_advisory_xact_lock(${REBUILD_LOCK}, 0)` as never);
        locked();
        await held;
      });
      await isLocked;
      expect(await reindex(db, engine, "jobs", { lock: true })).toBe(-1);
      release();
      await holder;
      expect(await reindex(db, engine, "jobs", { lock: true })).toBeGreaterThanOrEqual(0);
    }, { poolMax: 4 });
  });
});

describe("10. every process that serves search follows search_changes", () => {
  // On PostgreSQL each "process" has its own connection pool on one fresh database and the writer really commits; on
  // PGlite (one process, one connection) all three share a rolled-back transaction.
  const scenario = async (open: () => Promise<Db>, commit: <T>(db: Db, body: (tx: Db) => Promise<T>) => Promise<T>) => {
    const followers: { stop(): Promise<void> }[] = [];
    try {
      const worker = await open();
      const webs = [] as EmbeddedSearchEngine[];
      for (let i = 0; i < 2; i++) {
        const db = await open();
        const engine = new EmbeddedSearchEngine();
        const cursor = await searchChangeCursor(db);
        await ensureIndexes(db, engine, { rebuild: "if-empty" });
        followers.push(startSearchFollower(db, engine, { cursor, intervalMs: 200 }));
        webs.push(engine);
      }
      // the worker (or a web request) publishes a posting: the row and its search_changes row commit together
      const jobId = await commit(worker, async (tx) => {
        const org = await createOrganization(tx, { verificationStatus: "verified" });
        const job = await createJobPosting(tx, { organizationId: org.id, title: "无人机飞手" });
        await enqueueSearchSync(tx, "jobs", [job.id]);
        return job.id;
      });
      const started = Date.now();
      for (const engine of webs) {
        while (!(await ids(engine, "无人机")).includes(jobId)) {
          if (Date.now() - started > 2000) throw new Error("posting not visible within 2 s");
          await new Promise((r) => setTimeout(r, 50));
        }
      }
      expect(Date.now() - started).toBeLessThan(2000);
    } finally {
      await Promise.all(followers.map((f) => f.stop()));
    }
  };

  it("two web processes and a worker on one database: a new posting is searchable in both within 2 s", async () => {
    if (testDbKind() === "pglite") {
      await withRollback((tx) => scenario(async () => tx, (db, body) => body(db)));
      return;
    }
    const url = await createServerDatabase();
    const handles: DbHandle[] = [];
    try {
      await scenario(
        async () => {
          const h = await createDb({ DATABASE_URL: url, PGLITE_DIR: "memory://", poolMax: 3 });
          handles.push(h);
          return h.db;
        },
        (db, body) => db.transaction((tx) => body(tx as unknown as Db)),
      );
    } finally {
      for (const h of handles) await h.close();
    }
  });
});
