import { createHash } from "node:crypto";
import { and, asc, eq, inArray, lte, notInArray, sql, type SQL } from "drizzle-orm";
import { queryRows, type Db } from "../db/client";
import { logError, safeErrorMessage } from "../db/errors";
import { emailOutbox } from "../db/schema";
import { BATCH_MAX, MailerError, type BatchItemResult, type Mailer, type OutgoingEmail } from "./mailer";
import { suppressionOf } from "./suppressions";
import {
  EmailTemplateError,
  parseTemplateProps,
  renderEmail,
  type EmailLocale,
  type TemplateName,
  type TemplateProps,
} from "./templates";

/** A mail is given up (status `failed`) after this many send attempts. */
export const EMAIL_MAX_ATTEMPTS = 8;
const RETRY_BASE_MS = 30_000;
const RETRY_CAP_MS = 60 * 60_000;
/**
 * A claimed row is hidden from other drains for this long. If the worker dies mid-send, the row comes back after
 * the lease and is sent again with the same idempotency key, so the provider still delivers it once.
 */
export const EMAIL_CLAIM_LEASE_MS = 10 * 60_000;

/** Wait before the next try after `attempts` failed tries: 30 s, 1 min, 2 min, … capped at 1 h. */
export function emailRetryDelayMs(attempts: number): number {
  return Math.min(RETRY_BASE_MS * 2 ** Math.max(0, attempts - 1), RETRY_CAP_MS);
}

export interface EnqueueEmailInput<N extends TemplateName> {
  template: N;
  to: string;
  locale: EmailLocale;
  props: TemplateProps<N>;
  /** The recipient's account, when there is one (the row goes when the user is deleted). */
  userId?: string | null;
  /**
   * Names this one mail, e.g. `verify_email:<token id>`. Enqueueing the same key again does nothing, and the
   * provider is sent the same key on every attempt.
   */
  idempotencyKey: string;
  /** Do not send before this time (digests); default: as soon as a drain runs. */
  sendAfter?: Date;
}

/**
 * Write a mail to the outbox. Pass the transaction of the business change so the mail exists exactly when the
 * change commits. Props are validated now (throws `EmailTemplateError`), not when the drain renders them.
 */
export async function enqueueEmail<N extends TemplateName>(
  tx: Db,
  input: EnqueueEmailInput<N>,
): Promise<{ id: number; inserted: boolean }> {
  const props = parseTemplateProps(input.template, input.props);
  const to = input.to.trim();
  if (!/^[^\s@]+@[^\s@]+$/.test(to)) throw new EmailTemplateError(`Invalid recipient address "${input.to}"`);
  if (!input.idempotencyKey) throw new EmailTemplateError("An idempotency key is required");
  const inserted = await tx
    .insert(emailOutbox)
    .values({
      idempotencyKey: input.idempotencyKey,
      toAddress: to,
      template: input.template,
      locale: input.locale,
      props,
      userId: input.userId ?? null,
      ...(input.sendAfter ? { nextAttemptAt: input.sendAfter } : {}),
    })
    .onConflictDoNothing({ target: emailOutbox.idempotencyKey })
    .returning({ id: emailOutbox.id });
  if (inserted[0]) return { id: inserted[0].id, inserted: true };
  const [existing] = await tx
    .select({ id: emailOutbox.id })
    .from(emailOutbox)
    .where(eq(emailOutbox.idempotencyKey, input.idempotencyKey));
  if (!existing) throw new Error(`email_outbox row for "${input.idempotencyKey}" is missing`);
  return { id: existing.id, inserted: false };
}

export interface DrainOptions {
  /** The From header, e.g. `戎业 Rongye <noreply@rongye.cn>`. */
  from: string;
  /** Rows claimed per run (default 20). */
  batchSize?: number;
  /** The clock, for tests; default the current time at each step. */
  now?: Date;
}

export interface DrainResult {
  sent: number;
  /** Given up this run: too many attempts, or a mail that can never be built (unknown template, bad props). */
  failed: number;
  /** Failed this time, scheduled again with backoff. */
  retried: number;
}

type OutboxRow = typeof emailOutbox.$inferSelect;

/**
 * Send what is due. Rows are claimed in a short transaction (`FOR UPDATE SKIP LOCKED`, then leased by moving
 * `next_attempt_at` forward and counting the attempt), so concurrent drains never take the same row; sending
 * happens outside that transaction, and the result is recorded per row.
 */
