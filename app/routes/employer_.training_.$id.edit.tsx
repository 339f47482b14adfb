import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { TrainingSlotForm } from "../components/training-slot-form";
import { dateToBeijingLocal, fenToYuan, trainingSlotEditSchema } from "../forms/training";
import { listChildRegions } from "../models/region.server";
import { getTrainingSlotForEdit, listSkillOptions, updateTrainingSlot } from "../models/training-slot.server";
import { readForm } from "../utils/form.server";
import { requireRole } from "../utils/session.server";
import { replyWithError } from "../utils/submission.server";
import trainingStyles from "../styles/training.css";
import { pageMeta } from "../i18n/meta";
import { publicUrlFor } from "../utils/public-url.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: trainingStyles }];
export const meta = pageMeta("employerTrainingIdEdit");

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, context, "employer", "staff", "admin");
  const slot = await getTrainingSlotForEdit(context.db, user, params.id ?? "");
  return json({
    slotId: slot.id,
    defaults: {
      title: slot.title,
      description: slot.description,
      place: slot.place ?? "",
      startsAt: dateToBeijingLocal(slot.startsAt),
      endsAt: dateToBeijingLocal(slot.endsAt),
      capacity: String(slot.capacity),
      fee: fenToYuan(slot.feeFen),
      subsidy: fenToYuan(slot.subsidyFen),
      skills: slot.skills,
      status: (slot.status === "closed" ? "closed" : "published") as "published" | "closed",
      regionCode: slot.regionCode,
      regionName: slot.regionPath.map((r) => r.name).join(" "),
      seatsTaken: slot.seatsTaken,
    },
    provinces: await listChildRegions(context.db, null),
    catalogue: listSkillOptions(),
  });
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const user = await requireRole(request, context, "employer", "staff", "admin");
  const formData = await readForm(request, context);
  const submission = parseWithZod(formData, { schema: trainingSlotEditSchema });
  if (submission.status !== "success") return json(submission.reply(), { status: 400 });
  let promoted = 0;
  try {
    const result = await updateTrainingSlot(context.db, user, params.id ?? "", submission.value, {
      publicUrl: publicUrlFor(request, context.config),
    });
    promoted = result.promoted.length;
  } catch (error) {
    return replyWithError(submission, error, []);
  }
  return redirect(`/employer/training?updated=1${promoted ? `&promoted=${promoted}` : ""}`);
}

export default function EditTrainingSlotRoute() {
  const { defaults, provinces, catalogue } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { t } = useTranslation("training");
  return (
    <section aria-labelledby="edit-training-title" className="training-admin narrow-wide">
      <h1 id="edit-training-title">{t("form.editTitle")}</h1>
      <TrainingSlotForm mode="edit" lastResult={lastResult} provinces={provinces} catalogue={catalogue} defaults={defaults} />
    </section>
  );
}
