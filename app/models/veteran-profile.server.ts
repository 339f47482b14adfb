// A veteran's own file: reading it (national ID in full for its owner), writing it with consent records, and the
// consent history. Staff (assisted mode) are in veteran-profile-staff.server.ts, employers' view in
// veteran-profile-employer.server.ts, the form's state in profile-form.server.ts.
import { desc, eq, inArray } from "drizzle-orm";
import type { Db } from "../../db/client";
import { consentRecords, regions, veteranProfiles, type VeteranProfile } from "../../db/schema";
import { enqueueSearchSync } from "../../search/sync";
import { CONSENT_TEXT_VERSION, maskNationalId, profileCompleteness, type ProfileFormValue } from "../forms/profile";
import { decrypt, encrypt, keyedHash } from "../utils/crypto.server";
import { type Actor } from "./authz.server";
import { DomainError, ForbiddenError } from "./errors";
import { skillIdFor } from "./profile-vocabulary.server";
import type { Visibility } from "../../db/enums";

/** What a profile form submits, after the schema (the assisted form adds nothing the model needs). */
export type ProfileInput = Omit<ProfileFormValue, "addDesiredRegion" | "extraSkills" | "extraRoles" | "consent" | "regionCodeNew"> & {
  addDesiredRegion?: string;
  regionCodeNew?: string;
  extraSkills?: string[];
  extraRoles?: string[];
  consent?: "on";
};

// ---------------------------------------------------------------- reading
export interface ProfileView extends Omit<VeteranProfile, "nationalIdEncrypted" | "nationalIdHash" | "preferentialCardEncrypted"> {
  /** The full number for its owner; masked for everyone else; null when none is stored. */
  nationalId: string | null;
  nationalIdMasked: boolean;
  /** The 优待证 number, shown like the national ID: in full to its owner, masked to everyone else. */
  preferentialCard: string | null;
  completeness: ReturnType<typeof profileCompleteness>;
}

export function toView(row: VeteranProfile, encryptionKey: string, owner: boolean): ProfileView {
  const { nationalIdEncrypted, nationalIdHash: _hash, preferentialCardEncrypted, ...rest } = row;
  const reveal = (encrypted: string | null) => {
    if (!encrypted) return null;
    const plain = decrypt(encrypted, encryptionKey);
    return owner ? plain : maskNationalId(plain);
  };
  const nationalId = reveal(nationalIdEncrypted);
  const preferentialCard = reveal(preferentialCardEncrypted);
  return { ...rest, nationalId, nationalIdMasked: Boolean(nationalId) && !owner, preferentialCard, completeness: profileCompleteness(row) };
}

async function profileOfUser(db: Db, userId: string) {
  const [row] = await db.select().from(veteranProfiles).where(eq(veteranProfiles.userId, userId));
  return row ?? null;
}

/** The signed-in veteran's own file (national ID in full), or null before they create one. */
export async function getOwnProfile(db: Db, user: Actor, encryptionKey: string): Promise<ProfileView | null> {
  if (user.role !== "veteran") throw new ForbiddenError();
  const row = await profileOfUser(db, user.id);
  return row ? toView(row, encryptionKey, true) : null;
}

// ---------------------------------------------------------------- writing
async function assertRegions(db: Db, codes: string[], field: string) {
  const unique = [...new Set(codes)];
  if (unique.length === 0) return;
  const found = await db.select({ code: regions.code }).from(regions).where(inArray(regions.code, unique));
  if (found.length !== unique.length) throw new DomainError("errors.regionUnknown", field);
}

/** Normalise what the form sent into column values (skill ids, merged lists). */
export async function columnsFrom(db: Db, input: ProfileInput, encryptionKey: string) {
  const skills: string[] = [];
  for (const raw of [...input.skills, ...(input.extraSkills ?? [])]) {
    const value = raw.trim();
    if (!value) continue;
    // Known skills are stored by id; free text the taxonomy does not know is kept as the veteran wrote it.
    const id = skillIdFor(value) ?? value;
    if (!skills.includes(id)) skills.push(id);
  }
  const desiredRoles = [...new Set([...input.desiredRoles, ...(input.extraRoles ?? [])].map((r) => r.trim()).filter(Boolean))];
  const desiredRegionCodes = [...new Set([...input.desiredRegionCodes, ...(input.addDesiredRegion ? [input.addDesiredRegion] : [])])];
  if (desiredRegionCodes.length > 10) throw new DomainError("profile:errors.tooMany", "desiredRegionCodes");
  const regionCode = input.regionCodeNew ?? input.regionCode ?? null;
  await assertRegions(db, regionCode ? [regionCode] : [], "regionCode");
  await assertRegions(db, desiredRegionCodes, "desiredRegionCodes");
  return {
    fullName: input.fullName,
    phone: input.phone ?? null,
    contactEmail: input.contactEmail ?? null,
    regionCode,
    branch: input.branch ?? null,
    specialty: input.specialty ?? null,
    rank: input.rank ?? null,
    yearsServed: input.yearsServed ?? null,
    dischargeYear: input.dischargeYear ?? null,
    honours: input.honours,
    education: input.education ?? null,
    certificates: input.certificates,
    skills,
    desiredRoles,
    desiredRegionCodes,
    salaryMin: input.salaryMin ?? null,
    jobTypes: [...new Set(input.jobTypes)],
    visibility: input.visibility as Visibility,
    // An empty ID field keeps the stored number (the form never echoes it back to anyone but its owner).
    ...(input.nationalId ? { nationalIdEncrypted: encrypt(input.nationalId, encryptionKey), nationalIdHash: keyedHash(input.nationalId, encryptionKey) } : {}),
    // A new 优待证 number clears the staff check made against the old one (writeProfile compares them).
    ...(input.preferentialCard ? { preferentialCardEncrypted: encrypt(input.preferentialCard, encryptionKey), preferentialCardPlain: input.preferentialCard } : {}),
  };
}

