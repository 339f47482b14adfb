import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useLocation, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { AuthenticityTokenInput } from "remix-utils/csrf/react";
import { translateError } from "../components/field";
import { Notice } from "../components/notice";
import { enrolmentActionSchema } from "../forms/training";
import { formatDateTime, formatFen, formatNumber } from "../i18n/format";
import { type Locale } from "../../db/enums";
import { DomainError } from "../models/errors";
import { cancelEnrollment, enrol } from "../models/training-enrolment.server";
import { getTrainingSlotPage } from "../models/training-slot.server";
import { readForm } from "../utils/form.server";
import { getUser, requireUser } from "../utils/session.server";
import trainingStyles from "../styles/training.css";
import { titleFor } from "../i18n/meta";
import { regionPathLabel } from "../components/region-name";
import { publicUrlFor } from "../utils/public-url.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: trainingStyles }];
export const meta: MetaFunction<typeof loader> = (args) => [
  { title: titleFor(args, args.data ? [{ raw: args.data.slot.title }, { key: "training" }] : [{ key: "training" }]) },
];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const user = await getUser(request, context);
  return json(await getTrainingSlotPage(context.db, params.id ?? "", user));
}

type Outcome =
  | { kind: "enrolled" | "alreadyEnrolled" | "cancelled" | "leftWaitlist" | "alreadyCancelled" }
  | { kind: "waitlisted" | "alreadyWaitlisted"; position: number }
  | { kind: "error"; message: string };

export async function action({ request, context, params }: ActionFunctionArgs) {
  const user = await requireUser(request, context);
  const formData = await readForm(request, context);
  const submission = parseWithZod(formData, { schema: enrolmentActionSchema });
  if (submission.status !== "success") return json<Outcome>({ kind: "error", message: "errors.badForm" }, { status: 400 });
  const ctx = { publicUrl: publicUrlFor(request, context.config) };
  try {
    if (submission.value.intent === "enrol") {
      const r = await enrol(context.db, user, params.id ?? "", ctx);
      if (r.status === "enrolled") return json<Outcome>({ kind: r.already ? "alreadyEnrolled" : "enrolled" });
      return json<Outcome>({ kind: r.already ? "alreadyWaitlisted" : "waitlisted", position: r.position });
    }
    const r = await cancelEnrollment(context.db, user, submission.value.enrollmentId, ctx);
    const kind = r.previous === "enrolled" ? "cancelled" : r.previous === "waitlisted" ? "leftWaitlist" : "alreadyCancelled";
    return json<Outcome>({ kind });
  } catch (error) {
    if (error instanceof DomainError) return json<Outcome>({ kind: "error", message: error.code }, { status: error.status });
    throw error;
  }
}

function OutcomeNotice({ outcome }: { outcome: Outcome }) {
  const { t } = useTranslation("training");
  const { t: tc } = useTranslation();
  if (outcome.kind === "error") return <Notice tone="error">{translateError(tc, outcome.message)}</Notice>;
  if (outcome.kind === "waitlisted" || outcome.kind === "alreadyWaitlisted") {
    return <Notice tone="warning">{t(`result.${outcome.kind}`, { position: outcome.position })}</Notice>;
  }
  return <Notice tone={outcome.kind === "alreadyCancelled" ? "info" : "success"}>{t(`result.${outcome.kind}`)}</Notice>;
}

