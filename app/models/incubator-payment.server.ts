import { randomBytes } from "node:crypto";
import { and, desc, eq, inArray, isNotNull, isNull, ne, sql } from "drizzle-orm";
import type Stripe from "stripe";
import type { Db } from "../../db/client";
import {
  capacityHolds,
  fapiaoRequests,
  incubatorPackages,
  parkSettings,
  payments,
  refunds,
  startupApplicationEvents,
  startupApplications,
  stripeEvents,
  ventures,
  type Payment,
} from "../../db/incubator-schema";
import { users } from "../../db/schema";
import { enqueueSearchSync } from "../../search/sync";
import { packagePrice, refundableFen } from "../forms/incubator";
import { assertOrganizationAccess, isMember, recordAudit, requireUuid, type Actor } from "./authz.server";
import { DomainError, ForbiddenError, NotFoundError } from "./errors";
import { storeIncubatorFile, withStoredFile, type IncomingFile } from "./incubator-files.server";
import { requirePark } from "./incubator-package.server";
import { mailFounder, mailPark, type MailContext } from "./incubator-notify.server";
import { applicationContext } from "./incubator-onboarding.server";

/**
 * Paying for an accepted place, in integer fen. Two ways:
 *  - Stripe Checkout (STRIPE_SECRET_KEY set and the park has not chosen offline only): a Checkout Session created
 *    with an idempotency key bound to our `payments` row; the webhook (signature checked on the raw body, event id
 *    stored in the same transaction as its effect, the session re-read from the API) and the success page share one
 *    idempotent `fulfilPayment`; `reconcileStripePayments` compares open payments with Stripe.
 *  - Offline (the default without keys): a payment notice with the park's bank account and a reference, the
 *    founder's proof of transfer, the park's confirmation (a second manager approves amounts above the park's
 *    threshold), a receipt number, refunds recorded by the park, and fapiao requests the park marks issued.
 * Fulfilment converts the application's capacity hold into a paid place exactly once. Every money-changing action
 * is in the audit log.
 */

export interface PaymentConfig extends MailContext {
  /** ISO currency for Stripe (lower case), CNY by default. */
  currency: string;
  /** Checkout payment method types, e.g. ["card", "alipay", "wechat_pay"]. */
  methods: Stripe.Checkout.SessionCreateParams.AllowedPaymentMethodType[];
}

const OPEN: Payment["status"][] = ["pending", "proof_uploaded", "awaiting_approval"];
const CHECKOUT_MINUTES = 60;

function tx(db: unknown): Db {
  return db as Db;
}

function newReference(): string {
  // 10 characters from an alphabet without look-alikes (0/O, 1/I): easy to copy onto a bank transfer.
  const alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  const bytes = randomBytes(10);
  return `RY-${Array.from(bytes, (b) => alphabet[b % alphabet.length]).join("")}`;
}

function receiptNumber(now: Date): string {
  return `R${now.toISOString().slice(0, 10).replace(/-/g, "")}-${randomBytes(4).toString("hex").toUpperCase()}`;
}

async function event(db: Db, applicationId: string, status: string, actorId: string | null, note?: string) {
  await db.insert(startupApplicationEvents).values({ applicationId, status, actorUserId: actorId, note: note ?? null });
}

async function settingsOf(db: Db, organizationId: string) {
  const [row] = await db.select().from(parkSettings).where(eq(parkSettings.organizationId, organizationId));
  return row ?? { organizationId, bankAccountName: null, bankName: null, bankAccountNumber: null, approvalThresholdFen: 1_000_000, offlineOnly: false };
}

/** What the founder owes for an application: the package's price less its veteran subsidy, for the whole term. */
async function amountDue(db: Db, packageId: string) {
  const [pkg] = await db.select().from(incubatorPackages).where(eq(incubatorPackages.id, packageId));
  if (!pkg) throw new NotFoundError();
  return { ...packagePrice(pkg), currency: pkg.currency, title: pkg.title };
}

// ---------------------------------------------------------------- the park's payment settings

export interface PaymentSettingsInput {
  bankAccountName: string;
  bankName: string;
  bankAccountNumber: string;
  approvalThresholdFen: number;
  offlineOnly: boolean;
}

export async function getPaymentSettings(db: Db, actor: Actor) {
  const park = await requirePark(db, actor);
  return settingsOf(db, park.id);
}