interface ConsentContext {
  recordedByUserId: string;
  /** Staff acting for the veteran: an assisted_service consent is recorded with every write. */
  assisted: boolean;
}

export async function writeProfile(
  tx: Db,
  existing: VeteranProfile | null,
  values: Awaited<ReturnType<typeof columnsFrom>>,
  input: ProfileInput,
  extra: { userId?: string; createdByStaffUserId?: string; encryptionKey: string },
  consent: ConsentContext,
): Promise<VeteranProfile> {
  const now = new Date();
  const visible = values.visibility !== "hidden";
  const visibilityChanged = !existing || existing.visibility !== values.visibility;
  const consentCurrent = existing?.consentAt && existing.consentVersion === CONSENT_TEXT_VERSION;
  const consentGiven = input.consent === "on";
  // Showing the file to employers needs consent to the current text; ticking the box again records it again.
  if (visible && !consentGiven && (!consentCurrent || visibilityChanged)) {
    throw new DomainError("profile:errors.consentRequired", "consent");
  }
  const recordConsent = visible && (consentGiven || visibilityChanged);
  const { preferentialCardPlain, ...columns } = values;
  const cardChanged =
    preferentialCardPlain !== undefined &&
    (!existing?.preferentialCardEncrypted || decrypt(existing.preferentialCardEncrypted, extra.encryptionKey) !== preferentialCardPlain);
  if (!cardChanged) delete (columns as { preferentialCardEncrypted?: string }).preferentialCardEncrypted;
  const statusColumns = cardChanged ? { veteranStatusVerifiedAt: null, veteranStatusVerifiedByUserId: null } : {};
  const consentColumns = recordConsent ? { consentAt: now, consentVersion: CONSENT_TEXT_VERSION } : {};
  let row: VeteranProfile;
  if (existing) {
    [row] = await tx
      .update(veteranProfiles)
      .set({ ...columns, ...statusColumns, ...consentColumns, updatedAt: now })
      .where(eq(veteranProfiles.id, existing.id))
      .returning();
  } else {
    [row] = await tx
      .insert(veteranProfiles)
      .values({ ...columns, ...consentColumns, userId: extra.userId ?? null, createdByStaffUserId: extra.createdByStaffUserId ?? null })
      .returning();
  }
  if (recordConsent || (visibilityChanged && existing)) {
    await tx.insert(consentRecords).values({
      veteranProfileId: row.id,
      kind: "visibility",
      value: values.visibility,
      textVersion: CONSENT_TEXT_VERSION,
      recordedByUserId: consent.recordedByUserId,
    });
  }
  if (consent.assisted) {
    await tx.insert(consentRecords).values({
      veteranProfileId: row.id,
      kind: "assisted_service",
      value: existing ? "update" : "create",
      textVersion: CONSENT_TEXT_VERSION,
      recordedByUserId: consent.recordedByUserId,
    });
  }
  await enqueueSearchSync(tx, "veteran_profiles", [row.id]);
  return row;
}

/** Create or update the signed-in veteran's own file; consent is recorded when it becomes visible. */
export async function saveOwnProfile(db: Db, user: Actor, input: ProfileInput, encryptionKey: string): Promise<ProfileView> {
  if (user.role !== "veteran") throw new ForbiddenError();
  const values = await columnsFrom(db, input, encryptionKey);
  const row = await db.transaction(async (tx) => {
    const [existing] = await tx.select().from(veteranProfiles).where(eq(veteranProfiles.userId, user.id)).for("update");
    return writeProfile(tx, existing ?? null, values, input, { userId: user.id, encryptionKey }, { recordedByUserId: user.id, assisted: false });
  });
  return toView(row, encryptionKey, true);
}

/** Consents recorded for a file, newest first (owner or staff). */
export async function listConsents(db: Db, profileId: string) {
  return db
    .select()
    .from(consentRecords)
    .where(eq(consentRecords.veteranProfileId, profileId))
    .orderBy(desc(consentRecords.createdAt), desc(consentRecords.id));
}
