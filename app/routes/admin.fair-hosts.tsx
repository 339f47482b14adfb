import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { AuthenticityTokenInput } from "remix-utils/csrf/react";
import { z } from "zod";
import { Notice } from "../components/notice";
import { formatDateTime } from "../i18n/format";
import { type Locale } from "../../db/enums";
import { grantHost, listHostGrants, revokeHost, searchGrantableOrganizations } from "../models/fairs.server";
import { readForm } from "../utils/form.server";
import { requireRole } from "../utils/session.server";
import { pageMeta } from "../i18n/meta";

export const meta = pageMeta("adminFairHosts");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const admin = await requireRole(request, context, "admin");
  const q = (new URL(request.url).searchParams.get("q") ?? "").slice(0, 100);
  const [grants, results] = await Promise.all([listHostGrants(context.db, admin), searchGrantableOrganizations(context.db, admin, q)]);
  return json({ grants, results, q });
}

const schema = z.object({ intent: z.enum(["grant", "revoke"]), organizationId: z.string() });

export async function action({ request, context }: ActionFunctionArgs) {
  const admin = await requireRole(request, context, "admin");
  const parsed = schema.safeParse(Object.fromEntries(await readForm(request, context)));
  if (!parsed.success) return json({ done: null }, { status: 400 });
  if (parsed.data.intent === "grant") await grantHost(context.db, admin, parsed.data.organizationId);
  else await revokeHost(context.db, admin, parsed.data.organizationId);
  return json({ done: parsed.data.intent });
}

export default function AdminFairHostsRoute() {
  const { grants, results, q } = useLoaderData<typeof loader>();
  const done = useActionData<typeof action>();
  const { t, i18n } = useTranslation("fairs");
  const { t: ts } = useTranslation("staff");
  const locale = i18n.language as Locale;
  const busy = useNavigation().state !== "idle";
  const granted = new Set(grants.map((g) => g.organizationId));
  return (
    <section aria-labelledby="hosts-title">
      <h1 id="hosts-title">{t("hosts.title")}</h1>
      <p className="muted">{t("hosts.intro")}</p>
      {done?.done === "grant" ? <Notice tone="success">{t("hosts.granted")}</Notice> : null}
      {done?.done === "revoke" ? <Notice tone="success">{t("hosts.revoked")}</Notice> : null}
      {grants.length === 0 ? (
        <p className="empty">{t("hosts.empty")}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t("hosts.organization")}</th>
                <th scope="col">{t("hosts.kind")}</th>
                <th scope="col">{t("hosts.grantedAt")}</th>
                <th scope="col">{t("hosts.grantedBy")}</th>
                <th scope="col">
                  <span className="visually-hidden">{t("hosts.revoke")}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {grants.map((g) => (
                <tr key={g.organizationId}>
                  <td>{g.name}</td>
                  <td>{ts(`kinds.${g.kind}`)}</td>
                  <td>{formatDateTime(g.grantedAt, locale)}</td>
                  <td>{g.grantedBy ?? "—"}</td>
                  <td>
                    <Form method="post">
                      <AuthenticityTokenInput name="csrf" />
                      <input type="hidden" name="intent" value="revoke" />
                      <input type="hidden" name="organizationId" value={g.organizationId} />
                      <button type="submit" className="button button-secondary" disabled={busy} aria-label={`${t("hosts.revoke")}: ${g.name}`}>
                        {t("hosts.revoke")}
                      </button>
                    </Form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <h2>{t("hosts.grant")}</h2>
      <Form method="get" role="search" className="filters">
        <div className="field">
          <label htmlFor="host-q">{t("hosts.search")}</label>
          <input id="host-q" name="q" type="search" defaultValue={q} />
        </div>
        <button type="submit" className="button button-secondary">
          {t("hosts.searchButton")}
        </button>
      </Form>
      {q && results.length === 0 ? <p className="empty">{t("hosts.noResults")}</p> : null}
      {results.length ? (
        <ul className="card-list">
          {results.map((o) => (
            <li key={o.id} className="card fair-actions">
              <span>
                {o.name} <span className="muted">{ts(`kinds.${o.kind}`)}</span>
              </span>
              {granted.has(o.id) ? null : (
                <Form method="post">
                  <AuthenticityTokenInput name="csrf" />
                  <input type="hidden" name="intent" value="grant" />
                  <input type="hidden" name="organizationId" value={o.id} />
                  <button type="submit" className="button" disabled={busy} aria-label={`${t("hosts.grant")}: ${o.name}`}>
                    {t("hosts.grant")}
                  </button>
                </Form>
              )}
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
