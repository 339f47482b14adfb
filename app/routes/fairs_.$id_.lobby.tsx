import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { AuthenticityTokenInput } from "remix-utils/csrf/react";
import { z } from "zod";
import { translateError } from "../components/field";
import { ringForCall, useFairEvents } from "../components/fair-live";
import { FairQueues } from "../components/fair-queues";
import { Notice } from "../components/notice";
import { Salary } from "../components/salary";
import { formatNumber } from "../i18n/format";
import { type Locale } from "../../db/enums";
import { titleFor } from "../i18n/meta";
import { listLobbyBooths, profileOf, regionOptions } from "../models/fair-booths.server";
import { answerCall, getMyFairState, joinQueue, leaveQueue, registerForFair } from "../models/fair-queue.server";
import { getFair } from "../models/fairs.server";
import { categoryOption } from "../models/job-taxonomy.server";
import { fairActionReply } from "../utils/fair-action.server";
import { readForm } from "../utils/form.server";
import { getUser, requireUser } from "../utils/session.server";
import fairStyles from "../styles/fairs.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: fairStyles }];
export const meta: MetaFunction<typeof loader> = (args) => [
  { title: titleFor(args, args.data ? [{ key: "fairLobby" }, { raw: args.data.fair.title }] : [{ key: "fairLobby" }]) },
];

const filterSchema = z.object({
  q: z.string().trim().max(60).optional().catch(undefined),
  trade: z.string().max(60).optional().catch(undefined),
  region: z.string().regex(/^\d{6}$/).optional().catch(undefined),
  salaryMin: z.coerce.number().int().min(0).max(1_000_000).optional().catch(undefined),
  veteranPreferred: z.literal("on").optional().catch(undefined),
});

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const user = await getUser(request, context);
  const { fair, open } = await getFair(context.db, params.id ?? "", user);
  const url = new URL(request.url);
  const filters = filterSchema.parse(Object.fromEntries(url.searchParams));
  const viewer = user?.role === "veteran" ? await profileOf(context.db, user.id) : null;
  const booths = await listLobbyBooths(
    context.db,
    fair.id,
    { q: filters.q, trade: filters.trade || undefined, region: filters.region, salaryMin: filters.salaryMin, veteranPreferred: filters.veteranPreferred === "on" },
    viewer,
  );
  const all = filters.q || filters.trade || filters.region || filters.salaryMin || filters.veteranPreferred ? await listLobbyBooths(context.db, fair.id, {}, null) : booths;
  const trades = [...new Set(all.flatMap((b) => b.trades))].map((id) => categoryOption(id));
  const cityCodes = [...new Set(all.flatMap((b) => b.regionCodes).map((c) => `${c.slice(0, 4)}00`))];
  const cities = await regionOptions(context.db, cityCodes);
  const mine = user ? await getMyFairState(context.db, user, fair.id) : null;
  return json({
    fair: { id: fair.id, title: fair.title, mode: fair.mode, status: fair.status },
    open,
    signedIn: Boolean(user),
    role: user?.role ?? null,
    filters,
    booths: booths.map((b) => ({ ...b, tradeNames: b.trades.map((id) => categoryOption(id)) })),
    trades,
    cities,
    mine,
  });
}

const actionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("register"), familyMember: z.literal("on").optional() }),
  z.object({ intent: z.literal("join"), boothId: z.string() }),
  z.object({ intent: z.literal("leave"), entryId: z.string() }),
  z.object({ intent: z.literal("answer"), entryId: z.string() }),
]);

export async function action({ request, context, params }: ActionFunctionArgs) {
  const user = await requireUser(request, context);
  const parsed = actionSchema.safeParse(Object.fromEntries(await readForm(request, context)));
  if (!parsed.success) return json({ ok: false as const, intent: "", value: null, message: "errors.badForm" }, { status: 400 });
  const input = parsed.data;
  const db = context.db;
  switch (input.intent) {
    case "register":
      return fairActionReply(input.intent, () => registerForFair(db, user, params.id ?? "", { familyMember: input.familyMember === "on" }).then(() => null));
    case "join":
      return fairActionReply(input.intent, () => joinQueue(db, user, input.boothId));
    case "leave":
      return fairActionReply(input.intent, () => leaveQueue(db, user, input.entryId));
    case "answer":
      return fairActionReply(input.intent, async () => {
        const chat = await answerCall(db, user, input.entryId);
        throw redirect(`/fairs/chats/${chat.id}`);
      });
  }
}

