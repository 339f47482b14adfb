import { and, asc, count, desc, eq, gt, inArray, isNull, or, sql } from "drizzle-orm";
import { incubatorPackages } from "../../db/incubator-schema";
import type { Db } from "../../db/client";
import { jobPostings, memberships, organizations, regions, trainingSlots, users } from "../../db/schema";
import { enqueueEmail } from "../../emails/outbox";
import { enqueueSearchSync } from "../../search/sync";
import {
  ORGANIZATION_BADGES,
  REJECTION_REASON_MAX,
  SELF_EDITABLE_KINDS,
  type OrganizationBadge,
  type OrganizationProfileInput,
} from "../forms/organization";
import {
  assertOrganizationAccess,
  isMember,
  isStaff,
  recordAudit,
  requireStaff,
  requireUuid,
  type Actor,
} from "./authz.server";
import { isValidCreditCode } from "../utils/credit-code";
import { CONTROL_CHARS, detectScanKind, readUpload, removeUpload, SCAN_MIME, storeUpload, uploadsDir } from "../utils/upload.server";
import { DomainError, NotFoundError } from "./errors";
import { holdRejectedOrganizationListings, releaseHeldTrainingSlots } from "./organization-hold.server";
import { regionChain, type RegionOption } from "./region.server";

export type VerificationStatus = "pending" | "verified" | "rejected";
export { ORGANIZATION_BADGES, type OrganizationBadge };

/** How long a posting published by the organisation's verification stays live. */
export const AUTO_PUBLISH_DAYS = 30;
const DAY_MS = 24 * 3600 * 1000;

async function loadOrganization(db: Db, organizationId: string, forUpdate = false) {
  requireUuid(organizationId);
  const query = db.select().from(organizations).where(eq(organizations.id, organizationId));
  const [org] = forUpdate ? await query.for("update") : await query;
  if (!org) throw new NotFoundError();
  return org;
}

// ------------------------------------------------------------------ profile (members)

/** The full record for the edit form, with the region chain for display. Members, staff and admins only. */
export async function getOrganizationForEdit(db: Db, actor: Actor, organizationId: string) {
  await assertOrganizationAccess(db, actor, organizationId);
  const org = await loadOrganization(db, organizationId);
  return { ...org, regionPath: org.regionCode ? await regionChain(db, org.regionCode) : [] };
}

export interface ProfileUpdateResult {
  /** The organisation went (back) to pending: a verified one changed its name, or a rejected one was corrected. */
  needsReview: boolean;
}

/**
 * A member edits the organisation's profile. Rules:
 * - Verification vouches for the name, so renaming a VERIFIED organisation sends it back to `pending` (its live
 *   jobs stay published but lose the verified mark until staff verify it again). Other fields keep it verified.
 * - Saving a REJECTED organisation resubmits it: back to `pending`, the old reason cleared (kept in audit_log).
 * - Only employer ↔ training_provider may be switched here; other kinds are fixed.
 * Search documents carry the organisation's name and verified flag, so those changes enqueue its live jobs and
 * training slots in the same transaction.
 */
export async function updateOrganizationProfile(
  db: Db,
  actor: Actor,
  organizationId: string,
  input: OrganizationProfileInput,
): Promise<ProfileUpdateResult> {
  await assertOrganizationAccess(db, actor, organizationId);
  return db.transaction(async (tx) => {
    const org = await loadOrganization(tx as unknown as Db, organizationId, true);
    let kind = org.kind;
    if (input.kind && input.kind !== org.kind) {
      const editable = SELF_EDITABLE_KINDS as readonly string[];
      if (!editable.includes(org.kind) || !editable.includes(input.kind)) throw new DomainError("staff:errors.kindLocked", "kind");
      kind = input.kind;
    }
    let regionCode = org.regionCode;
    if (input.regionCode && input.regionCode !== org.regionCode) {
      const [region] = await tx.select({ code: regions.code }).from(regions).where(eq(regions.code, input.regionCode));
      if (!region) throw new DomainError("errors.regionUnknown", "regionCode");
      regionCode = region.code;
    }
    const renamed = input.name !== org.name;
    const creditCode = input.creditCode ?? org.creditCode;
    const recoded = creditCode !== org.creditCode;
    if (recoded && creditCode) {
      const [taken] = await tx
        .select({ id: organizations.id })
        .from(organizations)
        .where(and(eq(organizations.creditCode, creditCode), sql`${organizations.id} <> ${organizationId}`));
      if (taken) throw new DomainError("staff:errors.creditCodeTaken", "creditCode");
    }
    // Verification vouches for the name and the credit code: changing either sends a verified organisation back.
    const needsReview =
      (org.verificationStatus === "verified" && (renamed || recoded) && !isStaff(actor)) || org.verificationStatus === "rejected";
    const changes = {
      name: input.name,
      description: input.description ?? null,
      address: input.address ?? null,
      website: input.website ?? null,
      regionCode,
      kind,
      creditCode,
    };
    const changed = Object.entries(changes)
      .filter(([key, value]) => org[key as keyof typeof org] !== value)
      .map(([key]) => key);
    await tx
      .update(organizations)
      .set({
        ...changes,
        ...(needsReview ? { verificationStatus: "pending" as const, rejectionReason: null } : {}),
        updatedAt: new Date(),
      })
      .where(eq(organizations.id, organizationId));
    await recordAudit(tx, actor, "organization.update", organizationId, {
        changed,
        ...(renamed ? { previousName: org.name } : {}),
        ...(needsReview ? { previousStatus: org.verificationStatus, previousReason: org.rejectionReason } : {}),
    });
    if (renamed || (needsReview && org.verificationStatus === "verified")) await enqueueLiveListings(tx as unknown as Db, organizationId);
    return { needsReview };
  });
}

