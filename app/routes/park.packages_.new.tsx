import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { useActionData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { PackageForm } from "../components/package-form";
import { packageSchema } from "../forms/incubator";
import { createPackage, requirePark } from "../models/incubator-package.server";
import { readForm } from "../utils/form.server";
import { requireRole } from "../utils/session.server";
import { replyWithError } from "../utils/submission.server";
import trainingStyles from "../styles/training.css";
import { pageMeta } from "../i18n/meta";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: trainingStyles }];
export const meta = pageMeta("parkPackagesNew");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireRole(request, context, "incubator");
  await requirePark(context.db, user);
  return json({});
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireRole(request, context, "incubator");
  const submission = parseWithZod(await readForm(request, context), { schema: packageSchema });
  if (submission.status !== "success") return json(submission.reply(), { status: 400 });
  try {
    await createPackage(context.db, user, submission.value);
  } catch (error) {
    return replyWithError(submission, error, []);
  }
  return redirect("/park/packages?created=1");
}

export default function NewPackageRoute() {
  const lastResult = useActionData<typeof action>();
  const { t } = useTranslation("incubator");
  return (
    <section aria-labelledby="new-package-title" className="training-admin narrow-wide">
      <h1 id="new-package-title">{t("form.newTitle")}</h1>
      <PackageForm lastResult={lastResult} />
    </section>
  );
}
