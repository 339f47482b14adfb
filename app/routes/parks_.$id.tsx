import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formatFen } from "../i18n/format";
import { type Locale } from "../../db/enums";
import { getParkPage } from "../models/incubator-package.server";
import searchStyles from "../styles/search.css";
import { titleFor } from "../i18n/meta";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: searchStyles }];
export const meta: MetaFunction<typeof loader> = (args) => [{ title: titleFor(args, args.data ? [{ raw: args.data.park.name }] : [{ key: "orgPage" }]) }];

export async function loader({ params, context }: LoaderFunctionArgs) {
  return json(await getParkPage(context.db, params.id ?? ""));
}

export default function ParkPageRoute() {
  const { park, packages, mentors, alumni } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation("incubator");
  const locale = (i18n.language === "en" ? "en" : "zh-CN") as Locale;
  return (
    <article aria-labelledby="park-name" className="park-page">
      <p>
        <Link to="/parks">← {t("park.back")}</Link>
      </p>
      <h1 id="park-name">{park.name}</h1>
      <dl className="facts">
        {park.regionName ? (
          <>
            <dt>{t("park.region")}</dt>
            <dd>{park.regionName}</dd>
          </>
        ) : null}
        {park.address ? (
          <>
            <dt>{t("park.address")}</dt>
            <dd>{park.address}</dd>
          </>
        ) : null}
      </dl>
      {park.description ? <p>{park.description}</p> : null}

      <h2 id="packages-title">{t("park.packages")}</h2>
      {packages.length === 0 ? (
        <p className="empty">{t("park.noPackages")}</p>
      ) : (
        <ul className="card-list" aria-labelledby="packages-title">
          {packages.map((p) => (
            <li key={p.id} id={`package-${p.id}`} className="card">
              <h3>{p.title}</h3>
              <p className="card-meta">
                <span className="badge">{t(`kinds.${p.kind}`)}</span> {t("search.term", { count: p.termMonths })}
                {p.desks ? ` · ${t("park.desks", { count: p.desks })}` : ""}
                {p.mentoringHours > 0 ? ` · ${t("search.hours", { count: p.mentoringHours })}` : ""}
              </p>
              <p className="card-meta">
                {p.placesLeft > 0 ? t("search.placesLeft", { count: p.placesLeft, capacity: p.capacity }) : <strong>{t("search.full")}</strong>}
              </p>
              <p className="card-meta">
                {p.netFen === 0 ? t("search.free") : t("search.net", { net: formatFen(p.netFen, locale, p.currency) })}
                {p.subsidyFen > 0 ? ` · ${t("search.price", { price: formatFen(p.priceFen, locale, p.currency) })}` : ""}
                {p.subsidyFen > 0 && p.subsidyPayer ? ` · ${t("park.subsidyPayer", { payer: p.subsidyPayer })}` : ""}
              </p>
              {p.description ? <p>{p.description}</p> : null}
              {p.requirements ? (
                <p>
                  <strong>{t("park.requirements")}：</strong>
                  {p.requirements}
                </p>
              ) : null}
              {p.placesLeft > 0 ? (
                <p>
                  <Link className="button" to={`/parks/apply/${p.id}`} aria-label={`${t("park.apply")} ${p.title}`}>
                    {t("park.apply")}
                  </Link>
                </p>
              ) : null}
              {p.intakeDates.length > 0 ? (
                <p className="card-meta">
                  {t("park.intake")}: {p.intakeDates.join(", ")}
                </p>
              ) : null}
            </li>
          ))}
        </ul>
      )}

      <h2 id="mentors-title">{t("park.mentors")}</h2>
      {mentors.length === 0 ? (
        <p className="empty">{t("park.noMentors")}</p>
      ) : (
        <ul className="card-list" aria-labelledby="mentors-title">
          {mentors.map((m) => (
            <li key={m.id} className="card">
              <h3>{m.name}</h3>
              {m.title ? <p className="card-meta">{m.title}</p> : null}
              {m.expertise.length > 0 ? <p className="card-meta">{m.expertise.join(" · ")}</p> : null}
              {m.bio ? <p>{m.bio}</p> : null}
            </li>
          ))}
        </ul>
      )}

      <h2 id="alumni-title">{t("park.alumni")}</h2>
      {alumni.length === 0 ? (
        <p className="empty">{t("park.noAlumni")}</p>
      ) : (
        <ul className="card-list" aria-labelledby="alumni-title">
          {alumni.map((v) => (
            <li key={v.id} className="card">
              <h3>{v.name}</h3>
              <p className="card-meta">
                {v.sector} · {t(`park.stages.${v.stage}`)}
              </p>
            </li>
          ))}
        </ul>
      )}
    </article>
  );
}
