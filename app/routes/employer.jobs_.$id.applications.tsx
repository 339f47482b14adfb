import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { useUiLocale } from "../components/application-ui";
import { ResponseStats } from "../components/response-stats";
import { formatDate } from "../i18n/format";
import { APPLICATION_STATUSES } from "../models/application-status";
import { getEmployerResponseStats } from "../models/application-stats.server";
import { listJobApplications } from "../models/application-employer.server";
import { requireRole } from "../utils/session.server";
import applicationsStyles from "../styles/applications.css";
import { pageMeta } from "../i18n/meta";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: applicationsStyles }];
export const meta = pageMeta("employerJobsIdApplications");

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, context, "employer", "staff", "admin");
  const { job, applications } = await listJobApplications(context.db, user, params.id ?? "");
  const stats = await getEmployerResponseStats(context.db, job.organizationId);
  return json({ job, applications, stats });
}

/** The pipeline for one posting: one column per status, oldest first, with the "waiting 14+ days" marker. */
export default function JobApplicationsRoute() {
  const { job, applications, stats } = useLoaderData<typeof loader>();
  const { t } = useTranslation("applications");
  const locale = useUiLocale();
  return (
    <section aria-labelledby="pipeline-title">
      <h1 id="pipeline-title">{t("employer.pipelineTitle", { title: job.title })}</h1>
      <p>{t("employer.pipelineIntro", { organization: job.organizationName, count: applications.length })}</p>
      <ResponseStats stats={stats} />
      {applications.length === 0 ? (
        <p className="empty">{t("employer.empty")}</p>
      ) : (
        <div className="pipeline">
          {APPLICATION_STATUSES.map((status) => {
            const items = applications.filter((a) => a.status === status);
            const headingId = `column-${status}`;
            return (
              <section key={status} className="pipeline-column" aria-labelledby={headingId}>
                <h2 id={headingId}>
                  <span>{t(`status.${status}`)}</span>
                  <span className="muted">{items.length}</span>
                </h2>
                {items.length === 0 ? (
                  <p className="muted">{t("employer.emptyColumn")}</p>
                ) : (
                  <ul>
                    {items.map((a) => (
                      <li key={a.id} className="pipeline-card">
                        <Link to={`/employer/applications/${a.id}`}>{a.applicantName}</Link>
                        {a.specialty ? <p>{a.specialty}</p> : null}
                        <p>
                          {t("employer.appliedOn", { date: formatDate(a.createdAt, locale) })}
                          {a.hasCv ? ` · ${t("employer.hasCv")}` : ""}
                        </p>
                        {a.waitingLong ? <span className="waiting-long">{t("employer.waitingLong")}</span> : null}
                      </li>
                    ))}
                  </ul>
                )}
              </section>
            );
          })}
        </div>
      )}
    </section>
  );
}
