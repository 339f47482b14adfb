// Running a bulk import: read the file, validate each row, write each row in its own transaction (a savepoint when
// the caller already holds one) so a bad row leaves nothing behind, and report progress. A dry run does every
// lookup and every write the same way and then rolls the row back. Shared by the staff UI and the CLI.
import { and, asc, eq, like, sql } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { CsvHeaderError, CsvSyntaxError, decodeUtf8, readCsvTable, type CsvTableRow } from "./csv";
import { consentRecords, jobPostings, organizations, regions, veteranProfiles } from "../../../db/schema";
import { enqueueSearchSync } from "../../../search/sync";
import { recordAudit } from "../authz.server";
import { enqueueLiveListings } from "../organization.server";
import { decidePublication } from "../job-posting.server";
import { JOB_POSTING_TTL_DAYS } from "../../forms/job-posting";
import { IMPORT_SPECS } from "./kinds";
import { validateRow, type ImportRowError, type JobRow, type VeteranRow } from "./rows";
import type { ImportKind } from "../../../db/enums";

/** The consent text version recorded for a visibility a veteran agreed to and staff attested in an import. */
export const IMPORT_CONSENT_VERSION = "import-attested-v1";
const DAY_MS = 86_400_000;

export interface ImportProgress {
  totalRows: number;
  processedRows: number;
  created: number;
  updated: number;
  failedRows: number;
}

export interface ImportResult extends ImportProgress {
  kind: ImportKind;
  dryRun: boolean;
  /** Row-level problems that kept a row out, in file order. */
  errors: ImportRowError[];
  /** What stored rows say differently from the file (a guessed category, an unknown skill kept as written). */
  warnings: ImportRowError[];
  /** Rows stored with at least one warning. */
  warnedRows: number;
  /** Whether staff vouched for the organisations (verified, postings published at once). */
  publish: boolean;
  /** Problems with the file itself (encoding, quoting, header): when present no row was read. */
  fileErrors: ImportRowError[];
  /** Names of organisations that were (or, in a dry run, would be) created: unverified, or verified with `publish`. */
  organizationsCreated: string[];
  /** Names of existing organisations that `publish` marked verified. */
  organizationsVerified: string[];
}

export interface ImportOptions {
  dryRun: boolean;
  /** The staff member running the import (null from the command line). */
  actorUserId: string | null;
  /**
   * Trusted import (jobs): the importing staff member vouches for the organisations named in the file. They are
   * created verified or marked verified (each audited with `importRunId`), so their postings publish at once.
   */
  publish?: boolean;
  /**
   * The importing staff member's station scope (app/models/staff-scope.server.ts): every row's region, and every
   * existing file a row would change, must lie inside it. Null or absent: no limit (admins, the command line).
   */
  regionPrefix?: string | null;
  /** The import_runs row this run is recorded in, for the audit trail. */
  importRunId?: string | null;
  /**
   * Veterans: the staff account attesting that every row whose `consent` column says yes records a consent the
   * veteran really gave (the staff page's checkbox: the acting staff member; the command line's
   * `--attest-consent=EMAIL`). Only such rows are stored with the visibility they ask for, with a consent record
   * and an audit row naming the attester; every other row asking to be visible is stored hidden, with a warning.
   */
  consentAttestedBy?: string | null;
  /** Called after every row; awaited, so a caller can persist progress. */
  onProgress?: (progress: ImportProgress) => void | Promise<void>;
  now?: () => Date;
  /**
   * Decide a job's review status (e.g. the posting rules' shared function): given the organisation's verification
   * status and the row, "published" or "pending_review", optionally a row error instead.
   */
  reviewJob?: (input: { organizationVerified: boolean; title: string; description: string }) => JobDecision;
}

export type JobDecision = { status: "published" | "pending_review"; reviewReason?: string | null } | { error: ImportRowError };

export type PreparedImport = { ok: true; rows: CsvTableRow[]; columnCount: number } | { ok: false; errors: ImportRowError[] };

