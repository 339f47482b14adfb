// Columns and per-row validation of the bulk imports (pure: no database). A row's cells are strings; each column's
// rule turns its cell into a typed value or an error carrying an i18n key of the "imports" namespace plus
// parameters, so the UI and the CLI render the same error in the reader's language.
import { z } from "zod";
import { splitMulti } from "../../../db/csv";
import { getSkill, normalizeSkill, normalizeText, resolveBranch, taxonomy } from "../../../search/taxonomy";
import type { ImportKind, JobType, Visibility } from "../../../db/enums";

export { IMPORT_SPECS, JOB_COLUMNS, JOB_REQUIRED, VETERAN_COLUMNS, VETERAN_REQUIRED } from "./kinds";

/** One problem in the file: where (physical line, column name; "" for the whole row or file) and what (key + params). */
export interface ImportRowError {
  line: number;
  column: string;
  /** A key of the "imports" namespace, e.g. "errors.skillUnknown". */
  message: string;
  params?: Record<string, string | number>;
}


// ------------------------------------------------------------------ cell rules

type Ctx = z.RefinementCtx;
const fail = (ctx: Ctx, message: string, params?: Record<string, string | number>) => {
  ctx.addIssue({ code: z.ZodIssueCode.custom, message, params });
  return z.NEVER;
};
const cell = z.string().optional().default("").transform((v) => v.trim());

function textCell(opts: { required?: boolean; max: number }) {
  return cell.transform((v, ctx) => {
    if (!v) return opts.required ? fail(ctx, "errors.required") : null;
    if ([...v].length > opts.max) return fail(ctx, "errors.tooLong", { max: opts.max });
    return v;
  });
}

function intCell(opts: { required?: boolean; min: number; max: number }) {
  return cell.transform((v, ctx) => {
    const digits = v.replace(/[,，\s]/g, "");
    if (!digits) return opts.required ? fail(ctx, "errors.required") : null;
    if (!/^-?\d+$/.test(digits)) return fail(ctx, "errors.integer", { value: v });
    const n = Number(digits);
    if (n < opts.min || n > opts.max) return fail(ctx, "errors.range", { min: opts.min, max: opts.max });
    return n;
  });
}

const REGION = /^\d{6}$/;
function regionCell(required: boolean) {
  return cell.transform((v, ctx) => {
    if (!v) return required ? fail(ctx, "errors.required") : null;
    if (!REGION.test(v)) return fail(ctx, "errors.regionFormat", { value: v });
    return v;
  });
}

const regionListCell = cell.transform((v, ctx) => {
  const codes = splitMulti(v);
  const bad = codes.filter((c) => !REGION.test(c));
  if (bad.length) return fail(ctx, "errors.regionFormat", { value: bad.join("; ") });
  return [...new Set(codes)];
});

/** Taxonomy skill id for an id, or a Chinese/English name or synonym (stored by id, like the profile form does). */
export function resolveSkill(value: string): string | null {
  const byId = getSkill(value.trim());
  return byId ? byId.id : normalizeSkill(value);
}

const skillsCell = cell.transform((v, ctx) => {
  const names: string[] = [];
  const unknown: string[] = [];
  for (const raw of splitMulti(v)) {
    const name = resolveSkill(raw);
    if (name) {
      if (!names.includes(name)) names.push(name);
    } else unknown.push(raw);
  }
  if (unknown.length) return fail(ctx, "errors.skillUnknown", { value: unknown.join("; ") });
  return names;
});

/** Category id for an id or its Chinese/English name. */
export function resolveCategory(value: string): string | null {
  const key = normalizeText(value);
  if (!key) return null;
  const found = taxonomy.categories.find((c) => c.id === value.trim() || normalizeText(c.name) === key || normalizeText(c.nameEn) === key);
  return found?.id ?? null;
}

const categoryCell = cell.transform((v, ctx) => {
  if (!v) return fail(ctx, "errors.required");
  return resolveCategory(v) ?? fail(ctx, "errors.categoryUnknown", { value: v });
});

/**
 * Branch id for an id or a Chinese/English name. resolveBranch decides what is known; the id stored is the branch
 * as named, so an old record's 战略支援部队 stays strategic_support_force (search maps it to its successors).
 */
export function resolveBranchId(value: string): string | null {
  if (resolveBranch(value).length === 0) return null;
  const key = normalizeText(value);
  return taxonomy.branches.find((b) => b.id === key || normalizeText(b.name) === key || normalizeText(b.nameEn) === key)?.id ?? null;
}

const branchCell = cell.transform((v, ctx) => {
  if (!v) return null;
  return resolveBranchId(v) ?? fail(ctx, "errors.branchUnknown", { value: v });
});

const JOB_TYPE_WORDS: Record<string, JobType> = {
  full_time: "full_time", "full-time": "full_time", "full time": "full_time", 全职: "full_time",
  part_time: "part_time", "part-time": "part_time", "part time": "part_time", 兼职: "part_time",
  contract: "contract", 合同工: "contract", 合同: "contract",
  internship: "internship", 实习: "internship",
};
function jobTypeOf(v: string) {
  return JOB_TYPE_WORDS[v.trim().toLowerCase()] ?? null;
}

const jobTypeCell = cell.transform((v, ctx) => {
  if (!v) return "full_time" as const;
  return jobTypeOf(v) ?? fail(ctx, "errors.jobTypeUnknown", { value: v });
});

