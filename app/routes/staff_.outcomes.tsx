import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { BarChart, type BarDatum } from "../components/bar-chart";
import { FieldErrors } from "../components/field";
import { OUTCOME_FIGURES, outcomePeriod, parseOutcomeQuery, type OutcomeFigure } from "../forms/outcomes";
import { formatNumber } from "../i18n/format";
import { type Locale } from "../../db/enums";
import { getOutcomeReport, type OutcomeRow } from "../models/outcomes.server";
import { requireRole } from "../utils/session.server";
import staffStyles from "../styles/staff.css";
import { pageMeta } from "../i18n/meta";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: staffStyles }];
export const meta = pageMeta("staffOutcomes");

const SECTIONS: { key: string; figures: OutcomeFigure[] }[] = [
  { key: "veterans", figures: ["veteransRegistered", "veteransNew", "profilesComplete"] },
  { key: "employment", figures: ["jobSeekers", "applications", "interviews", "offers", "hires", "veteransHired", "jobsPublished"] },
  { key: "training", figures: ["trainingSeats", "trainingEnrolments", "trainingWaitlisted"] },
  { key: "fairs", figures: ["fairs", "fairPositions", "fairAttendees", "fairChats", "fairInterviews", "fairSigned"] },
  { key: "incubation", figures: ["incubationApplications", "incubationAccepted", "venturesActive", "ventureJobsCreated", "ventureVeteransHired"] },
  { key: "retention", figures: ["followUps3Checked", "followUps3Retained", "followUps6Checked", "followUps6Retained"] },
  { key: "stations", figures: ["serviceRecords", "serviceVisits", "assistedApplications", "followUpsDue", "followUpsOnTime"] },
];

/** The rates shown in a section, after its counts. */
const SECTION_RATES: Record<string, ("employmentRate" | "retention3Rate" | "retention6Rate" | "followUpOnTimeRate")[]> = {
  employment: ["employmentRate"],
  retention: ["retention3Rate", "retention6Rate"],
  stations: ["followUpOnTimeRate"],
};
const RATES = ["employmentRate", "retention3Rate", "retention6Rate", "followUpOnTimeRate"] as const;

export async function loader({ request, context }: LoaderFunctionArgs) {
  const staff = await requireRole(request, context, "staff", "admin");
  const url = new URL(request.url);
  const parsed = parseOutcomeQuery(url);
  const errors = parsed.success ? {} : parsed.error.flatten().fieldErrors;
  const query = parsed.success ? parsed.data : {};
  const period = outcomePeriod(query);
  const report = await getOutcomeReport(context.db, staff, { regionCode: query.region, from: period.from, to: period.to });
  return json({
    report: { ...report, from: period.fromDay, to: period.toDay },
    errors: errors as Record<string, string[] | undefined>,
  });
}

type Report = ReturnType<typeof useLoaderData<typeof loader>>["report"];

