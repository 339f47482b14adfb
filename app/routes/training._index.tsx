import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData, useLocation } from "@remix-run/react";
import { useRef, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { Notice } from "../components/notice";
import { Pagination } from "../components/pagination";
import { EmptySearchResult, FilterPanel, Highlighted, RegionTree, useSearchSubmit, SearchQueryField } from "../components/search-results";
import { formatDate, formatFen } from "../i18n/format";
import { type Locale } from "../../db/enums";
import { searchTrainingPage } from "../models/job-search.server";
import {
  effectiveTrainingSort,
  parseTrainingSearchLenient,
  TRAINING_SORTS,
  trainingSearchHref,
  trainingSearchToParams,
  type TrainingSearch,
} from "../../search/query-params";
import searchStyles from "../styles/search.css";
import { pageMeta } from "../i18n/meta";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: searchStyles }];

export const meta = pageMeta("trainingIndex");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { value: search, dropped } = parseTrainingSearchLenient(new URL(request.url).searchParams);
  const result = await searchTrainingPage(context.db, context.search, search);
  return json({ search, dropped: dropped.map((d) => d.param), result });
}

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;

export default function TrainingSearchRoute() {
  const { search, dropped, result } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation("search");
  const locale = i18n.language as Locale;
  const location = useLocation();
  const formRef = useRef<HTMLFormElement>(null);
  const s = search as TrainingSearch;
  const canonical = (params: URLSearchParams) => {
    const next = parseTrainingSearchLenient(params).value;
    if (!s.sort && next.sort === effectiveTrainingSort(s)) delete next.sort;
    return trainingSearchToParams(next);
  };
  const submitSearch = useSearchSubmit("/training", canonical);
  const href = (change: Partial<Record<keyof TrainingSearch, unknown>>) => trainingSearchHref(s, change);
  const onFilterChange = (event: FormEvent) => {
    const target = event.target as HTMLInputElement;
    if (target.type === "search" || target.type === "text") return;
    submitSearch(formRef.current);
  };
  const label = (key: string) =>
    key === "region" ? (result.regionChain.at(-1)?.name ?? "") : key === "seats" ? t("training.seats") : t("active.query", { q: s.q });

  return (
    <section aria-labelledby="training-title" className="training-search">
      <h1 id="training-title">{t("training.title")}</h1>
      <p className="muted">{t("training.intro")}</p>
      {dropped.length > 0 ? <Notice tone="warning">{t("dropped", { params: dropped.join(", ") })}</Notice> : null}

      <Form
        key={location.search}
        ref={formRef}
        id="training-search"
        method="get"
        action="/training"
        role="search"
        className="search-bar"
        onSubmit={(event) => {
          event.preventDefault();
          submitSearch(event.currentTarget);
        }}
        onChange={onFilterChange}
      >
        <SearchQueryField id="training-q" label={t("training.queryLabel")} placeholder={t("training.queryPlaceholder")} value={s.q} />
        {s.region ? <input type="hidden" name="region" value={s.region} /> : null}
        <button type="submit" className="button">
          {t("submit")}
        </button>
      </Form>

      <div className="search-layout">
        <FilterPanel>
          <div key={location.search} onChange={onFilterChange}>
            <RegionTree nodes={result.regions} chain={result.regionChain} hrefFor={(code) => href({ region: code })} />
            <fieldset className="facet">
              <legend className="visually-hidden">{t("training.seats")}</legend>
              <label className="facet-option">
                <input type="checkbox" form="training-search" name="seats" value="1" defaultChecked={!!s.seats} />
                <span>{t("training.seats")}</span>
              </label>
            </fieldset>
            <noscript>
              <button type="submit" form="training-search" className="button button-secondary button-small">
                {t("applyFilters")}
              </button>
            </noscript>
          </div>
        </FilterPanel>

        <div className="search-results">
          <div className="results-head">
            <p role="status">{t("training.total", { count: result.total })}</p>
            <label className="choice" key={location.search}>
              {t("sort.label")}
              <select name="sort" form="training-search" defaultValue={effectiveTrainingSort(s)} onChange={onFilterChange}>
                {TRAINING_SORTS.map((k) => (
                  <option key={k} value={k}>
                    {t(`sort.${k}`)}
                  </option>
                ))}
              </select>
            </label>
          </div>

          {s.region || s.seats ? (
            <ul className="active-filters" aria-label={t("active.label")}>
              {(["region", "seats"] as const)
                .filter((k) => s[k] !== undefined)
                .map((key) => (
                  <li key={key}>
                    <Link className="chip" to={href({ [key]: undefined })} aria-label={t("active.remove", { name: label(key) })}>
                      {label(key)} <span className="chip-x" aria-hidden="true">×</span>
                    </Link>
                  </li>
                ))}
            </ul>
          ) : null}

          {result.hits.length > 0 ? (
            <ol className="card-list" aria-labelledby="training-title">
              {result.hits.map((slot) => (
                <TrainingCard key={slot.id} slot={slot} locale={locale} />
              ))}
            </ol>
          ) : (
            <EmptySearchResult
              total={result.total}
              emptyText={t("training.empty")}
              relaxations={result.relaxations}
              relatedTerms={result.relatedTerms}
              href={href as (change: Record<string, unknown>) => string}
              label={(k) => label(k as Parameters<typeof label>[0])}
              browseAllHref="/training"
            />
          )}

          <Pagination page={result.page} pageCount={result.pageCount} />
        </div>
      </div>
    </section>
  );
}

function TrainingCard({ slot, locale }: { slot: LoaderData["result"]["hits"][number]; locale: Locale }) {
  const { t } = useTranslation("search");
  return (
    <li className="card search-card">
      <h3>
        <Link to={`/training/${slot.id}`}>
          <Highlighted segments={slot.title} />
        </Link>
      </h3>
      <p className="card-meta">
        <Highlighted segments={slot.organization} />
        {slot.organizationVerified ? <span className="badge">{t("card.verified")}</span> : null}
      </p>
      <p className="card-meta">
        {[locale === "en" ? slot.regionNameEn : slot.regionName, slot.place].filter(Boolean).join(" · ")}
      </p>
      <p className="card-meta">
        <time dateTime={slot.startsAt}>{t("training.dates", { start: formatDate(slot.startsAt, locale), end: formatDate(slot.endsAt, locale) })}</time>
      </p>
      <p className="card-meta">
        {slot.seatsLeft > 0 ? t("training.seatsLeft", { count: slot.seatsLeft, capacity: slot.capacity }) : <strong>{t("training.full")}</strong>}
        {" · "}
        {slot.feeFen > 0 ? t("training.fee", { fee: formatFen(slot.feeFen, locale) }) : t("training.free")}
        {slot.subsidyFen > 0 ? ` · ${t("training.subsidy", { amount: formatFen(slot.subsidyFen, locale) })}` : ""}
      </p>
      {slot.snippet ? (
        <p className="snippet">
          <Highlighted segments={slot.snippet} />
        </p>
      ) : null}
      {slot.skills.length > 0 ? (
        <ul className="skill-list" aria-label={t("card.skills")}>
          {slot.skills.map((skill) => (
            <li key={skill}>{skill}</li>
          ))}
        </ul>
      ) : null}
    </li>
  );
}
