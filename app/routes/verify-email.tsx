import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { AuthenticityTokenInput } from "remix-utils/csrf/react";
import { z } from "zod";
import { translateError } from "../components/field";
import { Notice } from "../components/notice";
import { DomainError } from "../models/errors";
import { verifyEmail } from "../models/user.server";
import { readForm } from "../utils/form.server";
import { pageMeta } from "../i18n/meta";
import { publicUrlFor } from "../utils/public-url.server";

export const meta = pageMeta("verifyEmail");

// Opening the link changes nothing (mail scanners follow links); the button below does the POST.
export async function loader({ request }: LoaderFunctionArgs) {
  return json({ token: new URL(request.url).searchParams.get("token") ?? "" });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await readForm(request, context);
  const token = z.string().min(10).safeParse(formData.get("token"));
  if (!token.success) return json({ error: "errors.linkInvalid" }, { status: 400 });
  try {
    await verifyEmail(context.db, token.data, publicUrlFor(request, context.config));
  } catch (error) {
    if (error instanceof DomainError) return json({ error: error.code }, { status: 400 });
    throw error;
  }
  return redirect("/signin?notice=verified");
}

export default function VerifyEmailRoute() {
  const { token } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useTranslation();
  return (
    <section className="narrow" aria-labelledby="verify-title">
      <h1 id="verify-title">{t("auth.verifyTitle")}</h1>
      {result?.error ? <Notice tone="error">{translateError(t, result.error)}</Notice> : null}
      {token ? (
        <Form method="post">
          <AuthenticityTokenInput name="csrf" />
          <input type="hidden" name="token" value={token} />
          <p>{t("auth.verifyIntro")}</p>
          <button type="submit" className="button">
            {t("auth.submitVerify")}
          </button>
        </Form>
      ) : (
        <Notice tone="error">{t("errors.linkInvalid")}</Notice>
      )}
      <p>
        <Link to="/verify-email/resend">{t("auth.resendVerification")}</Link>
      </p>
    </section>
  );
}
