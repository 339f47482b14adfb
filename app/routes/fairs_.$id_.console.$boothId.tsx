import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { AuthenticityTokenInput } from "remix-utils/csrf/react";
import { z } from "zod";
import { translateError } from "../components/field";
import { useFairEvents } from "../components/fair-live";
import { Notice } from "../components/notice";
import { beijingLocalToDate } from "../forms/training";
import { formatDateTime } from "../i18n/format";
import { type Locale } from "../../db/enums";
import { titleFor } from "../i18n/meta";
import { addSlots } from "../models/fair-booths.server";
import { SLOT_BATCH_MAX } from "../forms/fairs";
import { callNext, getConsole, setRepStatus } from "../models/fair-queue.server";
import { fairActionReply } from "../utils/fair-action.server";
import { readForm } from "../utils/form.server";
import { requireUser } from "../utils/session.server";
import fairStyles from "../styles/fairs.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: fairStyles }];
export const meta: MetaFunction<typeof loader> = (args) => [
  { title: titleFor(args, args.data ? [{ key: "fairConsole" }, { raw: args.data.booth.orgName }] : [{ key: "fairConsole" }]) },
];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  return json(await getConsole(context.db, user, params.boothId ?? ""));
}

const actionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("status"), status: z.enum(["available", "busy", "away"]) }),
  z.object({ intent: z.literal("call"), entryId: z.string().optional() }),
  z.object({
    intent: z.literal("slots"),
    startsAt: z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, "fairs:errors.dateTime"),
    count: z.coerce.number().int().min(1).max(SLOT_BATCH_MAX),
  }),
]);

export async function action({ request, context, params }: ActionFunctionArgs) {
  const user = await requireUser(request, context);
  const parsed = actionSchema.safeParse(Object.fromEntries(await readForm(request, context)));
  if (!parsed.success) return json({ ok: false as const, intent: "", value: null, message: parsed.error.issues[0]?.message ?? "errors.badForm" }, { status: 400 });
  const input = parsed.data;
  const db = context.db;
  const boothId = params.boothId ?? "";
  switch (input.intent) {
    case "status":
      return fairActionReply(input.intent, () => setRepStatus(db, user, boothId, input.status));
    case "call":
      return fairActionReply(input.intent, async () => {
        const called = await callNext(db, user, boothId, input.entryId || undefined);
        if (called.status === "called" && called.chatId) throw redirect(`/fairs/chats/${called.chatId}`);
        return called.status;
      });
    case "slots":
      return fairActionReply(input.intent, () => addSlots(db, user, boothId, beijingLocalToDate(input.startsAt), input.count));
  }
}