export async function updatePaymentSettings(db: Db, actor: Actor, input: PaymentSettingsInput) {
  const park = await requirePark(db, actor);
  if (!Number.isSafeInteger(input.approvalThresholdFen) || input.approvalThresholdFen < 0) throw new DomainError("incubator:errors.money", "approvalThreshold");
  await db.transaction(async (t) => {
    await tx(t)
      .insert(parkSettings)
      .values({ organizationId: park.id, ...input })
      .onConflictDoUpdate({ target: parkSettings.organizationId, set: { ...input, updatedAt: new Date() } });
    await recordAudit(tx(t), actor, "payment.settings.update", park.id, { approvalThresholdFen: input.approvalThresholdFen, offlineOnly: input.offlineOnly });
  });
}

// ---------------------------------------------------------------- starting a payment

export type StartedPayment = { kind: "offline"; paymentId: string } | { kind: "stripe"; paymentId: string; url: string } | { kind: "free"; paymentId: string };

/**
 * The founder starts paying for an accepted place. One open payment per application (a second call returns the
 * open one). Offline unless a Stripe client is given and the park has not chosen offline only.
 */
export async function startPayment(db: Db, stripe: Stripe | null, actor: Actor, applicationId: string, config: PaymentConfig, now = new Date()): Promise<StartedPayment> {
  const app = await applicationContext(db, applicationId);
  if (app.founderUserId !== actor.id) throw new NotFoundError();
  if (app.status !== "accepted") throw new DomainError("incubator:errors.notAccepted", undefined, 409);
  const settings = await settingsOf(db, app.organizationId);
  const due = await amountDue(db, app.packageId);
  const provider: Payment["provider"] = stripe && !settings.offlineOnly && due.netFen > 0 ? "stripe" : "offline";

  const payment = await db.transaction(async (t) => {
    const d = tx(t);
    await d.select({ id: startupApplications.id }).from(startupApplications).where(eq(startupApplications.id, applicationId)).for("update");
    const [paid] = await d
      .select({ id: payments.id })
      .from(payments)
      .where(and(eq(payments.applicationId, applicationId), inArray(payments.status, ["paid", "partially_refunded"])));
    if (paid) throw new DomainError("incubator:errors.alreadyPaid", undefined, 409);
    const [open] = await d.select().from(payments).where(and(eq(payments.applicationId, applicationId), inArray(payments.status, OPEN)));
    if (open && !(open.provider === "stripe" && open.expiresAt && open.expiresAt.getTime() <= now.getTime())) return { row: open, created: false };
    if (open) await d.update(payments).set({ status: "expired", updatedAt: now }).where(eq(payments.id, open.id));
    const [row] = await d
      .insert(payments)
      .values({
        applicationId,
        organizationId: app.organizationId,
        provider,
        amountFen: due.netFen,
        currency: due.currency,
        reference: newReference(),
        expiresAt: provider === "stripe" ? new Date(now.getTime() + CHECKOUT_MINUTES * 60_000) : null,
      })
      .returning();
    await recordAudit(d, actor, "payment.start", row!.id, { provider, amountFen: due.netFen });
    if (due.netFen === 0) {
      await fulfilPayment(d, row!.id, config, { now, actorId: actor.id });
    } else if (provider === "offline") {
      const bank = [settings.bankAccountName, settings.bankName, settings.bankAccountNumber].filter(Boolean).join(" · ");
      await mailFounder(d, applicationId, "payment_notice", config, { amountFen: due.netFen, note: `${bank} · ${row!.reference}`, key: row!.id });
    }
    return { row: row!, created: true };
  });

  if (due.netFen === 0) return { kind: "free", paymentId: payment.row.id };
  if (payment.row.provider === "offline") return { kind: "offline", paymentId: payment.row.id };
  if (payment.row.checkoutUrl) return { kind: "stripe", paymentId: payment.row.id, url: payment.row.checkoutUrl };
  return createCheckoutSession(db, stripe!, payment.row, due.title, actor, config, now);
}

