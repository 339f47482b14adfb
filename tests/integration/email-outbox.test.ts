import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, inArray } from "drizzle-orm";
import type { Db } from "../../db/client";
import { devMailbox, emailOutbox, users } from "../../db/schema";
import { createMailer, MailerError, type Mailer, type OutgoingEmail } from "../../emails/mailer";
import {
  EMAIL_MAX_ATTEMPTS,
  drainEmailOutbox,
  emailOutboxBacklog,
  emailRetryDelayMs,
  enqueueEmail,
  startEmailDrainLoop,
} from "../../emails/outbox";
import { getDevMail, listDevMailbox } from "../../app/models/dev-mailbox.server";
import { EmailTemplateError } from "../../emails/templates";
import { getTestDb, withRollback } from "../helpers/db";

const FROM = "戎业 Rongye <noreply@rongye.example>";
const key = (label: string) => `test:${label}:${randomUUID()}`;
/** A clock a little ahead of the database's, so rows created "now" by the database are due. */
const later = (ms = 0) => new Date(Date.now() + 60_000 + ms);

async function outboxRow(db: Db, idempotencyKey: string) {
  const [row] = await db.select().from(emailOutbox).where(eq(emailOutbox.idempotencyKey, idempotencyKey));
  return row;
}

/** A mailer that records what it was asked to send and fails while `failing` is true. */
function recordingMailer(options: { failing?: boolean } = {}) {
  const sent: OutgoingEmail[] = [];
  const state = { failing: options.failing ?? false };
  const mailer: Mailer = {
    kind: "dev",
    async send(message) {
      await new Promise((resolve) => setImmediate(resolve));
      if (state.failing) throw new MailerError("provider unavailable", 503, "application_error");
      sent.push(message);
      return { providerId: `fake-${sent.length}` };
    },
  };
  return { mailer, sent, state };
}

