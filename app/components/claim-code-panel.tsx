import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { AuthenticityTokenInput } from "remix-utils/csrf/react";
import { formatDate } from "../i18n/format";

/**
 * On a staff-kept file: the claim code that lets the veteran take the file as their own once they have an account
 * (created here, shown once by the page the form redirects to).
 */
export function ClaimCodePanel({ hasAccount, openUntil }: { hasAccount: boolean; openUntil: string | null }) {
  const { t, i18n } = useTranslation("stations");
  const locale = i18n.language === "en" ? "en" : "zh-CN";
  return (
    <section className="panel" aria-labelledby="claim-code-title">
      <h2 id="claim-code-title">{t("link.staff.title")}</h2>
      {hasAccount ? (
        <p>{t("link.staff.hasAccount")}</p>
      ) : (
        <>
          <p>{t("link.staff.intro")}</p>
          {openUntil ? <p className="muted">{t("link.staff.open", { date: formatDate(openUntil, locale) })}</p> : null}
          <Form method="post">
            <AuthenticityTokenInput name="csrf" />
            <input type="hidden" name="intent" value="claimCode" />
            <button type="submit" className="button-secondary">
              {t("link.staff.issue")}
            </button>
          </Form>
        </>
      )}
    </section>
  );
}
