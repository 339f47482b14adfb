import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { AuthenticityTokenInput } from "remix-utils/csrf/react";
import { FieldErrors, FormErrors } from "../components/field";
import { Notice } from "../components/notice";
import { claimSchema, type ClaimFormValue } from "../forms/stations";
import { formatDate } from "../i18n/format";
import { pageMeta } from "../i18n/meta";
import { decideClaim, findClaimableFile, type ClaimProof } from "../models/profile-link.server";
import { getOwnProfile } from "../models/veteran-profile.server";
import profileStyles from "../styles/profile.css";
import { readForm } from "../utils/form.server";
import { requireRole } from "../utils/session.server";
import { replyWithError } from "../utils/submission.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: profileStyles }];
export const meta = pageMeta("profileClaim");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const veteran = await requireRole(request, context, "veteran");
  const own = await getOwnProfile(context.db, veteran, context.config.DATA_ENCRYPTION_KEY);
  return json({ hasOwnFile: Boolean(own) });
}

function proofOf(value: ClaimFormValue): ClaimProof {
  return value.method === "code" ? { method: "code", code: value.code } : { method: "national_id", nationalId: value.nationalId, fullName: value.fullName };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const veteran = await requireRole(request, context, "veteran");
  const formData = await readForm(request, context);
  const submission = parseWithZod(formData, { schema: claimSchema });
  if (submission.status !== "success") return json({ result: submission.reply(), match: null, notFound: false, refused: false }, { status: 400 });
  const key = context.config.DATA_ENCRYPTION_KEY;
  const value = submission.value;
  try {
    if (value.intent === "find") {
      const match = await findClaimableFile(context.db, veteran, proofOf(value), key);
      return json({ result: submission.reply(), match: match ? { ...match, keptSince: match.keptSince.toISOString() } : null, notFound: !match, refused: false });
    }
    const outcome = await decideClaim(context.db, veteran, proofOf(value), value.intent, key);
    if (outcome.linked) return redirect("/profile?claimed=1");
    return json({ result: submission.reply({ resetForm: true }), match: null, notFound: false, refused: true });
  } catch (error) {
    const reply = replyWithError(submission, error, []);
    return json({ result: await reply.json(), match: null, notFound: false, refused: false }, { status: reply.status });
  }
}

export default function ProfileClaimRoute() {
  const { hasOwnFile } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const { t, i18n } = useTranslation("stations");
  const locale = i18n.language === "en" ? "en" : "zh-CN";
  const [method, setMethod] = useState<"national_id" | "code">("national_id");
  const [form, fields] = useForm({
    id: "claim",
    lastResult: data?.result,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: claimSchema }),
    shouldValidate: "onSubmit",
  });
  const match = data?.match;
  return (
    <section aria-labelledby="claim-title" className="profile-page">
      <h1 id="claim-title">{t("link.title")}</h1>
      <p>{t("link.intro")}</p>
      {hasOwnFile ? <Notice tone="info">{t("link.errors.hasOwnFile")}</Notice> : null}
      {data?.notFound ? <Notice tone="error">{t("link.noMatch")}</Notice> : null}
      {data?.refused ? <Notice tone="success">{t("link.refused")}</Notice> : null}
      <Form method="post" {...getFormProps(form)} noValidate className="panel narrow">
        <AuthenticityTokenInput name="csrf" />
        <FormErrors errors={form.errors} />
        <fieldset>
          <legend>{t("link.method")}</legend>
          <label>
            <input type="radio" name="method" value="national_id" checked={method === "national_id"} onChange={() => setMethod("national_id")} /> {t("link.byId")}
          </label>
          <label>
            <input type="radio" name="method" value="code" checked={method === "code"} onChange={() => setMethod("code")} /> {t("link.byCode")}
          </label>
        </fieldset>
        {method === "national_id" ? (
          <>
            <div className="field">
              <label htmlFor={fields.nationalId.id}>{t("link.nationalId")}</label>
              <input {...getInputProps(fields.nationalId, { type: "text", ariaAttributes: true })} key={fields.nationalId.key} autoComplete="off" maxLength={18} />
              <FieldErrors id={fields.nationalId.errorId} errors={fields.nationalId.errors} t={t} />
            </div>
            <div className="field">
              <label htmlFor={fields.fullName.id}>{t("link.fullName")}</label>
              <input {...getInputProps(fields.fullName, { type: "text", ariaAttributes: true })} key={fields.fullName.key} autoComplete="name" maxLength={40} />
              <FieldErrors id={fields.fullName.errorId} errors={fields.fullName.errors} t={t} />
            </div>
          </>
        ) : (
          <div className="field">
            <label htmlFor={fields.code.id}>{t("link.code")}</label>
            <input
              {...getInputProps(fields.code, { type: "text", ariaAttributes: true })}
              key={fields.code.key}
              autoComplete="off"
              maxLength={9}
              aria-describedby={`${fields.code.id}-hint`}
            />
            <p className="field-hint" id={`${fields.code.id}-hint`}>
              {t("link.codeHint")}
            </p>
            <FieldErrors id={fields.code.errorId} errors={fields.code.errors} t={t} />
          </div>
        )}
        {match ? (
          <div className="panel" role="region" aria-labelledby="claim-found">
            <p id="claim-found">
              <strong>{t("link.found")}</strong>
            </p>
            <dl>
              <dt>{t("link.foundName")}</dt>
              <dd>{match.fullName}</dd>
              {match.nationalIdMasked ? (
                <>
                  <dt>{t("link.foundId")}</dt>
                  <dd>{match.nationalIdMasked}</dd>
                </>
              ) : null}
              {match.phoneMasked ? (
                <>
                  <dt>{t("link.foundPhone")}</dt>
                  <dd>{match.phoneMasked}</dd>
                </>
              ) : null}
              {match.regionLabel ? (
                <>
                  <dt>{t("link.foundRegion")}</dt>
                  <dd>{match.regionLabel}</dd>
                </>
              ) : null}
              <dt>{t("link.foundSince")}</dt>
              <dd>{formatDate(match.keptSince, locale)}</dd>
            </dl>
            <p className="actions">
              <button type="submit" name="intent" value="link" className="button">
                {t("link.confirm")}
              </button>
              <button type="submit" name="intent" value="refuse" className="button-secondary">
                {t("link.refuse")}
              </button>
            </p>
          </div>
        ) : (
          <button type="submit" name="intent" value="find" className="button">
            {t("link.find")}
          </button>
        )}
      </Form>
    </section>
  );
}
