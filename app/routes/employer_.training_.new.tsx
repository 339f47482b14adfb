import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Notice } from "../components/notice";
import { TrainingSlotForm } from "../components/training-slot-form";
import { trainingSlotSchema } from "../forms/training";
import { getActingOrganization } from "../models/authz.server";
import { listChildRegions } from "../models/region.server";
import { createOrganizationTrainingSlot, listSkillOptions } from "../models/training-slot.server";
import { readForm } from "../utils/form.server";
import { requireRole } from "../utils/session.server";
import { replyWithError } from "../utils/submission.server";
import trainingStyles from "../styles/training.css";
import { pageMeta } from "../i18n/meta";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: trainingStyles }];
export const meta = pageMeta("employerTrainingNew");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireRole(request, context, "employer");
  const organization = await getActingOrganization(context.db, user.id);
  return json({
    hasOrganization: Boolean(organization),
    provinces: await listChildRegions(context.db, null),
    catalogue: listSkillOptions(),
  });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireRole(request, context, "employer");
  const formData = await readForm(request, context);
  const submission = parseWithZod(formData, { schema: trainingSlotSchema });
  if (submission.status !== "success") return json(submission.reply(), { status: 400 });
  const organization = await getActingOrganization(context.db, user.id);
  if (!organization) return json(submission.reply({ formErrors: ["errors.forbidden"] }), { status: 403 });
  try {
    await createOrganizationTrainingSlot(context.db, user, organization.id, submission.value);
  } catch (error) {
    return replyWithError(submission, error, []);
  }
  return redirect("/employer/training?created=1");
}

export default function NewTrainingSlotRoute() {
  const { hasOrganization, provinces, catalogue } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { t } = useTranslation("training");
  return (
    <section aria-labelledby="new-training-title" className="training-admin narrow-wide">
      <h1 id="new-training-title">{t("form.newTitle")}</h1>
      {hasOrganization ? (
        <TrainingSlotForm mode="create" lastResult={lastResult} provinces={provinces} catalogue={catalogue} />
      ) : (
        <Notice tone="warning">{t("employer.noOrganization")}</Notice>
      )}
    </section>
  );
}
