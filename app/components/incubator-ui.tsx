import { Form, useNavigation } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { AuthenticityTokenInput } from "remix-utils/csrf/react";
import { translateError } from "./field";
import { Notice } from "./notice";
import { formatDateTime } from "../i18n/format";
import type { Locale } from "../../db/enums";

/**
 * Small building blocks of the park and venture pages: a form posting one `intent` (with the CSRF token), and the
 * outcome line an action answers with (`{ ok }` or `{ error }` as an i18n key).
 */

export interface IntentResult {
  ok?: string;
  error?: string;
  field?: string;
}

export function IntentForm({
  intent,
  children,
  label,
  className,
  multipart,
  secondary,
}: {
  intent: string;
  children?: ReactNode;
  label: string;
  className?: string;
  multipart?: boolean;
  secondary?: boolean;
}) {
  const navigation = useNavigation();
  const busy = navigation.state === "submitting" && navigation.formData?.get("intent") === intent;
  return (
    <Form method="post" className={className ?? "intent-form"} encType={multipart ? "multipart/form-data" : undefined}>
      <AuthenticityTokenInput name="csrf" />
      <input type="hidden" name="intent" value={intent} />
      {children}
      <button type="submit" className={secondary ? "button button-secondary" : "button"} disabled={busy}>
        {label}
      </button>
    </Form>
  );
}

/** The result of the last action, as a status or an alert. */
export function IntentOutcome({ result }: { result?: IntentResult | null }) {
  const { t } = useTranslation("incubator");
  if (!result) return null;
  if (result.error) return <Notice tone="error">{translateError(t, result.error)}</Notice>;
  if (result.ok) return <Notice tone="success">{t(`ui.done.${result.ok}`)}</Notice>;
  return null;
}

/** One labelled field (input, select or textarea passed as children with the given id). */
export function Field({ id, label, hint, children }: { id: string; label: string; hint?: string; children: ReactNode }) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children}
      {hint ? (
        <p className="field-hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
    </div>
  );
}

/** An application's timeline, oldest first (the pitch note is the date, shown elsewhere). */
export function Timeline({ events, locale }: { events: { status: string; note: string | null; at: string }[]; locale: Locale }) {
  const { t } = useTranslation("incubator");
  return (
    <>
      <h2 id="timeline-title">{t("venture.timeline")}</h2>
      <ol className="timeline" aria-labelledby="timeline-title">
        {events.map((e, i) => (
          <li key={i}>
            <time dateTime={new Date(e.at).toISOString()}>{formatDateTime(e.at, locale)}</time> {t(`events.${e.status}`, { defaultValue: e.status })}
            {e.note && e.status !== "pitch" ? ` · ${e.note}` : ""}
          </li>
        ))}
      </ol>
    </>
  );
}
