import type { LoaderFunctionArgs } from "@remix-run/node";
import { fixedT } from "../i18n/meta";
import { metricsCsv, parkMetrics } from "../models/incubator-onboarding.server";
import { getLocale } from "../i18n/locale.server";
import { requireRole } from "../utils/session.server";

/** The park's monthly founder figures as CSV (UTF-8 with BOM), headers in the reader's language. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireRole(request, context, "incubator");
  const { rows } = await parkMetrics(context.db, user);
  const t = fixedT(await getLocale(request, context, user));
  const csv = metricsCsv(rows, [
    t("incubator:parkMetrics.csvVenture"),
    t("incubator:metrics.month"),
    t("incubator:metrics.revenueYuan"),
    t("incubator:metrics.jobsCreated"),
    t("incubator:metrics.veteransHired"),
    t("incubator:metrics.fundingRaisedYuan"),
  ]);
  return new Response(csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="park-metrics.csv"`,
      "Cache-Control": "private, no-store",
    },
  });
}
