import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { AuthenticityTokenInput } from "remix-utils/csrf/react";
import { z } from "zod";
import { translateError } from "../components/field";
import { ringForCall, useFairEvents } from "../components/fair-live";
import { FairQueues } from "../components/fair-queues";
import { Notice } from "../components/notice";
import { Salary } from "../components/salary";
import { formatDateTime } from "../i18n/format";
import { type Locale } from "../../db/enums";
import { titleFor } from "../i18n/meta";
import { listLobbyBooths, profileOf } from "../models/fair-booths.server";
import { bookSlot, cancelSlot, freeSlots, getMyFairState, joinQueue } from "../models/fair-queue.server";
import { getFair } from "../models/fairs.server";
import { NotFoundError } from "../models/errors";
import { fairActionReply } from "../utils/fair-action.server";
import { readForm } from "../utils/form.server";
import { getUser, requireUser } from "../utils/session.server";
import fairStyles from "../styles/fairs.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: fairStyles }];
export const meta: MetaFunction<typeof loader> = (args) => [
  { title: titleFor(args, args.data ? [{ raw: args.data.booth.orgName }, { raw: args.data.fair.title }] : [{ key: "fair" }]) },
];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const user = await getUser(request, context);
  const { fair, open } = await getFair(context.db, params.id ?? "", user);
  const viewer = user?.role === "veteran" ? await profileOf(context.db, user.id) : null;
  const booth = (await listLobbyBooths(context.db, fair.id, {}, viewer)).find((b) => b.id === params.boothId);
  if (!booth) throw new NotFoundError();
  const [slots, mine] = await Promise.all([freeSlots(context.db, booth.id), user ? getMyFairState(context.db, user, fair.id) : null]);
  return json({
    fair: { id: fair.id, title: fair.title },
    open,
    role: user?.role ?? null,
    booth,
    slots,
    mine,
  });
}

const actionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("join") }),
  z.object({ intent: z.literal("book"), slotId: z.string() }),
  z.object({ intent: z.literal("cancel"), slotId: z.string() }),
]);

export async function action({ request, context, params }: ActionFunctionArgs) {
  const user = await requireUser(request, context);
  const parsed = actionSchema.safeParse(Object.fromEntries(await readForm(request, context)));
  if (!parsed.success) return json({ ok: false as const, intent: "", value: null, message: "errors.badForm" }, { status: 400 });
  const input = parsed.data;
  const db = context.db;
  switch (input.intent) {
    case "join":
      return fairActionReply(input.intent, () => joinQueue(db, user, params.boothId ?? ""));
    case "book":
      return fairActionReply(input.intent, () => bookSlot(db, user, input.slotId).then(() => null));
    case "cancel":
      return fairActionReply(input.intent, () => cancelSlot(db, user, input.slotId));
  }
}

