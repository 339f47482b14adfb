import { inArray, like, or, sql, type SQL } from "drizzle-orm";
import type { Db } from "../../db/client";
import { devMailbox, emailOutbox } from "../../db/schema";

/** What replaces a deleted person's name in mail kept for other people. */
export const DELETED_PERSON = "已注销用户 (deleted user)";

function htmlEscape(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#x27;");
}

function mentionsAny(column: SQL | typeof emailOutbox.props | typeof devMailbox.text, ids: string[]) {
  return or(...ids.map((id) => like(sql`${column}::text`, `%${id}%`)));
}

/**
 * After an account is deleted, mail kept for other people (employers told of an application, digests of
 * unanswered ones) must not go on naming the person. Rows are found by the person's application ids (every such mail
 * links to the application), and each of the person's names is replaced in the stored props (email_outbox) and in
 * the rendered subject, text and HTML (dev_mailbox). Returns how many rows were changed.
 */
export async function scrubPersonFromMail(tx: Db, input: { applicationIds: string[]; names: string[] }): Promise<number> {
  const names = [...new Set(input.names.map((n) => n.trim()).filter((n) => n.length > 0))];
  if (input.applicationIds.length === 0 || names.length === 0) return 0;
  let changed = 0;
  let props: SQL = sql`${emailOutbox.props}::text`;
  let subject: SQL = sql`${devMailbox.subject}`;
  let text: SQL = sql`${devMailbox.text}`;
  let html: SQL = sql`${devMailbox.html}`;
  for (const name of names) {
    // inside JSON text the name appears JSON-escaped; in HTML, HTML-escaped
    props = sql`replace(${props}, ${JSON.stringify(name).slice(1, -1)}, ${DELETED_PERSON})`;
    subject = sql`replace(${subject}, ${name}, ${DELETED_PERSON})`;
    text = sql`replace(${text}, ${name}, ${DELETED_PERSON})`;
    html = sql`replace(${html}, ${htmlEscape(name)}, ${htmlEscape(DELETED_PERSON)})`;
  }
  const outbox = await tx
    .update(emailOutbox)
    .set({ props: sql`(${props})::jsonb` })
    .where(mentionsAny(emailOutbox.props, input.applicationIds))
    .returning({ id: emailOutbox.id });
  changed += outbox.length;
  const dev = await tx
    .update(devMailbox)
    .set({ subject, text, html })
    .where(mentionsAny(devMailbox.text, input.applicationIds))
    .returning({ id: devMailbox.id });
  changed += dev.length;
  return changed;
}

/** Mail the dev mailbox kept for the person themselves goes with the account. */
export async function deleteDevMailTo(tx: Db, addresses: string[]): Promise<number> {
  if (addresses.length === 0) return 0;
  const rows = await tx.delete(devMailbox).where(inArray(devMailbox.toAddress, addresses)).returning({ id: devMailbox.id });
  return rows.length;
}
