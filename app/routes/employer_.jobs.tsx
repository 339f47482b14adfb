import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, SerializeFrom } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { AuthenticityTokenInput } from "remix-utils/csrf/react";
import { z } from "zod";
import { translateError } from "../components/field";
import { ReviewReason } from "../components/job-posting-form";
import { Notice } from "../components/notice";
import { Pagination } from "../components/pagination";
import { Salary } from "../components/salary";
import { formatDate } from "../i18n/format";
import { type Locale } from "../../db/enums";
import { closeJobPosting, reconfirmJobPosting, submitJobPosting } from "../models/job-posting.server";
import { listOrganizationJobPostings } from "../models/job-posting-read.server";
import { DomainError } from "../models/errors";
import { applicationCountsByJob } from "../models/application-inbox.server";
import { APPLICATION_STATUSES } from "../models/application-status";
import { readForm } from "../utils/form.server";
import { requireRole } from "../utils/session.server";
import jobsStyles from "../styles/jobs.css";
import { pageMeta } from "../i18n/meta";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: jobsStyles }];
export const meta = pageMeta("employerJobs");

const actionSchema = z.object({
  intent: z.enum(["close", "reconfirm", "submit"]),
  id: z.string().uuid(),
});

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireRole(request, context, "employer");
  const page = Number(new URL(request.url).searchParams.get("page") ?? "1");
  const list = await listOrganizationJobPostings(context.db, user, { page });
  const counts = await applicationCountsByJob(context.db, user, list.items.map((job) => job.id));
  return json({ ...list, counts });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireRole(request, context, "employer");
  const formData = await readForm(request, context);
  const parsed = actionSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return json({ ok: false as const, error: "errors.badForm" }, { status: 400 });
  const { intent, id } = parsed.data;
  try {
    const run = { close: closeJobPosting, reconfirm: reconfirmJobPosting, submit: submitJobPosting }[intent];
    const result = await run(context.db, user, id);
    return json({ ok: true as const, intent, status: result.status, reviewReason: result.reviewReason, expiresAt: result.expiresAt });
  } catch (error) {
    if (error instanceof DomainError) return json({ ok: false as const, error: error.code }, { status: error.status });
    throw error;
  }
}

