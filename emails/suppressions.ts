// Addresses no mail goes to any more: hard bounces and spam complaints reported by Resend's webhook (signed the Svix
// way: HMAC-SHA256 over "id.timestamp.body" with the base64 secret after "whsec_"), and one-click unsubscribes.
import { createHmac, timingSafeEqual } from "node:crypto";
import { eq } from "drizzle-orm";
import type { Db } from "../db/client";
import { emailSuppressions } from "../db/schema";

export type SuppressionReason = "bounce" | "complaint" | "unsubscribe";

export async function suppressAddress(db: Db, address: string, reason: SuppressionReason, detail?: string): Promise<void> {
  await db
    .insert(emailSuppressions)
    .values({ address: address.trim().toLowerCase(), reason, detail: detail?.slice(0, 500) ?? null })
    .onConflictDoNothing({ target: emailSuppressions.address });
}

export async function suppressionOf(db: Db, address: string): Promise<SuppressionReason | null> {
  const [row] = await db.select({ reason: emailSuppressions.reason }).from(emailSuppressions).where(eq(emailSuppressions.address, address.trim().toLowerCase()));
  return (row?.reason as SuppressionReason | undefined) ?? null;
}

export class WebhookSignatureError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "WebhookSignatureError";
  }
}

/** Checks `svix-id`, `svix-timestamp` (within 5 minutes) and `svix-signature` ("v1,<base64>" entries) over the raw body. */
export function verifySvixSignature(
  body: string,
  headers: { id: string | null; timestamp: string | null; signature: string | null },
  secret: string,
  now = Date.now(),
): void {
  if (!headers.id || !headers.timestamp || !headers.signature) throw new WebhookSignatureError("missing signature headers");
  const ts = Number(headers.timestamp);
  if (!Number.isFinite(ts) || Math.abs(now / 1000 - ts) > 300) throw new WebhookSignatureError("timestamp too old or too new");
  const key = Buffer.from(secret.startsWith("whsec_") ? secret.slice(6) : secret, "base64");
  const expected = createHmac("sha256", key).update(`${headers.id}.${headers.timestamp}.${body}`).digest();
  for (const part of headers.signature.split(" ")) {
    const [version, sig] = part.split(",");
    if (version !== "v1" || !sig) continue;
    const given = Buffer.from(sig, "base64");
    if (given.length === expected.length && timingSafeEqual(given, expected)) return;
  }
  throw new WebhookSignatureError("no matching signature");
}

interface ResendEvent {
  type?: string;
  created_at?: string;
  data?: { email_id?: string; to?: string[] | string; bounce?: { type?: string; subType?: string; message?: string } };
}

/**
 * Applies one verified Resend event: `email.bounced` with a permanent bounce and `email.complained` suppress every
 * recipient; other events are acknowledged and ignored. Returns the addresses suppressed.
 */
export async function handleResendEvent(db: Db, event: ResendEvent): Promise<string[]> {
  const to = Array.isArray(event.data?.to) ? event.data.to : typeof event.data?.to === "string" ? [event.data.to] : [];
  let reason: SuppressionReason | null = null;
  if (event.type === "email.complained") reason = "complaint";
  // a transient bounce (mailbox full, greylisting) is not a reason to stop mailing the address
  if (event.type === "email.bounced" && (event.data?.bounce?.type ?? "Permanent").toLowerCase() !== "transient") reason = "bounce";
  if (!reason) return [];
  for (const address of to) await suppressAddress(db, address, reason, `${event.type} ${event.data?.email_id ?? ""} ${event.data?.bounce?.message ?? ""}`.trim());
  return to;
}