export default function StaffOutcomesRoute() {
  const { report, errors } = useLoaderData<typeof loader>();
  const { t } = useTranslation(["outcomes", "common"]);
  const navigation = useNavigation();
  const regionName = report.region?.name ?? t("country");
  const periodQuery = `from=${report.from}&to=${report.to}`;
  const exportQuery = `${report.region ? `region=${report.region.code}&` : ""}${periodQuery}`;
  return (
    <section aria-labelledby="outcomes-title" className="outcomes-page" aria-busy={navigation.state === "loading"}>
      <h1 id="outcomes-title">{t("title")}</h1>
      <p>{t("intro")}</p>
      <nav aria-label={t("breadcrumb")}>
        <ol className="breadcrumb">
          <li>{report.region ? <Link to={`?${periodQuery}`}>{t("country")}</Link> : <span aria-current="page">{t("country")}</span>}</li>
          {report.path.map((r) => (
            <li key={r.code}>
              {r.code === report.region?.code ? <span aria-current="page">{r.name}</span> : <Link to={`?region=${r.code}&${periodQuery}`}>{r.name}</Link>}
            </li>
          ))}
        </ol>
      </nav>
      <Form method="get" className="outcome-filters" aria-label={t("filters")}>
        {report.region ? <input type="hidden" name="region" value={report.region.code} /> : null}
        <div className="field">
          <label htmlFor="outcomes-from">{t("from")}</label>
          <input id="outcomes-from" name="from" type="date" defaultValue={report.from} aria-invalid={errors.from ? true : undefined} aria-describedby={errors.from ? "outcomes-from-error" : undefined} />
          <FieldErrors id="outcomes-from-error" errors={errors.from} t={t} />
        </div>
        <div className="field">
          <label htmlFor="outcomes-to">{t("to")}</label>
          <input id="outcomes-to" name="to" type="date" defaultValue={report.to} aria-invalid={errors.to ? true : undefined} aria-describedby={errors.to ? "outcomes-to-error" : undefined} />
          <FieldErrors id="outcomes-to-error" errors={errors.to} t={t} />
        </div>
        <button type="submit" className="button">
          {navigation.state === "loading" ? t("common:common.submitting") : t("show")}
        </button>
      </Form>
      <p className="actions">
        <a className="button-secondary" href={`/staff/outcomes/export?${exportQuery}&format=csv`} download>
          {t("exportCsv")}
        </a>{" "}
        <a className="button-secondary" href={`/staff/outcomes/export?${exportQuery}&format=xlsx`} download>
          {t("exportXlsx")}
        </a>
      </p>
      <Summary report={report} regionName={regionName} />
      {report.children.length === 0 ? (
        <p className="empty">{t("noRows")}</p>
      ) : (
        <>
          <OutcomeCharts report={report} />
          <div className="table-scroll" role="region" aria-labelledby="outcome-table-caption" tabIndex={0}>
            <table className="outcome-table">
              <caption id="outcome-table-caption">{t("tableCaption", { region: regionName, from: report.from, to: report.to })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("region")}</th>
                  {OUTCOME_FIGURES.map((f) => (
                    <th scope="col" key={f}>
                      {t(`figures.${f}`)}
                    </th>
                  ))}
                  <th scope="col">{t("figures.medianDaysToHire")}</th>
                  {RATES.map((r) => (
                    <th scope="col" key={r}>
                      {t(`figures.${r}`)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {report.children.map((c) => (
                  <OutcomeTableRow key={c.regionCode ?? "unspecified"} row={c} periodQuery={periodQuery} />
                ))}
              </tbody>
              <tfoot>
                <OutcomeTableRow row={{ ...report.total, regionCode: null, regionName: t("total") }} periodQuery={periodQuery} plain />
              </tfoot>
            </table>
          </div>
        </>
      )}
    </section>
  );
}

function Summary({ report, regionName }: { report: Report; regionName: string }) {
  const { t, i18n } = useTranslation("outcomes");
  const locale = (i18n.language === "en" ? "en" : "zh-CN") as Locale;
  const percent = (rate: number | null) => (rate === null ? t("none") : t("percent", { value: formatNumber(Math.round(rate * 1000) / 10, locale) }));
  return (
    <div className="outcome-summary">
      <p className="visually-hidden">{t("summaryCaption", { region: regionName, from: report.from, to: report.to })}</p>
      {SECTIONS.map((section) => (
        <section key={section.key} className="panel" aria-labelledby={`outcome-${section.key}`}>
          <h2 id={`outcome-${section.key}`}>{t(`sections.${section.key}`)}</h2>
          <dl className="facts">
            {section.figures.map((f) => (
              <div key={f}>
                <dt>{t(`figures.${f}`)}</dt>
                <dd>{formatNumber(report.total.counts[f], locale)}</dd>
              </div>
            ))}
            {(SECTION_RATES[section.key] ?? []).map((r) => (
              <div key={r}>
                <dt>{t(`figures.${r}`)}</dt>
                <dd>{percent(report.total[r])}</dd>
              </div>
            ))}
            {section.key === "employment" ? (
              <div>
                <dt>{t("figures.medianDaysToHire")}</dt>
                <dd>{report.total.medianDaysToHire === null ? t("none") : t("days", { value: formatNumber(report.total.medianDaysToHire, locale) })}</dd>
              </div>
            ) : null}
          </dl>
        </section>
      ))}
    </div>
  );
}

/** Four charts, each followed by its numbers as a table for screen readers (see BarChart). */
function OutcomeCharts({ report }: { report: Report }) {
  const { t, i18n } = useTranslation("outcomes");
  const locale = (i18n.language === "en" ? "en" : "zh-CN") as Locale;
  const n = (v: number) => formatNumber(v, locale);
  const pct = (rate: number | null) => (rate === null ? t("none") : t("percent", { value: formatNumber(Math.round(rate * 1000) / 10, locale) }));
  const byRegion = (figure: OutcomeFigure): BarDatum[] =>
    report.children.map((c) => ({ key: c.regionCode ?? "unspecified", label: c.regionName ?? t("unspecified"), value: c.counts[figure], display: n(c.counts[figure]) }));
  const total = report.total;
  const funnel: BarDatum[] = (["jobSeekers", "applications", "interviews", "offers", "hires"] as const).map((f) => ({
    key: f,
    label: t(`figures.${f}`),
    value: total.counts[f],
    display: n(total.counts[f]),
  }));
  const retention: BarDatum[] = (["retention3Rate", "retention6Rate", "followUpOnTimeRate"] as const).map((r) => ({
    key: r,
    label: t(`figures.${r}`),
    value: total[r] ?? 0,
    display: pct(total[r]),
  }));
  const common = { note: t("charts.note"), labelHeader: t("charts.label"), valueHeader: t("charts.value") };
  return (
    <div className="outcome-charts">
      <BarChart id="chart-placed" title={t("charts.placed")} data={byRegion("veteransHired")} {...common} labelHeader={t("region")} />
      <BarChart id="chart-funnel" title={t("charts.funnel")} data={funnel} {...common} />
      <BarChart id="chart-retention" title={t("charts.retention")} data={retention} max={1} {...common} />
      <BarChart id="chart-stations" title={t("charts.stations")} data={byRegion("serviceRecords")} {...common} labelHeader={t("region")} />
    </div>
  );
}

function OutcomeTableRow({ row, periodQuery, plain = false }: { row: OutcomeRow | Report["total"]; periodQuery: string; plain?: boolean }) {
  const { t, i18n } = useTranslation("outcomes");
  const locale = (i18n.language === "en" ? "en" : "zh-CN") as Locale;
  const name = row.regionName ?? t("unspecified");
  return (
    <tr>
      <th scope="row">{!plain && row.regionCode ? <Link to={`?region=${row.regionCode}&${periodQuery}`}>{name}</Link> : name}</th>
      {OUTCOME_FIGURES.map((f) => (
        <td key={f}>{formatNumber(row.counts[f], locale)}</td>
      ))}
      <td>{row.medianDaysToHire === null ? t("none") : formatNumber(row.medianDaysToHire, locale)}</td>
      {RATES.map((r) => (
        <td key={r}>{row[r] === null ? t("none") : formatNumber(Math.round(row[r] * 1000) / 10, locale)}</td>
      ))}
    </tr>
  );
}
