import { getFormProps, getInputProps, getSelectProps, getTextareaProps, useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { Form, Link, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { AuthenticityTokenInput } from "remix-utils/csrf/react";
import { PACKAGE_KINDS, PACKAGE_STATUSES, packageSchema, SUBSIDY_KINDS } from "../forms/incubator";
import { FieldErrors, FormErrors } from "./field";

export type PackageDefaults = Record<
  "kind" | "title" | "description" | "capacity" | "desks" | "mentoringHours" | "termMonths" | "price" | "subsidyKind" | "subsidy" | "subsidyPayer" | "requirements" | "intakeDates" | "status",
  string
>;

/** Create/edit form of a park's package. */
export function PackageForm({ lastResult, defaults }: { lastResult?: SubmissionResult<string[]> | null; defaults?: PackageDefaults }) {
  const { t } = useTranslation("incubator");
  const { t: tc } = useTranslation();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: "package-form",
    lastResult,
    constraint: getZodConstraint(packageSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: packageSchema }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    defaultValue: defaults ?? { kind: "workspace", status: "published", subsidyKind: "none", termMonths: "12", mentoringHours: "0" },
  });
  const text = (name: keyof typeof fields, type: "text" | "number" = "text", hint?: string) => {
    const field = fields[name];
    const hintId = hint ? `${field.id}-hint` : undefined;
    return (
      <div className="field">
        <label htmlFor={field.id}>{t(`form.${String(name)}`)}</label>
        <input
          {...getInputProps(field, { type, ariaAttributes: true })}
          key={field.key}
          inputMode={type === "number" ? "numeric" : undefined}
          aria-describedby={[hintId, field.errors?.length ? field.errorId : undefined].filter(Boolean).join(" ") || undefined}
        />
        {hint ? (
          <p className="field-hint" id={hintId}>
            {hint}
          </p>
        ) : null}
        <FieldErrors id={field.errorId} errors={field.errors} t={tc} />
      </div>
    );
  };
  return (
    <Form method="post" {...getFormProps(form)} noValidate className="training-form">
      <AuthenticityTokenInput name="csrf" />
      <FormErrors errors={form.errors} />
      <div className="field">
        <label htmlFor={fields.kind.id}>{t("form.kind")}</label>
        <select {...getSelectProps(fields.kind)} key={fields.kind.key}>
          {PACKAGE_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`kinds.${k}`)}
            </option>
          ))}
        </select>
        <FieldErrors id={fields.kind.errorId} errors={fields.kind.errors} t={tc} />
      </div>
      {text("title")}
      <div className="field">
        <label htmlFor={fields.description.id}>{t("form.description")}</label>
        <textarea {...getTextareaProps(fields.description, { ariaAttributes: true })} key={fields.description.key} rows={4} />
        <FieldErrors id={fields.description.errorId} errors={fields.description.errors} t={tc} />
      </div>
      <div className="training-form-row">
        {text("capacity", "number")}
        {text("termMonths", "number")}
      </div>
      <div className="training-form-row">
        {text("desks", "number")}
        {text("mentoringHours", "number")}
      </div>
      {text("price")}
      <div className="field">
        <label htmlFor={fields.subsidyKind.id}>{t("form.subsidyKind")}</label>
        <select {...getSelectProps(fields.subsidyKind)} key={fields.subsidyKind.key}>
          {SUBSIDY_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`subsidyKinds.${k}`)}
            </option>
          ))}
        </select>
      </div>
      {text("subsidy", "text", t("form.subsidyHint"))}
      {text("subsidyPayer", "text", t("form.subsidyPayerHint"))}
      <div className="field">
        <label htmlFor={fields.requirements.id}>{t("form.requirements")}</label>
        <textarea {...getTextareaProps(fields.requirements, { ariaAttributes: true })} key={fields.requirements.key} rows={3} />
        <FieldErrors id={fields.requirements.errorId} errors={fields.requirements.errors} t={tc} />
      </div>
      {text("intakeDates", "text", t("form.intakeDatesHint"))}
      <div className="field">
        <label htmlFor={fields.status.id}>{t("form.status")}</label>
        <select {...getSelectProps(fields.status)} key={fields.status.key}>
          {PACKAGE_STATUSES.map((k) => (
            <option key={k} value={k}>
              {t(`status.${k}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="actions">
        <button type="submit" className="button" disabled={navigation.state === "submitting"}>
          {t("form.save")}
        </button>
        <Link to="/park/packages" className="button button-secondary">
          {t("form.cancel")}
        </Link>
      </div>
    </Form>
  );
}