describe("email outbox with the dev mailbox", () => {
  it("enqueues in the business transaction, then the drain delivers to the dev mailbox with the link", async () => {
    await withRollback(async (tx) => {
      const to = `veteran-${randomUUID()}@example.com`;
      const idempotencyKey = key("verify");
      const verifyUrl = `https://rongye.example/verify-email?token=${randomUUID()}`;
      await tx.transaction(async (business) => {
        const [user] = await business
          .insert(users)
          .values({ email: to, passwordHash: "x", role: "veteran", displayName: "张伟" })
          .returning();
        const queued = await enqueueEmail(business, {
          template: "verify_email",
          to,
          locale: "zh-CN",
          props: { name: user.displayName, verifyUrl },
          userId: user.id,
          idempotencyKey,
        });
        expect(queued.inserted).toBe(true);
      });

      const mailer = createMailer({ db: tx });
      expect(mailer.kind).toBe("dev");
      const result = await drainEmailOutbox(tx, mailer, { from: FROM, now: later() });
      expect(result).toEqual({ sent: 1, failed: 0, retried: 0 });

      const row = await outboxRow(tx, idempotencyKey);
      expect(row.status).toBe("sent");
      expect(row.attempts).toBe(1);
      expect(row.sentAt).toBeInstanceOf(Date);
      expect(row.lastError).toBeNull();

      const list = await listDevMailbox(tx, { to: to.toUpperCase() });
      expect(list).toHaveLength(1);
      expect(list[0].subject).toBe("请验证您的戎业邮箱");
      expect(String(list[0].id)).toBe(row.providerId);
      const mail = await getDevMail(tx, list[0].id);
      expect(mail?.toAddress).toBe(to);
      expect(mail?.fromAddress).toBe(FROM);
      expect(mail?.idempotencyKey).toBe(idempotencyKey);
      expect(mail?.html).toContain(`href="${verifyUrl}"`);
      expect(mail?.text).toContain(verifyUrl);
      expect(mail?.text).toContain("张伟，您好");
      expect(await getDevMail(tx, 0)).toBeNull();
    });
  });

  it("renders in the row's locale", async () => {
    await withRollback(async (tx) => {
      const to = `employer-${randomUUID()}@example.com`;
      await enqueueEmail(tx, {
        template: "welcome",
        to,
        locale: "en",
        props: { name: "Acme HR", role: "employer", dashboardUrl: "https://rongye.example/employer" },
        idempotencyKey: key("welcome"),
      });
      await drainEmailOutbox(tx, createMailer({ db: tx }), { from: FROM, now: later() });
      const [listed] = await listDevMailbox(tx, { to });
      expect(listed.subject).toBe("Welcome to Rongye");
      expect((await getDevMail(tx, listed.id))?.text).toContain("Hello Acme HR");
    });
  });

  it("sends once however often it is enqueued or drained", async () => {
    await withRollback(async (tx) => {
      const to = `twice-${randomUUID()}@example.com`;
      const idempotencyKey = key("reset");
      const input = {
        template: "reset_password" as const,
        to,
        locale: "zh-CN" as const,
        props: { name: "李娜", resetUrl: "https://rongye.example/reset?token=t1", expiresInMinutes: 30 },
        idempotencyKey,
      };
      const first = await enqueueEmail(tx, input);
      const second = await enqueueEmail(tx, input);
      expect(second).toEqual({ id: first.id, inserted: false });

      const mailer = createMailer({ db: tx });
      expect(await drainEmailOutbox(tx, mailer, { from: FROM, now: later() })).toEqual({ sent: 1, failed: 0, retried: 0 });
      expect(await drainEmailOutbox(tx, mailer, { from: FROM, now: later(3_600_000) })).toEqual({
        sent: 0,
        failed: 0,
        retried: 0,
      });
      expect(await listDevMailbox(tx, { to })).toHaveLength(1);

      // A repeated send of the same key (a worker that died before recording "sent") keeps the first mail.
      const again = await mailer.send({ idempotencyKey, to, from: FROM, subject: "dup", html: "<p>dup</p>", text: "dup" });
      expect(again.providerId).toBe((await outboxRow(tx, idempotencyKey)).providerId);
      const mails = await listDevMailbox(tx, { to });
      expect(mails).toHaveLength(1);
      expect(mails[0].subject).toBe("重置您的戎业密码");
    });
  });

  it("leaves no mail when the business transaction rolls back", async () => {
    const to = `rolled-back-${randomUUID()}@example.com`;
    const idempotencyKey = key("rollback");
    await withRollback(async (tx) => {
      await expect(
        tx.transaction(async (business) => {
          await business.insert(users).values({ email: to, passwordHash: "x", role: "veteran", displayName: "R" });
          await enqueueEmail(business, {
            template: "verify_email",
            to,
            locale: "zh-CN",
            props: { name: "R", verifyUrl: "https://rongye.example/v?t=1" },
            idempotencyKey,
          });
          expect(await outboxRow(business, idempotencyKey)).toBeDefined();
          throw new Error("the business change failed");
        }),
      ).rejects.toThrow("the business change failed");
      expect(await outboxRow(tx, idempotencyKey)).toBeUndefined();
      expect(await tx.select().from(users).where(eq(users.email, to))).toHaveLength(0);
      expect(await drainEmailOutbox(tx, createMailer({ db: tx }), { from: FROM, now: later() })).toEqual({
        sent: 0,
        failed: 0,
        retried: 0,
      });
    });
    const { db } = await getTestDb();
    expect(await outboxRow(db, idempotencyKey)).toBeUndefined();
  });

  it("refuses to enqueue bad props or a bad address", async () => {
    await withRollback(async (tx) => {
      await expect(
        enqueueEmail(tx, {
          template: "reset_password",
          to: "a@example.com",
          locale: "en",
          props: { name: "A", resetUrl: "not a url", expiresInMinutes: 30 },
          idempotencyKey: key("bad-props"),
        }),
      ).rejects.toThrow(EmailTemplateError);
      await expect(
        enqueueEmail(tx, {
          template: "welcome",
          to: "not-an-address",
          locale: "en",
          props: { name: "A", role: "veteran", dashboardUrl: "https://rongye.example/d" },
          idempotencyKey: key("bad-to"),
        }),
      ).rejects.toThrow(/recipient/);
      expect(await tx.select().from(emailOutbox).where(eq(emailOutbox.toAddress, "a@example.com"))).toHaveLength(0);
    });
  });

  it("waits for sendAfter", async () => {
    await withRollback(async (tx) => {
      const t0 = later();
      const idempotencyKey = key("digest");
      await enqueueEmail(tx, {
        template: "welcome",
        to: "digest@example.com",
        locale: "zh-CN",
        props: { name: "A", role: "veteran", dashboardUrl: "https://rongye.example/d" },
        idempotencyKey,
        sendAfter: new Date(t0.getTime() + 3_600_000),
      });
      const { mailer, sent } = recordingMailer();
      expect((await drainEmailOutbox(tx, mailer, { from: FROM, now: t0 })).sent).toBe(0);
      expect((await drainEmailOutbox(tx, mailer, { from: FROM, now: new Date(t0.getTime() + 3_600_000) })).sent).toBe(1);
      expect(sent.map((m) => m.idempotencyKey)).toEqual([idempotencyKey]);
    });
  });
});

