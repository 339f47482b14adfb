import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { AuthenticityTokenInput } from "remix-utils/csrf/react";
import { FormErrors, TextField } from "../components/field";
import { Notice } from "../components/notice";
import { forgotPasswordSchema as emailOnlySchema } from "../forms/auth";
import { resendVerification } from "../models/user.server";
import { readForm } from "../utils/form.server";
import { clientAddress } from "../utils/client-address.server";
import { consumeRateLimit, RATE_LIMITS } from "../utils/rate-limit.server";
import { replyWithError } from "../utils/submission.server";
import { pageMeta } from "../i18n/meta";
import { publicUrlFor } from "../utils/public-url.server";

export const meta = pageMeta("verifyEmailResend");

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await readForm(request, context);
  const submission = parseWithZod(formData, { schema: emailOnlySchema });
  if (submission.status !== "success") return json({ ...submission.reply(), sent: false }, { status: 400 });
  try {
    await consumeRateLimit(context.db, `resend:${clientAddress(request)}`, RATE_LIMITS.resendVerification);
    await resendVerification(context.db, submission.value.email, publicUrlFor(request, context.config));
    return json({ ...submission.reply({ resetForm: true }), sent: true });
  } catch (error) {
    return replyWithError(submission, error, []);
  }
}

export default function ResendVerificationRoute() {
  const lastResult = useActionData<typeof action>();
  const { t } = useTranslation();
  const [form, fields] = useForm({
    id: "resend",
    lastResult,
    constraint: getZodConstraint(emailOnlySchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: emailOnlySchema }),
  });
  return (
    <section className="narrow" aria-labelledby="resend-title">
      <h1 id="resend-title">{t("auth.resendVerification")}</h1>
      {lastResult && "sent" in lastResult && lastResult.sent ? <Notice tone="success">{t("auth.resendSent")}</Notice> : null}
      <Form method="post" {...getFormProps(form)} noValidate>
        <AuthenticityTokenInput name="csrf" />
        <FormErrors errors={form.errors} />
        <TextField field={fields.email} label={t("auth.email")} type="email" autoComplete="email" />
        <button type="submit" className="button">
          {t("auth.resendVerification")}
        </button>
      </Form>
    </section>
  );
}