async function createCheckoutSession(db: Db, stripe: Stripe, payment: Payment, title: string, actor: Actor, config: PaymentConfig, now: Date): Promise<StartedPayment> {
  const [founder] = await db.select({ email: users.email, locale: users.locale }).from(users).where(eq(users.id, actor.id));
  const methods = config.methods;
  const session = await stripe.checkout.sessions.create(
    {
      mode: "payment",
      line_items: [{ quantity: 1, price_data: { currency: payment.currency.toLowerCase(), unit_amount: payment.amountFen, product_data: { name: title } } }],
      allowed_payment_method_types: methods,
      ...(methods.includes("wechat_pay") ? { payment_method_options: { wechat_pay: { client: "web" as const } } } : {}),
      client_reference_id: payment.id,
      customer_email: founder?.email,
      locale: founder?.locale === "en" ? "en" : "zh",
      metadata: { payment_id: payment.id, application_id: payment.applicationId },
      payment_intent_data: { metadata: { payment_id: payment.id } },
      success_url: `${config.publicUrl}/ventures/${payment.applicationId}/paid?session_id={CHECKOUT_SESSION_ID}`,
      cancel_url: `${config.publicUrl}/ventures/${payment.applicationId}`,
      expires_at: Math.floor((payment.expiresAt ?? new Date(now.getTime() + CHECKOUT_MINUTES * 60_000)).getTime() / 1000),
    },
    { idempotencyKey: `checkout:${payment.id}` },
  );
  if (!session.url) throw new Error("Stripe returned a Checkout Session without a URL");
  await db.update(payments).set({ stripeSessionId: session.id, checkoutUrl: session.url, updatedAt: now }).where(eq(payments.id, payment.id));
  return { kind: "stripe", paymentId: payment.id, url: session.url };
}

// ---------------------------------------------------------------- fulfilment (once)

/**
 * Mark a payment paid and give the founder the place, once: the conditional update on `fulfilled_at is null`
 * decides between concurrent callers (webhook deliveries, the success page, the reconcile job, a park manager).
 * The application's hold becomes a paid place; if the hold had lapsed meanwhile, a place is taken again, and when
 * none is left the payment is refunded in full (a refund row the park or Stripe completes).
 */
export async function fulfilPayment(
  d: Db,
  paymentId: string,
  mail: MailContext,
  options: { now?: Date; actorId?: string | null; paymentIntentId?: string | null } = {},
): Promise<boolean> {
  const now = options.now ?? new Date();
  const [p] = await d
    .update(payments)
    .set({
      status: "paid",
      paidAt: now,
      fulfilledAt: now,
      receiptNumber: receiptNumber(now),
      updatedAt: now,
      ...(options.paymentIntentId ? { stripePaymentIntentId: options.paymentIntentId } : {}),
    })
    .where(and(eq(payments.id, paymentId), isNull(payments.fulfilledAt)))
    .returning();
  if (!p) return false;
  const [app] = await d
    .select({ packageId: startupApplications.packageId, status: startupApplications.status })
    .from(startupApplications)
    .where(eq(startupApplications.id, p.applicationId))
    .for("update");
  const [hold] = await d
    .select()
    .from(capacityHolds)
    .where(and(eq(capacityHolds.applicationId, p.applicationId), ne(capacityHolds.status, "released")))
    .for("update");
  if (hold) {
    await d.update(capacityHolds).set({ status: "converted", updatedAt: now }).where(eq(capacityHolds.id, hold.id));
  } else {
    const taken = await d
      .update(incubatorPackages)
      .set({ placesTaken: sql`${incubatorPackages.placesTaken} + 1`, updatedAt: now })
      .where(and(eq(incubatorPackages.id, app!.packageId), sql`${incubatorPackages.placesTaken} < ${incubatorPackages.capacity}`))
      .returning({ id: incubatorPackages.id });
    if (taken.length) {
      await d.insert(capacityHolds).values({ packageId: app!.packageId, applicationId: p.applicationId, status: "converted", expiresAt: now });
      await d.update(startupApplications).set({ status: "accepted", updatedAt: now }).where(eq(startupApplications.id, p.applicationId));
      await enqueueSearchSync(d, "incubator_packages", [app!.packageId]);
    } else if (p.amountFen > 0) {
      await d.insert(refunds).values({ paymentId: p.id, amountFen: p.amountFen, reason: "no place left", status: "pending" });
      await event(d, p.applicationId, "refund_due", options.actorId ?? null);
    }
  }
  await event(d, p.applicationId, "paid", options.actorId ?? null, p.receiptNumber ?? undefined);
  await recordAudit(d, { id: options.actorId ?? null }, "payment.fulfil", p.id, { amountFen: p.amountFen, provider: p.provider, receipt: p.receiptNumber });
  await mailFounder(d, p.applicationId, "paid", mail, { amountFen: p.amountFen, note: p.receiptNumber ?? undefined, key: p.id });
  await mailPark(d, p.applicationId, "paid", mail, { amountFen: p.amountFen, key: p.id });
  return true;
}

