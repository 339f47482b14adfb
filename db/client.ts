import { mkdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { sql, type SQL } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import * as baseSchema from "./schema";
import * as fairsSchema from "./schema-fairs";
import * as serviceSchema from "./schema-service";

const schema = { ...baseSchema, ...fairsSchema, ...serviceSchema };

export type Schema = typeof schema;
/** The one database type every model takes: a connection pool or a transaction, on PostgreSQL or PGlite. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;

/**
 * LISTEN on a channel over a dedicated connection (postgres.js re-subscribes after a reconnect; PGlite delivers
 * in-process). Returns the function that stops listening. Use notifications only as wake-ups: re-read tables.
 */
export type Listen = (channel: string, onNotify: (payload: string) => void) => Promise<() => Promise<void>>;

export interface DbHandle {
  db: Db;
  kind: "postgres" | "pglite";
  listen: Listen;
  /** Run drizzle migrations from db/migrations. */
  migrate(): Promise<void>;
  close(): Promise<void>;
}

export const MIGRATIONS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), "migrations");

export interface DbConfig {
  DATABASE_URL?: string;
  /** A folder for PGlite's files, or "memory://" for a throwaway database. */
  PGLITE_DIR: string;
  /** Connections in the PostgreSQL pool (default 10). */
  poolMax?: number;
}

/** The one db factory: the PostgreSQL server when DATABASE_URL is set, embedded PGlite otherwise. */
export async function createDb(config: DbConfig): Promise<DbHandle> {
  if (config.DATABASE_URL) {
    const { default: postgres } = await import("postgres");
    const { drizzle } = await import("drizzle-orm/postgres-js");
    const { migrate } = await import("drizzle-orm/postgres-js/migrator");
    // postgres.js 4: a connection the server drops mid-burst fails its queries and reconnects, where 3.4 could throw
    // from a timer and end the process (ADR 012). A database that does not answer fails requests after 5 s (503).
    const client = postgres(config.DATABASE_URL, {
      max: config.poolMax ?? 10,
      idle_timeout: 20,
      connect_timeout: 5,
      // Between failed connection attempts: 0.1 s doubling up to 2 s (the driver's default grows to 20 s, so the
      // site stayed down that long after the database came back). Meanwhile queries fail at once (503).
      backoff: (retries: number) => Math.min(0.1 * 2 ** retries, 2) * (0.75 + Math.random() / 4),
      // Parameters typed from their JS values, as postgres.js 3 did (4 leaves them to the server, so a bare
      // `select ${true}` came back as the text "true").
      infer: true,
      onnotice: () => {},
    });
    const db = drizzle(client, { schema }) as unknown as Db;
    return {
      db,
      kind: "postgres",
      listen: async (channel, onNotify) => {
        const { unlisten } = await client.listen(channel, (payload) => onNotify(payload));
        return async () => {
          await unlisten();
        };
      },
      migrate: () => migrate(drizzle(client, { schema }), { migrationsFolder: MIGRATIONS_DIR }),
      close: () => client.end({ timeout: 5 }),
    };
  }
  const { PGlite } = await import("@electric-sql/pglite");
  const { drizzle } = await import("drizzle-orm/pglite");
  const { migrate } = await import("drizzle-orm/pglite/migrator");
  const dir = config.PGLITE_DIR;
  if (!dir.startsWith("memory://")) mkdirSync(dir, { recursive: true });
  const client = await PGlite.create(dir.startsWith("memory://") ? undefined : dir);
  const pdb = drizzle(client, { schema });
  return {
    db: pdb as unknown as Db,
    kind: "pglite",
    listen: async (channel, onNotify) => {
      const unlisten = await client.listen(channel, (payload) => onNotify(payload));
      return async () => {
        await unlisten();
      };
    },
    migrate: () => migrate(pdb, { migrationsFolder: MIGRATIONS_DIR }),
    close: () => client.close(),
  };
}

/** Rows of a raw query, whichever driver ran it (postgres.js returns an array, PGlite `{ rows }`). */
export async function queryRows<T = Record<string, unknown>>(db: Db, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown;
  if (Array.isArray(result)) return result as T[];
  return ((result as { rows?: T[] }).rows ?? []) as T[];
}

export async function ping(db: Db): Promise<boolean> {
  const rows = await queryRows<{ ok: number }>(db, sql`select 1 as ok`);
  return rows[0]?.ok === 1;
}

export { schema };
