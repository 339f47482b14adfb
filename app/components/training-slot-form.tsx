import { getFormProps, getInputProps, getSelectProps, getTextareaProps, useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { Form, Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { AuthenticityTokenInput } from "remix-utils/csrf/react";
import { trainingSlotEditSchema, trainingSlotSchema } from "../forms/training";
import type { RegionOption } from "../models/region.server";
import { FieldErrors, FormErrors } from "./field";
import { RegionSelect } from "./region-select";

export interface SkillCatalogue {
  categories: { id: string; name: string; nameEn: string }[];
  skills: { id: string; name: string; nameEn: string; category: string }[];
}

export interface TrainingSlotDefaults {
  title: string;
  description: string;
  place: string;
  startsAt: string;
  endsAt: string;
  capacity: string;
  fee: string;
  subsidy: string;
  skills: string[];
  status: "published" | "closed";
  regionCode: string;
  regionName: string;
  seatsTaken: number;
}

/** The create/edit form of a training slot (employer and training provider pages). */
export function TrainingSlotForm({
  mode,
  lastResult,
  provinces,
  catalogue,
  defaults,
}: {
  mode: "create" | "edit";
  lastResult?: SubmissionResult<string[]> | null;
  provinces: RegionOption[];
  catalogue: SkillCatalogue;
  defaults?: TrainingSlotDefaults;
}) {
  const { t, i18n } = useTranslation("training");
  const { t: tc } = useTranslation();
  const schema = mode === "edit" ? trainingSlotEditSchema : trainingSlotSchema;
  const [form, fields] = useForm({
    id: `training-slot-${mode}`,
    lastResult,
    constraint: getZodConstraint(trainingSlotSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    defaultValue: defaults
      ? {
          title: defaults.title,
          description: defaults.description,
          place: defaults.place,
          startsAt: defaults.startsAt,
          endsAt: defaults.endsAt,
          capacity: defaults.capacity,
          fee: defaults.fee,
          subsidy: defaults.subsidy,
          skills: defaults.skills,
          status: defaults.status,
        }
      : { status: "published" },
  });
  const en = i18n.language === "en";
  const chosenSkills = new Set((fields.skills.initialValue as string[] | string | undefined) ?? []);
  const describe = (field: { errorId: string; errors?: string[] }, hintId?: string) =>
    [hintId, field.errors?.length ? field.errorId : undefined].filter(Boolean).join(" ") || undefined;

  return (
    <Form method="post" {...getFormProps(form)} noValidate className="training-form">
      <AuthenticityTokenInput name="csrf" />
      <FormErrors errors={form.errors} />
      <div className="field">
        <label htmlFor={fields.title.id}>{t("form.title")}</label>
        <input {...getInputProps(fields.title, { type: "text", ariaAttributes: true })} key={fields.title.key} />
        <FieldErrors id={fields.title.errorId} errors={fields.title.errors} t={tc} />
      </div>
      <div className="field">
        <label htmlFor={fields.description.id}>{t("form.description")}</label>
        <textarea {...getTextareaProps(fields.description, { ariaAttributes: true })} key={fields.description.key} rows={5} />
        <FieldErrors id={fields.description.errorId} errors={fields.description.errors} t={tc} />
      </div>
      {mode === "edit" && defaults ? (
        <>
          <input type="hidden" name="currentRegionCode" value={defaults.regionCode} />
          <p className="field-hint">{t("form.currentRegion", { region: defaults.regionName })}</p>
        </>
      ) : null}
      <RegionSelect
        name={fields.regionCode.name}
        label={t("form.region")}
        provinces={provinces}
        errorId={fields.regionCode.errorId}
        errors={fields.regionCode.errors}
      />
      <div className="field">
        <label htmlFor={fields.place.id}>{t("form.place")}</label>
        <input
          {...getInputProps(fields.place, { type: "text", ariaAttributes: true })}
          key={fields.place.key}
          aria-describedby={describe(fields.place, `${fields.place.id}-hint`)}
        />
        <p className="field-hint" id={`${fields.place.id}-hint`}>
          {t("form.placeHint")}
        </p>
        <FieldErrors id={fields.place.errorId} errors={fields.place.errors} t={tc} />
      </div>
      <div className="training-form-row">
        {([fields.startsAt, fields.endsAt] as const).map((field, i) => (
          <div className="field" key={field.key ?? field.name}>
            <label htmlFor={field.id}>{t(i === 0 ? "form.startsAt" : "form.endsAt")}</label>
            <input
              {...getInputProps(field, { type: "datetime-local", ariaAttributes: true })}
              key={field.key}
              aria-describedby={describe(field, `${field.id}-hint`)}
            />
            <p className="field-hint" id={`${field.id}-hint`}>
              {t("form.timeHint")}
            </p>
            <FieldErrors id={field.errorId} errors={field.errors} t={tc} />
          </div>
        ))}
      </div>
      <div className="field">
        <label htmlFor={fields.capacity.id}>{t("form.capacity")}</label>
        <input
          {...getInputProps(fields.capacity, { type: "number", ariaAttributes: true })}
          key={fields.capacity.key}
          inputMode="numeric"
          aria-describedby={describe(fields.capacity, `${fields.capacity.id}-hint`)}
        />
        <p className="field-hint" id={`${fields.capacity.id}-hint`}>
          {defaults ? t("form.capacityHint", { taken: defaults.seatsTaken }) : t("form.capacityHintNew")}
        </p>
        <FieldErrors id={fields.capacity.errorId} errors={fields.capacity.errors} t={tc} />
      </div>
      <div className="training-form-row">
        {([fields.fee, fields.subsidy] as const).map((field, i) => (
          <div className="field" key={field.key ?? field.name}>
            <label htmlFor={field.id}>{t(i === 0 ? "form.fee" : "form.subsidy")}</label>
            <input
              {...getInputProps(field, { type: "text", ariaAttributes: true })}
              key={field.key}
              inputMode="decimal"
              aria-describedby={describe(field, "training-money-hint")}
            />
            <FieldErrors id={field.errorId} errors={field.errors} t={tc} />
          </div>
        ))}
      </div>
      <p className="field-hint" id="training-money-hint">
        {t("form.moneyHint")}
      </p>
      <fieldset className="field training-skills" aria-describedby={describe(fields.skills, "training-skills-hint")}>
        <legend>{t("form.skills")}</legend>
        <p className="field-hint" id="training-skills-hint">
          {t("form.skillsHint")}
        </p>
        {catalogue.categories.map((category) => {
          const skills = catalogue.skills.filter((s) => s.category === category.id);
          if (skills.length === 0) return null;
          return (
            <div key={category.id} className="training-skill-group">
              <p className="training-skill-category">{en ? category.nameEn : category.name}</p>
              <div className="training-skill-options">
                {skills.map((skill) => (
                  <label key={skill.id} className="choice">
                    <input type="checkbox" name={fields.skills.name} value={skill.id} defaultChecked={chosenSkills.has(skill.id)} />
                    {en ? skill.nameEn : skill.name}
                  </label>
                ))}
              </div>
            </div>
          );
        })}
        <FieldErrors id={fields.skills.errorId} errors={fields.skills.errors} t={tc} />
      </fieldset>
      {mode === "edit" ? (
        <div className="field">
          <label htmlFor={fields.status.id}>{t("form.status")}</label>
          <select {...getSelectProps(fields.status)} key={fields.status.key}>
            <option value="published">{t("form.statusPublished")}</option>
            <option value="closed">{t("form.statusClosed")}</option>
          </select>
          <FieldErrors id={fields.status.errorId} errors={fields.status.errors} t={tc} />
        </div>
      ) : null}
      <div className="actions">
        <button type="submit" className="button">
          {t(mode === "edit" ? "form.submitEdit" : "form.submitCreate")}
        </button>
        <Link to="/employer/training" className="button button-secondary">
          {t("form.cancel")}
        </Link>
      </div>
    </Form>
  );
}
