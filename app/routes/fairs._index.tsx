import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Pagination } from "../components/pagination";
import { formatDateTime, formatNumber } from "../i18n/format";
import { type Locale } from "../../db/enums";
import { canHostFairs, listFairs, listHostedFairs } from "../models/fairs.server";
import { getUser } from "../utils/session.server";
import fairStyles from "../styles/fairs.css";
import { pageMeta } from "../i18n/meta";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: fairStyles }];
export const meta = pageMeta("fairsIndex");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const when = url.searchParams.get("when") === "past" ? "past" : "upcoming";
  const page = Number(url.searchParams.get("page") ?? "1");
  const user = await getUser(request, context);
  const [list, canHost] = await Promise.all([listFairs(context.db, { page, when }), canHostFairs(context.db, user)]);
  const hosted = canHost && user ? await listHostedFairs(context.db, user) : [];
  return json({ when, list, canHost, hosted, now: new Date().toISOString() });
}

export default function FairsIndexRoute() {
  const { when, list, canHost, hosted, now } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation("fairs");
  const locale = i18n.language as Locale;
  const pageCount = Math.max(1, Math.ceil(list.total / list.pageSize));
  return (
    <section aria-labelledby="fairs-title" className="fairs">
      <h1 id="fairs-title">{t("list.title")}</h1>
      <p className="muted">{t("list.intro")}</p>
      {canHost ? (
        <div className="panel">
          <p>
            <Link className="button" to="/fairs/new">
              {t("list.create")}
            </Link>
          </p>
          {hosted.length ? (
            <>
              <h2>{t("list.hosted")}</h2>
              <ul className="fair-hosted">
                {hosted.map((f) => (
                  <li key={f.id}>
                    <Link to={`/fairs/${f.id}`}>{f.title}</Link> <span className="status-pill">{t(`status.${f.status}`)}</span>
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </div>
      ) : null}
      <nav className="fair-tabs" aria-label={t("list.title")}>
        <Link to="/fairs" aria-current={when === "upcoming" ? "page" : undefined}>
          {t("list.upcoming")}
        </Link>
        <Link to="/fairs?when=past" aria-current={when === "past" ? "page" : undefined}>
          {t("list.past")}
        </Link>
      </nav>
      {list.fairs.length === 0 ? (
        <p className="empty">{when === "past" ? t("list.emptyPast") : t("list.empty")}</p>
      ) : (
        <ul className="card-list fair-cards">
          {list.fairs.map((f) => {
            const running = f.status === "published" && f.startsAt <= now && now < f.endsAt;
            return (
              <li key={f.id} className="card">
                <h2 className="fair-card-title">
                  <Link to={`/fairs/${f.id}`}>{f.title}</Link>
                </h2>
                <p className="card-meta">
                  <span className="badge badge-accent">{t(`mode.${f.mode}`)}</span>
                  {running ? <span className="badge">{t("list.running")}</span> : null}
                  {f.regionName ? ` ${f.regionName}` : ""}
                  {f.organizerName ? ` · ${f.organizerName}` : ""}
                </p>
                <p className="card-meta">
                  {t("list.booths", { count: f.booths, formatted: formatNumber(f.booths, locale) })} ·{" "}
                  {t("list.positions", { count: f.positions })}
                </p>
                <p className="card-date">
                  <time dateTime={f.startsAt}>{formatDateTime(f.startsAt, locale)}</time> –{" "}
                  <time dateTime={f.endsAt}>{formatDateTime(f.endsAt, locale)}</time>
                </p>
              </li>
            );
          })}
        </ul>
      )}
      <Pagination page={list.page} pageCount={pageCount} />
    </section>
  );
}
