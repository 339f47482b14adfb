import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getDevMail } from "../models/dev-mailbox.server";
import { formatDateTime } from "../i18n/format";
import { type Locale } from "../../db/enums";
import { requireDevMailbox } from "../utils/dev.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.mail.subject ?? ""} · Dev mailbox` }];

export async function loader({ params, context }: LoaderFunctionArgs) {
  requireDevMailbox(context);
  const id = Number(params.id);
  const mail = Number.isInteger(id) && id > 0 ? await getDevMail(context.db, id) : undefined;
  if (!mail) throw new Response("Not found", { status: 404 });
  return json({
    mail: { id: mail.id, to: mail.toAddress, from: mail.fromAddress, subject: mail.subject, html: mail.html, text: mail.text, createdAt: mail.createdAt },
  });
}

export default function DevMailRoute() {
  const { mail } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  return (
    <article aria-labelledby="mail-subject">
      <p>
        <Link to="/dev/mailbox">{t("mailbox.back")}</Link>
      </p>
      <h1 id="mail-subject">{mail.subject}</h1>
      <dl className="facts">
        <dt>{t("mailbox.to")}</dt>
        <dd>{mail.to}</dd>
        <dt>From</dt>
        <dd>{mail.from}</dd>
        <dt>{t("mailbox.sentAt")}</dt>
        <dd>{formatDateTime(mail.createdAt, i18n.language as Locale)}</dd>
      </dl>
      {/* The mail is our own rendered template; shown sandboxed so its markup cannot script this page. */}
      <iframe title={mail.subject} className="mail-frame" sandbox="allow-popups allow-popups-to-escape-sandbox allow-top-navigation-by-user-activation" srcDoc={mail.html} />
      <section aria-labelledby="mail-text-title">
        <h2 id="mail-text-title">{t("mailbox.plainText")}</h2>
        <pre className="mail-text">{mail.text}</pre>
      </section>
    </article>
  );
}
