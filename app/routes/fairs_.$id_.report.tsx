import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formatDateTime, formatNumber } from "../i18n/format";
import { type Locale } from "../../db/enums";
import { titleFor } from "../i18n/meta";
import { REPORT_BOOTH_COLUMNS, REPORT_TOTALS, REPORT_TRADE_COLUMNS } from "../forms/fairs";
import { fairReport } from "../models/fair-report.server";
import { categoryOption } from "../models/job-taxonomy.server";
import { requireUser } from "../utils/session.server";
import fairStyles from "../styles/fairs.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: fairStyles }];
export const meta: MetaFunction<typeof loader> = (args) => [
  { title: titleFor(args, args.data ? [{ key: "fairReport" }, { raw: args.data.fair.title }] : [{ key: "fairReport" }]) },
];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const report = await fairReport(context.db, user, params.id ?? "");
  return json({ ...report, trades: report.trades.map((tr) => ({ ...tr, name: tr.trade ? categoryOption(tr.trade) : null })) });
}

export default function FairReportRoute() {
  const { fair, figures, booths, trades } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation("fairs");
  const locale = i18n.language as Locale;
  const n = (v: number) => formatNumber(v, locale);
  return (
    <article aria-labelledby="report-title" className="fair report">
      <p className="no-print">
        <Link to={`/fairs/${fair.id}/dashboard`}>← {t("dashboard.title")}</Link>
      </p>
      <h1 id="report-title">{t("report.title", { title: fair.title })}</h1>
      <p className="muted">
        {t(`mode.${fair.mode}`)} · {formatDateTime(fair.startsAt, locale)} – {formatDateTime(fair.endsAt, locale)}
        {fair.venue ? ` · ${fair.venue}` : ""}
        {fair.organizerName ? ` · ${fair.organizerName}` : ""}
      </p>
      <p className="fair-actions no-print">
        <a className="button button-secondary" href={`/fairs/${fair.id}/report/export?format=csv`} download>
          {t("report.csv")}
        </a>
        <a className="button button-secondary" href={`/fairs/${fair.id}/report/export?format=xlsx`} download>
          {t("report.xlsx")}
        </a>
        <button type="button" className="button button-secondary" onClick={() => window.print()}>
          {t("report.print")}
        </button>
      </p>
      <h2 id="totals-title">{t("report.totals")}</h2>
      <dl className="facts report-totals" aria-labelledby="totals-title">
        {REPORT_TOTALS.map((k) => (
          <div key={k}>
            <dt>{t(`report.totalsLabels.${k}`)}</dt>
            <dd>{n(figures[k])}</dd>
          </div>
        ))}
      </dl>
      <h2 id="by-booth">{t("report.byBooth")}</h2>
      <div className="table-scroll">
        <table aria-labelledby="by-booth">
          <thead>
            <tr>
              <th scope="col">{t("report.columns.booth")}</th>
              {REPORT_BOOTH_COLUMNS.map((c) => (
                <th key={c} scope="col">
                  {t(`report.columns.${c}`)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {booths.map((b) => (
              <tr key={b.boothId}>
                <th scope="row">{b.orgName}</th>
                {REPORT_BOOTH_COLUMNS.map((c) => (
                  <td key={c}>{n(b[c])}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2 id="by-trade">{t("report.byTrade")}</h2>
      <div className="table-scroll">
        <table aria-labelledby="by-trade">
          <thead>
            <tr>
              <th scope="col">{t("report.columns.trade")}</th>
              {REPORT_TRADE_COLUMNS.map((c) => (
                <th key={c} scope="col">
                  {t(`report.columns.${c}`)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {trades.map((tr) => (
              <tr key={tr.trade}>
                <th scope="row">{tr.name ? (locale === "en" ? tr.name.nameEn : tr.name.name) : t("report.noTrade")}</th>
                {REPORT_TRADE_COLUMNS.map((c) => (
                  <td key={c}>{n(tr[c])}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </article>
  );
}
