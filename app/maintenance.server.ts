// Periodic upkeep that belongs to no request: expire postings past their date, flag applications left unanswered
// for 14 days, and send the daily saved-search digests. Each task is idempotent, so running it on several workers
// or twice in a day does no harm; the loop runs in the worker (and in the dev server).
import type { Db } from "../db/client";
import { safeErrorMessage } from "../db/errors";
import type { SearchEngine } from "../search/engine";
import { sendSavedSearchDigests } from "./models/saved-search-digest.server";
import { flagUnansweredApplications } from "./models/application-stats.server";
import { releaseExpiredHolds } from "./models/incubator-application.server";
import { expireJobPostings } from "./models/job-posting.server";
import { holdRejectedOrganizationListings } from "./models/organization-hold.server";
import { purgeExpiredRecords, type RetentionResult } from "./models/retention.server";

export interface MaintenanceResult {
  expiredJobs: number;
  flaggedApplications: number;
  digestsSent: number;
  /** Published jobs and training slots of rejected organisations put on hold (ones that slipped past the rejection). */
  heldListings: number;
  /** Expired sessions, spent tokens and stale rate-limit counters deleted. */
  purged: RetentionResult;
  /** Park places held for accepted founders who did not pay in time, given back to their packages. */
  releasedHolds: number;
}

export async function runMaintenance(db: Db, search: SearchEngine, options: { publicUrl: string; now?: Date }): Promise<MaintenanceResult> {
  const now = options.now ?? new Date();
  const expired = await expireJobPostings(db, now);
  const purged = await purgeExpiredRecords(db, now);
  const held = await db.transaction((tx) => holdRejectedOrganizationListings(tx as unknown as Db, { now }));
  const flagged = await flagUnansweredApplications(db, now, { publicUrl: options.publicUrl });
  const digests = await sendSavedSearchDigests(db, search, { publicUrl: options.publicUrl, now });
  const releasedHolds = await releaseExpiredHolds(db, now);
  return {
    expiredJobs: expired.length,
    flaggedApplications: flagged.flagged,
    digestsSent: digests.sent,
    heldListings: held.jobIds.length + held.slotIds.length,
    purged,
    releasedHolds,
  };
}

export function startMaintenanceLoop(
  db: Db,
  search: SearchEngine,
  options: { publicUrl: string; intervalMs?: number; log?: (line: string) => void },
) {
  const intervalMs = options.intervalMs ?? 15 * 60_000;
  let stopped = false;
  let running: Promise<void> = Promise.resolve();
  const tick = async () => {
    try {
      const r = await runMaintenance(db, search, { publicUrl: options.publicUrl });
      if (r.expiredJobs || r.flaggedApplications || r.digestsSent || r.heldListings || r.releasedHolds) {
        options.log?.(
          `maintenance: ${r.expiredJobs} postings expired, ${r.flaggedApplications} applications flagged, ${r.digestsSent} digests, ${r.heldListings} listings of rejected organisations held, ${r.releasedHolds} park places released`,
        );
      }
    } catch (error) {
      options.log?.(`maintenance: ${safeErrorMessage(error)}`);
    }
  };
  running = tick();
  const timer = setInterval(() => {
    if (!stopped) running = tick();
  }, intervalMs);
  timer.unref();
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
