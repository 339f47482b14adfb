import { Link, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";

/** Previous / next links that keep the rest of the query string; works without JavaScript. */
export function Pagination({ page, pageCount, param = "page" }: { page: number; pageCount: number; param?: string }) {
  const { t } = useTranslation();
  const location = useLocation();
  if (pageCount <= 1) return null;
  const href = (p: number) => {
    const params = new URLSearchParams(location.search);
    if (p <= 1) params.delete(param);
    else params.set(param, String(p));
    const qs = params.toString();
    return `${location.pathname}${qs ? `?${qs}` : ""}`;
  };
  return (
    <nav className="pagination" aria-label={t("pagination.label")}>
      {page > 1 ? (
        <Link to={href(page - 1)} rel="prev">
          {t("common.previous")}
        </Link>
      ) : (
        <span aria-disabled="true">{t("common.previous")}</span>
      )}
      <span aria-current="page">{t("pagination.status", { page, pageCount })}</span>
      {page < pageCount ? (
        <Link to={href(page + 1)} rel="next">
          {t("common.next")}
        </Link>
      ) : (
        <span aria-disabled="true">{t("common.next")}</span>
      )}
    </nav>
  );
}
