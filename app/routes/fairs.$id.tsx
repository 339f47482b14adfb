import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { AuthenticityTokenInput } from "remix-utils/csrf/react";
import { z } from "zod";
import { translateError } from "../components/field";
import { Notice } from "../components/notice";
import { formatDateTime, formatNumber } from "../i18n/format";
import { type Locale } from "../../db/enums";
import { DomainError } from "../models/errors";
import { closeFair, getFair, publishFair } from "../models/fairs.server";
import { myBoothAt, requestBooth } from "../models/fair-booths.server";
import { readForm } from "../utils/form.server";
import { getUser, requireUser } from "../utils/session.server";
import fairStyles from "../styles/fairs.css";
import { titleFor } from "../i18n/meta";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: fairStyles }];
export const meta: MetaFunction<typeof loader> = (args) => [
  { title: titleFor(args, args.data ? [{ raw: args.data.fair.title }, { key: "fair" }] : [{ key: "fair" }]) },
];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const user = await getUser(request, context);
  const fair = await getFair(context.db, params.id ?? "", user);
  const employer = user ? await myBoothAt(context.db, user, fair.fair.id) : null;
  return json({ ...fair, employer });
}

const hostAction = z.object({ intent: z.enum(["publish", "close", "requestBooth"]), note: z.string().trim().max(500).optional() });

export async function action({ request, context, params }: ActionFunctionArgs) {
  const user = await requireUser(request, context);
  const form = Object.fromEntries(await readForm(request, context));
  const parsed = hostAction.safeParse(form);
  if (!parsed.success) return json({ ok: false as const, message: "errors.badForm" }, { status: 400 });
  try {
    if (parsed.data.intent === "publish") await publishFair(context.db, user, params.id ?? "");
    else if (parsed.data.intent === "requestBooth") await requestBooth(context.db, user, params.id ?? "", parsed.data.note || null);
    else await closeFair(context.db, user, params.id ?? "");
    return json({ ok: true as const, intent: parsed.data.intent });
  } catch (error) {
    if (error instanceof DomainError && (error.status === 409 || error.status === 403)) return json({ ok: false as const, message: error.code }, { status: 409 });
    throw error;
  }
}