// ---------------------------------------------------------------- offline: proof, confirmation, approval

async function paymentForPark(db: Db, actor: Actor, paymentId: string) {
  requireUuid(paymentId);
  const [p] = await db.select().from(payments).where(eq(payments.id, paymentId));
  if (!p) throw new NotFoundError();
  await assertOrganizationAccess(db, actor, p.organizationId);
  return p;
}

async function paymentForFounder(db: Db, actor: Actor, paymentId: string) {
  requireUuid(paymentId);
  const [p] = await db
    .select({ payment: payments, founderUserId: ventures.founderUserId })
    .from(payments)
    .innerJoin(startupApplications, eq(startupApplications.id, payments.applicationId))
    .innerJoin(ventures, eq(ventures.id, startupApplications.ventureId))
    .where(eq(payments.id, paymentId));
  if (!p || p.founderUserId !== actor.id) throw new NotFoundError();
  return p.payment;
}

/** The founder uploads proof of the bank transfer (PDF or a photo, checked like a CV); the park is mailed. */
export async function uploadTransferProof(db: Db, actor: Actor, paymentId: string, file: IncomingFile, mail: MailContext, options: { dir?: string } = {}) {
  const p = await paymentForFounder(db, actor, paymentId);
  if (p.provider !== "offline" || !(p.status === "pending" || p.status === "proof_uploaded")) throw new DomainError("incubator:errors.paymentState", undefined, 409);
  const stored = await storeIncubatorFile(file, { field: "proof", dir: options.dir });
  await withStoredFile(stored, options.dir, () =>
    db.transaction(async (t) => {
      const d = tx(t);
      const moved = await d
        .update(payments)
        .set({ status: "proof_uploaded", proofPath: stored.path, proofName: stored.name, updatedAt: new Date() })
        .where(and(eq(payments.id, paymentId), inArray(payments.status, ["pending", "proof_uploaded"])))
        .returning({ id: payments.id });
      if (!moved.length) throw new DomainError("incubator:errors.paymentState", undefined, 409);
      await recordAudit(d, actor, "payment.proof.upload", paymentId, { bytes: stored.bytes });
      await mailPark(d, p.applicationId, "proof_uploaded", mail, { amountFen: p.amountFen, key: `${paymentId}:${stored.path}` });
    }),
  );
}

export async function getTransferProof(db: Db, actor: Actor, paymentId: string) {
  requireUuid(paymentId);
  const [p] = await db.select().from(payments).where(eq(payments.id, paymentId));
  if (!p?.proofPath) throw new NotFoundError();
  const app = await applicationContext(db, p.applicationId);
  if (app.founderUserId !== actor.id && !(await isMember(db, actor.id, p.organizationId))) throw new NotFoundError();
  return { path: p.proofPath, name: p.proofName ?? "proof" };
}

export type ConfirmResult = "paid" | "awaiting_approval";

/**
 * A park manager confirms the money arrived. At or below the park's threshold that pays the place; above it the
 * payment waits for a second manager's approval.
 */
export async function confirmOfflinePayment(db: Db, actor: Actor, paymentId: string, mail: MailContext, now = new Date()): Promise<ConfirmResult> {
  const p = await paymentForPark(db, actor, paymentId);
  if (p.provider !== "offline") throw new DomainError("incubator:errors.paymentState", undefined, 409);
  const settings = await settingsOf(db, p.organizationId);
  return db.transaction(async (t) => {
    const d = tx(t);
    const [current] = await d.select().from(payments).where(eq(payments.id, paymentId)).for("update");
    if (!current || !(current.status === "pending" || current.status === "proof_uploaded")) throw new DomainError("incubator:errors.paymentState", undefined, 409);
    await d.update(payments).set({ confirmedByUserId: actor.id, confirmedAt: now, updatedAt: now }).where(eq(payments.id, paymentId));
    await recordAudit(d, actor, "payment.confirm", paymentId, { amountFen: current.amountFen, thresholdFen: settings.approvalThresholdFen });
    if (current.amountFen > settings.approvalThresholdFen) {
      await d.update(payments).set({ status: "awaiting_approval" }).where(eq(payments.id, paymentId));
      return "awaiting_approval";
    }
    await fulfilPayment(d, paymentId, mail, { now, actorId: actor.id });
    return "paid";
  });
}

