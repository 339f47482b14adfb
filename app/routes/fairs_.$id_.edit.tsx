import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FairForm } from "../components/fair-form";
import { dateToBeijingLocal } from "../forms/training";
import { fairFormSchema } from "../forms/fairs";
import { requireManagedFair, updateFair } from "../models/fairs.server";
import { readForm } from "../utils/form.server";
import { requireUser } from "../utils/session.server";
import { replyWithError } from "../utils/submission.server";
import { pageMeta } from "../i18n/meta";

export const meta = pageMeta("fairsIdEdit");

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const fair = await requireManagedFair(context.db, user, params.id ?? "");
  return json({
    id: fair.id,
    defaults: {
      title: fair.title,
      description: fair.description,
      mode: fair.mode,
      venue: fair.venue ?? "",
      regionCode: fair.regionCode ?? "",
      startsAt: dateToBeijingLocal(fair.startsAt),
      endsAt: dateToBeijingLocal(fair.endsAt),
      eligibleRegionCodes: fair.eligibleRegionCodes.join(", "),
      allowFamily: fair.allowFamily,
      boothLimit: String(fair.boothLimit),
      slotMinutes: String(fair.slotMinutes),
    },
  });
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const user = await requireUser(request, context);
  const submission = parseWithZod(await readForm(request, context), { schema: fairFormSchema });
  if (submission.status !== "success") return json(submission.reply(), { status: 400 });
  try {
    await updateFair(context.db, user, params.id ?? "", submission.value);
    return redirect(`/fairs/${params.id}`);
  } catch (error) {
    return replyWithError(submission, error);
  }
}

export default function EditFairRoute() {
  const { id, defaults } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { t } = useTranslation("fairs");
  return (
    <section aria-labelledby="edit-fair-title">
      <p>
        <Link to={`/fairs/${id}`}>← {t("detail.back")}</Link>
      </p>
      <h1 id="edit-fair-title">{t("form.editTitle")}</h1>
      <FairForm lastResult={lastResult} defaults={defaults} submitLabel={t("form.save")} />
    </section>
  );
}
