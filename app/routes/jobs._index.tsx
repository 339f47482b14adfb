import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData, useLocation } from "@remix-run/react";
import { useRef, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { AuthenticityTokenInput } from "remix-utils/csrf/react";
import { TextField } from "../components/field";
import { Notice } from "../components/notice";
import { Pagination } from "../components/pagination";
import { Salary } from "../components/salary";
import { EmptySearchResult, FilterPanel, Highlighted, RegionTree, useSearchSubmit, SearchQueryField } from "../components/search-results";
import { formatDate, formatNumber } from "../i18n/format";
import { type Locale } from "../../db/enums";
import { searchJobsPage } from "../models/job-search.server";
import { getUser } from "../utils/session.server";
import {
  activeJobFilters,
  effectiveJobSort,
  JOB_SORTS,
  jobSearchHref,
  jobSearchToParams,
  parseJobSearchLenient,
  SALARY_BANDS,
  saveSearchFormSchema,
  type JobSearch,
} from "../../search/query-params";
import searchStyles from "../styles/search.css";
import { pageMeta } from "../i18n/meta";
import { myApplicationsForJobs } from "../models/training-rosters.server";
import { AppliedBadge, type AppliedMark } from "../components/applied-badge";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: searchStyles }];

export const meta = pageMeta("jobsIndex");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { value: search, dropped } = parseJobSearchLenient(new URL(request.url).searchParams);
  const [result, user] = await Promise.all([searchJobsPage(context.db, context.search, search), getUser(request, context)]);
  const applied = await myApplicationsForJobs(context.db, user, result.hits.map((hit) => hit.id));
  return json({
    search,
    dropped: dropped.map((d) => d.param),
    result,
    viewer: user ? { role: user.role } : null,
    applied,
  });
}

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;

