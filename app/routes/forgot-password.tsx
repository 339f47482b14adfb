import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { AuthenticityTokenInput } from "remix-utils/csrf/react";
import { FormErrors, TextField } from "../components/field";
import { Notice } from "../components/notice";
import { forgotPasswordSchema } from "../forms/auth";
import { requestPasswordReset } from "../models/user.server";
import { readForm } from "../utils/form.server";
import { clientAddress } from "../utils/client-address.server";
import { consumeRateLimit, RATE_LIMITS } from "../utils/rate-limit.server";
import { replyWithError } from "../utils/submission.server";
import { pageMeta } from "../i18n/meta";
import { publicUrlFor } from "../utils/public-url.server";

export const meta = pageMeta("forgotPassword");

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await readForm(request, context);
  const submission = parseWithZod(formData, { schema: forgotPasswordSchema });
  if (submission.status !== "success") return json({ ...submission.reply(), sent: false }, { status: 400 });
  try {
    await consumeRateLimit(context.db, `reset:${clientAddress(request)}`, RATE_LIMITS.passwordReset);
    await requestPasswordReset(context.db, submission.value.email, publicUrlFor(request, context.config));
    return json({ ...submission.reply({ resetForm: true }), sent: true });
  } catch (error) {
    return replyWithError(submission, error, []);
  }
}

export default function ForgotPasswordRoute() {
  const lastResult = useActionData<typeof action>();
  const { t } = useTranslation();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: "forgot",
    lastResult,
    constraint: getZodConstraint(forgotPasswordSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: forgotPasswordSchema }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });
  return (
    <section className="narrow" aria-labelledby="forgot-title">
      <h1 id="forgot-title">{t("auth.forgotTitle")}</h1>
      <p>{t("auth.forgotIntro")}</p>
      {lastResult && "sent" in lastResult && lastResult.sent ? <Notice tone="success">{t("auth.forgotSent")}</Notice> : null}
      <Form method="post" {...getFormProps(form)} noValidate>
        <AuthenticityTokenInput name="csrf" />
        <FormErrors errors={form.errors} />
        <TextField field={fields.email} label={t("auth.email")} type="email" autoComplete="email" />
        <button type="submit" className="button" disabled={navigation.state === "submitting"}>
          {t("auth.submitForgot")}
        </button>
      </Form>
    </section>
  );
}
