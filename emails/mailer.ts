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
}

/** The one way Rongye sends mail: Resend when a key is configured, the dev mailbox otherwise. */
export interface Mailer {
  readonly kind: "resend" | "dev";
  send(message: OutgoingEmail): Promise<{ providerId: string }>;
}

/** A send the provider refused or that never reached it. `status` is the HTTP status when there was one. */
export class MailerError extends Error {
  constructor(
    message: string,
    readonly status: number | null = null,
    readonly code: string | null = null,
  ) {
    super(message);
    this.name = "MailerError";
  }
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

export function createResendMailer(options: { apiKey: string; baseUrl?: string; timeoutMs?: number }): Mailer {
  // baseUrl is always passed so the library never falls back to reading process.env itself.
  const resend = new Resend(options.apiKey, { baseUrl: (options.baseUrl ?? DEFAULT_RESEND_BASE_URL).replace(/\/+$/, "") });
  const timeoutMs = options.timeoutMs ?? 15_000;
  return {
    kind: "resend",
    async send(message) {
      const { data, error } = await resend.emails.send(
        { from: message.from, to: [message.to], subject: message.subject, html: message.html, text: message.text },
        { idempotencyKey: message.idempotencyKey, signal: AbortSignal.timeout(timeoutMs) },
      );
      if (error) throw new MailerError(`Resend: ${error.name}: ${error.message}`, error.statusCode, error.name);
      if (!data?.id) throw new MailerError("Resend: the response had no email id");
      return { providerId: data.id };
    },
  };
}

/**
 * Development and test mail: each message becomes a `dev_mailbox` row, read at /dev/mailbox. A repeated
 * idempotency key keeps the first row, the way Resend answers a repeated key with the first email.
 */
export function createDevMailer(db: Db): Mailer {
  return {
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
  };
}
