// Bulk imports for staff: start a run (recorded in import_runs), process it in the background while the page polls
// its progress, and read runs back with their row-level error reports. The work itself is in ./import/run.ts,
// shared with `npm run import`.
import { and, desc, eq, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { safeErrorMessage } from "../../db/errors";
import { importRuns } from "../../db/schema";
import { requireUuid, type Actor } from "./authz.server";
import { staffScope, type StaffScope } from "./staff-scope.server";
import { NotFoundError } from "./errors";
import { importRows, prepareImport, type ImportOptions, type ImportProgress, type ImportResult } from "./import/run";
import { IMPORT_SPECS } from "./import/kinds";
import { type ImportRowError } from "./import/rows";
import { IMPORT_KINDS, type ImportKind } from "../../db/enums";

export { IMPORT_KINDS, IMPORT_SPECS, type ImportKind, type ImportRowError, type ImportResult };

/** The largest CSV the staff page accepts (about 20,000 rows of jobs); bigger files go through `npm run import`. */
export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;


export type ImportRunStatus = "running" | "done" | "failed";

export interface ImportRunView {
  id: string;
  kind: ImportKind;
  filename: string | null;
  dryRun: boolean;
  status: ImportRunStatus;
  totalRows: number;
  processedRows: number;
  createdCount: number;
  updatedCount: number;
  /** Rows with at least one error. */
  failedRows: number;
  /** Rows stored with at least one warning. */
  warnedRows: number;
  /** Staff vouched for the organisations (jobs): verified, postings published at once. */
  publish: boolean;
  errors: ImportRowError[];
  warnings: ImportRowError[];
  createdAt: string;
  finishedAt: string | null;
}

type RunRow = typeof importRuns.$inferSelect;
// The errors column is typed { line, column, message }; ours also carry the message's parameters.
type StoredErrors = RunRow["errors"];

function toView(row: RunRow): ImportRunView {
  const errors = row.errors as unknown as ImportRowError[];
  const warnings = row.warnings as unknown as ImportRowError[];
  return {
    id: row.id,
    kind: row.kind as ImportKind,
    filename: row.filename,
    dryRun: row.dryRun,
    status: row.status as ImportRunStatus,
    totalRows: row.totalRows,
    processedRows: row.processedRows,
    createdCount: row.createdCount,
    updatedCount: row.updatedCount,
    // A file that could not be read has file-level errors only (and no rows).
    failedRows: row.totalRows === 0 ? 0 : new Set(errors.map((e) => e.line)).size,
    warnedRows: new Set(warnings.map((e) => e.line)).size,
    publish: row.publish,
    errors,
    warnings,
    createdAt: row.createdAt.toISOString(),
    finishedAt: row.finishedAt ? row.finishedAt.toISOString() : null,
  };
}

export interface StartImportInput {
  kind: ImportKind;
  filename: string | null;
  bytes: Uint8Array;
  dryRun: boolean;
  /** Trusted import of jobs: verify the file's organisations and publish at once (ignored for veterans). */
  publish?: boolean;
  /**
   * Veterans: the acting staff member attests the file's consent column (rows saying yes get the visibility they
   * ask for; the consent records and audit rows name them). Unticked, every file is stored hidden.
   */
  attestConsent?: boolean;
}

/** Progress is written at most this often (and always at the end), so a large file does not write once per row. */
const PROGRESS_EVERY_MS = 250;

/**
 * Record a run and start importing. The file is read first: a file that cannot be read fails at once with its
 * file-level errors. Otherwise the rows are processed in the background; `done` settles when they are (tests await
 * it; routes redirect to the progress page).
 */
export async function startImport(
  db: Db,
  actor: Actor,
  input: StartImportInput,
  options: Pick<ImportOptions, "reviewJob" | "now"> = {},
): Promise<{ run: ImportRunView; done: Promise<ImportRunView> }> {
  const scope = await staffScope(db, actor);
  const prepared = prepareImport(input.kind, input.bytes);
  const publish = input.kind === "jobs" && !!input.publish;
  const base = { kind: input.kind, filename: input.filename?.slice(0, 200) ?? null, dryRun: input.dryRun, publish, createdByUserId: actor.id };
  if (!prepared.ok) {
    const [row] = await db
      .insert(importRuns)
      .values({ ...base, status: "failed", errors: prepared.errors as unknown as StoredErrors, finishedAt: new Date() })
      .returning();
    const view = toView(row!);
    return { run: view, done: Promise.resolve(view) };
  }
  const [row] = await db.insert(importRuns).values({ ...base, status: "running", totalRows: prepared.rows.length }).returning();
  const runId = row!.id;

  let lastWrite = 0;
  const save = async (p: ImportProgress, force = false) => {
    const at = Date.now();
    if (!force && at - lastWrite < PROGRESS_EVERY_MS && p.processedRows < p.totalRows) return;
    lastWrite = at;
    await db
      .update(importRuns)
      .set({ processedRows: p.processedRows, createdCount: p.created, updatedCount: p.updated })
      .where(eq(importRuns.id, runId));
  };

  const done = (async (): Promise<ImportRunView> => {
    try {
      const result = await importRows(db, input.kind, prepared, {
        dryRun: input.dryRun,
        actorUserId: actor.id,
        regionPrefix: scope.prefix,
        publish,
        consentAttestedBy: input.kind === "veterans" && input.attestConsent ? actor.id : null,
        importRunId: runId,
        onProgress: (p) => save(p),
        ...options,
      });
      const [finished] = await db
        .update(importRuns)
        .set({
          status: "done",
          processedRows: result.processedRows,
          createdCount: result.created,
          updatedCount: result.updated,
          errors: result.errors as unknown as StoredErrors,
          warnings: result.warnings as unknown as StoredErrors,
          finishedAt: new Date(),
        })
        .where(eq(importRuns.id, runId))
        .returning();
      return toView(finished!);
    } catch (error) {
      const detail = safeErrorMessage(error).slice(0, 200);
      const [failed] = await db
        .update(importRuns)
        .set({ status: "failed", errors: [{ line: 0, column: "", message: "errors.database", params: { detail } }] as unknown as StoredErrors, finishedAt: new Date() })
        .where(eq(importRuns.id, runId))
        .returning();
      return toView(failed!);
    }
  })();
  return { run: toView(row!), done };
}

/**
 * Runs a staff member may see: admins and national staff every run; regional staff the runs started by staff of a
 * station inside their region (their own included). A run's error report names rows of the file, so it is scoped
 * like the files themselves.
 */
function runScopeCondition(scope: StaffScope) {
  if (scope.prefix === null) return undefined;
  return sql`${importRuns.createdByUserId} in (
    select m.user_id from memberships m join organizations o on o.id = m.organization_id
     where o.kind in ('service_station', 'bureau') and o.region_code like ${scope.prefix + "%"})`;
}

export async function getImportRun(db: Db, actor: Actor, id: string): Promise<ImportRunView> {
  const scope = await staffScope(db, actor);
  requireUuid(id);
  const [row] = await db.select().from(importRuns).where(and(eq(importRuns.id, id), runScopeCondition(scope)));
  if (!row) throw new NotFoundError();
  return toView(row);
}

/** The progress poll's answer: small, no error list. */
export async function getImportProgress(db: Db, actor: Actor, id: string) {
  const run = await getImportRun(db, actor, id);
  return {
    id: run.id,
    status: run.status,
    totalRows: run.totalRows,
    processedRows: run.processedRows,
    createdCount: run.createdCount,
    updatedCount: run.updatedCount,
    failedRows: run.failedRows,
    percent: percentOf(run),
  };
}

export function percentOf(run: { status: string; totalRows: number; processedRows: number }): number {
  if (run.status !== "running") return 100;
  return run.totalRows === 0 ? 0 : Math.floor((run.processedRows / run.totalRows) * 100);
}

export async function listImportRuns(db: Db, actor: Actor, limit = 20): Promise<Omit<ImportRunView, "errors" | "warnings">[]> {
  const scope = await staffScope(db, actor);
  const rows = await db.select().from(importRuns).where(runScopeCondition(scope)).orderBy(desc(importRuns.createdAt)).limit(limit);
  return rows.map((r) => {
    const { errors: _errors, warnings: _warnings, ...rest } = toView(r);
    return rest;
  });
}
