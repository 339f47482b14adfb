import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { listDevMailbox } from "../models/dev-mailbox.server";
import { formatDateTime } from "../i18n/format";
import { type Locale } from "../../db/enums";
import { requireDevMailbox } from "../utils/dev.server";
import { pageMeta } from "../i18n/meta";

export const meta = pageMeta("devMailbox");

export async function loader({ request, context }: LoaderFunctionArgs) {
  requireDevMailbox(context);
  const to = new URL(request.url).searchParams.get("to")?.trim().toLowerCase() || undefined;
  const messages = await listDevMailbox(context.db, { to, limit: 100 });
  return json({
    to: to ?? "",
    messages: messages.map((m) => ({ id: m.id, to: m.toAddress, subject: m.subject, createdAt: m.createdAt })),
  });
}

export default function DevMailboxRoute() {
  const { to, messages } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  return (
    <section aria-labelledby="mailbox-title">
      <h1 id="mailbox-title">{t("mailbox.title")}</h1>
      <p className="muted">{t("mailbox.intro")}</p>
      <Form method="get" className="inline-search" role="search">
        <label htmlFor="mailbox-to">{t("mailbox.filter")}</label>
        <input id="mailbox-to" name="to" type="email" defaultValue={to} />
        <button type="submit" className="button button-small">
          {t("mailbox.apply")}
        </button>
      </Form>
      {messages.length === 0 ? (
        <p className="empty">{t("mailbox.empty")}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t("mailbox.sentAt")}</th>
                <th scope="col">{t("mailbox.to")}</th>
                <th scope="col">{t("mailbox.subject")}</th>
              </tr>
            </thead>
            <tbody>
              {messages.map((m) => (
                <tr key={m.id}>
                  <td>{formatDateTime(m.createdAt, i18n.language as Locale)}</td>
                  <td>{m.to}</td>
                  <td>
                    <Link to={`/dev/mailbox/${m.id}`}>{m.subject}</Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
