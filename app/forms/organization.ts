import { z } from "zod";
import { multilineText, text } from "./text";
import { creditCodeProblem, normaliseCreditCode } from "../utils/credit-code";

/**
 * Forms of the organisation profile, the staff verification queue and the staff taxonomy editor. Shared by server
 * (parseWithZod) and browser (getZodConstraint); messages are i18n keys (common "errors.*" or "staff:errors.*").
 */

/** Kinds an organisation may switch between itself; parks, stations and bureaus are set up by staff. */
export const SELF_EDITABLE_KINDS = ["employer", "training_provider"] as const;

/** Badges staff can grant. Stored as their Chinese names (the name provinces certify under). */
export const ORGANIZATION_BADGES = ["退役军人就业创业示范基地", "退役军人定点培训机构"] as const;
export type OrganizationBadge = (typeof ORGANIZATION_BADGES)[number];

const BADGE_I18N_KEYS: Record<string, string> = {
  退役军人就业创业示范基地: "staff:badges.demoBase",
  退役军人定点培训机构: "staff:badges.designatedTraining",
};

/** The i18n key of a badge's label (badges are stored under their Chinese names); null for a badge we don't know. */
export function badgeI18nKey(badge: string): string | null {
  return BADGE_I18N_KEYS[badge] ?? null;
}

const CREDIT_CODE_ERRORS = {
  length: "staff:errors.creditCodeLength",
  characters: "staff:errors.creditCodeCharacters",
  checksum: "staff:errors.creditCodeChecksum",
} as const;

const optionalText = (max: number) =>
  multilineText(max)
    .optional()
    .transform((v) => (v ? v : undefined));

export const organizationProfileSchema = z.object({
  name: text(120, { min: 2, minMessage: "staff:errors.nameShort" }),
  description: optionalText(2000),
  address: optionalText(200),
  website: text(300)
    .optional()
    .transform((v) => (v ? v : undefined))
    .refine((v) => v === undefined || /^https?:\/\/[^\s/$.?#][^\s]*\.[^\s]+$/i.test(v), "staff:errors.website"),
  /** Empty means "keep the current region" (the picker starts empty). */
  regionCode: z
    .string()
    .trim()
    .regex(/^\d{6}$/, "errors.regionCode")
    .optional(),
  /** 统一社会信用代码: optional to save, shown to staff when they verify; empty keeps the stored one. */
  creditCode: z
    .string()
    .max(40, "errors.tooLong")
    .optional()
    .transform((v) => (v ? normaliseCreditCode(v) : undefined))
    .superRefine((v, ctx) => {
      if (v === undefined) return;
      const problem = creditCodeProblem(v);
      if (problem) ctx.addIssue({ code: z.ZodIssueCode.custom, message: CREDIT_CODE_ERRORS[problem] });
    }),
  /** Only employers and training providers choose; absent for other kinds. */
  kind: z.enum(SELF_EDITABLE_KINDS, { errorMap: () => ({ message: "staff:errors.kind" }) }).optional(),
});
export type OrganizationProfileInput = z.output<typeof organizationProfileSchema>;

const organizationId = z.string({ required_error: "errors.required" }).uuid("errors.notFound");

export const REJECTION_REASON_MAX = 500;

/** One schema for every button of the verification queue, told apart by `intent`. */
export const organizationReviewSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("verify"), organizationId }),
  z.object({
    intent: z.literal("reject"),
    organizationId,
    reason: multilineText(REJECTION_REASON_MAX, {
      min: 2,
      minMessage: "staff:errors.reasonRequired",
      requiredMessage: "staff:errors.reasonRequired",
    }),
  }),
  z.object({
    intent: z.enum(["grantBadge", "revokeBadge"]),
    organizationId,
    badge: z.enum(ORGANIZATION_BADGES, { errorMap: () => ({ message: "staff:errors.unknownBadge" }) }),
  }),
]);
export type OrganizationReviewInput = z.output<typeof organizationReviewSchema>;

// ------------------------------------------------------------------ taxonomy editor

/** The whole taxonomy as JSON text; the structure itself is checked by validateTaxonomy on the server. */
export const taxonomyJsonSchema = z.object({
  intent: z.literal("json"),
  json: z
    .string({ required_error: "errors.required" })
    .max(2_000_000, "errors.tooLarge")
    .refine((text) => {
      try {
        const value: unknown = JSON.parse(text);
        return typeof value === "object" && value !== null && !Array.isArray(value);
      } catch {
        return false;
      }
    }, "staff:errors.taxonomyJson"),
});

/** Add one synonym to a skill (zh or en) or to a military specialty. `target` is "skill:<id>" or "specialty:<id>". */
export const taxonomySynonymSchema = z.object({
  intent: z.literal("synonym"),
  target: z
    .string({ required_error: "errors.required" })
    .regex(/^(skill|specialty):[a-z][a-z0-9_]*$/, "staff:errors.synonymTarget"),
  language: z.enum(["zh", "en"], { required_error: "errors.required" }).default("zh"),
  term: text(40, { min: 1 }),
});

/** Make a stored version active again; no versionId means "go back to the repository file". */
export const taxonomyActivateSchema = z.object({
  intent: z.literal("activate"),
  versionId: z.coerce.number({ invalid_type_error: "errors.notFound" }).int().positive("errors.notFound").optional(),
});

/** Staff handle a term the taxonomy does not know: map it to a skill, or add it as a new skill. */
export const termMapSchema = z.object({
  intent: z.literal("map"),
  term: text(60, { min: 1 }),
  skillId: z.string({ required_error: "errors.required" }).regex(/^[a-z][a-z0-9_]*$/, "staff:errors.synonymTarget"),
});
export const termAddSchema = z.object({
  intent: z.literal("add"),
  term: text(60, { min: 1 }),
  name: text(40, { min: 1 }),
  nameEn: text(60, { min: 1 }).refine((v) => /[a-z]/i.test(v), "errors.required"),
  category: z.string({ required_error: "staff:errors.unknownCategory" }).regex(/^[a-z][a-z0-9_]*$/, "staff:errors.unknownCategory"),
  occupationGroup: z.string().regex(/^\d{5}$/, "errors.notFound").optional(),
});
export const termEditSchema = z.discriminatedUnion("intent", [termMapSchema, termAddSchema]);

export const taxonomyEditSchema = z.discriminatedUnion("intent", [taxonomyJsonSchema, taxonomySynonymSchema, taxonomyActivateSchema]);
export type TaxonomyEditInput = z.output<typeof taxonomyEditSchema>;