/** Decode and parse the file; file-level problems come back as errors on line 1 (or the line they start on). */
export function prepareImport(kind: ImportKind, input: string | Uint8Array): PreparedImport {
  try {
    const text = typeof input === "string" ? input : decodeUtf8(input);
    const table = readCsvTable(text, IMPORT_SPECS[kind]);
    if (table.rows.length === 0) return { ok: false, errors: [{ line: 1, column: "", message: "errors.noRows" }] };
    return { ok: true, rows: table.rows, columnCount: table.columns.length };
  } catch (error) {
    if (error instanceof CsvSyntaxError) {
      return { ok: false, errors: [{ line: error.line, column: "", message: `errors.${error.code}`, params: { line: error.line } }] };
    }
    if (error instanceof CsvHeaderError) {
      return {
        ok: false,
        errors: error.problems.map((p) => ({
          line: 1,
          column: "",
          message: `errors.${p.code}`,
          ...("columns" in p ? { params: { columns: p.columns.join(", ") } } : {}),
        })),
      };
    }
    throw error;
  }
}

class RowRollback extends Error {}
class RowRejected extends Error {
  constructor(public errors: ImportRowError[]) {
    super("row rejected");
  }
}

/** Region codes present in the database (6-digit levels: province, city, county), loaded once per run. */
async function loadRegionCodes(db: Db): Promise<Set<string>> {
  const rows = await db.select({ code: regions.code }).from(regions).where(sql`length(${regions.code}) = 6`);
  return new Set(rows.map((r) => r.code));
}

/** Import every row of a prepared file. */
export async function importRows(db: Db, kind: ImportKind, prepared: { rows: CsvTableRow[]; columnCount: number }, options: ImportOptions): Promise<ImportResult> {
  const now = options.now ?? (() => new Date());
  const result: ImportResult = {
    kind,
    dryRun: options.dryRun,
    totalRows: prepared.rows.length,
    processedRows: 0,
    created: 0,
    updated: 0,
    failedRows: 0,
    errors: [],
    warnings: [],
    warnedRows: 0,
    publish: !!options.publish,
    fileErrors: [],
    organizationsCreated: [],
    organizationsVerified: [],
  };
  const regionCodes = await loadRegionCodes(db);
  // In a dry run nothing stays written, so a record met twice in one file is remembered here to count it once.
  const seenExternalIds = new Set<string>();
  const writer = kind === "jobs" ? writeJobRow : writeVeteranRow;

  for (const tableRow of prepared.rows) {
    const { line } = tableRow;
    const rowErrors: ImportRowError[] = [];
    const rowWarnings: ImportRowError[] = [];
    if (tableRow.fieldCount !== prepared.columnCount) {
      rowErrors.push({ line, column: "", message: "errors.fieldCount", params: { expected: prepared.columnCount, actual: tableRow.fieldCount } });
    } else {
      const validated = validateRow(kind, line, tableRow.values);
      if (!validated.ok) rowErrors.push(...validated.errors);
      else {
        rowWarnings.push(...validated.warnings);
        let outcome: RowOutcome | undefined;
        try {
          await db.transaction(async (tx) => {
            outcome = await writer(tx as unknown as Db, validated.row as JobRow & VeteranRow, line, { regionCodes, now: now(), options });
            if (options.dryRun) throw new RowRollback();
          });
        } catch (error) {
          if (!(error instanceof RowRollback)) {
            outcome = undefined;
            if (error instanceof RowRejected) rowErrors.push(...error.errors);
            else rowErrors.push({ line, column: "", message: "errors.database", params: { detail: databaseDetail(error) } });
          }
        }
        if (outcome) {
          rowWarnings.push(...(outcome.warnings ?? []));
          record(outcome);
        }
      }
    }
    if (rowErrors.length) {
      result.failedRows++;
      result.errors.push(...rowErrors);
    } else if (rowWarnings.length) {
      result.warnedRows++;
      result.warnings.push(...rowWarnings);
    }
    result.processedRows++;
    await options.onProgress?.(progressOf(result));
  }
  return result;

  function record(outcome: RowOutcome) {
    const again = options.dryRun && seenExternalIds.has(outcome.externalId);
    seenExternalIds.add(outcome.externalId);
    if (outcome.created && !again) result.created++;
    else result.updated++;
    if (outcome.organizationCreated && !result.organizationsCreated.includes(outcome.organizationCreated)) {
      result.organizationsCreated.push(outcome.organizationCreated);
    }
    if (outcome.organizationVerified && !result.organizationsVerified.includes(outcome.organizationVerified)) {
      result.organizationsVerified.push(outcome.organizationVerified);
    }
  }
}