export default function TrainingSlotRoute() {
  const { slot, fee, organization, regionPath, skills, viewer, viewerCanEdit } = useLoaderData<typeof loader>();
  const outcome = useActionData<typeof action>();
  const { t, i18n } = useTranslation("training");
  const location = useLocation();
  const navigation = useNavigation();
  const busy = navigation.state !== "idle";
  const locale = i18n.language as Locale;
  const en = locale === "en";
  const enrollment = viewer.kind === "veteran" ? viewer.enrollment : null;
  const active = enrollment && enrollment.status !== "cancelled" ? enrollment : null;

  const feeText =
    fee.kind === "free"
      ? t("fee.free")
      : fee.kind === "freeForVeterans"
        ? t("fee.freeForVeterans")
        : fee.kind === "subsidised"
          ? t("fee.subsidised", { net: formatFen(fee.netFen, locale, slot.currency) })
          : t("fee.paid", { fee: formatFen(fee.feeFen, locale, slot.currency) });

  return (
    <article className="training-detail" aria-labelledby="training-title">
      <p>
        <Link to="/training">← {t("detail.back")}</Link>
      </p>
      <header className="training-head">
        <h1 id="training-title">{slot.title}</h1>
        <p className="muted">
          {organization.name}
          {organization.verified ? <span className="badge">{t("detail.verified")}</span> : null}
        </p>
        <p className="training-pills">
          <span className="status-pill">{t(slot.open ? "status.published" : slot.status === "published" ? "status.started" : `status.${slot.status}`)}</span>
          {fee.kind === "free" || fee.kind === "freeForVeterans" ? <span className="badge badge-accent">{feeText}</span> : null}
        </p>
      </header>

      <div className="training-layout">
        <div>
          <dl className="facts">
            <dt>{t("detail.schedule")}</dt>
            <dd>{t("detail.scheduleRange", { start: formatDateTime(slot.startsAt, locale), end: formatDateTime(slot.endsAt, locale) })}</dd>
            <dt>{t("detail.place")}</dt>
            <dd>{slot.place}</dd>
            <dt>{t("detail.region")}</dt>
            <dd>{regionPathLabel(regionPath, locale)}</dd>
            <dt>{t("detail.seatsLeft")}</dt>
            <dd data-testid="seats-left">
              {slot.seatsLeft > 0
                ? t("detail.seatsLeftValue", { left: formatNumber(slot.seatsLeft, locale), capacity: formatNumber(slot.capacity, locale) })
                : t("detail.full")}
            </dd>
            {slot.waitlisted > 0 ? (
              <>
                <dt>{t("detail.waitlistCount")}</dt>
                <dd>{formatNumber(slot.waitlisted, locale)}</dd>
              </>
            ) : null}
            <dt>{t("detail.fee")}</dt>
            <dd>{formatFen(fee.feeFen, locale, slot.currency)}</dd>
            {fee.subsidyFen > 0 ? (
              <>
                <dt>{t("detail.subsidy")}</dt>
                <dd>{formatFen(fee.subsidyFen, locale, slot.currency)}</dd>
              </>
            ) : null}
            <dt>{t("detail.youPay")}</dt>
            <dd>{fee.kind === "freeForVeterans" ? t("fee.freeForVeterans") : formatFen(fee.netFen, locale, slot.currency)}</dd>
          </dl>
          {skills.length ? (
            <>
              <h2>{t("detail.skills")}</h2>
              <ul className="training-skills-list">
                {skills.map((s) => (
                  <li key={s.id} className="badge">
                    {en ? s.nameEn : s.name}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
          {slot.description ? (
            <>
              <h2>{t("detail.description")}</h2>
              <p className="training-description">{slot.description}</p>
            </>
          ) : null}
        </div>

        <aside className="panel training-enrol" aria-labelledby="enrol-title">
          <h2 id="enrol-title">{t("enrol.title")}</h2>
          {outcome ? <OutcomeNotice outcome={outcome} /> : null}
          {viewer.kind === "anonymous" ? (
            <Link className="button" to={`/signin?redirectTo=${encodeURIComponent(location.pathname)}`}>
              {t("enrol.signIn")}
            </Link>
          ) : viewer.kind === "notVeteran" ? (
            <p>{t("enrol.notVeteran")}</p>
          ) : viewer.kind === "noProfile" ? (
            <>
              <p>{t("enrol.noProfile")}</p>
              <Link className="button" to="/profile">
                {t("enrol.createProfile")}
              </Link>
            </>
          ) : active ? (
            <>
              <p role="status">
                {active.status === "enrolled" ? t("enrol.youAreEnrolled") : t("enrol.youAreWaitlisted", { position: active.position ?? 1 })}
              </p>
              <Form method="post">
                <AuthenticityTokenInput name="csrf" />
                <input type="hidden" name="intent" value="cancel" />
                <input type="hidden" name="enrollmentId" value={active.id} />
                <button type="submit" className="button button-secondary" disabled={busy}>
                  {active.status === "enrolled" ? t("enrol.cancel") : t("enrol.leaveWaitlist")}
                </button>
              </Form>
            </>
          ) : !slot.open ? (
            <p>{t("enrol.closed")}</p>
          ) : (
            <>
              {enrollment?.status === "cancelled" && !outcome ? <p>{t("enrol.youCancelled")}</p> : null}
              <Form method="post">
                <AuthenticityTokenInput name="csrf" />
                <input type="hidden" name="intent" value="enrol" />
                <button type="submit" className="button" disabled={busy}>
                  {slot.seatsLeft > 0 ? t("enrol.button") : t("enrol.joinWaitlist")}
                </button>
              </Form>
            </>
          )}
          {viewerCanEdit ? (
            <p>
              <Link to={`/employer/training/${slot.id}/edit`}>{t("detail.edit")}</Link>
            </p>
          ) : null}
        </aside>
      </div>
    </article>
  );
}
