import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { AuthenticityTokenInput } from "remix-utils/csrf/react";
import { FormErrors, TextField } from "../components/field";
import { resetPasswordSchema } from "../forms/auth";
import { resetPassword } from "../models/user.server";
import { readForm } from "../utils/form.server";
import { clearSessionCookie } from "../utils/session.server";
import { replyWithError } from "../utils/submission.server";
import { pageMeta } from "../i18n/meta";

export const meta = pageMeta("resetPassword");

export async function loader({ request }: LoaderFunctionArgs) {
  return json({ token: new URL(request.url).searchParams.get("token") ?? "" });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await readForm(request, context);
  const submission = parseWithZod(formData, { schema: resetPasswordSchema });
  if (submission.status !== "success") {
    return json(submission.reply({ hideFields: ["password", "confirmPassword"] }), { status: 400 });
  }
  try {
    await resetPassword(context.db, submission.value.token, submission.value.password);
  } catch (error) {
    return replyWithError(submission, error);
  }
  return redirect("/signin?notice=resetDone", { headers: { "Set-Cookie": await clearSessionCookie(context) } });
}

export default function ResetPasswordRoute() {
  const { token } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { t } = useTranslation();
  const [form, fields] = useForm({
    id: "reset",
    lastResult,
    constraint: getZodConstraint(resetPasswordSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: resetPasswordSchema }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });
  const linkProblem = form.errors?.some((e) => e.startsWith("errors.link")) || fields.token.errors?.length;
  return (
    <section className="narrow" aria-labelledby="reset-title">
      <h1 id="reset-title">{t("auth.resetTitle")}</h1>
      <Form method="post" {...getFormProps(form)} noValidate>
        <AuthenticityTokenInput name="csrf" />
        <input type="hidden" name="token" value={token} />
        <FormErrors errors={[...(form.errors ?? []), ...(fields.token.errors ?? [])]} />
        <TextField field={fields.password} label={t("auth.newPassword")} type="password" hint={t("auth.passwordHint")} autoComplete="new-password" />
        <TextField field={fields.confirmPassword} label={t("auth.confirmPassword")} type="password" autoComplete="new-password" />
        <button type="submit" className="button">
          {t("auth.submitReset")}
        </button>
      </Form>
      {linkProblem ? (
        <p>
          <Link to="/forgot-password">{t("auth.forgotTitle")}</Link>
        </p>
      ) : null}
    </section>
  );
}
