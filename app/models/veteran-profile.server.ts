import { and, asc, count, desc, eq, ilike, inArray, like, or } from "drizzle-orm";
import type { Db } from "../../db/client";
import {
  applications,
  consentRecords,
  contactRequests,
  jobPostings,
  regions,
  veteranProfiles,
  type VeteranProfile,
} from "../../db/schema";
import { enqueueSearchSync } from "../../search/sync";
import {
  getSkill,
  getSpecialty,
  normalizeSkill,
  skillsForCertificates,
  suggestFromSpecialty,
  taxonomy,
  type SpecialtySuggestion,
} from "../../search/taxonomy";
import {
  CONSENT_TEXT_VERSION,
  maskNationalId,
  normalizeEducation,
  profileCompleteness,
  PROFILE_LIST_LIMITS,
  splitList,
  type ProfileFormValue,
} from "../forms/profile";
import { decrypt, encrypt } from "../utils/crypto.server";
import { recordAudit, requireActingOrganization, requireStaff, requireUuid, type Actor } from "./authz.server";
import { DomainError, ForbiddenError, NotFoundError } from "./errors";
import { JOB_TYPES, type Visibility } from "../../db/enums";

export type { SpecialtySuggestion };
export { CONSENT_TEXT_VERSION };


/** What a profile form submits, after the schema (the assisted form adds nothing the model needs). */
export type ProfileInput = Omit<ProfileFormValue, "addDesiredRegion" | "extraSkills" | "extraRoles" | "consent" | "regionCodeNew"> & {
  addDesiredRegion?: string;
  regionCodeNew?: string;
  extraSkills?: string[];
  extraRoles?: string[];
  consent?: "on";
};

// ---------------------------------------------------------------- skills translator (for routes)
export interface SkillOption {
  id: string;
  name: string;
  nameEn: string;
}

/** A stored skill (an id, or a name from older files) as an id when the taxonomy knows it. */
export function skillIdFor(value: string): string | null {
  if (getSkill(value)) return value;
  return normalizeSkill(value);
}

/** Skill ids (or stored names) → labels; unknown free text is shown as written. */
export function describeSkills(values: readonly string[]): SkillOption[] {
  return values.map((v) => {
    const id = skillIdFor(v);
    const skill = id ? getSkill(id) : undefined;
    return skill ? { id: skill.id, name: skill.name, nameEn: skill.nameEn } : { id: v, name: v, nameEn: v };
  });
}

/** A military specialty as stored (a taxonomy id or the words typed), with its Chinese and English names. */
export function describeSpecialty(value: string): { zh: string; en: string } {
  const byId = getSpecialty(value);
  if (byId) return { zh: byId.name, en: byId.nameEn };
  const byName = taxonomy.specialties.find((s) => s.name === value || s.synonyms.includes(value));
  return byName ? { zh: value, en: byName.nameEn } : { zh: value, en: value };
}

const occupationEn = new Map<string, string>();
for (const s of taxonomy.specialties) for (const o of s.occupations) occupationEn.set(o.zh, o.en);
/** A desired role stored in Chinese, with its English name when it is one of the taxonomy's occupations. */
export function describeRole(role: string): { zh: string; en: string } {
  return { zh: role, en: occupationEn.get(role) ?? role };
}

export interface SpecialtyHelp {
  suggestions: SpecialtySuggestion[];
  certificateSkills: SkillOption[];
  unrecognizedCertificates: string[];
}

/** Suggestions for the skills translator: specialties for what was typed, and skills implied by certificates. */
export function suggestForProfile(specialty: string, certificates: readonly string[] = []): SpecialtyHelp {
  const suggestions = specialty.trim() ? suggestFromSpecialty(specialty, { limit: 3 }) : [];
  const certs = skillsForCertificates(certificates);
  return { suggestions, certificateSkills: certs.skills, unrecognizedCertificates: certs.unrecognized };
}

// ---------------------------------------------------------------- reading
export interface ProfileView extends Omit<VeteranProfile, "nationalIdEncrypted" | "preferentialCardEncrypted"> {
  /** The full number for its owner; masked for everyone else; null when none is stored. */
  nationalId: string | null;
  nationalIdMasked: boolean;
  /** The 优待证 number, shown like the national ID: in full to its owner, masked to everyone else. */
  preferentialCard: string | null;
  completeness: ReturnType<typeof profileCompleteness>;
}