/** Parse and import a whole file. */
export async function runImport(db: Db, kind: ImportKind, input: string | Uint8Array, options: ImportOptions): Promise<ImportResult> {
  const prepared = prepareImport(kind, input);
  if (!prepared.ok) {
    return {
      kind,
      dryRun: options.dryRun,
      totalRows: 0,
      processedRows: 0,
      created: 0,
      updated: 0,
      failedRows: 0,
      errors: [],
      warnings: [],
      warnedRows: 0,
      publish: !!options.publish,
      fileErrors: prepared.errors,
      organizationsCreated: [],
      organizationsVerified: [],
    };
  }
  return importRows(db, kind, prepared, options);
}

export function progressOf(r: ImportProgress): ImportProgress {
  return { totalRows: r.totalRows, processedRows: r.processedRows, created: r.created, updated: r.updated, failedRows: r.failedRows };
}

function databaseDetail(error: unknown): string {
  const e = error as { message?: string; cause?: { message?: string } };
  return String(e?.cause?.message ?? e?.message ?? error).slice(0, 200);
}

// ------------------------------------------------------------------ rows → records

interface RowOutcome {
  externalId: string;
  created: boolean;
  /** What the writer stored differently from the file (a visibility without attested consent). */
  warnings?: ImportRowError[];
  organizationCreated?: string;
  organizationVerified?: string;
}

interface RowContext {
  regionCodes: Set<string>;
  now: Date;
  options: ImportOptions;
}

/** A row whose region lies outside the importing staff member's station is refused (a file without one too). */
function checkScope(line: number, column: string, code: string | null | undefined, ctx: RowContext): ImportRowError[] {
  const prefix = ctx.options.regionPrefix;
  if (!prefix || (code && code.startsWith(prefix))) return [];
  return [{ line, column, message: "errors.regionOutsideStation", params: { value: code ?? "" } }];
}

function checkRegions(line: number, column: string, codes: (string | null)[], known: Set<string>): ImportRowError[] {
  const unknown = codes.filter((c): c is string => !!c && !known.has(c));
  return unknown.length ? [{ line, column, message: "errors.regionUnknown", params: { value: unknown.join("; ") } }] : [];
}

/**
 * The posting rules (job-posting.server.ts): verified organisations publish directly, unverified ones wait for
 * review, and a posting that asks applicants to pay waits for staff with the phrases as its review reason.
 */
function defaultJobDecision(input: { organizationVerified: boolean; title: string; description: string }): JobDecision {
  const decision = decidePublication(input);
  return { status: decision.status, reviewReason: decision.reviewReason };
}

async function findOrCreateOrganization(tx: Db, name: string, regionCode: string, ctx: RowContext) {
  const publish = !!ctx.options.publish;
  // Several organisations may share a name; prefer a verified one, then the oldest.
  const [found] = await tx
    .select({ id: organizations.id, verificationStatus: organizations.verificationStatus })
    .from(organizations)
    // A regional staff member's import finds (and may vouch for) organisations of their station's region only.
    .where(and(eq(organizations.name, name), ctx.options.regionPrefix ? like(organizations.regionCode, `${ctx.options.regionPrefix}%`) : undefined))
    .orderBy(sql`case when ${organizations.verificationStatus} = 'verified' then 0 else 1 end`, asc(organizations.createdAt))
    .limit(1);
  if (found && (!publish || found.verificationStatus === "verified")) return { ...found, created: false, verified: false };
  const audit = async (id: string, created: boolean) =>
    recordAudit(tx, { id: ctx.options.actorUserId }, "organization.verify", id, {
      source: "import",
      importRunId: ctx.options.importRunId ?? null,
      created,
      previousStatus: found?.verificationStatus ?? null,
    });
  if (found) {
    // The staff member vouches for an organisation already on file: verified as if reviewed on the staff page.
    await tx
      .update(organizations)
      .set({ verificationStatus: "verified", rejectionReason: null, reviewedAt: ctx.now, reviewedByUserId: ctx.options.actorUserId, updatedAt: ctx.now })
      .where(eq(organizations.id, found.id));
    await enqueueLiveListings(tx, found.id);
    await audit(found.id, false);
    return { id: found.id, verificationStatus: "verified" as const, created: false, verified: true };
  }
  const [org] = await tx
    .insert(organizations)
    .values({
      kind: "employer",
      name,
      regionCode,
      verificationStatus: publish ? "verified" : "pending",
      ...(publish ? { reviewedAt: ctx.now, reviewedByUserId: ctx.options.actorUserId } : {}),
    })
    .returning({ id: organizations.id, verificationStatus: organizations.verificationStatus });
  if (publish) await audit(org!.id, true);
  return { ...org!, created: true, verified: false };
}

