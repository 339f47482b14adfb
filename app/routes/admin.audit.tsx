// The audit log for administrators (issue 12 item 6): who read or changed whose personal data, with filters.
import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { Pagination } from "../components/pagination";
import { chinaDayStart } from "../forms/outcomes";
import type { Locale } from "../../db/enums";
import { formatDateTime } from "../i18n/format";
import { pageMeta } from "../i18n/meta";
import { listAuditLog } from "../models/audit-log.server";
import { AUDIT_ACTIONS, type AuditAction } from "../models/authz.server";
import { requireRole } from "../utils/session.server";
import staffStyles from "../styles/staff.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: staffStyles }];
export const meta = pageMeta("adminAudit");

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const querySchema = z.object({
  actor: z.string().trim().max(100).optional().catch(undefined),
  action: z
    .string()
    .refine((a): a is AuditAction => a in AUDIT_ACTIONS)
    .optional()
    .catch(undefined),
  subjectType: z
    .string()
    .refine((t) => Object.values(AUDIT_ACTIONS).includes(t as never))
    .optional()
    .catch(undefined),
  subjectId: z.string().trim().max(100).optional().catch(undefined),
  personal: z.literal("on").optional().catch(undefined),
  from: z.string().regex(DAY).optional().catch(undefined),
  to: z.string().regex(DAY).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).optional().catch(undefined),
});

export async function loader({ request, context }: LoaderFunctionArgs) {
  const admin = await requireRole(request, context, "admin");
  const raw = Object.fromEntries([...new URL(request.url).searchParams].filter(([, v]) => v !== ""));
  const q = querySchema.parse(raw);
  const result = await listAuditLog(context.db, admin, {
    actor: q.actor || undefined,
    action: q.action as AuditAction | undefined,
    subjectType: q.subjectType,
    subjectId: q.subjectId || undefined,
    personalOnly: q.personal === "on",
    from: q.from ? chinaDayStart(q.from) : undefined,
    to: q.to ? new Date(chinaDayStart(q.to).getTime() + 86_400_000) : undefined,
    page: q.page,
  });
  return json({ ...result, query: q, actions: Object.keys(AUDIT_ACTIONS), subjectTypes: [...new Set(Object.values(AUDIT_ACTIONS))].sort() });
}

export default function AdminAuditRoute() {
  const { entries, total, page, pageCount, query, actions, subjectTypes } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation("staff");
  const locale = i18n.language as Locale;
  return (
    <section aria-labelledby="audit-title">
      <h1 id="audit-title">{t("audit.title")}</h1>
      <p className="muted">{t("audit.intro")}</p>
      <Form method="get" className="outcome-filters" aria-label={t("audit.filters")}>
        <div className="field">
          <label htmlFor="audit-actor">{t("audit.actor")}</label>
          <input id="audit-actor" name="actor" type="search" defaultValue={query.actor ?? ""} maxLength={100} />
        </div>
        <div className="field">
          <label htmlFor="audit-action">{t("audit.action")}</label>
          <select id="audit-action" name="action" defaultValue={query.action ?? ""}>
            <option value="">{t("audit.anyAction")}</option>
            {actions.map((a) => (
              <option key={a} value={a}>
                {a}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="audit-subject-type">{t("audit.subjectType")}</label>
          <select id="audit-subject-type" name="subjectType" defaultValue={query.subjectType ?? ""}>
            <option value="">{t("audit.anySubject")}</option>
            {subjectTypes.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="audit-subject-id">{t("audit.subjectId")}</label>
          <input id="audit-subject-id" name="subjectId" defaultValue={query.subjectId ?? ""} maxLength={100} />
        </div>
        <div className="field">
          <label htmlFor="audit-from">{t("audit.from")}</label>
          <input id="audit-from" name="from" type="date" defaultValue={query.from ?? ""} />
        </div>
        <div className="field">
          <label htmlFor="audit-to">{t("audit.to")}</label>
          <input id="audit-to" name="to" type="date" defaultValue={query.to ?? ""} />
        </div>
        <div className="field checkbox">
          <input id="audit-personal" name="personal" type="checkbox" defaultChecked={query.personal === "on"} />
          <label htmlFor="audit-personal">{t("audit.personalOnly")}</label>
        </div>
        <button type="submit" className="button">
          {t("audit.apply")}
        </button>
        <Link to="/admin/audit">{t("audit.reset")}</Link>
      </Form>
      {entries.length === 0 ? (
        <p className="empty">{t("audit.empty")}</p>
      ) : (
        <div className="table-scroll" role="region" aria-labelledby="audit-caption" tabIndex={0}>
          <table className="outcome-table audit-table">
            <caption id="audit-caption">{t("audit.caption", { count: total })}</caption>
            <thead>
              <tr>
                <th scope="col">{t("audit.at")}</th>
                <th scope="col">{t("audit.who")}</th>
                <th scope="col">{t("audit.what")}</th>
                <th scope="col">{t("audit.subject")}</th>
                <th scope="col">{t("audit.person")}</th>
                <th scope="col">{t("audit.personal")}</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((e) => (
                <tr key={e.id}>
                  <th scope="row">{formatDateTime(e.at, locale)}</th>
                  <td>{e.actor ? `${e.actor.name} <${e.actor.email}>` : t("audit.commandLine")}</td>
                  <td>
                    <code>{e.action}</code>
                  </td>
                  <td>
                    {e.subjectType}
                    {e.subjectId ? <span className="muted"> {e.subjectId}</span> : null}
                  </td>
                  <td>{e.person ?? "—"}</td>
                  <td>{e.personalData ? t("audit.yes") : ""}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination page={page} pageCount={pageCount} />
    </section>
  );
}