export default function FairRoute() {
  const { fair, regionName, organizerName, eligibleRegions, figures, positions, open, canManage, employer } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t, i18n } = useTranslation("fairs");
  const { t: tc } = useTranslation();
  const locale = i18n.language as Locale;
  const busy = useNavigation().state !== "idle";
  const figureList: [string, number][] = [
    ["booths", figures.booths],
    ["positions", positions],
    ["registrations", figures.registrations],
    ["attendees", figures.attendees],
    ["chats", figures.chats],
    ["interviews", figures.interviews],
    ["offers", figures.offers],
    ["signed", figures.signed],
  ];
  return (
    <article aria-labelledby="fair-title" className="fair">
      <p>
        <Link to="/fairs">← {t("detail.back")}</Link>
      </p>
      <header>
        <h1 id="fair-title">{fair.title}</h1>
        <p className="card-meta">
          <span className="badge badge-accent">{t(`mode.${fair.mode}`)}</span> <span className="status-pill">{t(`status.${fair.status}`)}</span>
          {open ? <span className="badge">{t("list.running")}</span> : null}
        </p>
      </header>
      {fair.status === "draft" ? <Notice tone="warning">{t("detail.draftNotice")}</Notice> : null}
      {result && result.ok ? (
        <Notice tone="success">{result.intent === "publish" ? t("detail.published") : result.intent === "requestBooth" ? t("detail.boothRequested") : t("detail.closedNotice")}</Notice>
      ) : null}
      {fair.status !== "draft" ? (
        <p className="fair-actions">
          <Link className="button" to={`/fairs/${fair.id}/lobby`}>
            {t("detail.lobby")}
          </Link>
          {employer?.booth?.status === "approved" && employer.isRep ? (
            <Link className="button button-secondary" to={`/fairs/${fair.id}/console/${employer.booth.id}`}>
              {t("detail.console")}
            </Link>
          ) : null}
        </p>
      ) : null}
      {employer && fair.status === "published" ? (
        <section className="panel" aria-labelledby="booth-request-title">
          <h2 id="booth-request-title">{t("detail.myBooth")}</h2>
          {employer.booth ? (
            <p>
              {t(`detail.boothStatus.${employer.booth.status}`)}
              {employer.booth.decisionReason ? ` · ${employer.booth.decisionReason}` : ""}
            </p>
          ) : null}
          {!employer.booth || employer.booth.status === "declined" || employer.booth.status === "withdrawn" ? (
            employer.orgVerified ? (
              <Form method="post">
                <AuthenticityTokenInput name="csrf" />
                <input type="hidden" name="intent" value="requestBooth" />
                <div className="field">
                  <label htmlFor="booth-note">{t("detail.boothNote")}</label>
                  <input id="booth-note" name="note" maxLength={500} />
                </div>
                <button type="submit" className="button" disabled={busy}>
                  {t("detail.requestBooth")}
                </button>
              </Form>
            ) : (
              <p className="muted">{t("errors.orgNotVerified")}</p>
            )
          ) : null}
        </section>
      ) : null}
      {result && !result.ok ? <Notice tone="error">{translateError(tc, result.message)}</Notice> : null}
      <div className="fair-layout">
        <div>
          <dl className="facts">
            <dt>{t("detail.when")}</dt>
            <dd>{t("detail.whenRange", { start: formatDateTime(fair.startsAt, locale), end: formatDateTime(fair.endsAt, locale) })}</dd>
            {fair.venue ? (
              <>
                <dt>{t("detail.where")}</dt>
                <dd>{fair.venue}</dd>
              </>
            ) : null}
            {regionName ? (
              <>
                <dt>{t("detail.region")}</dt>
                <dd>{regionName}</dd>
              </>
            ) : null}
            {organizerName ? (
              <>
                <dt>{t("detail.organizer")}</dt>
                <dd>{organizerName}</dd>
              </>
            ) : null}
            <dt>{t("detail.eligibility")}</dt>
            <dd>
              {eligibleRegions.length
                ? t("detail.eligibleRegions", { regions: eligibleRegions.map((r) => r.name).join(locale === "en" ? ", " : "、") })
                : t("detail.eligibleEverywhere")}
              {" · "}
              {fair.allowFamily ? t("detail.familyAllowed") : t("detail.veteransOnly")}
            </dd>
          </dl>
          {fair.description ? (
            <>
              <h2>{t("detail.description")}</h2>
              <p className="prewrap">{fair.description}</p>
            </>
          ) : null}
          <h2>{t("detail.figures")}</h2>
          <ul className="fair-figures" aria-label={t("detail.figures")}>
            {figureList.map(([key, value]) => (
              <li key={key}>
                <strong>{formatNumber(value, locale)}</strong>
                {t(`detail.${key}`)}
              </li>
            ))}
          </ul>
        </div>
        {canManage ? (
          <aside className="panel" aria-labelledby="manage-title">
            <h2 id="manage-title">{t("detail.manage")}</h2>
            <div className="fair-actions">
              <Link to={`/fairs/${fair.id}/dashboard`}>{t("detail.dashboard")}</Link>
              <Link to={`/fairs/${fair.id}/report`}>{t("detail.report")}</Link>
              <Link to={`/fairs/${fair.id}/qr`}>{t("qr.title")}</Link>
              {fair.status !== "closed" ? (
                <Link className="button button-secondary" to={`/fairs/${fair.id}/edit`}>
                  {t("detail.edit")}
                </Link>
              ) : null}
              {fair.status === "draft" ? (
                <Form method="post">
                  <AuthenticityTokenInput name="csrf" />
                  <input type="hidden" name="intent" value="publish" />
                  <button type="submit" className="button" disabled={busy}>
                    {t("detail.publish")}
                  </button>
                </Form>
              ) : null}
              {fair.status === "published" ? (
                <Form
                  method="post"
                  onSubmit={(e) => {
                    if (!window.confirm(t("detail.closeConfirm"))) e.preventDefault();
                  }}
                >
                  <AuthenticityTokenInput name="csrf" />
                  <input type="hidden" name="intent" value="close" />
                  <button type="submit" className="button button-secondary" disabled={busy}>
                    {t("detail.close")}
                  </button>
                </Form>
              ) : null}
            </div>
          </aside>
        ) : null}
      </div>
    </article>
  );
}
