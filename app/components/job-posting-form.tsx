import { getFormProps, getInputProps, getSelectProps, getTextareaProps, useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { Form, Link, useNavigation } from "@remix-run/react";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { AuthenticityTokenInput } from "remix-utils/csrf/react";
import { detectApplicantFees, jobPostingSchema, mergeRegionPick, parseReviewReason } from "../forms/job-posting";
import type { RegionOption } from "../models/region.server";
import { FieldErrors, FormErrors, TextField } from "./field";
import { RegionSelect } from "./region-select";
import { JOB_TYPES } from "../../db/enums";
import { joinList } from "./punctuation";

type NamedOption = { id: string; name: string; nameEn: string };

export type JobPostingDefaults = {
  title?: string;
  description?: string;
  category?: string;
  skills?: string;
  regionCode?: string;
  address?: string;
  lat?: string;
  lng?: string;
  salaryMin?: string;
  salaryMax?: string;
  jobType?: string;
  headcount?: string;
  veteranPreferred?: "on" | undefined;
};

/** Errors that carry one value ("jobs:errors.unknownSkill|叉车") are shown with it. */
function errorText(t: (k: string, o?: Record<string, unknown>) => string, error: string) {
  const [key, value] = error.split("|");
  return t(key!, value === undefined ? undefined : { value });
}

/** The job-posting form, for a new posting (draft or submit) and for editing one. */
export function JobPostingForm({
  mode,
  lastResult,
  defaultValue,
  provinces,
  categories,
  skills,
  regionPathText,
  allowDraft,
}: {
  mode: "new" | "edit";
  lastResult?: SubmissionResult<string[]> | null;
  defaultValue: JobPostingDefaults;
  provinces: RegionOption[];
  categories: NamedOption[];
  skills: NamedOption[];
  /** The current region, shown while editing (the picker starts empty; leaving it empty keeps this one). */
  regionPathText?: string;
  allowDraft: boolean;
}) {
  const { t, i18n } = useTranslation("jobs");
  const { t: tCommon } = useTranslation();
  const navigation = useNavigation();
  const en = i18n.language === "en";
  const name = (o: NamedOption) => (en ? o.nameEn : o.name);
  const [form, fields] = useForm({
    id: `job-posting-${mode}`,
    lastResult,
    constraint: getZodConstraint(jobPostingSchema),
    onValidate: ({ formData }) => parseWithZod(mergeRegionPick(formData), { schema: jobPostingSchema }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    defaultValue,
  });
  const [text, setText] = useState({ title: defaultValue.title ?? "", description: defaultValue.description ?? "" });
  const feePhrases = useMemo(() => detectApplicantFees(`${text.title}\n${text.description}`), [text]);
  const busy = navigation.state === "submitting";

  return (
    <Form
      method="post"
      {...getFormProps(form)}
      noValidate
      className="job-form"
      onInput={(e) => {
        const target = e.target as HTMLInputElement;
        if (target.name === fields.title.name || target.name === fields.description.name) {
          setText((s) => ({ ...s, [target.name]: target.value }));
        }
      }}
    >
      <AuthenticityTokenInput name="csrf" />
      <FormErrors errors={form.errors} />
      <TextField field={fields.title} label={t("form.title")} />

      <div className="field">
        <label htmlFor={fields.description.id}>{t("form.description")}</label>
        <textarea
          {...getTextareaProps(fields.description, { ariaAttributes: true })}
          key={fields.description.key}
          rows={12}
          aria-describedby={[`${fields.description.id}-hint`, fields.description.errors?.length ? fields.description.errorId : ""]
            .filter(Boolean)
            .join(" ")}
        />
        <p className="field-hint" id={`${fields.description.id}-hint`}>
          {t("form.descriptionHint")}
        </p>
        <FieldErrors id={fields.description.errorId} errors={fields.description.errors} t={tCommon} />
      </div>
      {feePhrases.length > 0 ? (
        <div className="notice notice-warning" role="status">
          <p>{t("form.feeWarning", { value: joinList(feePhrases, en ? "en" : "zh-CN") })}</p>
        </div>
      ) : null}

      <div className="pair">
        <div className="field">
          <label htmlFor={fields.category.id}>{t("form.category")}</label>
          <select {...getSelectProps(fields.category, { ariaAttributes: true })} key={fields.category.key}>
            <option value="">{t("form.categoryPlaceholder")}</option>
            {categories.map((c) => (
              <option key={c.id} value={c.id}>
                {name(c)}
              </option>
            ))}
          </select>
          <FieldErrors id={fields.category.errorId} errors={fields.category.errors} t={tCommon} />
        </div>
        <div className="field">
          <label htmlFor={fields.jobType.id}>{t("form.jobType")}</label>
          <select {...getSelectProps(fields.jobType, { ariaAttributes: true })} key={fields.jobType.key}>
            {JOB_TYPES.map((type) => (
              <option key={type} value={type}>
                {t(`common:jobTypes.${type}`)}
              </option>
            ))}
          </select>
          <FieldErrors id={fields.jobType.errorId} errors={fields.jobType.errors} t={tCommon} />
        </div>
      </div>

      <div className="field">
        <label htmlFor={fields.skills.id}>{t("form.skills")}</label>
        <input
          {...getInputProps(fields.skills, { type: "text", ariaAttributes: true })}
          key={fields.skills.key}
          list={`${fields.skills.id}-list`}
          aria-describedby={[`${fields.skills.id}-hint`, fields.skills.errors?.length ? fields.skills.errorId : ""].filter(Boolean).join(" ")}
        />
        <datalist id={`${fields.skills.id}-list`}>
          {skills.map((s) => (
            <option key={s.id} value={name(s)} />
          ))}
        </datalist>
        <p className="field-hint" id={`${fields.skills.id}-hint`}>
          {t("form.skillsHint")}
        </p>
        {fields.skills.errors?.length ? (
          <ul className="field-errors" id={fields.skills.errorId}>
            {fields.skills.errors.map((e) => (
              <li key={e}>{errorText(t, e)}</li>
            ))}
          </ul>
        ) : null}
      </div>

      {regionPathText ? <p className="field-hint">{t("form.regionCurrent", { path: regionPathText })}</p> : null}
      <input type="hidden" name={fields.regionCode.name} value={defaultValue.regionCode ?? ""} />
      <RegionSelect
        name="regionPick"
        label={t("form.region")}
        provinces={provinces}
        errorId={fields.regionCode.errorId}
        errors={fields.regionCode.errors}
        required={mode === "new"}
      />
      <TextField field={fields.address} label={t("form.address")} />
      <fieldset className="field">
        <legend>{t("form.coordinates")}</legend>
        <div className="pair">
          <TextField field={fields.lat} label={t("form.lat")} />
          <TextField field={fields.lng} label={t("form.lng")} />
        </div>
        <p className="field-hint">{t("form.coordinatesHint")}</p>
      </fieldset>

      <div className="pair">
        <TextField field={fields.salaryMin} label={t("form.salaryMin")} type="number" hint={t("form.salaryHint")} />
        <TextField field={fields.salaryMax} label={t("form.salaryMax")} type="number" />
      </div>
      <div className="pair">
        <TextField field={fields.headcount} label={t("form.headcount")} type="number" />
        <div className="field">
          <label className="choice">
            <input {...getInputProps(fields.veteranPreferred, { type: "checkbox" })} key={fields.veteranPreferred.key} />
            {t("form.veteranPreferred")}
          </label>
        </div>
      </div>

      <div className="form-buttons">
        <button type="submit" name="intent" value="submit" className="button" disabled={busy}>
          {allowDraft ? t("form.submit") : t("form.saveChanges")}
        </button>
        {allowDraft ? (
          <button type="submit" name="intent" value="draft" className="button button-secondary" disabled={busy}>
            {t("form.saveDraft")}
          </button>
        ) : null}
        <Link to="/employer/jobs">{t("form.cancel")}</Link>
      </div>
    </Form>
  );
}

/** Why a posting waits or was rejected, in the reader's language (see parseReviewReason). */
export function ReviewReason({ reason }: { reason: string | null }) {
  const { t } = useTranslation("jobs");
  const parsed = parseReviewReason(reason);
  if (!parsed) return <>{t("review.unverifiedOrg")}</>;
  return <>{"key" in parsed ? t(parsed.key, { value: parsed.value }) : t("review.rejected", { reason: parsed.text })}</>;
}
