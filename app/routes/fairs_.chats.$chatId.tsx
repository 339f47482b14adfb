import { publicUrlFor } from "../utils/public-url.server";
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useFetcher, useLoaderData, useNavigation } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { AuthenticityTokenInput } from "remix-utils/csrf/react";
import { z } from "zod";
import { translateError } from "../components/field";
import { useFairEvents } from "../components/fair-live";
import { Notice } from "../components/notice";
import { CANNED_REPLIES, MESSAGE_MAX, OUTCOMES } from "../forms/fairs";
import { formatDateTime } from "../i18n/format";
import { type Locale } from "../../db/enums";
import { titleFor } from "../i18n/meta";
import {
  applyFromChat,
  closeChat,
  getChat,
  handOffChat,
  removeMessage,
  reportMessage,
  requestHelp,
  sendMessage,
  shareContact,
  sitIn,
} from "../models/fair-queue.server";
import { fairActionReply } from "../utils/fair-action.server";
import { readForm } from "../utils/form.server";
import { requireUser } from "../utils/session.server";
import fairStyles from "../styles/fairs.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: fairStyles }];
export const meta: MetaFunction<typeof loader> = (args) => [
  { title: titleFor(args, args.data ? [{ key: "fairChat" }, { raw: args.data.orgName }] : [{ key: "fairChat" }]) },
];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  return json(await getChat(context.db, user, params.chatId ?? ""));
}

const actionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("send"), body: z.string().max(MESSAGE_MAX * 2) }),
  z.object({ intent: z.literal("share") }),
  z.object({ intent: z.literal("apply"), postingId: z.string() }),
  z.object({ intent: z.literal("help") }),
  z.object({ intent: z.literal("sitIn") }),
  z.object({ intent: z.literal("close"), outcome: z.enum(OUTCOMES), postingId: z.string().optional(), notes: z.string().max(4000).optional().default("") }),
  z.object({ intent: z.literal("handoff"), toUserId: z.string() }),
  z.object({ intent: z.literal("report"), messageId: z.coerce.number().int().positive() }),
  z.object({ intent: z.literal("remove"), messageId: z.coerce.number().int().positive() }),
]);

export async function action({ request, context, params }: ActionFunctionArgs) {
  const user = await requireUser(request, context);
  const parsed = actionSchema.safeParse(Object.fromEntries(await readForm(request, context)));
  if (!parsed.success) return json({ ok: false as const, intent: "", value: null, message: "errors.badForm" }, { status: 400 });
  const input = parsed.data;
  const db = context.db;
  const id = params.chatId ?? "";
  switch (input.intent) {
    case "send":
      return fairActionReply(input.intent, () => sendMessage(db, user, id, input.body).then(() => null));
    case "share":
      return fairActionReply(input.intent, () => shareContact(db, user, id));
    case "apply":
      return fairActionReply(input.intent, () => applyFromChat(db, user, id, input.postingId, { publicUrl: publicUrlFor(request, context.config) }));
    case "help":
      return fairActionReply(input.intent, () => requestHelp(db, user, id));
    case "sitIn":
      return fairActionReply(input.intent, () => sitIn(db, user, id));
    case "close":
      return fairActionReply(input.intent, () => closeChat(db, user, id, input.outcome, input.notes, { postingId: input.postingId || null }));
    case "handoff":
      return fairActionReply(input.intent, () => handOffChat(db, user, id, input.toUserId));
    case "report":
      return fairActionReply(input.intent, () => reportMessage(db, user, input.messageId));
    case "remove":
      return fairActionReply(input.intent, () => removeMessage(db, user, input.messageId));
  }
}

const SYSTEM = new Set(["chatStarted", "chatClosed", "handedOff", "applied", "helpRequested", "staffJoined"]);

