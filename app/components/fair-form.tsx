import { getFormProps, getInputProps, getSelectProps, getTextareaProps, useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { AuthenticityTokenInput } from "remix-utils/csrf/react";
import { FAIR_MODES, fairFormSchema } from "../forms/fairs";
import { FieldErrors, FormErrors, TextField } from "./field";

export interface FairFormDefaults {
  title: string;
  description: string;
  mode: string;
  venue: string;
  regionCode: string;
  startsAt: string;
  endsAt: string;
  eligibleRegionCodes: string;
  allowFamily: boolean;
  boothLimit: string;
  slotMinutes: string;
}

/** Create or edit a fair (hosts). */
export function FairForm({ lastResult, defaults, submitLabel }: { lastResult?: SubmissionResult<string[]> | null; defaults?: FairFormDefaults; submitLabel: string }) {
  const { t } = useTranslation("fairs");
  const { t: tc } = useTranslation();
  const [form, fields] = useForm({
    id: "fair-form",
    lastResult,
    constraint: getZodConstraint(fairFormSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: fairFormSchema }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    defaultValue: defaults
      ? { ...defaults, allowFamily: defaults.allowFamily ? "on" : undefined }
      : { mode: "hybrid", boothLimit: "50", slotMinutes: "15" },
  });
  return (
    <Form method="post" {...getFormProps(form)} noValidate className="narrow">
      <AuthenticityTokenInput name="csrf" />
      <FormErrors errors={form.errors} />
      <TextField field={fields.title} label={t("form.title")} />
      <div className="field">
        <label htmlFor={fields.description.id}>{t("form.description")}</label>
        <textarea {...getTextareaProps(fields.description, { ariaAttributes: true })} key={fields.description.key} rows={4} />
        <FieldErrors id={fields.description.errorId} errors={fields.description.errors} t={tc} />
      </div>
      <div className="field">
        <label htmlFor={fields.mode.id}>{t("form.mode")}</label>
        <select {...getSelectProps(fields.mode, { ariaAttributes: true })} key={fields.mode.key}>
          {FAIR_MODES.map((m) => (
            <option key={m} value={m}>
              {t(`mode.${m}`)}
            </option>
          ))}
        </select>
        <FieldErrors id={fields.mode.errorId} errors={fields.mode.errors} t={tc} />
      </div>
      <TextField field={fields.venue} label={t("form.venue")} hint={t("form.venueHint")} />
      <TextField field={fields.regionCode} label={t("form.regionCode")} hint={t("form.regionCodeHint")} />
      <div className="field">
        <label htmlFor={fields.startsAt.id}>{t("form.startsAt")}</label>
        <input {...getInputProps(fields.startsAt, { type: "datetime-local", ariaAttributes: true })} key={fields.startsAt.key} />
        <FieldErrors id={fields.startsAt.errorId} errors={fields.startsAt.errors} t={tc} />
      </div>
      <div className="field">
        <label htmlFor={fields.endsAt.id}>{t("form.endsAt")}</label>
        <input {...getInputProps(fields.endsAt, { type: "datetime-local", ariaAttributes: true })} key={fields.endsAt.key} />
        <FieldErrors id={fields.endsAt.errorId} errors={fields.endsAt.errors} t={tc} />
      </div>
      <TextField field={fields.eligibleRegionCodes} label={t("form.eligibleRegionCodes")} hint={t("form.eligibleRegionCodesHint")} />
      <div className="field">
        <label>
          <input {...getInputProps(fields.allowFamily, { type: "checkbox" })} key={fields.allowFamily.key} /> {t("form.allowFamily")}
        </label>
      </div>
      {([
        [fields.boothLimit, t("form.boothLimit")],
        [fields.slotMinutes, t("form.slotMinutes")],
      ] as const).map(([field, label]) => (
        <div className="field" key={field.name}>
          <label htmlFor={field.id}>{label}</label>
          <input {...getInputProps(field, { type: "number", ariaAttributes: true })} key={field.key} inputMode="numeric" />
          <FieldErrors id={field.errorId} errors={field.errors} t={tc} />
        </div>
      ))}
      <button type="submit" className="button">
        {submitLabel}
      </button>
    </Form>
  );
}