/** Queue the organisation's published jobs and training slots for re-indexing (their documents carry its name and flag). */
/** Queue an organisation's live jobs and training slots for search (they carry organization_verified). */
export async function enqueueLiveListings(tx: Db, organizationId: string): Promise<{ jobIds: string[]; slotIds: string[] }> {
  const jobs = await tx
    .select({ id: jobPostings.id })
    .from(jobPostings)
    .where(and(eq(jobPostings.organizationId, organizationId), eq(jobPostings.status, "published")));
  const slots = await tx
    .select({ id: trainingSlots.id })
    .from(trainingSlots)
    .where(and(eq(trainingSlots.organizationId, organizationId), eq(trainingSlots.status, "published")));
  const jobIds = jobs.map((j) => j.id);
  const slotIds = slots.map((s) => s.id);
  await enqueueSearchSync(tx, "jobs", jobIds);
  await enqueueSearchSync(tx, "training_slots", slotIds);
  const packages = await tx
    .select({ id: incubatorPackages.id })
    .from(incubatorPackages)
    .where(and(eq(incubatorPackages.organizationId, organizationId), eq(incubatorPackages.status, "published")));
  await enqueueSearchSync(
    tx,
    "incubator_packages",
    packages.map((p) => p.id),
  );
  return { jobIds, slotIds };
}

// ------------------------------------------------------------------ public page

export interface PublicOrganization {
  id: string;
  kind: string;
  name: string;
  description: string | null;
  address: string | null;
  website: string | null;
  verificationStatus: VerificationStatus;
  badges: string[];
  regionPath: RegionOption[];
  jobs: { id: string; title: string; regionCode: string; salaryMin: number | null; salaryMax: number | null; jobType: string; publishedAt: Date | null }[];
  /** The viewer may edit it (a member, staff or admin). */
  canEdit: boolean;
}

/**
 * An organisation's public page with its live (published, unexpired) jobs. Rejected organisations are shown only
 * to their members and staff; everyone else gets NotFoundError.
 */
export async function getPublicOrganization(db: Db, organizationId: string, viewer: Actor | null, now = new Date()): Promise<PublicOrganization> {
  const org = await loadOrganization(db, organizationId);
  let canEdit = false;
  if (viewer) {
    try {
      await assertOrganizationAccess(db, viewer, organizationId);
      canEdit = true;
    } catch {
      canEdit = false;
    }
  }
  if (org.verificationStatus === "rejected" && !canEdit) throw new NotFoundError();
  const jobs = await db
    .select({
      id: jobPostings.id,
      title: jobPostings.title,
      regionCode: jobPostings.regionCode,
      salaryMin: jobPostings.salaryMin,
      salaryMax: jobPostings.salaryMax,
      jobType: jobPostings.jobType,
      publishedAt: jobPostings.publishedAt,
    })
    .from(jobPostings)
    .where(
      and(
        eq(jobPostings.organizationId, organizationId),
        eq(jobPostings.status, "published"),
        or(isNull(jobPostings.expiresAt), gt(jobPostings.expiresAt, now)),
      ),
    )
    .orderBy(desc(jobPostings.publishedAt))
    .limit(100);
  return {
    id: org.id,
    kind: org.kind,
    name: org.name,
    description: org.description,
    address: org.address,
    website: org.website,
    verificationStatus: org.verificationStatus,
    badges: org.badges,
    regionPath: org.regionCode ? await regionChain(db, org.regionCode) : [],
    jobs,
    canEdit,
  };
}

// ------------------------------------------------------------------ verification queue (staff)

export interface ReviewQueueOptions {
  status?: VerificationStatus;
  page?: number;
  pageSize?: number;
}

