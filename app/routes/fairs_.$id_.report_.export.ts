import type { LoaderFunctionArgs } from "@remix-run/node";
import { resources } from "../i18n";
import { getLocale } from "../i18n/locale.server";
import { fairReport, reportCsv, reportTable, reportXlsx } from "../models/fair-report.server";
import { categoryOption } from "../models/job-taxonomy.server";
import { requireUser } from "../utils/session.server";
import { downloadResponse } from "../utils/upload.server";

/** /fairs/:id/report/export?format=csv|xlsx — the fair report with headers in the reader's language. */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const report = await fairReport(context.db, user, params.id ?? "");
  const locale = await getLocale(request, context, user);
  const messages = resources[locale].fairs;
  const t = (key: string): string => {
    const value = key.split(".").reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], messages);
    return typeof value === "string" ? value : key;
  };
  const table = reportTable(report, t, (code) => (locale === "en" ? categoryOption(code).nameEn : categoryOption(code).name));
  const base = `fair-report-${report.fair.startsAt.toISOString().slice(0, 10)}-${report.fair.id.slice(0, 8)}`;
  if (new URL(request.url).searchParams.get("format") === "xlsx") {
    const bytes = await reportXlsx(table, t("report.sheet"));
    return downloadResponse({ bytes, mime: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", filename: `${base}.xlsx` }, "fair-report.xlsx");
  }
  const bytes = new TextEncoder().encode(reportCsv(table));
  return downloadResponse({ bytes, mime: "text/csv; charset=utf-8", filename: `${base}.csv` }, "fair-report.csv");
}
