import { and, asc, eq } from "drizzle-orm";
import qrcode from "qrcode-generator";
import type { Db } from "../../db/client";
import { ensureRegions } from "../../db/regions";
import { consentRecords, organizations, veteranProfiles } from "../../db/schema";
import { fairBooths, fairRegistrations, jobFairs } from "../../db/schema-fairs";
import { enqueueSearchSync } from "../../search/sync";
import { CONSENT_TEXT_VERSION } from "../forms/profile";
import { isStaff, recordAudit, type Actor } from "./authz.server";
import { DomainError, ForbiddenError, NotFoundError } from "./errors";
import { joinQueue, joinQueueForProfile, type JoinResult } from "./fair-queue.server";
import { requireManagedFair } from "./fairs.server";
import { staffScope } from "./staff-scope.server";
import { staffRegionFor } from "./veteran-profile-staff.server";

/**
 * The on-site half of a fair: every booth has a printable QR code whose link joins the same queue as online
 * veterans (`source` on_site); staff register walk-ins without an account into a staff-kept file with their consent
 * recorded, and put them in the queue.
 */

const TOKEN = /^[A-Za-z0-9_-]{16,64}$/;

export function checkInPath(token: string): string {
  return `/fairs/checkin/${token}`;
}

/** The booth (with its fair and organisation) a QR token names; 404 for unknown tokens and unapproved booths. */
export async function boothByToken(db: Db, token: string) {
  if (!TOKEN.test(token)) throw new NotFoundError();
  const [row] = await db
    .select({ booth: fairBooths, fair: jobFairs, orgName: organizations.name })
    .from(fairBooths)
    .innerJoin(jobFairs, eq(jobFairs.id, fairBooths.fairId))
    .innerJoin(organizations, eq(organizations.id, fairBooths.organizationId))
    .where(eq(fairBooths.checkInToken, token));
  if (!row || row.booth.status !== "approved" || row.fair.status === "draft") throw new NotFoundError();
  return row;
}

/** A signed-in veteran scanned the booth's code at the venue: they join its queue as an on-site visitor. */
export async function checkIn(db: Db, actor: Actor, token: string, now = new Date()): Promise<JoinResult & { fairId: string; boothId: string }> {
  const { booth, fair } = await boothByToken(db, token);
  const result = await joinQueue(db, actor, booth.id, "on_site", now);
  return { ...result, fairId: fair.id, boothId: booth.id };
}

export interface WalkInInput {
  fullName: string;
  phone: string | null;
  regionCode: string | null;
  consent: boolean;
}

/**
 * Staff register a walk-in without an account at the booth's code: a staff-kept file (no account) with the
 * assisted-service consent recorded, a registration marked as a walk-in, and a place in the booth's queue.
 */
export async function registerWalkIn(db: Db, staff: Actor, token: string, input: WalkInInput, now = new Date()) {
  if (!isStaff(staff)) throw new ForbiddenError();
  const scope = await staffScope(db, staff);
  if (!input.consent) throw new DomainError("fairs:errors.consentRequired", "consent");
  const { booth, fair } = await boothByToken(db, token);
  // The file is the registering station's: inside its region (a walk-in from elsewhere is refused), or at the station.
  const regionCode = staffRegionFor(scope, input.regionCode);
  if (regionCode) await ensureRegions(db, [regionCode]);
  const profile = await db.transaction(async (t) => {
    const tx = t as unknown as Db;
    const [p] = await tx
      .insert(veteranProfiles)
      .values({ fullName: input.fullName, phone: input.phone, regionCode, createdByStaffUserId: staff.id })
      .returning();
    await tx.insert(consentRecords).values({
      veteranProfileId: p!.id,
      kind: "assisted_service",
      value: "fair_walk_in",
      textVersion: CONSENT_TEXT_VERSION,
      recordedByUserId: staff.id,
    });
    await tx.insert(fairRegistrations).values({ fairId: fair.id, veteranProfileId: p!.id, walkInConsentAt: now, recordedByUserId: staff.id });
    await recordAudit(tx, staff, "fair.walkin.register", p!.id, { fairId: fair.id, boothId: booth.id });
    await enqueueSearchSync(tx, "veteran_profiles", [p!.id]);
    return p!;
  });
  const joined = await joinQueueForProfile(db, profile, booth.id, "on_site", now);
  return { profileId: profile.id, fairId: fair.id, boothId: booth.id, ...joined };
}

/** An SVG QR code (scalable, black on white) for a link. */
export function qrSvg(text: string): string {
  const qr = qrcode(0, "M");
  qr.addData(text);
  qr.make();
  return qr.createSvgTag({ cellSize: 4, margin: 2, scalable: true });
}

/** The printable QR sheet of a fair for its host: one code per approved booth. */
export async function qrSheet(db: Db, actor: Actor, fairId: string, publicUrl: string) {
  const fair = await requireManagedFair(db, actor, fairId);
  const booths = await db
    .select({ id: fairBooths.id, orgName: organizations.name, token: fairBooths.checkInToken })
    .from(fairBooths)
    .innerJoin(organizations, eq(organizations.id, fairBooths.organizationId))
    .where(and(eq(fairBooths.fairId, fair.id), eq(fairBooths.status, "approved")))
    .orderBy(asc(organizations.name));
  const base = publicUrl.replace(/\/$/, "");
  return {
    fair: { id: fair.id, title: fair.title, venue: fair.venue },
    booths: booths.map((b) => {
      const url = `${base}${checkInPath(b.token)}`;
      return { id: b.id, orgName: b.orgName, url, svg: qrSvg(url) };
    }),
  };
}
