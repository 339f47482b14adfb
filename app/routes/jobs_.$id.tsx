import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData, useOutlet } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ReviewReason } from "../components/job-posting-form";
import { Notice } from "../components/notice";
import { Salary } from "../components/salary";
import { formatDate } from "../i18n/format";
import { type Locale } from "../../db/enums";
import { getJobPostingView } from "../models/job-posting-read.server";
import { getUser } from "../utils/session.server";
import jobsStyles from "../styles/jobs.css";
import { titleFor } from "../i18n/meta";
import { regionPathLabel } from "../components/region-name";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: jobsStyles }];
export const meta: MetaFunction<typeof loader> = (args) => [
  { title: titleFor(args, args.data ? [{ raw: args.data.job.title }, { raw: args.data.job.organization.name }] : [{ key: "job" }]) },
  ...(args.data && !args.data.job.live ? [{ name: "robots", content: "noindex" }] : []),
];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const user = await getUser(request, context);
  const job = await getJobPostingView(context.db, user, params.id ?? "");
  return json({ job, viewerRole: user?.role ?? null });
}

export default function JobDetailRoute() {
  const { job, viewerRole } = useLoaderData<typeof loader>();
  const outlet = useOutlet();
  const { t, i18n } = useTranslation("jobs");
  // A child route (/jobs/$id/apply) takes the page over.
  if (outlet) return outlet;
  const en = i18n.language === "en";
  const locale = (en ? "en" : "zh-CN") as Locale;
  const name = (o: { name: string; nameEn: string }) => (en ? o.nameEn : o.name);
  const statusKey = job.status === "published" && !job.live ? "expired" : job.status;
  const applyHref = `/jobs/${job.id}/apply`;

  return (
    <article aria-labelledby="job-title">
      {!job.live ? (
        <Notice tone={job.status === "rejected" ? "error" : "warning"}>
          <p>{t("detail.notLive", { status: t(`status.${statusKey}`) })}</p>
          {job.status === "pending_review" || job.status === "rejected" ? (
            <p>
              <ReviewReason reason={job.reviewReason} />
            </p>
          ) : null}
        </Notice>
      ) : null}
      <header className="job-header">
        <div>
          <h1 id="job-title">{job.title}</h1>
          <p className="card-meta">
            {job.organization.name}
            {job.organization.verified ? <span className="badge">{t("detail.verified")}</span> : null}
            {job.veteranPreferred ? <span className="badge badge-accent">{t("detail.veteranPreferred")}</span> : null}
          </p>
        </div>
        <p className="job-salary">
          <Salary min={job.salaryMin} max={job.salaryMax} />
        </p>
      </header>

      <dl className="facts job-facts">
        <dt>{t("detail.organization")}</dt>
        <dd>
          {job.organization.name}
          {job.organization.verified ? <span className="badge">{t("detail.verified")}</span> : null}
        </dd>
        <dt>{t("detail.region")}</dt>
        <dd>{regionPathLabel(job.regionPath, locale)}</dd>
        {job.address ? (
          <>
            <dt>{t("detail.address")}</dt>
            <dd>{job.address}</dd>
          </>
        ) : null}
        <dt>{t("detail.category")}</dt>
        <dd>{name(job.category)}</dd>
        <dt>{t("detail.jobType")}</dt>
        <dd>{t(`common:jobTypes.${job.jobType}`)}</dd>
        <dt>{t("detail.headcount")}</dt>
        <dd>{t("detail.headcountValue", { count: job.headcount })}</dd>
        <dt>{t("detail.skills")}</dt>
        <dd>
          {job.skills.length === 0 ? (
            t("detail.noSkills")
          ) : (
            <ul className="skill-list">
              {job.skills.map((s) => (
                <li key={s.id}>{name(s)}</li>
              ))}
            </ul>
          )}
        </dd>
        {job.publishedAt ? (
          <>
            <dt>{t("detail.publishedAt")}</dt>
            <dd>{formatDate(job.publishedAt, locale)}</dd>
          </>
        ) : null}
        {job.expiresAt ? (
          <>
            <dt>{t("detail.expiresAt")}</dt>
            <dd>{formatDate(job.expiresAt, locale)}</dd>
          </>
        ) : null}
      </dl>

      <section aria-labelledby="job-description">
        <h2 id="job-description">{t("detail.description")}</h2>
        {/* Rendered from Markdown and sanitised to a small allow-list on the server (app/utils/markdown.server.ts). */}
        <div className="job-description" dangerouslySetInnerHTML={{ __html: job.descriptionHtml }} />
      </section>

      <div className="job-apply actions">
        {job.live && viewerRole === "veteran" ? (
          <Link to={applyHref} className="button">
            {t("detail.apply")}
          </Link>
        ) : null}
        {job.live && !viewerRole ? (
          <Link to={`/signin?redirectTo=${encodeURIComponent(applyHref)}`} className="button">
            {t("detail.signInToApply")}
          </Link>
        ) : null}
        {job.viewerCanEdit ? (
          <Link to={`/employer/jobs/${job.id}/edit`} className="button button-secondary">
            {t("detail.edit")}
          </Link>
        ) : null}
        {job.viewerIsMember && viewerRole === "employer" ? <Link to="/employer/jobs">{t("detail.backToList")}</Link> : null}
      </div>
    </article>
  );
}
