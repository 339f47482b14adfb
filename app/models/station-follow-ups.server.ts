import { and, asc, count, desc, eq, gt, isNotNull, isNull, lte } from "drizzle-orm";
import type { Db } from "../../db/client";
import { organizations, applications, jobPostings, regions, veteranProfiles } from "../../db/schema";
import { ventures } from "../../db/incubator-schema";
import { followUps } from "../../db/schema-service";
import { recordAudit, requireUuid, type Actor } from "./authz.server";
import { DomainError, NotFoundError } from "./errors";
import { recordFollowUp } from "./follow-ups.server";
import type { FollowUpView } from "../forms/stations";
import { assertRegionInScope, scopeCondition, staffScope } from "./staff-scope.server";

/*
 * The station's side of follow-ups after placement (issue 12 item 3): a hire, a fair signing or a venture start
 * schedules tasks at 1, 3 and 6 months (./follow-ups.server.ts); staff see the tasks of their region — due now, coming
 * up, done — and record each answer (still employed? satisfied? needs?), which the outcome dashboard counts as
 * retention. Scoped to the station's region like every staff list; each answer is audited (followup.record).
 */

const PAGE_SIZE = 20;

export interface FollowUpRow {
  id: string;
  month: number;
  source: string;
  dueAt: Date;
  placedAt: Date;
  doneAt: Date | null;
  stillEmployed: boolean | null;
  satisfied: boolean | null;
  needs: string;
  veteranProfileId: string;
  fullName: string;
  phone: string | null;
  regionName: string | null;
  /** The employer of the hire or signing, or the venture's name. */
  placedWith: string | null;
}

/** The follow-ups of the staff member's region in one view: due (oldest first), upcoming (soonest first) or done (newest first). */
export async function listFollowUpsForStaff(
  db: Db,
  staff: Actor,
  options: { view?: FollowUpView; page?: number; now?: Date } = {},
): Promise<{ rows: FollowUpRow[]; total: number; page: number; pageCount: number; view: FollowUpView }> {
  const scope = await staffScope(db, staff);
  const view = options.view ?? "due";
  const now = options.now ?? new Date();
  const state =
    view === "done" ? isNotNull(followUps.doneAt) : view === "due" ? and(isNull(followUps.doneAt), lte(followUps.dueAt, now)) : and(isNull(followUps.doneAt), gt(followUps.dueAt, now));
  const where = and(state, scopeCondition(scope, followUps.regionCode));
  const [{ total } = { total: 0 }] = await db.select({ total: count() }).from(followUps).where(where);
  const pageCount = Math.max(1, Math.ceil(Number(total) / PAGE_SIZE));
  const page = Math.min(Math.max(options.page ?? 1, 1), pageCount);
  const rows = await db
    .select({
      id: followUps.id,
      month: followUps.month,
      source: followUps.source,
      dueAt: followUps.dueAt,
      placedAt: followUps.placedAt,
      doneAt: followUps.doneAt,
      stillEmployed: followUps.stillEmployed,
      satisfied: followUps.satisfied,
      needs: followUps.needs,
      veteranProfileId: veteranProfiles.id,
      fullName: veteranProfiles.fullName,
      phone: veteranProfiles.phone,
      regionName: regions.name,
      employer: organizations.name,
      venture: ventures.name,
    })
    .from(followUps)
    .innerJoin(veteranProfiles, eq(veteranProfiles.id, followUps.veteranProfileId))
    .leftJoin(regions, eq(regions.code, followUps.regionCode))
    .leftJoin(applications, eq(applications.id, followUps.applicationId))
    .leftJoin(jobPostings, eq(jobPostings.id, applications.jobPostingId))
    .leftJoin(organizations, eq(organizations.id, jobPostings.organizationId))
    .leftJoin(ventures, eq(ventures.id, followUps.ventureId))
    .where(where)
    .orderBy(view === "done" ? desc(followUps.doneAt) : asc(followUps.dueAt), asc(followUps.id))
    .limit(PAGE_SIZE)
    .offset((page - 1) * PAGE_SIZE);
  return {
    rows: rows.map(({ employer, venture, ...r }) => ({ ...r, placedWith: employer ?? venture ?? null })),
    total: Number(total),
    page,
    pageCount,
    view,
  };
}

/** How many follow-ups of the staff member's region are due now (for the dashboard and the nav). */
export async function countDueFollowUps(db: Db, staff: Actor, now = new Date()): Promise<number> {
  const scope = await staffScope(db, staff);
  const [row] = await db
    .select({ n: count() })
    .from(followUps)
    .where(and(isNull(followUps.doneAt), lte(followUps.dueAt, now), scopeCondition(scope, followUps.regionCode)));
  return Number(row?.n ?? 0);
}

export interface FollowUpAnswer {
  stillEmployed: boolean;
  satisfied: boolean | null;
  needs: string;
}

/**
 * Staff of the veteran's region record a follow-up's answer (once; a follow-up outside their region does not exist
 * for them). Audited with the answer.
 */
export async function recordFollowUpForStaff(db: Db, staff: Actor, followUpId: string, answer: FollowUpAnswer, now = new Date()) {
  const scope = await staffScope(db, staff);
  requireUuid(followUpId);
  return db.transaction(async (t) => {
    const tx = t as unknown as Db;
    const [task] = await tx.select().from(followUps).where(eq(followUps.id, followUpId)).for("update");
    if (!task) throw new NotFoundError();
    assertRegionInScope(scope, task.regionCode);
    if (task.doneAt) throw new DomainError("stations:followUps.errors.alreadyDone", undefined, 409);
    await recordFollowUp(tx, followUpId, { ...answer, doneByUserId: staff.id, doneAt: now });
    await recordAudit(tx, staff, "followup.record", followUpId, { veteranProfileId: task.veteranProfileId, month: task.month, ...answer });
    return { id: followUpId };
  });
}
