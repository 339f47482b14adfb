// Pieces shared by the job and training search pages: highlighted text, the region facet tree, the filter panel
// that folds away on small screens, and submitting a GET search form as a clean URL.
import { Link, useSubmit } from "@remix-run/react";
import { useCallback, useEffect, useRef, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { RegionFacetNode as RegionNode } from "../models/region-facets.server";
import type { TextSegment } from "../models/search-highlight";
import { regionLabel } from "./region-name";


/** Text with the query's matches in <mark>; built from plain segments, never from HTML. */
export function Highlighted({ segments }: { segments: TextSegment[] }) {
  return (
    <>
      {segments.map((s, i) => (s.mark ? <mark key={i}>{s.text}</mark> : <span key={i}>{s.text}</span>))}
    </>
  );
}

/** Province → city → county with counts; each name links to the search narrowed to it. */
export function RegionTree({
  nodes,
  chain,
  hrefFor,
}: {
  nodes: RegionNode[];
  chain: { code: string; name: string; nameEn: string }[];
  hrefFor: (code: string | undefined) => string;
}) {
  const { t, i18n } = useTranslation("search");
  const name = (r: { name: string; nameEn: string }) => regionLabel(r, i18n.language);
  const list = (items: RegionNode[], level: number): ReactNode => (
    <ul className={`region-tree region-tree-${level}`}>
      {items.map((n) => (
        <li key={n.code}>
          {n.selected ? (
            <strong aria-current="true">
              {name(n)} <span className="count">{n.count}</span>
            </strong>
          ) : (
            <Link to={hrefFor(n.code)}>
              {name(n)} <span className="count">{n.count}</span>
            </Link>
          )}
          {n.expanded && n.children.length > 0 ? list(n.children, level + 1) : null}
        </li>
      ))}
    </ul>
  );
  return (
    <fieldset className="facet">
      <legend>{t("facets.region")}</legend>
      {chain.length > 0 ? (
        <p className="region-chain">
          <Link to={hrefFor(undefined)}>{t("facets.allRegions")}</Link>
          {chain.slice(0, -1).map((r) => (
            <span key={r.code}>
              {" › "}
              <Link to={hrefFor(r.code)}>{name(r)}</Link>
            </span>
          ))}
        </p>
      ) : null}
      {nodes.length > 0 ? list(nodes, 1) : chain.length > 0 ? <p className="muted">{name(chain[chain.length - 1])}</p> : null}
    </fieldset>
  );
}

/**
 * The filter panel: a <details> that is open without JavaScript (so every filter is reachable), and folds
 * away on narrow screens once the page is hydrated.
 */
/** The free-text box of a search bar (jobs, training, parks): one labelled `q` field, at most 100 characters. */
export function SearchQueryField({ id, label, placeholder, value }: { id: string; label: string; placeholder: string; value: string | undefined }) {
  return (
    <div className="search-query">
      <label htmlFor={id}>{label}</label>
      <input id={id} type="search" name="q" defaultValue={value ?? ""} maxLength={100} placeholder={placeholder} />
    </div>
  );
}

export function FilterPanel({ children }: { children: ReactNode }) {
  const { t } = useTranslation("search");
  const ref = useRef<HTMLDetailsElement>(null);
  useEffect(() => {
    if (ref.current && window.matchMedia("(max-width: 760px)").matches) ref.current.open = false;
  }, []);
  return (
    <details className="search-filters" open ref={ref}>
      <summary>{t("filters")}</summary>
      {children}
    </details>
  );
}

/**
 * Submit a GET search form as a clean URL (empty fields left out, then `canonical` applied), pushing a history
 * entry.
 */
export function useSearchSubmit(action: string, canonical: (params: URLSearchParams) => URLSearchParams = (p) => p) {
  const submit = useSubmit();
  return useCallback(
    (form: HTMLFormElement | null) => {
      if (!form) return;
      const params = new URLSearchParams();
      for (const [k, v] of new FormData(form)) if (typeof v === "string" && v.trim() !== "") params.append(k, v.trim());
      submit(canonical(params), { method: "get", action, preventScrollReset: true });
    },
    [submit, action, canonical],
  );
}

/**
 * What a search page shows with no hits on this page: "past the end" when the result has hits elsewhere, otherwise
 * the filters worth removing (with their counts), related terms, and a way back to everything.
 */
export function EmptySearchResult({
  total,
  emptyText,
  relaxations,
  relatedTerms,
  href,
  label,
  browseAllHref,
}: {
  total: number;
  emptyText: string;
  relaxations: { drop: string; total: number }[];
  relatedTerms: string[];
  href: (change: Record<string, unknown>) => string;
  label: (key: string) => string;
  browseAllHref: string;
}) {
  const { t } = useTranslation("search");
  if (total > 0) {
    return (
      <div className="empty search-empty">
        <p>{t("emptyState.pastEnd")}</p>
        <Link to={href({ page: 1 })}>{t("emptyState.firstPage")}</Link>
      </div>
    );
  }
  const removable = relaxations.filter((r) => r.total > 0);
  return (
    <div className="empty search-empty">
      <p>{emptyText}</p>
      {removable.length > 0 ? (
        <>
          <p>{t("emptyState.tryRemoving")}</p>
          <ul>
            {removable.map((r) => (
              <li key={r.drop}>
                <Link to={href({ [r.drop]: undefined })}>{t("emptyState.removeWithCount", { name: label(r.drop), count: r.total })}</Link>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {relatedTerms.length > 0 ? (
        <>
          <p>{t("emptyState.related")}</p>
          <ul className="related-terms">
            {relatedTerms.map((term) => (
              <li key={term}>
                <Link className="chip" to={href({ q: term })}>
                  {term}
                </Link>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <Link to={browseAllHref}>{t("emptyState.browseAll")}</Link>
    </div>
  );
}