describe("email outbox retries", () => {
  it("backs off exponentially, records the error, and gives up after the last attempt", async () => {
    await withRollback(async (tx) => {
      const idempotencyKey = key("retry");
      await enqueueEmail(tx, {
        template: "verify_email",
        to: "retry@example.com",
        locale: "en",
        props: { name: "A", verifyUrl: "https://rongye.example/v?t=retry" },
        idempotencyKey,
      });
      const { mailer, sent } = recordingMailer({ failing: true });
      let now = later();
      const delays: number[] = [];
      for (let attempt = 1; attempt < EMAIL_MAX_ATTEMPTS; attempt++) {
        expect(await drainEmailOutbox(tx, mailer, { from: FROM, now })).toEqual({ sent: 0, failed: 0, retried: 1 });
        const row = await outboxRow(tx, idempotencyKey);
        expect(row.status).toBe("pending");
        expect(row.attempts).toBe(attempt);
        expect(row.lastError).toContain("provider unavailable");
        delays.push(row.nextAttemptAt.getTime() - now.getTime());
        // Not due again until the backoff has passed.
        expect(await drainEmailOutbox(tx, mailer, { from: FROM, now: new Date(row.nextAttemptAt.getTime() - 1) })).toEqual({
          sent: 0,
          failed: 0,
          retried: 0,
        });
        now = row.nextAttemptAt;
      }
      expect(delays).toEqual([30, 60, 120, 240, 480, 960, 1920].map((s) => s * 1000));

      expect(await drainEmailOutbox(tx, mailer, { from: FROM, now })).toEqual({ sent: 0, failed: 1, retried: 0 });
      const failed = await outboxRow(tx, idempotencyKey);
      expect(failed.status).toBe("failed");
      expect(failed.attempts).toBe(EMAIL_MAX_ATTEMPTS);
      expect(failed.sentAt).toBeNull();
      expect(sent).toHaveLength(0);
      expect(await drainEmailOutbox(tx, mailer, { from: FROM, now: new Date(now.getTime() + 86_400_000) })).toEqual({
        sent: 0,
        failed: 0,
        retried: 0,
      });
    });
  });

  it("caps the backoff at one hour", () => {
    expect(emailRetryDelayMs(1)).toBe(30_000);
    expect(emailRetryDelayMs(7)).toBe(1_920_000);
    expect(emailRetryDelayMs(8)).toBe(3_600_000);
    expect(emailRetryDelayMs(30)).toBe(3_600_000);
  });

  it("sends on a later attempt once the provider recovers", async () => {
    await withRollback(async (tx) => {
      const idempotencyKey = key("recover");
      await enqueueEmail(tx, {
        template: "verify_email",
        to: "recover@example.com",
        locale: "zh-CN",
        props: { name: "A", verifyUrl: "https://rongye.example/v?t=recover" },
        idempotencyKey,
      });
      const { mailer, sent, state } = recordingMailer({ failing: true });
      const now = later();
      expect((await drainEmailOutbox(tx, mailer, { from: FROM, now })).retried).toBe(1);
      state.failing = false;
      const next = (await outboxRow(tx, idempotencyKey)).nextAttemptAt;
      expect((await drainEmailOutbox(tx, mailer, { from: FROM, now: next })).sent).toBe(1);
      const row = await outboxRow(tx, idempotencyKey);
      expect(row).toMatchObject({ status: "sent", attempts: 2, lastError: null, providerId: "fake-1" });
      expect(sent.map((m) => m.idempotencyKey)).toEqual([idempotencyKey]);
    });
  });

  it("fails at once a stored mail that can never render", async () => {
    await withRollback(async (tx) => {
      const idempotencyKey = key("unrenderable");
      await tx.insert(emailOutbox).values({
        idempotencyKey,
        toAddress: "x@example.com",
        template: "no_such_template",
        locale: "zh-CN",
        props: {},
      });
      const { mailer, sent } = recordingMailer();
      expect(await drainEmailOutbox(tx, mailer, { from: FROM, now: later() })).toEqual({ sent: 0, failed: 1, retried: 0 });
      const row = await outboxRow(tx, idempotencyKey);
      expect(row.status).toBe("failed");
      expect(row.lastError).toContain("no_such_template");
      expect(sent).toHaveLength(0);
    });
  });
});

