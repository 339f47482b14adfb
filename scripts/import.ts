// npm run import -- veterans|jobs FILE.csv [--dry-run] [--publish] [--attest-consent=EMAIL]
// Exit code 0: every row stored, with or without warnings (or valid, in a dry run); 1: some rows failed; 2: usage
// or file error. --publish (jobs): the operator vouches for the file's organisations (verified, audited with the
// run) and the postings publish at once. --attest-consent=EMAIL (veterans): the staff account EMAIL attests that
// rows whose consent column says yes record a consent the veteran gave; only those rows get the visibility they
// ask for (consent record and audit row name that account). Without it every veteran file is stored hidden.
import { readFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { eq } from "drizzle-orm";
import { loadConfig } from "../app/env.server";
import { isStaff } from "../app/models/authz.server";
import { importText, localeFromEnv, renderImportError } from "../app/models/import/messages";
import { type ImportRowError } from "../app/models/import/rows";
import { IMPORT_KINDS, type ImportKind, type Locale } from "../db/enums";
import { importRows, prepareImport, type ImportProgress } from "../app/models/import/run";
import { createDb } from "../db/client";
import { loadRegions } from "../db/regions";
import { importRuns, users } from "../db/schema";

const locale: Locale = localeFromEnv(process.env);
const zh = locale === "zh-CN";
const USAGE = zh
  ? "用法：npm run import -- veterans|jobs 文件.csv [--dry-run] [--publish] [--attest-consent=工作人员邮箱]"
  : "usage: npm run import -- veterans|jobs FILE.csv [--dry-run] [--publish] [--attest-consent=STAFF_EMAIL]";

function usage(message?: string): never {
  if (message) console.error(message);
  console.error(USAGE);
  process.exit(2);
}

class AttestationRefused extends Error {}

let parsed: ReturnType<typeof readArgs>;
function readArgs() {
  return parseArgs({
    args: process.argv.slice(2),
    options: {
      "dry-run": { type: "boolean", default: false },
      publish: { type: "boolean", default: false },
      "attest-consent": { type: "string" },
    },
    strict: true,
    allowPositionals: true,
  });
}
try {
  parsed = readArgs();
} catch (error) {
  usage(`${zh ? "未知选项" : "unknown option"}: ${(error as Error).message}`);
}
const { "dry-run": dryRun, publish, "attest-consent": attestEmail } = parsed.values;
const positional = parsed.positionals;
if (positional.length !== 2) usage();
const [kindArg, file] = positional as [string, string];
if (!(IMPORT_KINDS as readonly string[]).includes(kindArg)) usage(`${zh ? "未知的导入内容" : "unknown kind"}: ${kindArg}`);
const kind = kindArg as ImportKind;
if (publish && kind !== "jobs") usage(zh ? "--publish 只用于岗位导入" : "--publish applies to jobs only");
if (attestEmail !== undefined && kind !== "veterans") usage(zh ? "--attest-consent 只用于退役军人导入" : "--attest-consent applies to veterans only");
if (attestEmail !== undefined && !/^[^\s@]+@[^\s@]+$/.test(attestEmail)) usage(zh ? "--attest-consent 需要工作人员的邮箱" : "--attest-consent needs a staff member's email");

let bytes: Uint8Array;
try {
  bytes = readFileSync(file);
} catch (error) {
  usage(`${zh ? "无法读取文件" : "cannot read file"} ${file}: ${(error as Error).message}`);
}

function printErrors(errors: ImportRowError[]) {
  for (const e of errors) {
    const where = [
      e.line > 0 ? (zh ? `第 ${e.line} 行` : `line ${e.line}`) : null,
      e.column ? (zh ? `列 ${e.column}` : `column ${e.column}`) : null,
    ]
      .filter(Boolean)
      .join(zh ? "，" : ", ");
    console.log(`  ${where ? `${where}: ` : ""}${renderImportError(e, locale)}`);
  }
}

const prepared = prepareImport(kind, bytes);
if (!prepared.ok) {
  console.log(`${path.basename(file)}: ${importText(locale, "fileFailed")}`);
  printErrors(prepared.errors);
  process.exit(2);
}

const tty = process.stderr.isTTY;
function drawProgress(p: ImportProgress) {
  if (!tty) return;
  const width = 30;
  const filled = p.totalRows ? Math.round((p.processedRows / p.totalRows) * width) : width;
  const percent = p.totalRows ? Math.floor((p.processedRows / p.totalRows) * 100) : 100;
  process.stderr.write(`\r[${"#".repeat(filled)}${"-".repeat(width - filled)}] ${String(percent).padStart(3)}% ${p.processedRows}/${p.totalRows}`);
  if (p.processedRows === p.totalRows) process.stderr.write("\n");
}

const config = loadConfig();
const handle = await createDb(config);
let exitCode = 0;
try {
  await handle.migrate();
  // Region codes are checked against the regions table; make sure the reference data is there (idempotent).
  await loadRegions(handle.db);
  const db = handle.db;
  // The attesting staff member must hold a staff or admin account: the consent records and audit rows name them.
  let consentAttestedBy: string | null = null;
  if (attestEmail !== undefined) {
    const [attester] = await db.select({ id: users.id, role: users.role }).from(users).where(eq(users.email, attestEmail.toLowerCase()));
    if (!attester || !isStaff(attester)) {
      console.error(zh ? `${attestEmail} 不是工作人员账号，无法确认同意记录` : `${attestEmail} is not a staff account: it cannot attest consents`);
      console.error(USAGE);
      throw new AttestationRefused();
    }
    consentAttestedBy = attester.id;
    console.log(zh ? `同意记录由 ${attestEmail} 确认` : `consents attested by ${attestEmail}`);
  } else if (kind === "veterans" && !dryRun) {
    console.log(
      zh
        ? "未指定 --attest-consent：所有退役军人档案按不公开导入。"
        : "No --attest-consent: every veteran file is imported hidden.",
    );
  }
  // A real run is recorded like one started from the staff page; a dry run writes nothing at all.
  const runId = dryRun
    ? null
    : (
        await db
          .insert(importRuns)
          .values({ kind, filename: path.basename(file), dryRun, publish, status: "running", totalRows: prepared.rows.length })
          .returning({ id: importRuns.id })
      )[0]!.id;
  const result = await importRows(db, kind, prepared, { dryRun, publish, consentAttestedBy, importRunId: runId, actorUserId: null, onProgress: drawProgress });
  if (runId) {
    await db
      .update(importRuns)
      .set({
        status: "done",
        processedRows: result.processedRows,
        createdCount: result.created,
        updatedCount: result.updated,
        errors: result.errors as unknown as (typeof importRuns.$inferInsert)["errors"],
        warnings: result.warnings as unknown as (typeof importRuns.$inferInsert)["warnings"],
        finishedAt: new Date(),
      })
      .where(eq(importRuns.id, runId));
  }

  const title = importText(locale, dryRun ? "runTitleDry" : "runTitle");
  console.log(`${title} (${importText(locale, `kinds.${kind}`)}, ${path.basename(file)})`);
  console.log(
    [
      importText(locale, "progressText", { processed: result.processedRows, total: result.totalRows, percent: 100 }),
      importText(locale, "summaryCreated", { count: result.created }),
      importText(locale, "summaryUpdated", { count: result.updated }),
      importText(locale, "summaryFailed", { count: result.failedRows }),
      importText(locale, "summaryWarned", { count: result.warnedRows }),
    ].join(zh ? "；" : "; "),
  );
  if (result.organizationsCreated.length) {
    const names = result.organizationsCreated.join(zh ? "、" : ", ");
    console.log(
      publish
        ? zh
          ? `新建已认证单位（担保导入）：${names}`
          : `organisations created (verified by this import): ${names}`
        : zh
          ? `新建未认证单位：${names}`
          : `organisations created (unverified): ${names}`,
    );
  }
  if (result.organizationsVerified.length) {
    console.log(importText(locale, "organizationsVerified", { names: result.organizationsVerified.join(zh ? "、" : ", ") }));
  }
  if (dryRun) console.log(importText(locale, "dryRunNote"));
  if (result.warnings.length) {
    console.log(`${importText(locale, "warningsTitle")} (${importText(locale, "warningsCount", { count: result.warnings.length })}):`);
    printErrors(result.warnings);
  }
  if (result.errors.length) {
    console.log(`${importText(locale, "errorsTitle")} (${importText(locale, "errorsCount", { count: result.errors.length })}):`);
    printErrors(result.errors);
  }
  // 0 when every row was stored (warnings or not), 1 when any row failed.
  if (result.failedRows > 0) exitCode = 1;
  if (!dryRun && result.created + result.updated > 0) {
    console.log(
      zh
        ? "搜索索引将由后台队列（search_outbox）或下次启动时的重建同步。"
        : "The search index catches up through the search outbox (worker or server drain) or the rebuild on next start.",
    );
  }
} catch (error) {
  if (!(error instanceof AttestationRefused)) console.error(error instanceof Error ? error.message : String(error));
  exitCode = 2;
} finally {
  await handle.close();
}
process.exit(exitCode);