const jobTypesCell = cell.transform((v, ctx) => {
  const out: JobType[] = [];
  for (const raw of splitMulti(v)) {
    const t = jobTypeOf(raw);
    if (!t) return fail(ctx, "errors.jobTypeUnknown", { value: raw });
    if (!out.includes(t)) out.push(t);
  }
  return out;
});

const TRUE_WORDS = new Set(["true", "1", "yes", "y", "是"]);
const FALSE_WORDS = new Set(["false", "0", "no", "n", "否"]);
const booleanCell = (fallback: boolean) =>
  cell.transform((v, ctx) => {
    const key = v.toLowerCase();
    if (!key) return fallback;
    if (TRUE_WORDS.has(key)) return true;
    if (FALSE_WORDS.has(key)) return false;
    return fail(ctx, "errors.boolean", { value: v });
  });

const VISIBILITY_WORDS: Record<string, Visibility> = {
  hidden: "hidden", 隐藏: "hidden", 不公开: "hidden",
  verified_employers: "verified_employers", 认证单位可见: "verified_employers", 仅认证单位可见: "verified_employers",
  public: "public", 公开: "public",
};
const visibilityCell = cell.transform((v, ctx) => {
  if (!v) return "hidden" as const;
  return VISIBILITY_WORDS[v.toLowerCase()] ?? fail(ctx, "errors.visibilityUnknown", { value: v });
});

const listCell = (maxItem: number) =>
  cell.transform((v, ctx) => {
    const items = [...new Set(splitMulti(v))];
    const long = items.find((i) => [...i].length > maxItem);
    if (long) return fail(ctx, "errors.tooLong", { max: maxItem });
    return items;
  });

const emailCell = cell.transform((v, ctx) => {
  if (!v) return null;
  return z.string().email().safeParse(v).success ? v.toLowerCase() : fail(ctx, "errors.email", { value: v });
});

const phoneCell = cell.transform((v, ctx) => {
  if (!v) return null;
  const compact = v.replace(/[\s-]/g, "");
  // Mainland mobile (optionally +86) or a landline with area code.
  if (/^(\+?86)?1[3-9]\d{9}$/.test(compact) || /^0\d{2,3}\d{7,8}$/.test(compact)) return compact.replace(/^\+?86(?=1)/, "");
  return fail(ctx, "errors.phone", { value: v });
});

const externalIdCell = cell.transform((v, ctx) => {
  if (!v) return fail(ctx, "errors.required");
  if (v.length > 100) return fail(ctx, "errors.tooLong", { max: 100 });
  return v;
});

const thisYear = () => new Date().getFullYear();

// ------------------------------------------------------------------ row schemas

export const jobRowSchema = z
  .object({
    external_id: externalIdCell,
    organization: textCell({ required: true, max: 200 }),
    title: textCell({ required: true, max: 100 }),
    description: textCell({ max: 5000 }),
    category: categoryCell,
    skills: skillsCell,
    region_code: regionCell(true),
    salary_min: intCell({ min: 0, max: 1_000_000 }),
    salary_max: intCell({ min: 0, max: 1_000_000 }),
    job_type: jobTypeCell,
    headcount: intCell({ min: 1, max: 10_000 }),
    veteran_preferred: booleanCell(true),
  })
  .superRefine((row, ctx) => {
    if (row.salary_min != null && row.salary_max != null && row.salary_min > row.salary_max) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["salary_max"], message: "errors.salaryRange" });
    }
  });
export type JobRow = z.output<typeof jobRowSchema>;

export const veteranRowSchema = z.object({
  external_id: externalIdCell,
  name: textCell({ required: true, max: 50 }),
  email: emailCell,
  phone: phoneCell,
  region_code: regionCell(false),
  branch: branchCell,
  specialty: textCell({ max: 100 }),
  rank: textCell({ max: 50 }),
  years_served: intCell({ min: 0, max: 50 }),
  // lazy: the upper bound follows the calendar in a long-running server
  discharge_year: z.lazy(() => intCell({ min: 1950, max: thisYear() + 1 })),
  education: textCell({ max: 50 }),
  certificates: listCell(100),
  skills: skillsCell,
  desired_roles: listCell(50),
  desired_region_codes: regionListCell,
  salary_min: intCell({ min: 0, max: 1_000_000 }),
  job_types: jobTypesCell,
  visibility: visibilityCell,
});
export type VeteranRow = z.output<typeof veteranRowSchema>;

export type ValidatedRow<K extends ImportKind> = K extends "jobs" ? JobRow : VeteranRow;

/** Validate one row's cells: the typed row, or every problem found (one per column at most). */
export function validateRow<K extends ImportKind>(
  kind: K,
  line: number,
  values: Record<string, string>,
): { ok: true; row: ValidatedRow<K> } | { ok: false; errors: ImportRowError[] } {
  const schema = kind === "jobs" ? jobRowSchema : veteranRowSchema;
  const parsed = schema.safeParse(values);
  if (parsed.success) return { ok: true, row: parsed.data as ValidatedRow<K> };
  const errors: ImportRowError[] = [];
  const seen = new Set<string>();
  for (const issue of parsed.error.issues) {
    const column = String(issue.path[0] ?? "");
    if (seen.has(column)) continue;
    seen.add(column);
    const params = issue.code === z.ZodIssueCode.custom ? (issue.params as ImportRowError["params"]) : undefined;
    errors.push({ line, column, message: issue.code === z.ZodIssueCode.custom ? issue.message : "errors.invalid", ...(params ? { params } : {}) });
  }
  return { ok: false, errors };
}