function toView(row: VeteranProfile, encryptionKey: string, owner: boolean): ProfileView {
  const { nationalIdEncrypted, preferentialCardEncrypted, ...rest } = row;
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
async function columnsFrom(db: Db, input: ProfileInput, encryptionKey: string) {
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
    ...(input.nationalId ? { nationalIdEncrypted: encrypt(input.nationalId, encryptionKey) } : {}),
    // A new 优待证 number clears the staff check made against the old one (writeProfile compares them).
    ...(input.preferentialCard ? { preferentialCardEncrypted: encrypt(input.preferentialCard, encryptionKey), preferentialCardPlain: input.preferentialCard } : {}),
  };
}

interface ConsentContext {
  recordedByUserId: string;
  /** Staff acting for the veteran: an assisted_service consent is recorded with every write. */
  assisted: boolean;
}

async function writeProfile(
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

// ---------------------------------------------------------------- assisted mode (service-station staff)

/** Staff read of a file: written to audit_log ('profile.read'); the national ID stays masked. */
export async function getProfileForStaff(db: Db, staff: Actor, profileId: string, encryptionKey: string): Promise<ProfileView> {
  requireStaff(staff);
  const [row] = await db.select().from(veteranProfiles).where(eq(veteranProfiles.id, profileId));
  if (!row) throw new NotFoundError();
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
  requireStaff(staff);
  if (input.assistedConsent !== "on") throw new DomainError("profile:errors.assistedConsent", "assistedConsent");
  const values = await columnsFrom(db, input, encryptionKey);
  const row = await db.transaction(async (tx) => {
    let existing: VeteranProfile | null = null;
    if (profileId) {
      const [found] = await tx.select().from(veteranProfiles).where(eq(veteranProfiles.id, profileId)).for("update");
      if (!found) throw new NotFoundError();
      existing = found;
    }
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
  requireStaff(staff);
  requireUuid(profileId);
  return db.transaction(async (tx) => {
    const [row] = await tx.select().from(veteranProfiles).where(eq(veteranProfiles.id, profileId)).for("update");
    if (!row) throw new NotFoundError();
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
  requireStaff(staff);
  const pageSize = query.pageSize ?? 20;
  const page = Math.max(1, query.page ?? 1);
  const q = query.q?.trim();
  const escaped = q?.replace(/[\\%_]/g, (c) => `\\${c}`);
  const where = and(
    escaped ? or(ilike(veteranProfiles.fullName, `%${escaped}%`), like(veteranProfiles.phone, `%${escaped}%`)) : undefined,
    query.region ? like(veteranProfiles.regionCode, `${query.region.replace(/0+$/, "")}%`) : undefined,
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

// ---------------------------------------------------------------- employers
export interface EmployerProfileView {
  id: string;
  surnameInitial: string;
  regionCode: string | null;
  regionName: string | null;
  branch: string | null;
  specialty: string | null;
  rank: string | null;
  yearsServed: number | null;
  dischargeYear: number | null;
  honours: string[];
  education: string | null;
  certificates: string[];
  skills: string[];
  desiredRoles: string[];
  desiredRegionCodes: string[];
  salaryMin: number | null;
  jobTypes: string[];
  /** Why contact details are (not) shown: 'applied' | 'accepted' | null. */
  contactAllowedBecause: "applied" | "accepted" | null;
  contact: { phone: string | null; email: string | null } | null;
  contactRequest: { id: string; status: string; createdAt: Date } | null;
  organizationId: string;
}

/** The employer organisation an employer account acts for; ForbiddenError for every other account. */
export function actingEmployerOrganization(db: Db, actor: Actor) {
  return requireActingOrganization(db, actor, { role: "employer", kinds: ["employer"] });
}

/** The file as an employer may see it: throws NotFoundError for hidden files or ones not shown to this employer. */
export async function visibleProfileForOrganization(db: Db, profileId: string, org: { verificationStatus: string }) {
  const [row] = await db.select().from(veteranProfiles).where(eq(veteranProfiles.id, profileId));
  if (!row || !row.consentAt) throw new NotFoundError();
  const allowed = row.visibility === "public" || (row.visibility === "verified_employers" && org.verificationStatus === "verified");
  if (!allowed) throw new NotFoundError();
  return row;
}

/** Whether this organisation may see the veteran's phone and email, and why. */
export async function contactAllowance(db: Db, organizationId: string, profileId: string): Promise<"applied" | "accepted" | null> {
  const [applied] = await db
    .select({ id: applications.id })
    .from(applications)
    .innerJoin(jobPostings, eq(jobPostings.id, applications.jobPostingId))
    .where(and(eq(applications.veteranProfileId, profileId), eq(jobPostings.organizationId, organizationId)))
    .limit(1);
  if (applied) return "applied";
  const [accepted] = await db
    .select({ id: contactRequests.id })
    .from(contactRequests)
    .where(
      and(
        eq(contactRequests.veteranProfileId, profileId),
        eq(contactRequests.organizationId, organizationId),
        eq(contactRequests.status, "accepted"),
      ),
    );
  return accepted ? "accepted" : null;
}

/**
 * A veteran's file for an employer: surname initial, region, service summary and skills; phone and email only after
 * the veteran applied to one of the organisation's jobs or accepted its contact request. Hidden files, and files
 * for verified employers when this organisation is not verified, are NotFoundError.
 */
export async function getProfileForEmployer(db: Db, actor: Actor, profileId: string): Promise<EmployerProfileView> {
  const org = await actingEmployerOrganization(db, actor);
  requireUuid(profileId);
  const row = await visibleProfileForOrganization(db, profileId, org);
  const allowedBecause = await contactAllowance(db, org.id, row.id);
  const [request] = await db
    .select({ id: contactRequests.id, status: contactRequests.status, createdAt: contactRequests.createdAt })
    .from(contactRequests)
    .where(and(eq(contactRequests.veteranProfileId, row.id), eq(contactRequests.organizationId, org.id)));
  const [region] = row.regionCode
    ? await db.select({ name: regions.name }).from(regions).where(eq(regions.code, row.regionCode))
    : [];
  const first = [...row.fullName.trim()][0] ?? "";
  return {
    id: row.id,
    surnameInitial: /[a-z]/i.test(first) ? first.toUpperCase() : first,
    regionCode: row.regionCode,
    regionName: region?.name ?? null,
    branch: row.branch,
    specialty: row.specialty,
    rank: row.rank,
    yearsServed: row.yearsServed,
    dischargeYear: row.dischargeYear,
    honours: row.honours,
    education: row.education,
    certificates: row.certificates,
    skills: row.skills,
    desiredRoles: row.desiredRoles,
    desiredRegionCodes: row.desiredRegionCodes,
    salaryMin: row.salaryMin,
    jobTypes: row.jobTypes,
    contactAllowedBecause: allowedBecause,
    contact: allowedBecause ? { phone: row.phone, email: row.contactEmail } : null,
    contactRequest: request ?? null,
    organizationId: org.id,
  };
}


/** Region names for codes (labels for desired regions). */
export async function regionNames(db: Db, codes: readonly string[]): Promise<Record<string, string>> {
  if (codes.length === 0) return {};
  const rows = await db.select({ code: regions.code, name: regions.name }).from(regions).where(inArray(regions.code, [...codes]));
  return Object.fromEntries(rows.map((r) => [r.code, r.name]));
}

/** Consents recorded for a file, newest first (owner or staff). */
export async function listConsents(db: Db, profileId: string) {
  return db
    .select()
    .from(consentRecords)
    .where(eq(consentRecords.veteranProfileId, profileId))
    .orderBy(desc(consentRecords.createdAt), desc(consentRecords.id));
}

// ---------------------------------------------------------------- form state (shared by /profile and staff pages)
export interface ProfileFormState {
  defaultValue: Record<string, string | undefined>;
  skillOptions: { value: string; name: string; nameEn: string }[];
  selectedSkills: string[];
  roleOptions: { value: string; zh: string; en: string }[];
  selectedRoles: string[];
  desiredRegions: { code: string; name: string }[];
  regionLabel: string | null;
  help: SpecialtyHelp | null;
}

export interface ProfileFormSource {
  skills: readonly string[];
  desiredRoles: readonly string[];
  desiredRegionCodes: readonly string[];
  regionCode?: string | null;
  specialty?: string | null;
  certificates?: readonly string[];
}

async function regionPath(db: Db, code: string): Promise<string | null> {
  const names: string[] = [];
  let current: string | null = code;
  for (let guard = 0; current && guard < 5; guard++) {
    const [row] = await db.select({ name: regions.name, parent: regions.parentCode }).from(regions).where(eq(regions.code, current));
    if (!row) break;
    if (row.name !== "市辖区") names.unshift(row.name);
    current = row.parent;
  }
  return names.length ? names.join(" ") : null;
}

/**
 * Checkbox lists for the form: what the file holds (or what was just submitted), plus — when the veteran asked for
 * suggestions — the best specialty match's skills and roles ticked, the other matches' offered unticked, and skills
 * implied by the certificates ticked.
 */
export async function profileFormState(
  db: Db,
  source: ProfileFormSource,
  defaultValue: Record<string, string | undefined>,
  options: { suggest?: boolean } = {},
): Promise<ProfileFormState> {
  // Sets keep this linear in the list lengths (which form reading has already trimmed to the schema's limits).
  const skillOptions: ProfileFormState["skillOptions"] = [];
  const skillSeen = new Set<string>();
  const selectedSkills = new Set<string>();
  const addSkill = (raw: string, select: boolean) => {
    const value = skillIdFor(raw) ?? raw;
    if (!skillSeen.has(value)) {
      skillSeen.add(value);
      const [d] = describeSkills([value]);
      skillOptions.push({ value, name: d.name, nameEn: d.nameEn });
    }
    if (select) selectedSkills.add(value);
  };
  const roleOptions: ProfileFormState["roleOptions"] = [];
  const roleSeen = new Set<string>();
  const selectedRoles = new Set<string>();
  const addRole = (role: string, select: boolean) => {
    if (!roleSeen.has(role)) {
      roleSeen.add(role);
      roleOptions.push({ value: role, ...describeRole(role) });
    }
    if (select) selectedRoles.add(role);
  };
  for (const s of source.skills) addSkill(s, true);
  for (const r of source.desiredRoles) addRole(r, true);
  let help: SpecialtyHelp | null = null;
  if (options.suggest) {
    help = suggestForProfile(source.specialty ?? "", source.certificates ?? []);
    help.suggestions.forEach((s, i) => {
      for (const skill of s.skills) addSkill(skill.id, i === 0);
      for (const o of s.occupations) addRole(o.zh, i === 0);
    });
    for (const skill of help.certificateSkills) addSkill(skill.id, true);
  }
  const names = await regionNames(db, source.desiredRegionCodes);
  return {
    defaultValue,
    skillOptions,
    selectedSkills: [...selectedSkills],
    roleOptions,
    selectedRoles: [...selectedRoles],
    desiredRegions: source.desiredRegionCodes.map((code) => ({ code, name: names[code] ?? code })),
    regionLabel: source.regionCode ? await regionPath(db, source.regionCode) : null,
    help,
  };
}

/** Conform default values for a stored file (lists joined for their text boxes; the ID number never included). */
export function profileDefaultValue(row: Partial<VeteranProfile> & { fullName: string }): Record<string, string | undefined> {
  const str = (v: unknown) => (v === null || v === undefined ? undefined : String(v));
  return {
    fullName: row.fullName,
    phone: str(row.phone),
    contactEmail: str(row.contactEmail),
    regionCode: str(row.regionCode),
    branch: str(row.branch),
    specialty: str(row.specialty),
    rank: str(row.rank),
    yearsServed: str(row.yearsServed),
    dischargeYear: str(row.dischargeYear),
    honours: row.honours?.join("、"),
    education: normalizeEducation(row.education ?? null),
    certificates: row.certificates?.join("、"),
    salaryMin: str(row.salaryMin),
    visibility: row.visibility ?? "hidden",
    jobTypes: row.jobTypes?.join(","),
  };
}

/** What a "suggest" submission carried, read leniently (no validation: the veteran has not finished typing). */
export function formSourceFromFormData(formData: FormData): { source: ProfileFormSource; defaultValue: Record<string, string | undefined> } {
  // Lists are cut to what the schema allows before anything is done with them (ticked plus typed, for skills and
  // roles); the schema still reports a list that was too long.
  const all = (k: string, limit: number) =>
    formData
      .getAll(k)
      .slice(0, limit)
      .map(String)
      .map((v) => v.trim())
      .filter(Boolean);
  const typed = (k: string) => splitList(one(k)).slice(0, PROFILE_LIST_LIMITS.typedList);
  const one = (k: string) => {
    const v = formData.get(k);
    return typeof v === "string" && v.trim() ? v.trim() : undefined;
  };
  const addRegion = one("addDesiredRegion");
  const source: ProfileFormSource = {
    skills: [...all("skills", PROFILE_LIST_LIMITS.skills), ...typed("extraSkills")],
    desiredRoles: [...all("desiredRoles", PROFILE_LIST_LIMITS.desiredRoles), ...typed("extraRoles")],
    desiredRegionCodes: [
      ...new Set([...all("desiredRegionCodes", PROFILE_LIST_LIMITS.desiredRegionCodes), ...(addRegion ? [addRegion] : [])]),
    ].filter((c) => /^\d{6}$/.test(c)),
    regionCode: one("regionCodeNew") ?? one("regionCode") ?? null,
    specialty: one("specialty") ?? null,
    certificates: typed("certificates"),
  };
  const defaultValue: Record<string, string | undefined> = {};
  for (const key of ["fullName", "phone", "contactEmail", "nationalId", "branch", "specialty", "rank", "yearsServed", "dischargeYear", "honours", "education", "certificates", "salaryMin", "visibility"]) {
    defaultValue[key] = one(key);
  }
  defaultValue.regionCode = source.regionCode ?? undefined;
  defaultValue.jobTypes = all("jobTypes", JOB_TYPES.length).join(",");
  defaultValue.consent = one("consent");
  defaultValue.assistedConsent = one("assistedConsent");
  return { source, defaultValue };
}