export async function drainEmailOutbox(db: Db, mailer: Mailer, options: DrainOptions): Promise<DrainResult> {
  const clock = () => options.now ?? new Date();
  const batchSize = options.batchSize ?? 20;
  const result: DrainResult = { sent: 0, failed: 0, retried: 0 };

  const claimed = await db.transaction(async (tx) => {
    const now = clock();
    const rows = await tx
      .select()
      .from(emailOutbox)
      .where(and(eq(emailOutbox.status, "pending"), lte(emailOutbox.nextAttemptAt, now)))
      .orderBy(asc(emailOutbox.nextAttemptAt), asc(emailOutbox.id))
      .limit(batchSize)
      .for("update", { skipLocked: true });
    if (rows.length === 0) return [] as OutboxRow[];
    // a batch that failed is retried whole, under its key: take the rest of its mails too
    const batchKeys = [...new Set(rows.flatMap((r) => (r.batchKey ? [r.batchKey] : [])))];
    if (batchKeys.length > 0) {
      const companions = await tx
        .select()
        .from(emailOutbox)
        .where(
          and(
            eq(emailOutbox.status, "pending"),
            inArray(emailOutbox.batchKey, batchKeys),
            notInArray(
              emailOutbox.id,
              rows.map((r) => r.id),
            ),
          ),
        )
        .for("update", { skipLocked: true });
      rows.push(...companions);
    }
    await tx
      .update(emailOutbox)
      .set({ attempts: sql`${emailOutbox.attempts} + 1`, nextAttemptAt: new Date(now.getTime() + EMAIL_CLAIM_LEASE_MS) })
      .where(
        inArray(
          emailOutbox.id,
          rows.map((r) => r.id),
        ),
      );
    return rows.map((r) => ({ ...r, attempts: r.attempts + 1 }));
  });

  const batched: Prepared[] = [];
  for (const row of claimed) {
    if (mailer.sendBatch && BATCH_TEMPLATES.has(row.template)) {
      const prepared = await prepare(db, row, options.from);
      if ("outcome" in prepared) result[prepared.outcome] += 1;
      else batched.push(prepared);
      continue;
    }
    const outcome = await sendOne(db, mailer, row, options.from, clock);
    result[outcome] += 1;
  }
  for (const group of batchGroups(batched)) {
    for (const outcome of await sendGroup(db, mailer, group, clock)) result[outcome] += 1;
  }
  return result;
}

/**
 * Records a failed send on the rows `where` selects: permanent errors fail them with the reason, a Retry-After brings
 * them back then without counting the attempt, anything else backs off until the last attempt.
 */
async function settleFailure(db: Db, where: SQL | undefined, error: unknown, attempts: number, clock: () => Date): Promise<Outcome> {
  const lastError = describeError(error);
  if (error instanceof MailerError && error.permanent) {
    await db.update(emailOutbox).set({ status: "failed", lastError }).where(where);
    return "failed";
  }
  if (error instanceof MailerError && error.retryAfterMs !== null) {
    // the provider said when: come back then, and this try does not count against the mail
    const nextAttemptAt = new Date(clock().getTime() + error.retryAfterMs);
    await db.update(emailOutbox).set({ lastError, nextAttemptAt, attempts: sql`${emailOutbox.attempts} - 1` }).where(where);
    return "retried";
  }
  if (attempts >= EMAIL_MAX_ATTEMPTS) {
    await db.update(emailOutbox).set({ status: "failed", lastError }).where(where);
    return "failed";
  }
  const nextAttemptAt = new Date(clock().getTime() + emailRetryDelayMs(attempts));
  await db.update(emailOutbox).set({ lastError, nextAttemptAt }).where(where);
  return "retried";
}

/** Templates sent through the provider's batch API: digests go out many at a time, all due at once. */
export const BATCH_TEMPLATES = new Set(["saved_search_digest"]);

interface Prepared {
  row: OutboxRow;
  message: OutgoingEmail;
}
type Outcome = keyof DrainResult;

const stillOursWhere = (row: OutboxRow) => and(eq(emailOutbox.id, row.id), eq(emailOutbox.status, "pending"));

