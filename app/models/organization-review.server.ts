// Staff's verification queue for organisations: list, verify (publishing what waited only for it), reject with a
// reason, badges; each member is mailed the outcome.
import { and, asc, count, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { jobPostings, memberships, organizations, users } from "../../db/schema";
import { enqueueEmail } from "../../emails/outbox";
import { ORGANIZATION_BADGES, REJECTION_REASON_MAX } from "../forms/organization";
import { recordAudit, type Actor } from "./authz.server";
import { scopeCondition, staffScope } from "./staff-scope.server";
import { isValidCreditCode } from "../utils/credit-code";
import { DomainError } from "./errors";
import { holdRejectedOrganizationListings, releaseHeldTrainingSlots } from "./organization-hold.server";
import { regionChain } from "./region.server";
import { enqueueLiveListings, loadOrganization, type VerificationStatus } from "./organization.server";

/** How long a posting published by the organisation's verification stays live. */
export const AUTO_PUBLISH_DAYS = 30;
const DAY_MS = 24 * 3600 * 1000;

export interface ReviewQueueOptions {
  status?: VerificationStatus;
  page?: number;
  pageSize?: number;
}

/** Organisations in one verification state for staff: oldest first for pending, newest review first otherwise. */
export async function listOrganizationsForReview(db: Db, actor: Actor, options: ReviewQueueOptions = {}) {
  const scope = await staffScope(db, actor);
  const status = options.status ?? "pending";
  const pageSize = Math.min(Math.max(options.pageSize ?? 20, 1), 100);
  // Staff review organisations of their station's region only.
  const where = and(eq(organizations.verificationStatus, status), scopeCondition(scope, organizations.regionCode));
  const [{ total }] = await db.select({ total: count() }).from(organizations).where(where);
  const pageCount = Math.max(1, Math.ceil(Number(total) / pageSize));
  const page = Math.min(Math.max(options.page ?? 1, 1), pageCount);
  const rows = await db
    .select()
    .from(organizations)
    .where(where)
    .orderBy(status === "pending" ? asc(organizations.updatedAt) : desc(sql`coalesce(${organizations.reviewedAt}, ${organizations.updatedAt})`), asc(organizations.id))
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  const ids = rows.map((r) => r.id);
  const members = ids.length
    ? await db
        .select({ organizationId: memberships.organizationId, displayName: users.displayName, email: users.email, role: memberships.role })
        .from(memberships)
        .innerJoin(users, eq(users.id, memberships.userId))
        .where(inArray(memberships.organizationId, ids))
        .orderBy(asc(memberships.createdAt))
    : [];
  const waiting = ids.length
    ? await db
        .select({ organizationId: jobPostings.organizationId, n: count() })
        .from(jobPostings)
        .where(and(inArray(jobPostings.organizationId, ids), eq(jobPostings.status, "pending_review"), isNull(jobPostings.reviewReason)))
        .groupBy(jobPostings.organizationId)
    : [];
  const items = [];
  for (const org of rows) {
    items.push({
      id: org.id,
      kind: org.kind,
      name: org.name,
      description: org.description,
      address: org.address,
      website: org.website,
      verificationStatus: org.verificationStatus,
      rejectionReason: org.rejectionReason,
      reviewedAt: org.reviewedAt,
      badges: org.badges,
      creditCode: org.creditCode,
      creditCodeValid: org.creditCode ? isValidCreditCode(org.creditCode) : false,
      licence: org.licencePath ? { filename: org.licenceFilename ?? "", mime: org.licenceMime ?? "", bytes: org.licenceBytes ?? 0, uploadedAt: org.licenceUploadedAt } : null,
      createdAt: org.createdAt,
      updatedAt: org.updatedAt,
      regionPath: org.regionCode ? await regionChain(db, org.regionCode) : [],
      members: members.filter((m) => m.organizationId === org.id).map(({ organizationId: _, ...m }) => m),
      waitingJobs: Number(waiting.find((w) => w.organizationId === org.id)?.n ?? 0),
    });
  }
  return { items, total: Number(total), page, pageCount, status };
}

async function mailMembers(
  tx: Db,
  org: { id: string; name: string },
  review: { auditId: number; outcome: "verified" | "rejected"; reason?: string; publishedJobs?: number },
  publicUrl: string,
) {
  const recipients = await tx
    .select({ id: users.id, email: users.email, displayName: users.displayName, locale: users.locale })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.organizationId, org.id));
  const base = publicUrl.replace(/\/+$/, "");
  for (const user of recipients) {
    await enqueueEmail(tx, {
      template: "organization_reviewed",
      to: user.email,
      locale: user.locale,
      userId: user.id,
      idempotencyKey: `organization_reviewed:${review.auditId}:${user.id}`,
      props: {
        name: user.displayName,
        organizationName: org.name,
        outcome: review.outcome,
        reason: review.reason,
        publishedJobs: review.publishedJobs ?? 0,
        url: review.outcome === "verified" ? `${base}/orgs/${org.id}` : `${base}/organization`,
      },
    });
  }
  return recipients.length;
}

