import { publicUrlFor } from "../utils/public-url.server";
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Field, IntentForm, IntentOutcome, Timeline } from "../components/incubator-ui";
import { formatDate, formatDateTime, formatFen } from "../i18n/format";
import type { Locale } from "../../db/enums";
import { assignReviewers, decideApplication, getParkApplication, parkMembers, setPitchDate } from "../models/incubator-application.server";
import { completeTask, getChecklist } from "../models/incubator-onboarding.server";
import {
  applicationPaymentsForPark,
  approveOfflinePayment,
  confirmOfflinePayment,
  issueFapiao,
  refundPayment,
  rejectTransferProof,
} from "../models/incubator-payment.server";
import { DomainError } from "../models/errors";
import { readForm } from "../utils/form.server";
import { runIntent, textField, yuanField } from "../utils/intent.server";
import { requireRole } from "../utils/session.server";
import trainingStyles from "../styles/training.css";
import { titleFor } from "../i18n/meta";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: trainingStyles }];
export const meta: MetaFunction<typeof loader> = (args) => [
  { title: titleFor(args, args.data ? [{ raw: args.data.app.venture.name }, { key: "parkApplications" }] : [{ key: "parkApplications" }]) },
];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, context, "incubator");
  const id = params.id ?? "";
  const app = await getParkApplication(context.db, user, id);
  const [members, checklist, payments] = await Promise.all([
    parkMembers(context.db, user, app.organizationId),
    app.status === "accepted" ? getChecklist(context.db, user, id) : Promise.resolve([] as Awaited<ReturnType<typeof getChecklist>>),
    applicationPaymentsForPark(context.db, user, id),
  ]);
  return json({ app, members, checklist, payments, me: user.id });
}

/** "2030-03-01T10:00" typed in China time → the instant. */
function chinaTime(value: string): Date {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(value)) throw new DomainError("incubator:errors.pitchAt", "pitchAt");
  return new Date(`${value}:00+08:00`);
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const user = await requireRole(request, context, "incubator");
  const id = params.id ?? "";
  const form = await readForm(request, context);
  const intent = String(form.get("intent") ?? "");
  const mail = { publicUrl: publicUrlFor(request, context.config) };
  const stripe = context.stripe ?? null;
  return runIntent(intent, async () => {
    switch (intent) {
      case "assign":
        return assignReviewers(context.db, user, id, form.getAll("reviewer").map(String), mail);
      case "pitch":
        return setPitchDate(context.db, user, id, chinaTime(String(form.get("pitchAt") ?? "")));
      case "decide": {
        const kind = String(form.get("decision") ?? "");
        if (kind === "accept") return decideApplication(context.db, user, id, { kind, startDate: String(form.get("startDate") ?? "") }, mail);
        if (kind === "waitlist") return decideApplication(context.db, user, id, { kind, note: textField(form, "reason", 500) || undefined }, mail);
        if (kind === "decline") return decideApplication(context.db, user, id, { kind, reason: textField(form, "reason", 500) }, mail);
        throw new DomainError("incubator:errors.decision", "decision");
      }
      case "complete":
        return completeTask(context.db, user, String(form.get("taskId") ?? ""), null);
      case "confirm":
        return confirmOfflinePayment(context.db, user, String(form.get("paymentId") ?? ""), mail);
      case "approve":
        return approveOfflinePayment(context.db, user, String(form.get("paymentId") ?? ""), mail);
      case "reject":
        return rejectTransferProof(context.db, user, String(form.get("paymentId") ?? ""), textField(form, "reason", 500));
      case "refund":
        return refundPayment(context.db, stripe, user, String(form.get("paymentId") ?? ""), yuanField(form, "amount"), textField(form, "reason", 500), mail);
      case "fapiao":
        return issueFapiao(context.db, user, String(form.get("fapiaoId") ?? ""), textField(form, "invoiceNumber", 30), mail);
      default:
        throw new DomainError("errors.badForm");
    }
  });
}

