import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { AuthenticityTokenInput } from "remix-utils/csrf/react";
import { formatDateTime } from "../i18n/format";
import { type Locale } from "../../db/enums";
import { requireUser } from "../utils/session.server";
import { pageMeta } from "../i18n/meta";

export const meta = pageMeta("account");

export async function loader({ request, context }: LoaderFunctionArgs) {
  return json({ user: await requireUser(request, context) });
}

export default function AccountRoute() {
  const { user } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  return (
    <section aria-labelledby="account-title" className="narrow">
      <h1 id="account-title">{t("account.title")}</h1>
      <dl className="facts">
        <dt>{t("account.email")}</dt>
        <dd>{user.email}</dd>
        <dt>{t("account.role")}</dt>
        <dd>{t(`roles.${user.role}`)}</dd>
        <dt>{t("account.language")}</dt>
        <dd>{t(`locale.${user.locale}`)}</dd>
        <dt>{t("account.verifiedAt")}</dt>
        <dd>{user.emailVerifiedAt ? formatDateTime(user.emailVerifiedAt, i18n.language as Locale) : t("account.notVerified")}</dd>
      </dl>
      <h2>{t("account.security")}</h2>
      <p>{t("account.securityText")}</p>
      <Form method="post" action="/signout-everywhere">
        <AuthenticityTokenInput name="csrf" />
        <button type="submit" className="button button-secondary">
          {t("auth.signOutEverywhere")}
        </button>
      </Form>
    </section>
  );
}
