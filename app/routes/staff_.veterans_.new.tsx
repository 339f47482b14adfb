import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ProfileForm } from "../components/profile-form";
import { assistedProfileSchema } from "../forms/profile";
import { listChildRegions } from "../models/region.server";
import { formSourceFromFormData, profileFormState } from "../models/profile-form.server";
import { saveProfileAssisted } from "../models/veteran-profile-staff.server";
import profileStyles from "../styles/profile.css";
import { readForm } from "../utils/form.server";
import { requireRole } from "../utils/session.server";
import { replyWithError } from "../utils/submission.server";
import { pageMeta } from "../i18n/meta";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: profileStyles }];
export const meta = pageMeta("staffVeteransNew");

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireRole(request, context, "staff", "admin");
  const state = await profileFormState(context.db, { skills: [], desiredRoles: [], desiredRegionCodes: [] }, { visibility: "hidden" });
  return json({ state, provinces: await listChildRegions(context.db, null) });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const staff = await requireRole(request, context, "staff", "admin");
  const formData = await readForm(request, context);
  const { source, defaultValue } = formSourceFromFormData(formData);
  if (formData.get("intent") === "suggest") {
    return json({ state: await profileFormState(context.db, source, defaultValue, { suggest: true }), result: null, stamp: Date.now() });
  }
  const submission = parseWithZod(formData, { schema: assistedProfileSchema });
  if (submission.status !== "success") {
    return json({ state: await profileFormState(context.db, source, defaultValue), result: submission.reply(), stamp: Date.now() }, { status: 400 });
  }
  try {
    const profile = await saveProfileAssisted(context.db, staff, null, submission.value, context.config.DATA_ENCRYPTION_KEY);
    return redirect(`/staff/veterans/${profile.id}?created=1`);
  } catch (error) {
    const reply = replyWithError(submission, error, []);
    return json({ state: await profileFormState(context.db, source, defaultValue), result: await reply.json(), stamp: Date.now() }, { status: reply.status });
  }
}

export default function StaffNewVeteranRoute() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("profile");
  return (
    <section aria-labelledby="new-veteran-title">
      <p>
        <Link to="/staff/veterans">{t("staff.listTitle")}</Link>
      </p>
      <h1 id="new-veteran-title">{t("staff.newTitle")}</h1>
      <ProfileForm
        key={actionData?.stamp ?? "loaded"}
        formId="assisted-profile"
        state={actionData?.state ?? data.state}
        lastResult={actionData?.result ?? undefined}
        provinces={data.provinces}
        assisted
        submitLabel={t("save")}
      />
    </section>
  );
}
