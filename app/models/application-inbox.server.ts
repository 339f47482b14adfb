import { and, count, desc, eq, inArray, isNotNull, lte, or, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { applications, jobPostings, memberships, veteranProfiles } from "../../db/schema";
import { UNANSWERED_AFTER_MS } from "./application-stats.server";
import { APPLICATION_STATUSES, type ApplicationStatus } from "./application-status";
import type { Actor } from "./authz.server";

/**
 * Where an employer finds the applications to its postings inside the app (not only through the "new application"
 * mail): counts by status beside each job, and the dashboard's new and overdue applications. Only postings of
 * organisations the actor is a member of are counted or listed; anyone else gets nothing.
 */

export type StatusCounts = Record<ApplicationStatus, number> & { total: number };

function emptyCounts(): StatusCounts {
  return { ...(Object.fromEntries(APPLICATION_STATUSES.map((s) => [s, 0])) as Record<ApplicationStatus, number>), total: 0 };
}

/** Member of the posting's organisation: the condition every query here carries. */
function memberOf(actor: Actor) {
  return sql`exists (select 1 from ${memberships} where ${memberships.organizationId} = ${jobPostings.organizationId} and ${memberships.userId} = ${actor.id})`;
}

/** Applications per status for each of `jobIds` the actor's organisations own (others are left out). */
export async function applicationCountsByJob(db: Db, actor: Actor, jobIds: readonly string[]): Promise<Record<string, StatusCounts>> {
  const result: Record<string, StatusCounts> = {};
  if (jobIds.length === 0) return result;
  const rows = await db
    .select({ jobId: applications.jobPostingId, status: applications.status, n: count() })
    .from(applications)
    .innerJoin(jobPostings, eq(jobPostings.id, applications.jobPostingId))
    .where(and(inArray(applications.jobPostingId, [...jobIds]), memberOf(actor)))
    .groupBy(applications.jobPostingId, applications.status);
  for (const row of rows) {
    const counts = (result[row.jobId] ??= emptyCounts());
    counts[row.status] += Number(row.n);
    counts.total += Number(row.n);
  }
  return result;
}

export interface InboxItem {
  id: string;
  applicantName: string;
  jobPostingId: string;
  jobTitle: string;
  createdAt: Date;
}

export interface EmployerInbox {
  /** Still `applied` (nobody has acted on them) and younger than 14 days, newest first. */
  fresh: InboxItem[];
  freshCount: number;
  /** Still `applied` 14 days or more after they arrived (or flagged by the worker), oldest first. */
  overdue: InboxItem[];
  overdueCount: number;
}

/** The employer dashboard's panel: new and overdue applications across the actor's organisations' postings. */
export async function getEmployerInbox(db: Db, actor: Actor, options: { now?: Date; limit?: number } = {}): Promise<EmployerInbox> {
  const now = options.now ?? new Date();
  const limit = options.limit ?? 8;
  const cutoff = new Date(now.getTime() - UNANSWERED_AFTER_MS);
  const late = or(lte(applications.createdAt, cutoff), isNotNull(applications.flaggedUnansweredAt))!;
  const waiting = and(eq(applications.status, "applied"), memberOf(actor));
  const freshWhere = and(waiting, sql`not (${late})`);
  const overdueWhere = and(waiting, late);
  const select = {
    id: applications.id,
    applicantName: veteranProfiles.fullName,
    jobPostingId: jobPostings.id,
    jobTitle: jobPostings.title,
    createdAt: applications.createdAt,
  };
  const base = () =>
    db
      .select(select)
      .from(applications)
      .innerJoin(jobPostings, eq(jobPostings.id, applications.jobPostingId))
      .innerJoin(veteranProfiles, eq(veteranProfiles.id, applications.veteranProfileId));
  const total = async (where: ReturnType<typeof and>) => {
    const [row] = await db
      .select({ n: count() })
      .from(applications)
      .innerJoin(jobPostings, eq(jobPostings.id, applications.jobPostingId))
      .where(where);
    return Number(row?.n ?? 0);
  };
  const [fresh, overdue, freshCount, overdueCount] = await Promise.all([
    base().where(freshWhere).orderBy(desc(applications.createdAt), applications.id).limit(limit),
    base().where(overdueWhere).orderBy(applications.createdAt, applications.id).limit(limit),
    total(freshWhere),
    total(overdueWhere),
  ]);
  return { fresh, freshCount, overdue, overdueCount };
}
