import { z } from "zod";
import { multilineText, text } from "./text";
import { JOB_TYPES, VISIBILITIES } from "../../db/enums";

/**
 * The veteran profile ("one file per veteran"): form schemas shared by server and browser, the national ID
 * checksum (GB 11643) and masking, and the completeness score. Pure code: safe in the browser bundle.
 */
export const BRANCHES = [
  "army",
  "navy",
  "air_force",
  "rocket_force",
  "aerospace_force",
  "cyberspace_force",
  "information_support_force",
  "joint_logistic_support_force",
  "armed_police",
] as const;
export type BranchChoice = (typeof BRANCHES)[number];
/** Structures that no longer exist but older files name (FIELD.md): kept as written, never offered for new files. */
export const LEGACY_BRANCHES = ["strategic_support_force"] as const;
export const EDUCATION_LEVELS = ["junior_high", "senior_high", "vocational", "college", "bachelor", "master", "doctorate"] as const;

const EDUCATION_ALIASES: Record<string, (typeof EDUCATION_LEVELS)[number]> = {
  初中: "junior_high",
  高中: "senior_high",
  中专: "vocational",
  职高: "vocational",
  技校: "vocational",
  大专: "college",
  专科: "college",
  本科: "bachelor",
  硕士: "master",
  研究生: "master",
  博士: "doctorate",
};
/** An education level key for stored text, including files written before the keys existed ("高中"). */
export function normalizeEducation(value: string | null | undefined): (typeof EDUCATION_LEVELS)[number] | undefined {
  if (!value) return undefined;
  const v = value.trim();
  if ((EDUCATION_LEVELS as readonly string[]).includes(v)) return v as (typeof EDUCATION_LEVELS)[number];
  return EDUCATION_ALIASES[v];
}

/** The version of the consent text shown next to the visibility choice; bump it when the text changes. */
export const CONSENT_TEXT_VERSION = "2026-01";

// ---------------------------------------------------------------- national ID (GB 11643-1999)
const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = "10X98765432";

/** True for an 18-character resident ID whose birth date is real and whose last character matches the checksum. */
export function isValidNationalId(value: string): boolean {
  const id = value.trim().toUpperCase();
  if (!/^\d{17}[\dX]$/.test(id)) return false;
  const year = Number(id.slice(6, 10));
  const month = Number(id.slice(10, 12));
  const day = Number(id.slice(12, 14));
  const birth = new Date(Date.UTC(year, month - 1, day));
  if (year < 1900 || birth.getUTCMonth() !== month - 1 || birth.getUTCDate() !== day || birth.getTime() > Date.now()) return false;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(id[i]) * ID_WEIGHTS[i];
  return ID_CHECK[sum % 11] === id[17];
}

/** 320582199001011234 → 3205**********1234: region prefix and last four kept, the birth date hidden. */
export function maskNationalId(value: string): string {
  const id = value.trim().toUpperCase();
  if (id.length <= 8) return "*".repeat(id.length);
  return `${id.slice(0, 4)}${"*".repeat(id.length - 8)}${id.slice(-4)}`;
}

// ---------------------------------------------------------------- form schema
/** "a、b, c；d" or one per line → ["a", "b", "c", "d"]; duplicates and blanks dropped. */
export function splitList(value: string | undefined | null): string[] {
  if (!value) return [];
  return [...new Set(value.split(/[\n\r,，、;；]+/).map((s) => s.trim()).filter(Boolean))];
}

/** The longest lists a profile holds; form reading trims to these before doing anything with a list. */
export const PROFILE_LIST_LIMITS = { skills: 40, desiredRoles: 20, desiredRegionCodes: 10, typedList: 30 } as const;

const optionalText = (max: number) => text(max).optional();
const listText = (max: number) =>
  multilineText(max * 20)
    .optional()
    .transform((v) => splitList(v))
    .pipe(z.array(z.string().max(max, "errors.tooLong")).max(PROFILE_LIST_LIMITS.typedList, "profile:errors.tooMany"));
const thisYear = () => new Date().getFullYear();

