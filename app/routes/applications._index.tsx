import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { StatusPill, useUiLocale } from "../components/application-ui";
import { formatDate } from "../i18n/format";
import { listMyApplications } from "../models/application.server";
import { requireRole } from "../utils/session.server";
import applicationsStyles from "../styles/applications.css";
import { pageMeta } from "../i18n/meta";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: applicationsStyles }];
export const meta = pageMeta("applicationsIndex");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireRole(request, context, "veteran");
  return json({ applications: await listMyApplications(context.db, user) });
}

export default function MyApplicationsRoute() {
  const { applications } = useLoaderData<typeof loader>();
  const { t } = useTranslation("applications");
  const locale = useUiLocale();
  return (
    <section aria-labelledby="applications-title">
      <h1 id="applications-title">{t("list.title")}</h1>
      {applications.length === 0 ? (
        <p className="empty">
          {t("list.empty")} <Link to="/jobs">{t("list.findJobs")}</Link>
        </p>
      ) : (
        <div className="table-wrap">
          <table className="table-cards">
            <thead>
              <tr>
                <th scope="col">{t("list.job")}</th>
                <th scope="col">{t("list.organization")}</th>
                <th scope="col">{t("list.status")}</th>
                <th scope="col">{t("list.appliedAt")}</th>
                <th scope="col">{t("list.updatedAt")}</th>
              </tr>
            </thead>
            <tbody>
              {applications.map((a) => (
                <tr key={a.id}>
                  <td data-label={t("list.job")}>
                    <Link to={`/applications/${a.id}`}>{a.jobTitle}</Link>
                  </td>
                  <td data-label={t("list.organization")}>{a.organizationName}</td>
                  <td data-label={t("list.status")}>
                    <StatusPill status={a.status} />
                  </td>
                  <td data-label={t("list.appliedAt")}>{formatDate(a.createdAt, locale)}</td>
                  <td data-label={t("list.updatedAt")}>{formatDate(a.updatedAt, locale)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