async function writeJobRow(tx: Db, row: JobRow, line: number, ctx: RowContext): Promise<RowOutcome> {
  const regionErrors = [...checkRegions(line, "region_code", [row.region_code], ctx.regionCodes), ...checkScope(line, "region_code", row.region_code, ctx)];
  if (regionErrors.length) throw new RowRejected(regionErrors);
  const org = await findOrCreateOrganization(tx, row.organization!, row.region_code!, ctx);
  const description = row.description ?? "";
  const decision = (ctx.options.reviewJob ?? defaultJobDecision)({
    organizationVerified: org.verificationStatus === "verified",
    title: row.title!,
    description,
  });
  if ("error" in decision) throw new RowRejected([{ ...decision.error, line }]);

  const values = {
    organizationId: org.id,
    title: row.title!,
    description,
    category: row.category,
    skills: row.skills,
    regionCode: row.region_code!,
    salaryMin: row.salary_min,
    salaryMax: row.salary_max,
    jobType: row.job_type,
    headcount: row.headcount ?? 1,
    veteranPreferred: row.veteran_preferred,
  };
  const liveUntil = new Date(ctx.now.getTime() + JOB_POSTING_TTL_DAYS * DAY_MS);
  const pending = { status: "pending_review" as const, publishedAt: null, expiresAt: null, reviewReason: decision.reviewReason ?? null };

  const [existing] = await tx
    .select({ id: jobPostings.id, status: jobPostings.status, publishedAt: jobPostings.publishedAt, expiresAt: jobPostings.expiresAt })
    .from(jobPostings)
    .where(eq(jobPostings.externalId, row.external_id))
    .for("update");
  let id: string;
  if (existing) {
    // Closed and rejected postings keep the decision their employer or staff made. A posting still live stays live
    // with its dates; one that expired is published afresh; one now flagged goes back to review.
    let status = {};
    if (existing.status !== "closed" && existing.status !== "rejected") {
      const stillLive = existing.status === "published" && existing.expiresAt && existing.expiresAt > ctx.now;
      status =
        decision.status === "published"
          ? stillLive
            ? {}
            : { status: "published" as const, publishedAt: ctx.now, expiresAt: liveUntil, reviewReason: null }
          : existing.status === "published" && !decision.reviewReason
            ? {} // the employer lost its verification: staff handle that on the organisation, not the import
            : pending;
    }
    await tx
      .update(jobPostings)
      .set({ ...values, ...status, updatedAt: ctx.now })
      .where(eq(jobPostings.id, existing.id));
    id = existing.id;
  } else {
    const live =
      decision.status === "published" ? { status: "published" as const, publishedAt: ctx.now, expiresAt: liveUntil, reviewReason: null } : pending;
    const [inserted] = await tx
      .insert(jobPostings)
      .values({ ...values, ...live, externalId: row.external_id, createdByUserId: ctx.options.actorUserId })
      .returning({ id: jobPostings.id });
    id = inserted!.id;
  }
  await enqueueSearchSync(tx, "jobs", [id]);
  return {
    externalId: row.external_id,
    created: !existing,
    organizationCreated: org.created ? row.organization! : undefined,
    organizationVerified: org.verified ? row.organization! : undefined,
  };
}