export default function JobSearchRoute() {
  const { search, dropped, result, viewer, applied } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation("search");
  const locale = i18n.language as Locale;
  const location = useLocation();
  const formRef = useRef<HTMLFormElement>(null);
  const s = search as JobSearch;
  // The sort menu always shows a choice; left as shown, it stays implicit (relevance with words, newest without).
  const canonical = (params: URLSearchParams) => {
    const next = parseJobSearchLenient(params).value;
    if (!s.sort && next.sort === effectiveJobSort(s)) delete next.sort;
    return jobSearchToParams(next);
  };
  const submitSearch = useSearchSubmit("/jobs", canonical);
  const href = (change: Partial<Record<keyof JobSearch, unknown>>) => jobSearchHref(s, change);

  // With JavaScript: a change in a filter searches at once, as a clean URL (one history entry per change).
  const onFilterChange = (event: FormEvent) => {
    const target = event.target as HTMLInputElement;
    if (target.type === "search" || target.type === "text") return;
    submitSearch(formRef.current);
  };
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    submitSearch(event.currentTarget);
  };

  const categoryName = (id: string) => {
    const c = result.categories.find((x) => x.id === id);
    return c ? (locale === "en" ? c.nameEn : c.name) : id;
  };
  const filterLabel = (key: keyof JobSearch): string => {
    switch (key) {
      case "region":
        return result.regionChain.at(-1)?.name ?? s.region ?? "";
      case "category":
        return categoryName(s.category ?? "");
      case "jobType":
        return t(`common:jobTypes.${s.jobType}`);
      case "salaryMin":
        return t("active.salary", { amount: formatNumber(s.salaryMin ?? 0, locale) });
      case "veteran":
        return t("facets.veteran");
      case "q":
        return t("active.query", { q: s.q });
      default:
        return "";
    }
  };
  const active = activeJobFilters(s);

  return (
    <section aria-labelledby="jobs-title" className="job-search">
      <h1 id="jobs-title">{t("jobs.title")}</h1>
      <p className="muted">{t("jobs.intro")}</p>
      {dropped.length > 0 ? <Notice tone="warning">{t("dropped", { params: dropped.join(", ") })}</Notice> : null}

      <Form
        key={location.search}
        ref={formRef}
        id="job-search"
        method="get"
        action="/jobs"
        role="search"
        className="search-bar"
        onSubmit={onSubmit}
        onChange={onFilterChange}
      >
        <SearchQueryField id="job-q" label={t("jobs.queryLabel")} placeholder={t("jobs.queryPlaceholder")} value={s.q} />
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
              <legend>{t("facets.category")}</legend>
              <FacetRadio form="job-search" name="category" value="" checked={!s.category} label={t("any")} />
              {withSelected(result.categories, s.category, (id) => ({ id, name: id, nameEn: id, count: 0 })).map((c) => (
                <FacetRadio key={c.id} form="job-search" name="category" value={c.id} checked={s.category === c.id} label={locale === "en" ? c.nameEn : c.name} count={c.count} />
              ))}
            </fieldset>

            <fieldset className="facet">
              <legend>{t("facets.jobType")}</legend>
              <FacetRadio form="job-search" name="job_type" value="" checked={!s.jobType} label={t("any")} />
              {withSelected(result.jobTypes, s.jobType, (id) => ({ id, count: 0 })).map((jt) => (
                <FacetRadio key={jt.id} form="job-search" name="job_type" value={jt.id} checked={s.jobType === jt.id} label={t(`common:jobTypes.${jt.id}`)} count={jt.count} />
              ))}
            </fieldset>

            <fieldset className="facet">
              <legend>{t("facets.salary")}</legend>
              <FacetRadio form="job-search" name="salary_min" value="" checked={s.salaryMin === undefined} label={t("any")} />
              {SALARY_BANDS.map((band) => (
                <FacetRadio
                  key={band}
                  form="job-search"
                  name="salary_min"
                  value={String(band)}
                  checked={s.salaryMin === band}
                  label={t("facets.salaryBand", { amount: formatNumber(band, locale) })}
                />
              ))}
            </fieldset>

            <fieldset className="facet">
              <legend>{t("facets.veteran")}</legend>
              <label className="facet-option">
                <input type="checkbox" form="job-search" name="veteran" value="1" defaultChecked={!!s.veteran} />
                <span>
                  {t("facets.veteranOnly")} <span className="count">{result.veteranPreferredCount}</span>
                </span>
              </label>
            </fieldset>

            <noscript>
              <button type="submit" form="job-search" className="button button-secondary button-small">
                {t("applyFilters")}
              </button>
            </noscript>
          </div>
        </FilterPanel>

        <div className="search-results">
          <div className="results-head">
            <p role="status">{t(result.total >= 10_000 ? "jobs.totalCapped" : "jobs.total", { count: result.total })}</p>
            {result.droppedWords.length > 0 ? (
              <Notice tone="info">{t("jobs.droppedWords", { words: result.droppedWords.join(i18n.language === "en" ? ", " : "、") })}</Notice>
            ) : null}
            <label className="choice" key={location.search}>
              {t("sort.label")}
              <select name="sort" form="job-search" defaultValue={effectiveJobSort(s)} onChange={onFilterChange}>
                {JOB_SORTS.map((k) => (
                  <option key={k} value={k}>
                    {t(`sort.${k}`)}
                  </option>
                ))}
              </select>
            </label>
          </div>

          {active.length > 0 ? (
            <ul className="active-filters" aria-label={t("active.label")}>
              {active.map((key) => (
                <li key={key}>
                  <Link className="chip" to={href({ [key]: undefined })} aria-label={t("active.remove", { name: filterLabel(key) })}>
                    {filterLabel(key)} <span className="chip-x" aria-hidden="true">×</span>
                  </Link>
                </li>
              ))}
              <li>
                <Link className="chip" to={jobSearchHref({ q: s.q, page: 1 })}>
                  {t("clearAll")}
                </Link>
              </li>
            </ul>
          ) : null}

          {result.hits.length > 0 ? (
            <ol className="card-list" aria-labelledby="jobs-title">
              {result.hits.map((job) => (
                <JobCard key={job.id} job={job} locale={locale} applied={applied[job.id]} />
              ))}
            </ol>
          ) : (
            <EmptySearchResult
              total={result.total}
              emptyText={t("jobs.empty")}
              relaxations={result.relaxations}
              relatedTerms={result.relatedTerms}
              href={href as (change: Record<string, unknown>) => string}
              label={(k) => filterLabel(k as keyof JobSearch)}
              browseAllHref="/jobs"
            />
          )}

          <Pagination page={result.page} pageCount={result.pageCount} />

          <SaveSearch key={location.search} search={s} viewer={viewer} defaultName={defaultSearchName(s, result, categoryName) || t("jobs.allJobs")} />
        </div>
      </div>
    </section>
  );
}