/** The second manager (never the one who confirmed) approves a large offline payment. */
export async function approveOfflinePayment(db: Db, actor: Actor, paymentId: string, mail: MailContext, now = new Date()) {
  await paymentForPark(db, actor, paymentId);
  await db.transaction(async (t) => {
    const d = tx(t);
    const [current] = await d.select().from(payments).where(eq(payments.id, paymentId)).for("update");
    if (!current || current.status !== "awaiting_approval") throw new DomainError("incubator:errors.paymentState", undefined, 409);
    if (current.confirmedByUserId === actor.id) throw new ForbiddenError("incubator:errors.secondApprover");
    await d.update(payments).set({ approvedByUserId: actor.id, approvedAt: now, updatedAt: now }).where(eq(payments.id, paymentId));
    await recordAudit(d, actor, "payment.approve", paymentId, { amountFen: current.amountFen });
    await fulfilPayment(d, paymentId, mail, { now, actorId: actor.id });
  });
}

/** The transfer was not found: the payment goes back to waiting, with the reason on the founder's timeline. */
export async function rejectTransferProof(db: Db, actor: Actor, paymentId: string, reason: string) {
  const p = await paymentForPark(db, actor, paymentId);
  if (!reason.trim()) throw new DomainError("incubator:errors.reasonRequired", "reason");
  await db.transaction(async (t) => {
    const d = tx(t);
    const moved = await d
      .update(payments)
      .set({ status: "pending", confirmedByUserId: null, confirmedAt: null, updatedAt: new Date() })
      .where(and(eq(payments.id, paymentId), inArray(payments.status, ["proof_uploaded", "awaiting_approval"])))
      .returning({ id: payments.id });
    if (!moved.length) throw new DomainError("incubator:errors.paymentState", undefined, 409);
    await event(d, p.applicationId, "proof_rejected", actor.id, reason.trim());
    await recordAudit(d, actor, "payment.reject", paymentId, { reason: reason.trim() });
  });
}

// ---------------------------------------------------------------- refunds

/**
 * A park refunds all or part of a paid payment (never more than is left, counting refunds in flight). Offline
 * refunds are recorded as done by the park's bank transfer; Stripe refunds are asked of Stripe with an idempotency
 * key bound to our refund row and finish through the webhook.
 */
export async function refundPayment(db: Db, stripe: Stripe | null, actor: Actor, paymentId: string, amountFen: number, reason: string, mail: MailContext) {
  const p = await paymentForPark(db, actor, paymentId);
  if (!Number.isSafeInteger(amountFen) || amountFen <= 0) throw new DomainError("incubator:errors.refundAmount", "amount");
  if (p.provider === "stripe" && !stripe) throw new DomainError("incubator:errors.stripeMissing", undefined, 409);
  const refund = await db.transaction(async (t) => {
    const d = tx(t);
    const [current] = await d.select().from(payments).where(eq(payments.id, paymentId)).for("update");
    if (!current || !(current.status === "paid" || current.status === "partially_refunded")) throw new DomainError("incubator:errors.paymentState", undefined, 409);
    const existing = await d.select({ amountFen: refunds.amountFen, status: refunds.status }).from(refunds).where(eq(refunds.paymentId, paymentId));
    if (amountFen > refundableFen(current.amountFen, existing)) throw new DomainError("incubator:errors.refundAmount", "amount");
    const [row] = await d
      .insert(refunds)
      .values({ paymentId, amountFen, reason: reason.trim(), requestedByUserId: actor.id, status: current.provider === "offline" ? "succeeded" : "pending" })
      .returning();
    await recordAudit(d, actor, "payment.refund", paymentId, { refundId: row!.id, amountFen, provider: current.provider });
    if (current.provider === "offline") await applySucceededRefund(d, row!.id, mail);
    return row!;
  });
  if (p.provider === "stripe" && stripe) {
    const remote = await stripe.refunds.create(
      { payment_intent: p.stripePaymentIntentId ?? undefined, amount: amountFen, metadata: { refund_id: refund.id, payment_id: p.id } },
      { idempotencyKey: `refund:${refund.id}` },
    );
    await db.update(refunds).set({ stripeRefundId: remote.id, updatedAt: new Date() }).where(eq(refunds.id, refund.id));
    await db.transaction(async (t) => applyStripeRefund(tx(t), remote, mail));
  }
  return refund.id;
}

