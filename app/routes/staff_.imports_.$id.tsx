import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData, useRevalidator } from "@remix-run/react";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Notice } from "../components/notice";
import { formatDateTime } from "../i18n/format";
import { type Locale } from "../../db/enums";
import { getImportRun, percentOf, type ImportRowError } from "../models/import.server";
import { requireRole } from "../utils/session.server";
import importStyles from "../styles/imports.css";
import { pageMeta } from "../i18n/meta";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: importStyles }];

export const meta = pageMeta("staffImportsId");

/** At most this many problems are listed on the page; the count says how many more there are. */
const ERRORS_SHOWN = 300;
const POLL_MS = 1000;

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const staff = await requireRole(request, context, "staff", "admin");
  const run = await getImportRun(context.db, staff, params.id ?? "");
  const { errors, warnings, ...rest } = run;
  return json({
    run: { ...rest, percent: percentOf(run) },
    errors: errors.slice(0, ERRORS_SHOWN),
    errorCount: errors.length,
    warnings: warnings.slice(0, ERRORS_SHOWN),
    warningCount: warnings.length,
  });
}

interface Progress {
  status: string;
  totalRows: number;
  processedRows: number;
  createdCount: number;
  updatedCount: number;
  failedRows: number;
  percent: number;
}

/** Errors or warnings of a run: line, column and what happened, in the reader's language. */
function ProblemTable(props: { className: string; rows: ImportRowError[]; wholeLabel: string; describe: (e: ImportRowError) => string }) {
  const { t } = useTranslation("imports");
  return (
    <div className="table-wrap">
      <table className={props.className}>
        <thead>
          <tr>
            <th scope="col">{t("errorColumns.line")}</th>
            <th scope="col">{t("errorColumns.column")}</th>
            <th scope="col">{t("errorColumns.message")}</th>
          </tr>
        </thead>
        <tbody>
          {props.rows.map((e, i) => (
            <tr key={`${e.line}-${e.column}-${i}`}>
              <td>{e.line > 0 ? e.line : "—"}</td>
              <td>{e.column ? <code>{e.column}</code> : props.wholeLabel}</td>
              <td>{props.describe(e)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export default function ImportRunRoute() {
  const { run, errors, errorCount, warnings, warningCount } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation("imports");
  const locale = i18n.language as Locale;
  const revalidator = useRevalidator();
  const [live, setLive] = useState<Progress>(run);
  useEffect(() => setLive(run), [run]);

  // With JavaScript: poll the progress resource, then reload the page's data (with the error report) when done.
  const running = run.status === "running";
  useEffect(() => {
    if (!running) return;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      try {
        const response = await fetch(`/staff/imports/${run.id}/progress`, { headers: { Accept: "application/json" } });
        if (response.ok) {
          const next = (await response.json()) as Progress;
          if (stopped) return;
          setLive(next);
          if (next.status !== "running") {
            revalidator.revalidate();
            return;
          }
        }
      } catch {
        // a missed poll is retried below
      }
      if (!stopped) timer = setTimeout(poll, POLL_MS);
    };
    timer = setTimeout(poll, POLL_MS / 2);
    return () => {
      stopped = true;
      if (timer) clearTimeout(timer);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- one polling loop per running run
  }, [running, run.id]);

  const stillRunning = live.status === "running";
  const fileFailed = run.status === "failed" && run.totalRows === 0;
  const describe = (e: ImportRowError) => t(e.message, { ...(e.params ?? {}) });

  return (
    <section aria-labelledby="run-title" className="imports">
      <p>
        <Link to="/staff/imports">{t("back")}</Link>
      </p>
      <h1 id="run-title">
        {t(run.dryRun ? "runTitleDry" : "runTitle")} · {t(`kinds.${run.kind}`)}
      </h1>
      <dl className="facts">
        <dt>{t("table.file")}</dt>
        <dd>{run.filename ?? "—"}</dd>
        <dt>{t("table.startedAt")}</dt>
        <dd>{formatDateTime(run.createdAt, locale)}</dd>
        <dt>{t("table.status")}</dt>
        <dd>
          <span className={`status-pill import-status-${live.status}`}>{t(`status.${live.status}`)}</span>
          {run.publish ? <span className="badge import-dry-badge">{t("publishBadge")}</span> : null}
        </dd>
      </dl>

      {stillRunning ? (
        // Without JavaScript the page reloads itself (a refresh inside <noscript> is only honoured with scripts off).
        <noscript>
          <meta httpEquiv="refresh" content="2" />
        </noscript>
      ) : null}

      {!fileFailed ? (
        <div className="import-progress">
          <label htmlFor="import-progress-bar">{t("progressLabel")}</label>
          <progress
            id="import-progress-bar"
            max={Math.max(live.totalRows, 1)}
            value={live.totalRows ? live.processedRows : stillRunning ? 0 : 1}
            aria-valuetext={t("progressText", { processed: live.processedRows, total: live.totalRows, percent: live.percent })}
          />
          <p role="status" aria-live="polite">
            {t("progressText", { processed: live.processedRows, total: live.totalRows, percent: live.percent })}
          </p>
          {stillRunning ? (
            <p className="muted">
              {t("runningHint")} <a href={`/staff/imports/${run.id}`}>{t("reload")}</a>
            </p>
          ) : null}
          <ul className="import-counts">
            <li>{t("summaryCreated", { count: live.createdCount })}</li>
            <li>{t("summaryUpdated", { count: live.updatedCount })}</li>
            {!stillRunning ? <li>{t("summaryWarned", { count: run.warnedRows })}</li> : null}
            <li className={live.failedRows ? "import-count-failed" : undefined}>{t("summaryFailed", { count: live.failedRows })}</li>
          </ul>
        </div>
      ) : null}

      {run.status === "running" ? null : fileFailed ? (
        <Notice tone="error">{t("fileFailed")}</Notice>
      ) : run.failedRows > 0 ? (
        <Notice tone="warning">{t("doneWithErrors", { count: run.failedRows })}</Notice>
      ) : run.warnedRows > 0 ? (
        <Notice tone="success">{t("doneWithWarnings", { count: run.warnedRows })}</Notice>
      ) : (
        <Notice tone="success">{t("doneOk")}</Notice>
      )}
      {run.dryRun && run.status === "done" ? <p className="import-dry-note">{t("dryRunNote")}</p> : null}

      {errorCount > 0 ? (
        <section aria-labelledby="errors-title">
          <h2 id="errors-title">{t("errorsTitle")}</h2>
          <p>{t("errorsCount", { count: errorCount })}</p>
          <ProblemTable className="import-errors" rows={errors} wholeLabel={fileFailed ? t("wholeFile") : t("wholeRow")} describe={describe} />
          {errorCount > errors.length ? <p className="muted">{t("errorsMore", { count: errorCount - errors.length })}</p> : null}
        </section>
      ) : null}

      {warningCount > 0 ? (
        <section aria-labelledby="warnings-title">
          <h2 id="warnings-title">{t("warningsTitle")}</h2>
          <p>
            {t("warningsIntro")} {t("warningsCount", { count: warningCount })}
          </p>
          <ProblemTable className="import-warnings" rows={warnings} wholeLabel={t("wholeRow")} describe={describe} />
          {warningCount > warnings.length ? <p className="muted">{t("warningsMore", { count: warningCount - warnings.length })}</p> : null}
        </section>
      ) : null}

      {run.status !== "running" ? (
        <p>
          <Link to="/staff/imports" className="button button-secondary">
            {t("again")}
          </Link>
        </p>
      ) : null}
    </section>
  );
}