export default function ParkApplicationRoute() {
  const { app, members, checklist, payments, me } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t, i18n } = useTranslation("incubator");
  const locale = (i18n.language === "en" ? "en" : "zh-CN") as Locale;
  const assigned = new Set(app.reviewers.map((r) => r.id));
  const undecided = app.status === "submitted" || app.status === "in_review" || app.status === "waitlisted";
  return (
    <section aria-labelledby="app-title" className="training-admin">
      <p>
        <Link to="/park/applications">← {t("parkApps.back")}</Link>
      </p>
      <h1 id="app-title">{app.venture.name}</h1>
      <p className="card-meta">
        {app.package} · <strong>{t(`appStatus.${app.status}`)}</strong>
      </p>
      <IntentOutcome result={result} />
      <dl className="facts">
        <dt>{t("apply.stage")}</dt>
        <dd>{t(`park.stages.${app.venture.stage}`)}</dd>
        <dt>{t("apply.sector")}</dt>
        <dd>{app.venture.sector}</dd>
        <dt>{t("parkApps.team")}</dt>
        <dd>{t("parkApps.teamOf", { size: app.venture.teamSize, veterans: app.venture.veteransInTeam })}</dd>
        <dt>{t("apply.fundingNeed")}</dt>
        <dd>{formatFen(app.venture.fundingNeedFen, locale)}</dd>
        <dt>{t("apply.jobsPlanned")}</dt>
        <dd>{app.venture.jobsPlanned}</dd>
        <dt>{t("parkApps.founder")}</dt>
        <dd>{app.founderName}</dd>
      </dl>
      {app.venture.summary ? <p>{app.venture.summary}</p> : null}
      {app.supportWanted ? <p>{t("parkApps.support", { support: app.supportWanted })}</p> : null}
      {app.planName ? (
        <p>
          <a href={`/ventures/${app.id}/plan`}>{t("venture.plan", { name: app.planName })}</a>
        </p>
      ) : (
        <p className="muted">{t("parkApps.noPlan")}</p>
      )}

      <h2 id="review-title">{t("parkApps.review")}</h2>
      {app.score ? (
        <p>{t("parkApps.score", { normalised: app.score.normalised.toFixed(2), raw: app.score.rawMean.toFixed(1), reviewers: app.score.reviewers, rank: app.rank, ranked: app.ranked })}</p>
      ) : (
        <p className="muted">{t("parkApps.noScores")}</p>
      )}
      <ul aria-labelledby="review-title">
        {app.reviewers.map((r) => (
          <li key={r.id}>
            {r.name} · {r.submittedAt ? t("parkApps.scored") : t("parkApps.notScored")}
          </li>
        ))}
      </ul>
      {undecided ? (
        <IntentForm intent="assign" label={t("parkApps.assign")}>
          <fieldset>
            <legend>{t("parkApps.reviewers")}</legend>
            {members.map((m) => (
              <div key={m.id} className="field checkbox">
                <input id={`reviewer-${m.id}`} type="checkbox" name="reviewer" value={m.id} defaultChecked={assigned.has(m.id)} />
                <label htmlFor={`reviewer-${m.id}`}>{m.name}</label>
              </div>
            ))}
          </fieldset>
        </IntentForm>
      ) : null}
      {undecided ? (
        <IntentForm intent="pitch" label={t("parkApps.setPitch")} secondary>
          <Field id="pitchAt" label={t("parkApps.pitchAt")}>
            <input id="pitchAt" name="pitchAt" type="datetime-local" />
          </Field>
        </IntentForm>
      ) : null}
      {app.pitchAt ? <p>{t("venture.pitch", { at: formatDateTime(app.pitchAt, locale) })}</p> : null}

      {undecided ? (
        <>
          <h2 id="decide-title">{t("parkApps.decide")}</h2>
          <IntentForm intent="decide" label={t("parkApps.saveDecision")}>
            <fieldset>
              <legend>{t("parkApps.decision")}</legend>
              {(["accept", "waitlist", "decline"] as const).map((d) => (
                <div key={d} className="field checkbox">
                  <input id={`decision-${d}`} type="radio" name="decision" value={d} defaultChecked={d === "accept"} />
                  <label htmlFor={`decision-${d}`}>{t(`parkApps.decisions.${d}`)}</label>
                </div>
              ))}
            </fieldset>
            <Field id="startDate" label={t("parkApps.startDate")}>
              <input id="startDate" name="startDate" type="date" />
            </Field>
            <Field id="reason" label={t("parkApps.reason")} hint={t("parkApps.reasonHint")}>
              <textarea id="reason" name="reason" rows={2} maxLength={500} aria-describedby="reason-hint" />
            </Field>
          </IntentForm>
        </>
      ) : app.decisionReason ? (
        <p>{t("venture.reason", { reason: app.decisionReason })}</p>
      ) : null}

      {checklist.length > 0 ? (
        <>
          <h2 id="checklist-title">{t("venture.checklist", { done: checklist.filter((c) => c.doneAt).length, total: checklist.length })}</h2>
          <ul className="card-list" aria-labelledby="checklist-title">
            {checklist.map((task) => (
              <li key={task.id} className="card">
                <p>
                  <strong>{task.title}</strong> · {t(`owner.${task.owner}`)} · {t("venture.due", { date: formatDate(task.dueDate, locale) })}
                  {task.doneAt ? ` · ${t("venture.done")}` : ""}
                </p>
                {task.hasEvidence ? (
                  <p>
                    <a href={`/incubator-files/evidence/${task.id}`}>{t("parkApps.evidence", { name: task.evidenceName ?? "" })}</a>
                  </p>
                ) : null}
                {task.canComplete ? (
                  <IntentForm intent="complete" label={t("venture.markDone", { title: task.title })}>
                    <input type="hidden" name="taskId" value={task.id} />
                  </IntentForm>
                ) : null}
              </li>
            ))}
          </ul>
        </>
      ) : null}

      <h2 id="payments-title">{t("pay.title")}</h2>
      {payments.length === 0 ? (
        <p className="empty">{t("parkApps.noPayments")}</p>
      ) : (
        <ul className="card-list" aria-labelledby="payments-title">
          {payments.map((p) => (
            <li key={p.id} className="card">
              <p>
                <strong>{formatFen(p.amountFen, locale, p.currency)}</strong> · {t(`provider.${p.provider}`)} · {t(`payStatus.${p.status}`)} · <code>{p.reference}</code>
                {p.receiptNumber ? ` · ${t("parkApps.receipt", { number: p.receiptNumber })}` : ""}
              </p>
              {p.hasProof ? (
                <p>
                  <a href={`/incubator-files/proof/${p.id}`}>{t("parkApps.proof", { name: p.proofName ?? "" })}</a>
                </p>
              ) : null}
              {p.provider === "offline" && (p.status === "pending" || p.status === "proof_uploaded") ? (
                <IntentForm intent="confirm" label={t("parkApps.confirm", { amount: formatFen(p.amountFen, locale, p.currency) })}>
                  <input type="hidden" name="paymentId" value={p.id} />
                </IntentForm>
              ) : null}
              {p.status === "awaiting_approval" ? (
                p.confirmedByUserId === me ? (
                  <p className="muted">{t("parkApps.awaitingOther")}</p>
                ) : (
                  <IntentForm intent="approve" label={t("parkApps.approve", { amount: formatFen(p.amountFen, locale, p.currency) })}>
                    <input type="hidden" name="paymentId" value={p.id} />
                  </IntentForm>
                )
              ) : null}
              {p.status === "proof_uploaded" || p.status === "awaiting_approval" ? (
                <IntentForm intent="reject" label={t("parkApps.rejectProof")} secondary>
                  <input type="hidden" name="paymentId" value={p.id} />
                  <Field id={`reject-${p.id}`} label={t("parkApps.reason")}>
                    <input id={`reject-${p.id}`} name="reason" maxLength={500} />
                  </Field>
                </IntentForm>
              ) : null}
              {p.refunds.length > 0 ? (
                <ul>
                  {p.refunds.map((r) => (
                    <li key={r.id}>
                      {t("parkApps.refundLine", { amount: formatFen(r.amountFen, locale, p.currency), status: t(`refundStatus.${r.status}`), reason: r.reason })}
                    </li>
                  ))}
                </ul>
              ) : null}
              {(p.status === "paid" || p.status === "partially_refunded") && p.refundableFen > 0 ? (
                <details>
                  <summary>{t("parkApps.refund")}</summary>
                  <IntentForm intent="refund" label={t("parkApps.refundSubmit")} secondary>
                    <input type="hidden" name="paymentId" value={p.id} />
                    <Field id={`amount-${p.id}`} label={t("parkApps.refundAmount", { max: formatFen(p.refundableFen, locale, p.currency) })}>
                      <input id={`amount-${p.id}`} name="amount" inputMode="decimal" />
                    </Field>
                    <Field id={`refund-reason-${p.id}`} label={t("parkApps.reason")}>
                      <input id={`refund-reason-${p.id}`} name="reason" maxLength={500} />
                    </Field>
                  </IntentForm>
                </details>
              ) : null}
              {p.fapiao ? (
                <div>
                  <p>
                    {t("parkApps.fapiao", { buyer: p.fapiao.buyerName, taxId: p.fapiao.taxId, email: p.fapiao.email })}
                    {p.fapiao.status === "issued" ? ` · ${t("fapiao.issued", { number: p.fapiao.invoiceNumber ?? "" })}` : ""}
                  </p>
                  {p.fapiao.status === "requested" ? (
                    <IntentForm intent="fapiao" label={t("parkApps.markIssued")}>
                      <input type="hidden" name="fapiaoId" value={p.fapiao.id} />
                      <Field id={`invoice-${p.id}`} label={t("parkApps.invoiceNumber")}>
                        <input id={`invoice-${p.id}`} name="invoiceNumber" maxLength={30} />
                      </Field>
                    </IntentForm>
                  ) : null}
                </div>
              ) : null}
            </li>
          ))}
        </ul>
      )}

      <Timeline events={app.timeline} locale={locale} />
    </section>
  );
}
