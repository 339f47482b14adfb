// Columns and per-row validation of the bulk imports (pure: no database). A row's cells are strings; each column's
// rule turns its cell into a typed value or an error carrying an i18n key of the "imports" namespace plus
// parameters, so the UI and the CLI render the same error in the reader's language.
import { z } from "zod";
import { hasControlChars } from "../../forms/text";
import { splitMulti } from "./csv";
import { getSkill, normalizeSkill, recognizeCertificates } from "../../../search/taxonomy";
import { resolveBranchText, resolveCategoryText } from "../../../search/taxonomy/resolve";
import type { ImportKind, JobType, Visibility } from "../../../db/enums";


/**
 * One problem in the file: where (physical line, column name; "" for the whole row or file) and what (key + params).
 * Errors stop a row; warnings (keys under "warnings.") say what was stored differently from what was written.
 */
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
/**
 * Warnings of the row being parsed. Parsing is synchronous, so validateRow sets this around one safeParse call and
 * the cell rules add to it with the column taken from the parse path.
 */
let rowWarnings: { line: number; list: ImportRowError[] } | null = null;
const warn = (ctx: Ctx, message: string, params?: Record<string, string | number>) => {
  rowWarnings?.list.push({ line: rowWarnings.line, column: String(ctx.path[0] ?? ""), message, ...(params ? { params } : {}) });
};
const cell = z.string().optional().default("").transform((v) => v.trim());
/** Codes and numbers: full-width digits and letters read as half-width (３２０５８２ → 320582). */
const codeCell = cell.transform((v) => v.normalize("NFKC").trim());

function textCell(opts: { required?: boolean; max: number }) {
  return cell.transform((v, ctx) => {
    if (!v) return opts.required ? fail(ctx, "errors.required") : null;
    if ([...v].length > opts.max) return fail(ctx, "errors.tooLong", { max: opts.max });
    if (hasControlChars(v)) return fail(ctx, "errors.controlChars");
    return v;
  });
}

function intCell(opts: { required?: boolean; min: number; max: number; unit?: RegExp }) {
  return codeCell.transform((v, ctx) => {
    let digits = v.replace(/[,，\s]/g, "");
    if (opts.unit) digits = digits.replace(opts.unit, "");
    if (!digits) return opts.required ? fail(ctx, "errors.required") : null;
    if (!/^-?\d+$/.test(digits)) return fail(ctx, "errors.integer", { value: v });
    const n = Number(digits);
    if (n < opts.min || n > opts.max) return fail(ctx, "errors.range", { min: opts.min, max: opts.max });
    return n;
  });
}

const NEGOTIABLE = new Set(["面议", "薪资面议", "工资面议", "待遇面议", "negotiable", "tbd", "n/a", "-", "—"]);

/**
 * Yuan per month: 8000, 8,000, ¥8000, 8000元, 8000元/月, 8k, 8千, 1.2万. "面议" (negotiable) is stored as no
 * figure with a warning; anything else that is not a number is an error (a wrong salary must not be published).
 */
function salaryCell() {
  return codeCell.transform((v, ctx) => {
    if (!v) return null;
    if (NEGOTIABLE.has(v.toLowerCase())) {
      warn(ctx, "warnings.salaryNegotiable", { value: v });
      return null;
    }
    const compact = v.replace(/[,，\s]/g, "").replace(/^[¥￥]|^rmb|^cny/i, "").replace(/(元|rmb|cny)?(\/|每)?(月|month|mo)?$/i, "");
    const m = /^(\d+(?:\.\d+)?)(k|千|w|万)?$/i.exec(compact);
    if (!m) return fail(ctx, "errors.salary", { value: v });
    const unit = (m[2] ?? "").toLowerCase();
    const n = Math.round(Number(m[1]) * (unit === "k" || unit === "千" ? 1000 : unit === "w" || unit === "万" ? 10000 : 1));
    if (n > 1_000_000) return fail(ctx, "errors.range", { min: 0, max: 1_000_000 });
    return n;
  });
}

const REGION = /^\d{6}$/;
function regionCell(required: boolean) {
  return codeCell.transform((v, ctx) => {
    if (!v) return required ? fail(ctx, "errors.required") : null;
    if (!REGION.test(v)) return fail(ctx, "errors.regionFormat", { value: v });
    return v;
  });
}