/** Count a refund that just succeeded against its payment (once: only on the move into `succeeded`). */
async function applySucceededRefund(d: Db, refundId: string, mail: MailContext) {
  const [r] = await d.select().from(refunds).where(eq(refunds.id, refundId));
  if (!r) return;
  const [p] = await d
    .update(payments)
    .set({
      refundedFen: sql`${payments.refundedFen} + ${r.amountFen}`,
      status: sql`case when ${payments.refundedFen} + ${r.amountFen} >= ${payments.amountFen} then 'refunded'::payment_status else 'partially_refunded'::payment_status end`,
      updatedAt: new Date(),
    })
    .where(eq(payments.id, r.paymentId))
    .returning();
  await event(d, p!.applicationId, "refunded", r.requestedByUserId, String(r.amountFen));
  await mailFounder(d, p!.applicationId, "refunded", mail, { amountFen: r.amountFen, key: r.id });
}

const REFUND_STATES = new Set(["pending", "requires_action", "succeeded", "failed", "canceled"]);

/** Bring our refund row to Stripe's state; the payment's refunded amount moves only when it first succeeds. */
async function applyStripeRefund(d: Db, remote: Stripe.Refund, mail: MailContext) {
  const status = REFUND_STATES.has(remote.status ?? "") ? (remote.status as "pending" | "requires_action" | "succeeded" | "failed" | "canceled") : "pending";
  const ours = remote.metadata?.refund_id;
  const where = ours ? eq(refunds.id, ours) : eq(refunds.stripeRefundId, remote.id);
  const [before] = await d.select().from(refunds).where(where).for("update");
  if (!before) return;
  await d.update(refunds).set({ status, stripeRefundId: remote.id, updatedAt: new Date() }).where(eq(refunds.id, before.id));
  if (status === "succeeded" && before.status !== "succeeded") await applySucceededRefund(d, before.id, mail);
}

// ---------------------------------------------------------------- Stripe: webhook and reconcile

export class StripeSignatureError extends Error {}

/** Verify a webhook delivery on its raw body (300 s tolerance); throws StripeSignatureError when it does not hold. */
export function verifyStripeEvent(stripe: Stripe, rawBody: string, signature: string | null, secret: string, receivedAtMs?: number): Stripe.Event {
  if (!signature) throw new StripeSignatureError("missing Stripe-Signature");
  try {
    return stripe.webhooks.constructEvent(rawBody, signature, secret, 300, undefined, receivedAtMs);
  } catch (error) {
    throw new StripeSignatureError((error as Error).message);
  }
}

const SESSION_EVENTS = new Set([
  "checkout.session.completed",
  "checkout.session.async_payment_succeeded",
  "checkout.session.async_payment_failed",
  "checkout.session.expired",
]);
const REFUND_EVENTS = new Set(["refund.created", "refund.updated", "refund.failed", "charge.refund.updated"]);

async function applySession(d: Db, session: Stripe.Checkout.Session, eventType: string | null, mail: MailContext, now: Date) {
  const paymentId = session.metadata?.payment_id ?? session.client_reference_id ?? null;
  const [p] = await d
    .select()
    .from(payments)
    .where(paymentId && /^[0-9a-f-]{36}$/i.test(paymentId) ? eq(payments.id, paymentId) : eq(payments.stripeSessionId, session.id))
    .for("update");
  if (!p || p.provider !== "stripe") return "ignored" as const;
  if (!p.stripeSessionId) await d.update(payments).set({ stripeSessionId: session.id }).where(eq(payments.id, p.id));
  if (session.payment_status === "paid" || session.payment_status === "no_payment_required") {
    const intent = typeof session.payment_intent === "string" ? session.payment_intent : (session.payment_intent?.id ?? null);
    await fulfilPayment(d, p.id, mail, { now, paymentIntentId: intent });
    return "applied" as const;
  }
  if (p.fulfilledAt) return "applied" as const;
  if (session.status === "expired") {
    await d.update(payments).set({ status: "expired", updatedAt: now }).where(and(eq(payments.id, p.id), eq(payments.status, "pending")));
  } else if (eventType === "checkout.session.async_payment_failed" && session.status === "complete") {
    await d.update(payments).set({ status: "failed", updatedAt: now }).where(and(eq(payments.id, p.id), eq(payments.status, "pending")));
  }
  return "applied" as const;
}

