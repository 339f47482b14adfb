import { useTranslation } from "react-i18next";
import { useUiLocale } from "./application-ui";

export interface ResponseStatsView {
  responseRate: number | null;
  medianResponseHours: number | null;
  sample: number;
}

/**
 * An employer's response figures (from `getEmployerResponseStats`): rate within 14 days and median first-response
 * time. For the employer's own pages and the organisation's public page.
 */
export function ResponseStats({ stats, headingLevel = 2 }: { stats: ResponseStatsView; headingLevel?: 2 | 3 }) {
  const { t } = useTranslation("applications");
  const locale = useUiLocale();
  const Heading = headingLevel === 2 ? "h2" : "h3";
  const median = stats.medianResponseHours;
  return (
    <section className="response-stats" aria-labelledby="response-stats-title">
      <Heading id="response-stats-title">{t("stats.title")}</Heading>
      {stats.responseRate === null ? (
        <p className="empty">{t("stats.none")}</p>
      ) : (
        <dl className="facts">
          <dt>{t("stats.rate")}</dt>
          <dd>{new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 0 }).format(stats.responseRate)}</dd>
          <dt>{t("stats.median")}</dt>
          <dd>
            {median === null
              ? "—"
              : median >= 48
                ? t("stats.days", { count: Math.round(median / 24) })
                : t("stats.hours", { count: Math.max(1, Math.round(median)) })}
          </dd>
        </dl>
      )}
      <p className="field-hint">
        {t("stats.sample", { count: stats.sample })} · {t("stats.hint")}
      </p>
    </section>
  );
}
