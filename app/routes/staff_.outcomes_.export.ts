import type { LoaderFunctionArgs } from "@remix-run/node";
import { outcomePeriod, parseOutcomeQuery } from "../forms/outcomes";
import { resources } from "../i18n";
import { getLocale } from "../i18n/locale.server";
import { getOutcomeReport, outcomeCsv, outcomeTable, outcomeXlsx } from "../models/outcomes.server";
import { requireRole } from "../utils/session.server";
import { downloadResponse } from "../utils/upload.server";

/** /staff/outcomes/export?region=<code>&from=<date>&to=<date>&format=csv|xlsx — headers in the reader's language. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const staff = await requireRole(request, context, "staff", "admin");
  const parsed = parseOutcomeQuery(new URL(request.url));
  if (!parsed.success) throw new Response(parsed.error.issues[0]?.message ?? "Bad request", { status: 400 });
  const query = parsed.data;
  const period = outcomePeriod(query);
  const report = await getOutcomeReport(context.db, staff, { regionCode: query.region, from: period.from, to: period.to });
  const messages = resources[await getLocale(request, context, staff)].outcomes;
  const t = (key: string): string => {
    const value = key.split(".").reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], messages);
    return typeof value === "string" ? value : key;
  };
  const table = outcomeTable(report, (key) => t(key));
  const base = `outcomes-${report.region?.code ?? "cn"}-${period.fromDay}-${period.toDay}`;
  if (query.format === "xlsx") {
    const bytes = await outcomeXlsx(table, t("title"));
    return downloadResponse({ bytes, mime: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", filename: `${base}.xlsx` }, "outcomes.xlsx");
  }
  const bytes = new TextEncoder().encode(outcomeCsv(table));
  return downloadResponse({ bytes, mime: "text/csv; charset=utf-8", filename: `${base}.csv` }, "outcomes.csv");
}
