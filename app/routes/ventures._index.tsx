import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { listMyStartupApplications } from "../models/incubator-application.server";
import { requireRole } from "../utils/session.server";
import trainingStyles from "../styles/training.css";
import { pageMeta } from "../i18n/meta";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: trainingStyles }];
export const meta = pageMeta("venturesIndex");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireRole(request, context, "veteran");
  return json({ apps: await listMyStartupApplications(context.db, user) });
}

export default function VenturesRoute() {
  const { apps } = useLoaderData<typeof loader>();
  const { t } = useTranslation("incubator");
  return (
    <section aria-labelledby="ventures-title" className="training-admin">
      <h1 id="ventures-title">{t("venture.listTitle")}</h1>
      {apps.length === 0 ? (
        <p className="empty">
          {t("venture.empty")} <Link to="/parks">{t("venture.findParks")}</Link>
        </p>
      ) : (
        <ul className="card-list" aria-labelledby="ventures-title">
          {apps.map((a) => (
            <li key={a.id} className="card">
              <h2 className="h3">
                <Link to={`/ventures/${a.id}`}>{a.venture}</Link>
              </h2>
              <p className="card-meta">
                {a.package} · <strong>{t(`appStatus.${a.status}`)}</strong>
              </p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
