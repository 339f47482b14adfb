import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { AuthenticityTokenInput } from "remix-utils/csrf/react";
import { FieldErrors, FormErrors, TextField } from "../components/field";
import { RegionSelect } from "../components/region-select";
import { signUpSchema } from "../forms/auth";
import { getLocale } from "../i18n/locale.server";
import { listChildRegions } from "../models/region.server";
import { registerAccount } from "../models/user.server";
import { readForm } from "../utils/form.server";
import { clientAddress } from "../utils/client-address.server";
import { consumeRateLimit, RATE_LIMITS } from "../utils/rate-limit.server";
import { getUser } from "../utils/session.server";
import { replyWithError } from "../utils/submission.server";
import { SELF_SERVICE_ROLES } from "../../db/enums";
import { pageMeta } from "../i18n/meta";
import { publicUrlFor } from "../utils/public-url.server";

export const meta = pageMeta("signup");

export async function loader({ request, context }: LoaderFunctionArgs) {
  if (await getUser(request, context)) throw redirect("/dashboard");
  const role = new URL(request.url).searchParams.get("role");
  return json({
    provinces: await listChildRegions(context.db, null),
    role: SELF_SERVICE_ROLES.includes(role as never) ? role : "veteran",
  });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await readForm(request, context);
  const submission = parseWithZod(formData, { schema: signUpSchema });
  if (submission.status !== "success") {
    return json({ result: submission.reply({ hideFields: ["password", "confirmPassword"] }), done: null }, { status: 400 });
  }
  try {
    await consumeRateLimit(context.db, `signup:${clientAddress(request)}`, RATE_LIMITS.signUp);
    const locale = await getLocale(request, context);
    const done = await registerAccount(context.db, { ...submission.value, locale }, publicUrlFor(request, context.config));
    return json({ result: submission.reply({ resetForm: true }), done });
  } catch (error) {
    const reply = replyWithError(submission, error);
    return json({ result: await reply.json(), done: null }, { status: reply.status, headers: reply.headers });
  }
}

export default function SignUpRoute() {
  const { provinces, role: initialRole } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { t } = useTranslation();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: "signup",
    lastResult: lastResult?.result,
    constraint: getZodConstraint(signUpSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: signUpSchema }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    defaultValue: { role: initialRole },
  });
  const [role, setRole] = useState<string>(String(fields.role.initialValue ?? initialRole));

  if (lastResult?.done) {
    return (
      <section className="narrow" aria-labelledby="check-title">
        <h1 id="check-title">{t("auth.checkEmailTitle")}</h1>
        <p role="status">{t("auth.checkEmailText", { email: lastResult.done.email })}</p>
        <p>
          <Link to="/signin">{t("nav.signIn")}</Link>
        </p>
      </section>
    );
  }

  return (
    <section className="narrow" aria-labelledby="signup-title">
      <h1 id="signup-title">{t("auth.signUpTitle")}</h1>
      <p>{t("auth.signUpIntro")}</p>
      <Form method="post" {...getFormProps(form)} noValidate>
        <AuthenticityTokenInput name="csrf" />
        <FormErrors errors={form.errors} />
        <fieldset className="field">
          <legend>{t("auth.role")}</legend>
          <div className="choice-row">
            {SELF_SERVICE_ROLES.map((r) => (
              <label key={r} className="choice">
                <input
                  type="radio"
                  name={fields.role.name}
                  value={r}
                  defaultChecked={r === role}
                  onChange={() => setRole(r)}
                />
                {t(`roles.${r}`)}
              </label>
            ))}
          </div>
          <FieldErrors id={fields.role.errorId} errors={fields.role.errors} t={t} />
        </fieldset>
        <TextField field={fields.displayName} label={t("auth.displayName")} autoComplete="name" />
        <TextField field={fields.email} label={t("auth.email")} type="email" autoComplete="email" />
        <TextField field={fields.password} label={t("auth.password")} type="password" hint={t("auth.passwordHint")} autoComplete="new-password" />
        <TextField field={fields.confirmPassword} label={t("auth.confirmPassword")} type="password" autoComplete="new-password" />
        {role !== "veteran" ? (
          <>
            <TextField field={fields.organizationName} label={t("auth.organizationName")} hint={t("auth.organizationHint")} autoComplete="organization" />
            <RegionSelect
              name={fields.regionCode.name}
              label={t("auth.regionCode")}
              provinces={provinces}
              errorId={fields.regionCode.errorId}
              errors={fields.regionCode.errors}
            />
          </>
        ) : null}
        <div className="field">
          <label className="choice">
            <input
              type="checkbox"
              name={fields.acceptTerms.name}
              id={fields.acceptTerms.id}
              aria-invalid={fields.acceptTerms.errors ? true : undefined}
              aria-describedby={fields.acceptTerms.errors ? fields.acceptTerms.errorId : undefined}
            />
            {t("auth.acceptTerms")}
          </label>
          <FieldErrors id={fields.acceptTerms.errorId} errors={fields.acceptTerms.errors} t={t} />
        </div>
        <button type="submit" className="button" disabled={navigation.state === "submitting"}>
          {navigation.state === "submitting" ? t("common.submitting") : t("auth.submitSignUp")}
        </button>
      </Form>
      <p>
        {t("auth.haveAccount")} <Link to="/signin">{t("nav.signIn")}</Link>
      </p>
    </section>
  );
}