/** Renders a row and checks its address; a row that cannot go out is settled here and its outcome returned. */
async function prepare(db: Db, row: OutboxRow, from: string): Promise<Prepared | { outcome: Outcome }> {
  let rendered;
  try {
    rendered = await renderEmail(row.template, row.props, row.locale);
  } catch (error) {
    // A mail that cannot be built now will not build on retry either: stop at once and say why.
    await db.update(emailOutbox).set({ status: "failed", lastError: describeError(error) }).where(stillOursWhere(row));
    return { outcome: "failed" };
  }
  const suppressed = await suppressionOf(db, row.toAddress);
  if (suppressed) {
    await db.update(emailOutbox).set({ status: "failed", lastError: `suppressed: ${suppressed}` }).where(stillOursWhere(row));
    return { outcome: "failed" };
  }
  return {
    row,
    message: {
      idempotencyKey: row.idempotencyKey,
      to: row.toAddress,
      from,
      subject: rendered.subject,
      html: rendered.html,
      text: rendered.text,
      headers: listUnsubscribeHeaders(row),
    },
  };
}

/**
 * Groups of at most BATCH_MAX: a batch tried before keeps its members and key (so Resend answers a repeat with the
 * first result), the rest are grouped in id order under a key made from their own keys.
 */
export function batchGroups(items: Prepared[]): { key: string; items: Prepared[]; fresh: boolean }[] {
  const groups: { key: string; items: Prepared[]; fresh: boolean }[] = [];
  const earlier = new Map<string, Prepared[]>();
  const fresh: Prepared[] = [];
  for (const item of items) {
    if (item.row.batchKey) earlier.set(item.row.batchKey, [...(earlier.get(item.row.batchKey) ?? []), item]);
    else fresh.push(item);
  }
  for (const [key, members] of earlier) groups.push({ key, items: members, fresh: false });
  fresh.sort((a, b) => a.row.id - b.row.id);
  for (let i = 0; i < fresh.length; i += BATCH_MAX) {
    const members = fresh.slice(i, i + BATCH_MAX);
    const digest = createHash("sha256")
      .update(members.map((m) => m.row.idempotencyKey).join("\n"))
      .digest("hex")
      .slice(0, 40);
    groups.push({ key: `batch:${digest}`, items: members, fresh: true });
  }
  return groups;
}

async function sendGroup(
  db: Db,
  mailer: Mailer,
  group: { key: string; items: Prepared[]; fresh: boolean },
  clock: () => Date,
): Promise<Outcome[]> {
  const ids = group.items.map((i) => i.row.id);
  const ours = and(inArray(emailOutbox.id, ids), eq(emailOutbox.status, "pending"));
  if (group.fresh) await db.update(emailOutbox).set({ batchKey: group.key }).where(ours);
  let results: BatchItemResult[];
  try {
    results = await mailer.sendBatch!(
      group.items.map((i) => i.message),
      group.key,
    );
  } catch (error) {
    const lastError = describeError(error);
    if (error instanceof MailerError && error.code === "invalid_idempotent_request") {
      // the batch changed since its first try (a member was suppressed or settled): its mails go out in a new batch
      await db
        .update(emailOutbox)
        .set({ batchKey: null, lastError, nextAttemptAt: clock(), attempts: sql`${emailOutbox.attempts} - 1` })
        .where(ours);
      return group.items.map(() => "retried");
    }
    // the members were claimed together and carry the same attempt count
    const outcome = await settleFailure(db, ours, error, Math.max(...group.items.map((i) => i.row.attempts)), clock);
    return group.items.map(() => outcome);
  }
  const outcomes: Outcome[] = [];
  for (const [i, item] of group.items.entries()) {
    const r = results[i];
    if (r && "providerId" in r) {
      await db
        .update(emailOutbox)
        .set({ status: "sent", providerId: r.providerId, sentAt: clock(), lastError: null })
        .where(stillOursWhere(item.row));
      outcomes.push("sent");
    } else {
      // the provider refused this one mail (e.g. an invalid address): retrying the same mail cannot help
      await db
        .update(emailOutbox)
        .set({ status: "failed", lastError: (r?.error ?? "no answer for this mail in the batch").slice(0, 2000) })
        .where(stillOursWhere(item.row));
      outcomes.push("failed");
    }
  }
  return outcomes;
}

