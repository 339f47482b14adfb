import { publicUrlFor } from "../utils/public-url.server";
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { AuthenticityTokenInput } from "remix-utils/csrf/react";
import { translateError } from "../components/field";
import { Field } from "../components/incubator-ui";
import { Notice } from "../components/notice";
import { applyToPackage, getPackageForApply } from "../models/incubator-application.server";
import { isDomainError, DomainError } from "../models/errors";
import { intField, textField, yuanField } from "../utils/intent.server";
import { requireUser } from "../utils/session.server";
import { readMultipartForm } from "../utils/upload.server";
import trainingStyles from "../styles/training.css";
import { pageMeta } from "../i18n/meta";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: trainingStyles }];
export const meta = pageMeta("parksApply");

const STAGES = ["idea", "registered", "trading"] as const;

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const pkg = await getPackageForApply(context.db, params.packageId ?? "");
  return json({ pkg, isVeteran: user.role === "veteran" });
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const user = await requireUser(request, context);
  const { formData, files, tooLarge } = await readMultipartForm(request, context, { fileFields: ["plan"] });
  try {
    if (tooLarge.has("plan")) throw new DomainError("incubator:errors.fileTooLarge", "plan");
    const stage = String(formData.get("stage") ?? "");
    if (!(STAGES as readonly string[]).includes(stage)) throw new DomainError("errors.required", "stage");
    const name = textField(formData, "name", 120);
    const sector = textField(formData, "sector", 80);
    if (!name) throw new DomainError("errors.required", "name");
    if (!sector) throw new DomainError("errors.required", "sector");
    const teamSize = intField(formData, "teamSize");
    const veteransInTeam = intField(formData, "veteransInTeam");
    const jobsPlanned = intField(formData, "jobsPlanned");
    const fundingNeedFen = String(formData.get("fundingNeed") ?? "").trim() === "" ? 0 : yuanField(formData, "fundingNeed");
    if (!(teamSize >= 1 && teamSize <= 500)) throw new DomainError("incubator:errors.number", "teamSize");
    if (!(jobsPlanned >= 0 && jobsPlanned <= 10_000)) throw new DomainError("incubator:errors.number", "jobsPlanned");
    if (Number.isNaN(fundingNeedFen)) throw new DomainError("incubator:errors.money", "fundingNeed");
    const plan = files.get("plan");
    const { id } = await applyToPackage(
      context.db,
      user,
      params.packageId ?? "",
      {
        name,
        stage: stage as (typeof STAGES)[number],
        sector,
        teamSize,
        veteransInTeam: Number.isNaN(veteransInTeam) ? 0 : veteransInTeam,
        fundingNeedFen,
        jobsPlanned,
        summary: textField(formData, "summary", 4000),
        supportWanted: textField(formData, "supportWanted", 2000),
        alumniConsent: formData.get("alumniConsent") === "on",
        planFile: plan ? { filename: plan.filename, bytes: plan.bytes } : null,
      },
      { publicUrl: publicUrlFor(request, context.config) },
    );
    return redirect(`/ventures/${id}?submitted=1`);
  } catch (error) {
    if (isDomainError(error)) return json({ error: error.code, field: error.field ?? null }, { status: error.status });
    throw error;
  }
}

export default function ApplyToParkRoute() {
  const { pkg, isVeteran } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useTranslation("incubator");
  const navigation = useNavigation();
  const err = (field: string) =>
    result?.field === field && result.error ? (
      <p className="field-errors" id={`${field}-error`}>
        {translateError(t, result.error)}
      </p>
    ) : null;
  const invalid = (field: string) => (result?.field === field ? { "aria-invalid": true, "aria-describedby": `${field}-error` } : {});
  return (
    <section className="narrow" aria-labelledby="apply-title">
      <h1 id="apply-title">{t("apply.title", { title: pkg.title })}</h1>
      <p>
        <Link to={`/parks/${pkg.parkId}`}>{t("apply.back", { park: pkg.park })}</Link>
      </p>
      {!isVeteran ? (
        <Notice tone="info">{t("errors.notVeteran")}</Notice>
      ) : (
        <Form method="post" encType="multipart/form-data" noValidate aria-labelledby="apply-title">
          <AuthenticityTokenInput name="csrf" />
          {result?.error && !result.field ? <Notice tone="error">{translateError(t, result.error)}</Notice> : null}
          {pkg.requirements ? <p className="muted">{t("apply.bring", { requirements: pkg.requirements })}</p> : null}
          <Field id="name" label={t("apply.name")}>
            <input id="name" name="name" required maxLength={120} {...invalid("name")} />
            {err("name")}
          </Field>
          <Field id="stage" label={t("apply.stage")}>
            <select id="stage" name="stage" defaultValue="idea" {...invalid("stage")}>
              {STAGES.map((s) => (
                <option key={s} value={s}>
                  {t(`park.stages.${s}`)}
                </option>
              ))}
            </select>
            {err("stage")}
          </Field>
          <Field id="sector" label={t("apply.sector")} hint={t("apply.sectorHint")}>
            <input id="sector" name="sector" required maxLength={80} aria-describedby="sector-hint" {...invalid("sector")} />
            {err("sector")}
          </Field>
          <div className="field-row">
            <Field id="teamSize" label={t("apply.teamSize")}>
              <input id="teamSize" name="teamSize" type="number" inputMode="numeric" min={1} defaultValue={1} {...invalid("teamSize")} />
              {err("teamSize")}
            </Field>
            <Field id="veteransInTeam" label={t("apply.veteransInTeam")}>
              <input id="veteransInTeam" name="veteransInTeam" type="number" inputMode="numeric" min={1} defaultValue={1} {...invalid("veteransInTeam")} />
              {err("veteransInTeam")}
            </Field>
          </div>
          <div className="field-row">
            <Field id="fundingNeed" label={t("apply.fundingNeed")}>
              <input id="fundingNeed" name="fundingNeed" inputMode="decimal" defaultValue="0" {...invalid("fundingNeed")} />
              {err("fundingNeed")}
            </Field>
            <Field id="jobsPlanned" label={t("apply.jobsPlanned")}>
              <input id="jobsPlanned" name="jobsPlanned" type="number" inputMode="numeric" min={0} defaultValue={0} {...invalid("jobsPlanned")} />
              {err("jobsPlanned")}
            </Field>
          </div>
          <Field id="summary" label={t("apply.summary")}>
            <textarea id="summary" name="summary" rows={5} maxLength={4000} />
          </Field>
          <Field id="supportWanted" label={t("apply.supportWanted")}>
            <textarea id="supportWanted" name="supportWanted" rows={3} maxLength={2000} />
          </Field>
          <Field id="plan" label={t("apply.plan")} hint={t("apply.planHint")}>
            <input id="plan" name="plan" type="file" className="file-input" accept=".pdf,application/pdf" aria-describedby="plan-hint" {...invalid("plan")} />
            {err("plan")}
          </Field>
          <div className="field checkbox">
            <input id="alumniConsent" name="alumniConsent" type="checkbox" />
            <label htmlFor="alumniConsent">{t("apply.alumniConsent")}</label>
          </div>
          <button type="submit" className="button" disabled={navigation.state === "submitting"}>
            {t("apply.submit")}
          </button>
        </Form>
      )}
    </section>
  );
}
