import { randomBytes } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { assistedProfileSchema } from "../../app/forms/profile";
import { decideClaim, findClaimableFile, issueClaimCode } from "../../app/models/profile-link.server";
import { getOwnProfile } from "../../app/models/veteran-profile.server";
import { saveProfileAssisted } from "../../app/models/veteran-profile-staff.server";
import { encrypt } from "../../app/utils/crypto.server";
import type { Db } from "../../db/client";
import { createStationStaff, createUser, createVeteranProfile } from "../../db/factories";
import { auditLog, consentRecords, profileClaimCodes, veteranProfiles } from "../../db/schema";
import { getTestDb, withRollback } from "../helpers/db";

/*
 * One file per veteran, for life (issue 12, item 2): a staff-kept file becomes the veteran's own account's file when
 * they prove it is theirs — the ID number with the name on the file, or the station's claim code — and confirm;
 * never by name alone, never silently, never a second file; audited.
 */

const KEY = randomBytes(32).toString("base64");
const A = "320582";
const B = "610102";

beforeAll(async () => {
  await getTestDb();
});

/** A valid 18-digit resident ID born on the given day (checksum per GB 11643). */
function nationalId(birth = "19900101", serial = String(Math.floor(Math.random() * 900) + 100)): string {
  const body = `320582${birth}${serial}`;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body].reduce((s, d, i) => s + Number(d) * weights[i]!, 0);
  return body + "10X98765432"[sum % 11];
}

function assisted(values: Record<string, string>) {
  const parsed = assistedProfileSchema.safeParse({ visibility: "hidden", assistedConsent: "on", ...values });
  if (!parsed.success) throw new Error(JSON.stringify(parsed.error.issues));
  return { ...parsed.data, skills: [], desiredRoles: [], desiredRegionCodes: [], honours: [], certificates: [], jobTypes: [] };
}

/** A county centre's staff member and a file they keep (with the veteran's ID number). */
async function keptFile(tx: Db, name = "周建军", id = nationalId()) {
  const { user: staff } = await createStationStaff(tx, { tier: "county", regionCode: A });
  const file = await saveProfileAssisted(tx, staff, null, assisted({ fullName: name, nationalId: id, phone: "13800009001" }), KEY);
  return { staff, file, id, name };
}

async function newVeteran(tx: Db) {
  const user = await createUser(tx, { role: "veteran" });
  return { id: user.id, role: "veteran" as const };
}

