import { getFormProps, getTextareaProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { AuthenticityTokenInput } from "remix-utils/csrf/react";
import { fileSize, StatusPill, Timeline, useUiLocale } from "../components/application-ui";
import { FieldErrors, FormErrors } from "../components/field";
import { ResponseStats } from "../components/response-stats";
import { moveSchema } from "../forms/application";
import { formatDate, formatDateTime } from "../i18n/format";
import { getApplicationForEmployer, moveApplication } from "../models/application-employer.server";
import { getEmployerResponseStats } from "../models/application-stats.server";
import { readForm } from "../utils/form.server";
import { requireRole } from "../utils/session.server";
import { redirectWithFlash } from "../utils/flash.server";
import { ConfirmSubmit } from "../components/confirm-submit";
import { replyWithError } from "../utils/submission.server";
import applicationsStyles from "../styles/applications.css";
import { pageMeta } from "../i18n/meta";
import { joinList } from "../components/punctuation";
import { publicUrlFor } from "../utils/public-url.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: applicationsStyles }];
export const meta = pageMeta("employerApplicationsId");

/**
 * Opening this page changes nothing (no state change on GET): the employer's first move records `viewed` (and
 * firstResponseAt) — either the explicit "mark as viewed" button or any later step, see employerMovePath.
 */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, context, "employer", "staff", "admin");
  const detail = await getApplicationForEmployer(context.db, user, params.id ?? "");
  const stats = await getEmployerResponseStats(context.db, detail.application.organizationId);
  return json({ ...detail, stats, isStaff: user.role !== "employer" });
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const user = await requireRole(request, context, "employer");
  const formData = await readForm(request, context);
  const submission = parseWithZod(formData, { schema: moveSchema });
  if (submission.status !== "success") return json({ ...submission.reply(), moved: false }, { status: 400 });
  try {
    await moveApplication(
      context.db,
      user,
      params.id ?? "",
      { status: submission.value.status, note: submission.value.note },
      { publicUrl: publicUrlFor(request, context.config) },
    );
    // Post/redirect/get: the page is loaded afresh, so the note box is empty for the next move.
    return redirectWithFlash(context, `/employer/applications/${params.id ?? ""}`, { key: "applicationMoved" });
  } catch (error) {
    const reply = replyWithError(submission, error, []);
    return json({ ...(await reply.json()), moved: false }, { status: reply.status });
  }
}

