import { getFormProps, getSelectProps, getTextareaProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
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
import { listChildRegions, type RegionOption } from "../models/region.server";
import { readForm } from "../utils/form.server";
import { requireRole } from "../utils/session.server";
import { replyWithError } from "../utils/submission.server";
import staffStyles from "../styles/staff.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: staffStyles }];

export const meta: MetaFunction = () => [{ title: "单位信息 Organisation · 戎业 Rongye" }];

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
      regionPath: org.regionPath.map((r) => r.name).join(" "),
    },
    provinces: await listChildRegions(context.db, null),
  });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireRole(request, context, "employer", "incubator");
  const formData = await readForm(request, context);
  const submission = parseWithZod(formData, { schema: organizationProfileSchema });
  if (submission.status !== "success") return json({ result: submission.reply(), saved: null }, { status: 400 });
  const acting = await getActingOrganization(context.db, user.id);
  if (!acting) throw new Response("Not found", { status: 404 });
  try {
    const { needsReview } = await updateOrganizationProfile(context.db, user, acting.id, submission.value);
    return json({ result: submission.reply(), saved: needsReview ? ("review" as const) : ("ok" as const) });
  } catch (error) {
    const reply = replyWithError(submission, error, []);
    return json({ result: await reply.json(), saved: null }, { status: reply.status });
  }
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
        <button type="submit" className="button" disabled={navigation.state === "submitting"}>
          {navigation.state === "submitting" ? t("common:common.submitting") : t("org.save")}
        </button>
      </Form>
    </section>
  );
}
