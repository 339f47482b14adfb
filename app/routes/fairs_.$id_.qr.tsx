import { publicUrlFor } from "../utils/public-url.server";
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { titleFor } from "../i18n/meta";
import { qrSheet } from "../models/fair-onsite.server";
import { requireUser } from "../utils/session.server";
import fairStyles from "../styles/fairs.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: fairStyles }];
export const meta: MetaFunction<typeof loader> = (args) => [{ title: titleFor(args, [{ key: "fairQr" }]) }];

/** The printable sheet of booth QR codes: a phone scan at the venue joins the booth's queue. */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  return json(await qrSheet(context.db, user, params.id ?? "", publicUrlFor(request, context.config)));
}

export default function FairQrRoute() {
  const { fair, booths } = useLoaderData<typeof loader>();
  const { t } = useTranslation("fairs");
  return (
    <article aria-labelledby="qr-title" className="fair qr-sheet">
      <p className="no-print">
        <Link to={`/fairs/${fair.id}/dashboard`}>← {t("dashboard.title")}</Link>{" "}
        <button type="button" className="button button-secondary" onClick={() => window.print()}>
          {t("report.print")}
        </button>
      </p>
      <h1 id="qr-title">{t("qr.heading", { title: fair.title })}</h1>
      <p className="muted">{t("qr.intro")}</p>
      {booths.length === 0 ? <p className="empty">{t("lobby.noBooths")}</p> : null}
      <ul className="qr-grid">
        {booths.map((b) => (
          <li key={b.id} className="card qr-card">
            <h2>{b.orgName}</h2>
            {/* the SVG is made on the server from our own link by qrcode-generator: no user input reaches it */}
            <div className="qr-code" role="img" aria-label={t("qr.codeFor", { org: b.orgName })} dangerouslySetInnerHTML={{ __html: b.svg }} />
            <p className="qr-url">{b.url}</p>
            <p>{t("qr.scan")}</p>
          </li>
        ))}
      </ul>
    </article>
  );
}
