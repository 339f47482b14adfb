import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { AuthenticityTokenInput } from "remix-utils/csrf/react";
import { z } from "zod";
import { translateError } from "../components/field";
import { useFairEvents } from "../components/fair-live";
import { Notice } from "../components/notice";
import { formatNumber } from "../i18n/format";
import { type Locale } from "../../db/enums";
import { titleFor } from "../i18n/meta";
import { decideBooth, listBoothRequests } from "../models/fair-booths.server";
import { fairDashboard } from "../models/fair-report.server";
import { fairActionReply } from "../utils/fair-action.server";
import { readForm } from "../utils/form.server";
import { requireUser } from "../utils/session.server";
import fairStyles from "../styles/fairs.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: fairStyles }];
export const meta: MetaFunction<typeof loader> = (args) => [
  { title: titleFor(args, args.data ? [{ key: "fairDashboard" }, { raw: args.data.fair.title }] : [{ key: "fairDashboard" }]) },
];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const id = params.id ?? "";
  const dashboard = await fairDashboard(context.db, user, id, { watching: context.fairHub?.watching(id) ?? 0 });
  const { requests } = await listBoothRequests(context.db, user, id);
  return json({ ...dashboard, requests: requests.filter((r) => r.status === "requested") });
}

const actionSchema = z.object({
  intent: z.literal("decide"),
  boothId: z.string(),
  decision: z.enum(["approve", "decline"]),
  reason: z.string().trim().max(500).optional(),
});

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request, context);
  const parsed = actionSchema.safeParse(Object.fromEntries(await readForm(request, context)));
  if (!parsed.success) return json({ ok: false as const, intent: "", value: null, message: "errors.badForm" }, { status: 400 });
  const { boothId, decision, reason } = parsed.data;
  return fairActionReply("decide", () => decideBooth(context.db, user, boothId, { approve: decision === "approve", reason: reason || null }));
}

export default function FairDashboardRoute() {
  const { fair, figures, live, booths, help, requests } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t, i18n } = useTranslation("fairs");
  const { t: tc } = useTranslation();
  const locale = i18n.language as Locale;
  const busy = useNavigation().state !== "idle";
  const connected = useFairEvents(fair.id);
  const cards: [string, number][] = [
    ["watching", live.watching],
    ["attendees", figures.attendees],
    ["waiting", figures.waiting],
    ["openChats", live.openChats],
    ["chats", figures.chats],
    ["interviews", figures.interviews],
    ["offers", figures.offers],
    ["signed", figures.signed],
  ];
  return (
    <section aria-labelledby="dash-title" className="fair dashboard">
      <p>
        <Link to={`/fairs/${fair.id}`}>← {fair.title}</Link>
      </p>
      <h1 id="dash-title">{t("dashboard.title")}</h1>
      <p className="muted">
        {fair.title} · {connected ? t("lobby.live") : t("lobby.connecting")}
      </p>
      <p className="fair-actions">
        <Link to={`/fairs/${fair.id}/report`}>{t("detail.report")}</Link>
        <Link to={`/fairs/${fair.id}/qr`}>{t("qr.title")}</Link>
        <Link to={`/fairs/${fair.id}/lobby`}>{t("detail.lobby")}</Link>
      </p>
      {result && !result.ok ? <Notice tone="error">{translateError(tc, result.message ?? "errors.badForm")}</Notice> : null}
      <ul className="fair-figures" aria-label={t("dashboard.live")} aria-live="polite">
        {cards.map(([key, value]) => (
          <li key={key}>
            <strong>{formatNumber(value, locale)}</strong>
            {t(`dashboard.figures.${key}`)}
          </li>
        ))}
      </ul>
      {help.length ? (
        <section aria-labelledby="help-title" className="panel">
          <h2 id="help-title">{t("dashboard.help")}</h2>
          <ul>
            {help.map((h) => (
              <li key={h.chatId}>
                <Link to={`/fairs/chats/${h.chatId}`}>{t("dashboard.helpAt", { org: h.orgName })}</Link>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <h2 id="booths-title">{t("dashboard.booths")}</h2>
      {booths.length === 0 ? (
        <p className="empty">{t("lobby.noBooths")}</p>
      ) : (
        <div className="table-scroll">
          <table aria-labelledby="booths-title">
            <thead>
              <tr>
                <th scope="col">{t("report.columns.booth")}</th>
                <th scope="col">{t("dashboard.figures.waiting")}</th>
                <th scope="col">{t("dashboard.figures.openChats")}</th>
                <th scope="col">{t("dashboard.reps")}</th>
                <th scope="col">{t("report.columns.chats")}</th>
                <th scope="col">{t("report.columns.interviews")}</th>
                <th scope="col">{t("report.columns.signed")}</th>
              </tr>
            </thead>
            <tbody>
              {booths.map((b) => (
                <tr key={b.boothId}>
                  <th scope="row">{b.orgName}</th>
                  <td>{b.waiting}</td>
                  <td>{b.openChats}</td>
                  <td>{t("dashboard.repsState", { available: b.repsAvailable, busy: b.repsBusy, away: b.repsAway })}</td>
                  <td>{b.chats}</td>
                  <td>{b.interviews}</td>
                  <td>{b.signed}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <h2 id="requests-title">{t("detail.booths_requests")}</h2>
      {requests.length === 0 ? (
        <p className="empty">{t("dashboard.noRequests")}</p>
      ) : (
        <ul className="card-list" aria-labelledby="requests-title">
          {requests.map((r) => (
            <li key={r.id} className="card">
              <p>
                <strong>{r.orgName}</strong> {r.requestNote ? `· ${r.requestNote}` : ""}
              </p>
              <Form method="post" className="fair-actions">
                <AuthenticityTokenInput name="csrf" />
                <input type="hidden" name="intent" value="decide" />
                <input type="hidden" name="boothId" value={r.id} />
                <div className="field">
                  <label htmlFor={`reason-${r.id}`}>{t("dashboard.reason")}</label>
                  <input id={`reason-${r.id}`} name="reason" maxLength={500} />
                </div>
                <button type="submit" name="decision" value="approve" className="button" disabled={busy}>
                  {t("dashboard.approve")}
                </button>
                <button type="submit" name="decision" value="decline" className="button button-secondary" disabled={busy}>
                  {t("dashboard.decline")}
                </button>
              </Form>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
