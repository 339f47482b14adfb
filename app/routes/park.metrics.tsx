import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formatFen } from "../i18n/format";
import type { Locale } from "../../db/enums";
import { parkMetrics } from "../models/incubator-onboarding.server";
import { requireRole } from "../utils/session.server";
import trainingStyles from "../styles/training.css";
import { pageMeta } from "../i18n/meta";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: trainingStyles }];
export const meta = pageMeta("parkMetrics");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireRole(request, context, "incubator");
  const { rows, cohort } = await parkMetrics(context.db, user);
  return json({ rows, cohort });
}

export default function ParkMetricsRoute() {
  const { rows, cohort } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation("incubator");
  const locale = (i18n.language === "en" ? "en" : "zh-CN") as Locale;
  const header = (first: string) => (
    <tr>
      <th scope="col">{first}</th>
      <th scope="col">{t("metrics.revenue")}</th>
      <th scope="col">{t("metrics.jobsCreated")}</th>
      <th scope="col">{t("metrics.veteransHired")}</th>
      <th scope="col">{t("metrics.fundingRaised")}</th>
    </tr>
  );
  return (
    <section aria-labelledby="metrics-title" className="training-admin">
      <h1 id="metrics-title">{t("parkMetrics.title")}</h1>
      <p className="muted">{t("parkMetrics.intro")}</p>
      <p>
        <a className="button button-secondary" href="/park/metrics/export" download>
          {t("parkMetrics.export")}
        </a>
      </p>
      <h2 id="cohort-title">{t("parkMetrics.cohort")}</h2>
      {cohort.length === 0 ? (
        <p className="empty">{t("parkMetrics.empty")}</p>
      ) : (
        <div className="table-scroll">
          <table aria-labelledby="cohort-title">
            <thead>{header(t("metrics.month"))}</thead>
            <tbody>
              {cohort.map((c) => (
                <tr key={c.month}>
                  <th scope="row">
                    {c.month} ({t("parkMetrics.ventures", { count: c.ventures })})
                  </th>
                  <td>{formatFen(c.revenueFen, locale)}</td>
                  <td>{c.jobsCreated}</td>
                  <td>{c.veteransHired}</td>
                  <td>{formatFen(c.fundingRaisedFen, locale)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <h2 id="ventures-title">{t("parkMetrics.perVenture")}</h2>
      {rows.length === 0 ? (
        <p className="empty">{t("parkMetrics.empty")}</p>
      ) : (
        <div className="table-scroll">
          <table aria-labelledby="ventures-title">
            <thead>{header(t("parkMetrics.ventureMonth"))}</thead>
            <tbody>
              {rows.map((r) => (
                <tr key={`${r.ventureId}-${r.month}`}>
                  <th scope="row">
                    {r.venture} · {r.month}
                  </th>
                  <td>{formatFen(r.revenueFen, locale)}</td>
                  <td>{r.jobsCreated}</td>
                  <td>{r.veteransHired}</td>
                  <td>{formatFen(r.fundingRaisedFen, locale)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
