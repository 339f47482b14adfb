import { getFormProps, getTextareaProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { AuthenticityTokenInput } from "remix-utils/csrf/react";
import { FieldErrors, FormErrors } from "../components/field";
import { Notice } from "../components/notice";
import { applySchema, COVER_NOTE_MAX } from "../forms/application";
import { applyToJob, APPLY_RATE_LIMIT, getApplyContext } from "../models/application.server";
import { consumeRateLimit } from "../utils/rate-limit.server";
import { requireUser } from "../utils/session.server";
import { replyWithError } from "../utils/submission.server";
import { readMultipartForm } from "../utils/upload.server";
import applicationsStyles from "../styles/applications.css";
import { pageMeta } from "../i18n/meta";
import { publicUrlFor } from "../utils/public-url.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: applicationsStyles }];
export const meta = pageMeta("jobsIdApply");

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const apply = await getApplyContext(context.db, user, params.id ?? "");
  return json({ ...apply, isVeteran: user.role === "veteran" });
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const user = await requireUser(request, context);
  const { formData, files, tooLarge } = await readMultipartForm(request, context, { fileFields: ["cv"] });
  const submission = parseWithZod(formData, { schema: applySchema });
  if (submission.status !== "success" || tooLarge.has("cv")) {
    const previous = submission.status === "success" ? {} : submission.error;
    const fieldErrors = tooLarge.has("cv") ? { ...previous, cv: ["applications:errors.cvTooLarge"] } : undefined;
    return json(submission.reply(fieldErrors ? { fieldErrors: fieldErrors as Record<string, string[]> } : undefined), { status: 400 });
  }
  try {
    await consumeRateLimit(context.db, `apply:${user.id}`, APPLY_RATE_LIMIT);
    const cv = files.get("cv");
    const { id } = await applyToJob(
      context.db,
      user,
      { jobPostingId: params.id ?? "", coverNote: submission.value.coverNote, cv: cv ? { filename: cv.filename, bytes: cv.bytes } : null },
      { publicUrl: publicUrlFor(request, context.config) },
    );
    return redirect(`/applications/${id}?submitted=1`);
  } catch (error) {
    return replyWithError(submission, error, []);
  }
}

export default function ApplyRoute() {
  const { job, hasProfile, activeApplicationId, isVeteran } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { t } = useTranslation("applications");
  const { t: tc } = useTranslation();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: "apply",
    lastResult,
    constraint: getZodConstraint(applySchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: applySchema }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });
  const coverHintId = `${fields.coverNote.id}-hint`;
  const cvHintId = `${fields.cv.id}-hint`;

  return (
    <section className="narrow" aria-labelledby="apply-title">
      <h1 id="apply-title">{t("apply.title", { title: job.title })}</h1>
      <p>
        <Link to={`/jobs/${job.id}`}>{t("apply.backToJob")}</Link>
      </p>
      {!isVeteran ? (
        <Notice tone="info">{t("apply.onlyVeterans")}</Notice>
      ) : !hasProfile ? (
        <Notice tone="info">
          {t("apply.noProfile")} <Link to="/profile">{t("apply.createProfile")}</Link>
        </Notice>
      ) : activeApplicationId ? (
        <Notice tone="info">
          {t("apply.alreadyApplied")} <Link to={`/applications/${activeApplicationId}`}>{t("apply.viewApplication")}</Link>
        </Notice>
      ) : (
        <>
          <p>{t("apply.intro", { organization: job.organizationName })}</p>
          <Form method="post" encType="multipart/form-data" {...getFormProps(form)} noValidate>
            <AuthenticityTokenInput name="csrf" />
            <FormErrors errors={form.errors} />
            <div className="field">
              <label htmlFor={fields.coverNote.id}>{t("apply.coverNote")}</label>
              <textarea
                {...getTextareaProps(fields.coverNote, { ariaAttributes: true })}
                key={fields.coverNote.key}
                rows={8}
                maxLength={COVER_NOTE_MAX}
                aria-describedby={[coverHintId, fields.coverNote.errors?.length ? fields.coverNote.errorId : ""].filter(Boolean).join(" ")}
              />
              <p className="field-hint" id={coverHintId}>
                {t("apply.coverNoteHint")}
              </p>
              <FieldErrors id={fields.coverNote.errorId} errors={fields.coverNote.errors} t={tc} />
            </div>
            <div className="field">
              <label htmlFor={fields.cv.id}>{t("apply.cv")}</label>
              <input
                id={fields.cv.id}
                name={fields.cv.name}
                type="file"
                className="file-input"
                accept=".pdf,.docx,application/pdf,application/vnd.openxmlformats-officedocument.wordprocessingml.document"
                aria-invalid={fields.cv.errors?.length ? true : undefined}
                aria-describedby={[cvHintId, fields.cv.errors?.length ? fields.cv.errorId : ""].filter(Boolean).join(" ")}
              />
              <p className="field-hint" id={cvHintId}>
                {t("apply.cvHint")}
              </p>
              <FieldErrors id={fields.cv.errorId} errors={fields.cv.errors} t={tc} />
            </div>
            <button type="submit" className="button" disabled={navigation.state === "submitting"}>
              {navigation.state === "submitting" ? t("common:common.submitting") : t("apply.submit")}
            </button>
          </Form>
        </>
      )}
    </section>
  );
}
