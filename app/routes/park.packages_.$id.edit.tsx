import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { PackageForm } from "../components/package-form";
import { basisPointsToPercent, packageSchema } from "../forms/incubator";
import { fenToYuan } from "../forms/training";
import { getPackageForEdit, updatePackage } from "../models/incubator-package.server";
import { readForm } from "../utils/form.server";
import { requireRole } from "../utils/session.server";
import { replyWithError } from "../utils/submission.server";
import trainingStyles from "../styles/training.css";
import { pageMeta } from "../i18n/meta";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: trainingStyles }];
export const meta = pageMeta("parkPackagesIdEdit");

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, context, "incubator", "staff", "admin");
  const p = await getPackageForEdit(context.db, user, params.id ?? "");
  return json({
    defaults: {
      kind: p.kind,
      title: p.title,
      description: p.description,
      capacity: String(p.capacity),
      desks: p.desks === null ? "" : String(p.desks),
      mentoringHours: String(p.mentoringHours),
      termMonths: String(p.termMonths),
      price: fenToYuan(p.priceFen),
      subsidyKind: p.subsidyKind,
      subsidy: p.subsidyKind === "amount" ? fenToYuan(p.subsidyValue) : p.subsidyKind === "percent" ? basisPointsToPercent(p.subsidyValue) : "",
      subsidyPayer: p.subsidyPayer ?? "",
      requirements: p.requirements,
      intakeDates: p.intakeDates.join(", "),
      status: p.status,
    },
  });
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const user = await requireRole(request, context, "incubator", "staff", "admin");
  const submission = parseWithZod(await readForm(request, context), { schema: packageSchema });
  if (submission.status !== "success") return json(submission.reply(), { status: 400 });
  try {
    await updatePackage(context.db, user, params.id ?? "", submission.value);
  } catch (error) {
    return replyWithError(submission, error, []);
  }
  return redirect("/park/packages?saved=1");
}

export default function EditPackageRoute() {
  const { defaults } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { t } = useTranslation("incubator");
  return (
    <section aria-labelledby="edit-package-title" className="training-admin narrow-wide">
      <h1 id="edit-package-title">{t("form.editTitle")}</h1>
      <PackageForm lastResult={lastResult} defaults={defaults} />
    </section>
  );
}
