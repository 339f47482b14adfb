// The profile form's state, shared by /profile and the staff pages: checkbox lists, region labels and default values,
// and the lenient read of a "suggest" submission.
import type { Db } from "../../db/client";
import type { VeteranProfile } from "../../db/schema";
import { JOB_TYPES } from "../../db/enums";
import { normalizeEducation, PROFILE_LIST_LIMITS, splitList } from "../forms/profile";
import { describeRole, describeSkills, skillIdFor, suggestForProfile, type SpecialtyHelp } from "./profile-vocabulary.server";
import { regionChain, regionNames } from "./region.server";

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
  const names = (await regionChain(db, code)).map((r) => r.name).filter((name) => name !== "市辖区");
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
