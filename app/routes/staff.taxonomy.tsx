import { getFormProps, getInputProps, getSelectProps, getTextareaProps, useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { AuthenticityTokenInput } from "remix-utils/csrf/react";
import { FieldErrors, FormErrors } from "../components/field";
import { Notice } from "../components/notice";
import { taxonomyEditSchema, taxonomyJsonSchema, taxonomySynonymSchema } from "../forms/organization";
import { formatDateTime } from "../i18n/format";
import { type Locale } from "../../db/enums";
import {
  activateTaxonomyVersion,
  addTaxonomySynonym,
  getActiveTaxonomy,
  listTaxonomyVersions,
  REPOSITORY_TAXONOMY_VERSION,
  saveTaxonomyVersion,
  applyActiveTaxonomy,
  TaxonomyInvalidError,
  type TaxonomyProblem,
} from "../models/taxonomy.server";
import { readForm } from "../utils/form.server";
import { requireRole } from "../utils/session.server";
import { replyWithError } from "../utils/submission.server";
import staffStyles from "../styles/staff.css";
import { pageMeta } from "../i18n/meta";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: staffStyles }];

export const meta = pageMeta("staffTaxonomy");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const staff = await requireRole(request, context, "staff", "admin");
  const [active, versions] = await Promise.all([getActiveTaxonomy(context.db), listTaxonomyVersions(context.db, staff)]);
  const { taxonomy } = active;
  return json({
    active: { version: active.version, source: active.source, versionId: active.versionId, createdAt: active.createdAt },
    counts: { specialties: taxonomy.specialties.length, skills: taxonomy.skills.length, certificates: taxonomy.certificates.length },
    skills: taxonomy.skills.map((s) => ({ id: s.id, name: s.name, nameEn: s.nameEn })),
    specialties: taxonomy.specialties.map((s) => ({ id: s.id, name: s.name, nameEn: s.nameEn })),
    json: JSON.stringify(taxonomy, null, 2),
    versions,
    repositoryVersion: REPOSITORY_TAXONOMY_VERSION,
  });
}

type Done = { kind: "saved" | "activated"; version: string };

export async function action({ request, context }: ActionFunctionArgs) {
  const staff = await requireRole(request, context, "staff", "admin");
  const formData = await readForm(request, context);
  const submission = parseWithZod(formData, { schema: taxonomyEditSchema });
  const reply = (result: SubmissionResult<string[]>, done: Done | null, problems: TaxonomyProblem[] = [], status = 200) =>
    json({ result, intent: String(formData.get("intent") ?? ""), done, problems: problems.slice(0, 100), problemCount: problems.length }, { status });
  if (submission.status !== "success") return reply(submission.reply(), null, [], 400);
  const input = submission.value;
  try {
    if (input.intent === "json") {
      const saved = await saveTaxonomyVersion(context.db, staff, JSON.parse(input.json) as unknown);
      await applyActiveTaxonomy(context.db, context.search);
      return reply(submission.reply({ resetForm: true }), { kind: "saved", version: saved.version });
    }
    if (input.intent === "synonym") {
      const saved = await addTaxonomySynonym(context.db, staff, input);
      await applyActiveTaxonomy(context.db, context.search);
      return reply(submission.reply({ resetForm: true }), { kind: "saved", version: saved.version });
    }
    const activated = await activateTaxonomyVersion(context.db, staff, input.versionId ?? null);
    await applyActiveTaxonomy(context.db, context.search);
    return reply(submission.reply(), { kind: "activated", version: activated.version });
  } catch (error) {
    const failed = replyWithError(submission, error, []);
    // Validation problems of a synonym edit belong to the term the person typed.
    const result = (await failed.json()) as SubmissionResult<string[]>;
    if (error instanceof TaxonomyInvalidError && input.intent === "synonym") {
      result.error = { term: ["staff:errors.taxonomyInvalid"] };
    }
    return reply(result, null, error instanceof TaxonomyInvalidError ? error.problems : [], failed.status);
  }
}

type ActionData = ReturnType<typeof useActionData<typeof action>>;