export default function FairLobbyRoute() {
  const { fair, open, signedIn, role, filters, booths, trades, cities, mine } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t, i18n } = useTranslation("fairs");
  const { t: tc } = useTranslation();
  const locale = i18n.language as Locale;
  const busy = useNavigation().state !== "idle";
  const live = useFairEvents(fair.id, (kind) => {
    if (kind === "call") ringForCall(t("queue.callTitle"), t("queue.callBody"));
  });
  const activeBooths = new Set(mine?.entries.map((e) => e?.boothId) ?? []);
  return (
    <section aria-labelledby="lobby-title" className="fair lobby">
      <p>
        <Link to={`/fairs/${fair.id}`}>← {t("lobby.backToFair")}</Link>
      </p>
      <h1 id="lobby-title">{t("lobby.title", { title: fair.title })}</h1>
      <p className="muted" aria-live="polite">
        {open ? t("lobby.open") : t("lobby.notOpen")} · {live ? t("lobby.live") : t("lobby.connecting")}
      </p>
      {result && !result.ok ? <Notice tone="error">{translateError(tc, result.message ?? "errors.badForm")}</Notice> : null}
      {result && result.ok && result.intent === "join" ? <Notice tone="success">{t("queue.joined")}</Notice> : null}
      {result && result.ok && result.intent === "register" ? <Notice tone="success">{t("lobby.registered")}</Notice> : null}
      {!signedIn ? (
        <Notice>
          {t("lobby.signInToQueue")} <Link to={`/signin?redirectTo=${encodeURIComponent(`/fairs/${fair.id}/lobby`)}`}>{t("lobby.signIn")}</Link>
        </Notice>
      ) : null}
      {role === "veteran" && mine && !mine.profile ? (
        <Notice tone="warning">
          {t("errors.noProfile")} <Link to="/profile">{t("lobby.makeProfile")}</Link>
        </Notice>
      ) : null}
      {role === "veteran" && mine?.profile && !mine.registration ? (
        <Form method="post" className="panel">
          <AuthenticityTokenInput name="csrf" />
          <input type="hidden" name="intent" value="register" />
          <p>{t("lobby.registerIntro")}</p>
          <label className="checkbox">
            <input type="checkbox" name="familyMember" /> {t("lobby.familyMember")}
          </label>{" "}
          <button type="submit" className="button" disabled={busy}>
            {t("lobby.register")}
          </button>
        </Form>
      ) : null}
      {mine?.profile ? <FairQueues mine={mine} busy={busy} fairId={fair.id} /> : null}

      <h2>{t("lobby.booths")}</h2>
      <Form method="get" className="filters" role="search" aria-label={t("lobby.filters")}>
        <div className="field">
          <label htmlFor="f-q">{t("lobby.search")}</label>
          <input id="f-q" name="q" type="search" defaultValue={filters.q ?? ""} />
        </div>
        <div className="field">
          <label htmlFor="f-trade">{t("lobby.trade")}</label>
          <select id="f-trade" name="trade" defaultValue={filters.trade ?? ""}>
            <option value="">{t("lobby.any")}</option>
            {trades.map((tr) => (
              <option key={tr.id} value={tr.id}>
                {locale === "en" ? tr.nameEn : tr.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="f-region">{t("lobby.region")}</label>
          <select id="f-region" name="region" defaultValue={filters.region ?? ""}>
            <option value="">{t("lobby.any")}</option>
            {cities.map((c) => (
              <option key={c.code} value={c.code}>
                {locale === "en" ? c.nameEn : c.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="f-salary">{t("lobby.salaryMin")}</label>
          <input id="f-salary" name="salaryMin" type="number" min={0} step={500} inputMode="numeric" defaultValue={filters.salaryMin ?? ""} />
        </div>
        <label className="checkbox">
          <input type="checkbox" name="veteranPreferred" defaultChecked={filters.veteranPreferred === "on"} /> {t("lobby.veteranPreferred")}
        </label>
        <button type="submit" className="button button-secondary">
          {t("lobby.filter")}
        </button>
      </Form>
      {booths.length === 0 ? (
        <p className="empty">{t("lobby.noBooths")}</p>
      ) : (
        <ul className="booth-grid" aria-label={t("lobby.booths")}>
          {booths.map((b) => (
            <li key={b.id} className="card booth-card">
              <h3 className="fair-card-title">
                {b.logoUrl ? <img className="booth-logo" src={b.logoUrl} alt="" width={48} height={48} /> : null}{" "}
                <Link to={`/fairs/${fair.id}/booths/${b.id}`}>{b.orgName}</Link>
              </h3>
              <p className="card-meta">
                {b.tradeNames.map((tr) => (locale === "en" ? tr.nameEn : tr.name)).join(locale === "en" ? ", " : "、")}
                {b.veteranPreferred ? <span className="badge badge-accent">{t("lobby.veteranPreferredBadge")}</span> : null}
              </p>
              <p className="card-meta">
                {t("lobby.positions", { count: b.positions, formatted: formatNumber(b.positions, locale) })} · <Salary min={b.salaryMin} max={b.salaryMax} />
              </p>
              {b.score !== null ? <p className="card-meta">{t("lobby.match", { score: Math.round(b.score * 100) })}</p> : null}
              <p className="card-meta" aria-live="polite">
                {t("lobby.waiting", { count: b.waiting })} ·{" "}
                {b.repsAvailable + b.repsBusy === 0 ? t("lobby.noReps") : t("lobby.reps", { available: b.repsAvailable, busy: b.repsBusy })}
                {b.waitMinutes !== null ? ` · ${t("lobby.wait", { minutes: b.waitMinutes })}` : ""}
              </p>
              {role === "veteran" && mine?.profile && open ? (
                activeBooths.has(b.id) ? (
                  <p className="badge">{t("queue.inThisQueue")}</p>
                ) : (
                  <Form method="post">
                    <AuthenticityTokenInput name="csrf" />
                    <input type="hidden" name="intent" value="join" />
                    <input type="hidden" name="boothId" value={b.id} />
                    <button type="submit" className="button" disabled={busy} aria-label={t("queue.joinAt", { org: b.orgName })}>
                      {t("queue.join")}
                    </button>
                  </Form>
                )
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
