// Daily digests for saved job searches: for each search with alerts on, the jobs published since its last mail
// (or since it was saved), found through the search engine, go out as one mail through the email outbox.
import { and, asc, eq, gt, isNotNull } from "drizzle-orm";
import type { Db } from "../../db/client";
import { safeErrorMessage } from "../../db/errors";
import { savedSearches, users } from "../../db/schema";
import { enqueueEmail } from "../../emails/outbox";
import type { SearchEngine } from "../../search/engine";
import type { JobDocument } from "../../search/indexes";
import { fromSavedQuery, jobSearchHref, jobSearchToQuery } from "../../search/query-params";

/** Jobs listed in one digest; the mail says how many more there are. */
export const DIGEST_MAX_JOBS = 10;

export interface DigestRunResult {
  /** Saved searches with alerts on whose owner has a verified address. */
  considered: number;
  /** Digests written to the outbox this run. */
  sent: number;
  /** Already mailed today, or nothing new. */
  skipped: number;
  /** Searches that failed (logged; retried on the next run). */
  failed: number;
}

export interface DigestOptions {
  now?: Date;
  /** Absolute base for links in the mail, e.g. https://rongye.cn. */
  publicUrl: string;
  batchSize?: number;
  log?: (line: string) => void;
}

/** The calendar day in China (yyyy-mm-dd): digests are daily by Beijing time. */
export function beijingDay(d: Date): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai", year: "numeric", month: "2-digit", day: "2-digit" }).format(d);
}

/**
 * Enqueue one digest per saved search with new matches, and move its `lastNotifiedAt` to `now` in the same
 * transaction. Idempotent within a day: a search mailed today is skipped, and the mail's idempotency key
 * (`digest:<searchId>:<yyyy-mm-dd>`) keeps a concurrent run from sending a second one. A search with nothing
 * new keeps its `lastNotifiedAt`, so its next digest covers everything since its last mail.
 */
export async function sendSavedSearchDigests(db: Db, search: SearchEngine, options: DigestOptions): Promise<DigestRunResult> {
  const now = options.now ?? new Date();
  const today = beijingDay(now);
  const base = options.publicUrl.replace(/\/+$/, "");
  const batchSize = options.batchSize ?? 200;
  const result: DigestRunResult = { considered: 0, sent: 0, skipped: 0, failed: 0 };
  let after: string | undefined;
  for (;;) {
    const rows = await db
      .select({
        id: savedSearches.id,
        name: savedSearches.name,
        query: savedSearches.query,
        token: savedSearches.unsubscribeToken,
        lastNotifiedAt: savedSearches.lastNotifiedAt,
        createdAt: savedSearches.createdAt,
        userId: users.id,
        email: users.email,
        displayName: users.displayName,
        locale: users.locale,
      })
      .from(savedSearches)
      .innerJoin(users, eq(users.id, savedSearches.userId))
      .where(and(eq(savedSearches.alertsEnabled, true), isNotNull(users.emailVerifiedAt), after ? gt(savedSearches.id, after) : undefined))
      .orderBy(asc(savedSearches.id))
      .limit(batchSize);
    for (const row of rows) {
      result.considered++;
      if (row.lastNotifiedAt && beijingDay(row.lastNotifiedAt) === today) {
        result.skipped++;
        continue;
      }
      try {
        const since = (row.lastNotifiedAt ?? row.createdAt).getTime();
        const saved = fromSavedQuery(row.query);
        const found = await search.search(
          "jobs",
          jobSearchToQuery(
            { ...saved, sort: "newest", page: 1 },
            { hitsPerPage: DIGEST_MAX_JOBS, extraFilter: [{ op: "range", field: "published_at", gte: since + 1, lte: now.getTime() }] },
          ),
        );
        if (found.total === 0 || found.hits.length === 0) {
          result.skipped++;
          continue;
        }
        const jobs = found.hits.map((h) => {
          const d = h.document as JobDocument;
          return {
            title: d.title,
            organization: d.organization,
            regionName: d.region_name,
            salaryMin: d.salary_min,
            salaryMax: d.salary_max,
            url: `${base}/jobs/${d.id}`,
          };
        });
        await db.transaction(async (txRaw) => {
          const tx = txRaw as unknown as Db;
          await enqueueEmail(tx, {
            template: "saved_search_digest",
            to: row.email,
            locale: row.locale,
            userId: row.userId,
            idempotencyKey: `digest:${row.id}:${today}`,
            props: {
              name: row.displayName,
              searchName: row.name,
              jobs,
              totalNew: found.total,
              searchUrl: `${base}${jobSearchHref(saved)}`,
              manageUrl: `${base}/saved-searches`,
              unsubscribeUrl: `${base}/saved-searches/unsubscribe?token=${encodeURIComponent(row.token)}`,
            },
          });
          await tx.update(savedSearches).set({ lastNotifiedAt: now }).where(eq(savedSearches.id, row.id));
        });
        result.sent++;
      } catch (error) {
        result.failed++;
        options.log?.(`saved search digest ${row.id}: ${safeErrorMessage(error)}`);
      }
    }
    if (rows.length < batchSize) break;
    after = rows[rows.length - 1].id;
  }
  return result;
}
