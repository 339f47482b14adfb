import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { AuthenticityTokenInput } from "remix-utils/csrf/react";
import { translateError } from "../components/field";
import { Notice } from "../components/notice";
import { contactResponseSchema } from "../forms/profile";
import { formatDateTime } from "../i18n/format";
import { listContactRequestsForVeteran, respondToContactRequest } from "../models/contact-request.server";
import { DomainError } from "../models/errors";
import profileStyles from "../styles/profile.css";
import { readForm } from "../utils/form.server";
import { requireRole } from "../utils/session.server";
import { pageMeta } from "../i18n/meta";
import { publicUrlFor } from "../utils/public-url.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: profileStyles }];
export const meta = pageMeta("contactRequests");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireRole(request, context, "veteran");
  const requests = await listContactRequestsForVeteran(context.db, user);
  return json({ requests });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireRole(request, context, "veteran");
  const formData = await readForm(request, context);
  const submission = parseWithZod(formData, { schema: contactResponseSchema });
  if (submission.status !== "success") return json({ ok: null, error: "errors.badForm" }, { status: 400 });
  try {
    const accept = submission.value.decision === "accept";
    await respondToContactRequest(context.db, user, submission.value.requestId, accept, { publicUrl: publicUrlFor(request, context.config) });
    return json({ ok: accept ? "accepted" : "declined", error: null });
  } catch (error) {
    if (error instanceof DomainError) return json({ ok: null, error: error.code }, { status: error.status });
    throw error;
  }
}

export default function ContactRequestsRoute() {
  const { requests } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t, i18n } = useTranslation("profile");
  return (
    <section aria-labelledby="contact-title">
      <h1 id="contact-title">{t("contact.title")}</h1>
      <p>{t("contact.intro")}</p>
      {actionData?.ok ? <Notice tone="success">{t(`contact.${actionData.ok}`)}</Notice> : null}
      {actionData?.error ? <Notice tone="error">{translateError(t, actionData.error)}</Notice> : null}
      {requests.length === 0 ? (
        <p className="empty">{t("contact.empty")}</p>
      ) : (
        <ul className="contact-request-list">
          {requests.map((r) => (
            <li key={r.id} className="card">
              <h2>
                {t("contact.from", { org: r.organizationName })}
                {r.organizationVerified === "verified" ? <span className="badge">{t("contact.verified")}</span> : null}
              </h2>
              <p className="muted">{t("contact.requestedAt", { date: formatDateTime(r.createdAt, i18n.language === "en" ? "en" : "zh-CN") })}</p>
              {r.message ? <p>{t("contact.message", { message: r.message })}</p> : null}
              <p>
                <span className="status-pill">{t(`contact.status.${r.status as "pending" | "accepted" | "declined"}`)}</span>
              </p>
              {r.status === "pending" ? (
                <Form method="post" className="actions">
                  <AuthenticityTokenInput name="csrf" />
                  <input type="hidden" name="requestId" value={r.id} />
                  <button type="submit" name="decision" value="accept" className="button" aria-label={`${t("contact.accept")} · ${r.organizationName}`}>
                    {t("contact.accept")}
                  </button>
                  <button type="submit" name="decision" value="decline" className="button-secondary" aria-label={`${t("contact.decline")} · ${r.organizationName}`}>
                    {t("contact.decline")}
                  </button>
                </Form>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
