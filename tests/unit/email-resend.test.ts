// The Resend sender against a local HTTP server replaying Resend's answers (429 with Retry-After, 409, 422, a dropped
// connection), its pacing, and the Svix signature check of Resend's webhook.
import http from "node:http";
import { createHmac } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createResendMailer, MailerError } from "../../emails/mailer";
import { listUnsubscribeHeaders } from "../../emails/outbox";
import { verifySvixSignature } from "../../emails/suppressions";

type Reply = { status: number; body?: unknown; headers?: Record<string, string> } | "drop";
let replies: Reply[] = [];
const seen: { at: number; body: Record<string, unknown>; key: string | undefined }[] = [];
let server: http.Server;
let base = "";

beforeAll(async () => {
  server = http.createServer((req, res) => {
    let raw = "";
    req.on("data", (c) => (raw += c));
    req.on("end", () => {
      seen.push({ at: Date.now(), body: JSON.parse(raw || "{}"), key: req.headers["idempotency-key"] as string | undefined });
      const r = replies.shift() ?? { status: 200, body: { id: `em_${seen.length}` } };
      if (r === "drop") return req.socket.destroy();
      res.writeHead(r.status, { "content-type": "application/json", ...(r.headers ?? {}) });
      res.end(JSON.stringify(r.body ?? {}));
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});
afterAll(() => new Promise((r) => server.close(r)));

const mail = { idempotencyKey: "k1", to: "a@example.com", from: "x@example.com", subject: "s", html: "<p>h</p>", text: "h" };
const error = (e: unknown) => e as MailerError;

describe("Resend sender", () => {
  it("honours Retry-After on 429 without failing the send, with the same idempotency key", async () => {
    replies = [{ status: 429, headers: { "retry-after": "1" }, body: { statusCode: 429, name: "rate_limit_exceeded", message: "Too many requests" } }];
    seen.length = 0;
    const m = createResendMailer({ apiKey: "re_test", baseUrl: base, paceMs: 0 });
    const started = Date.now();
    expect(await m.send(mail)).toEqual({ providerId: "em_2" });
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(seen.map((s) => s.key)).toEqual(["k1", "k1"]);
  });

  it("hands a long Retry-After back to the outbox as a wait, not a failure", async () => {
    replies = [{ status: 429, headers: { "retry-after": "120" }, body: { statusCode: 429, name: "rate_limit_exceeded", message: "slow down" } }];
    const e = error(await createResendMailer({ apiKey: "re_test", baseUrl: base, paceMs: 0 }).send(mail).catch((x: unknown) => x));
    expect(e).toMatchObject({ permanent: false, retryAfterMs: 120_000 });
  });

  it("marks validation errors and idempotency conflicts permanent; a dropped connection is retryable", async () => {
    const m = createResendMailer({ apiKey: "re_test", baseUrl: base, paceMs: 0 });
    replies = [{ status: 422, body: { statusCode: 422, name: "validation_error", message: "Invalid `to` field." } }];
    expect(await m.send(mail).catch((x: unknown) => x)).toMatchObject({ permanent: true, code: "validation_error" });
    replies = [{ status: 409, body: { statusCode: 409, name: "invalid_idempotent_request", message: "Same idempotency key used with a different request payload." } }];
    expect(await m.send(mail).catch((x: unknown) => x)).toMatchObject({ permanent: true, code: "invalid_idempotent_request" });
    replies = [{ status: 409, body: { statusCode: 409, name: "concurrent_idempotent_requests", message: "in progress" } }];
    expect(await m.send(mail).catch((x: unknown) => x)).toMatchObject({ permanent: false });
    replies = ["drop"];
    const dropped = error(await m.send(mail).catch((x: unknown) => x));
    expect(dropped).toBeInstanceOf(MailerError);
    expect(dropped.permanent).toBe(false);
  });

  it("paces requests to 2 per second", async () => {
    seen.length = 0;
    const m = createResendMailer({ apiKey: "re_test", baseUrl: base });
    await Promise.all([0, 1, 2, 3].map((i) => m.send({ ...mail, idempotencyKey: `p${i}` })));
    const gaps = seen.slice(1).map((s, i) => s.at - seen[i].at);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(450);
  });

  it("sends List-Unsubscribe and one-click headers with digests", async () => {
    const headers = listUnsubscribeHeaders({ template: "saved_search_digest", props: { unsubscribeUrl: "https://rongye.example/saved-searches/unsubscribe?token=abc" } });
    expect(headers).toEqual({
      "List-Unsubscribe": "<https://rongye.example/saved-searches/unsubscribe/one-click?token=abc>",
      "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    });
    seen.length = 0;
    await createResendMailer({ apiKey: "re_test", baseUrl: base, paceMs: 0 }).send({ ...mail, headers });
    expect(seen[0].body.headers).toEqual(headers);
    expect(listUnsubscribeHeaders({ template: "welcome", props: {} })).toBeUndefined();
  });
});

describe("Resend webhook signature (Svix)", () => {
  const secret = `whsec_${Buffer.from("0123456789abcdef0123456789abcdef").toString("base64")}`;
  const sign = (id: string, ts: string, body: string) =>
    `v1,${createHmac("sha256", Buffer.from(secret.slice(6), "base64")).update(`${id}.${ts}.${body}`).digest("base64")}`;
  it("accepts a valid signature and refuses a forged, altered or stale one", () => {
    const body = JSON.stringify({ type: "email.bounced", data: { to: ["a@example.com"], bounce: { type: "Permanent" } } });
    const ts = String(Math.floor(Date.now() / 1000));
    expect(() => verifySvixSignature(body, { id: "msg_1", timestamp: ts, signature: `v1,AAAA ${sign("msg_1", ts, body)}` }, secret)).not.toThrow();
    expect(() => verifySvixSignature(`${body} `, { id: "msg_1", timestamp: ts, signature: sign("msg_1", ts, body) }, secret)).toThrow();
    expect(() => verifySvixSignature(body, { id: "msg_1", timestamp: ts, signature: "v1,Zm9yZ2Vk" }, secret)).toThrow();
    const old = String(Math.floor(Date.now() / 1000) - 600);
    expect(() => verifySvixSignature(body, { id: "msg_1", timestamp: old, signature: sign("msg_1", old, body) }, secret)).toThrow();
  });
});