describe("email outbox health and loop", () => {
  it("reports the backlog", async () => {
    await withRollback(async (tx) => {
      const before = await emailOutboxBacklog(tx);
      const a = await enqueueEmail(tx, {
        template: "verify_email",
        to: "backlog@example.com",
        locale: "zh-CN",
        props: { name: "A", verifyUrl: "https://rongye.example/v?t=a" },
        idempotencyKey: key("backlog-a"),
      });
      await enqueueEmail(tx, {
        template: "verify_email",
        to: "backlog@example.com",
        locale: "zh-CN",
        props: { name: "A", verifyUrl: "https://rongye.example/v?t=b" },
        idempotencyKey: key("backlog-b"),
      });
      await tx
        .update(emailOutbox)
        .set({ createdAt: new Date(Date.now() - 600_000) })
        .where(eq(emailOutbox.id, a.id));
      const after = await emailOutboxBacklog(tx);
      expect(after.pending).toBe(before.pending + 2);
      expect(after.oldestAgeSeconds).toBeGreaterThanOrEqual(540);
      await drainEmailOutbox(tx, createMailer({ db: tx }), { from: FROM, now: later() });
      expect((await emailOutboxBacklog(tx)).pending).toBe(before.pending);
    });
  });

  it("the drain loop sends what is queued and stops cleanly", async () => {
    await withRollback(async (tx) => {
      const to = `loop-${randomUUID()}@example.com`;
      await enqueueEmail(tx, {
        template: "welcome",
        to,
        locale: "zh-CN",
        props: { name: "A", role: "incubator", dashboardUrl: "https://rongye.example/park" },
        idempotencyKey: key("loop"),
      });
      let resolveFirst!: (sent: number) => void;
      const firstRun = new Promise<number>((resolve) => (resolveFirst = resolve));
      const errors: unknown[] = [];
      const loop = startEmailDrainLoop(tx, createMailer({ db: tx }), {
        from: FROM,
        intervalMs: 60_000,
        onResult: (r) => resolveFirst(r.sent),
        onError: (e) => errors.push(e),
      });
      const sentInFirstRun = await firstRun;
      await loop.stop();
      expect(errors).toEqual([]);
      expect(sentInFirstRun).toBe(1);
      expect(await listDevMailbox(tx, { to })).toHaveLength(1);
    });
  });

  it("concurrent drains never send a row twice", async () => {
    const { db } = await getTestDb();
    const keys = Array.from({ length: 12 }, (_, i) => key(`concurrent-${i}`));
    try {
      for (const idempotencyKey of keys) {
        await enqueueEmail(db, {
          template: "verify_email",
          to: "concurrent@example.com",
          locale: "zh-CN",
          props: { name: "A", verifyUrl: `https://rongye.example/v?k=${encodeURIComponent(idempotencyKey)}` },
          idempotencyKey,
        });
      }
      const { mailer, sent } = recordingMailer();
      const now = later();
      const results = await Promise.all(
        [0, 1, 2].map(() => drainEmailOutbox(db, mailer, { from: FROM, batchSize: 5, now })),
      );
      const more = await drainEmailOutbox(db, mailer, { from: FROM, batchSize: 50, now });
      const mine = sent.filter((m) => keys.includes(m.idempotencyKey)).map((m) => m.idempotencyKey);
      expect(mine.sort()).toEqual([...keys].sort());
      expect(results.reduce((n, r) => n + r.sent, 0) + more.sent).toBe(sent.length);
      const rows = await db.select().from(emailOutbox).where(inArray(emailOutbox.idempotencyKey, keys));
      expect(rows.every((r) => r.status === "sent" && r.attempts === 1)).toBe(true);
    } finally {
      await db.delete(emailOutbox).where(inArray(emailOutbox.idempotencyKey, keys));
    }
  });
});

