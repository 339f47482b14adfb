import { unlink } from "node:fs/promises";
import path from "node:path";
import { and, asc, eq, inArray, like, or, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import {
  applicationEvents,
  applications,
  auditLog,
  consentRecords,
  contactRequests,
  emailOutbox,
  jobPostings,
  organizations,
  rateLimits,
  savedSearches,
  trainingEnrollments,
  trainingSlots,
  users,
  veteranProfiles,
} from "../../db/schema";
import { enqueueSearchSync } from "../../search/sync";
import { decrypt } from "../utils/crypto.server";
import { readUpload } from "../utils/upload.server";
import { verifyPassword } from "../utils/password.server";
import { DomainError, ForbiddenError } from "./errors";
import type { Actor } from "./authz.server";
import { deleteDevMailTo, scrubPersonFromMail } from "./mail-scrub.server";
import { signInAccountKey } from "./sign-in.server";

/**
 * PIPL data rights for a veteran: a complete export of what we hold about them, and deleting the account with
 * everything personal that hangs off it.
 */
export async function exportMyData(db: Db, actor: Actor, encryptionKey: string, options: { uploadRoot?: string } = {}) {
  const [account] = await db
    .select({
      id: users.id,
      email: users.email,
      role: users.role,
      displayName: users.displayName,
      locale: users.locale,
      emailVerifiedAt: users.emailVerifiedAt,
      createdAt: users.createdAt,
    })
    .from(users)
    .where(eq(users.id, actor.id));
  if (!account) throw new ForbiddenError();
  const [profileRow] = await db.select().from(veteranProfiles).where(eq(veteranProfiles.userId, actor.id));
  let profile: Record<string, unknown> | null = null;
  let consents: unknown[] = [];
  let applicationList: unknown[] = [];
  let enrolments: unknown[] = [];
  let contacts: unknown[] = [];
  let applicationIds: string[] = [];
  if (profileRow) {
    const { nationalIdEncrypted, ...rest } = profileRow;
    profile = { ...rest, nationalId: nationalIdEncrypted ? decrypt(nationalIdEncrypted, encryptionKey) : null };
    consents = await db
      .select()
      .from(consentRecords)
      .where(eq(consentRecords.veteranProfileId, profileRow.id))
      .orderBy(asc(consentRecords.id));
    const apps = await db
      .select({
        id: applications.id,
        status: applications.status,
        coverNote: applications.coverNote,
        cvFilename: applications.cvFilename,
        cvMime: applications.cvMime,
        cvBytes: applications.cvBytes,
        cvPath: applications.cvPath,
        createdAt: applications.createdAt,
        updatedAt: applications.updatedAt,
        jobPostingId: jobPostings.id,
        jobTitle: jobPostings.title,
        organizationName: organizations.name,
      })
      .from(applications)
      .innerJoin(jobPostings, eq(jobPostings.id, applications.jobPostingId))
      .innerJoin(organizations, eq(organizations.id, jobPostings.organizationId))
      .where(eq(applications.veteranProfileId, profileRow.id))
      .orderBy(asc(applications.createdAt));
    const events = apps.length
      ? await db
          .select({
            applicationId: applicationEvents.applicationId,
            status: applicationEvents.status,
            note: applicationEvents.note,
            createdAt: applicationEvents.createdAt,
          })
          .from(applicationEvents)
          .where(inArray(applicationEvents.applicationId, apps.map((a) => a.id)))
          .orderBy(asc(applicationEvents.id))
      : [];
    applicationList = await Promise.all(
      apps.map(async ({ cvPath, ...a }) => ({
        ...a,
        cvBase64: cvPath ? await cvAsBase64(cvPath, options.uploadRoot) : null,
        events: events.filter((e) => e.applicationId === a.id),
      })),
    );
    applicationIds = apps.map((a) => a.id);
    enrolments = await db
      .select({
        id: trainingEnrollments.id,
        status: trainingEnrollments.status,
        createdAt: trainingEnrollments.createdAt,
        trainingSlotId: trainingSlots.id,
        title: trainingSlots.title,
        startsAt: trainingSlots.startsAt,
      })
      .from(trainingEnrollments)
      .innerJoin(trainingSlots, eq(trainingSlots.id, trainingEnrollments.trainingSlotId))
      .where(eq(trainingEnrollments.veteranProfileId, profileRow.id));
    contacts = await db
      .select({
        id: contactRequests.id,
        organizationName: organizations.name,
        message: contactRequests.message,
        status: contactRequests.status,
        createdAt: contactRequests.createdAt,
        respondedAt: contactRequests.respondedAt,
      })
      .from(contactRequests)
      .innerJoin(organizations, eq(organizations.id, contactRequests.organizationId))
      .where(eq(contactRequests.veteranProfileId, profileRow.id));
  }
  const searches = await db
    .select({
      id: savedSearches.id,
      name: savedSearches.name,
      query: savedSearches.query,
      alertsEnabled: savedSearches.alertsEnabled,
      createdAt: savedSearches.createdAt,
    })
    .from(savedSearches)
    .where(eq(savedSearches.userId, actor.id));
  const mails = await mailsToAndAbout(db, {
    userId: actor.id,
    addresses: [account.email, profileRow?.contactEmail].filter((a): a is string => Boolean(a)),
    applicationIds,
  });
  const accessRecords = profileRow ? await accessRecordsOf(db, profileRow.id, applicationIds) : [];
  return {
    exportedAt: new Date().toISOString(),
    format: "rongye-personal-data/2",
    account,
    profile,
    consents,
    applications: applicationList,
    trainingEnrollments: enrolments,
    contactRequests: contacts,
    savedSearches: searches,
    mails,
    accessRecords,
  };
}

/** A stored CV as base64 (null when the file is gone). */
async function cvAsBase64(cvPath: string, uploadRoot?: string): Promise<string | null> {
  try {
    return (await readUpload(cvPath, uploadRoot)).toString("base64");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
}

/**
 * Mail sent to the person, and mail sent to others about them (employers told of their applications: found by the
 * application ids every such mail links to). Other people's addresses are not disclosed.
 */
async function mailsToAndAbout(db: Db, who: { userId: string; addresses: string[]; applicationIds: string[] }) {
  const toThem = or(eq(emailOutbox.userId, who.userId), who.addresses.length ? inArray(emailOutbox.toAddress, who.addresses) : undefined);
  const aboutThem = who.applicationIds.length
    ? or(...who.applicationIds.map((id) => like(sql`${emailOutbox.props}::text`, `%${id}%`)))
    : undefined;
  const rows = await db
    .select({
      template: emailOutbox.template,
      toAddress: emailOutbox.toAddress,
      userId: emailOutbox.userId,
      locale: emailOutbox.locale,
      props: emailOutbox.props,
      status: emailOutbox.status,
      createdAt: emailOutbox.createdAt,
      sentAt: emailOutbox.sentAt,
    })
    .from(emailOutbox)
    .where(or(toThem, aboutThem))
    .orderBy(asc(emailOutbox.id));
  return rows.map(({ toAddress, userId, ...mail }) => {
    const theirs = userId === who.userId || who.addresses.includes(toAddress);
    return { ...mail, recipient: theirs ? toAddress : "employer" };
  });
}

/** Who at staff or an employer opened the person's profile, applications or CVs (the audit trail), and when. */
async function accessRecordsOf(db: Db, profileId: string, applicationIds: string[]) {
  return db
    .select({
      action: auditLog.action,
      subjectType: auditLog.subjectType,
      subjectId: auditLog.subjectId,
      at: auditLog.createdAt,
      actorName: users.displayName,
      actorRole: users.role,
    })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorUserId))
    .where(
      or(
        and(eq(auditLog.subjectType, "veteran_profile"), eq(auditLog.subjectId, profileId)),
        applicationIds.length ? and(eq(auditLog.subjectType, "application"), inArray(auditLog.subjectId, applicationIds)) : undefined,
      ),
    )
    .orderBy(asc(auditLog.id));
}