async function writeVeteranRow(tx: Db, row: VeteranRow, line: number, ctx: RowContext): Promise<RowOutcome> {
  const regionErrors = [
    ...checkRegions(line, "region_code", [row.region_code], ctx.regionCodes),
    ...checkRegions(line, "desired_region_codes", row.desired_region_codes, ctx.regionCodes),
    ...checkScope(line, "region_code", row.region_code, ctx),
  ];
  if (regionErrors.length) throw new RowRejected(regionErrors);

  const [existing] = await tx
    .select({ id: veteranProfiles.id, userId: veteranProfiles.userId, visibility: veteranProfiles.visibility, consentAt: veteranProfiles.consentAt, regionCode: veteranProfiles.regionCode })
    .from(veteranProfiles)
    .where(eq(veteranProfiles.externalId, row.external_id))
    .for("update");
  // A file kept by another station (outside this one's region) is not changed, and not named, by this import.
  if (existing && checkScope(line, "external_id", existing.regionCode, ctx).length) {
    throw new RowRejected([{ line, column: "external_id", message: "errors.profileOutsideStation" }]);
  }
  // A veteran who manages their own file decides what it says and who sees it: an import must not overwrite that.
  if (existing?.userId) throw new RowRejected([{ line, column: "external_id", message: "errors.profileOwned" }]);

  // Who may see the file: only what the veteran agreed to, attested by staff. A row asking to be visible without
  // both is stored hidden (an existing file keeps the visibility it has); it never records a consent nobody gave.
  const asked = row.visibility;
  const consented = asked !== "hidden" && row.consent && !!ctx.options.consentAttestedBy;
  const warnings: ImportRowError[] = [];
  let visibility = asked;
  if (asked !== "hidden" && !consented) {
    visibility = existing?.visibility ?? "hidden";
    warnings.push({
      line,
      column: "consent",
      message: row.consent ? "warnings.consentNotAttested" : "warnings.consentMissing",
    });
  }

  const values = {
    fullName: row.name!,
    contactEmail: row.email,
    phone: row.phone,
    regionCode: row.region_code,
    branch: row.branch,
    specialty: row.specialty,
    rank: row.rank,
    yearsServed: row.years_served,
    dischargeYear: row.discharge_year,
    education: row.education,
    certificates: row.certificates,
    skills: row.skills,
    desiredRoles: row.desired_roles,
    desiredRegionCodes: row.desired_region_codes,
    salaryMin: row.salary_min,
    jobTypes: row.job_types,
    visibility,
  };
  const visibilityChanged = !existing || existing.visibility !== visibility;
  // The attested consent is what lets the file into the search index: recorded (assisted service, by the attesting
  // staff member) when the import makes the file visible or changes who may see it. Making a file hidden is
  // recorded too, as the narrowing it is.
  const needsConsent = !!consented && (visibilityChanged || !existing?.consentAt);
  const recordConsent = needsConsent || (!!existing && visibilityChanged && visibility === "hidden");
  const consentColumns = needsConsent ? { consentAt: ctx.now, consentVersion: IMPORT_CONSENT_VERSION } : {};

  let id: string;
  if (existing) {
    await tx
      .update(veteranProfiles)
      .set({ ...values, ...consentColumns, updatedAt: ctx.now })
      .where(eq(veteranProfiles.id, existing.id));
    id = existing.id;
  } else {
    const [inserted] = await tx
      .insert(veteranProfiles)
      .values({ ...values, ...consentColumns, externalId: row.external_id, userId: null, createdByStaffUserId: ctx.options.actorUserId })
      .returning({ id: veteranProfiles.id });
    id = inserted!.id;
  }
  if (recordConsent) {
    const attester = needsConsent ? ctx.options.consentAttestedBy! : ctx.options.actorUserId;
    await tx.insert(consentRecords).values({
      veteranProfileId: id,
      kind: "assisted_service",
      value: visibility,
      textVersion: IMPORT_CONSENT_VERSION,
      recordedByUserId: attester,
    });
    if (needsConsent) {
      await recordAudit(tx, { id: attester }, "profile.consent.attest", id, {
        source: "import",
        importRunId: ctx.options.importRunId ?? null,
        line,
        visibility,
      });
    }
  }
  await enqueueSearchSync(tx, "veteran_profiles", [id]);
  return { externalId: row.external_id, created: !existing, warnings };
}