export default function EmployerApplicationRoute() {
  const { application, applicant, events, moveTargets, stats, isStaff } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t } = useTranslation("applications");
  const { t: tc } = useTranslation();
  const { t: tp } = useTranslation("profile");
  const { t: tx } = useTranslation("ux");
  const locale = useUiLocale();
  const en = locale === "en";
  const [form, fields] = useForm({
    id: "move",
    lastResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: moveSchema }),
    shouldValidate: "onSubmit",
  });
  const noteHintId = `${fields.note.id}-hint`;

  return (
    <section aria-labelledby="employer-application-title">
      <p>
        <Link to={`/employer/jobs/${application.jobPostingId}/applications`}>{t("employer.backToPipeline")}</Link>
      </p>
      <h1 id="employer-application-title">{t("employer.detailTitle", { name: applicant.fullName })}</h1>
      <dl className="facts">
        <dt>{t("detail.job")}</dt>
        <dd>{application.jobTitle}</dd>
        <dt>{t("detail.status")}</dt>
        <dd>
          <StatusPill status={application.status} />
          {application.waitingLong ? <span className="waiting-long">{t("employer.waitingLong")}</span> : null}
        </dd>
        <dt>{t("detail.appliedAt")}</dt>
        <dd>{formatDateTime(application.createdAt, locale)}</dd>
        {application.firstResponseAt ? (
          <>
            <dt>{t("stats.title")}</dt>
            <dd>{t("employer.firstResponse", { date: formatDate(application.firstResponseAt, locale) })}</dd>
          </>
        ) : null}
        <dt>{t("detail.cv")}</dt>
        <dd>
          {application.hasCv ? (
            <a href={`/applications/${application.id}/cv`} download>
              {t("detail.download", { name: application.cvFilename ?? "CV", size: fileSize(application.cvBytes, locale) })}
            </a>
          ) : (
            t("detail.noCv")
          )}
        </dd>
      </dl>

      <h2>{t("employer.applicant")}</h2>
      <dl className="facts card">
        {applicant.phone ? (
          <>
            <dt>{t("employer.phone")}</dt>
            <dd>{applicant.phone}</dd>
          </>
        ) : null}
        {applicant.email ? (
          <>
            <dt>{t("employer.email")}</dt>
            <dd>{applicant.email}</dd>
          </>
        ) : null}
        {applicant.branch ? (
          <>
            <dt>{t("employer.branch")}</dt>
            <dd>{tp(`branches.${applicant.branch}`, { defaultValue: applicant.branch })}</dd>
          </>
        ) : null}
        {applicant.specialty ? (
          <>
            <dt>{t("employer.specialty")}</dt>
            <dd>{en ? applicant.specialty.en : applicant.specialty.zh}</dd>
          </>
        ) : null}
        {applicant.rank ? (
          <>
            <dt>{t("employer.rank")}</dt>
            <dd>{applicant.rank}</dd>
          </>
        ) : null}
        {applicant.yearsServed ? (
          <>
            <dt>{t("employer.yearsServed")}</dt>
            <dd>{t("employer.years", { count: applicant.yearsServed })}</dd>
          </>
        ) : null}
        {applicant.dischargeYear ? (
          <>
            <dt>{t("employer.dischargeYear")}</dt>
            <dd>{applicant.dischargeYear}</dd>
          </>
        ) : null}
        {applicant.education ? (
          <>
            <dt>{t("employer.education")}</dt>
            <dd>{tp(`education.${applicant.education}`, { defaultValue: applicant.education })}</dd>
          </>
        ) : null}
        {applicant.skills.length ? (
          <>
            <dt>{t("employer.skills")}</dt>
            <dd>{joinList(applicant.skills.map((s) => (en ? s.nameEn : s.name)), locale)}</dd>
          </>
        ) : null}
        {applicant.certificates.length ? (
          <>
            <dt>{t("employer.certificates")}</dt>
            <dd>{joinList(applicant.certificates, locale)}</dd>
          </>
        ) : null}
      </dl>

      {application.coverNote ? (
        <>
          <h2>{t("detail.coverNote")}</h2>
          <p className="cover-note card">{application.coverNote}</p>
        </>
      ) : null}

      <section aria-labelledby="move-title" className="panel">
        <h2 id="move-title">{t("employer.move")}</h2>
        {isStaff ? (
          <p>{t("employer.staffReadOnly")}</p>
        ) : moveTargets.length === 0 ? (
          <p>{t("employer.noMoves")}</p>
        ) : (
          // Keyed by the timeline's length: after a move the form starts empty (no old note sent with the next move).
          <Form method="post" {...getFormProps(form)} key={events.length} noValidate>
            <AuthenticityTokenInput name="csrf" />
            <input type="hidden" name="intent" value="move" />
            <FormErrors errors={form.errors} />
            <div className="field">
              <label htmlFor={fields.note.id}>{t("employer.moveNote")}</label>
              <textarea
                {...getTextareaProps(fields.note, { ariaAttributes: true })}
                key={fields.note.key}
                rows={3}
                maxLength={500}
                aria-describedby={noteHintId}
              />
              <p className="field-hint" id={noteHintId}>
                {t("employer.moveNoteHint")}
              </p>
              <FieldErrors id={fields.note.errorId} errors={fields.note.errors} t={tc} />
            </div>
            <FieldErrors id={fields.status.errorId} errors={fields.status.errors} t={tc} />
            <div className="move-buttons">
              {moveTargets
                .filter((target) => target !== "rejected")
                .map((target) => (
                  <button key={target} type="submit" name="status" value={target} className="button" disabled={navigation.state === "submitting"}>
                    {t(`moveTo.${target}`, { defaultValue: target })}
                  </button>
                ))}
              {moveTargets.includes("rejected") ? (
                <ConfirmSubmit
                  label={t("moveTo.rejected")}
                  question={tx("confirm.reject")}
                  confirmLabel={tx("confirm.rejectYes")}
                  name="status"
                  value="rejected"
                  disabled={navigation.state === "submitting"}
                />
              ) : null}
            </div>
          </Form>
        )}
      </section>

      <h2 id="employer-timeline-title">{t("employer.timeline")}</h2>
      <Timeline events={events} audience="employer" labelledBy="employer-timeline-title" />

      <ResponseStats stats={stats} />
    </section>
  );
}