async function sendOne(
  db: Db,
  mailer: Mailer,
  row: OutboxRow,
  from: string,
  clock: () => Date,
): Promise<Outcome> {
  // Only the drain that holds the lease records a result; a row already settled elsewhere is left alone.
  const stillOurs = stillOursWhere(row);
  const prepared = await prepare(db, row, from);
  if ("outcome" in prepared) return prepared.outcome;
  let providerId: string;
  try {
    ({ providerId } = await mailer.send(prepared.message));
  } catch (error) {
    return settleFailure(db, stillOurs, error, row.attempts, clock);
  }
  await db
    .update(emailOutbox)
    .set({ status: "sent", providerId, sentAt: clock(), lastError: null })
    .where(stillOurs);
  return "sent";
}

/**
 * Digests carry List-Unsubscribe with the one-click URL (RFC 8058): mail clients POST `List-Unsubscribe=One-Click`
 * to it, which stops the alerts of that saved search.
 */
export function listUnsubscribeHeaders(row: Pick<OutboxRow, "template" | "props">): Record<string, string> | undefined {
  if (row.template !== "saved_search_digest") return undefined;
  const url = (row.props as { unsubscribeUrl?: unknown }).unsubscribeUrl;
  if (typeof url !== "string") return undefined;
  try {
    const oneClick = new URL(url);
    oneClick.pathname = `${oneClick.pathname.replace(/\/+$/, "")}/one-click`;
    return { "List-Unsubscribe": `<${oneClick.toString()}>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" };
  } catch {
    return undefined;
  }
}

function describeError(error: unknown): string {
  return safeErrorMessage(error).slice(0, 2000);
}

/** How far behind mail is, for /healthz: pending rows and the age of the oldest one (0 when none). */
export async function emailOutboxBacklog(db: Db): Promise<{ pending: number; failed: number; oldestAgeSeconds: number }> {
  const [row] = await queryRows<{ pending: number | string; failed: number | string; oldest: number | string | null }>(
    db,
    sql`select
          count(*) filter (where ${emailOutbox.status} = 'pending') as pending,
          count(*) filter (where ${emailOutbox.status} = 'failed') as failed,
          extract(epoch from (now() - min(${emailOutbox.createdAt}) filter (where ${emailOutbox.status} = 'pending'))) as oldest
        from ${emailOutbox}`,
  );
  return {
    pending: Number(row?.pending ?? 0),
    failed: Number(row?.failed ?? 0),
    oldestAgeSeconds: row?.oldest == null ? 0 : Math.max(0, Math.floor(Number(row.oldest))),
  };
}

export interface DrainLoopOptions extends Omit<DrainOptions, "now"> {
  /** Pause between runs when the outbox is empty (default 5 s); a full batch is followed at once by another. */
  intervalMs?: number;
  onResult?: (result: DrainResult) => void;
  /** Errors of a whole run (e.g. the database is down); default: logged to stderr. The loop keeps going. */
  onError?: (error: unknown) => void;
}

export interface DrainLoop {
  /** Run a drain now instead of waiting for the interval (e.g. right after a sign-up). */
  wake(): void;
  /** Stop scheduling runs and wait for the one in progress. */
  stop(): Promise<void>;
}

/** Drain the outbox on an interval: in-process in development, in the `worker` process in production. */
export function startEmailDrainLoop(db: Db, mailer: Mailer, options: DrainLoopOptions): DrainLoop {
  const intervalMs = options.intervalMs ?? 5_000;
  const batchSize = options.batchSize ?? 20;
  const onError = options.onError ?? ((error: unknown) => logError("[email outbox] drain failed:", error));
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running: Promise<void> | undefined;
  let again = false;

  const schedule = (delay: number) => {
    if (stopped) return;
    clearTimeout(timer);
    timer = setTimeout(run, delay);
  };

  function run() {
    timer = undefined;
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    again = false;
    running = (async () => {
      let full = false;
      try {
        const result = await drainEmailOutbox(db, mailer, { from: options.from, batchSize });
        full = result.sent + result.failed + result.retried >= batchSize;
        options.onResult?.(result);
      } catch (error) {
        onError(error);
      }
      running = undefined;
      schedule(full || again ? 0 : intervalMs);
    })();
  }

  schedule(0);
  return {
    wake() {
      if (running) again = true;
      else schedule(0);
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