export interface ReviewOptions {
  /** The site's public URL (config PUBLIC_URL), for links in the mail. */
  publicUrl: string;
  now?: Date;
}

/**
 * Staff verify an organisation (from pending or rejected). In one transaction: the status and reviewer, the jobs that
 * waited in pending_review ONLY because the organisation was unverified (review_reason null) are published for
 * AUTO_PUBLISH_DAYS, every live job and training slot is queued for search (they carry organization_verified), an
 * audit row, and a mail to each member.
 */
export async function verifyOrganization(db: Db, actor: Actor, organizationId: string, options: ReviewOptions) {
  const scope = await staffScope(db, actor);
  const now = options.now ?? new Date();
  return db.transaction(async (t) => {
    const tx = t as unknown as Db;
    const org = await loadOrganization(tx, organizationId, true, scope);
    if (org.verificationStatus === "verified") throw new DomainError("staff:errors.alreadyVerified");
    await tx
      .update(organizations)
      .set({ verificationStatus: "verified", rejectionReason: null, reviewedAt: now, reviewedByUserId: actor.id, updatedAt: now })
      .where(eq(organizations.id, organizationId));
    const published = await tx
      .update(jobPostings)
      .set({ status: "published", publishedAt: now, expiresAt: new Date(now.getTime() + AUTO_PUBLISH_DAYS * DAY_MS), updatedAt: now })
      .where(and(eq(jobPostings.organizationId, organizationId), eq(jobPostings.status, "pending_review"), isNull(jobPostings.reviewReason)))
      .returning({ id: jobPostings.id });
    const publishedJobIds = published.map((j) => j.id);
    await releaseHeldTrainingSlots(tx, organizationId, now);
    const { jobIds, slotIds } = await enqueueLiveListings(tx, organizationId);
    const auditId = await recordAudit(tx, actor, "organization.verify", organizationId, { previousStatus: org.verificationStatus, publishedJobIds });
    const mailed = await mailMembers(tx, org, { auditId, outcome: "verified", publishedJobs: publishedJobIds.length }, options.publicUrl);
    return { organizationName: org.name, publishedJobIds, reindexedJobIds: jobIds, reindexedTrainingSlotIds: slotIds, mailed };
  });
}

/**
 * Staff reject an organisation's verification (a pending one, or withdraw it from a verified one) with a reason the
 * members are mailed. Its published jobs and training slots are held (out of search, closed to applications and
 * enrolments) until it is verified again: organization-hold.server.ts.
 */
export async function rejectOrganization(db: Db, actor: Actor, organizationId: string, reason: string, options: ReviewOptions) {
  const scope = await staffScope(db, actor);
  const why = reason.trim();
  if (why.length < 2) throw new DomainError("staff:errors.reasonRequired", "reason");
  if (why.length > REJECTION_REASON_MAX) throw new DomainError("errors.tooLong", "reason");
  const now = options.now ?? new Date();
  return db.transaction(async (t) => {
    const tx = t as unknown as Db;
    const org = await loadOrganization(tx, organizationId, true, scope);
    if (org.verificationStatus === "rejected") throw new DomainError("staff:errors.alreadyRejected");
    await tx
      .update(organizations)
      .set({ verificationStatus: "rejected", rejectionReason: why, reviewedAt: now, reviewedByUserId: actor.id, updatedAt: now })
      .where(eq(organizations.id, organizationId));
    const held = await holdRejectedOrganizationListings(tx, { organizationId, now });
    const auditId = await recordAudit(tx, actor, "organization.reject", organizationId, {
      previousStatus: org.verificationStatus,
      reason: why,
      heldJobIds: held.jobIds,
      heldTrainingSlotIds: held.slotIds,
    });
    const mailed = await mailMembers(tx, org, { auditId, outcome: "rejected", reason: why }, options.publicUrl);
    return { organizationName: org.name, reindexedJobIds: held.jobIds, reindexedTrainingSlotIds: held.slotIds, mailed };
  });
}

/** Staff grant or revoke a badge. Granting needs a verified organisation (a certified base is a vetted one). */
export async function setOrganizationBadge(db: Db, actor: Actor, organizationId: string, badge: string, granted: boolean) {
  const scope = await staffScope(db, actor);
  if (!(ORGANIZATION_BADGES as readonly string[]).includes(badge)) throw new DomainError("staff:errors.unknownBadge", "badge");
  return db.transaction(async (t) => {
    const tx = t as unknown as Db;
    const org = await loadOrganization(tx, organizationId, true, scope);
    const has = org.badges.includes(badge);
    if (granted && org.verificationStatus !== "verified") throw new DomainError("staff:errors.badgeNeedsVerified");
    if (has === granted) return { badges: org.badges, changed: false };
    const badges = granted ? [...org.badges, badge] : org.badges.filter((b) => b !== badge);
    await tx.update(organizations).set({ badges, updatedAt: new Date() }).where(eq(organizations.id, organizationId));
    await recordAudit(tx, actor, "organization.badge", organizationId, { badge, granted });
    return { badges, changed: true };
  });
}
