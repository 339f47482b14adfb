import { publicUrlFor } from "../utils/public-url.server";
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Field, IntentForm, IntentOutcome, Timeline } from "../components/incubator-ui";
import { Notice } from "../components/notice";
import { formatDate, formatDateTime, formatFen } from "../i18n/format";
import type { Locale } from "../../db/enums";
import { getFounderApplication } from "../models/incubator-application.server";
import { completeTask, getChecklist, mentoringForFounder, reportMetrics, ventureMetricsOf, bookMentorSlot, cancelBooking } from "../models/incubator-onboarding.server";
import { founderPayments, requestFapiao, startPayment, uploadTransferProof } from "../models/incubator-payment.server";
import { DomainError } from "../models/errors";
import { paymentConfig } from "../payments.server";
import { readForm } from "../utils/form.server";
import { intField, runIntent, textField, yuanField } from "../utils/intent.server";
import { requireRole } from "../utils/session.server";
import { readMultipartForm } from "../utils/upload.server";
import trainingStyles from "../styles/training.css";
import { pageMeta } from "../i18n/meta";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: trainingStyles }];
export const meta = pageMeta("venturesId");

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, context, "veteran");
  const id = params.id ?? "";
  const app = await getFounderApplication(context.db, user, id);
  if (app.status !== "accepted") {
    const none = { checklist: [] as Awaited<ReturnType<typeof getChecklist>>, metrics: [] as Awaited<ReturnType<typeof ventureMetricsOf>> };
    return json({ app, ...none, pay: null, mentoring: null, online: !!context.stripe });
  }
  const [checklist, pay, mentoring, metrics] = await Promise.all([
    getChecklist(context.db, user, id),
    founderPayments(context.db, user, id),
    mentoringForFounder(context.db, user, id),
    ventureMetricsOf(context.db, user, id),
  ]);
  return json({ app, checklist, pay, mentoring, metrics, online: !!context.stripe });
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const user = await requireRole(request, context, "veteran");
  const id = params.id ?? "";
  const multipart = (request.headers.get("content-type") ?? "").startsWith("multipart/form-data");
  const { formData, files, tooLarge } = multipart
    ? await readMultipartForm(request, context, { fileFields: ["evidence", "proof"] })
    : { formData: await readForm(request, context), files: new Map(), tooLarge: new Set<string>() };
  const intent = String(formData.get("intent") ?? "");
  const mail = { publicUrl: publicUrlFor(request, context.config) };
  const file = (name: string) => {
    if (tooLarge.has(name)) throw new DomainError("incubator:errors.fileTooLarge", name);
    const f = files.get(name);
    return f ? { filename: f.filename, bytes: f.bytes } : null;
  };
  if (intent === "pay") {
    let checkoutUrl: string | null = null;
    const reply = await runIntent(intent, async () => {
      const started = await startPayment(context.db, context.stripe ?? null, user, id, paymentConfig(context.config));
      if (started.kind === "stripe") checkoutUrl = started.url;
    });
    return checkoutUrl ? redirect(checkoutUrl) : reply;
  }
  return runIntent(intent, async () => {
    switch (intent) {
      case "complete":
        return completeTask(context.db, user, String(formData.get("taskId") ?? ""), file("evidence"));
      case "proof": {
        const proof = file("proof");
        if (!proof) throw new DomainError("errors.required", "proof");
        return uploadTransferProof(context.db, user, String(formData.get("paymentId") ?? ""), proof, mail);
      }
      case "fapiao":
        return requestFapiao(context.db, user, String(formData.get("paymentId") ?? ""), {
          buyerName: textField(formData, "buyerName", 120) || (() => { throw new DomainError("errors.required", "buyerName"); })(),
          taxId: textField(formData, "taxId", 20),
          email: textField(formData, "email", 200),
          addressPhone: textField(formData, "addressPhone", 200),
          bankAccount: textField(formData, "bankAccount", 200),
        });
      case "book":
        return bookMentorSlot(context.db, user, id, String(formData.get("slotId") ?? ""), textField(formData, "topic", 200), mail);
      case "cancel-booking":
        return cancelBooking(context.db, user, String(formData.get("bookingId") ?? ""));
      case "metrics":
        return reportMetrics(context.db, user, id, {
          month: textField(formData, "month", 7),
          revenueFen: yuanField(formData, "revenue"),
          jobsCreated: intField(formData, "jobsCreated"),
          veteransHired: intField(formData, "veteransHired"),
          fundingRaisedFen: yuanField(formData, "fundingRaised"),
        });
      default:
        throw new DomainError("errors.badForm");
    }
  });
}