/** Organisations in one verification state for staff: oldest first for pending, newest review first otherwise. */
export async function listOrganizationsForReview(db: Db, actor: Actor, options: ReviewQueueOptions = {}) {
  requireStaff(actor);
  const status = options.status ?? "pending";
  const pageSize = Math.min(Math.max(options.pageSize ?? 20, 1), 100);
  const [{ total }] = await db.select({ total: count() }).from(organizations).where(eq(organizations.verificationStatus, status));
  const pageCount = Math.max(1, Math.ceil(Number(total) / pageSize));
  const page = Math.min(Math.max(options.page ?? 1, 1), pageCount);
  const rows = await db
    .select()
    .from(organizations)
    .where(eq(organizations.verificationStatus, status))
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
  requireStaff(actor);
  const now = options.now ?? new Date();
  return db.transaction(async (t) => {
    const tx = t as unknown as Db;
    const org = await loadOrganization(tx, organizationId, true);
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
  requireStaff(actor);
  const why = reason.trim();
  if (why.length < 2) throw new DomainError("staff:errors.reasonRequired", "reason");
  if (why.length > REJECTION_REASON_MAX) throw new DomainError("errors.tooLong", "reason");
  const now = options.now ?? new Date();
  return db.transaction(async (t) => {
    const tx = t as unknown as Db;
    const org = await loadOrganization(tx, organizationId, true);
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
  requireStaff(actor);
  if (!(ORGANIZATION_BADGES as readonly string[]).includes(badge)) throw new DomainError("staff:errors.unknownBadge", "badge");
  return db.transaction(async (t) => {
    const tx = t as unknown as Db;
    const org = await loadOrganization(tx, organizationId, true);
    const has = org.badges.includes(badge);
    if (granted && org.verificationStatus !== "verified") throw new DomainError("staff:errors.badgeNeedsVerified");
    if (has === granted) return { badges: org.badges, changed: false };
    const badges = granted ? [...org.badges, badge] : org.badges.filter((b) => b !== badge);
    await tx.update(organizations).set({ badges, updatedAt: new Date() }).where(eq(organizations.id, organizationId));
    await recordAudit(tx, actor, "organization.badge", organizationId, { badge, granted });
    return { badges, changed: true };
  });
}

// ------------------------------------------------------------------ business licence (evidence for verification)

export const MAX_LICENCE_BYTES = 5 * 1024 * 1024;

/**
 * A member uploads the organisation's business licence (PDF, JPEG or PNG, judged by content, ≤ 5 MB). It replaces
 * the previous scan; a verified organisation stays verified (the credit code and name are what verification vouches
 * for), and staff see the new scan beside the request.
 */
export async function storeOrganizationLicence(
  db: Db,
  actor: Actor,
  organizationId: string,
  file: { filename: string; bytes: Uint8Array },
  options: { storageDir?: string; now?: Date } = {},
): Promise<void> {
  requireUuid(organizationId);
  await assertOrganizationAccess(db, actor, organizationId);
  if (file.bytes.byteLength > MAX_LICENCE_BYTES) throw new DomainError("staff:errors.licenceTooLarge", "licence");
  const kind = detectScanKind(file.bytes);
  if (!kind) throw new DomainError("staff:errors.licenceType", "licence");
  const dir = options.storageDir ?? uploadsDir();
  const stored = await storeUpload(file.bytes, kind, dir);
  let previous: string | null = null;
  try {
    await db.transaction(async (tx) => {
      const org = await loadOrganization(tx as unknown as Db, organizationId, true);
      previous = org.licencePath;
      await tx
        .update(organizations)
        .set({
          licencePath: stored.name,
          licenceMime: SCAN_MIME[kind],
          licenceFilename: file.filename.replace(CONTROL_CHARS, "").slice(0, 200) || `licence.${kind}`,
          licenceBytes: file.bytes.byteLength,
          licenceUploadedAt: options.now ?? new Date(),
          updatedAt: new Date(),
        })
        .where(eq(organizations.id, organizationId));
      await recordAudit(tx, actor, "organization.licence.upload", organizationId, { bytes: file.bytes.byteLength, mime: SCAN_MIME[kind] });
    });
  } catch (error) {
    await removeUpload(stored.name, dir);
    throw error;
  }
  if (previous) await removeUpload(previous, dir);
}

/** The licence scan for the organisation's members and staff (staff reads are audited); 404 for everyone else. */
export async function getOrganizationLicence(db: Db, actor: Actor, organizationId: string, options: { storageDir?: string } = {}) {
  requireUuid(organizationId);
  if (!isStaff(actor) && !(await isMember(db, actor.id, organizationId))) throw new NotFoundError();
  const org = await loadOrganization(db, organizationId);
  if (!org.licencePath) throw new NotFoundError();
  const bytes = await readUpload(org.licencePath, options.storageDir ?? uploadsDir());
  if (isStaff(actor)) await recordAudit(db, actor, "organization.licence.read", organizationId);
  return { bytes, mime: org.licenceMime ?? "application/octet-stream", filename: org.licenceFilename ?? "licence" };
}