export default function FairConsoleRoute() {
  const { fair, booth, me, reps, queue, chats, slots } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t, i18n } = useTranslation("fairs");
  const { t: tc } = useTranslation();
  const locale = i18n.language as Locale;
  const busy = useNavigation().state !== "idle";
  const live = useFairEvents(fair.id);
  return (
    <section aria-labelledby="console-title" className="fair console">
      <p>
        <Link to={`/fairs/${fair.id}`}>← {fair.title}</Link>
      </p>
      <h1 id="console-title">{t("console.title", { org: booth.orgName })}</h1>
      <p className="muted">
        {fair.open ? t("lobby.open") : t("lobby.notOpen")} · {live ? t("lobby.live") : t("lobby.connecting")}
      </p>
      {result && !result.ok ? <Notice tone="error">{translateError(tc, result.message ?? "errors.badForm")}</Notice> : null}
      {result && result.ok && result.intent === "call" ? (
        <Notice tone={result.value === "empty" ? "info" : "success"}>{result.value === "empty" ? t("console.nobody") : t("console.called")}</Notice>
      ) : null}
      {result && result.ok && result.intent === "slots" ? <Notice tone="success">{t("console.slotsAdded", { count: Number(result.value) })}</Notice> : null}
      <Form method="post" className="fair-actions" aria-label={t("console.myStatus")}>
        <AuthenticityTokenInput name="csrf" />
        <input type="hidden" name="intent" value="status" />
        <span>
          {t("console.myStatus")}: <strong>{t(`repStatus.${me.status}`)}</strong>
        </span>
        {(["available", "busy", "away"] as const).map((s) => (
          <button key={s} type="submit" name="status" value={s} className="button button-secondary" disabled={busy || me.status === s}>
            {t(`repStatus.set.${s}`)}
          </button>
        ))}
      </Form>
      <div className="fair-layout">
        <section aria-labelledby="queue-title">
          <h2 id="queue-title">{t("console.queue", { count: queue.length })}</h2>
          <Form method="post">
            <AuthenticityTokenInput name="csrf" />
            <input type="hidden" name="intent" value="call" />
            <button type="submit" className="button" disabled={busy || !fair.open || queue.every((q) => q.status !== "waiting")}>
              {t("console.callNext")}
            </button>
          </Form>
          {queue.length === 0 ? (
            <p className="empty">{t("console.empty")}</p>
          ) : (
            <ol className="queue-list">
              {queue.map((q) => (
                <li key={q.id} className="card">
                  <p>
                    <strong>
                      #{q.ticket} {q.fullName}
                    </strong>{" "}
                    <span className="badge">{q.source === "on_site" ? t("console.onSite") : t("console.online")}</span>{" "}
                    {q.status === "called" ? <span className="status-pill">{t("console.beingCalled")}</span> : null}
                  </p>
                  <p className="card-meta">
                    {[q.specialty, q.yearsServed ? t("chat.years", { count: q.yearsServed }) : null, q.skills.slice(0, 5).join(locale === "en" ? ", " : "、")]
                      .filter(Boolean)
                      .join(" · ")}
                  </p>
                  {q.status === "waiting" ? (
                    <Form method="post">
                      <AuthenticityTokenInput name="csrf" />
                      <input type="hidden" name="intent" value="call" />
                      <input type="hidden" name="entryId" value={q.id} />
                      <button type="submit" className="button button-secondary" disabled={busy || !fair.open} aria-label={t("console.callThisLabel", { ticket: q.ticket })}>
                        {t("console.callThis")}
                      </button>
                    </Form>
                  ) : null}
                </li>
              ))}
            </ol>
          )}
        </section>
        <aside className="panel" aria-labelledby="chats-title">
          <h2 id="chats-title">{t("console.chats", { count: chats.length })}</h2>
          {chats.length === 0 ? (
            <p className="empty">{t("console.noChats")}</p>
          ) : (
            <ul>
              {chats.map((c) => (
                <li key={c.id}>
                  <Link to={`/fairs/chats/${c.id}`}>{t("console.chatWith", { name: c.fullName })}</Link>
                </li>
              ))}
            </ul>
          )}
          <h2>{t("console.team")}</h2>
          <ul>
            {reps.map((r) => (
              <li key={r.userId}>
                {r.displayName} · {t(`repStatus.${r.status}`)}
              </li>
            ))}
          </ul>
          <h2 id="slots-title">{t("console.slots")}</h2>
          <Form method="post" aria-labelledby="slots-title">
            <AuthenticityTokenInput name="csrf" />
            <input type="hidden" name="intent" value="slots" />
            <div className="field">
              <label htmlFor="slot-start">{t("console.slotStart")}</label>
              <input id="slot-start" name="startsAt" type="datetime-local" required />
            </div>
            <div className="field">
              <label htmlFor="slot-count">{t("console.slotCount", { minutes: fair.slotMinutes })}</label>
              <input id="slot-count" name="count" type="number" min={1} max={SLOT_BATCH_MAX} defaultValue={4} required />
            </div>
            <button type="submit" className="button button-secondary" disabled={busy}>
              {t("console.addSlots")}
            </button>
          </Form>
          {slots.length === 0 ? (
            <p className="empty">{t("booth.noSlots")}</p>
          ) : (
            <ul className="slot-list">
              {slots.map((s) => (
                <li key={s.id}>
                  <time dateTime={s.startsAt}>{formatDateTime(s.startsAt, locale)}</time> · {s.bookedBy ? t("console.bookedBy", { name: s.bookedBy }) : t("console.free")}
                </li>
              ))}
            </ul>
          )}
        </aside>
      </div>
    </section>
  );
}