export default function FairBoothRoute() {
  const { fair, open, role, booth, slots, mine } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t, i18n } = useTranslation("fairs");
  const { t: tc } = useTranslation();
  const locale = i18n.language as Locale;
  const busy = useNavigation().state !== "idle";
  useFairEvents(fair.id, (kind) => {
    if (kind === "call") ringForCall(t("queue.callTitle"), t("queue.callBody"));
  });
  const inQueue = mine?.entries.some((e) => e?.boothId === booth.id) ?? false;
  const myHere = mine?.slots.filter((s) => s.orgName === booth.orgName) ?? [];
  const veteran = role === "veteran" && Boolean(mine?.profile);
  return (
    <article aria-labelledby="booth-title" className="fair booth">
      <p>
        <Link to={`/fairs/${fair.id}/lobby`}>← {t("booth.back")}</Link>
      </p>
      <h1 id="booth-title">
        {booth.logoUrl ? <img className="booth-logo" src={booth.logoUrl} alt="" width={48} height={48} /> : null} {booth.orgName}
      </h1>
      <p className="muted">{fair.title}</p>
      {result && !result.ok ? <Notice tone="error">{translateError(tc, result.message ?? "errors.badForm")}</Notice> : null}
      {result && result.ok && result.intent === "join" ? <Notice tone="success">{t("queue.joined")}</Notice> : null}
      {result && result.ok && result.intent === "book" ? <Notice tone="success">{t("booth.booked")}</Notice> : null}
      {result && result.ok && result.intent === "cancel" ? <Notice tone="success">{t("booth.cancelled")}</Notice> : null}
      <div className="fair-layout">
        <div>
          {booth.intro ? <p className="prewrap">{booth.intro}</p> : null}
          <p className="card-meta" aria-live="polite">
            {t("lobby.waiting", { count: booth.waiting })} ·{" "}
            {booth.repsAvailable + booth.repsBusy === 0 ? t("lobby.noReps") : t("lobby.reps", { available: booth.repsAvailable, busy: booth.repsBusy })}
            {booth.waitMinutes !== null ? ` · ${t("lobby.wait", { minutes: booth.waitMinutes })}` : ""}
          </p>
          {booth.score !== null ? <p>{t("lobby.match", { score: Math.round(booth.score * 100) })}</p> : null}
          {booth.livestreamUrl ? (
            <p>
              <a href={booth.livestreamUrl} target="_blank" rel="noopener noreferrer">
                {t("booth.livestream")}
              </a>
            </p>
          ) : null}
          <h2>{t("booth.postings")}</h2>
          {booth.postings.length === 0 ? (
            <p className="empty">{t("booth.noPostings")}</p>
          ) : (
            <ul>
              {booth.postings.map((p) => (
                <li key={p.id}>
                  <Link to={`/jobs/${p.id}`}>{p.title}</Link>
                </li>
              ))}
            </ul>
          )}
          <p className="card-meta">
            <Salary min={booth.salaryMin} max={booth.salaryMax} />
          </p>
          {veteran && open ? (
            inQueue ? (
              <p className="badge">{t("queue.inThisQueue")}</p>
            ) : (
              <Form method="post">
                <AuthenticityTokenInput name="csrf" />
                <input type="hidden" name="intent" value="join" />
                <button type="submit" className="button" disabled={busy}>
                  {t("queue.join")}
                </button>
              </Form>
            )
          ) : null}
          <h2>{t("booth.slots")}</h2>
          {myHere.length ? (
            <ul>
              {myHere.map((s) => (
                <li key={s.id}>
                  {t("booth.yourSlot", { time: formatDateTime(s.startsAt, locale) })}{" "}
                  <Form method="post" className="inline-form">
                    <AuthenticityTokenInput name="csrf" />
                    <input type="hidden" name="intent" value="cancel" />
                    <input type="hidden" name="slotId" value={s.id} />
                    <button type="submit" className="button button-secondary" disabled={busy}>
                      {t("booth.cancel")}
                    </button>
                  </Form>
                </li>
              ))}
            </ul>
          ) : null}
          {slots.length === 0 ? (
            <p className="empty">{t("booth.noSlots")}</p>
          ) : (
            <ul className="slot-list" aria-label={t("booth.slots")}>
              {slots.map((s) => (
                <li key={s.id}>
                  <time dateTime={s.startsAt}>{formatDateTime(s.startsAt, locale)}</time>
                  {veteran ? (
                    <Form method="post" className="inline-form">
                      <AuthenticityTokenInput name="csrf" />
                      <input type="hidden" name="intent" value="book" />
                      <input type="hidden" name="slotId" value={s.id} />
                      <button type="submit" className="button button-secondary" disabled={busy} aria-label={t("booth.bookAt", { time: formatDateTime(s.startsAt, locale) })}>
                        {t("booth.book")}
                      </button>
                    </Form>
                  ) : null}
                </li>
              ))}
            </ul>
          )}
        </div>
        {mine?.profile ? <FairQueues mine={mine} busy={busy} fairId={fair.id} /> : null}
      </div>
    </article>
  );
}