export default function StaffTaxonomyRoute() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t, i18n } = useTranslation(["staff", "common"]);
  const locale = (i18n.language === "en" ? "en" : "zh-CN") as Locale;
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  const done = actionData?.done;
  const activateErrors = actionData?.intent === "activate" && !done ? actionData.result.error?.[""] : undefined;
  return (
    <section aria-labelledby="taxonomy-title">
      <h1 id="taxonomy-title">{t("taxonomy.title")}</h1>
      <p>{t("taxonomy.intro")}</p>
      {done?.kind === "saved" ? <Notice tone="success">{t("taxonomy.saved", { version: done.version })}</Notice> : null}
      {done?.kind === "activated" ? <Notice tone="success">{t("taxonomy.activated", { version: done.version })}</Notice> : null}
      <FormErrors errors={activateErrors ?? undefined} />
      <p>
        <strong>{t("taxonomy.active", { version: data.active.version })}</strong>{" "}
        <span className="muted">
          {data.active.source === "repository"
            ? t("taxonomy.sourceRepository")
            : t("taxonomy.sourceDatabase", { date: data.active.createdAt ? formatDateTime(data.active.createdAt, locale) : "" })}
        </span>
      </p>
      <p className="muted">{t("taxonomy.counts", data.counts)}</p>
      <p>
        <Link to="/staff/taxonomy/terms">{t("terms.link")}</Link>
      </p>

      <SynonymForm key={`syn-${data.active.version}`} data={data} actionData={actionData} busy={busy} />
      <JsonForm key={`json-${data.active.version}`} json={data.json} actionData={actionData} busy={busy} />

      <section aria-labelledby="history-title">
        <h2 id="history-title">{t("taxonomy.history")}</h2>
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t("taxonomy.version")}</th>
                <th scope="col">{t("taxonomy.createdAt")}</th>
                <th scope="col">{t("taxonomy.createdBy")}</th>
                <th scope="col">{t("taxonomy.state")}</th>
              </tr>
            </thead>
            <tbody>
              {data.versions.map((v) => (
                <tr key={v.id}>
                  <td>{v.version}</td>
                  <td>{formatDateTime(v.createdAt, locale)}</td>
                  <td>{v.createdBy ?? "—"}</td>
                  <td>{v.active ? <span className="status-pill status-verified">{t("taxonomy.inUse")}</span> : <ActivateButton versionId={v.id} busy={busy} />}</td>
                </tr>
              ))}
              <tr>
                <td>{data.repositoryVersion}</td>
                <td colSpan={2}>{t("taxonomy.repositoryRow")}</td>
                <td>
                  {data.active.source === "repository" ? (
                    <span className="status-pill status-verified">{t("taxonomy.inUse")}</span>
                  ) : (
                    <ActivateButton versionId={null} busy={busy} />
                  )}
                </td>
              </tr>
            </tbody>
          </table>
        </div>
        {data.versions.length === 0 ? <p className="muted">{t("taxonomy.noHistory")}</p> : null}
      </section>
    </section>
  );
}

function ActivateButton({ versionId, busy }: { versionId: number | null; busy: boolean }) {
  const { t } = useTranslation(["staff", "common"]);
  return (
    <Form method="post">
      <AuthenticityTokenInput name="csrf" />
      <input type="hidden" name="intent" value="activate" />
      {versionId !== null ? <input type="hidden" name="versionId" value={versionId} /> : null}
      <button type="submit" className="button" disabled={busy}>
        {versionId === null ? t("taxonomy.useRepository") : t("taxonomy.activate")}
      </button>
    </Form>
  );
}

function Problems({ actionData }: { actionData: ActionData }) {
  const { t, i18n } = useTranslation(["staff", "common"]);
  if (!actionData?.problems.length) return null;
  return (
    <div className="notice notice-error" role="alert">
      <p>{t("taxonomy.problems", { count: actionData.problemCount })}</p>
      <ul className="taxonomy-problems">
        {actionData.problems.map((p, i) => (
          <li key={`${p.path}-${i}`}>
            <code>{p.path}</code> {i18n.language === "en" ? p.message : p.messageZh}
          </li>
        ))}
      </ul>
    </div>
  );
}

