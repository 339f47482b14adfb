import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Notice } from "../components/notice";
import { ProfileForm } from "../components/profile-form";
import { profileSchema } from "../forms/profile";
import { listChildRegions } from "../models/region.server";
import { formSourceFromFormData, profileDefaultValue, profileFormState } from "../models/profile-form.server";
import { getOwnProfile, saveOwnProfile } from "../models/veteran-profile.server";
import profileStyles from "../styles/profile.css";
import { readForm } from "../utils/form.server";
import { requireRole } from "../utils/session.server";
import { replyWithError } from "../utils/submission.server";
import { joinList } from "../components/punctuation";
import { pageMeta } from "../i18n/meta";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: profileStyles }];
export const meta = pageMeta("profile");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireRole(request, context, "veteran");
  const profile = await getOwnProfile(context.db, user, context.config.DATA_ENCRYPTION_KEY);
  const state = await profileFormState(
    context.db,
    profile ?? { skills: [], desiredRoles: [], desiredRegionCodes: [] },
    profile ? profileDefaultValue(profile) : { fullName: user.displayName, visibility: "hidden" },
  );
  return json({
    state,
    exists: Boolean(profile),
    completeness: profile?.completeness ?? null,
    nationalId: profile?.nationalId ?? null,
    preferentialCard: profile?.preferentialCard ?? null,
    veteranStatusVerified: Boolean(profile?.veteranStatusVerifiedAt),
    consent: profile?.consentAt && profile.consentVersion ? { at: profile.consentAt.toISOString(), version: profile.consentVersion } : null,
    provinces: await listChildRegions(context.db, null),
  });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireRole(request, context, "veteran");
  const formData = await readForm(request, context);
  if (formData.get("intent") === "suggest") {
    // Re-render the form with what was typed plus suggestions; nothing is validated or saved yet.
    const { source, defaultValue } = formSourceFromFormData(formData);
    const state = await profileFormState(context.db, source, defaultValue, { suggest: true });
    return json({ state, result: null, stamp: Date.now() });
  }
  const submission = parseWithZod(formData, { schema: profileSchema });
  if (submission.status !== "success") {
    const { source, defaultValue } = formSourceFromFormData(formData);
    const state = await profileFormState(context.db, source, defaultValue);
    return json({ state, result: submission.reply(), stamp: Date.now() }, { status: 400 });
  }
  try {
    await saveOwnProfile(context.db, user, submission.value, context.config.DATA_ENCRYPTION_KEY);
  } catch (error) {
    const reply = replyWithError(submission, error, []);
    const { source, defaultValue } = formSourceFromFormData(formData);
    const state = await profileFormState(context.db, source, defaultValue);
    return json({ state, result: await reply.json(), stamp: Date.now() }, { status: reply.status });
  }
  return redirect("/profile?saved=1");
}

export default function ProfileRoute() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t, i18n } = useTranslation("profile");
  const [params] = useSearchParams();
  const state = actionData?.state ?? data.state;
  return (
    <section aria-labelledby="profile-title" className="profile-page">
      <h1 id="profile-title">{t("title")}</h1>
      <p>{t("intro")}</p>
      {params.get("saved") && !actionData ? <Notice tone="success">{t("saved")}</Notice> : null}
      {params.get("claimed") && !actionData ? <Notice tone="success">{t("stations:link.linked")}</Notice> : null}
      {data.completeness ? (
        <div className="panel profile-completeness" aria-labelledby="completeness-title">
          <p id="completeness-title">
            <strong>{t("completeness", { percent: data.completeness.percent })}</strong>
          </p>
          <progress max={100} value={data.completeness.percent} aria-labelledby="completeness-title" />
          {data.completeness.missing.length ? (
            <p>
              {t("missingTitle")} {joinList(data.completeness.missing.map((m) => t(`missing.${m}`)), i18n.language)}
            </p>
          ) : null}
        </div>
      ) : (
        <>
          <Notice tone="info">{t("noProfile")}</Notice>
          <p className="panel">
            {t("stations:link.offer")} <Link to="/profile/claim">{t("stations:link.offerLink")}</Link>
          </p>
        </>
      )}
      <ProfileForm
        key={actionData?.stamp ?? "loaded"}
        formId="profile"
        state={state}
        lastResult={actionData?.result ?? undefined}
        provinces={data.provinces}
        storedNationalId={data.nationalId}
        storedPreferentialCard={data.preferentialCard}
        veteranStatusVerified={data.veteranStatusVerified}
        consentRecorded={data.consent}
        submitLabel={t("save")}
      />
      {data.exists ? (
        <section className="panel" aria-labelledby="data-title">
          <h2 id="data-title">{t("data.title")}</h2>
          <p>{t("data.exportHint")}</p>
          <p className="actions">
            <a className="button-secondary" href="/profile/export" download>
              {t("data.export")}
            </a>
            <Link to="/profile/delete">{t("data.delete")}</Link>
          </p>
        </section>
      ) : (
        <p>
          <Link to="/profile/delete">{t("data.delete")}</Link>
        </p>
      )}
    </section>
  );
}
