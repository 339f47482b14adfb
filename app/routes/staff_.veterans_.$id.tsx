import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { AuthenticityTokenInput } from "remix-utils/csrf/react";
import { Notice } from "../components/notice";
import { ProfileForm } from "../components/profile-form";
import { assistedProfileSchema } from "../forms/profile";
import { formatDate, formatDateTime } from "../i18n/format";
import { DomainError } from "../models/errors";
import { requireUuid } from "../models/authz.server";
import { listChildRegions } from "../models/region.server";
import { formSourceFromFormData, profileDefaultValue, profileFormState } from "../models/profile-form.server";
import {
  getProfileForStaff,
  saveProfileAssisted,
  setVeteranStatusVerified,
} from "../models/veteran-profile-staff.server";
import { listConsents } from "../models/veteran-profile.server";
import profileStyles from "../styles/profile.css";
import { readForm } from "../utils/form.server";
import { requireRole } from "../utils/session.server";
import { replyWithError } from "../utils/submission.server";
import { colon, joinList } from "../components/punctuation";
import { pageMeta } from "../i18n/meta";
import { ClaimCodePanel } from "../components/claim-code-panel";
import { getLocale } from "../i18n/locale.server";
import { issueClaimCode, openClaimCode } from "../models/profile-link.server";
import { redirectWithFlash } from "../utils/flash.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: profileStyles }];
export const meta = pageMeta("staffVeteransId");

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const staff = await requireRole(request, context, "staff", "admin");
  // Every staff read is written to the audit log inside getProfileForStaff.
  const profile = await getProfileForStaff(context.db, staff, requireUuid(params.id), context.config.DATA_ENCRYPTION_KEY);
  const state = await profileFormState(context.db, profile, profileDefaultValue(profile));
  const consents = await listConsents(context.db, profile.id);
  return json({
    profile: {
      id: profile.id,
      fullName: profile.fullName,
      nationalId: profile.nationalId,
      preferentialCard: profile.preferentialCard,
      veteranStatusVerifiedAt: profile.veteranStatusVerifiedAt?.toISOString() ?? null,
      completeness: profile.completeness,
      createdByStaff: Boolean(profile.createdByStaffUserId),
      consentAt: profile.consentAt?.toISOString() ?? null,
      consentVersion: profile.consentVersion,
    },
    consents: consents.map((c) => ({ id: c.id, kind: c.kind, value: c.value, textVersion: c.textVersion, createdAt: c.createdAt.toISOString() })),
    state,
    provinces: await listChildRegions(context.db, null),
    claim: { hasAccount: Boolean(profile.userId), openUntil: (await openClaimCode(context.db, profile.id))?.toISOString() ?? null },
  });
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const staff = await requireRole(request, context, "staff", "admin");
  const id = requireUuid(params.id);
  const formData = await readForm(request, context);
  const intent = formData.get("intent");
  if (intent === "claimCode") {
    // Shown once, on the page the redirect lands on; only its hash is stored.
    const { code, expiresAt } = await issueClaimCode(context.db, staff, id);
    const locale = await getLocale(request, context, staff);
    return redirectWithFlash(context, `/staff/veterans/${id}`, { key: "claimCodeIssued", tone: "info", values: { code, date: formatDate(expiresAt, locale) } });
  }
  if (intent === "verifyStatus" || intent === "unverifyStatus") {
    // A DomainError (no card number stored) answers through mapDomainErrors like every other route error.
    await setVeteranStatusVerified(context.db, staff, id, intent === "verifyStatus");
    return redirect(`/staff/veterans/${id}?status=${intent === "verifyStatus" ? "verified" : "unverified"}`);
  }
  const { source, defaultValue } = formSourceFromFormData(formData);
  if (intent === "suggest") {
    return json({ state: await profileFormState(context.db, source, defaultValue, { suggest: true }), result: null, stamp: Date.now() });
  }
  const submission = parseWithZod(formData, { schema: assistedProfileSchema });
  if (submission.status !== "success") {
    return json({ state: await profileFormState(context.db, source, defaultValue), result: submission.reply(), stamp: Date.now() }, { status: 400 });
  }
  try {
    await saveProfileAssisted(context.db, staff, id, submission.value, context.config.DATA_ENCRYPTION_KEY);
    return redirect(`/staff/veterans/${id}?saved=1`);
  } catch (error) {
    if (error instanceof DomainError && error.status === 404) throw error;
    const reply = replyWithError(submission, error, []);
    return json({ state: await profileFormState(context.db, source, defaultValue), result: await reply.json(), stamp: Date.now() }, { status: reply.status });
  }
}

