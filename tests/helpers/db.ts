import { randomBytes } from "node:crypto";
import { createDb, type Db, type DbHandle } from "../../db/client";

/**
 * The test database: a fresh database on the PostgreSQL server named by DATABASE_URL (created and migrated for
 * this run), or an in-memory PGlite migrated once. Shared by all integration files (they run in one process).
 */
let handlePromise: Promise<DbHandle> | undefined;

export function testDbKind(): "postgres" | "pglite" {
  return process.env.DATABASE_URL ? "postgres" : "pglite";
}

/** A URL for a brand-new, migrated database on the server (for tests that need real commits and connections). */
export async function createServerDatabase(): Promise<string> {
  const base = process.env.DATABASE_URL;
  if (!base) throw new Error("createServerDatabase needs DATABASE_URL");
  const { default: postgres } = await import("postgres");
  const admin = postgres(base, { max: 1, onnotice: () => {} });
  const name = `rongye_t_${process.pid}_${randomBytes(4).toString("hex")}`;
  await admin.unsafe(`create database "${name}"`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  const handle = await createDb({ DATABASE_URL: url.toString(), PGLITE_DIR: "memory://" });
  await handle.migrate();
  await handle.close();
  return url.toString();
}

export async function getTestDb(): Promise<DbHandle> {
  handlePromise ??= (async () => {
    if (process.env.DATABASE_URL) {
      const url = await createServerDatabase();
      return createDb({ DATABASE_URL: url, PGLITE_DIR: "memory://" });
    }
    const handle = await createDb({ PGLITE_DIR: "memory://" });
    await handle.migrate();
    return handle;
  })();
  return handlePromise;
}

class Rollback extends Error {}

/** Run a test body in a transaction that is always rolled back, so tests never see each other's rows. */
export async function withRollback<T>(body: (tx: Db) => Promise<T>): Promise<T> {
  const { db } = await getTestDb();
  let result: T | undefined;
  try {
    await db.transaction(async (tx) => {
      result = await body(tx as unknown as Db);
      throw new Rollback();
    });
  } catch (error) {
    if (!(error instanceof Rollback)) throw error;
  }
  return result as T;
}

/**
 * A database of its own for a test that must commit (concurrency needs real transactions): a fresh database on the
 * server, or a fresh in-memory PGlite. Nothing it writes can leak into the shared test database.
 */
export async function withIsolatedDb<T>(body: (db: Db) => Promise<T>, options: { poolMax?: number } = {}): Promise<T> {
  const handle = process.env.DATABASE_URL
    ? await createDb({ DATABASE_URL: await createServerDatabase(), PGLITE_DIR: "memory://", poolMax: options.poolMax })
    : await createDb({ PGLITE_DIR: "memory://" });
  try {
    if (!process.env.DATABASE_URL) await handle.migrate();
    return await body(handle.db);
  } finally {
    await handle.close();
  }
}

/** Every backend of `database` on the server but the caller's, terminated as an administrator would; how many. */
export async function terminateConnections(database: string): Promise<number> {
  const { default: postgres } = await import("postgres");
  const admin = postgres(process.env.DATABASE_URL!, { max: 1, onnotice: () => {} });
  try {
    const rows = await admin`select pg_terminate_backend(pid) as killed from pg_stat_activity
      where datname = ${database} and pid <> pg_backend_pid()`;
    return rows.filter((r) => r.killed).length;
  } finally {
    await admin.end();
  }
}
