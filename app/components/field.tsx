import type { FieldMetadata } from "@conform-to/react";
import { getInputProps } from "@conform-to/react";
import { useTranslation } from "react-i18next";

/** One labelled input with its hint and its errors, tied together for screen readers. */
export function TextField({
  field,
  label,
  type = "text",
  hint,
  autoComplete,
}: {
  field: FieldMetadata<string | undefined>;
  label: string;
  type?: "text" | "email" | "password" | "tel" | "number" | "url";
  hint?: string;
  autoComplete?: string;
}) {
  const { t } = useTranslation();
  const hintId = hint ? `${field.id}-hint` : undefined;
  const describedBy = [hintId, field.errors?.length ? field.errorId : undefined].filter(Boolean).join(" ") || undefined;
  return (
    <div className="field">
      <label htmlFor={field.id}>{label}</label>
      <input
        {...getInputProps(field, { type, ariaAttributes: true })}
        key={field.key}
        autoComplete={autoComplete}
        aria-describedby={describedBy}
      />
      {hint ? (
        <p className="field-hint" id={hintId}>
          {hint}
        </p>
      ) : null}
      <FieldErrors id={field.errorId} errors={field.errors} t={t} />
    </div>
  );
}

export function FieldErrors({ id, errors, t }: { id: string; errors?: string[]; t: (k: string, o?: Record<string, unknown>) => string }) {
  if (!errors?.length) return null;
  return (
    <ul className="field-errors" id={id}>
      {errors.map((e) => (
        <li key={e}>{translateError(t, e)}</li>
      ))}
    </ul>
  );
}

/** Errors travel as i18n keys, optionally with one argument: "errors.rateLimited|5". */
export function translateError(t: (k: string, o?: Record<string, unknown>) => string, error: string): string {
  const [key, arg] = error.split("|");
  return t(key, arg ? { minutes: arg, count: Number(arg) } : undefined);
}

export function FormErrors({ errors }: { errors?: string[] }) {
  const { t } = useTranslation();
  if (!errors?.length) return null;
  return (
    <div className="notice notice-error" role="alert">
      {errors.map((e) => (
        <p key={e}>{translateError(t, e)}</p>
      ))}
    </div>
  );
}
