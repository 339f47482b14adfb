import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { AuthenticityTokenInput } from "remix-utils/csrf/react";
import { z } from "zod";
import { translateError } from "../components/field";
import { Notice } from "../components/notice";
import { text } from "../forms/text";
import { titleFor } from "../i18n/meta";
import { isStaff } from "../models/authz.server";
import { boothByToken, checkIn, registerWalkIn } from "../models/fair-onsite.server";
import { isFairOpen } from "../models/fairs.server";
import { fairActionReply } from "../utils/fair-action.server";
import { readForm } from "../utils/form.server";
import { getUser, requireUser } from "../utils/session.server";
import fairStyles from "../styles/fairs.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: fairStyles }];
export const meta: MetaFunction<typeof loader> = (args) => [
  { title: titleFor(args, args.data ? [{ key: "fairCheckIn" }, { raw: args.data.orgName }] : [{ key: "fairCheckIn" }]) },
];

/** /fairs/checkin/:token — where a booth's printed QR code leads: veterans join its queue, staff register walk-ins. */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const user = await getUser(request, context);
  const { booth, fair, orgName } = await boothByToken(context.db, params.token ?? "");
  return json({
    fair: { id: fair.id, title: fair.title },
    boothId: booth.id,
    orgName,
    open: isFairOpen(fair),
    role: user?.role ?? null,
    staff: user ? isStaff(user) : false,
    here: new URL(request.url).pathname,
  });
}

const walkInSchema = z.object({
  intent: z.literal("walkIn"),
  fullName: text(40, { min: 1 }),
  phone: z
    .string()
    .trim()
    .regex(/^$|^1[3-9]\d{9}$/, "fairs:errors.phone")
    .optional()
    .transform((v) => v || null),
  regionCode: z
    .string()
    .trim()
    .regex(/^$|^\d{6}(\d{3})?$/, "fairs:errors.regionCodes")
    .optional()
    .transform((v) => v || null),
  consent: z.literal("on", { errorMap: () => ({ message: "fairs:errors.consentRequired" }) }),
});
const actionSchema = z.discriminatedUnion("intent", [z.object({ intent: z.literal("join") }), walkInSchema]);

export async function action({ request, context, params }: ActionFunctionArgs) {
  const user = await requireUser(request, context);
  const parsed = actionSchema.safeParse(Object.fromEntries(await readForm(request, context)));
  if (!parsed.success) return json({ ok: false as const, intent: "", value: null, message: parsed.error.issues[0]?.message ?? "errors.badForm" }, { status: 400 });
  const input = parsed.data;
  const token = params.token ?? "";
  if (input.intent === "join") return fairActionReply("join", () => checkIn(context.db, user, token));
  return fairActionReply("walkIn", () =>
    registerWalkIn(context.db, user, token, { fullName: input.fullName, phone: input.phone, regionCode: input.regionCode, consent: input.consent === "on" }),
  );
}

export default function FairCheckInRoute() {
  const { fair, boothId, orgName, open, role, staff, here } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useTranslation("fairs");
  const { t: tc } = useTranslation();
  const busy = useNavigation().state !== "idle";
  const joined = result?.ok && result.value && typeof result.value === "object" && "ticket" in result.value ? result.value : null;
  return (
    <article aria-labelledby="checkin-title" className="fair checkin">
      <h1 id="checkin-title">{t("checkin.title", { org: orgName })}</h1>
      <p className="muted">{fair.title}</p>
      {!open ? <Notice tone="warning">{t("errors.fairNotOpen")}</Notice> : null}
      {result && !result.ok ? <Notice tone="error">{translateError(tc, result.message ?? "errors.badForm")}</Notice> : null}
      {joined ? (
        <Notice tone="success">
          {result?.intent === "walkIn" ? t("checkin.walkInDone", { ticket: joined.ticket, position: joined.position }) : t("checkin.joined", { ticket: joined.ticket, position: joined.position })}
        </Notice>
      ) : null}
      {role === null ? (
        <p>
          {t("checkin.signIn")} <Link to={`/signin?redirectTo=${encodeURIComponent(here)}`}>{t("lobby.signIn")}</Link>
        </p>
      ) : null}
      {role === "veteran" && open ? (
        <Form method="post">
          <AuthenticityTokenInput name="csrf" />
          <input type="hidden" name="intent" value="join" />
          <button type="submit" className="button" disabled={busy}>
            {t("checkin.join")}
          </button>
        </Form>
      ) : null}
      {role === "veteran" && joined ? (
        <p>
          <Link to={`/fairs/${fair.id}/booths/${boothId}`}>{t("checkin.seePlace")}</Link>
        </p>
      ) : null}
      {staff && open ? (
        <Form method="post" className="panel" aria-labelledby="walkin-title">
          <h2 id="walkin-title">{t("checkin.walkInTitle")}</h2>
          <p className="muted">{t("checkin.walkInIntro")}</p>
          <AuthenticityTokenInput name="csrf" />
          <input type="hidden" name="intent" value="walkIn" />
          <div className="field">
            <label htmlFor="w-name">{t("checkin.fullName")}</label>
            <input id="w-name" name="fullName" required maxLength={40} autoComplete="off" />
          </div>
          <div className="field">
            <label htmlFor="w-phone">{t("checkin.phone")}</label>
            <input id="w-phone" name="phone" type="tel" inputMode="tel" maxLength={11} autoComplete="off" />
          </div>
          <div className="field">
            <label htmlFor="w-region">{t("form.regionCode")}</label>
            <input id="w-region" name="regionCode" inputMode="numeric" maxLength={9} />
          </div>
          <label className="checkbox">
            <input type="checkbox" name="consent" required /> {t("checkin.consent")}
          </label>
          <button type="submit" className="button" disabled={busy}>
            {t("checkin.register")}
          </button>
        </Form>
      ) : null}
    </article>
  );
}
