import { getFormProps, getInputProps, getSelectProps, useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { AuthenticityTokenInput } from "remix-utils/csrf/react";
import { z } from "zod";
import { FieldErrors, FormErrors } from "../components/field";
import { formatDateTime } from "../i18n/format";
import { type Locale } from "../../db/enums";
import { IMPORT_SPECS, listImportRuns, MAX_IMPORT_BYTES, startImport } from "../models/import.server";
import { IMPORT_KINDS } from "../../db/enums";
import { readMultipartForm } from "../utils/upload.server";
import { requireRole } from "../utils/session.server";
import { replyWithError } from "../utils/submission.server";
import importStyles from "../styles/imports.css";
import { pageMeta } from "../i18n/meta";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: importStyles }];

export const meta = pageMeta("staffImports");

/** The form's text fields; the file is checked on the server (it arrives beside the form data). */
const importFormSchema = z.object({
  kind: z.enum(IMPORT_KINDS, { errorMap: () => ({ message: "imports:errors.kindRequired" }) }),
  dryRun: z.literal("on").optional(),
  publish: z.literal("on").optional(),
  attestConsent: z.literal("on").optional(),
});

export async function loader({ request, context }: LoaderFunctionArgs) {
  const staff = await requireRole(request, context, "staff", "admin");
  return json({ runs: await listImportRuns(context.db, staff), specs: IMPORT_SPECS });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const staff = await requireRole(request, context, "staff", "admin");
  const form = await readMultipartForm(request, context, { fileFields: ["file"], maxFileBytes: MAX_IMPORT_BYTES });
  const submission = parseWithZod(form.formData, { schema: importFormSchema });
  if (submission.status !== "success") return json(submission.reply(), { status: 400 });
  const file = form.files.get("file");
  if (!file || form.tooLarge.has("file")) {
    const code = form.tooLarge.has("file") ? "imports:errors.fileTooLarge" : "imports:errors.fileRequired";
    return json(submission.reply({ fieldErrors: { file: [code] } }), { status: 400 });
  }
  try {
    const { run } = await startImport(context.db, staff, {
      kind: submission.value.kind,
      filename: file.filename,
      bytes: file.bytes,
      dryRun: submission.value.dryRun === "on",
      publish: submission.value.publish === "on",
      attestConsent: submission.value.attestConsent === "on",
    });
    return redirect(`/staff/imports/${run.id}`);
  } catch (error) {
    return replyWithError(submission, error);
  }
}

export default function StaffImportsRoute() {
  const { runs, specs } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>() as SubmissionResult<string[]> | undefined;
  const { t, i18n } = useTranslation("imports");
  const locale = i18n.language as Locale;
  const busy = useNavigation().state === "submitting";
  const [form, fields] = useForm({
    id: "import-upload",
    lastResult,
    constraint: getZodConstraint(importFormSchema),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: importFormSchema }),
    defaultValue: { kind: "jobs" },
  });
  // The file is not part of the schema (it is checked on the server), so its errors come from the reply.
  const fileErrors = lastResult?.error?.file ?? undefined;
  const fileField = { id: `${form.id}-file`, errorId: `${form.id}-file-error`, errors: fileErrors };
  return (
    <section aria-labelledby="imports-title" className="imports">
      <h1 id="imports-title">{t("title")}</h1>
      <p>{t("intro")}</p>

      <Form method="post" encType="multipart/form-data" {...getFormProps(form)} noValidate className="panel narrow">
        <AuthenticityTokenInput name="csrf" />
        <FormErrors errors={form.errors} />
        <div className="field">
          <label htmlFor={fields.kind.id}>{t("kind")}</label>
          <select {...getSelectProps(fields.kind)} key={fields.kind.key}>
            {IMPORT_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`kinds.${k}`)}
              </option>
            ))}
          </select>
          <FieldErrors id={fields.kind.errorId} errors={fields.kind.errors} t={t} />
        </div>
        <div className="field">
          <label htmlFor={fileField.id}>{t("file")}</label>
          <input
            id={fileField.id}
            name="file"
            type="file"
            accept=".csv,text/csv"
            aria-describedby={`${fileField.id}-hint${fileField.errors?.length ? ` ${fileField.errorId}` : ""}`}
            aria-invalid={fileField.errors?.length ? true : undefined}
          />
          <p className="field-hint" id={`${fileField.id}-hint`}>
            {t("fileHint")}
          </p>
          <FieldErrors id={fileField.errorId} errors={fileField.errors} t={t} />
        </div>
        <div className="field field-checkbox">
          <input {...getInputProps(fields.dryRun, { type: "checkbox" })} key={fields.dryRun.key} />
          <label htmlFor={fields.dryRun.id}>{t("dryRun")}</label>
        </div>
        <div className="field field-checkbox">
          <input {...getInputProps(fields.publish, { type: "checkbox" })} key={fields.publish.key} aria-describedby={`${fields.publish.id}-hint`} />
          <label htmlFor={fields.publish.id}>{t("publish")}</label>
          <p className="field-hint" id={`${fields.publish.id}-hint`}>
            {t("publishHint")}
          </p>
        </div>
        <div className="field field-checkbox">
          <input
            {...getInputProps(fields.attestConsent, { type: "checkbox" })}
            key={fields.attestConsent.key}
            aria-describedby={`${fields.attestConsent.id}-hint`}
          />
          <label htmlFor={fields.attestConsent.id}>{t("attestConsent")}</label>
          <p className="field-hint" id={`${fields.attestConsent.id}-hint`}>
            {t("attestConsentHint")}
          </p>
        </div>
        <button type="submit" className="button" disabled={busy}>
          {busy ? t("common:common.submitting") : t("submit")}
        </button>
      </Form>

      <details className="import-columns">
        <summary>{t("columnsTitle")}</summary>
        {IMPORT_KINDS.map((k) => (
          <div key={k}>
            <h2>{t(`kinds.${k}`)}</h2>
            <p>{t("columnsRequired", { columns: specs[k].required.join(", ") })}</p>
            <p className="import-column-list">{t("columnsAll", { columns: specs[k].columns.join(", ") })}</p>
          </div>
        ))}
      </details>

      <h2>{t("recentTitle")}</h2>
      {runs.length === 0 ? (
        <p className="empty">{t("recentEmpty")}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t("table.startedAt")}</th>
                <th scope="col">{t("table.kind")}</th>
                <th scope="col">{t("table.file")}</th>
                <th scope="col">{t("table.status")}</th>
                <th scope="col">{t("table.rows")}</th>
                <th scope="col">{t("table.result")}</th>
              </tr>
            </thead>
            <tbody>
              {runs.map((r) => (
                <tr key={r.id}>
                  <td>
                    <Link to={`/staff/imports/${r.id}`}>{formatDateTime(r.createdAt, locale)}</Link>
                  </td>
                  <td>
                    {t(`kinds.${r.kind}`)}
                    {r.dryRun ? <span className="badge import-dry-badge">{t("dryRunBadge")}</span> : null}
                    {r.publish ? <span className="badge import-dry-badge">{t("publishBadge")}</span> : null}
                  </td>
                  <td>{r.filename ?? "—"}</td>
                  <td>
                    <span className={`status-pill import-status-${r.status}`}>{t(`status.${r.status}`)}</span>
                  </td>
                  <td>
                    {r.processedRows} / {r.totalRows}
                  </td>
                  <td>
                    {t("summaryCreated", { count: r.createdCount })} · {t("summaryUpdated", { count: r.updatedCount })} ·{" "}
                    {t("summaryFailed", { count: r.failedRows })}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
