import { getFormProps, getSelectProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { AuthenticityTokenInput } from "remix-utils/csrf/react";
import { FieldErrors, FormErrors, TextField } from "../components/field";
import { Notice } from "../components/notice";
import { createStaffSchema } from "../forms/auth";

import { getLocale } from "../i18n/locale.server";
import { createStaffAccount, listStaffAccounts } from "../models/user.server";
import { readForm } from "../utils/form.server";
import { requireRole } from "../utils/session.server";
import { replyWithError } from "../utils/submission.server";
import { pageMeta } from "../i18n/meta";

export const meta = pageMeta("adminUsers");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const admin = await requireRole(request, context, "admin");
  return json({ accounts: await listStaffAccounts(context.db, admin) });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const admin = await requireRole(request, context, "admin");
  const formData = await readForm(request, context);
  const submission = parseWithZod(formData, { schema: createStaffSchema });
  if (submission.status !== "success") return json({ ...submission.reply({ hideFields: ["password"] }), created: null }, { status: 400 });
  try {
    const locale = await getLocale(request, context);
    const user = await createStaffAccount(context.db, admin, { ...submission.value, locale });
    return json({ ...submission.reply({ resetForm: true }), created: user.email });
  } catch (error) {
    return replyWithError(submission, error, ["password"]);
  }
}

export default function AdminUsersRoute() {
  const { accounts } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { t } = useTranslation();
  const [form, fields] = useForm({
    id: "create-staff",
    lastResult,
    constraint: getZodConstraint(createStaffSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: createStaffSchema }),
    defaultValue: { role: "staff" },
  });
  return (
    <section aria-labelledby="admin-title">
      <h1 id="admin-title">{t("admin.usersTitle")}</h1>
      {lastResult && "created" in lastResult && lastResult.created ? <Notice tone="success">{t("admin.created", { email: lastResult.created })}</Notice> : null}
      {accounts.length === 0 ? (
        <p className="empty">{t("admin.listEmpty")}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t("admin.columns.name")}</th>
                <th scope="col">{t("admin.columns.email")}</th>
                <th scope="col">{t("admin.columns.role")}</th>
              </tr>
            </thead>
            <tbody>
              {accounts.map((a) => (
                <tr key={a.id}>
                  <td>{a.displayName}</td>
                  <td>{a.email}</td>
                  <td>{t(`roles.${a.role}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <h2>{t("admin.createTitle")}</h2>
      <Form method="post" {...getFormProps(form)} noValidate className="narrow">
        <AuthenticityTokenInput name="csrf" />
        <FormErrors errors={form.errors} />
        <div className="field">
          <label htmlFor={fields.role.id}>{t("admin.role")}</label>
          <select {...getSelectProps(fields.role)} key={fields.role.key}>
            <option value="staff">{t("roles.staff")}</option>
            <option value="admin">{t("roles.admin")}</option>
          </select>
          <FieldErrors id={fields.role.errorId} errors={fields.role.errors} t={t} />
        </div>
        <TextField field={fields.displayName} label={t("auth.displayName")} />
        <TextField field={fields.email} label={t("auth.email")} type="email" />
        <TextField field={fields.password} label={t("auth.password")} type="password" hint={t("auth.passwordHint")} autoComplete="new-password" />
        <button type="submit" className="button">
          {t("admin.submitCreate")}
        </button>
      </Form>
    </section>
  );
}
