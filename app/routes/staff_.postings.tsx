import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { AuthenticityTokenInput } from "remix-utils/csrf/react";
import { z } from "zod";
import { translateError } from "../components/field";
import { ReviewReason } from "../components/job-posting-form";
import { Notice } from "../components/notice";
import { Pagination } from "../components/pagination";
import { Salary } from "../components/salary";
import { rejectPostingSchema } from "../forms/job-posting";
import { formatDateTime } from "../i18n/format";
import { type Locale } from "../../db/enums";
import { DomainError } from "../models/errors";
import { approveJobPosting, listPendingJobPostings, rejectJobPosting } from "../models/job-posting-moderation.server";
import { readForm } from "../utils/form.server";
import { requireRole } from "../utils/session.server";
import jobsStyles from "../styles/jobs.css";
import { colon as colonFor, joinList } from "../components/punctuation";
import { pageMeta } from "../i18n/meta";
import { publicUrlFor } from "../utils/public-url.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: jobsStyles }];
export const meta = pageMeta("staffPostings");

const approveSchema = z.object({ id: z.string().uuid("errors.notFound") });

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireRole(request, context, "staff", "admin");
  const page = Number(new URL(request.url).searchParams.get("page") ?? "1");
  return json(await listPendingJobPostings(context.db, user, { page }));
}

type ActionResult =
  | { ok: true; intent: "approve" | "reject"; title: string }
  | { ok: false; id: string | null; error: string };

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireRole(request, context, "staff", "admin");
  const formData = await readForm(request, context);
  const intent = formData.get("intent");
  const fields = Object.fromEntries(formData);
  const id = typeof fields.id === "string" ? fields.id : null;
  const options = { publicUrl: publicUrlFor(request, context.config) };
  try {
    if (intent === "approve") {
      const parsed = approveSchema.safeParse(fields);
      if (!parsed.success) return json<ActionResult>({ ok: false, id, error: "errors.notFound" }, { status: 400 });
      await approveJobPosting(context.db, user, parsed.data.id, options);
      return json<ActionResult>({ ok: true, intent, title: String(fields.title ?? "") });
    }
    if (intent === "reject") {
      const parsed = rejectPostingSchema.safeParse(fields);
      if (!parsed.success) {
        return json<ActionResult>({ ok: false, id, error: parsed.error.issues[0]?.message ?? "errors.badForm" }, { status: 400 });
      }
      await rejectJobPosting(context.db, user, parsed.data.id, parsed.data.reason, options);
      return json<ActionResult>({ ok: true, intent, title: String(fields.title ?? "") });
    }
    return json<ActionResult>({ ok: false, id, error: "errors.badForm" }, { status: 400 });
  } catch (error) {
    if (error instanceof DomainError) return json<ActionResult>({ ok: false, id, error: error.code }, { status: error.status });
    throw error;
  }
}

export default function StaffPostingsRoute() {
  const { items, total, page, pageCount } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t, i18n } = useTranslation("jobs");
  const { t: tCommon } = useTranslation();
  const locale = (i18n.language === "en" ? "en" : "zh-CN") as Locale;
  const busy = navigation.state === "submitting";
  const colon = colonFor(locale);

  return (
    <section aria-labelledby="review-title" className="review-queue">
      <h1 id="review-title">{t("staff.title")}</h1>
      <p>{t("staff.intro")}</p>
      {result?.ok ? (
        <Notice tone="success">
          {result.intent === "approve" ? t("staff.approved", { title: result.title }) : t("staff.rejectedDone", { title: result.title })}
        </Notice>
      ) : null}
      {result && !result.ok && !result.id ? <Notice tone="error">{translateError(tCommon, result.error)}</Notice> : null}
      {items.length === 0 ? (
        <p className="empty">{t("staff.empty")}</p>
      ) : (
        <>
          <p>{t("staff.count", { count: total })}</p>
          <ul className="card-list">
            {items.map((job) => {
              const rowError = result && !result.ok && result.id === job.id ? result.error : null;
              const reasonId = `reject-reason-${job.id}`;
              return (
                <li key={job.id} className="card" aria-labelledby={`posting-${job.id}`}>
                  <h2 id={`posting-${job.id}`}>{job.title}</h2>
                  <p className="card-meta">
                    {t("staff.organization")}{colon}{job.organizationName}
                    {job.organizationVerified ? (
                      <span className="badge">{t("detail.verified")}</span>
                    ) : (
                      <span className="badge badge-accent">{t("staff.orgUnverified")}</span>
                    )}
                    {" · "}
                    <Salary min={job.salaryMin} max={job.salaryMax} />
                    {" · "}
                    {t("staff.submittedAt")}{colon}{formatDateTime(job.updatedAt, locale)}
                  </p>
                  <div className="notice notice-warning review-reason">
                    <p>
                      <strong>{t("staff.reason")}{colon}</strong>
                      <ReviewReason reason={job.reviewReason} />
                    </p>
                    {job.feePhrases.length > 0 && !job.reviewReason ? (
                      <p>{t("staff.feeHit", { value: joinList(job.feePhrases, locale) })}</p>
                    ) : null}
                  </div>
                  <details>
                    <summary>{t("staff.showDescription")}</summary>
                    <div className="job-description" dangerouslySetInnerHTML={{ __html: job.descriptionHtml }} />
                  </details>
                  <p>
                    <Link to={`/jobs/${job.id}`}>{t("staff.open")}</Link>
                  </p>
                  {rowError ? <Notice tone="error">{translateError(tCommon, rowError)}</Notice> : null}
                  <div className="review-actions">
                    <Form method="post">
                      <AuthenticityTokenInput name="csrf" />
                      <input type="hidden" name="id" value={job.id} />
                      <input type="hidden" name="title" value={job.title} />
                      <button type="submit" name="intent" value="approve" className="button" disabled={busy} aria-label={`${t("staff.approve")} ${job.title}`}>
                        {t("staff.approve")}
                      </button>
                    </Form>
                    <Form method="post">
                      <AuthenticityTokenInput name="csrf" />
                      <input type="hidden" name="id" value={job.id} />
                      <input type="hidden" name="title" value={job.title} />
                      <div className="field">
                        <label htmlFor={reasonId}>{t("staff.rejectReason")}</label>
                        <textarea id={reasonId} name="reason" rows={3} required minLength={2} maxLength={500} aria-describedby={`${reasonId}-hint`} />
                        <p className="field-hint" id={`${reasonId}-hint`}>
                          {t("staff.rejectReasonHint")}
                        </p>
                      </div>
                      <button
                        type="submit"
                        name="intent"
                        value="reject"
                        className="button button-secondary"
                        disabled={busy}
                        aria-label={`${t("staff.reject")} ${job.title}`}
                      >
                        {t("staff.reject")}
                      </button>
                    </Form>
                  </div>
                </li>
              );
            })}
          </ul>
          <Pagination page={page} pageCount={pageCount} />
        </>
      )}
    </section>
  );
}