const profileFields = {
  fullName: text(40, { min: 1 }),
  phone: z
    .string()
    .trim()
    .regex(/^1\d{10}$/, "profile:errors.phone")
    .optional(),
  contactEmail: z.string().trim().toLowerCase().max(254, "errors.tooLong").email("errors.email").optional(),
  nationalId: z
    .string()
    .trim()
    .toUpperCase()
    .refine((v) => /^\d{17}[\dX]$/.test(v), "profile:errors.nationalIdFormat")
    .refine((v) => !/^\d{17}[\dX]$/.test(v) || isValidNationalId(v), "profile:errors.nationalIdChecksum")
    .optional(),
  /** 优待证 number (letters and digits as printed on the card); empty keeps the stored one. */
  preferentialCard: z
    .string()
    .trim()
    .toUpperCase()
    .transform((v) => v.replace(/[\s-]/g, ""))
    .refine((v) => /^[0-9A-Z]{6,32}$/.test(v), "profile:errors.preferentialCardFormat")
    .optional(),
  regionCode: z
    .string()
    .trim()
    .regex(/^\d{6}(\d{3})?$/, "errors.regionCode")
    .optional(),
  /** The region picker's choice; when empty the stored `regionCode` (a hidden field) is kept. */
  regionCodeNew: z.string().trim().regex(/^\d{6}$/, "errors.regionCode").optional(),
  branch: z.enum([...BRANCHES, ...LEGACY_BRANCHES], { errorMap: () => ({ message: "profile:errors.branch" }) }).optional(),
  specialty: optionalText(60),
  rank: optionalText(30),
  yearsServed: z
    .number({ invalid_type_error: "profile:errors.number" })
    .int("profile:errors.number")
    .min(0, "profile:errors.yearsServed")
    .max(45, "profile:errors.yearsServed")
    .optional(),
  dischargeYear: z
    .number({ invalid_type_error: "profile:errors.number" })
    .int("profile:errors.number")
    .min(1950, "profile:errors.dischargeYear")
    .refine((y) => y <= thisYear() + 1, "profile:errors.dischargeYear")
    .optional(),
  honours: listText(40),
  education: z.enum(EDUCATION_LEVELS, { errorMap: () => ({ message: "profile:errors.education" }) }).optional(),
  certificates: listText(60),
  /** Skill ids ticked in the suggestions (or names the veteran typed; the model normalises them). */
  skills: z.array(text(60, { min: 1 })).max(PROFILE_LIST_LIMITS.skills, "profile:errors.tooMany").default([]),
  /** Extra skills typed as free text, one per line or separated by commas. */
  extraSkills: listText(60),
  desiredRoles: z.array(text(40, { min: 1 })).max(PROFILE_LIST_LIMITS.desiredRoles, "profile:errors.tooMany").default([]),
  extraRoles: listText(40),
  desiredRegionCodes: z.array(z.string().regex(/^\d{6}$/, "errors.regionCode")).max(PROFILE_LIST_LIMITS.desiredRegionCodes, "profile:errors.tooMany").default([]),
  addDesiredRegion: z.string().trim().regex(/^\d{6}$/, "errors.regionCode").optional(),
  salaryMin: z
    .number({ invalid_type_error: "profile:errors.number" })
    .int("profile:errors.number")
    .min(0, "profile:errors.salary")
    .max(1_000_000, "profile:errors.salary")
    .optional(),
  jobTypes: z.array(z.enum(JOB_TYPES, { errorMap: () => ({ message: "profile:errors.jobType" }) })).default([]),
  visibility: z.enum(VISIBILITIES, { errorMap: () => ({ message: "errors.required" }) }).default("hidden"),
  consent: z.literal("on").optional(),
};

/** The veteran's own form. Consent is required when the file becomes visible to employers. */
export const profileSchema = z.object(profileFields);

/** Staff filling the file in on a veteran's behalf must confirm the veteran agreed (assisted service). */
export const assistedProfileSchema = z.object({
  ...profileFields,
  assistedConsent: z.literal("on", { errorMap: () => ({ message: "profile:errors.assistedConsent" }) }),
});

export type ProfileFormValue = z.output<typeof profileSchema>;

export const deleteAccountSchema = z.object({
  password: z.string({ required_error: "errors.required" }).min(1, "errors.required").max(128, "errors.tooLong"),
  confirm: z.literal("on", { errorMap: () => ({ message: "profile:errors.confirmDelete" }) }),
});

export const contactRequestSchema = z.object({
  message: multilineText(500).optional(),
});

export const contactResponseSchema = z.object({
  requestId: z.string({ required_error: "errors.required" }).uuid("errors.notFound"),
  decision: z.enum(["accept", "decline"], { errorMap: () => ({ message: "errors.required" }) }),
});

export const staffVeteranSearchSchema = z.object({
  q: text(60).optional(),
  region: z.string().trim().regex(/^\d{2,9}$/).optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
});

// ---------------------------------------------------------------- completeness
export type CompletenessItem =
  | "fullName"
  | "contact"
  | "region"
  | "service"
  | "specialty"
  | "education"
  | "skills"
  | "desiredRoles"
  | "desiredRegions"
  | "salary"
  | "jobTypes"
  | "visibility";

export interface CompletenessInput {
  fullName?: string | null;
  phone?: string | null;
  contactEmail?: string | null;
  regionCode?: string | null;
  branch?: string | null;
  specialty?: string | null;
  yearsServed?: number | null;
  dischargeYear?: number | null;
  education?: string | null;
  skills?: readonly string[] | null;
  desiredRoles?: readonly string[] | null;
  desiredRegionCodes?: readonly string[] | null;
  salaryMin?: number | null;
  jobTypes?: readonly string[] | null;
  visibility?: string | null;
  consentAt?: Date | string | null;
}

/** How complete a file is: a whole percentage and the parts still missing, in the order the form asks for them. */
export function profileCompleteness(p: CompletenessInput): { percent: number; missing: CompletenessItem[] } {
  const has = (v: unknown) => (Array.isArray(v) ? v.length > 0 : v !== null && v !== undefined && String(v).trim() !== "");
  const checks: [CompletenessItem, boolean][] = [
    ["fullName", has(p.fullName)],
    ["contact", has(p.phone) || has(p.contactEmail)],
    ["region", has(p.regionCode)],
    ["service", has(p.branch) && (has(p.yearsServed) || has(p.dischargeYear))],
    ["specialty", has(p.specialty)],
    ["education", has(p.education)],
    ["skills", has(p.skills)],
    ["desiredRoles", has(p.desiredRoles)],
    ["desiredRegions", has(p.desiredRegionCodes)],
    ["salary", has(p.salaryMin)],
    ["jobTypes", has(p.jobTypes)],
    ["visibility", p.visibility !== undefined && p.visibility !== null && p.visibility !== "hidden" && has(p.consentAt)],
  ];
  const done = checks.filter(([, ok]) => ok).length;
  return { percent: Math.round((done / checks.length) * 100), missing: checks.filter(([, ok]) => !ok).map(([k]) => k) };
}
