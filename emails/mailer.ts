import { eq } from "drizzle-orm";
import { Resend } from "resend";
import type { Db } from "../db/client";
import { devMailbox } from "../db/schema";

export interface OutgoingEmail {
  /** The same key on every attempt for one mail; the provider (or the dev mailbox) keeps one copy per key. */
  idempotencyKey: string;
  to: string;
  from: string;
  subject: string;
  html: string;
  text: string;
  /** Extra headers, e.g. List-Unsubscribe on digests. */
  headers?: Record<string, string>;
}

/** The one way Rongye sends mail: Resend when a key is configured, the dev mailbox otherwise. */
export interface Mailer {
  readonly kind: "resend" | "dev";
  send(message: OutgoingEmail): Promise<{ providerId: string }>;
  /**
   * Several mails in one request (Resend's batch API, at most {@link BATCH_MAX} mails), all under one idempotency
   * key. Each mail gets its own answer, in order: an id, or the reason the provider refused that one mail. A failure
   * of the whole request throws MailerError like `send`.
   */
  sendBatch?(messages: BatchEmail[], idempotencyKey: string): Promise<BatchItemResult[]>;
}

/** A mail of a batch. At Resend the batch's idempotency key covers it; the dev mailbox keeps it under its own key. */
export type BatchEmail = OutgoingEmail;
export type BatchItemResult = { providerId: string } | { error: string };

/** Resend accepts at most 100 mails per batch request. */
export const BATCH_MAX = 100;

/** A send the provider refused or that never reached it. `status` is the HTTP status when there was one. */
export class MailerError extends Error {
  constructor(
    message: string,
    readonly status: number | null = null,
    readonly code: string | null = null,
    /** Retrying cannot help (validation, sender, idempotency conflict, quota): mark the mail failed with the reason. */
    readonly permanent = false,
    /** The provider asked us to wait this long (429 Retry-After): try again then, without counting an attempt. */
    readonly retryAfterMs: number | null = null,
  ) {
    super(message);
    this.name = "MailerError";
  }
}

/**
 * Resend error names that no retry can fix. (`concurrent_idempotent_requests` is not here: the first request with
 * that key is still running, and a later try gets its answer.)
 */
export const PERMANENT_RESEND_ERRORS = new Set([
  "validation_error",
  "missing_required_field",
  "invalid_parameter",
  "invalid_from_address",
  "invalid_to_address",
  "invalid_attachment",
  "invalid_idempotency_key",
  "invalid_idempotent_request",
  "daily_quota_exceeded",
  "monthly_quota_exceeded",
  "invalid_access",
  "security_error",
]);

/** Seconds or an HTTP date in Retry-After, as milliseconds (null when absent or unreadable). */
export function retryAfterMs(value: string | null | undefined, now = Date.now()): number | null {
  if (!value) return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(value);
  return Number.isFinite(at) ? Math.max(0, at - now) : null;
}

/** At most one request per `intervalMs` from this process (Resend allows 2 requests/s per team by default). */
export function createPacer(intervalMs: number) {
  let next = 0;
  return async () => {
    const now = Date.now();
    const at = Math.max(now, next);
    next = at + intervalMs;
    if (at > now) await new Promise((r) => setTimeout(r, at - now));
  };
}

export interface MailerConfig {
  RESEND_API_KEY?: string;
  /** Resend's API origin; tests point it at a local fake. Defaults to https://api.resend.com. */
  RESEND_BASE_URL?: string;
  /** Where the dev mailbox is written when there is no key. */
  db: Db;
  /** Abort a Resend request after this long (default 15 s) so a hung connection cannot hold a drain forever. */
  timeoutMs?: number;
}

export const DEFAULT_RESEND_BASE_URL = "https://api.resend.com";

export function createMailer(config: MailerConfig): Mailer {
  if (config.RESEND_API_KEY) {
    return createResendMailer({
      apiKey: config.RESEND_API_KEY,
      baseUrl: config.RESEND_BASE_URL,
      timeoutMs: config.timeoutMs,
    });
  }
  return createDevMailer(config.db);
}

export interface ResendMailerOptions {
  apiKey: string;
  baseUrl?: string;
  timeoutMs?: number;
  /** Minimum gap between requests (default 500 ms: 2 requests/s). */
  paceMs?: number;
  /** Waits for Retry-After inside one send up to this long; a longer wait goes back to the outbox (default 10 s). */
  maxInlineWaitMs?: number;
}

