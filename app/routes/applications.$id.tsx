import { getFormProps, getTextareaProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { AuthenticityTokenInput } from "remix-utils/csrf/react";
import { fileSize, StatusPill, Timeline, useUiLocale } from "../components/application-ui";
import { FieldErrors, FormErrors } from "../components/field";
import { Notice } from "../components/notice";
import { withdrawSchema } from "../forms/application";
import { formatDate } from "../i18n/format";
import { getMyApplication, withdrawApplication } from "../models/application.server";
import { readForm } from "../utils/form.server";
import { requireRole } from "../utils/session.server";
import { redirectWithFlash } from "../utils/flash.server";
import { ConfirmSubmit } from "../components/confirm-submit";
import { replyWithError } from "../utils/submission.server";
import applicationsStyles from "../styles/applications.css";
import { pageMeta } from "../i18n/meta";
import { publicUrlFor } from "../utils/public-url.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: applicationsStyles }];
export const meta = pageMeta("applicationsId");

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, context, "veteran");
  return json(await getMyApplication(context.db, user, params.id ?? ""));
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const user = await requireRole(request, context, "veteran");
  const formData = await readForm(request, context);
  const submission = parseWithZod(formData, { schema: withdrawSchema });
  if (submission.status !== "success") return json({ ...submission.reply(), done: false }, { status: 400 });
  try {
    await withdrawApplication(context.db, user, params.id ?? "", { note: submission.value.note }, { publicUrl: publicUrlFor(request, context.config) });
    return redirectWithFlash(context, `/applications/${params.id ?? ""}`, { key: "applicationWithdrawn" });
  } catch (error) {
    const reply = replyWithError(submission, error, []);
    return json({ ...(await reply.json()), done: false }, { status: reply.status });
  }
}

export default function MyApplicationRoute() {
  const { application, events, canWithdraw } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const { t } = useTranslation("applications");
  const { t: tc } = useTranslation();
  const { t: tx } = useTranslation("ux");
  const locale = useUiLocale();
  const [form, fields] = useForm({
    id: "withdraw",
    lastResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: withdrawSchema }),
    shouldValidate: "onSubmit",
  });

  return (
    <section aria-labelledby="application-title">
      <p>
        <Link to="/applications">{t("detail.back")}</Link>
      </p>
      <h1 id="application-title">{t("detail.title")}</h1>
      {searchParams.get("submitted") && !lastResult ? <Notice tone="success">{t("detail.submitted")}</Notice> : null}
      <dl className="facts">
        <dt>{t("detail.job")}</dt>
        <dd>
          <Link to={`/jobs/${application.jobPostingId}`}>{application.jobTitle}</Link>
        </dd>
        <dt>{t("detail.organization")}</dt>
        <dd>{application.organizationName}</dd>
        <dt>{t("detail.status")}</dt>
        <dd>
          <StatusPill status={application.status} />
        </dd>
        <dt>{t("detail.appliedAt")}</dt>
        <dd>{formatDate(application.createdAt, locale)}</dd>
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
      {application.coverNote ? (
        <>
          <h2>{t("detail.coverNote")}</h2>
          <p className="cover-note card">{application.coverNote}</p>
        </>
      ) : null}

      <h2 id="timeline-title">{t("detail.timeline")}</h2>
      <Timeline events={events} audience="veteran" labelledBy="timeline-title" />

      {canWithdraw ? (
        <section aria-labelledby="withdraw-title" className="panel narrow">
          <h2 id="withdraw-title">{t("detail.withdrawTitle")}</h2>
          <p>{t("detail.withdrawHint")}</p>
          <Form method="post" {...getFormProps(form)} noValidate>
            <AuthenticityTokenInput name="csrf" />
            <input type="hidden" name="intent" value="withdraw" />
            <FormErrors errors={form.errors} />
            <div className="field">
              <label htmlFor={fields.note.id}>{t("detail.withdrawNote")}</label>
              <textarea {...getTextareaProps(fields.note, { ariaAttributes: true })} key={fields.note.key} rows={2} maxLength={500} />
              <FieldErrors id={fields.note.errorId} errors={fields.note.errors} t={tc} />
            </div>
            <ConfirmSubmit label={t("detail.withdraw")} question={tx("confirm.withdraw")} confirmLabel={tx("confirm.withdrawYes")} />
          </Form>
        </section>
      ) : null}
    </section>
  );
}
