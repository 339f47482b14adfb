import { eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { incubatorPackages, startupApplications, ventures } from "../../db/incubator-schema";
import { memberships, organizations, users } from "../../db/schema";
import { enqueueEmail } from "../../emails/outbox";
import type { IncubatorEvent } from "../../emails/incubator-update";
import { formatFen } from "../i18n/format";

/**
 * The incubator cycle's mail (`incubator_update`), always written to the outbox inside the caller's transaction:
 * to the founder (their venture's page) or to every member of the park (the park's page of the application).
 */

export interface MailContext {
  /** Absolute base URL for links in mails (config.PUBLIC_URL). */
  publicUrl: string;
}

export async function applicationParties(tx: Db, applicationId: string) {
  const [row] = await tx
    .select({
      founderId: users.id,
      founderEmail: users.email,
      founderName: users.displayName,
      founderLocale: users.locale,
      ventureName: ventures.name,
      parkId: organizations.id,
      parkName: organizations.name,
      packageTitle: incubatorPackages.title,
      currency: incubatorPackages.currency,
    })
    .from(startupApplications)
    .innerJoin(ventures, eq(ventures.id, startupApplications.ventureId))
    .innerJoin(users, eq(users.id, ventures.founderUserId))
    .innerJoin(incubatorPackages, eq(incubatorPackages.id, startupApplications.packageId))
    .innerJoin(organizations, eq(organizations.id, incubatorPackages.organizationId))
    .where(eq(startupApplications.id, applicationId));
  if (!row) throw new Error(`startup application ${applicationId} not found`);
  return row;
}

interface Extra {
  note?: string;
  amountFen?: number;
  /** Makes the idempotency key unique when the same event can happen more than once (a payment, a booking). */
  key?: string;
}

export async function mailFounder(tx: Db, applicationId: string, event: IncubatorEvent, mail: MailContext, extra: Extra = {}) {
  const p = await applicationParties(tx, applicationId);
  await enqueueEmail(tx, {
    template: "incubator_update",
    to: p.founderEmail,
    locale: p.founderLocale,
    userId: p.founderId,
    idempotencyKey: `incubator:${event}:${applicationId}:${extra.key ?? ""}:${p.founderId}`,
    props: {
      name: p.founderName,
      event,
      ventureName: p.ventureName,
      parkName: p.parkName,
      packageTitle: p.packageTitle,
      note: extra.note,
      amount: extra.amountFen === undefined ? undefined : formatFen(extra.amountFen, p.founderLocale, p.currency),
      url: `${mail.publicUrl}/ventures/${applicationId}`,
    },
  });
}

export async function mailPark(tx: Db, applicationId: string, event: IncubatorEvent, mail: MailContext, extra: Extra = {}) {
  const p = await applicationParties(tx, applicationId);
  const members = await tx
    .select({ id: users.id, email: users.email, name: users.displayName, locale: users.locale })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.organizationId, p.parkId));
  for (const m of members) {
    await enqueueEmail(tx, {
      template: "incubator_update",
      to: m.email,
      locale: m.locale,
      userId: m.id,
      idempotencyKey: `incubator:${event}:${applicationId}:${extra.key ?? ""}:${m.id}`,
      props: {
        name: m.name,
        event,
        ventureName: p.ventureName,
        parkName: p.parkName,
        packageTitle: p.packageTitle,
        note: extra.note,
        amount: extra.amountFen === undefined ? undefined : formatFen(extra.amountFen, m.locale, p.currency),
        url: `${mail.publicUrl}/park/applications/${applicationId}`,
      },
    });
  }
}