describe("email outbox through Resend (HTTP-level fake)", () => {
  interface Recorded {
    method: string;
    url: string;
    headers: IncomingHttpHeaders;
    body: Record<string, unknown>;
  }
  const requests: Recorded[] = [];
  const replies: Array<{ status: number; body: unknown; headers?: Record<string, string> }> = [];
  let server: Server;
  let baseUrl: string;

  beforeAll(async () => {
    server = createServer((req, res) => {
      let raw = "";
      req.on("data", (chunk: Buffer) => (raw += chunk.toString("utf8")));
      req.on("end", () => {
        requests.push({ method: req.method ?? "", url: req.url ?? "", headers: req.headers, body: JSON.parse(raw || "{}") });
        const reply = replies.shift() ?? { status: 200, body: { id: `re_${requests.length}` } };
        res.writeHead(reply.status, { "content-type": "application/json", ...reply.headers });
        res.end(JSON.stringify(reply.body));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it("posts the rendered mail with the Idempotency-Key header and records the provider id", async () => {
    requests.length = 0;
    await withRollback(async (tx) => {
      const idempotencyKey = key("resend");
      const resetUrl = `https://rongye.example/reset-password?token=${randomUUID()}`;
      await enqueueEmail(tx, {
        template: "reset_password",
        to: "resend@example.com",
        locale: "en",
        props: { name: "Li Na", resetUrl, expiresInMinutes: 60 },
        idempotencyKey,
      });
      const mailer = createMailer({ RESEND_API_KEY: "re_test_key", RESEND_BASE_URL: baseUrl, db: tx });
      expect(mailer.kind).toBe("resend");

      // First the provider is down, then it answers: one retry, same key both times.
      replies.push({ status: 500, body: { name: "internal_server_error", message: "try later", statusCode: 500 } });
      const now = later();
      expect(await drainEmailOutbox(tx, mailer, { from: FROM, now })).toEqual({ sent: 0, failed: 0, retried: 1 });
      const retrying = await outboxRow(tx, idempotencyKey);
      expect(retrying.lastError).toContain("try later");
      expect(await drainEmailOutbox(tx, mailer, { from: FROM, now: retrying.nextAttemptAt })).toEqual({
        sent: 1,
        failed: 0,
        retried: 0,
      });

      expect(requests).toHaveLength(2);
      for (const request of requests) {
        expect(request.method).toBe("POST");
        expect(request.url).toBe("/emails");
        expect(request.headers["idempotency-key"]).toBe(idempotencyKey);
        expect(request.headers.authorization).toBe("Bearer re_test_key");
        expect(request.body.from).toBe(FROM);
        expect(request.body.to).toEqual(["resend@example.com"]);
        expect(request.body.subject).toBe("Reset your Rongye password");
        expect(request.body.html).toContain(`href="${resetUrl}"`);
        expect(request.body.text).toContain(resetUrl);
      }
      const row = await outboxRow(tx, idempotencyKey);
      expect(row).toMatchObject({ status: "sent", attempts: 2, providerId: "re_2", lastError: null });
      // Nothing lands in the dev mailbox when Resend is configured.
      expect(await tx.select().from(devMailbox).where(eq(devMailbox.idempotencyKey, idempotencyKey))).toHaveLength(0);
    });
  });

  const digestProps = (n: number) => ({
    name: `订阅者${n}`,
    searchName: "货车司机",
    jobs: [{ title: "货车司机", organization: "苏州物流", regionName: "张家港市", salaryMin: 6000, salaryMax: 9000, url: "https://rongye.example/jobs/1" }],
    totalNew: 1,
    searchUrl: "https://rongye.example/jobs?q=司机",
    manageUrl: "https://rongye.example/saved-searches",
    unsubscribeUrl: `https://rongye.example/saved-searches/unsubscribe?token=tok${n}`,
  });
  const enqueueDigests = async (tx: Db, count: number) => {
    const keys: string[] = [];
    for (let n = 0; n < count; n++) {
      const idempotencyKey = key(`digest${n}`);
      keys.push(idempotencyKey);
      await enqueueEmail(tx, { template: "saved_search_digest", to: `digest${n}@example.com`, locale: "zh-CN", props: digestProps(n), idempotencyKey });
    }
    return keys;
  };

  it("sends digests through the batch API: one request, one idempotency key, per-mail ids and refusals", async () => {
    requests.length = 0;
    await withRollback(async (tx) => {
      const keys = await enqueueDigests(tx, 3);
      // an ordinary mail in the same drain still goes out on its own
      const single = key("single");
      await enqueueEmail(tx, { template: "reset_password", to: "single@example.com", locale: "en", props: { name: "Li", resetUrl: "https://rongye.example/r", expiresInMinutes: 60 }, idempotencyKey: single });
      const mailer = createMailer({ RESEND_API_KEY: "re_test_key", RESEND_BASE_URL: baseUrl, db: tx });
      // Resend's permissive batch answer: ids for the mails it took, the index and reason of the one it refused
      replies.push({ status: 200, body: { id: "re_single" } });
      replies.push({ status: 200, body: { data: [{ id: "re_b0" }, { id: "re_b2" }], errors: [{ index: 1, message: "Invalid `to` field." }] } });
      expect(await drainEmailOutbox(tx, mailer, { from: FROM, now: later() })).toEqual({ sent: 3, failed: 1, retried: 0 });
      const batch = requests.filter((r) => r.url === "/emails/batch");
      expect(batch).toHaveLength(1);
      expect(requests.filter((r) => r.url === "/emails")).toHaveLength(1);
      const [request] = batch;
      expect(request.headers["idempotency-key"]).toMatch(/^batch:[0-9a-f]{40}$/);
      expect(request.headers["x-batch-validation"]).toBe("permissive");
      const mails = request.body as unknown as Array<Record<string, unknown>>;
      expect(mails.map((m) => m.to)).toEqual([["digest0@example.com"], ["digest1@example.com"], ["digest2@example.com"]]);
      expect(mails[2].headers).toEqual({
        "List-Unsubscribe": "<https://rongye.example/saved-searches/unsubscribe/one-click?token=tok2>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
      });
      expect(String(mails[0].html)).toContain("货车司机");
      const rows = await Promise.all(keys.map((k) => outboxRow(tx, k)));
      expect(rows.map((r) => [r.status, r.providerId])).toEqual([["sent", "re_b0"], ["failed", null], ["sent", "re_b2"]]);
      expect(rows[1].lastError).toContain("Invalid `to` field.");
      expect((await outboxRow(tx, single)).providerId).toBe("re_single");
    });
  });

  it("retries a failed batch whole, under the same key, and a long Retry-After does not count an attempt", async () => {
    requests.length = 0;
    await withRollback(async (tx) => {
      const keys = await enqueueDigests(tx, 2);
      const mailer = createMailer({ RESEND_API_KEY: "re_test_key", RESEND_BASE_URL: baseUrl, db: tx });
      replies.push({ status: 500, body: { name: "internal_server_error", message: "try later", statusCode: 500 } });
      expect(await drainEmailOutbox(tx, mailer, { from: FROM, now: later() })).toEqual({ sent: 0, failed: 0, retried: 2 });
      let rows = await Promise.all(keys.map((k) => outboxRow(tx, k)));
      expect(rows[0].batchKey).toMatch(/^batch:/);
      expect(rows[1].batchKey).toBe(rows[0].batchKey);
      // only one member is due by the clock alone; its companion comes with it
      await tx.update(emailOutbox).set({ nextAttemptAt: later(24 * 3600_000) }).where(eq(emailOutbox.idempotencyKey, keys[1]));
      replies.push({ status: 429, headers: { "retry-after": "120" }, body: { name: "rate_limit_exceeded", message: "slow down", statusCode: 429 } });
      const due = rows[0].nextAttemptAt;
      expect(await drainEmailOutbox(tx, mailer, { from: FROM, now: due })).toEqual({ sent: 0, failed: 0, retried: 2 });
      rows = await Promise.all(keys.map((k) => outboxRow(tx, k)));
      expect(rows.map((r) => r.attempts)).toEqual([1, 1]);
      replies.push({ status: 200, body: { data: [{ id: "re_x0" }, { id: "re_x1" }] } });
      expect(await drainEmailOutbox(tx, mailer, { from: FROM, now: rows[0].nextAttemptAt })).toEqual({ sent: 2, failed: 0, retried: 0 });
      const batch = requests.filter((r) => r.url === "/emails/batch");
      expect(batch).toHaveLength(3);
      expect(new Set(batch.map((r) => r.headers["idempotency-key"])).size).toBe(1);
      expect(new Set(batch.map((r) => JSON.stringify(r.body))).size).toBe(1);
      rows = await Promise.all(keys.map((k) => outboxRow(tx, k)));
      expect(rows.map((r) => [r.status, r.providerId, r.attempts])).toEqual([["sent", "re_x0", 2], ["sent", "re_x1", 2]]);
    });
  });

  it("a batch whose members changed is sent again under a new key after Resend's idempotency conflict", async () => {
    requests.length = 0;
    await withRollback(async (tx) => {
      const keys = await enqueueDigests(tx, 2);
      const mailer = createMailer({ RESEND_API_KEY: "re_test_key", RESEND_BASE_URL: baseUrl, db: tx });
      await tx.update(emailOutbox).set({ batchKey: "batch:old" }).where(inArray(emailOutbox.idempotencyKey, keys));
      replies.push({ status: 409, body: { name: "invalid_idempotent_request", message: "Same idempotency key used with a different request payload.", statusCode: 409 } });
      expect(await drainEmailOutbox(tx, mailer, { from: FROM, now: later() })).toEqual({ sent: 0, failed: 0, retried: 2 });
      replies.push({ status: 200, body: { data: [{ id: "re_n0" }, { id: "re_n1" }] } });
      expect(await drainEmailOutbox(tx, mailer, { from: FROM, now: later() })).toEqual({ sent: 2, failed: 0, retried: 0 });
      const batchKeys = requests.filter((r) => r.url === "/emails/batch").map((r) => r.headers["idempotency-key"]);
      expect(batchKeys[0]).toBe("batch:old");
      expect(batchKeys[1]).toMatch(/^batch:[0-9a-f]{40}$/);
    });
  });

  it("turns a Resend error response into a thrown MailerError", async () => {
    replies.push({ status: 422, body: { name: "validation_error", message: "Invalid `to` field.", statusCode: 422 } });
    const { db } = await getTestDb();
    const mailer = createMailer({ RESEND_API_KEY: "re_test_key", RESEND_BASE_URL: baseUrl, db });
    const error = await mailer
      .send({ idempotencyKey: key("err"), to: "bad", from: FROM, subject: "s", html: "<p>h</p>", text: "h" })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MailerError);
    expect(error).toMatchObject({ status: 422, code: "validation_error" });
    expect((error as Error).message).toContain("Invalid `to` field.");
  });
});