export default function EmployerJobsRoute() {
  const { organization, items, total, page, pageCount, counts } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t, i18n } = useTranslation("jobs");
  const { t: tCommon } = useTranslation();
  const { t: tx } = useTranslation("ux");
  const locale = (i18n.language === "en" ? "en" : "zh-CN") as Locale;

  return (
    <section aria-labelledby="employer-jobs-title">
      <div className="job-header">
        <h1 id="employer-jobs-title">{t("employer.title")}</h1>
        <Link to="/employer/jobs/new" className="button">
          {t("employer.newPosting")}
        </Link>
      </div>
      <p>{t("employer.intro")}</p>
      {organization.verificationStatus !== "verified" ? (
        <Notice tone="info">{t("employer.orgPending", { name: organization.name })}</Notice>
      ) : null}
      {result && !result.ok ? <Notice tone="error">{translateError(tCommon, result.error)}</Notice> : null}
      {result && result.ok ? (
        <Notice tone={result.status === "pending_review" ? "warning" : "success"}>
          {result.intent === "close" ? t("notices.closed") : null}
          {result.intent !== "close" && result.status === "published" && result.expiresAt
            ? t("notices.reconfirmed", { date: formatDate(result.expiresAt, locale) })
            : null}
          {result.intent !== "close" && result.status === "pending_review" ? <ReviewReason reason={result.reviewReason} /> : null}
        </Notice>
      ) : null}

      {items.length === 0 ? (
        <p className="empty">{t("employer.empty")}</p>
      ) : (
        <>
          <p>{t("employer.count", { count: total })}</p>
          <div className="table-wrap">
            <table className="job-table table-cards">
              <thead>
                <tr>
                  <th scope="col">{t("employer.columns.title")}</th>
                  <th scope="col">{t("employer.columns.status")}</th>
                  <th scope="col">{tx("inbox.column")}</th>
                  <th scope="col">{t("employer.columns.region")}</th>
                  <th scope="col">{t("employer.columns.salary")}</th>
                  <th scope="col">{t("employer.columns.expires")}</th>
                  <th scope="col">{t("employer.columns.actions")}</th>
                </tr>
              </thead>
              <tbody>
                {items.map((job) => {
                  const shown = job.expired ? "expired" : job.status;
                  return (
                    <tr key={job.id}>
                      <td data-label={t("employer.columns.title")}>
                        <Link to={`/jobs/${job.id}`}>{job.title}</Link>
                        {job.status === "pending_review" || job.status === "rejected" ? (
                          <p className="job-row-reason">
                            <ReviewReason reason={job.reviewReason} />
                          </p>
                        ) : null}
                      </td>
                      <td data-label={t("employer.columns.status")}>
                        <span className={`status-pill status-${shown}`}>{t(`status.${shown}`)}</span>
                      </td>
                      <td data-label={tx("inbox.column")}>
                        <ApplicationCounts jobId={job.id} title={job.title} counts={counts[job.id]} />
                      </td>
                      <td data-label={t("employer.columns.region")}>{job.regionName ?? job.regionCode}</td>
                      <td data-label={t("employer.columns.salary")}>
                        <Salary min={job.salaryMin} max={job.salaryMax} />
                      </td>
                      <td data-label={t("employer.columns.expires")}>{job.expiresAt ? formatDate(job.expiresAt, locale) : "—"}</td>
                      <td data-label={t("employer.columns.actions")}>
                        <div className="actions">
                          {job.status !== "closed" ? (
                            <Link to={`/employer/jobs/${job.id}/edit`} aria-label={`${t("actions.edit")} ${job.title}`}>
                              {t("actions.edit")}
                            </Link>
                          ) : null}
                          {job.status === "draft" || job.status === "rejected" ? (
                            <RowAction id={job.id} intent="submit" label={t("actions.submit")} title={job.title} />
                          ) : null}
                          {job.status === "published" || job.status === "closed" ? (
                            <RowAction
                              id={job.id}
                              intent="reconfirm"
                              label={job.status === "closed" || job.expired ? t("actions.reopen") : t("actions.reconfirm")}
                              title={job.title}
                            />
                          ) : null}
                          {job.status !== "closed" ? (
                            <RowAction
                              id={job.id}
                              intent="close"
                              label={t("actions.close")}
                              title={job.title}
                              confirm={t("actions.confirmClose", { title: job.title })}
                            />
                          ) : null}
                        </div>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          <Pagination page={page} pageCount={pageCount} />
        </>
      )}
    </section>
  );
}

/** A job's applications: the total linked to its pipeline, how many wait for an answer, and the rest by status. */
function ApplicationCounts({ jobId, title, counts }: { jobId: string; title: string; counts: SerializeFrom<typeof loader>["counts"][string] | undefined }) {
  const { t: tx } = useTranslation("ux");
  const { t: ta } = useTranslation("applications");
  if (!counts || counts.total === 0) return <span className="muted">{tx("inbox.none")}</span>;
  const others = APPLICATION_STATUSES.filter((s) => s !== "applied" && counts[s] > 0);
  return (
    <div className="app-counts">
      <Link to={`/employer/jobs/${jobId}/applications`} aria-label={`${tx("inbox.openPipeline", { title })}: ${tx("inbox.total", { count: counts.total })}`}>
        {tx("inbox.total", { count: counts.total })}
      </Link>
      {counts.applied > 0 ? <span className="badge badge-accent">{tx("inbox.new", { count: counts.applied })}</span> : null}
      {others.length ? (
        <ul className="app-count-list" aria-label={tx("inbox.breakdown")}>
          {others.map((s) => (
            <li key={s}>
              {ta(`status.${s}`)} {counts[s]}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

function RowAction({ id, intent, label, title, confirm }: { id: string; intent: string; label: string; title: string; confirm?: string }) {
  return (
    <Form
      method="post"
      className="inline-form"
      onSubmit={(e) => {
        if (confirm && !window.confirm(confirm)) e.preventDefault();
      }}
    >
      <AuthenticityTokenInput name="csrf" />
      <input type="hidden" name="id" value={id} />
      <button type="submit" name="intent" value={intent} className="button button-secondary button-small" aria-label={`${label} ${title}`}>
        {label}
      </button>
    </Form>
  );
}