const regionListCell = codeCell.transform((v, ctx) => {
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

/** Items of a list cell: ; ； 、 ， , | and line breaks all separate (spreadsheets mix them). */
export function splitList(v: string): string[] {
  return [...new Set(v.split(/[;；、，,|｜\n]+/).map((x) => x.replace(/\s+/g, " ").trim()).filter(Boolean))];
}

/**
 * Open vocabulary: each skill is stored as its taxonomy id when the taxonomy knows it (id, name, synonym,
 * near-miss), as written when it names a certificate (叉车证), and otherwise as written with a warning, so the
 * unknown term is kept, shown and searched, and staff can map it later.
 */
const skillsCell = cell.transform((v, ctx) => {
  const out: string[] = [];
  const unknown: string[] = [];
  for (const raw of splitList(v)) {
    if ([...raw].length > 50) {
      warn(ctx, "warnings.skillTooLong", { value: raw.slice(0, 20) });
      continue;
    }
    const id = resolveSkill(raw) ?? raw;
    if (id === raw && !getSkill(raw) && recognizeCertificates(raw).length === 0) unknown.push(raw);
    if (!out.includes(id)) out.push(id);
  }
  if (unknown.length) warn(ctx, "warnings.skillKept", { value: unknown.join("; ") });
  return out.slice(0, 30);
});

/** Category id for an id, a Chinese/English name, a synonym or a near-miss; null when nothing fits. */
export function resolveCategory(value: string): string | null {
  return resolveCategoryText(value)?.id ?? null;
}

const categoryCell = cell.transform((v, ctx) => {
  if (!v) {
    warn(ctx, "warnings.categoryMissing");
    return "other";
  }
  const found = resolveCategoryText(v);
  if (!found) {
    warn(ctx, "warnings.categoryOther", { value: v });
    return "other";
  }
  if (found.by === "contains" || found.by === "fuzzy") warn(ctx, "warnings.categoryGuessed", { value: v, category: found.id });
  return found.id;
});

/**
 * Branch id for an id, a Chinese/English name or a short form (armed_police, 武警, Armed Police). The id stored is
 * the branch as named, so an old record's 战略支援部队 stays strategic_support_force (search maps it to its successors).
 */
export function resolveBranchId(value: string): string | null {
  return resolveBranchText(value);
}

const branchCell = cell.transform((v, ctx) => {
  if (!v) return null;
  const id = resolveBranchId(v);
  if (!id) warn(ctx, "warnings.branchDropped", { value: v });
  return id;
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
  const t = jobTypeOf(v);
  if (!t) warn(ctx, "warnings.jobTypeDefault", { value: v });
  return t ?? ("full_time" as const);
});

const jobTypesCell = cell.transform((v, ctx) => {
  const out: JobType[] = [];
  const dropped: string[] = [];
  for (const raw of splitList(v)) {
    const t = jobTypeOf(raw);
    if (!t) dropped.push(raw);
    else if (!out.includes(t)) out.push(t);
  }
  if (dropped.length) warn(ctx, "warnings.jobTypeDropped", { value: dropped.join("; ") });
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
    warn(ctx, "warnings.booleanDefault", { value: v, fallback: String(fallback) });
    return fallback;
  });

const VISIBILITY_WORDS: Record<string, Visibility> = {
  hidden: "hidden", 隐藏: "hidden", 不公开: "hidden",
  verified_employers: "verified_employers", 认证单位可见: "verified_employers", 仅认证单位可见: "verified_employers",
  public: "public", 公开: "public",
};
const visibilityCell = cell.transform((v, ctx) => {
  if (!v) return "hidden" as const;
  const found = VISIBILITY_WORDS[v.toLowerCase()];
  // An unknown word never makes a file more visible than the veteran agreed to: it is stored hidden.
  if (!found) warn(ctx, "warnings.visibilityHidden", { value: v });
  return found ?? ("hidden" as const);
});

const CONSENT_YES = new Set(["yes", "y", "true", "1", "是", "同意", "已同意"]);
const CONSENT_NO = new Set(["no", "n", "false", "0", "否", "不同意", "未同意"]);
/** The veteran's consent to the row's visibility. Anything but a clear yes is no consent (unknown words warned). */
const consentCell = cell.transform((v, ctx) => {
  const key = v.toLowerCase();
  if (!key || CONSENT_NO.has(key)) return false;
  if (CONSENT_YES.has(key)) return true;
  warn(ctx, "warnings.consentUnknown", { value: v });
  return false;
});

const listCell = (maxItem: number) =>
  cell.transform((v, ctx) => {
    const items = splitList(v);
    const long = items.filter((i) => [...i].length > maxItem);
    if (long.length) warn(ctx, "warnings.itemDropped", { value: long.map((i) => i.slice(0, 20)).join("; "), max: maxItem });
    return items.filter((i) => [...i].length <= maxItem);
  });

const emailCell = cell.transform((v, ctx) => {
  if (!v) return null;
  if (z.string().email().safeParse(v).success) return v.toLowerCase();
  warn(ctx, "warnings.emailDropped", { value: v });
  return null;
});

const phoneCell = codeCell.transform((v, ctx) => {
  if (!v) return null;
  const compact = v.replace(/[\s-]/g, "");
  // Mainland mobile (optionally +86) or a landline with area code.
  if (/^(\+?86)?1[3-9]\d{9}$/.test(compact) || /^0\d{2,3}\d{7,8}$/.test(compact)) return compact.replace(/^\+?86(?=1)/, "");
  warn(ctx, "warnings.phoneDropped", { value: v });
  return null;
});

const externalIdCell = cell.transform((v, ctx) => {
  if (!v) return fail(ctx, "errors.required");
  if (v.length > 100) return fail(ctx, "errors.tooLong", { max: 100 });
  return v;
});

/** People wanted: 5, 5人, 5名; "若干" (several) or another word is stored as 1 with a warning. */
const headcountCell = codeCell.transform((v, ctx) => {
  if (!v) return null;
  const m = /^(\d+)\s*(人|名|个|位)?$/.exec(v);
  const n = m ? Number(m[1]) : NaN;
  if (Number.isInteger(n) && n >= 1 && n <= 10_000) return n;
  warn(ctx, "warnings.headcountDefault", { value: v });
  return null;
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
    salary_min: salaryCell(),
    salary_max: salaryCell(),
    job_type: jobTypeCell,
    headcount: headcountCell,
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
  years_served: intCell({ min: 0, max: 50, unit: /年$/ }),
  // lazy: the upper bound follows the calendar in a long-running server
  discharge_year: z.lazy(() => intCell({ min: 1950, max: thisYear() + 1 })),
  education: textCell({ max: 50 }),
  certificates: listCell(100),
  skills: skillsCell,
  desired_roles: listCell(50),
  desired_region_codes: regionListCell,
  salary_min: salaryCell(),
  job_types: jobTypesCell,
  visibility: visibilityCell,
  consent: consentCell,
});
export type VeteranRow = z.output<typeof veteranRowSchema>;

export type ValidatedRow<K extends ImportKind> = K extends "jobs" ? JobRow : VeteranRow;

/** Validate one row's cells: the typed row, or every problem found (one per column at most). */
export function validateRow<K extends ImportKind>(
  kind: K,
  line: number,
  values: Record<string, string>,
): { ok: true; row: ValidatedRow<K>; warnings: ImportRowError[] } | { ok: false; errors: ImportRowError[]; warnings: ImportRowError[] } {
  const schema = kind === "jobs" ? jobRowSchema : veteranRowSchema;
  const warnings: ImportRowError[] = [];
  rowWarnings = { line, list: warnings };
  let parsed: ReturnType<typeof schema.safeParse>;
  try {
    parsed = schema.safeParse(values);
  } finally {
    rowWarnings = null;
  }
  if (parsed.success) return { ok: true, row: parsed.data as ValidatedRow<K>, warnings };
  const errors: ImportRowError[] = [];
  const seen = new Set<string>();
  for (const issue of parsed.error.issues) {
    const column = String(issue.path[0] ?? "");
    if (seen.has(column)) continue;
    seen.add(column);
    const params = issue.code === z.ZodIssueCode.custom ? (issue.params as ImportRowError["params"]) : undefined;
    errors.push({ line, column, message: issue.code === z.ZodIssueCode.custom ? issue.message : "errors.invalid", ...(params ? { params } : {}) });
  }
  return { ok: false, errors, warnings };
}