/**
 * Apply one verified event. The object is re-read from Stripe (events arrive at least once and in any order, so
 * their payload may be stale); the event id is stored in the same transaction as the effect, so a repeat changes
 * nothing.
 */
export async function handleStripeEvent(db: Db, stripe: Stripe, event: Stripe.Event, mail: MailContext, now = new Date()): Promise<"applied" | "duplicate" | "ignored"> {
  const object = event.data.object as { id?: string };
  let session: Stripe.Checkout.Session | null = null;
  let refund: Stripe.Refund | null = null;
  if (SESSION_EVENTS.has(event.type) && object.id) session = await stripe.checkout.sessions.retrieve(object.id);
  else if (REFUND_EVENTS.has(event.type) && object.id) refund = await stripe.refunds.retrieve(object.id);
  return db.transaction(async (t) => {
    const d = tx(t);
    const inserted = await d.insert(stripeEvents).values({ id: event.id, type: event.type }).onConflictDoNothing().returning({ id: stripeEvents.id });
    if (!inserted.length) return "duplicate" as const;
    if (session) return applySession(d, session, event.type, mail, now);
    if (refund) {
      await applyStripeRefund(d, refund, mail);
      return "applied" as const;
    }
    return "ignored" as const;
  });
}

/** The success page: the founder came back from Checkout; the session is read from Stripe, never from the URL. */
export async function fulfilFromSuccessPage(db: Db, stripe: Stripe, actor: Actor, applicationId: string, sessionId: string, mail: MailContext) {
  const app = await applicationContext(db, applicationId);
  if (app.founderUserId !== actor.id) throw new NotFoundError();
  if (!/^cs_[A-Za-z0-9_]+$/.test(sessionId)) throw new NotFoundError();
  const session = await stripe.checkout.sessions.retrieve(sessionId);
  const [p] = await db.select({ applicationId: payments.applicationId }).from(payments).where(eq(payments.stripeSessionId, session.id));
  if (!p || p.applicationId !== applicationId) throw new NotFoundError();
  await db.transaction(async (t) => applySession(tx(t), session, null, mail, new Date()));
  const [after] = await db.select({ status: payments.status }).from(payments).where(eq(payments.stripeSessionId, session.id));
  return after!.status;
}

/** Compare every open Stripe payment with its Checkout Session and apply what Stripe says (the webhook's backstop). */
export async function reconcileStripePayments(db: Db, stripe: Stripe, mail: MailContext, now = new Date()) {
  const open = await db
    .select({ id: payments.id, sessionId: payments.stripeSessionId })
    .from(payments)
    .where(and(eq(payments.provider, "stripe"), eq(payments.status, "pending"), isNotNull(payments.stripeSessionId)))
    .limit(1000);
  const result = { checked: 0, paid: 0, expired: 0, unchanged: 0 };
  for (const p of open) {
    const session = await stripe.checkout.sessions.retrieve(p.sessionId!);
    result.checked += 1;
    await db.transaction(async (t) => applySession(tx(t), session, null, mail, now));
    const [after] = await db.select({ status: payments.status }).from(payments).where(eq(payments.id, p.id));
    if (after?.status === "paid") result.paid += 1;
    else if (after?.status === "expired") result.expired += 1;
    else result.unchanged += 1;
  }
  return result;
}

// ---------------------------------------------------------------- fapiao

const TAX_ID = /^[0-9A-Z]{15,20}$/;

export interface FapiaoInput {
  buyerName: string;
  taxId: string;
  email: string;
  addressPhone: string;
  bankAccount: string;
}

/** The founder asks for a fapiao for a paid payment (once), with the buyer's details as the tax office wants them. */
export async function requestFapiao(db: Db, actor: Actor, paymentId: string, input: FapiaoInput) {
  const p = await paymentForFounder(db, actor, paymentId);
  if (!(p.status === "paid" || p.status === "partially_refunded")) throw new DomainError("incubator:errors.paymentState", undefined, 409);
  const taxId = input.taxId.trim().toUpperCase();
  if (!TAX_ID.test(taxId)) throw new DomainError("incubator:errors.taxId", "taxId");
  await db.transaction(async (t) => {
    const d = tx(t);
    const inserted = await d
      .insert(fapiaoRequests)
      .values({ paymentId, buyerName: input.buyerName, taxId, email: input.email, addressPhone: input.addressPhone || null, bankAccount: input.bankAccount || null })
      .onConflictDoNothing()
      .returning({ id: fapiaoRequests.id });
    if (!inserted.length) throw new DomainError("incubator:errors.fapiaoExists", undefined, 409);
    await recordAudit(d, actor, "fapiao.request", paymentId, { fapiaoId: inserted[0]!.id });
  });
}