/**
 * Delete the account after the password is confirmed: the profile (applications with their cover notes, events,
 * enrolments, consents and contact requests cascade with it), the search document (queued for removal in the same
 * transaction), pending mail to the user or their addresses (and the dev mailbox's copies), the person's name in mail
 * kept for employers, rate-limit counters keyed by the address, then the CV files on disk once the rows are gone.
 * Seats held by the veteran's training enrolments are given back.
 */
export async function deleteMyAccount(
  db: Db,
  actor: Actor,
  password: string,
  options: { uploadRoot?: string } = {},
): Promise<{ profileDeleted: boolean; cvFilesRemoved: number; pendingMailRemoved: number }> {
  // Employers and parks own organisations other people use; closing those accounts goes through staff.
  if (actor.role !== "veteran") throw new ForbiddenError();
  const [user] = await db.select().from(users).where(eq(users.id, actor.id));
  if (!user) throw new ForbiddenError();
  if (!(await verifyPassword(user.passwordHash, password))) throw new DomainError("errors.badCredentials", "password");
  const result = await db.transaction(async (tx) => {
    const [profile] = await tx.select().from(veteranProfiles).where(eq(veteranProfiles.userId, user.id)).for("update");
    let cvPaths: string[] = [];
    if (profile) {
      const apps = await tx
        .select({ id: applications.id, cvPath: applications.cvPath })
        .from(applications)
        .where(eq(applications.veteranProfileId, profile.id));
      cvPaths = apps.map((a) => a.cvPath).filter((p): p is string => Boolean(p));
      await scrubPersonFromMail(tx, { applicationIds: apps.map((a) => a.id), names: [profile.fullName, user.displayName] });
      const held = await tx
        .select({ slotId: trainingEnrollments.trainingSlotId })
        .from(trainingEnrollments)
        .where(and(eq(trainingEnrollments.veteranProfileId, profile.id), eq(trainingEnrollments.status, "enrolled")));
      for (const { slotId } of held) {
        await tx
          .update(trainingSlots)
          .set({ seatsTaken: sql`greatest(${trainingSlots.seatsTaken} - 1, 0)`, updatedAt: new Date() })
          .where(eq(trainingSlots.id, slotId));
      }
      await enqueueSearchSync(tx, "veteran_profiles", [profile.id], "delete");
      await tx.delete(veteranProfiles).where(eq(veteranProfiles.id, profile.id));
    }
    const addresses = [user.email, profile?.contactEmail].filter((a): a is string => Boolean(a));
    const removedMail = await tx
      .delete(emailOutbox)
      .where(
        and(
          eq(emailOutbox.status, "pending"),
          or(eq(emailOutbox.userId, user.id), inArray(emailOutbox.toAddress, addresses)),
        ),
      )
      .returning({ id: emailOutbox.id });
    await deleteDevMailTo(tx, addresses);
    // rate-limit counters keyed by the address (hashed now; written plainly by earlier versions)
    await tx
      .delete(rateLimits)
      .where(or(eq(rateLimits.key, signInAccountKey(user.email)), like(rateLimits.key, `%:${user.email}`)));
    await tx.delete(users).where(eq(users.id, user.id));
    return { profileDeleted: Boolean(profile), cvPaths, pendingMailRemoved: removedMail.length };
  });
  let cvFilesRemoved = 0;
  for (const p of result.cvPaths) {
    const file = path.isAbsolute(p) || !options.uploadRoot ? p : path.join(options.uploadRoot, p);
    try {
      await unlink(file);
      cvFilesRemoved++;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    }
  }
  return { profileDeleted: result.profileDeleted, cvFilesRemoved, pendingMailRemoved: result.pendingMailRemoved };
}
