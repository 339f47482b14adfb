import { getFormProps, getSelectProps, getTextareaProps, useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { AuthenticityTokenInput } from "remix-utils/csrf/react";
import { FieldErrors, FormErrors, TextField } from "../components/field";
import { Notice } from "../components/notice";
import { RegionSelect } from "../components/region-select";
import { badgeI18nKey, organizationProfileSchema, SELF_EDITABLE_KINDS } from "../forms/organization";
import { getActingOrganization } from "../models/authz.server";
import { getOrganizationForEdit, updateOrganizationProfile } from "../models/organization.server";
import { MAX_LICENCE_BYTES, storeOrganizationLicence } from "../models/organization-licence.server";
import { DomainError } from "../models/errors";
import { readMultipartForm } from "../utils/upload.server";
import { listChildRegions, type RegionOption } from "../models/region.server";
import { readForm } from "../utils/form.server";
import { requireRole } from "../utils/session.server";
import { replyWithError } from "../utils/submission.server";
import staffStyles from "../styles/staff.css";
import { pageMeta } from "../i18n/meta";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: staffStyles }];

export const meta = pageMeta("organization");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireRole(request, context, "employer", "incubator");
  const acting = await getActingOrganization(context.db, user.id);
  if (!acting) return json({ organization: null, provinces: [] as RegionOption[] });
  const org = await getOrganizationForEdit(context.db, user, acting.id);
  return json({
    organization: {
      id: org.id,
      kind: org.kind,
      name: org.name,
      description: org.description,
      address: org.address,
      website: org.website,
      verificationStatus: org.verificationStatus,
      rejectionReason: org.rejectionReason,
      badges: org.badges,
      creditCode: org.creditCode,
      licence: org.licencePath ? { filename: org.licenceFilename ?? "", uploadedAt: org.licenceUploadedAt } : null,
      regionPath: org.regionPath.map((r) => r.name).join(" "),
    },
    provinces: await listChildRegions(context.db, null),
  });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireRole(request, context, "employer", "incubator");
  if ((request.headers.get("content-type") ?? "").startsWith("multipart/form-data")) return uploadLicence(request, context, user);
  const formData = await readForm(request, context);
  const submission = parseWithZod(formData, { schema: organizationProfileSchema });
  if (submission.status !== "success") return json({ result: submission.reply(), saved: null, licence: null }, { status: 400 });
  const acting = await getActingOrganization(context.db, user.id);
  if (!acting) throw new Response("Not found", { status: 404 });
  try {
    const { needsReview } = await updateOrganizationProfile(context.db, user, acting.id, submission.value);
    return json({ result: submission.reply(), saved: needsReview ? ("review" as const) : ("ok" as const), licence: null });
  } catch (error) {
    const reply = replyWithError(submission, error, []);
    return json({ result: await reply.json(), saved: null, licence: null }, { status: reply.status });
  }
}

/** The licence form: one file, answered with a message beside the file field (the profile form keeps its own). */
async function uploadLicence(request: Request, context: ActionFunctionArgs["context"], user: Awaited<ReturnType<typeof requireRole>>) {
  const { files, tooLarge } = await readMultipartForm(request, context, { fileFields: ["licence"], maxFileBytes: MAX_LICENCE_BYTES });
  const acting = await getActingOrganization(context.db, user.id);
  if (!acting) throw new Response("Not found", { status: 404 });
  const licenceReply = (error: string | null, status = 200) => json({ result: undefined as SubmissionResult<string[]> | undefined, saved: null, licence: { error } }, { status });
  if (tooLarge.has("licence")) return licenceReply("staff:errors.licenceTooLarge", 400);
  const file = files.get("licence");
  if (!file) return licenceReply("staff:errors.licenceRequired", 400);
  try {
    await storeOrganizationLicence(context.db, user, acting.id, file);
  } catch (error) {
    if (error instanceof DomainError) return licenceReply(error.message, 400);
    throw error;
  }
  return licenceReply(null);
}

export default function OrganizationRoute() {
  const { organization, provinces } = useLoaderData<typeof loader>();
  const { t } = useTranslation(["staff", "common"]);
  if (!organization) {
    return (
      <section className="narrow" aria-labelledby="org-title">
        <h1 id="org-title">{t("org.title")}</h1>
        <p className="empty">{t("org.none")}</p>
      </section>
    );
  }
  return <OrganizationForm organization={organization} provinces={provinces} />;
}

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;

