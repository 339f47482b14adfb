import { getFormProps, getInputProps, getSelectProps, getTextareaProps, useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { Form, useFetcher, useNavigation } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { AuthenticityTokenInput } from "remix-utils/csrf/react";
import { BRANCHES, LEGACY_BRANCHES, CONSENT_TEXT_VERSION, EDUCATION_LEVELS, assistedProfileSchema, profileSchema } from "../forms/profile";
import type { ProfileFormState } from "../models/profile-form.server";
import type { SpecialtyHelp } from "../models/profile-vocabulary.server";
import type { RegionOption } from "../models/region.server";
import { FieldErrors, FormErrors, TextField } from "./field";
import { RegionSelect } from "./region-select";
import { JOB_TYPES, VISIBILITIES } from "../../db/enums";
import { formatDate } from "../i18n/format";
import { joinList, labelled } from "./punctuation";

type Option<V> = { value: string; label: string; data?: V };

function useChoices(initialOptions: Option<unknown>[], initialSelected: string[]) {
  const [options, setOptions] = useState(initialOptions);
  const [selected, setSelected] = useState<string[]>(initialSelected);
  const add = (items: Option<unknown>[], select: boolean) => {
    setOptions((prev) => [...prev, ...items.filter((i) => !prev.some((p) => p.value === i.value))]);
    if (select) setSelected((prev) => [...prev, ...items.map((i) => i.value).filter((v) => !prev.includes(v))]);
  };
  const toggle = (value: string, on: boolean) => setSelected((prev) => (on ? [...prev, value] : prev.filter((v) => v !== value)));
  return { options, selected, add, toggle };
}

function ChoiceList({
  name,
  legend,
  options,
  selected,
  onToggle,
  suggested,
  suggestedLabel,
}: {
  name: string;
  legend: string;
  options: Option<unknown>[];
  selected: string[];
  onToggle: (value: string, on: boolean) => void;
  suggested: Set<string>;
  suggestedLabel: string;
}) {
  if (options.length === 0) return null;
  return (
    <fieldset className="field profile-choices">
      <legend>{legend}</legend>
      <div className="choice-row">
        {options.map((o) => (
          <label key={o.value} className="choice">
            <input type="checkbox" name={name} value={o.value} checked={selected.includes(o.value)} onChange={(e) => onToggle(o.value, e.target.checked)} />
            {o.label}
            {suggested.has(o.value) ? <span className="badge">{suggestedLabel}</span> : null}
          </label>
        ))}
      </div>
    </fieldset>
  );
}

/**
 * The guided profile form: personal details, service history, education, the skills translator (a "suggest"
 * submit button without JavaScript; suggestions as you type with it), wishes and visibility with consent. Used by
 * the veteran's own /profile page and by staff in assisted mode (`assisted`).
 */
export function ProfileForm({
  formId,
  state,
  lastResult,
  provinces,
  assisted = false,
  storedNationalId,
  storedPreferentialCard,
  veteranStatusVerified = false,
  consentRecorded,
  submitLabel,
}: {
  formId: string;
  state: ProfileFormState;
  lastResult?: SubmissionResult<string[]> | null;
  provinces: RegionOption[];
  assisted?: boolean;
  storedNationalId?: string | null;
  storedPreferentialCard?: string | null;
  veteranStatusVerified?: boolean;
  consentRecorded?: { at: string; version: string } | null;
  submitLabel: string;
}) {
  const { t, i18n } = useTranslation("profile");
  const en = i18n.language === "en";
  const navigation = useNavigation();
  const schema = assisted ? assistedProfileSchema : profileSchema;
  const [form, fields] = useForm({
    id: formId,
    lastResult,
    constraint: getZodConstraint(schema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    defaultValue: state.defaultValue,
  });
  const skillLabel = (o: { name: string; nameEn: string }) => (en ? o.nameEn : o.name);
  const skills = useChoices(
    state.skillOptions.map((o) => ({ value: o.value, label: skillLabel(o) })),
    state.selectedSkills,
  );
  const roles = useChoices(
    state.roleOptions.map((o) => ({ value: o.value, label: en ? o.en : o.zh })),
    state.selectedRoles,
  );
  const [suggestedSkills, setSuggestedSkills] = useState(() => new Set(state.help?.suggestions[0]?.skills.map((s) => s.id) ?? []));
  const [suggestedRoles, setSuggestedRoles] = useState(() => new Set(state.help?.suggestions[0]?.occupations.map((o) => o.zh) ?? []));

  // As-you-type suggestions through the resource route; the server-rendered ones stay until the first answer.
  const fetcher = useFetcher<SpecialtyHelp>();
  const { load } = fetcher;
  const timer = useRef<ReturnType<typeof setTimeout>>();
  const specialtyRef = useRef<HTMLInputElement>(null);
  const certificatesRef = useRef<HTMLTextAreaElement>(null);
  const requestSuggestions = () => {
    clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      const q = specialtyRef.current?.value.trim() ?? "";
      const certificates = certificatesRef.current?.value.trim() ?? "";
      if (!q && !certificates) return;
      load(`/resources/specialty?${new URLSearchParams({ q, certificates }).toString()}`);
    }, 250);
  };
  useEffect(() => () => clearTimeout(timer.current), []);
  const help = fetcher.data ?? state.help;

  const accept = (index: number) => {
    const s = help?.suggestions[index];
    if (!s) return;
    skills.add(s.skills.map((k) => ({ value: k.id, label: skillLabel(k) })), true);
    roles.add(s.occupations.map((o) => ({ value: o.zh, label: en ? o.en : o.zh })), true);
    setSuggestedSkills(new Set(s.skills.map((k) => k.id)));
    setSuggestedRoles(new Set(s.occupations.map((o) => o.zh)));
  };
  const acceptCertificates = () => {
    if (!help) return;
    skills.add(help.certificateSkills.map((k) => ({ value: k.id, label: skillLabel(k) })), true);
  };

  const jobTypesDefault = (state.defaultValue.jobTypes ?? "").split(",").filter(Boolean);
  const [visibility, setVisibility] = useState(state.defaultValue.visibility ?? "hidden");
  const submitting = navigation.state === "submitting" && navigation.formData?.get("intent") !== "suggest";

  return (
    <Form method="post" {...getFormProps(form)} noValidate className="profile-form">
      <AuthenticityTokenInput name="csrf" />
      <FormErrors errors={form.errors} />

      <fieldset className="panel">
        <legend>{t("sections.personal")}</legend>
        <TextField field={fields.fullName} label={t("fields.fullName")} autoComplete={assisted ? "off" : "name"} />
        <TextField field={fields.phone} label={t("fields.phone")} type="tel" autoComplete={assisted ? "off" : "tel"} />
        <TextField field={fields.contactEmail} label={t("fields.contactEmail")} type="email" autoComplete={assisted ? "off" : "email"} />
        <TextField
          field={fields.nationalId}
          label={t("fields.nationalId")}
          hint={[t("fields.nationalIdHint"), storedNationalId ? t("fields.nationalIdStored", { masked: storedNationalId }) : ""].filter(Boolean).join(" ")}
          autoComplete="off"
        />
        <TextField
          field={fields.preferentialCard}
          label={t("fields.preferentialCard")}
          hint={[
            t("fields.preferentialCardHint"),
            storedPreferentialCard ? t("fields.nationalIdStored", { masked: storedPreferentialCard }) : "",
            veteranStatusVerified ? t("fields.veteranStatusVerified") : "",
          ]
            .filter(Boolean)
            .join(" ")}
          autoComplete="off"
        />
        <input type="hidden" name="regionCode" value={state.defaultValue.regionCode ?? ""} />
        {state.regionLabel ? <p className="field-hint">{labelled(t("fields.regionCode"), state.regionLabel, i18n.language)}</p> : null}
        <RegionSelect
          name={fields.regionCodeNew.name}
          label={t("fields.regionCode")}
          provinces={provinces}
          errorId={fields.regionCode.errorId}
          errors={fields.regionCode.errors ?? fields.regionCodeNew.errors}
        />
      </fieldset>

      <fieldset className="panel">
        <legend>{t("sections.service")}</legend>
        <div className="field">
          <label htmlFor={fields.branch.id}>{t("fields.branch")}</label>
          <select {...getSelectProps(fields.branch)} key={fields.branch.key}>
            <option value="">{t("fields.branchNone")}</option>
            {BRANCHES.map((b) => (
              <option key={b} value={b}>
                {t(`branches.${b}`)}
              </option>
            ))}
            {LEGACY_BRANCHES.filter((b) => state.defaultValue.branch === b).map((b) => (
              <option key={b} value={b}>
                {t(`branches.${b}`)}
              </option>
            ))}
          </select>
          <FieldErrors id={fields.branch.errorId} errors={fields.branch.errors} t={t} />
        </div>
        <div className="field">
          <label htmlFor={fields.specialty.id}>{t("fields.specialty")}</label>
          <div className="profile-specialty-row">
            <input
              {...getInputProps(fields.specialty, { type: "text" })}
              key={fields.specialty.key}
              ref={specialtyRef}
              autoComplete="off"
              aria-describedby={`${fields.specialty.id}-hint`}
              onInput={requestSuggestions}
            />
            <button type="submit" name="intent" value="suggest" className="button-secondary" formNoValidate>
              {t("suggest.button")}
            </button>
          </div>
          <p className="field-hint" id={`${fields.specialty.id}-hint`}>
            {t("fields.specialtyHint")}
          </p>
          <FieldErrors id={fields.specialty.errorId} errors={fields.specialty.errors} t={t} />
        </div>
        <TextField field={fields.rank} label={t("fields.rank")} />
        <TextField field={fields.yearsServed} label={t("fields.yearsServed")} type="number" />
        <TextField field={fields.dischargeYear} label={t("fields.dischargeYear")} type="number" />
        <TextField field={fields.honours} label={t("fields.honours")} hint={t("fields.listHint")} />
      </fieldset>

      <fieldset className="panel">
        <legend>{t("sections.education")}</legend>
        <div className="field">
          <label htmlFor={fields.education.id}>{t("fields.education")}</label>
          <select {...getSelectProps(fields.education)} key={fields.education.key}>
            <option value="">{t("fields.educationNone")}</option>
            {EDUCATION_LEVELS.map((e) => (
              <option key={e} value={e}>
                {t(`education.${e}`)}
              </option>
            ))}
          </select>
          <FieldErrors id={fields.education.errorId} errors={fields.education.errors} t={t} />
        </div>
        <div className="field">
          <label htmlFor={fields.certificates.id}>{t("fields.certificates")}</label>
          <textarea
            {...getTextareaProps(fields.certificates)}
            key={fields.certificates.key}
            ref={certificatesRef}
            rows={2}
            aria-describedby={`${fields.certificates.id}-hint`}
            onInput={requestSuggestions}
          />
          <p className="field-hint" id={`${fields.certificates.id}-hint`}>
            {t("fields.certificatesHint")} · {t("fields.listHint")}
          </p>
          <FieldErrors id={fields.certificates.errorId} errors={fields.certificates.errors} t={t} />
        </div>
      </fieldset>

      <fieldset className="panel">
        <legend>{t("sections.skills")}</legend>
        <section className="profile-suggestions" aria-live="polite" aria-labelledby={`${formId}-suggest-title`}>
          <h2 id={`${formId}-suggest-title`} className="visually-hidden">
            {t("suggest.title")}
          </h2>
          {fetcher.state === "loading" ? <p className="muted">{t("suggest.loading")}</p> : null}
          {help && help.suggestions.length === 0 && help.certificateSkills.length === 0 ? <p className="muted">{t("suggest.none")}</p> : null}
          {help?.suggestions.length ? (
            <ul className="profile-suggestion-list">
              {help.suggestions.map((s, i) => (
                <li key={s.specialtyId}>
                  <strong>{t("suggest.matched", { name: en ? s.nameEn : s.name })}</strong>
                  <span className="muted"> · {joinList(s.skills.map(skillLabel), i18n.language)}</span>
                  <button type="button" className="button-secondary profile-accept" onClick={() => accept(i)}>
                    {en ? `Use “${s.nameEn}”` : `采用“${s.name}”`}
                  </button>
                </li>
              ))}
            </ul>
          ) : null}
          {help?.certificateSkills.length ? (
            <p>
              {labelled(t("suggest.fromCertificates"), joinList(help.certificateSkills.map(skillLabel), i18n.language), i18n.language)}{" "}
              <button type="button" className="button-secondary" onClick={acceptCertificates}>
                {en ? "Add" : "添加"}
              </button>
            </p>
          ) : null}
          {help?.unrecognizedCertificates.length ? (
            <p className="muted">{t("suggest.unknownCertificates", { list: joinList(help.unrecognizedCertificates, i18n.language) })}</p>
          ) : null}
        </section>
        <ChoiceList
          name="skills"
          legend={t("fields.skills")}
          options={skills.options}
          selected={skills.selected}
          onToggle={skills.toggle}
          suggested={suggestedSkills}
          suggestedLabel={t("suggest.suggested")}
        />
        <TextField field={fields.extraSkills} label={t("fields.extraSkills")} hint={t("fields.listHint")} />
      </fieldset>

      <fieldset className="panel">
        <legend>{t("sections.wishes")}</legend>
        <ChoiceList
          name="desiredRoles"
          legend={t("fields.desiredRoles")}
          options={roles.options}
          selected={roles.selected}
          onToggle={roles.toggle}
          suggested={suggestedRoles}
          suggestedLabel={t("suggest.suggested")}
        />
        <TextField field={fields.extraRoles} label={t("fields.extraRoles")} hint={t("fields.listHint")} />
        {state.desiredRegions.length ? (
          <fieldset className="field">
            <legend>{t("fields.desiredRegions")}</legend>
            <div className="choice-row">
              {state.desiredRegions.map((r) => (
                <label key={r.code} className="choice">
                  <input type="checkbox" name="desiredRegionCodes" value={r.code} defaultChecked />
                  {r.name}
                </label>
              ))}
            </div>
          </fieldset>
        ) : null}
        <RegionSelect
          name={fields.addDesiredRegion.name}
          label={t("fields.addDesiredRegion")}
          provinces={provinces}
          errorId={fields.addDesiredRegion.errorId}
          errors={fields.addDesiredRegion.errors ?? fields.desiredRegionCodes.errors}
        />
        <TextField field={fields.salaryMin} label={t("fields.salaryMin")} type="number" />
        <fieldset className="field">
          <legend>{t("fields.jobTypes")}</legend>
          <div className="choice-row">
            {JOB_TYPES.map((j) => (
              <label key={j} className="choice">
                <input type="checkbox" name="jobTypes" value={j} defaultChecked={jobTypesDefault.includes(j)} />
                {t(`common:jobTypes.${j}`)}
              </label>
            ))}
          </div>
          <FieldErrors id={fields.jobTypes.errorId} errors={fields.jobTypes.errors} t={t} />
        </fieldset>
      </fieldset>

      <fieldset className="panel">
        <legend>{t("sections.visibility")}</legend>
        <fieldset className="field">
          <legend>{t("fields.visibility")}</legend>
          {VISIBILITIES.map((v) => (
            <label key={v} className="choice">
              <input type="radio" name={fields.visibility.name} value={v} checked={visibility === v} onChange={() => setVisibility(v)} />
              {t(`visibility.${v}`)}
            </label>
          ))}
        </fieldset>
        {consentRecorded ? (
          <p className="field-hint">{t("fields.consentRecorded", { date: formatDate(consentRecorded.at, en ? "en" : "zh-CN"), version: consentRecorded.version })}</p>
        ) : null}
        <div className="field">
          <label className="choice">
            <input
              type="checkbox"
              name={fields.consent.name}
              id={fields.consent.id}
              defaultChecked={state.defaultValue.consent === "on"}
              aria-invalid={fields.consent.errors ? true : undefined}
              aria-describedby={fields.consent.errors ? fields.consent.errorId : undefined}
            />
            {t("fields.consent", { version: CONSENT_TEXT_VERSION })}
          </label>
          <FieldErrors id={fields.consent.errorId} errors={fields.consent.errors} t={t} />
        </div>
        {assisted ? (
          <div className="field">
            <label className="choice">
              <input
                type="checkbox"
                name="assistedConsent"
                id={`${formId}-assisted`}
                defaultChecked={state.defaultValue.assistedConsent === "on"}
                aria-describedby={fields.assistedConsent?.errors ? `${formId}-assisted-error` : undefined}
              />
              {t("staff.assistedConsent", { version: CONSENT_TEXT_VERSION })}
            </label>
            <FieldErrors id={`${formId}-assisted-error`} errors={fields.assistedConsent?.errors} t={t} />
          </div>
        ) : null}
      </fieldset>

      <div className="actions">
        <button type="submit" name="intent" value="save" className="button" disabled={submitting}>
          {submitting ? t("common:common.submitting") : submitLabel}
        </button>
      </div>
    </Form>
  );
}