export default function FairChatRoute() {
  const data = useLoaderData<typeof loader>();
  const { chat, fair, role, orgName, meetingUrl, repName, sitInName, helpRequested, veteran, postings, colleagues, messages } = data;
  const result = useActionData<typeof action>();
  const sender = useFetcher<typeof action>();
  const { t, i18n } = useTranslation("fairs");
  const { t: tc } = useTranslation();
  const locale = i18n.language as Locale;
  const busy = useNavigation().state !== "idle";
  const live = useFairEvents(fair.id);
  const input = useRef<HTMLTextAreaElement>(null);
  const log = useRef<HTMLOListElement>(null);
  const sendError = sender.data && !sender.data.ok ? sender.data.message : null;
  useEffect(() => {
    if (sender.state === "idle" && sender.data?.ok && input.current) input.current.value = "";
  }, [sender.state, sender.data]);
  useEffect(() => {
    log.current?.scrollTo({ top: log.current.scrollHeight });
  }, [messages.length]);
  const open = chat.status === "open" && fair.open;
  const who = (m: (typeof messages)[number]) =>
    m.mine ? t("chat.you") : m.senderRole === "rep" ? (repName ?? orgName) : m.senderRole === "staff" ? (sitInName ?? t("chat.staff")) : veteran.name;
  return (
    <article aria-labelledby="chat-title" className="fair chat">
      <p>
        <Link to={role === "rep" ? `/fairs/${fair.id}/console/${data.boothId}` : `/fairs/${fair.id}/lobby`}>← {role === "rep" ? t("console.back") : t("chat.back")}</Link>
      </p>
      <h1 id="chat-title">{role === "rep" ? t("chat.titleRep", { name: veteran.name }) : t("chat.title", { org: orgName })}</h1>
      <p className="muted">
        {fair.title} · {open ? t("chat.open") : t("chat.closed")}
        {chat.outcome ? ` · ${t(`outcome.${chat.outcome}`)}` : ""} · {live ? t("lobby.live") : t("lobby.connecting")}
      </p>
      {sitInName ? <Notice>{t("chat.sitInNotice", { name: sitInName })}</Notice> : null}
      {result && !result.ok ? <Notice tone="error">{translateError(tc, result.message ?? "errors.badForm")}</Notice> : null}
      {result && result.ok && result.intent === "apply" ? <Notice tone="success">{t("chat.appliedNotice")}</Notice> : null}
      {result && result.ok && result.intent === "close" ? <Notice tone="success">{t("chat.closedNotice")}</Notice> : null}
      <div className="fair-layout">
        <section aria-labelledby="messages-title">
          <h2 id="messages-title" className="visually-hidden">
            {t("chat.messages")}
          </h2>
          <ol className="chat-log" ref={log} aria-live="polite" aria-label={t("chat.messages")}>
            {messages.map((m) =>
              m.senderRole === "system" ? (
                <li key={m.id} className="system">
                  <span className="bubble">{SYSTEM.has(m.body) ? t(`chat.system.${m.body}`) : m.body}</span>
                </li>
              ) : (
                <li key={m.id} className={m.mine ? "mine" : undefined}>
                  <span className="bubble">
                    <span className="chat-who">{who(m)}</span> {m.removedAt ? <em>{t("chat.removed")}</em> : m.body}
                  </span>{" "}
                  <time className="muted small" dateTime={m.createdAt}>
                    {formatDateTime(m.createdAt, locale)}
                  </time>
                  {!m.mine && !m.removedAt && role !== "host" ? (
                    <Form method="post" className="inline-form">
                      <AuthenticityTokenInput name="csrf" />
                      <input type="hidden" name="intent" value="report" />
                      <input type="hidden" name="messageId" value={m.id} />
                      <button type="submit" className="link-button" disabled={busy || Boolean(m.reportedAt)}>
                        {m.reportedAt ? t("chat.reported") : t("chat.report")}
                      </button>
                    </Form>
                  ) : null}
                  {role === "host" && !m.removedAt ? (
                    <Form method="post" className="inline-form">
                      <AuthenticityTokenInput name="csrf" />
                      <input type="hidden" name="intent" value="remove" />
                      <input type="hidden" name="messageId" value={m.id} />
                      <button type="submit" className="link-button" disabled={busy}>
                        {t("chat.remove")}
                      </button>
                    </Form>
                  ) : null}
                </li>
              ),
            )}
          </ol>
          {open && role !== "host" ? (
            <sender.Form method="post" className="chat-send">
              <AuthenticityTokenInput name="csrf" />
              <input type="hidden" name="intent" value="send" />
              <label htmlFor="chat-body">{t("chat.message")}</label>
              <textarea id="chat-body" name="body" ref={input} rows={2} maxLength={MESSAGE_MAX} required aria-describedby={sendError ? "chat-error" : undefined} />
              {sendError ? (
                <p id="chat-error" className="field-errors" role="alert">
                  {translateError(tc, sendError)}
                </p>
              ) : null}
              <button type="submit" className="button" disabled={sender.state !== "idle"}>
                {t("chat.send")}
              </button>
              {role === "rep" ? (
                <div className="fair-actions" aria-label={t("chat.canned")}>
                  {CANNED_REPLIES.map((k) => (
                    <button
                      key={k}
                      type="button"
                      className="button button-secondary"
                      onClick={() => {
                        if (input.current) input.current.value = t(`chat.cannedText.${k}`);
                        input.current?.focus();
                      }}
                    >
                      {t(`chat.cannedLabel.${k}`)}
                    </button>
                  ))}
                </div>
              ) : null}
            </sender.Form>
          ) : null}
        </section>
        <aside className="panel" aria-labelledby="chat-side">
          <h2 id="chat-side">{role === "veteran" ? orgName : t("chat.about")}</h2>
          {role !== "veteran" ? (
            <dl className="facts">
              <dt>{t("chat.name")}</dt>
              <dd>{veteran.name}</dd>
              {veteran.phone ? (
                <>
                  <dt>{t("chat.phone")}</dt>
                  <dd>{veteran.phone}</dd>
                </>
              ) : null}
              {veteran.specialty ? (
                <>
                  <dt>{t("chat.specialty")}</dt>
                  <dd>{veteran.specialty}</dd>
                </>
              ) : null}
              {veteran.skills.length ? (
                <>
                  <dt>{t("chat.skills")}</dt>
                  <dd>{veteran.skills.join(locale === "en" ? ", " : "、")}</dd>
                </>
              ) : null}
              {veteran.yearsServed ? (
                <>
                  <dt>{t("chat.service")}</dt>
                  <dd>{t("chat.years", { count: veteran.yearsServed })}</dd>
                </>
              ) : null}
            </dl>
          ) : null}
          {role === "rep" && !chat.contactShared ? <p className="muted">{t("chat.contactMasked")}</p> : null}
          {meetingUrl ? (
            <p>
              <a href={meetingUrl} target="_blank" rel="noopener noreferrer">
                {t("chat.meeting")}
              </a>
            </p>
          ) : null}
          {role === "veteran" && open ? (
            <>
              {postings.length ? (
                <Form method="post">
                  <AuthenticityTokenInput name="csrf" />
                  <input type="hidden" name="intent" value="apply" />
                  <div className="field">
                    <label htmlFor="apply-posting">{t("chat.applyTo")}</label>
                    <select id="apply-posting" name="postingId">
                      {postings.map((p) => (
                        <option key={p.id} value={p.id}>
                          {p.title}
                        </option>
                      ))}
                    </select>
                  </div>
                  <button type="submit" className="button" disabled={busy || Boolean(chat.applicationId)}>
                    {chat.applicationId ? t("chat.applied") : t("chat.apply")}
                  </button>
                </Form>
              ) : null}
              {!chat.contactShared ? (
                <Form method="post">
                  <AuthenticityTokenInput name="csrf" />
                  <input type="hidden" name="intent" value="share" />
                  <button type="submit" className="button button-secondary" disabled={busy}>
                    {t("chat.share")}
                  </button>
                </Form>
              ) : (
                <p className="muted">{t("chat.shared")}</p>
              )}
              <p>
                <Link to={`/fairs/${fair.id}/booths/${data.boothId}`}>{t("chat.bookInterview")}</Link>
              </p>
              {!helpRequested ? (
                <Form method="post">
                  <AuthenticityTokenInput name="csrf" />
                  <input type="hidden" name="intent" value="help" />
                  <button type="submit" className="button button-secondary" disabled={busy}>
                    {t("chat.askHelp")}
                  </button>
                </Form>
              ) : !sitInName ? (
                <p className="muted">{t("chat.helpAsked")}</p>
              ) : null}
            </>
          ) : null}
          {role === "host" && helpRequested && !sitInName && open ? (
            <Form method="post">
              <AuthenticityTokenInput name="csrf" />
              <input type="hidden" name="intent" value="sitIn" />
              <button type="submit" className="button" disabled={busy}>
                {t("chat.sitIn")}
              </button>
            </Form>
          ) : null}
          {role === "rep" && chat.status === "open" ? (
            <>
              <Form method="post" className="outcome-form">
                <AuthenticityTokenInput name="csrf" />
                <input type="hidden" name="intent" value="close" />
                <fieldset>
                  <legend>{t("chat.outcome")}</legend>
                  {OUTCOMES.map((o) => (
                    <label key={o} className="checkbox">
                      <input type="radio" name="outcome" value={o} required /> {t(`outcome.${o}`)}
                    </label>
                  ))}
                </fieldset>
                {postings.length ? (
                  <div className="field">
                    <label htmlFor="outcome-posting">{t("chat.outcomePosting")}</label>
                    <select id="outcome-posting" name="postingId">
                      {postings.map((p) => (
                        <option key={p.id} value={p.id}>
                          {p.title}
                        </option>
                      ))}
                    </select>
                  </div>
                ) : null}
                <div className="field">
                  <label htmlFor="outcome-notes">{t("chat.notes")}</label>
                  <textarea id="outcome-notes" name="notes" rows={3} maxLength={4000} defaultValue={chat.notes} />
                </div>
                <button type="submit" className="button" disabled={busy}>
                  {t("chat.end")}
                </button>
              </Form>
              {colleagues.length ? (
                <Form method="post">
                  <AuthenticityTokenInput name="csrf" />
                  <input type="hidden" name="intent" value="handoff" />
                  <div className="field">
                    <label htmlFor="handoff-to">{t("chat.handOffTo")}</label>
                    <select id="handoff-to" name="toUserId">
                      {colleagues.map((c) => (
                        <option key={c.userId} value={c.userId}>
                          {c.displayName}
                        </option>
                      ))}
                    </select>
                  </div>
                  <button type="submit" className="button button-secondary" disabled={busy}>
                    {t("chat.handOff")}
                  </button>
                </Form>
              ) : null}
            </>
          ) : null}
          {chat.notes && role !== "veteran" && chat.status !== "open" ? <p className="prewrap">{chat.notes}</p> : null}
        </aside>
      </div>
    </article>
  );
}
