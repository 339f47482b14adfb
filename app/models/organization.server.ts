// An organisation as its members keep it (profile, credit code; a change that needs review sends it back) and its
// public page. Staff review is in organization-review.server.ts, the business licence in organization-licence.server.ts.
import { and, desc, eq, gt, isNull, or, sql } from "drizzle-orm";
import { incubatorPackages } from "../../db/incubator-schema";
import type { Db } from "../../db/client";
import { jobPostings, organizations, regions, trainingSlots } from "../../db/schema";
import { enqueueSearchSync } from "../../search/sync";
import { SELF_EDITABLE_KINDS, type OrganizationProfileInput } from "../forms/organization";
import { assertOrganizationAccess, isStaff, recordAudit, requireUuid, type Actor } from "./authz.server";
import { DomainError, NotFoundError } from "./errors";
import { regionChain, type RegionOption } from "./region.server";
import { assertRegionInScope, type StaffScope } from "./staff-scope.server";

export type VerificationStatus = "pending" | "verified" | "rejected";

export async function loadOrganization(db: Db, organizationId: string, forUpdate = false, scope?: StaffScope) {
  requireUuid(organizationId);
  const query = db.select().from(organizations).where(eq(organizations.id, organizationId));
  const [org] = forUpdate ? await query.for("update") : await query;
  if (!org) throw new NotFoundError();
  // Staff reach only organisations inside their station's region; outside it the organisation does not exist for them.
  if (scope) assertRegionInScope(scope, org.regionCode);
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
