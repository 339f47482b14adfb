import { createHash, randomInt } from "node:crypto";
import { and, eq, gt, isNotNull, isNull, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { regionLabel } from "../../db/regions";
import { consentRecords, profileClaimCodes, veteranProfiles, type VeteranProfile } from "../../db/schema";
import { enqueueSearchSync } from "../../search/sync";
import { CONSENT_TEXT_VERSION, maskNationalId } from "../forms/profile";
import { decrypt, keyedHash } from "../utils/crypto.server";
import { consumeRateLimit } from "../utils/rate-limit.server";
import { recordAudit, type Actor } from "./authz.server";
import { DomainError, ForbiddenError } from "./errors";
import { staffScope } from "./staff-scope.server";
import { loadProfileInScope } from "./veteran-profile-staff.server";

/*
 * One file per veteran, for life: a file a service station keeps for a veteran without an account (helped on site,
 * imported, registered at a fair) becomes the veteran's own when they sign up and prove it is theirs — never by name
 * alone and never silently:
 *   - by their national ID number together with the name on the file (the number matched through its keyed hash), or
 *   - by a one-time claim code the station gave them in person (the station checked who they are);
 * then the veteran sees what was found and confirms, or says it is not theirs. Linking sets the file's account; the
 * file keeps its history (consents, applications, service records), so there is no second file. Every step is
 * audited (profile.claim.issue, profile.link, profile.link.refuse).
 */

/** How long a claim code is valid. */
export const CLAIM_CODE_DAYS = 30;
/** Claim attempts per account in an hour (each wrong ID or code counts), so numbers cannot be tried at scale. */
const CLAIM_RATE = { limit: 10, windowSeconds: 3600 };
/** Letters and digits that cannot be misread for each other (no 0/O, 1/I/L). */
const CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";

export type ClaimProof = { method: "national_id"; nationalId: string; fullName: string } | { method: "code"; code: string };

function codeHash(code: string): string {
  return createHash("sha256").update(code.replace(/[\s-]/g, "").toUpperCase()).digest("hex");
}

/**
 * Staff give the veteran of a staff-kept file (no account yet) a claim code, shown once, valid CLAIM_CODE_DAYS.
 * Only files inside the staff member's region; audited.
 */
export async function issueClaimCode(db: Db, staff: Actor, profileId: string, now = new Date()): Promise<{ code: string; expiresAt: Date }> {
  const scope = await staffScope(db, staff);
  const file = await loadProfileInScope(db, scope, profileId);
  if (file.userId) throw new DomainError("stations:link.errors.alreadyLinked");
  const raw = Array.from({ length: 8 }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join("");
  const code = `${raw.slice(0, 4)}-${raw.slice(4)}`;
  const expiresAt = new Date(now.getTime() + CLAIM_CODE_DAYS * 86_400_000);
  await db.transaction(async (tx) => {
    await tx.insert(profileClaimCodes).values({ veteranProfileId: file.id, codeHash: codeHash(code), createdByUserId: staff.id, expiresAt });
    await recordAudit(tx, staff, "profile.claim.issue", file.id, { expiresAt: expiresAt.toISOString() });
  });
  return { code, expiresAt };
}

/** Files written before the keyed hash existed get it, so the ID number finds them too (a bounded batch per call). */
async function backfillNationalIdHashes(db: Db, encryptionKey: string, limit = 500) {
  const rows = await db
    .select({ id: veteranProfiles.id, encrypted: veteranProfiles.nationalIdEncrypted })
    .from(veteranProfiles)
    .where(and(isNull(veteranProfiles.userId), isNotNull(veteranProfiles.nationalIdEncrypted), isNull(veteranProfiles.nationalIdHash)))
    .limit(limit);
  for (const r of rows) {
    await db.update(veteranProfiles).set({ nationalIdHash: keyedHash(decrypt(r.encrypted!, encryptionKey), encryptionKey) }).where(eq(veteranProfiles.id, r.id));
  }
}

const normalName = (name: string) => name.replace(/\s+/g, "").toLowerCase();

/** The staff-kept file the proof names, or null; a file that already has an account never matches. */
async function matchFile(db: Db, proof: ClaimProof, encryptionKey: string, now: Date): Promise<VeteranProfile | null> {
  if (proof.method === "code") {
    const [row] = await db
      .select({ file: veteranProfiles })
      .from(profileClaimCodes)
      .innerJoin(veteranProfiles, eq(veteranProfiles.id, profileClaimCodes.veteranProfileId))
      .where(and(eq(profileClaimCodes.codeHash, codeHash(proof.code)), isNull(profileClaimCodes.usedAt), gt(profileClaimCodes.expiresAt, now), isNull(veteranProfiles.userId)));
    return row?.file ?? null;
  }
  await backfillNationalIdHashes(db, encryptionKey);
  const candidates = await db
    .select()
    .from(veteranProfiles)
    .where(and(eq(veteranProfiles.nationalIdHash, keyedHash(proof.nationalId, encryptionKey)), isNull(veteranProfiles.userId)));
  // The number and the name on the file, both: the name alone never links, the number alone names no one's file to a stranger.
  const matches = candidates.filter((c) => normalName(c.fullName) === normalName(proof.fullName));
  // Two staff-kept files of one person: linking one would leave the other; staff merge them first.
  if (matches.length > 1) throw new DomainError("stations:link.errors.ambiguous");
  return matches[0] ?? null;
}

async function assertNoOwnFile(db: Db, veteran: Actor) {
  if (veteran.role !== "veteran") throw new ForbiddenError();
  const [own] = await db.select({ id: veteranProfiles.id }).from(veteranProfiles).where(eq(veteranProfiles.userId, veteran.id));
  if (own) throw new DomainError("stations:link.errors.hasOwnFile", undefined, 409);
}

export interface ClaimMatch {
  fullName: string;
  nationalIdMasked: string | null;
  phoneMasked: string | null;
  regionLabel: string | null;
  keptSince: Date;
}

/**
 * What the veteran's proof finds, shown masked for them to confirm; null when nothing matches (a wrong number, name
 * or code looks the same as no file). Counts against the account's hourly allowance.
 */
export async function findClaimableFile(db: Db, veteran: Actor, proof: ClaimProof, encryptionKey: string, now = new Date()): Promise<ClaimMatch | null> {
  await assertNoOwnFile(db, veteran);
  await consumeRateLimit(db, `profile-claim:${veteran.id}`, CLAIM_RATE, now);
  const file = await matchFile(db, proof, encryptionKey, now);
  if (!file) return null;
  return {
    fullName: file.fullName,
    nationalIdMasked: file.nationalIdEncrypted ? maskNationalId(decrypt(file.nationalIdEncrypted, encryptionKey)) : null,
    phoneMasked: file.phone ? `${file.phone.slice(0, 3)}****${file.phone.slice(-4)}` : null,
    regionLabel: file.regionCode ? await regionLabel(db, file.regionCode) : null,
    keptSince: file.createdAt,
  };
}

/**
 * The veteran confirms the file is theirs (it becomes their own: account set, claim code used, their consent recorded,
 * searchable as before) or says it is not (nothing changes; the refusal is audited so the station can look into it).
 * The proof is checked again here; a file linked meanwhile, or a second file of this account, is refused.
 */
export async function decideClaim(
  db: Db,
  veteran: Actor,
  proof: ClaimProof,
  decision: "link" | "refuse",
  encryptionKey: string,
  now = new Date(),
): Promise<{ linked: boolean; profileId: string | null }> {
  await assertNoOwnFile(db, veteran);
  const file = await matchFile(db, proof, encryptionKey, now);
  if (!file) throw new DomainError("stations:link.errors.noMatch", undefined, 404);
  if (decision === "refuse") {
    await recordAudit(db, veteran, "profile.link.refuse", file.id, { method: proof.method });
    return { linked: false, profileId: null };
  }
  return db.transaction(async (tx) => {
    // Conditional on the file still having no account: two accounts confirming at once cannot both get it.
    const linked = await tx
      .update(veteranProfiles)
      .set({ userId: veteran.id, updatedAt: now })
      .where(and(eq(veteranProfiles.id, file.id), isNull(veteranProfiles.userId)))
      .returning({ id: veteranProfiles.id });
    if (linked.length === 0) throw new DomainError("stations:link.errors.alreadyLinked", undefined, 409);
    if (proof.method === "code") {
      await tx.update(profileClaimCodes).set({ usedAt: now }).where(eq(profileClaimCodes.codeHash, codeHash(proof.code)));
    }
    // Other codes for this file are void once it has its owner.
    await tx
      .update(profileClaimCodes)
      .set({ usedAt: now })
      .where(and(eq(profileClaimCodes.veteranProfileId, file.id), isNull(profileClaimCodes.usedAt)));
    await tx.insert(consentRecords).values({
      veteranProfileId: file.id,
      kind: "data_processing",
      value: "claimed_staff_file",
      textVersion: CONSENT_TEXT_VERSION,
      recordedByUserId: veteran.id,
    });
    await recordAudit(tx, veteran, "profile.link", file.id, { method: proof.method, keptByStaffUserId: file.createdByStaffUserId });
    await enqueueSearchSync(tx, "veteran_profiles", [file.id]);
    return { linked: true, profileId: file.id };
  });
}

/** Whether this staff-kept file has a claim code that is still open (for the staff page). */
export async function openClaimCode(db: Db, profileId: string, now = new Date()): Promise<Date | null> {
  const [row] = await db
    .select({ expiresAt: sql<Date>`max(${profileClaimCodes.expiresAt})` })
    .from(profileClaimCodes)
    .where(and(eq(profileClaimCodes.veteranProfileId, profileId), isNull(profileClaimCodes.usedAt), gt(profileClaimCodes.expiresAt, now)));
  return row?.expiresAt ? new Date(row.expiresAt) : null;
}
