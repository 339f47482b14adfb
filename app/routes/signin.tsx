import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { AuthenticityTokenInput } from "remix-utils/csrf/react";
import { FormErrors, TextField } from "../components/field";
import { Notice } from "../components/notice";
import { signInSchema } from "../forms/auth";
import { signInWithLimits } from "../models/sign-in.server";
import { createSession } from "../models/user.server";
import { clientAddress } from "../utils/client-address.server";
import { readForm } from "../utils/form.server";
import { safeRedirectPath } from "../utils/http.server";
import { commitSessionCookie, cookies, getUser } from "../utils/session.server";
import { replyWithError } from "../utils/submission.server";
import { pageMeta } from "../i18n/meta";

export const meta = pageMeta("signin");

const NOTICES = ["verified", "signedOut", "resetDone", "signOutEverywhereDone"] as const;

export async function loader({ request, context }: LoaderFunctionArgs) {
  if (await getUser(request, context)) throw redirect("/dashboard");
  return json({});
}

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await readForm(request, context);
  const submission = parseWithZod(formData, { schema: signInSchema });
  if (submission.status !== "success") {
    return json(submission.reply({ hideFields: ["password"] }), { status: 400 });
  }
  try {
    const user = await signInWithLimits(context.db, {
      email: submission.value.email,
      password: submission.value.password,
      address: clientAddress(request),
    });
    const token = await createSession(context.db, user.id, request.headers.get("user-agent"));
    const headers = new Headers();
    headers.append("Set-Cookie", await commitSessionCookie(context, token));
    // The account's language wins from now on unless the person switches again.
    headers.append("Set-Cookie", await cookies(context.config).locale.serialize(user.locale));
    return redirect(safeRedirectPath(submission.value.redirectTo, "/dashboard"), { headers });
  } catch (error) {
    return replyWithError(submission, error, ["password"]);
  }
}

export default function SignInRoute() {
  const lastResult = useActionData<typeof action>();
  const [params] = useSearchParams();
  const { t } = useTranslation();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: "signin",
    lastResult,
    constraint: getZodConstraint(signInSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: signInSchema }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });
  const notice = params.get("notice");
  const unverified = fields.email.errors?.includes("errors.emailNotVerified");
  return (
    <section className="narrow" aria-labelledby="signin-title">
      <h1 id="signin-title">{t("auth.signInTitle")}</h1>
      {notice && (NOTICES as readonly string[]).includes(notice) ? (
        <Notice tone="success">{t(notice === "resetDone" ? "auth.resetDone" : `auth.${notice}`)}</Notice>
      ) : null}
      <Form method="post" {...getFormProps(form)} noValidate>
        <AuthenticityTokenInput name="csrf" />
        <input type="hidden" name="redirectTo" value={params.get("redirectTo") ?? ""} />
        <FormErrors errors={form.errors} />
        <TextField field={fields.email} label={t("auth.email")} type="email" autoComplete="email" />
        <TextField field={fields.password} label={t("auth.password")} type="password" autoComplete="current-password" />
        <button type="submit" className="button" disabled={navigation.state === "submitting"}>
          {navigation.state === "submitting" ? t("common.submitting") : t("auth.submitSignIn")}
        </button>
      </Form>
      {unverified ? (
        <p>
          <Link to="/verify-email/resend">{t("auth.resendVerification")}</Link>
        </p>
      ) : null}
      <p>
        <Link to="/forgot-password">{t("auth.forgotPassword")}</Link>
      </p>
      <p>
        {t("auth.noAccount")} <Link to="/signup">{t("nav.signUp")}</Link>
      </p>
    </section>
  );
}