function OrganizationForm({ organization, provinces }: { organization: NonNullable<LoaderData["organization"]>; provinces: LoaderData["provinces"] }) {
  const lastResult = useActionData<typeof action>();
  const { t } = useTranslation(["staff", "common"]);
  const navigation = useNavigation();
  const kindEditable = (SELF_EDITABLE_KINDS as readonly string[]).includes(organization.kind);
  const [form, fields] = useForm({
    id: "organization-profile",
    lastResult: lastResult?.result,
    constraint: getZodConstraint(organizationProfileSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: organizationProfileSchema }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    defaultValue: {
      name: organization.name,
      description: organization.description ?? "",
      address: organization.address ?? "",
      website: organization.website ?? "",
      kind: kindEditable ? organization.kind : undefined,
    },
  });
  const status = organization.verificationStatus;
  return (
    <section className="narrow org-profile" aria-labelledby="org-title">
      <h1 id="org-title">{t("org.title")}</h1>
      <p>{t("org.intro")}</p>
      {lastResult?.saved === "ok" ? <Notice tone="success">{t("org.saved")}</Notice> : null}
      {lastResult?.saved === "review" ? <Notice tone="success">{t("org.savedNeedsReview")}</Notice> : null}
      <dl className="facts">
        <dt>{t("org.status")}</dt>
        <dd>
          <span className={`status-pill status-${status}`}>{t(`status.${status}`)}</span>
          {organization.badges.map((b) => (
            <span key={b} className="badge badge-accent org-badge">
              {badgeI18nKey(b) ? t(badgeI18nKey(b)!) : b}
            </span>
          ))}
        </dd>
      </dl>
      {status === "rejected" ? <Notice tone="warning">{t("org.rejectedBecause", { reason: organization.rejectionReason ?? "" })}</Notice> : null}
      {status === "pending" ? <p className="muted">{t("org.pendingText")}</p> : null}
      <p>
        <Link to={`/orgs/${organization.id}`}>{t("org.viewPublic")}</Link>
      </p>
      <Form method="post" {...getFormProps(form)} noValidate>
        <AuthenticityTokenInput name="csrf" />
        <FormErrors errors={form.errors} />
        <TextField field={fields.name} label={t("org.name")} hint={status === "verified" ? t("org.nameHint") : undefined} autoComplete="organization" />
        {kindEditable ? (
          <div className="field">
            <label htmlFor={fields.kind.id}>{t("org.kind")}</label>
            <select {...getSelectProps(fields.kind)} key={fields.kind.key}>
              {SELF_EDITABLE_KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`kinds.${k}`)}
                </option>
              ))}
            </select>
            <FieldErrors id={fields.kind.errorId} errors={fields.kind.errors} t={t} />
          </div>
        ) : (
          <p className="muted">{t("org.kindFixed", { kind: t(`kinds.${organization.kind}`) })}</p>
        )}
        <div className="field">
          <label htmlFor={fields.description.id}>{t("org.description")}</label>
          <textarea {...getTextareaProps(fields.description, { ariaAttributes: true })} key={fields.description.key} rows={6} />
          <FieldErrors id={fields.description.errorId} errors={fields.description.errors} t={t} />
        </div>
        <TextField field={fields.website} label={t("org.website")} type="url" autoComplete="url" />
        <p className="muted region-current">{organization.regionPath ? t("org.currentRegion", { path: organization.regionPath }) : t("org.noRegion")}</p>
        <RegionSelect
          name={fields.regionCode.name}
          label={t("org.region")}
          provinces={provinces}
          errorId={fields.regionCode.errorId}
          errors={fields.regionCode.errors}
        />
        <TextField field={fields.address} label={t("org.address")} autoComplete="street-address" />
        <TextField
          field={fields.creditCode}
          label={t("org.creditCode")}
          hint={organization.creditCode ? t("org.creditCodeStored", { code: organization.creditCode }) : t("org.creditCodeHint")}
          autoComplete="off"
        />
        <button type="submit" className="button" disabled={navigation.state === "submitting"}>
          {navigation.state === "submitting" ? t("common:common.submitting") : t("org.save")}
        </button>
      </Form>
      <LicenceForm organization={organization} error={lastResult?.licence?.error} saved={lastResult?.licence?.error === null} />
    </section>
  );
}

function LicenceForm({ organization, error, saved }: { organization: NonNullable<LoaderData["organization"]>; error: string | null | undefined; saved: boolean }) {
  const { t } = useTranslation(["staff", "common"]);
  const navigation = useNavigation();
  const uploading = navigation.state === "submitting" && navigation.formEncType === "multipart/form-data";
  return (
    <Form method="post" encType="multipart/form-data" className="licence-form" aria-labelledby="licence-title">
      <h2 id="licence-title">{t("org.licenceTitle")}</h2>
      <p className="muted">{t("org.licenceIntro")}</p>
      {saved ? <Notice tone="success">{t("org.licenceSaved")}</Notice> : null}
      {organization.licence ? (
        <p>
          <a href={`/orgs/${organization.id}/licence`}>{t("org.licenceCurrent", { name: organization.licence.filename })}</a>
        </p>
      ) : null}
      <AuthenticityTokenInput name="csrf" />
      <div className="field">
        <label htmlFor="licence-file">{t("org.licenceFile")}</label>
        <input
          id="licence-file"
          name="licence"
          type="file"
          accept="application/pdf,image/jpeg,image/png"
          aria-invalid={error ? true : undefined}
          aria-describedby={["licence-hint", error ? "licence-error" : ""].filter(Boolean).join(" ")}
        />
        <p className="field-hint" id="licence-hint">
          {t("org.licenceHint")}
        </p>
        <FieldErrors id="licence-error" errors={error ? [error] : undefined} t={t} />
      </div>
      <button type="submit" className="button" disabled={uploading}>
        {uploading ? t("common:common.submitting") : t("org.licenceUpload")}
      </button>
    </Form>
  );
}
