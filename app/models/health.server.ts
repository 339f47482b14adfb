import { createHash, timingSafeEqual } from "node:crypto";
import { sql } from "drizzle-orm";
import { ping, queryRows } from "../../db/client";
import { safeErrorMessage } from "../../db/errors";
import { emailOutboxBacklog } from "../../emails/outbox";
import { INDEX_NAMES } from "../../search/engine";
import type { AppServices } from "../context";
import type { AppConfig } from "../env.server";

async function safely<T>(fn: () => Promise<T>): Promise<{ ok: true; value: T } | { ok: false; error: string }> {
  try {
    return { ok: true, value: await fn() };
  } catch (error) {
    return { ok: false, error: safeErrorMessage(error) };
  }
}

/** This process's lag behind search_changes (in-process index only): how stale its search answers may be. */
function followLag(status: AppServices["searchFollow"]) {
  if (!status) return {};
  const s = status();
  return { follow: { lagMs: s.lagMs, cursor: s.cursor, error: s.error } };
}

/** Database, search engine (documents per index), and both outboxes' backlog and oldest row age. */
export async function getHealth({ db, dbKind, search, mailer, searchFollow }: Pick<AppServices, "db" | "dbKind" | "search" | "mailer" | "searchFollow">) {
  const database = await safely(() => ping(db));
  const indexes = await safely(async () => {
    const out: Record<string, number> = {};
    for (const name of INDEX_NAMES) out[name] = (await search.stats(name)).documents;
    return out;
  });
  const searchOutbox = await safely(async () => {
    const [row] = await queryRows<{ pending: number | string; oldest: number | string | null }>(
      db,
      sql`select count(*) as pending, extract(epoch from (now() - min(created_at))) as oldest from search_outbox`,
    );
    return { pending: Number(row?.pending ?? 0), oldestAgeSeconds: row?.oldest == null ? null : Math.round(Number(row.oldest)) };
  });
  const emailOutbox = await safely(() => emailOutboxBacklog(db));
  const ok = database.ok && database.value === true && indexes.ok;
  return {
    ok,
    database: database.ok ? { ok: database.value, kind: dbKind } : { ok: false, kind: dbKind, error: database.error },
    search: indexes.ok
      ? { ok: true, engine: search.kind, documents: indexes.value, ...followLag(searchFollow) }
      : { ok: false, engine: search.kind, error: indexes.error },
    outbox: {
      search: searchOutbox.ok ? searchOutbox.value : { error: searchOutbox.error },
      email: emailOutbox.ok ? emailOutbox.value : { error: emailOutbox.error },
    },
    mail: { kind: mailer.kind },
  };
}

export type Health = Awaited<ReturnType<typeof getHealth>>;

function sameSecret(a: string, b: string): boolean {
  // Hash both so the comparison takes the same time whatever the lengths.
  return timingSafeEqual(createHash("sha256").update(a).digest(), createHash("sha256").update(b).digest());
}

/**
 * What a caller may see. In development everything; in production only ok/not-ok, unless the caller presents
 * `Authorization: Bearer <HEALTH_TOKEN>` (index sizes, backlog and error texts describe the installation).
 */
export function healthForCaller(
  health: Health,
  config: Pick<AppConfig, "production" | "HEALTH_TOKEN">,
  authorization: string | null,
): Health | { ok: boolean } {
  if (!config.production) return health;
  const presented = authorization?.match(/^Bearer (.+)$/)?.[1];
  if (config.HEALTH_TOKEN && presented && sameSecret(presented, config.HEALTH_TOKEN)) return health;
  return { ok: health.ok };
}
