import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { AuthenticityTokenInput } from "remix-utils/csrf/react";
import { FieldErrors, FormErrors, TextField } from "../components/field";
import { Notice } from "../components/notice";
import { deleteAccountSchema } from "../forms/profile";
import { deleteMyAccount } from "../models/data-rights.server";
import profileStyles from "../styles/profile.css";
import { readForm } from "../utils/form.server";
import { uploadsDir } from "../utils/upload.server";
import { clearSessionCookie, requireRole } from "../utils/session.server";
import { replyWithError } from "../utils/submission.server";
import { pageMeta } from "../i18n/meta";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: profileStyles }];
export const meta = pageMeta("profileDelete");

export async function loader({ request, context }: LoaderFunctionArgs) {
  // Employers and parks own organisations; closing those accounts is a staff matter, not self-service.
  await requireRole(request, context, "veteran");
  return json({});
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireRole(request, context, "veteran");
  const formData = await readForm(request, context);
  const submission = parseWithZod(formData, { schema: deleteAccountSchema });
  if (submission.status !== "success") return json({ result: submission.reply({ hideFields: ["password"] }), done: false }, { status: 400 });
  try {
    await deleteMyAccount(context.db, user, submission.value.password, { uploadRoot: uploadsDir() });
  } catch (error) {
    const reply = replyWithError(submission, error, ["password"]);
    return json({ result: await reply.json(), done: false }, { status: reply.status });
  }
  return json({ result: null, done: true }, { headers: { "Set-Cookie": await clearSessionCookie(context) } });
}

export default function DeleteAccountRoute() {
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("profile");
  const [form, fields] = useForm({
    id: "delete-account",
    lastResult: actionData?.result ?? undefined,
    constraint: getZodConstraint(deleteAccountSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: deleteAccountSchema }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });
  if (actionData?.done) {
    return (
      <section className="narrow" aria-labelledby="delete-title">
        <h1 id="delete-title">{t("delete.title")}</h1>
        <Notice tone="success">{t("delete.done")}</Notice>
        <p>
          <Link to="/">{t("common:errorPage.backHome")}</Link>
        </p>
      </section>
    );
  }
  return (
    <section className="narrow" aria-labelledby="delete-title">
      <h1 id="delete-title">{t("delete.title")}</h1>
      <Notice tone="warning">{t("delete.warning")}</Notice>
      <p>
        <a href="/profile/export" download>
          {t("data.export")}
        </a>
      </p>
      <Form method="post" {...getFormProps(form)} noValidate className="panel danger-zone">
        <AuthenticityTokenInput name="csrf" />
        <FormErrors errors={form.errors} />
        <TextField field={fields.password} label={t("delete.password")} type="password" autoComplete="current-password" />
        <div className="field">
          <label className="choice">
            <input
              type="checkbox"
              name={fields.confirm.name}
              id={fields.confirm.id}
              aria-invalid={fields.confirm.errors ? true : undefined}
              aria-describedby={fields.confirm.errors ? fields.confirm.errorId : undefined}
            />
            {t("delete.confirm")}
          </label>
          <FieldErrors id={fields.confirm.errorId} errors={fields.confirm.errors} t={t} />
        </div>
        <button type="submit" className="button">
          {t("delete.submit")}
        </button>
      </Form>
    </section>
  );
}
