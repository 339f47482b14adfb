// A Stripe API stand-in for tests (the real API is not reachable here): the official SDK is pointed at it with its
// `host`/`port`/`protocol` options, and it answers the calls Rongye makes — create and retrieve Checkout Sessions,
// create and retrieve Refunds — with Stripe's object shapes, checking each request the way Stripe would:
//
// - Every request: `Authorization: Bearer sk_…` (401 `authentication_required` otherwise), a `Stripe-Version`
//   header, form-encoded body with bracketed keys (`line_items[0][price_data][unit_amount]`).
// - POST /v1/checkout/sessions: `mode=payment`; one line item with `quantity`, `price_data[currency]` (three lower-case
//   letters), integer `unit_amount` ≥ 1 (fen for cny), `product_data[name]`; `success_url` with
//   `{CHECKOUT_SESSION_ID}`; `cancel_url`; `allowed_payment_method_types[]` from a known list; `wechat_pay` needs
//   `payment_method_options[wechat_pay][client]=web`; `expires_at` 30 minutes to 24 hours ahead; `metadata[payment_id]`.
// - POST /v1/refunds: `payment_intent` of a paid session, integer `amount` no more than what is left.
// - `Idempotency-Key` is required on POSTs here (Rongye always sends one): the same key and body replays the first
//   answer; the same key with another body is 400 `idempotency_error`, as Stripe answers.
// Errors use Stripe's envelope `{ error: { type, code?, message, param? } }`. Tests drive the world with
// `completeSession`, `expireSession`, `setRefundStatus`, and sign events with the SDK's generateTestHeaderString.
import { randomBytes } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import Stripe from "stripe";

type Obj = Record<string, unknown>;

export interface FakeSession extends Obj {
  id: string;
  object: "checkout.session";
  status: "open" | "complete" | "expired";
  payment_status: "unpaid" | "paid" | "no_payment_required";
  amount_total: number;
  currency: string;
  payment_intent: string | null;
  metadata: Record<string, string>;
  client_reference_id: string | null;
  url: string | null;
  success_url: string;
  cancel_url: string;
  expires_at: number;
  allowed_payment_method_types: string[];
}

export interface FakeRefund extends Obj {
  id: string;
  object: "refund";
  amount: number;
  status: "pending" | "requires_action" | "succeeded" | "failed" | "canceled";
  payment_intent: string;
  metadata: Record<string, string>;
}

export interface RecordedRequest {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  form: Record<string, string>;
}

const KNOWN_METHODS = new Set(["card", "alipay", "wechat_pay", "link"]);

class StripeFakeError extends Error {
  constructor(
    public status: number,
    public type: string,
    message: string,
    public param?: string,
    public code?: string,
  ) {
    super(message);
  }
}

function id(prefix: string) {
  return `${prefix}_test_${randomBytes(12).toString("hex")}`;
}

function need(form: Record<string, string>, key: string): string {
  const v = form[key];
  if (v === undefined || v === "") throw new StripeFakeError(400, "invalid_request_error", `Missing required param: ${key}.`, key, "parameter_missing");
  return v;
}

function integer(form: Record<string, string>, key: string, min: number): number {
  const v = need(form, key);
  if (!/^\d+$/.test(v) || Number(v) < min) throw new StripeFakeError(400, "invalid_request_error", `Invalid integer: ${v}`, key, "parameter_invalid_integer");
  return Number(v);
}

function list(form: Record<string, string>, key: string): string[] {
  return Object.keys(form)
    .filter((k) => k.startsWith(`${key}[`))
    .sort((a, b) => Number(a.slice(key.length + 1, -1)) - Number(b.slice(key.length + 1, -1)))
    .map((k) => form[k]!);
}

function metadata(form: Record<string, string>, key = "metadata"): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(form)) {
    const m = k.match(new RegExp(`^${key.replace(/[[\]]/g, "\\$&")}\\[([^\\]]+)\\]$`));
    if (m) out[m[1]!] = v;
  }
  return out;
}

export class StripeFake {
  sessions = new Map<string, FakeSession>();
  refunds = new Map<string, FakeRefund>();
  requests: RecordedRequest[] = [];
  private idempotency = new Map<string, { body: string; status: number; response: unknown }>();
  private server: http.Server | null = null;
  /** Set by listen(): http://127.0.0.1:<port> */
  baseUrl = "";
  /** Clock for expires_at checks (seconds); tests may move it. */
  nowSeconds = () => Math.floor(Date.now() / 1000);

