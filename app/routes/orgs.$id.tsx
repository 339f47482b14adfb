import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Notice } from "../components/notice";
import { Salary } from "../components/salary";
import { badgeI18nKey } from "../forms/organization";
import { formatDate } from "../i18n/format";
import { type Locale } from "../../db/enums";
import { getEmployerResponseStats } from "../models/application-stats.server";
import { getPublicOrganization } from "../models/organization.server";
import { getUser } from "../utils/session.server";
import staffStyles from "../styles/staff.css";
import { titleFor } from "../i18n/meta";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: staffStyles }];

export const meta: MetaFunction<typeof loader> = (args) => [
  { title: titleFor(args, args.data ? [{ raw: args.data.organization.name }] : [{ key: "orgPage" }]) },
  ...(args.data?.organization.description ? [{ name: "description", content: args.data.organization.description.slice(0, 150) }] : []),
];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const viewer = await getUser(request, context);
  const organization = await getPublicOrganization(context.db, params.id ?? "", viewer);
  // Response figures are about answering applicants, so only organisations that recruit show them.
  const stats = organization.kind === "employer" || organization.jobs.length > 0 ? await getEmployerResponseStats(context.db, organization.id) : null;
  return json({ organization, stats });
}

export default function OrganizationPageRoute() {
  const { organization: org, stats } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation(["staff", "common"]);
  const locale = (i18n.language === "en" ? "en" : "zh-CN") as Locale;
  const verified = org.verificationStatus === "verified";
  return (
    <article aria-labelledby="org-name">
      <header className="org-header">
        <h1 id="org-name">{org.name}</h1>
        <span className={`status-pill status-${verified ? "verified" : org.verificationStatus}`}>
          {verified ? t("page.verified") : t("page.notVerified")}
        </span>
        {org.badges.map((b) => (
          <span key={b} className="badge badge-accent">
            {badgeI18nKey(b) ? t(badgeI18nKey(b)!) : b}
          </span>
        ))}
      </header>
      {org.verificationStatus === "pending" ? <Notice tone="info">{t("page.pendingNote")}</Notice> : null}
      {org.verificationStatus === "rejected" ? <Notice tone="warning">{t("page.rejectedNote")}</Notice> : null}
      <dl className="facts">
        <dt>{t("page.kind")}</dt>
        <dd>{t(`kinds.${org.kind}`)}</dd>
        {org.regionPath.length ? (
          <>
            <dt>{t("page.region")}</dt>
            <dd>{org.regionPath.map((r) => r.name).join(" ")}</dd>
          </>
        ) : null}
        {org.address ? (
          <>
            <dt>{t("page.address")}</dt>
            <dd>{org.address}</dd>
          </>
        ) : null}
        {org.website ? (
          <>
            <dt>{t("page.website")}</dt>
            <dd>
              <a href={org.website} rel="noopener noreferrer nofollow" target="_blank">
                {org.website}
              </a>
            </dd>
          </>
        ) : null}
      </dl>
      {org.description ? <p className="org-description">{org.description}</p> : null}
      {org.canEdit ? (
        <p>
          <Link to="/organization">{t("page.edit")}</Link>
        </p>
      ) : null}

      {stats ? (
        <section aria-labelledby="org-stats" className="panel">
          <h2 id="org-stats">{t("page.responseTitle")}</h2>
          {stats.responseRate === null ? (
            <p className="muted">{t("page.noStats")}</p>
          ) : (
            <dl className="facts">
              <dt>{t("page.responseRate")}</dt>
              <dd>{t("page.responseRateValue", { percent: Math.round(stats.responseRate * 100), sample: stats.sample })}</dd>
              {stats.medianResponseHours !== null ? (
                <>
                  <dt>{t("page.medianResponse")}</dt>
                  <dd>{t("page.medianHours", { hours: stats.medianResponseHours })}</dd>
                </>
              ) : null}
            </dl>
          )}
        </section>
      ) : null}

      <section aria-labelledby="org-jobs">
        <h2 id="org-jobs">{t("page.jobs")}</h2>
        {org.jobs.length === 0 ? (
          <p className="empty">{t("page.noJobs")}</p>
        ) : (
          <ul className="org-jobs">
            {org.jobs.map((job) => (
              <li key={job.id} className="card">
                <Link to={`/jobs/${job.id}`}>{job.title}</Link>
                <span>
                  <Salary min={job.salaryMin} max={job.salaryMax} />
                </span>
                <span className="muted">{t(`common:jobTypes.${job.jobType}`)}</span>
                {job.publishedAt ? <span className="muted">{t("page.published", { date: formatDate(job.publishedAt, locale) })}</span> : null}
              </li>
            ))}
          </ul>
        )}
      </section>
    </article>
  );
}
