import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formatDate } from "../i18n/format";
import type { Locale } from "../../db/enums";
import { listParkApplications } from "../models/incubator-application.server";
import { parkOnboardingProgress } from "../models/incubator-onboarding.server";
import { requirePark } from "../models/incubator-package.server";
import { requireRole } from "../utils/session.server";
import trainingStyles from "../styles/training.css";
import { pageMeta } from "../i18n/meta";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: trainingStyles }];
export const meta = pageMeta("parkApplications");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireRole(request, context, "incubator");
  const park = await requirePark(context.db, user);
  const [applications, progress] = await Promise.all([listParkApplications(context.db, user, park.id), parkOnboardingProgress(context.db, user)]);
  return json({ park, applications, progress });
}

export default function ParkApplicationsRoute() {
  const { applications, progress } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation("incubator");
  const locale = (i18n.language === "en" ? "en" : "zh-CN") as Locale;
  return (
    <section aria-labelledby="apps-title" className="training-admin">
      <h1 id="apps-title">{t("parkApps.title")}</h1>
      <p className="muted">{t("parkApps.intro")}</p>

      <h2 id="onboarding-title">{t("parkApps.onboarding")}</h2>
      {progress.length === 0 ? (
        <p className="empty">{t("parkApps.noOnboarding")}</p>
      ) : (
        <div className="table-scroll">
          <table aria-labelledby="onboarding-title">
            <thead>
              <tr>
                <th scope="col">{t("parkApps.venture")}</th>
                <th scope="col">{t("parkApps.start")}</th>
                <th scope="col">{t("parkApps.progress")}</th>
                <th scope="col">{t("parkApps.overdue")}</th>
                <th scope="col">{t("parkApps.payment")}</th>
              </tr>
            </thead>
            <tbody>
              {progress.map((p) => (
                <tr key={p.id}>
                  <th scope="row">
                    <Link to={`/park/applications/${p.id}`}>{p.venture}</Link>
                  </th>
                  <td>{p.startDate ? formatDate(p.startDate, locale) : ""}</td>
                  <td>
                    <progress max={p.total} value={p.done} aria-label={t("parkApps.progressOf", { venture: p.venture })} /> {p.done}/{p.total}
                  </td>
                  <td>{p.overdue}</td>
                  <td>{p.paid ? t("payStatus.paid") : t("parkApps.unpaid")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <h2 id="all-title">{t("parkApps.all")}</h2>
      {applications.length === 0 ? (
        <p className="empty">{t("parkApps.empty")}</p>
      ) : (
        <ul className="card-list" aria-labelledby="all-title">
          {applications.map((a) => (
            <li key={a.id} className="card">
              <h3 className="h3">
                <Link to={`/park/applications/${a.id}`}>{a.venture}</Link>
              </h3>
              <p className="card-meta">
                {a.package} · {a.sector} · <strong>{t(`appStatus.${a.status}`)}</strong>
              </p>
              <p className="card-meta">
                {t("parkApps.reviewed", { done: a.reviewed, total: a.reviewers })} · {formatDate(a.createdAt, locale)}
              </p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
