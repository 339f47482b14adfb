import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { and, eq, like } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  approveOfflinePayment,
  confirmOfflinePayment,
  founderPayments,
  fulfilFromSuccessPage,
  handleStripeEvent,
  issueFapiao,
  reconcileStripePayments,
  refundPayment,
  rejectTransferProof,
  requestFapiao,
  startPayment,
  StripeSignatureError,
  updatePaymentSettings,
  uploadTransferProof,
  verifyStripeEvent,
  type PaymentConfig,
} from "../../app/models/incubator-payment.server";
import { DomainError, ForbiddenError, NotFoundError } from "../../app/models/errors";
import { createUser } from "../../db/factories";
import { capacityHolds, fapiaoRequests, incubatorPackages, payments, refunds, stripeEvents } from "../../db/incubator-schema";
import { auditLog, emailOutbox, memberships } from "../../db/schema";
import type { Db } from "../../db/client";
import { StripeFake } from "../fakes/stripe";
import { action as stripeWebhook } from "../../app/routes/webhooks.stripe";
import { loadConfig } from "../../app/env.server";
import type { ActionFunctionArgs } from "@remix-run/node";
import { getTestDb, withIsolatedDb, withRollback } from "../helpers/db";
import { acceptedFounder, MAIL, NOT_PDF_BYTES, park, PDF_BYTES } from "../helpers/incubator";

const dir = mkdtempSync(path.join(tmpdir(), "rongye-payments-"));
const SECRET = "whsec_test_rongye";
const config: PaymentConfig = { ...MAIL, currency: "cny", methods: ["card", "alipay", "wechat_pay"] };
const fake = new StripeFake();

beforeAll(async () => {
  await getTestDb();
  await fake.listen();
});
afterAll(() => fake.close());

async function audits(tx: Db, action: string, subjectId: string) {
  return tx.select().from(auditLog).where(and(eq(auditLog.action, action), eq(auditLog.subjectId, subjectId)));
}

async function secondManager(tx: Db, organizationId: string) {
  const user = await createUser(tx, { role: "incubator" });
  await tx.insert(memberships).values({ userId: user.id, organizationId, role: "manager" });
  return user;
}