export default function VentureRoute() {
  const { app, checklist, pay, mentoring, metrics, online } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t, i18n } = useTranslation("incubator");
  const locale = (i18n.language === "en" ? "en" : "zh-CN") as Locale;
  const [params] = useSearchParams();
  const open = pay?.payments.find((p) => ["pending", "proof_uploaded", "awaiting_approval"].includes(p.status));
  const paid = pay?.payments.find((p) => ["paid", "partially_refunded", "refunded"].includes(p.status));
  const doneCount = checklist.filter((c) => c.doneAt).length;
  return (
    <section aria-labelledby="venture-title" className="training-admin">
      <p>
        <Link to="/ventures">← {t("venture.back")}</Link>
      </p>
      <h1 id="venture-title">{app.venture}</h1>
      <p className="card-meta">
        {app.park} · {app.package} · <strong>{t(`appStatus.${app.status}`)}</strong>
      </p>
      {params.get("submitted") ? <Notice tone="success">{t("venture.submitted")}</Notice> : null}
      {params.get("paid") ? <Notice tone="success">{t("venture.paidNotice")}</Notice> : null}
      <IntentOutcome result={result} />
      {app.startDate ? <p>{t("venture.startDate", { date: formatDate(app.startDate, locale) })}</p> : null}
      {app.pitchAt ? <p>{t("venture.pitch", { at: formatDateTime(app.pitchAt, locale) })}</p> : null}
      {app.decisionReason && app.status === "declined" ? <p>{t("venture.reason", { reason: app.decisionReason })}</p> : null}
      {app.planName ? (
        <p>
          <a href={`/ventures/${app.id}/plan`}>{t("venture.plan", { name: app.planName })}</a>
        </p>
      ) : null}

      <Timeline events={app.timeline} locale={locale} />

      {app.status === "accepted" && pay ? (
        <>
          <h2 id="checklist-title">{t("venture.checklist", { done: doneCount, total: checklist.length })}</h2>
          <ul className="card-list" aria-labelledby="checklist-title">
            {checklist.map((task) => (
              <li key={task.id} className="card">
                <h3 className="h3">{task.title}</h3>
                <p className="card-meta">
                  {t(`owner.${task.owner}`)} · {t("venture.due", { date: formatDate(task.dueDate, locale) })}
                  {task.doneAt ? ` · ${t("venture.done")}` : ""}
                  {task.evidenceName ? ` · ${task.evidenceName}` : ""}
                </p>
                {task.canComplete ? (
                  <IntentForm intent="complete" label={t("venture.markDone", { title: task.title })} multipart={task.evidenceRequired}>
                    <input type="hidden" name="taskId" value={task.id} />
                    {task.evidenceRequired ? (
                      <Field id={`evidence-${task.id}`} label={t("venture.evidence", { title: task.title })} hint={t("venture.evidenceHint")}>
                        <input id={`evidence-${task.id}`} name="evidence" type="file" className="file-input" accept=".pdf,.jpg,.jpeg,.png" />
                      </Field>
                    ) : null}
                  </IntentForm>
                ) : null}
              </li>
            ))}
          </ul>

          <h2 id="payment-title">{t("pay.title")}</h2>
          <p>
            {pay.due.netFen === 0
              ? t("search.free")
              : t("pay.due", { net: formatFen(pay.due.netFen, locale, pay.due.currency), price: formatFen(pay.due.priceFen, locale, pay.due.currency), subsidy: formatFen(pay.due.subsidyFen, locale, pay.due.currency) })}
          </p>
          {paid ? (
            <Notice tone="success">{t("pay.paid", { receipt: paid.receiptNumber ?? "", amount: formatFen(paid.amountFen, locale, paid.currency) })}</Notice>
          ) : open ? (
            open.provider === "offline" ? (
              <div className="card">
                <p>{t("pay.offlineIntro")}</p>
                <dl className="facts">
                  <dt>{t("pay.accountName")}</dt>
                  <dd>{pay.bank.accountName ?? t("pay.askPark")}</dd>
                  <dt>{t("pay.bankName")}</dt>
                  <dd>{pay.bank.bankName ?? t("pay.askPark")}</dd>
                  <dt>{t("pay.accountNumber")}</dt>
                  <dd>{pay.bank.accountNumber ?? t("pay.askPark")}</dd>
                  <dt>{t("pay.amount")}</dt>
                  <dd>{formatFen(open.amountFen, locale, open.currency)}</dd>
                  <dt>{t("pay.reference")}</dt>
                  <dd>
                    <code>{open.reference}</code>
                  </dd>
                </dl>
                <p className="card-meta">{t(`payStatus.${open.status}`)}</p>
                {open.status === "pending" || open.status === "proof_uploaded" ? (
                  <IntentForm intent="proof" label={t("pay.uploadProof")} multipart>
                    <input type="hidden" name="paymentId" value={open.id} />
                    <Field id="proof" label={t("pay.proof")} hint={t("venture.evidenceHint")}>
                      <input id="proof" name="proof" type="file" className="file-input" accept=".pdf,.jpg,.jpeg,.png" aria-describedby="proof-hint" />
                    </Field>
                  </IntentForm>
                ) : null}
              </div>
            ) : (
              <IntentForm intent="pay" label={t("pay.continueOnline")} />
            )
          ) : (
            <IntentForm intent="pay" label={online && !pay.offlineOnly ? t("pay.payOnline") : t("pay.payOffline")} />
          )}
          {paid && !paid.fapiao ? (
            <details className="card">
              <summary>{t("fapiao.request")}</summary>
              <IntentForm intent="fapiao" label={t("fapiao.submit")}>
                <input type="hidden" name="paymentId" value={paid.id} />
                <Field id="buyerName" label={t("fapiao.buyerName")}>
                  <input id="buyerName" name="buyerName" maxLength={120} />
                </Field>
                <Field id="taxId" label={t("fapiao.taxId")}>
                  <input id="taxId" name="taxId" maxLength={20} autoCapitalize="characters" />
                </Field>
                <Field id="fapiaoEmail" label={t("fapiao.email")}>
                  <input id="fapiaoEmail" name="email" type="email" maxLength={200} />
                </Field>
                <Field id="addressPhone" label={t("fapiao.addressPhone")}>
                  <input id="addressPhone" name="addressPhone" maxLength={200} />
                </Field>
                <Field id="bankAccount" label={t("fapiao.bankAccount")}>
                  <input id="bankAccount" name="bankAccount" maxLength={200} />
                </Field>
              </IntentForm>
            </details>
          ) : paid?.fapiao ? (
            <p>{paid.fapiao.status === "issued" ? t("fapiao.issued", { number: paid.fapiao.invoiceNumber ?? "" }) : t("fapiao.requested")}</p>
          ) : null}

          {mentoring ? (
            <>
              <h2 id="mentoring-title">{t("mentoring.title")}</h2>
              <p>{t("mentoring.left", { left: Math.floor(mentoring.minutesLeft / 60), allowed: Math.floor(mentoring.minutesAllowed / 60) })}</p>
              {mentoring.booked.length > 0 ? (
                <ul className="card-list" aria-label={t("mentoring.booked")}>
                  {mentoring.booked.map((b) => (
                    <li key={b.id} className="card">
                      <p>
                        {formatDateTime(b.startsAt, locale)} · {b.mentor} · {b.topic}
                      </p>
                      {b.note ? <p className="card-meta">{t("mentoring.note", { note: b.note })}</p> : null}
                      <IntentForm intent="cancel-booking" label={t("mentoring.cancel")} secondary>
                        <input type="hidden" name="bookingId" value={b.id} />
                      </IntentForm>
                    </li>
                  ))}
                </ul>
              ) : null}
              {mentoring.open.length === 0 ? (
                <p className="empty">{t("mentoring.noSlots")}</p>
              ) : (
                <ul className="card-list" aria-label={t("mentoring.open")}>
                  {mentoring.open.map((s) => (
                    <li key={s.id} className="card">
                      <p>
                        {formatDateTime(s.startsAt, locale)} · {t("mentoring.minutes", { count: s.minutes })} · {s.mentor}
                        {s.mentorTitle ? ` (${s.mentorTitle})` : ""}
                        {s.place ? ` · ${s.place}` : ""}
                      </p>
                      <IntentForm intent="book" label={t("mentoring.book", { mentor: s.mentor, at: formatDateTime(s.startsAt, locale) })}>
                        <input type="hidden" name="slotId" value={s.id} />
                        <Field id={`topic-${s.id}`} label={t("mentoring.topic")}>
                          <input id={`topic-${s.id}`} name="topic" maxLength={200} />
                        </Field>
                      </IntentForm>
                    </li>
                  ))}
                </ul>
              )}
            </>
          ) : null}

          <h2 id="metrics-title">{t("metrics.title")}</h2>
          {metrics.length === 0 ? (
            <p className="empty">{t("metrics.none")}</p>
          ) : (
            <div className="table-scroll">
              <table>
                <caption className="visually-hidden">{t("metrics.title")}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t("metrics.month")}</th>
                    <th scope="col">{t("metrics.revenue")}</th>
                    <th scope="col">{t("metrics.jobsCreated")}</th>
                    <th scope="col">{t("metrics.veteransHired")}</th>
                    <th scope="col">{t("metrics.fundingRaised")}</th>
                  </tr>
                </thead>
                <tbody>
                  {metrics.map((m) => (
                    <tr key={m.month}>
                      <th scope="row">{m.month}</th>
                      <td>{formatFen(m.revenueFen, locale)}</td>
                      <td>{m.jobsCreated}</td>
                      <td>{m.veteransHired}</td>
                      <td>{formatFen(m.fundingRaisedFen, locale)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <IntentForm intent="metrics" label={t("metrics.submit")}>
            <div className="field-row">
              <Field id="month" label={t("metrics.month")}>
                <input id="month" name="month" type="month" required />
              </Field>
              <Field id="revenue" label={t("metrics.revenueYuan")}>
                <input id="revenue" name="revenue" inputMode="decimal" defaultValue="0" />
              </Field>
            </div>
            <div className="field-row">
              <Field id="jobsCreated" label={t("metrics.jobsCreated")}>
                <input id="jobsCreated" name="jobsCreated" type="number" min={0} defaultValue={0} />
              </Field>
              <Field id="veteransHired" label={t("metrics.veteransHired")}>
                <input id="veteransHired" name="veteransHired" type="number" min={0} defaultValue={0} />
              </Field>
              <Field id="fundingRaised" label={t("metrics.fundingRaisedYuan")}>
                <input id="fundingRaised" name="fundingRaised" inputMode="decimal" defaultValue="0" />
              </Field>
            </div>
          </IntentForm>
        </>
      ) : null}
    </section>
  );
}
