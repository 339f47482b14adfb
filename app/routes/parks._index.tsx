import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData, useLocation, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Notice } from "../components/notice";
import { Pagination } from "../components/pagination";
import { FilterPanel, Highlighted, RegionTree, SearchQueryField } from "../components/search-results";
import { PACKAGE_KINDS, parkSearchHref, parseParkSearch, type ParkSearch } from "../forms/incubator";
import { formatFen } from "../i18n/format";
import { type Locale } from "../../db/enums";
import { searchParksPage } from "../models/incubator-package.server";
import searchStyles from "../styles/search.css";
import { pageMeta } from "../i18n/meta";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: searchStyles }];
export const meta = pageMeta("parksIndex");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { value: search, dropped } = parseParkSearch(new URL(request.url).searchParams);
  const result = await searchParksPage(context.db, context.search, search);
  return json({ search, dropped, result });
}

export default function ParksRoute() {
  const { search, dropped, result } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation("incubator");
  const locale = (i18n.language === "en" ? "en" : "zh-CN") as Locale;
  const location = useLocation();
  const navigation = useNavigation();
  const s = search as ParkSearch;
  const href = (change: Partial<Record<keyof ParkSearch, unknown>>) => parkSearchHref(s, change);
  const active = (["q", "region", "kind", "max_price", "subsidy"] as const).filter((k) => s[k] !== undefined);
  const label = (k: (typeof active)[number]) =>
    k === "region"
      ? (result.regionChain.at(-1)?.name ?? s.region ?? "")
      : k === "kind"
        ? t(`kinds.${s.kind}`)
        : k === "max_price"
          ? `≤ ${formatFen((s.max_price ?? 0) * 100, locale)}`
          : k === "subsidy"
            ? t("search.subsidyOnly")
            : `“${s.q}”`;

  return (
    <section aria-labelledby="parks-title" className="parks-search">
      <h1 id="parks-title">{t("search.title")}</h1>
      <p className="muted">{t("search.intro")}</p>
      {dropped.length > 0 ? <Notice tone="warning">{t("search.dropped", { params: dropped.join(", ") })}</Notice> : null}

      <Form key={location.search} id="parks-search" method="get" action="/parks" role="search" className="search-bar">
        <SearchQueryField id="parks-q" label={t("search.queryLabel")} placeholder={t("search.queryPlaceholder")} value={s.q} />
        {s.region ? <input type="hidden" name="region" value={s.region} /> : null}
        <button type="submit" className="button">
          {t("search.submit")}
        </button>
      </Form>

      <div className="search-layout">
        <FilterPanel>
          <div key={location.search}>
            <RegionTree nodes={result.regions} chain={result.regionChain} hrefFor={(code) => href({ region: code })} />
            <div className="field">
              <label htmlFor="parks-kind">{t("search.kind")}</label>
              <select id="parks-kind" name="kind" form="parks-search" defaultValue={s.kind ?? ""}>
                <option value="">{t("search.anyKind")}</option>
                {PACKAGE_KINDS.map((k) => (
                  <option key={k} value={k}>
                    {t(`kinds.${k}`)}
                    {result.kinds[k] ? ` (${result.kinds[k]})` : ""}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="parks-max-price">{t("search.maxPrice")}</label>
              <input id="parks-max-price" type="number" inputMode="numeric" min={0} step={1} name="max_price" form="parks-search" defaultValue={s.max_price ?? ""} />
            </div>
            <label className="facet-option">
              <input type="checkbox" form="parks-search" name="subsidy" value="1" defaultChecked={!!s.subsidy} />
              <span>{t("search.subsidyOnly")}</span>
            </label>
            <button type="submit" form="parks-search" className="button button-secondary button-small">
              {t("search.apply")}
            </button>
          </div>
        </FilterPanel>

        <div className="search-results" aria-busy={navigation.state === "loading"}>
          <div className="results-head">
            <p role="status">{t("search.total", { count: result.total })}</p>
          </div>
          {active.length > 0 ? (
            <ul className="active-filters" aria-label={t("search.activeFilters")}>
              {active.map((key) => (
                <li key={key}>
                  <Link className="chip" to={href({ [key]: undefined })} aria-label={t("search.removeFilter", { name: label(key) })}>
                    {label(key)} <span className="chip-x" aria-hidden="true">×</span>
                  </Link>
                </li>
              ))}
            </ul>
          ) : null}

          {result.hits.length > 0 ? (
            <ol className="card-list" aria-labelledby="parks-title">
              {result.hits.map((hit) => (
                <li key={hit.id} className="card search-card">
                  <h3>
                    <Link to={`/parks/${hit.organizationId}#package-${hit.id}`}>
                      <Highlighted segments={hit.title} />
                    </Link>
                  </h3>
                  <p className="card-meta">
                    <span className="badge">{t(`kinds.${hit.kind}`)}</span> <Highlighted segments={hit.organization} />
                  </p>
                  <p className="card-meta">{hit.regionName}</p>
                  <p className="card-meta">
                    {t("search.term", { count: hit.termMonths })}
                    {" · "}
                    {hit.placesLeft > 0 ? t("search.placesLeft", { count: hit.placesLeft, capacity: hit.capacity }) : <strong>{t("search.full")}</strong>}
                    {hit.mentoringHours > 0 ? ` · ${t("search.hours", { count: hit.mentoringHours })}` : ""}
                  </p>
                  <p className="card-meta">
                    {hit.netFen === 0 ? t("search.free") : t("search.net", { net: formatFen(hit.netFen, locale) })}
                    {hit.subsidyFen > 0 ? ` · ${t("search.price", { price: formatFen(hit.priceFen, locale) })}` : ""}
                  </p>
                </li>
              ))}
            </ol>
          ) : (
            <div className="empty search-empty">
              <p>{t("search.empty")}</p>
              {active.length > 0 ? <Link to="/parks">{t("search.clear")}</Link> : null}
            </div>
          )}
          <Pagination page={result.page} pageCount={result.pageCount} />
        </div>
      </div>
    </section>
  );
}
