import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
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
import { formatDate, type Locale } from "../i18n";
import { closeJobPosting, reconfirmJobPosting, submitJobPosting } from "../models/job-posting.server";
import { listOrganizationJobPostings } from "../models/job-posting-read.server";
import { DomainError } from "../models/errors";
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
  return json(await listOrganizationJobPostings(context.db, user, { page }));
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
  const { organization, items, total, page, pageCount } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t, i18n } = useTranslation("jobs");
  const { t: tCommon } = useTranslation();
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
            <table className="job-table">
              <thead>
                <tr>
                  <th scope="col">{t("employer.columns.title")}</th>
                  <th scope="col">{t("employer.columns.status")}</th>
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
                      <td>
                        <Link to={`/jobs/${job.id}`}>{job.title}</Link>
                        {job.status === "pending_review" || job.status === "rejected" ? (
                          <p className="job-row-reason">
                            <ReviewReason reason={job.reviewReason} />
                          </p>
                        ) : null}
                      </td>
                      <td>
                        <span className={`status-pill status-${shown}`}>{t(`status.${shown}`)}</span>
                      </td>
                      <td>{job.regionName ?? job.regionCode}</td>
                      <td>
                        <Salary min={job.salaryMin} max={job.salaryMax} />
                      </td>
                      <td>{job.expiresAt ? formatDate(job.expiresAt, locale) : "—"}</td>
                      <td>
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