export function createResendMailer(options: ResendMailerOptions): Mailer {
  // baseUrl is always passed so the library never falls back to reading process.env itself.
  const resend = new Resend(options.apiKey, { baseUrl: (options.baseUrl ?? DEFAULT_RESEND_BASE_URL).replace(/\/+$/, "") });
  const timeoutMs = options.timeoutMs ?? 15_000;
  const pace = createPacer(options.paceMs ?? 500);
  const maxInlineWaitMs = options.maxInlineWaitMs ?? 10_000;
  /** One request with pacing and Retry-After; `call` returns the SDK's `{ data, error, headers }` answer. */
  async function request<T>(call: (signal: AbortSignal) => Promise<{ data: T | null; error: { name: string; message: string; statusCode?: number | null } | null }>): Promise<T> {
    for (let tries = 0; ; tries++) {
      await pace();
      let response;
      try {
        response = await call(AbortSignal.timeout(timeoutMs));
      } catch (error) {
        // network failure or timeout: the outbox retries with the same idempotency key
        throw new MailerError(`Resend: ${error instanceof Error ? error.message : String(error)}`);
      }
      const { data, error, headers } = response as typeof response & { headers?: Record<string, string> | null };
      if (!error) {
        if (data === null || data === undefined) throw new MailerError("Resend: the response had no data");
        return data;
      }
      const name = error.name;
      const status = error.statusCode ?? null;
      const text = `Resend: ${name}: ${error.message}`;
      if (PERMANENT_RESEND_ERRORS.has(name)) throw new MailerError(text, status, name, true);
      if (status === 429 || name === "rate_limit_exceeded") {
        const wait = retryAfterMs(headers?.["retry-after"]) ?? 1000;
        if (wait <= maxInlineWaitMs && tries < 3) {
          await new Promise((r) => setTimeout(r, wait));
          continue;
        }
        throw new MailerError(text, status, name, false, wait);
      }
      throw new MailerError(text, status, name);
    }
  }
  const payload = (message: BatchEmail) => ({
    from: message.from,
    to: [message.to],
    subject: message.subject,
    html: message.html,
    text: message.text,
    ...(message.headers ? { headers: message.headers } : {}),
  });
  return {
    kind: "resend",
    async send(message) {
      const data = await request((signal) => resend.emails.send(payload(message), { idempotencyKey: message.idempotencyKey, signal }));
      if (!data.id) throw new MailerError("Resend: the response had no email id");
      return { providerId: data.id };
    },
    async sendBatch(messages, idempotencyKey) {
      if (messages.length === 0) return [];
      if (messages.length > BATCH_MAX) throw new MailerError(`Resend: a batch holds at most ${BATCH_MAX} mails`, null, "validation_error", true);
      // permissive: a refused address fails that mail only (its index is in `errors`), not the whole batch
      const data = await request((signal) =>
        resend.batch.send(messages.map(payload), { idempotencyKey, signal, batchValidation: "permissive" }),
      );
      if (!Array.isArray(data.data)) throw new MailerError("Resend: the batch response had no data list");
      const refused = new Map<number, string>();
      for (const e of (data as { errors?: { index: number; message: string }[] }).errors ?? []) refused.set(e.index, e.message);
      const ids = [...data.data];
      const results: BatchItemResult[] = messages.map((_, i) => {
        if (refused.has(i)) return { error: `Resend: ${refused.get(i)}` };
        const next = ids.shift();
        return next?.id ? { providerId: next.id } : { error: "Resend: the batch response had no id for this mail" };
      });
      return results;
    },
  };
}

/**
 * Development and test mail: each message becomes a `dev_mailbox` row, read at /dev/mailbox. A repeated
 * idempotency key keeps the first row, the way Resend answers a repeated key with the first email.
 */
export function createDevMailer(db: Db): Mailer {
  const mailer: Mailer = {
    kind: "dev",
    async send(message) {
      const inserted = await db
        .insert(devMailbox)
        .values({
          idempotencyKey: message.idempotencyKey,
          toAddress: message.to,
          fromAddress: message.from,
          subject: message.subject,
          html: message.html,
          text: message.text,
        })
        .onConflictDoNothing({ target: devMailbox.idempotencyKey })
        .returning({ id: devMailbox.id });
      let id = inserted[0]?.id;
      if (id === undefined) {
        const [existing] = await db
          .select({ id: devMailbox.id })
          .from(devMailbox)
          .where(eq(devMailbox.idempotencyKey, message.idempotencyKey));
        if (!existing) throw new MailerError("Dev mailbox: the row for this idempotency key vanished");
        id = existing.id;
      }
      return { providerId: String(id) };
    },
    async sendBatch(messages, idempotencyKey) {
      // one row per mail under the mail's own key (the batch key only names the request at Resend)
      void idempotencyKey;
      const results: BatchItemResult[] = [];
      for (const message of messages) results.push(await mailer.send(message));
      return results;
    },
  };
  return mailer;
}