function shuffle<T>(xs: T[], seed: number): T[] {
  const out = [...xs];
  let s = seed;
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

describe("offline payment (no Stripe key)", () => {
  it("notice with reference → proof → confirmation → paid place, receipt, audit; fapiao; refunds never exceed the payment", async () => {
    await withRollback(async (tx) => {
      const { manager, org, founder, applicationId, packageId } = await acceptedFounder(tx);
      await updatePaymentSettings(tx, manager, { bankAccountName: "张家港兵哥哥创业园管理有限公司", bankName: "中国银行张家港支行", bankAccountNumber: "4685 7012 3456", approvalThresholdFen: 1_000_000, offlineOnly: false });
      const started = await startPayment(tx, null, founder, applicationId, config);
      expect(started.kind).toBe("offline");
      // 6000 yuan less 50% subsidy = 3000 yuan = 300000 fen
      const [p] = await tx.select().from(payments).where(eq(payments.id, started.paymentId));
      expect(p).toMatchObject({ provider: "offline", status: "pending", amountFen: 300_000 });
      expect(p!.reference).toMatch(/^RY-[A-Z2-9]{10}$/);
      // a second start gives the same open payment
      expect((await startPayment(tx, null, founder, applicationId, config)).paymentId).toBe(started.paymentId);
      const notice = await tx.select().from(emailOutbox).where(like(emailOutbox.idempotencyKey, `incubator:payment_notice:${applicationId}:%`));
      expect(notice).toHaveLength(1);
      expect(JSON.stringify(notice[0]!.props)).toContain(p!.reference);

      const stranger = await createUser(tx, { role: "veteran" });
      await expect(uploadTransferProof(tx, stranger, p!.id, { filename: "x.pdf", bytes: PDF_BYTES }, MAIL, { dir })).rejects.toBeInstanceOf(NotFoundError);
      await expect(uploadTransferProof(tx, founder, p!.id, { filename: "x.exe", bytes: NOT_PDF_BYTES }, MAIL, { dir })).rejects.toSatisfy(
        (e: unknown) => e instanceof DomainError && e.code === "incubator:errors.proofType",
      );
      await uploadTransferProof(tx, founder, p!.id, { filename: "转账回单.pdf", bytes: PDF_BYTES }, MAIL, { dir });
      const other = await park(tx, "别的园区");
      await expect(confirmOfflinePayment(tx, other.manager, p!.id, MAIL)).rejects.toBeInstanceOf(ForbiddenError);
      expect(await confirmOfflinePayment(tx, manager, p!.id, MAIL)).toBe("paid");
      await expect(confirmOfflinePayment(tx, manager, p!.id, MAIL)).rejects.toBeInstanceOf(DomainError);

      const [paid] = await tx.select().from(payments).where(eq(payments.id, p!.id));
      expect(paid).toMatchObject({ status: "paid", confirmedByUserId: manager.id });
      expect(paid!.receiptNumber).toMatch(/^R\d{8}-[0-9A-F]{8}$/);
      const [hold] = await tx.select().from(capacityHolds).where(eq(capacityHolds.applicationId, applicationId));
      expect(hold!.status).toBe("converted");
      const [pkg] = await tx.select().from(incubatorPackages).where(eq(incubatorPackages.id, packageId));
      expect(pkg!.placesTaken).toBe(1);
      for (const action of ["payment.start", "payment.proof.upload", "payment.confirm", "payment.fulfil"]) {
        expect(await audits(tx, action, p!.id), action).toHaveLength(1);
      }
      await expect(startPayment(tx, null, founder, applicationId, config)).rejects.toSatisfy((e: unknown) => e instanceof DomainError && e.code === "incubator:errors.alreadyPaid");

      // fapiao: the founder asks once, the park marks it issued with the invoice number
      await expect(requestFapiao(tx, founder, p!.id, { buyerName: "张家港戎速冷链有限公司", taxId: "bad", email: "a@b.cn", addressPhone: "", bankAccount: "" })).rejects.toBeInstanceOf(DomainError);
      await requestFapiao(tx, founder, p!.id, { buyerName: "张家港戎速冷链有限公司", taxId: "91320582MA1XYZ1234", email: "caiwu@rongsu.cn", addressPhone: "", bankAccount: "" });
      await expect(requestFapiao(tx, founder, p!.id, { buyerName: "x", taxId: "91320582MA1XYZ1234", email: "a@b.cn", addressPhone: "", bankAccount: "" })).rejects.toBeInstanceOf(DomainError);
      const [fapiao] = await tx.select().from(fapiaoRequests).where(eq(fapiaoRequests.paymentId, p!.id));
      await issueFapiao(tx, manager, fapiao!.id, "24322000000012345678", MAIL);
      expect((await tx.select().from(fapiaoRequests).where(eq(fapiaoRequests.id, fapiao!.id)))[0]).toMatchObject({ status: "issued", invoiceNumber: "24322000000012345678" });

      // refunds: no negative, no more than is left; partial then the rest
      await expect(refundPayment(tx, null, manager, p!.id, -100, "x", MAIL)).rejects.toBeInstanceOf(DomainError);
      await expect(refundPayment(tx, null, manager, p!.id, 300_001, "x", MAIL)).rejects.toBeInstanceOf(DomainError);
      await refundPayment(tx, null, manager, p!.id, 100_000, "提前退园，按月退还", MAIL);
      expect((await tx.select().from(payments).where(eq(payments.id, p!.id)))[0]).toMatchObject({ status: "partially_refunded", refundedFen: 100_000 });
      await expect(refundPayment(tx, null, manager, p!.id, 200_001, "x", MAIL)).rejects.toBeInstanceOf(DomainError);
      await refundPayment(tx, null, manager, p!.id, 200_000, "全部退还", MAIL);
      expect((await tx.select().from(payments).where(eq(payments.id, p!.id)))[0]).toMatchObject({ status: "refunded", refundedFen: 300_000 });
      expect(await audits(tx, "payment.refund", p!.id)).toHaveLength(2);
      expect(org.id).toBe(paid!.organizationId);
    });
  });

  it("above the park's threshold a second manager approves; the confirming manager cannot; a rejected proof goes back to pending", async () => {
    await withRollback(async (tx) => {
      const { manager, org, founder, applicationId } = await acceptedFounder(tx, { price: "60000", subsidy: "0" });
      await updatePaymentSettings(tx, manager, { bankAccountName: "园区", bankName: "银行", bankAccountNumber: "1", approvalThresholdFen: 1_000_000, offlineOnly: false });
      const { paymentId } = await startPayment(tx, null, founder, applicationId, config);
      await uploadTransferProof(tx, founder, paymentId, { filename: "a.pdf", bytes: PDF_BYTES }, MAIL, { dir });
      await rejectTransferProof(tx, manager, paymentId, "未查到到账记录");
      expect((await tx.select().from(payments).where(eq(payments.id, paymentId)))[0]!.status).toBe("pending");
      await uploadTransferProof(tx, founder, paymentId, { filename: "b.pdf", bytes: PDF_BYTES }, MAIL, { dir });
      expect(await confirmOfflinePayment(tx, manager, paymentId, MAIL)).toBe("awaiting_approval");
      await expect(approveOfflinePayment(tx, manager, paymentId, MAIL)).rejects.toBeInstanceOf(ForbiddenError);
      const second = await secondManager(tx, org.id);
      await approveOfflinePayment(tx, second, paymentId, MAIL);
      const [p] = await tx.select().from(payments).where(eq(payments.id, paymentId));
      expect(p).toMatchObject({ status: "paid", amountFen: 6_000_000, confirmedByUserId: manager.id, approvedByUserId: second.id });
      expect(await audits(tx, "payment.approve", paymentId)).toHaveLength(1);
      const view = await founderPayments(tx, founder, applicationId);
      expect(view.payments[0]!.status).toBe("paid");
      expect(view.due.netFen).toBe(6_000_000);
    });
  });
});

describe("Stripe Checkout against the local fake", () => {
  it("creates one session per payment with the idempotency key, the amount in fen, and WeChat Pay's web client", async () => {
    await withRollback(async (tx) => {
      const { founder, applicationId } = await acceptedFounder(tx);
      const stripe = fake.client();
      const before = fake.requests.length;
      const started = await startPayment(tx, stripe, founder, applicationId, config);
      expect(started.kind).toBe("stripe");
      const again = await startPayment(tx, stripe, founder, applicationId, config);
      expect(again).toEqual(started);
      const posts = fake.requests.slice(before).filter((r) => r.method === "POST");
      expect(posts).toHaveLength(1);
      expect(posts[0]!.headers["idempotency-key"]).toBe(`checkout:${started.paymentId}`);
      expect(posts[0]!.form).toMatchObject({
        mode: "payment",
        "line_items[0][price_data][currency]": "cny",
        "line_items[0][price_data][unit_amount]": "300000",
        "allowed_payment_method_types[2]": "wechat_pay",
        "payment_method_options[wechat_pay][client]": "web",
        "metadata[payment_id]": started.paymentId,
      });
      const [p] = await tx.select().from(payments).where(eq(payments.id, started.paymentId));
      expect(p!.stripeSessionId).toMatch(/^cs_test_/);
    });
  });

  it("webhooks: tampered and 301-second-old signatures are refused; three shuffled deliveries of every event end paid with one fulfilment", async () => {
    await withRollback(async (tx) => {
      const { founder, applicationId, manager } = await acceptedFounder(tx);
      const stripe = fake.client();
      const { paymentId } = await startPayment(tx, stripe, founder, applicationId, config);
      const [p] = await tx.select().from(payments).where(eq(payments.id, paymentId));
      const session = fake.completeSession(p!.stripeSessionId!);

      const completed = fake.signedEvent("checkout.session.completed", { ...session, payment_status: "unpaid" }, SECRET);
      const succeeded = fake.signedEvent("checkout.session.async_payment_succeeded", session, SECRET);
      const expired = fake.signedEvent("checkout.session.expired", { ...session, status: "expired" }, SECRET);

      expect(() => verifyStripeEvent(stripe, completed.payload.replace("unpaid", "paid"), completed.header, SECRET)).toThrow(StripeSignatureError);
      expect(() => verifyStripeEvent(stripe, completed.payload, null, SECRET)).toThrow(StripeSignatureError);
      const old = fake.signedEvent("checkout.session.completed", session, SECRET, { timestamp: Math.floor(Date.now() / 1000) - 301 });
      expect(() => verifyStripeEvent(stripe, old.payload, old.header, SECRET)).toThrow(StripeSignatureError);
      const recent = fake.signedEvent("checkout.session.completed", session, SECRET, { timestamp: Math.floor(Date.now() / 1000) - 299 });
      expect(verifyStripeEvent(stripe, recent.payload, recent.header, SECRET).id).toBe(recent.event.id);
      expect((await tx.select().from(payments).where(eq(payments.id, paymentId)))[0]!.status).toBe("pending");

      const deliveries = shuffle([completed, succeeded, expired, completed, succeeded, expired, completed, succeeded, expired], 7);
      const outcomes = [];
      for (const d of deliveries) {
        const ev = verifyStripeEvent(stripe, d.payload, d.header, SECRET);
        outcomes.push(await handleStripeEvent(tx, stripe, ev, MAIL));
      }
      expect(outcomes.filter((o) => o === "duplicate")).toHaveLength(6);
      const [after] = await tx.select().from(payments).where(eq(payments.id, paymentId));
      expect(after).toMatchObject({ status: "paid", stripePaymentIntentId: session.payment_intent });
      expect(await audits(tx, "payment.fulfil", paymentId)).toHaveLength(1);
      const paidMails = await tx.select().from(emailOutbox).where(like(emailOutbox.idempotencyKey, `incubator:paid:${applicationId}:%`));
      expect(paidMails.length).toBeGreaterThanOrEqual(2); // founder + park manager, once each
      expect(new Set(paidMails.map((m) => m.toAddress)).size).toBe(paidMails.length);
      expect(await tx.select().from(stripeEvents).where(eq(stripeEvents.id, completed.event.id))).toHaveLength(1);
      // the success page after the webhook changes nothing
      expect(await fulfilFromSuccessPage(tx, stripe, founder, applicationId, session.id, MAIL)).toBe("paid");
      expect(await audits(tx, "payment.fulfil", paymentId)).toHaveLength(1);

      // a partial refund through Stripe: pending until Stripe says succeeded (refund.updated, re-read)
      await expect(refundPayment(tx, stripe, manager, paymentId, 400_000, "x", MAIL)).rejects.toBeInstanceOf(DomainError);
      const refundId = await refundPayment(tx, stripe, manager, paymentId, 50_000, "少用一个月", MAIL);
      const [r] = await tx.select().from(refunds).where(eq(refunds.id, refundId));
      expect(r).toMatchObject({ status: "pending", amountFen: 50_000 });
      const remote = fake.setRefundStatus(r!.stripeRefundId!, "succeeded");
      const updated = fake.signedEvent("refund.updated", { ...remote, status: "pending" }, SECRET);
      for (let i = 0; i < 3; i++) await handleStripeEvent(tx, stripe, verifyStripeEvent(stripe, updated.payload, updated.header, SECRET), MAIL);
      expect((await tx.select().from(payments).where(eq(payments.id, paymentId)))[0]).toMatchObject({ status: "partially_refunded", refundedFen: 50_000 });
    });
  });

  it("an expired session leaves the payment expired and a new checkout can start; reconcile catches a payment whose webhook never came", async () => {
    await withRollback(async (tx) => {
      const { founder, applicationId } = await acceptedFounder(tx);
      const stripe = fake.client();
      const first = await startPayment(tx, stripe, founder, applicationId, config);
      const [p1] = await tx.select().from(payments).where(eq(payments.id, first.paymentId));
      const expired = fake.expireSession(p1!.stripeSessionId!);
      const ev = fake.signedEvent("checkout.session.expired", expired, SECRET);
      await handleStripeEvent(tx, stripe, verifyStripeEvent(stripe, ev.payload, ev.header, SECRET), MAIL);
      expect((await tx.select().from(payments).where(eq(payments.id, first.paymentId)))[0]!.status).toBe("expired");

      const second = await startPayment(tx, stripe, founder, applicationId, config);
      expect(second.paymentId).not.toBe(first.paymentId);
      const [p2] = await tx.select().from(payments).where(eq(payments.id, second.paymentId));
      fake.completeSession(p2!.stripeSessionId!);
      const result = await reconcileStripePayments(tx, stripe, MAIL);
      expect(result.paid).toBeGreaterThanOrEqual(1);
      expect((await tx.select().from(payments).where(eq(payments.id, second.paymentId)))[0]!.status).toBe("paid");
      expect(await audits(tx, "payment.fulfil", second.paymentId)).toHaveLength(1);
    });
  });

  it("20 concurrent deliveries and success-page visits for one paid session fulfil it exactly once", async () => {
    await withIsolatedDb(
      async (db) => {
        const { founder, applicationId } = await acceptedFounder(db);
        const stripe = fake.client();
        const { paymentId } = await startPayment(db, stripe, founder, applicationId, config);
        const [p] = await db.select().from(payments).where(eq(payments.id, paymentId));
        const session = fake.completeSession(p!.stripeSessionId!);
        const events = Array.from({ length: 10 }, (_, i) => fake.signedEvent(i % 2 ? "checkout.session.completed" : "checkout.session.async_payment_succeeded", session, SECRET));
        await Promise.all([
          ...events.map((e) => handleStripeEvent(db, stripe, verifyStripeEvent(stripe, e.payload, e.header, SECRET), MAIL)),
          ...Array.from({ length: 10 }, () => fulfilFromSuccessPage(db, stripe, founder, applicationId, session.id, MAIL)),
        ]);
        expect(await audits(db, "payment.fulfil", paymentId)).toHaveLength(1);
        expect((await db.select().from(capacityHolds).where(eq(capacityHolds.applicationId, applicationId)))[0]!.status).toBe("converted");
      },
      { poolMax: 10 },
    );
  }, 120_000);

  it("POST /webhooks/stripe: a bad signature is 400 and changes nothing; a good one is 200 and pays", async () => {
    await withRollback(async (tx) => {
      const { founder, applicationId } = await acceptedFounder(tx);
      const stripe = fake.client();
      const { paymentId } = await startPayment(tx, stripe, founder, applicationId, config);
      const [p] = await tx.select().from(payments).where(eq(payments.id, paymentId));
      const session = fake.completeSession(p!.stripeSessionId!);
      const signed = fake.signedEvent("checkout.session.completed", session, SECRET);
      const context = { config: loadConfig({ STRIPE_SECRET_KEY: "sk_test_fake", STRIPE_WEBHOOK_SECRET: SECRET }), db: tx, stripe } as unknown as ActionFunctionArgs["context"];
      const post = (body: string, signature: string) =>
        stripeWebhook({ request: new Request("http://localhost/webhooks/stripe", { method: "POST", body, headers: { "stripe-signature": signature } }), context, params: {} });
      const bad = await post(signed.payload.replace(session.id, `${session.id}x`), signed.header);
      expect(bad.status).toBe(400);
      expect(await tx.select().from(stripeEvents).where(eq(stripeEvents.id, signed.event.id))).toHaveLength(0);
      expect((await tx.select().from(payments).where(eq(payments.id, paymentId)))[0]!.status).toBe("pending");
      const good = await post(signed.payload, signed.header);
      expect(good.status).toBe(200);
      expect(await good.json()).toEqual({ received: true, outcome: "applied" });
      expect((await tx.select().from(payments).where(eq(payments.id, paymentId)))[0]!.status).toBe("paid");
    });
  });
});
