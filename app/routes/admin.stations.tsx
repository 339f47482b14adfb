import { getFormProps, getSelectProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { AuthenticityTokenInput } from "remix-utils/csrf/react";
import { FieldErrors, FormErrors, TextField } from "../components/field";
import { Notice } from "../components/notice";
import { assignStationSchema, STATION_CHOICES, stationSchema } from "../forms/stations";
import { pageMeta } from "../i18n/meta";
import { assignStaffStation, createStation, listStaffWithStations, listStations } from "../models/stations.server";
import { readForm } from "../utils/form.server";
import { requireRole } from "../utils/session.server";
import { replyWithError } from "../utils/submission.server";

export const meta = pageMeta("adminStations");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const admin = await requireRole(request, context, "admin");
  return json({ stations: await listStations(context.db, admin), staff: await listStaffWithStations(context.db, admin) });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const admin = await requireRole(request, context, "admin");
  const formData = await readForm(request, context);
  if (formData.get("intent") === "assign") {
    const submission = parseWithZod(formData, { schema: assignStationSchema });
    if (submission.status !== "success") return json({ intent: "assign" as const, reply: submission.reply(), done: null }, { status: 400 });
    try {
      await assignStaffStation(context.db, admin, { userId: submission.value.userId, stationId: submission.value.stationId ?? null });
      return json({ intent: "assign" as const, reply: submission.reply({ resetForm: true }), done: "assigned" });
    } catch (error) {
      const reply = replyWithError(submission, error, []);
      return json({ intent: "assign" as const, reply: await reply.json(), done: null }, { status: reply.status });
    }
  }
  const submission = parseWithZod(formData, { schema: stationSchema });
  if (submission.status !== "success") return json({ intent: "create" as const, reply: submission.reply(), done: null }, { status: 400 });
  try {
    const station = await createStation(context.db, admin, submission.value);
    return json({ intent: "create" as const, reply: submission.reply({ resetForm: true }), done: station.name });
  } catch (error) {
    const reply = replyWithError(submission, error, []);
    return json({ intent: "create" as const, reply: await reply.json(), done: null }, { status: reply.status });
  }
}

export default function AdminStationsRoute() {
  const { stations, staff } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useTranslation("stations");
  const createResult = result?.intent === "create" ? result : undefined;
  const assignResult = result?.intent === "assign" ? result : undefined;
  const [createForm, createFields] = useForm({
    id: "create-station",
    lastResult: createResult?.reply,
    constraint: getZodConstraint(stationSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: stationSchema }),
    defaultValue: { tier: "county" },
  });
  const [assignForm, assignFields] = useForm({
    id: "assign-station",
    lastResult: assignResult?.reply,
    constraint: getZodConstraint(assignStationSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: assignStationSchema }),
  });
  const tierLabel = (tier: string | null, kind: string) => t(`tiers.${tier ?? (kind === "bureau" ? "bureau" : "county")}`);
  return (
    <section aria-labelledby="stations-title">
      <h1 id="stations-title">{t("admin.title")}</h1>
      <p>{t("admin.intro")}</p>
      {createResult?.done ? <Notice tone="success">{t("admin.created", { name: createResult.done })}</Notice> : null}
      {assignResult?.done ? <Notice tone="success">{t("admin.assigned")}</Notice> : null}

      <h2>{t("admin.stationsTitle")}</h2>
      {stations.length === 0 ? (
        <p className="empty">{t("admin.stationsEmpty")}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">{t("admin.stationsTitle")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("admin.columns.name")}</th>
                <th scope="col">{t("admin.columns.tier")}</th>
                <th scope="col">{t("admin.columns.region")}</th>
                <th scope="col">{t("admin.columns.staff")}</th>
              </tr>
            </thead>
            <tbody>
              {stations.map((s) => (
                <tr key={s.id}>
                  <th scope="row">{s.name}</th>
                  <td>{tierLabel(s.tier, s.kind)}</td>
                  <td>{s.regionCode ? `${s.regionLabel ?? ""} ${s.regionCode}`.trim() : t("national")}</td>
                  <td>{s.staff.length ? s.staff.map((m) => m.displayName).join("、") : t("admin.noStaff")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <h2>{t("admin.staffTitle")}</h2>
      {staff.length === 0 ? (
        <p className="empty">{t("admin.staffEmpty")}</p>
      ) : (
        <ul>
          {staff.map((s) => (
            <li key={s.id}>
              {s.displayName} · {s.email} · {s.station ? s.station.name : t("admin.unassigned")}
            </li>
          ))}
        </ul>
      )}

      {staff.length > 0 && stations.length > 0 ? (
        <>
          <h2>{t("admin.assignTitle")}</h2>
          <Form method="post" {...getFormProps(assignForm)} noValidate className="narrow">
            <AuthenticityTokenInput name="csrf" />
            <input type="hidden" name="intent" value="assign" />
            <FormErrors errors={assignForm.errors} />
            <div className="field">
              <label htmlFor={assignFields.userId.id}>{t("admin.staffAccount")}</label>
              <select {...getSelectProps(assignFields.userId)} key={assignFields.userId.key}>
                <option value="">—</option>
                {staff.map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.displayName} ({s.email})
                  </option>
                ))}
              </select>
              <FieldErrors id={assignFields.userId.errorId} errors={assignFields.userId.errors} t={t} />
            </div>
            <div className="field">
              <label htmlFor={assignFields.stationId.id}>{t("admin.station")}</label>
              <select {...getSelectProps(assignFields.stationId)} key={assignFields.stationId.key}>
                <option value="">{t("admin.noneOption")}</option>
                {stations.map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.name}
                  </option>
                ))}
              </select>
              <FieldErrors id={assignFields.stationId.errorId} errors={assignFields.stationId.errors} t={t} />
            </div>
            <button type="submit" className="button">
              {t("admin.submitAssign")}
            </button>
          </Form>
        </>
      ) : null}

      <h2>{t("admin.createTitle")}</h2>
      <Form method="post" {...getFormProps(createForm)} noValidate className="narrow">
        <AuthenticityTokenInput name="csrf" />
        <input type="hidden" name="intent" value="create" />
        <FormErrors errors={createForm.errors} />
        <TextField field={createFields.name} label={t("admin.name")} />
        <div className="field">
          <label htmlFor={createFields.tier.id}>{t("admin.tier")}</label>
          <select {...getSelectProps(createFields.tier)} key={createFields.tier.key}>
            {STATION_CHOICES.map((c) => (
              <option key={c} value={c}>
                {t(`tiers.${c}`)}
              </option>
            ))}
          </select>
          <FieldErrors id={createFields.tier.errorId} errors={createFields.tier.errors} t={t} />
        </div>
        <TextField field={createFields.regionCode} label={t("admin.regionCode")} hint={t("admin.regionHint")} />
        <button type="submit" className="button">
          {t("admin.submitCreate")}
        </button>
      </Form>
    </section>
  );
}
