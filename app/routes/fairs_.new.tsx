import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FairForm } from "../components/fair-form";
import { Notice } from "../components/notice";
import { fairFormSchema } from "../forms/fairs";
import { canHostFairs, createFair } from "../models/fairs.server";
import { readForm } from "../utils/form.server";
import { requireUser } from "../utils/session.server";
import { replyWithError } from "../utils/submission.server";
import { pageMeta } from "../i18n/meta";

export const meta = pageMeta("fairsNew");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  return json({ canHost: await canHostFairs(context.db, user) });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request, context);
  const submission = parseWithZod(await readForm(request, context), { schema: fairFormSchema });
  if (submission.status !== "success") return json(submission.reply(), { status: 400 });
  try {
    const fair = await createFair(context.db, user, submission.value);
    return redirect(`/fairs/${fair.id}`);
  } catch (error) {
    return replyWithError(submission, error);
  }
}

export default function NewFairRoute() {
  const { canHost } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { t } = useTranslation("fairs");
  return (
    <section aria-labelledby="new-fair-title">
      <h1 id="new-fair-title">{t("form.createTitle")}</h1>
      {canHost ? <FairForm lastResult={lastResult} submitLabel={t("form.submit")} /> : <Notice tone="warning">{t("form.notHost")}</Notice>}
    </section>
  );
}