  async listen(): Promise<string> {
    this.server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        const body = Buffer.concat(chunks).toString("utf8");
        let status = 200;
        let payload: unknown;
        try {
          [status, payload] = this.handle(req, body);
        } catch (error) {
          if (error instanceof StripeFakeError) {
            status = error.status;
            payload = { error: { type: error.type, message: error.message, ...(error.param ? { param: error.param } : {}), ...(error.code ? { code: error.code } : {}) } };
          } else {
            status = 500;
            payload = { error: { type: "api_error", message: String(error) } };
          }
        }
        res.writeHead(status, { "Content-Type": "application/json", "Request-Id": id("req") });
        res.end(JSON.stringify(payload));
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, "127.0.0.1", resolve));
    this.baseUrl = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this.baseUrl;
  }

  async close() {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** An SDK client that talks to this fake. */
  client(key = "sk_test_fake"): Stripe {
    const url = new URL(this.baseUrl);
    return new Stripe(key, { host: url.hostname, port: url.port, protocol: "http", maxNetworkRetries: 0, telemetry: false });
  }

  private handle(req: http.IncomingMessage, body: string): [number, unknown] {
    const url = new URL(req.url ?? "/", "http://fake");
    const form = Object.fromEntries(new URLSearchParams(body));
    this.requests.push({ method: req.method ?? "", path: url.pathname, headers: req.headers, form });
    const auth = req.headers.authorization ?? "";
    if (!/^Bearer sk_(test|live)_\w+$/.test(auth)) throw new StripeFakeError(401, "invalid_request_error", "You did not provide an API key.", undefined, "authentication_required");
    if (!req.headers["stripe-version"]) throw new StripeFakeError(400, "invalid_request_error", "Stripe-Version header missing");
    if (req.method === "POST") {
      const key = req.headers["idempotency-key"];
      if (typeof key !== "string" || !key) throw new StripeFakeError(400, "invalid_request_error", "This fake requires an Idempotency-Key on every POST");
      const seen = this.idempotency.get(key);
      if (seen) {
        if (seen.body !== body) {
          throw new StripeFakeError(400, "idempotency_error", "Keys for idempotent requests can only be used with the same parameters they were first used with.");
        }
        return [seen.status, seen.response];
      }
      const answer = this.route(req.method, url.pathname, form);
      this.idempotency.set(key, { body, status: answer[0], response: answer[1] });
      return answer;
    }
    return this.route(req.method ?? "GET", url.pathname, form);
  }

  private route(method: string, path: string, form: Record<string, string>): [number, unknown] {
    if (method === "POST" && path === "/v1/checkout/sessions") return [200, this.createSession(form)];
    let m = path.match(/^\/v1\/checkout\/sessions\/([\w]+)$/);
    if (method === "GET" && m) {
      const s = this.sessions.get(m[1]!);
      if (!s) throw new StripeFakeError(404, "invalid_request_error", `No such checkout.session: '${m[1]}'`, "session", "resource_missing");
      return [200, s];
    }
    if (method === "POST" && path === "/v1/refunds") return [200, this.createRefund(form)];
    m = path.match(/^\/v1\/refunds\/([\w]+)$/);
    if (method === "GET" && m) {
      const r = this.refunds.get(m[1]!);
      if (!r) throw new StripeFakeError(404, "invalid_request_error", `No such refund: '${m[1]}'`, "id", "resource_missing");
      return [200, r];
    }
    throw new StripeFakeError(404, "invalid_request_error", `Unrecognized request URL (${method}: ${path}).`);
  }

  private createSession(form: Record<string, string>): FakeSession {
    if (need(form, "mode") !== "payment") throw new StripeFakeError(400, "invalid_request_error", "Only payment mode is used by Rongye", "mode");
    const currency = need(form, "line_items[0][price_data][currency]");
    if (!/^[a-z]{3}$/.test(currency)) throw new StripeFakeError(400, "invalid_request_error", `Invalid currency: ${currency}`, "line_items[0][price_data][currency]");
    const amount = integer(form, "line_items[0][price_data][unit_amount]", 1);
    const quantity = integer(form, "line_items[0][quantity]", 1);
    need(form, "line_items[0][price_data][product_data][name]");
    if (form["line_items[1][quantity]"]) throw new StripeFakeError(400, "invalid_request_error", "one line item expected", "line_items");
    const success = need(form, "success_url");
    if (!success.includes("{CHECKOUT_SESSION_ID}")) throw new StripeFakeError(400, "invalid_request_error", "success_url should carry {CHECKOUT_SESSION_ID}", "success_url");
    const cancel = need(form, "cancel_url");
    const methods = list(form, "allowed_payment_method_types");
    if (!methods.length) throw new StripeFakeError(400, "invalid_request_error", "allowed_payment_method_types expected", "allowed_payment_method_types");
    for (const pm of methods) if (!KNOWN_METHODS.has(pm)) throw new StripeFakeError(400, "invalid_request_error", `Invalid payment_method_type: ${pm}`, "allowed_payment_method_types");
    if (methods.includes("wechat_pay") && form["payment_method_options[wechat_pay][client]"] !== "web") {
      throw new StripeFakeError(400, "invalid_request_error", "payment_method_options[wechat_pay][client] is required", "payment_method_options[wechat_pay][client]", "parameter_missing");
    }
    const expires = integer(form, "expires_at", 1);
    const now = this.nowSeconds();
    if (expires < now + 30 * 60 - 5 || expires > now + 24 * 3600) throw new StripeFakeError(400, "invalid_request_error", "expires_at must be 30 minutes to 24 hours ahead", "expires_at");
    const meta = metadata(form);
    if (!meta.payment_id) throw new StripeFakeError(400, "invalid_request_error", "metadata[payment_id] expected by Rongye's contract", "metadata");
    const sid = id("cs");
    const session: FakeSession = {
      id: sid,
      object: "checkout.session",
      status: "open",
      payment_status: "unpaid",
      amount_total: amount * quantity,
      currency,
      payment_intent: null,
      metadata: meta,
      client_reference_id: form.client_reference_id ?? null,
      customer_email: form.customer_email ?? null,
      url: `${this.baseUrl}/pay/${sid}`,
      success_url: success,
      cancel_url: cancel,
      expires_at: expires,
      allowed_payment_method_types: methods,
      mode: "payment",
    };
    this.sessions.set(sid, session);
    return session;
  }

  private createRefund(form: Record<string, string>): FakeRefund {
    const pi = need(form, "payment_intent");
    const session = [...this.sessions.values()].find((s) => s.payment_intent === pi);
    if (!session || session.payment_status !== "paid") throw new StripeFakeError(400, "invalid_request_error", `No paid payment for ${pi}`, "payment_intent", "resource_missing");
    const amount = integer(form, "amount", 1);
    const refunded = [...this.refunds.values()].filter((r) => r.payment_intent === pi && r.status !== "failed" && r.status !== "canceled").reduce((s, r) => s + r.amount, 0);
    if (amount > session.amount_total - refunded) throw new StripeFakeError(400, "invalid_request_error", "Refund amount is greater than unrefunded amount", "amount", "amount_too_large");
    const refund: FakeRefund = { id: id("re"), object: "refund", amount, status: "pending", payment_intent: pi, metadata: metadata(form), currency: session.currency };
    this.refunds.set(refund.id, refund);
    return refund;
  }

  // ------------------------------------------------------------ what the customer and Stripe do

  completeSession(sessionId: string, paymentStatus: "paid" | "unpaid" = "paid") {
    const s = this.sessions.get(sessionId)!;
    s.status = "complete";
    s.payment_status = paymentStatus;
    s.payment_intent = s.payment_intent ?? id("pi");
    s.url = null;
    return s;
  }

  expireSession(sessionId: string) {
    const s = this.sessions.get(sessionId)!;
    s.status = "expired";
    s.url = null;
    return s;
  }

  setRefundStatus(refundId: string, status: FakeRefund["status"]) {
    const r = this.refunds.get(refundId)!;
    r.status = status;
    return r;
  }

  /** An event as Stripe would deliver it (payload as a JSON string) with its Stripe-Signature header. */
  signedEvent(type: string, object: Obj, secret: string, options: { timestamp?: number; id?: string } = {}) {
    const event = { id: options.id ?? id("evt"), object: "event", type, api_version: "2026-10-28.endive", created: this.nowSeconds(), data: { object }, livemode: false, pending_webhooks: 1, request: { id: null, idempotency_key: null } };
    const payload = JSON.stringify(event);
    const header = Stripe.webhooks.generateTestHeaderString({ payload, secret, timestamp: options.timestamp });
    return { event, payload, header };
  }
}
