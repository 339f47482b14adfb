import { and, desc, eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { contactRequests, organizations, users, veteranProfiles } from "../../db/schema";
import { enqueueEmail } from "../../emails/outbox";
import { DomainError, ForbiddenError, NotFoundError } from "./errors";
import { requireUuid, type Actor } from "./authz.server";
import { actingEmployerOrganization, visibleProfileForOrganization } from "./veteran-profile-employer.server";
import type { Locale } from "../../db/enums";

export type ContactRequestStatus = "pending" | "accepted" | "declined";


function maskedName(fullName: string, locale: Locale): string {
  const first = [...fullName.trim()][0] ?? "?";
  return locale === "en" ? `${first}.` : `${first}**`;
}

/**
 * An employer asks to see a veteran's phone and email. Only for files shown to this organisation (see
 * getProfileForEmployer); one request per organisation and file — asking again returns the existing request,
 * and a declined request is not re-sent. The veteran is mailed when they have an address.
 */
export async function requestContact(
  db: Db,
  actor: Actor,
  profileId: string,
  message: string | null | undefined,
  options: { publicUrl: string },
) {
  const org = await actingEmployerOrganization(db, actor);
  requireUuid(profileId);
  const profile = await visibleProfileForOrganization(db, profileId, org);
  return db.transaction(async (tx) => {
    const [existing] = await tx
      .select()
      .from(contactRequests)
      .where(and(eq(contactRequests.organizationId, org.id), eq(contactRequests.veteranProfileId, profile.id)));
    if (existing) {
      if (existing.status === "declined") throw new DomainError("profile:errors.contactDeclined");
      return { request: existing, created: false };
    }
    const [request] = await tx
      .insert(contactRequests)
      .values({
        organizationId: org.id,
        veteranProfileId: profile.id,
        requestedByUserId: actor.id,
        message: message?.trim() || null,
      })
      .onConflictDoNothing()
      .returning();
    if (!request) throw new DomainError("profile:errors.contactAlreadyRequested");
    const [owner] = profile.userId
      ? await tx.select({ email: users.email, locale: users.locale }).from(users).where(eq(users.id, profile.userId))
      : [];
    const to = owner?.email ?? profile.contactEmail;
    if (to) {
      const [orgRow] = await tx.select({ name: organizations.name }).from(organizations).where(eq(organizations.id, org.id));
      await enqueueEmail(tx, {
        template: "contact_request_received",
        to,
        locale: owner?.locale ?? "zh-CN",
        userId: profile.userId,
        idempotencyKey: `contact_request_received:${request.id}`,
        props: {
          name: profile.fullName,
          organizationName: orgRow.name,
          message: request.message ?? undefined,
          requestsUrl: `${options.publicUrl}/contact-requests`,
        },
      });
    }
    return { request, created: true };
  });
}

/**
 * The veteran accepts or declines a request made to their own file (anyone else: NotFoundError). The employer who
 * asked is mailed the answer in the same transaction. Answering twice is refused.
 */
export async function respondToContactRequest(
  db: Db,
  veteranUser: Actor,
  requestId: string,
  accept: boolean,
  options: { publicUrl: string },
) {
  if (veteranUser.role !== "veteran") throw new ForbiddenError();
  requireUuid(requestId);
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({ request: contactRequests, profileUserId: veteranProfiles.userId, fullName: veteranProfiles.fullName })
      .from(contactRequests)
      .innerJoin(veteranProfiles, eq(veteranProfiles.id, contactRequests.veteranProfileId))
      .where(eq(contactRequests.id, requestId))
      .for("update", { of: contactRequests });
    if (!row || row.profileUserId !== veteranUser.id) throw new NotFoundError();
    if (row.request.status !== "pending") throw new DomainError("profile:errors.contactAnswered");
    const [updated] = await tx
      .update(contactRequests)
      .set({ status: accept ? "accepted" : "declined", respondedAt: new Date() })
      .where(and(eq(contactRequests.id, requestId), eq(contactRequests.status, "pending")))
      .returning();
    if (!updated) throw new DomainError("profile:errors.contactAnswered");
    if (row.request.requestedByUserId) {
      const [employer] = await tx
        .select({ id: users.id, email: users.email, locale: users.locale, name: users.displayName })
        .from(users)
        .where(eq(users.id, row.request.requestedByUserId));
      if (employer) {
        await enqueueEmail(tx, {
          template: "contact_request_answered",
          to: employer.email,
          locale: employer.locale,
          userId: employer.id,
          idempotencyKey: `contact_request_answered:${requestId}`,
          props: {
            name: employer.name,
            candidate: maskedName(row.fullName, employer.locale),
            accepted: accept,
            candidateUrl: `${options.publicUrl}/employer/candidates/${row.request.veteranProfileId}`,
          },
        });
      }
    }
    return updated;
  });
}

/** Requests made to the signed-in veteran's file, newest first, with the organisation that asked. */
export async function listContactRequestsForVeteran(db: Db, veteranUser: Actor) {
  if (veteranUser.role !== "veteran") throw new ForbiddenError();
  return db
    .select({
      id: contactRequests.id,
      status: contactRequests.status,
      message: contactRequests.message,
      createdAt: contactRequests.createdAt,
      respondedAt: contactRequests.respondedAt,
      organizationId: organizations.id,
      organizationName: organizations.name,
      organizationVerified: organizations.verificationStatus,
    })
    .from(contactRequests)
    .innerJoin(veteranProfiles, eq(veteranProfiles.id, contactRequests.veteranProfileId))
    .innerJoin(organizations, eq(organizations.id, contactRequests.organizationId))
    .where(eq(veteranProfiles.userId, veteranUser.id))
    .orderBy(desc(contactRequests.createdAt));
}
