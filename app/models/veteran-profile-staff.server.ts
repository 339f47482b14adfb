// Service-station staff and veterans' files (assisted mode): reading (audited, ID masked), creating and updating on
// the veteran's behalf with their consent recorded, the 优待证 check, and the staff search.
import { and, asc, count, desc, eq, ilike, like, or } from "drizzle-orm";
import type { Db } from "../../db/client";
import { regions, veteranProfiles, type VeteranProfile } from "../../db/schema";
import type { Visibility } from "../../db/enums";
import { recordAudit, requireUuid, type Actor } from "./authz.server";
import { DomainError, NotFoundError } from "./errors";
import { assertRegionInScope, regionInScope, regionPrefix, regionWithin, scopeCondition, staffScope, type StaffScope } from "./staff-scope.server";
import { columnsFrom, toView, writeProfile, type ProfileInput, type ProfileView } from "./veteran-profile.server";

/**
 * A veteran's file as staff may reach it: inside their station's region, or NotFoundError (a file outside it does
 * not exist for them). `forUpdate` locks the row inside the caller's transaction.
 */
export async function loadProfileInScope(db: Db, scope: StaffScope, profileId: string, forUpdate = false): Promise<VeteranProfile> {
  requireUuid(profileId);
  const query = db.select().from(veteranProfiles).where(eq(veteranProfiles.id, profileId));
  const [row] = forUpdate ? await query.for("update") : await query;
  if (!row) throw new NotFoundError();
  assertRegionInScope(scope, row.regionCode);
  return row;
}

/** The file's region a staff member may write: inside their scope; none or a region above their station means the station's own. */
export function staffRegionFor(scope: StaffScope, wanted: string | null): string | null {
  const home = scope.station?.regionCode ?? null;
  if (home && (!wanted || regionWithin(home, wanted))) return home;
  if (!regionInScope(scope, wanted)) throw new DomainError("stations:errors.regionOutsideStation", "regionCode", 403);
  return wanted;
}

/** Staff read of a file: written to audit_log ('profile.read'); the national ID stays masked. */
export async function getProfileForStaff(db: Db, staff: Actor, profileId: string, encryptionKey: string): Promise<ProfileView> {
  const scope = await staffScope(db, staff);
  const row = await loadProfileInScope(db, scope, profileId);
  await recordAudit(db, staff, "profile.read", row.id);
  return toView(row, encryptionKey, false);
}

/** Staff create (profileId null) or update a veteran's file on their behalf, with the veteran's consent recorded. */
export async function saveProfileAssisted(
  db: Db,
  staff: Actor,
  profileId: string | null,
  input: ProfileInput & { assistedConsent?: "on" },
  encryptionKey: string,
): Promise<ProfileView> {
  const scope = await staffScope(db, staff);
  if (profileId) await loadProfileInScope(db, scope, profileId);
  if (input.assistedConsent !== "on") throw new DomainError("profile:errors.assistedConsent", "assistedConsent");
  const values = await columnsFrom(db, input, encryptionKey);
  // Staff keep files of their own region: a file placed above the station (or nowhere) is placed at the station.
  values.regionCode = staffRegionFor(scope, values.regionCode);
  const row = await db.transaction(async (tx) => {
    const existing: VeteranProfile | null = profileId ? await loadProfileInScope(tx, scope, profileId, true) : null;
    const written = await writeProfile(tx, existing, values, input, { createdByStaffUserId: staff.id, encryptionKey }, { recordedByUserId: staff.id, assisted: true });
    await recordAudit(tx, staff, existing ? "profile.update" : "profile.create", written.id);
    return written;
  });
  return toView(row, encryptionKey, false);
}

/**
 * Staff mark a veteran's status checked against the 优待证 they were shown (or take the mark back). Needs a stored
 * card number; audited. A later change of the number clears the mark.
 */
export async function setVeteranStatusVerified(db: Db, staff: Actor, profileId: string, verified: boolean, now = new Date()) {
  const scope = await staffScope(db, staff);
  return db.transaction(async (tx) => {
    const row = await loadProfileInScope(tx, scope, profileId, true);
    if (verified && !row.preferentialCardEncrypted) throw new DomainError("profile:errors.preferentialCardMissing", "preferentialCard");
    await tx
      .update(veteranProfiles)
      .set(verified ? { veteranStatusVerifiedAt: now, veteranStatusVerifiedByUserId: staff.id } : { veteranStatusVerifiedAt: null, veteranStatusVerifiedByUserId: null })
      .where(eq(veteranProfiles.id, profileId));
    await recordAudit(tx, staff, "profile.card.verify", profileId, { verified });
    return { verified };
  });
}

export interface StaffVeteranRow {
  id: string;
  fullName: string;
  phone: string | null;
  regionCode: string | null;
  regionName: string | null;
  specialty: string | null;
  visibility: Visibility;
  hasAccount: boolean;
  updatedAt: Date;
}

/** Search veterans' files by name, phone or region code prefix (staff only), newest first. */
export async function searchVeteransForStaff(
  db: Db,
  staff: Actor,
  query: { q?: string; region?: string; page?: number; pageSize?: number },
): Promise<{ rows: StaffVeteranRow[]; total: number; page: number; pageCount: number }> {
  const scope = await staffScope(db, staff);
  const pageSize = query.pageSize ?? 20;
  const page = Math.max(1, query.page ?? 1);
  const q = query.q?.trim();
  const escaped = q?.replace(/[\\%_]/g, (c) => `\\${c}`);
  const region = query.region && /^\d+$/.test(query.region) ? query.region : undefined;
  const where = and(
    scopeCondition(scope, veteranProfiles.regionCode),
    escaped ? or(ilike(veteranProfiles.fullName, `%${escaped}%`), like(veteranProfiles.phone, `%${escaped}%`)) : undefined,
    region ? like(veteranProfiles.regionCode, `${regionPrefix(region)}%`) : undefined,
  );
  const [{ total }] = await db.select({ total: count() }).from(veteranProfiles).where(where);
  const rows = await db
    .select({
      id: veteranProfiles.id,
      fullName: veteranProfiles.fullName,
      phone: veteranProfiles.phone,
      regionCode: veteranProfiles.regionCode,
      regionName: regions.name,
      specialty: veteranProfiles.specialty,
      visibility: veteranProfiles.visibility,
      userId: veteranProfiles.userId,
      updatedAt: veteranProfiles.updatedAt,
    })
    .from(veteranProfiles)
    .leftJoin(regions, eq(regions.code, veteranProfiles.regionCode))
    .where(where)
    .orderBy(desc(veteranProfiles.updatedAt), asc(veteranProfiles.id))
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  await recordAudit(db, staff, "profile.search", null, { q: q ?? null, region: query.region ?? null, page, results: rows.length });
  return {
    rows: rows.map(({ userId, ...r }) => ({ ...r, hasAccount: Boolean(userId) })),
    total: Number(total),
    page,
    pageCount: Math.max(1, Math.ceil(Number(total) / pageSize)),
  };
}
