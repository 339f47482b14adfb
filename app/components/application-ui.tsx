import { useTranslation } from "react-i18next";
import { formatDateTime } from "../i18n/format";
import { type Locale } from "../../db/enums";
import { colon } from "./punctuation";

/** The UI locale as the helpers in app/i18n want it. */
export function useUiLocale(): Locale {
  const { i18n } = useTranslation();
  return i18n.language === "en" ? "en" : "zh-CN";
}

export function StatusPill({ status }: { status: string }) {
  const { t } = useTranslation("applications");
  return <span className={`status-pill status-${status}`}>{t(`status.${status}`, { defaultValue: status })}</span>;
}

/** "820 KB" / "1.4 MB" */
export function fileSize(bytes: number | null, locale: Locale): string {
  if (!bytes) return "";
  const kb = bytes / 1024;
  return kb < 1024
    ? `${new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }).format(Math.max(1, kb))} KB`
    : `${new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(kb / 1024)} MB`;
}

export interface TimelineEvent {
  id: number;
  status: string;
  note: string | null;
  createdAt: string;
  byEmployer: boolean;
}

/** An application's history, oldest first: who did what, when, and the note that came with it. */
export function Timeline({ events, audience, labelledBy }: { events: TimelineEvent[]; audience: "veteran" | "employer"; labelledBy: string }) {
  const { t } = useTranslation("applications");
  const locale = useUiLocale();
  const who = (e: TimelineEvent) =>
    audience === "veteran"
      ? e.byEmployer
        ? t("detail.byEmployer")
        : t("detail.byYou")
      : e.byEmployer
        ? t("detail.byEmployer")
        : t("employer.applicant");
  return (
    <ol className="timeline" aria-labelledby={labelledBy}>
      {events.map((e) => (
        <li key={e.id}>
          <time dateTime={e.createdAt}>{formatDateTime(e.createdAt, locale)}</time>
          <strong>{who(e)}</strong>
          {colon(locale)}
          {t(`timelineStatus.${e.status}`, { defaultValue: e.status })}
          {e.note ? <p className="note">{t("detail.note", { note: e.note })}</p> : null}
        </li>
      ))}
    </ol>
  );
}