function SynonymForm({ data, actionData, busy }: { data: ReturnType<typeof useLoaderData<typeof loader>>; actionData: ActionData; busy: boolean }) {
  const { t, i18n } = useTranslation(["staff", "common"]);
  const en = i18n.language === "en";
  const [form, fields] = useForm({
    id: "taxonomy-synonym",
    lastResult: actionData?.intent === "synonym" ? actionData.result : undefined,
    constraint: getZodConstraint(taxonomySynonymSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: taxonomySynonymSchema }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    defaultValue: { language: "zh" },
  });
  return (
    <section aria-labelledby="synonym-title" className="panel">
      <h2 id="synonym-title">{t("taxonomy.synonymTitle")}</h2>
      <p className="muted">{t("taxonomy.synonymIntro")}</p>
      <Form method="post" {...getFormProps(form)} noValidate className="narrow">
        <AuthenticityTokenInput name="csrf" />
        <input type="hidden" name="intent" value="synonym" />
        <FormErrors errors={form.errors} />
        <div className="field">
          <label htmlFor={fields.target.id}>{t("taxonomy.target")}</label>
          <select {...getSelectProps(fields.target)} key={fields.target.key}>
            <option value="">—</option>
            <optgroup label={t("taxonomy.skillsGroup")}>
              {data.skills.map((s) => (
                <option key={s.id} value={`skill:${s.id}`}>
                  {en ? `${s.nameEn} (${s.name})` : `${s.name}（${s.nameEn}）`}
                </option>
              ))}
            </optgroup>
            <optgroup label={t("taxonomy.specialtiesGroup")}>
              {data.specialties.map((s) => (
                <option key={s.id} value={`specialty:${s.id}`}>
                  {en ? `${s.nameEn} (${s.name})` : `${s.name}（${s.nameEn}）`}
                </option>
              ))}
            </optgroup>
          </select>
          <FieldErrors id={fields.target.errorId} errors={fields.target.errors} t={t} />
        </div>
        <div className="field">
          <label htmlFor={fields.language.id}>{t("taxonomy.language")}</label>
          <select {...getSelectProps(fields.language)} key={fields.language.key}>
            <option value="zh">{t("taxonomy.languageZh")}</option>
            <option value="en">{t("taxonomy.languageEn")}</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor={fields.term.id}>{t("taxonomy.term")}</label>
          <input {...getInputProps(fields.term, { type: "text", ariaAttributes: true })} key={fields.term.key} />
          <FieldErrors id={fields.term.errorId} errors={fields.term.errors} t={t} />
        </div>
        {actionData?.intent === "synonym" ? <Problems actionData={actionData} /> : null}
        <button type="submit" className="button" disabled={busy}>
          {t("taxonomy.addSynonym")}
        </button>
      </Form>
    </section>
  );
}

function JsonForm({ json: text, actionData, busy }: { json: string; actionData: ActionData; busy: boolean }) {
  const { t } = useTranslation(["staff", "common"]);
  const [form, fields] = useForm({
    id: "taxonomy-json",
    lastResult: actionData?.intent === "json" ? actionData.result : undefined,
    constraint: getZodConstraint(taxonomyJsonSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: taxonomyJsonSchema }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onSubmit",
    defaultValue: { json: text },
  });
  return (
    <section aria-labelledby="json-title">
      <h2 id="json-title">{t("taxonomy.jsonTitle")}</h2>
      <p className="muted">{t("taxonomy.jsonHint")}</p>
      <Form method="post" {...getFormProps(form)} noValidate>
        <AuthenticityTokenInput name="csrf" />
        <input type="hidden" name="intent" value="json" />
        <FormErrors errors={form.errors} />
        <div className="field">
          <label htmlFor={fields.json.id}>{t("taxonomy.json")}</label>
          <textarea {...getTextareaProps(fields.json, { ariaAttributes: true })} key={fields.json.key} className="taxonomy-json" spellCheck={false} />
          <FieldErrors id={fields.json.errorId} errors={fields.json.errors} t={t} />
        </div>
        {actionData?.intent === "json" ? <Problems actionData={actionData} /> : null}
        <button type="submit" className="button" disabled={busy}>
          {t("taxonomy.saveJson")}
        </button>
      </Form>
    </section>
  );
}