describe("claiming a staff-kept file by ID number and name", () => {
  it("finds it masked, links it on confirmation: the same file, its history kept, audited, no second file", () =>
    withRollback(async (tx) => {
      const { file, id, name } = await keptFile(tx);
      const veteran = await newVeteran(tx);
      const proof = { method: "national_id" as const, nationalId: id, fullName: ` ${name} ` };
      const match = await findClaimableFile(tx, veteran, proof, KEY);
      expect(match).toMatchObject({ fullName: name, phoneMasked: "138****9001", regionLabel: "江苏省 苏州市 张家港市" });
      expect(match!.nationalIdMasked).toBe(`3205**********${id.slice(-4)}`);
      // Finding is not linking.
      expect(await getOwnProfile(tx, veteran, KEY)).toBeNull();

      expect(await decideClaim(tx, veteran, proof, "link", KEY)).toEqual({ linked: true, profileId: file.id });
      const own = await getOwnProfile(tx, veteran, KEY);
      expect(own?.id).toBe(file.id);
      expect(own?.nationalId).toBe(id);
      const files = await tx.select({ id: veteranProfiles.id }).from(veteranProfiles).where(eq(veteranProfiles.userId, veteran.id));
      expect(files).toHaveLength(1);
      // The station's consent records stay with the file, and the veteran's own is added.
      const consents = await tx.select().from(consentRecords).where(eq(consentRecords.veteranProfileId, file.id));
      expect(consents.map((c) => c.value)).toEqual(expect.arrayContaining(["create", "claimed_staff_file"]));
      const [audit] = await tx.select().from(auditLog).where(and(eq(auditLog.subjectId, file.id), eq(auditLog.action, "profile.link")));
      expect(audit).toMatchObject({ actorUserId: veteran.id, detail: expect.objectContaining({ method: "national_id" }) });

      // Linked files are nobody else's to claim, and this account cannot claim a second one.
      const other = await newVeteran(tx);
      expect(await findClaimableFile(tx, other, proof, KEY)).toBeNull();
      const second = await keptFile(tx, "李海涛");
      await expect(findClaimableFile(tx, veteran, { method: "national_id", nationalId: second.id, fullName: "李海涛" }, KEY)).rejects.toMatchObject({
        code: "stations:link.errors.hasOwnFile",
        status: 409,
      });
    }));

  it("a mismatch finds nothing: the right number with another name, another number with the right name", () =>
    withRollback(async (tx) => {
      const { id, name } = await keptFile(tx);
      const veteran = await newVeteran(tx);
      expect(await findClaimableFile(tx, veteran, { method: "national_id", nationalId: id, fullName: "周建国" }, KEY)).toBeNull();
      expect(await findClaimableFile(tx, veteran, { method: "national_id", nationalId: nationalId("19850505"), fullName: name }, KEY)).toBeNull();
      await expect(decideClaim(tx, veteran, { method: "national_id", nationalId: id, fullName: "周建国" }, "link", KEY)).rejects.toMatchObject({ status: 404 });
    }));

  it("refusing leaves the file as it was and is audited", () =>
    withRollback(async (tx) => {
      const { file, id, name } = await keptFile(tx);
      const veteran = await newVeteran(tx);
      expect(await decideClaim(tx, veteran, { method: "national_id", nationalId: id, fullName: name }, "refuse", KEY)).toEqual({ linked: false, profileId: null });
      const [row] = await tx.select().from(veteranProfiles).where(eq(veteranProfiles.id, file.id));
      expect(row!.userId).toBeNull();
      const actions = (await tx.select().from(auditLog).where(eq(auditLog.subjectId, file.id))).map((r) => r.action);
      expect(actions).toContain("profile.link.refuse");
      expect(actions).not.toContain("profile.link");
    }));

  it("files stored before the keyed hash existed are found too", () =>
    withRollback(async (tx) => {
      const id = nationalId("19780808");
      const old = await createVeteranProfile(tx, { fullName: "王晓燕", nationalIdEncrypted: encrypt(id, KEY), nationalIdHash: null });
      const veteran = await newVeteran(tx);
      expect((await findClaimableFile(tx, veteran, { method: "national_id", nationalId: id, fullName: "王晓燕" }, KEY))?.fullName).toBe("王晓燕");
      const [row] = await tx.select().from(veteranProfiles).where(eq(veteranProfiles.id, old.id));
      expect(row!.nationalIdHash).not.toBeNull();
    }));

  it("too many attempts from one account are refused for an hour", () =>
    withRollback(async (tx) => {
      const veteran = await newVeteran(tx);
      for (let i = 0; i < 10; i++) {
        await findClaimableFile(tx, veteran, { method: "national_id", nationalId: nationalId("19900101", String(100 + i)), fullName: "某人" }, KEY);
      }
      await expect(findClaimableFile(tx, veteran, { method: "national_id", nationalId: nationalId(), fullName: "某人" }, KEY)).rejects.toMatchObject({
        retryAfterSeconds: expect.any(Number),
      });
    }));
});

describe("claiming with the station's code", () => {
  it("staff of the file's region issue a one-time code; it links once, then it and other codes are spent", () =>
    withRollback(async (tx) => {
      const { staff, file } = await keptFile(tx, "赵磊");
      const { user: otherStaff } = await createStationStaff(tx, { tier: "county", regionCode: B });
      await expect(issueClaimCode(tx, otherStaff, file.id)).rejects.toMatchObject({ status: 404 });
      const first = await issueClaimCode(tx, staff, file.id);
      const { code } = await issueClaimCode(tx, staff, file.id);
      expect(code).toMatch(/^[2-9A-Z]{4}-[2-9A-Z]{4}$/);
      const stored = await tx.select().from(profileClaimCodes).where(eq(profileClaimCodes.veteranProfileId, file.id));
      expect(stored.map((c) => c.codeHash)).not.toContain(code);
      const veteran = await newVeteran(tx);
      expect((await findClaimableFile(tx, veteran, { method: "code", code: code.toLowerCase().replace("-", "") }, KEY))?.fullName).toBe("赵磊");
      expect((await decideClaim(tx, veteran, { method: "code", code }, "link", KEY)).linked).toBe(true);
      const other = await newVeteran(tx);
      expect(await findClaimableFile(tx, other, { method: "code", code }, KEY)).toBeNull();
      expect(await findClaimableFile(tx, other, { method: "code", code: first.code }, KEY)).toBeNull();
      await expect(issueClaimCode(tx, staff, file.id)).rejects.toMatchObject({ code: "stations:link.errors.alreadyLinked" });
      const audits = (await tx.select().from(auditLog).where(eq(auditLog.subjectId, file.id))).map((r) => r.action);
      expect(audits.filter((a) => a === "profile.claim.issue")).toHaveLength(2);
    }));

  it("an expired code finds nothing", () =>
    withRollback(async (tx) => {
      const { staff, file } = await keptFile(tx, "钱晓梅");
      const { code } = await issueClaimCode(tx, staff, file.id, new Date(Date.now() - 40 * 86_400_000));
      expect(await findClaimableFile(tx, await newVeteran(tx), { method: "code", code }, KEY)).toBeNull();
    }));
});