/** The park marks a fapiao issued with its number (issued in the park's own e-invoicing system). */
export async function issueFapiao(db: Db, actor: Actor, fapiaoId: string, invoiceNumber: string, mail: MailContext) {
  requireUuid(fapiaoId);
  const [f] = await db.select({ fapiao: fapiaoRequests, payment: payments }).from(fapiaoRequests).innerJoin(payments, eq(payments.id, fapiaoRequests.paymentId)).where(eq(fapiaoRequests.id, fapiaoId));
  if (!f) throw new NotFoundError();
  await assertOrganizationAccess(db, actor, f.payment.organizationId);
  if (!/^[0-9A-Za-z-]{8,30}$/.test(invoiceNumber.trim())) throw new DomainError("incubator:errors.invoiceNumber", "invoiceNumber");
  await db.transaction(async (t) => {
    const d = tx(t);
    const moved = await d
      .update(fapiaoRequests)
      .set({ status: "issued", invoiceNumber: invoiceNumber.trim(), issuedAt: new Date(), issuedByUserId: actor.id })
      .where(and(eq(fapiaoRequests.id, fapiaoId), eq(fapiaoRequests.status, "requested")))
      .returning({ id: fapiaoRequests.id });
    if (!moved.length) throw new DomainError("incubator:errors.fapiaoIssued", undefined, 409);
    await recordAudit(d, actor, "fapiao.issue", f.payment.id, { invoiceNumber: invoiceNumber.trim() });
    await mailFounder(d, f.payment.applicationId, "fapiao_issued", mail, { note: invoiceNumber.trim(), key: fapiaoId });
  });
}

// ---------------------------------------------------------------- pages

/** The founder's payment panel: what is due, the payments so far (with refunds and fapiao), and the bank details. */
export async function founderPayments(db: Db, actor: Actor, applicationId: string) {
  const app = await applicationContext(db, applicationId);
  if (app.founderUserId !== actor.id) throw new NotFoundError();
  const due = await amountDue(db, app.packageId);
  const rows = await paymentRows(db, eq(payments.applicationId, applicationId));
  const settings = await settingsOf(db, app.organizationId);
  return {
    due,
    payments: rows,
    bank: { accountName: settings.bankAccountName, bankName: settings.bankName, accountNumber: settings.bankAccountNumber },
    offlineOnly: settings.offlineOnly,
  };
}

async function paymentRows(db: Db, where: ReturnType<typeof eq>) {
  const rows = await db
    .select({ payment: payments, venture: ventures.name, fapiao: fapiaoRequests })
    .from(payments)
    .innerJoin(startupApplications, eq(startupApplications.id, payments.applicationId))
    .innerJoin(ventures, eq(ventures.id, startupApplications.ventureId))
    .leftJoin(fapiaoRequests, eq(fapiaoRequests.paymentId, payments.id))
    .where(where)
    .orderBy(desc(payments.createdAt))
    .limit(500);
  const ids = rows.map((r) => r.payment.id);
  const refundRows = ids.length ? await db.select().from(refunds).where(inArray(refunds.paymentId, ids)) : [];
  return rows.map((r) => ({
    ...r.payment,
    venture: r.venture,
    hasProof: !!r.payment.proofPath,
    fapiao: r.fapiao,
    refunds: refundRows.filter((x) => x.paymentId === r.payment.id),
    refundableFen: refundableFen(r.payment.amountFen, refundRows.filter((x) => x.paymentId === r.payment.id)),
  }));
}

/** The park's payments (newest first) with what each needs from the park. */
export async function parkPayments(db: Db, actor: Actor) {
  const park = await requirePark(db, actor);
  const settings = await settingsOf(db, park.id);
  return { park, settings, payments: await paymentRows(db, eq(payments.organizationId, park.id)) };
}

/** The payments of one application, for the park's application page. */
export async function applicationPaymentsForPark(db: Db, actor: Actor, applicationId: string) {
  const app = await applicationContext(db, applicationId);
  await assertOrganizationAccess(db, actor, app.organizationId);
  return paymentRows(db, eq(payments.applicationId, applicationId));
}
