// The development mailbox (/dev/mailbox): mail the dev mailer stored instead of sending.
import { desc, eq, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { devMailbox } from "../../db/schema";

export type DevMail = typeof devMailbox.$inferSelect;

/** The newest dev-mailbox messages, optionally for one recipient (for the /dev/mailbox list). */
export async function listDevMailbox(
  db: Db,
  options: { to?: string; limit?: number } = {},
): Promise<Array<Pick<DevMail, "id" | "toAddress" | "fromAddress" | "subject" | "createdAt">>> {
  const limit = Math.min(Math.max(options.limit ?? 50, 1), 500);
  return db
    .select({
      id: devMailbox.id,
      toAddress: devMailbox.toAddress,
      fromAddress: devMailbox.fromAddress,
      subject: devMailbox.subject,
      createdAt: devMailbox.createdAt,
    })
    .from(devMailbox)
    .where(options.to ? eq(sql`lower(${devMailbox.toAddress})`, options.to.trim().toLowerCase()) : undefined)
    .orderBy(desc(devMailbox.id))
    .limit(limit);
}

/** One dev-mailbox message with its HTML and text, or null. */
export async function getDevMail(db: Db, id: number): Promise<DevMail | null> {
  if (!Number.isSafeInteger(id) || id <= 0) return null;
  const [row] = await db.select().from(devMailbox).where(eq(devMailbox.id, id));
  return row ?? null;
}