export default function StaffVeteranRoute() {
  const { profile, consents, state, provinces, claim } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t, i18n } = useTranslation("profile");
  const [params] = useSearchParams();
  const locale = i18n.language === "en" ? "en" : "zh-CN";
  // Scopes are stored as ids (verified_employers); staff read them in words.
  const consentValue = (kind: string, value: string) =>
    kind === "visibility" || value in { hidden: 1, verified_employers: 1, public: 1 }
      ? t(`visibilityShort.${value}`, { defaultValue: value })
      : t(`ux:consentValues.${value}`, { defaultValue: value });
  return (
    <section aria-labelledby="veteran-title">
      <p>
        <Link to="/staff/veterans">{t("staff.listTitle")}</Link>
      </p>
      <h1 id="veteran-title">{t("staff.editTitle", { name: profile.fullName })}</h1>
      {params.get("created") && !actionData ? <Notice tone="success">{t("staff.created")}</Notice> : null}
      {params.get("saved") && !actionData ? <Notice tone="success">{t("staff.saved")}</Notice> : null}
      <Notice tone="info">{t("staff.auditNote")}</Notice>
      <div className="panel">
        <p>
          <strong>{t("completeness", { percent: profile.completeness.percent })}</strong>
          {profile.completeness.missing.length ? ` · ${t("missingTitle")} ${joinList(profile.completeness.missing.map((m) => t(`missing.${m}`)), locale)}` : null}
        </p>
        {profile.createdByStaff ? <p className="muted">{t("staff.createdByStaff")}</p> : null}
        {profile.nationalId ? (
          <p>
            {t("view.nationalId")}{colon(locale)}<span className="profile-masked">{profile.nationalId}</span>
          </p>
        ) : null}
      </div>
      {params.get("status") === "verified" ? <Notice tone="success">{t("staff.statusVerifiedDone")}</Notice> : null}
      {params.get("status") === "unverified" ? <Notice tone="success">{t("staff.statusUnverifiedDone")}</Notice> : null}
      <section className="panel" aria-labelledby="status-title">
        <h2 id="status-title">{t("staff.veteranStatus")}</h2>
        <p>
          {t("staff.preferentialCard")}：
          {profile.preferentialCard ? <span className="profile-masked">{profile.preferentialCard}</span> : t("view.none")}
        </p>
        <p>
          {profile.veteranStatusVerifiedAt
            ? t("staff.veteranStatusVerifiedAt", { at: formatDateTime(profile.veteranStatusVerifiedAt, locale) })
            : t("staff.veteranStatusUnverified")}
        </p>
        {profile.preferentialCard ? (
          <Form method="post">
            <AuthenticityTokenInput name="csrf" />
            <input type="hidden" name="intent" value={profile.veteranStatusVerifiedAt ? "unverifyStatus" : "verifyStatus"} />
            <button type="submit" className={profile.veteranStatusVerifiedAt ? "button-secondary" : "button"}>
              {profile.veteranStatusVerifiedAt ? t("staff.unverifyStatus") : t("staff.verifyStatus")}
            </button>
          </Form>
        ) : null}
      </section>
      <ClaimCodePanel hasAccount={claim.hasAccount} openUntil={claim.openUntil} />
      <ProfileForm
        key={actionData?.stamp ?? "loaded"}
        formId="assisted-profile"
        state={actionData?.state ?? state}
        lastResult={actionData?.result ?? undefined}
        provinces={provinces}
        assisted
        storedNationalId={profile.nationalId}
        storedPreferentialCard={profile.preferentialCard}
        veteranStatusVerified={Boolean(profile.veteranStatusVerifiedAt)}
        consentRecorded={profile.consentAt && profile.consentVersion ? { at: profile.consentAt, version: profile.consentVersion } : null}
        submitLabel={t("save")}
      />
      <section className="panel" aria-labelledby="consents-title">
        <h2 id="consents-title">{t("staff.consents")}</h2>
        {consents.length === 0 ? (
          <p className="empty">{t("view.none")}</p>
        ) : (
          <ul>
            {consents.map((c) => (
              <li key={c.id}>
                {formatDateTime(c.createdAt, locale)} · {t(`staff.consentKinds.${c.kind}`, { defaultValue: c.kind })}
                {c.value ? ` · ${consentValue(c.kind, c.value)}` : ""} · v{c.textVersion}
              </li>
            ))}
          </ul>
        )}
      </section>
    </section>
  );
}
