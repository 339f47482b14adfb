import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Salary } from "../components/salary";
import { formatDate, formatDateTime } from "../i18n/format";
import { type Locale } from "../../db/enums";
import { getHomeOverview } from "../models/home.server";
import { fixedT, metaLocale } from "../i18n/meta";

export const meta: MetaFunction = (args) => {
  const t = fixedT(metaLocale(args));
  return [{ title: t("titles:home") }, { name: "description", content: t("titles:homeDescription") }];
};

export async function loader({ context }: LoaderFunctionArgs) {
  return json(await getHomeOverview(context.db));
}

export default function HomeRoute() {
  const { latestJobs, upcomingFairs, parks, stats } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  const en = locale === "en";
  return (
    <>
      <section className="hero" aria-labelledby="hero-title">
        <h1 id="hero-title">{t("home.heroTitle")}</h1>
        <p>{t("home.heroText")}</p>
        <p className="hero-actions">
          <Link className="button" to="/signup?role=veteran">
            {t("home.ctaVeteran")}
          </Link>
          <Link className="button button-secondary" to="/signup?role=employer">
            {t("home.ctaEmployer")}
          </Link>
        </p>
        <p className="muted">{t("home.stats", stats)}</p>
      </section>

      <div className="home-grid">
        <section aria-labelledby="jobs-title" className="panel">
          <h2 id="jobs-title">{t("home.latestJobs")}</h2>
          {latestJobs.length === 0 ? (
            <p className="empty">{t("home.noJobs")}</p>
          ) : (
            <ul className="card-list">
              {latestJobs.map((job) => (
                <li key={job.id} className="card card-link">
                  <h3>
                    <Link to={`/jobs/${job.id}`}>{job.title}</Link>
                  </h3>
                  <p className="card-meta">
                    {job.organization}
                    {job.organizationVerified ? <span className="badge">{t("home.verified")}</span> : null}
                  </p>
                  <p className="card-meta">
                    {en ? job.regionNameEn : job.regionName} · {t(`jobTypes.${job.jobType}`)} ·{" "}
                    <strong>
                      <Salary min={job.salaryMin} max={job.salaryMax} />
                    </strong>
                  </p>
                  {job.veteranPreferred ? <span className="badge badge-accent">{t("home.veteranPreferred")}</span> : null}
                  {job.publishedAt ? <p className="card-date">{formatDate(job.publishedAt, locale)}</p> : null}
                </li>
              ))}
            </ul>
          )}
        </section>

        <section aria-labelledby="fairs-title" className="panel">
          <h2 id="fairs-title">{t("home.upcomingFairs")}</h2>
          {upcomingFairs.length === 0 ? (
            <p className="empty">{t("home.noFairs")}</p>
          ) : (
            <ul className="card-list">
              {upcomingFairs.map((fair) => (
                <li key={fair.id} className="card">
                  <h3>
                    <Link to={`/fairs/${fair.id}`}>{fair.title}</Link>
                  </h3>
                  <p className="card-meta">
                    {t(`fairs:mode.${fair.mode}`)}
                    {fair.regionName ? ` · ${en ? fair.regionNameEn : fair.regionName}` : ""} · {t("home.positions", { count: fair.positionsOffered })}
                  </p>
                  <p className="card-date">
                    <time dateTime={fair.startsAt}>{formatDateTime(fair.startsAt, locale)}</time>
                  </p>
                </li>
              ))}
            </ul>
          )}

          <h2 id="parks-title">{t("home.parks")}</h2>
          {parks.length === 0 ? (
            <p className="empty">{t("home.noParks")}</p>
          ) : (
            <ul className="card-list" aria-labelledby="parks-title">
              {parks.map((park) => (
                <li key={park.id} className="card card-link">
                  <h3>
                    <Link to={`/parks/${park.id}`}>{park.name}</Link>
                  </h3>
                  <p className="card-meta">{en ? park.regionNameEn : park.regionName}</p>
                  {park.description ? <p>{park.description}</p> : null}
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>
    </>
  );
}