/** The facet's values, plus the chosen one when the result no longer holds it (so the choice stays visible). */
function withSelected<T extends { id: string }>(values: T[], selected: string | undefined, empty: (id: string) => T): T[] {
  return selected && !values.some((v) => v.id === selected) ? [...values, empty(selected)] : values;
}

function FacetRadio({ form, name, value, checked, label, count }: { form: string; name: string; value: string; checked: boolean; label: string; count?: number }) {
  return (
    <label className="facet-option">
      <input type="radio" form={form} name={name} value={value} defaultChecked={checked} />
      <span>
        {label} {count !== undefined ? <span className="count">{count}</span> : null}
      </span>
    </label>
  );
}

function JobCard({ job, locale, applied }: { job: LoaderData["result"]["hits"][number]; locale: Locale; applied?: AppliedMark }) {
  const { t } = useTranslation("search");
  return (
    <li className="card search-card">
      <h3>
        <Link to={`/jobs/${job.id}`}>
          <Highlighted segments={job.title} />
        </Link>
      </h3>
      <p className="card-meta">
        <Highlighted segments={job.organization} />
        {job.organizationVerified ? <span className="badge">{t("card.verified")}</span> : null}
      </p>
      <p className="card-meta">
        {locale === "en" ? job.regionNameEn : job.regionName} · {t(`common:jobTypes.${job.jobType}`)} ·{" "}
        <strong>
          <Salary min={job.salaryMin} max={job.salaryMax} />
        </strong>
      </p>
      {job.snippet ? (
        <p className="snippet">
          <Highlighted segments={job.snippet} />
        </p>
      ) : null}
      {job.skills.length > 0 ? (
        <ul className="skill-list" aria-label={t("card.skills")}>
          {job.skills.map((skill) => (
            <li key={skill}>{skill}</li>
          ))}
        </ul>
      ) : null}
      <p className="card-badges">
        {job.veteranPreferred ? <span className="badge badge-accent">{t("card.veteranPreferred")}</span> : null}
        <AppliedBadge applied={applied} />
      </p>
      <p className="card-date">
        <time dateTime={job.publishedAt}>{t("card.published", { date: formatDate(job.publishedAt, locale) })}</time>
      </p>
    </li>
  );
}

function defaultSearchName(s: JobSearch, result: LoaderData["result"], categoryName: (id: string) => string): string {
  return [s.q, result.regionChain.at(-1)?.name, s.category ? categoryName(s.category) : undefined].filter(Boolean).join(" · ").slice(0, 60);
}

function SaveSearch({ search, viewer, defaultName }: { search: JobSearch; viewer: { role: string } | null; defaultName: string }) {
  const { t } = useTranslation("search");
  const location = useLocation();
  const [form, fields] = useForm({
    id: "save-search",
    constraint: getZodConstraint(saveSearchFormSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: saveSearchFormSchema }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    defaultValue: { name: defaultName },
  });
  if (!viewer) {
    return (
      <p className="save-search">
        <Link to={`/signin?redirectTo=${encodeURIComponent(location.pathname + location.search)}`}>{t("save.signIn")}</Link>
      </p>
    );
  }
  if (viewer.role !== "veteran") return null;
  return (
    <section className="save-search panel card" aria-labelledby="save-search-title">
      <h2 id="save-search-title">{t("save.title")}</h2>
      <p className="muted">{t("save.intro")}</p>
      <Form method="post" action="/saved-searches" {...getFormProps(form)} noValidate>
        <AuthenticityTokenInput name="csrf" />
        <input type="hidden" name="intent" value="create" />
        <input type="hidden" name="query" value={jobSearchToParams(search, { page: false }).toString()} />
        <TextField field={fields.name} label={t("save.name")} />
        <button type="submit" className="button">
          {t("save.submit")}
        </button>
      </Form>
    </section>
  );
}
