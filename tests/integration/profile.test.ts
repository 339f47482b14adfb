import { mkdtemp, writeFile, access } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { Db } from "../../db/client";
import {
  applicationEvents,
  applications,
  auditLog,
  consentRecords,
  contactRequests,
  emailOutbox,
  regions,
  savedSearches,
  searchOutbox,
  trainingEnrollments,
  trainingSlots,
  users,
  veteranProfiles,
} from "../../db/schema";
import { createJobPosting, createOrganization, createTrainingSlot, createUser, createVeteranProfile, DEFAULT_TEST_PASSWORD } from "../../db/factories";
import { enqueueEmail } from "../../emails/outbox";
import { CONSENT_TEXT_VERSION, profileSchema, type ProfileFormValue } from "../../app/forms/profile";
import { deleteMyAccount, exportMyData } from "../../app/models/data-rights.server";
import { getOwnProfile, saveOwnProfile } from "../../app/models/veteran-profile.server";
import {
  getProfileForStaff,
  saveProfileAssisted,
  searchVeteransForStaff,
} from "../../app/models/veteran-profile-staff.server";
import { profileFormState } from "../../app/models/profile-form.server";
import { DomainError, ForbiddenError, NotFoundError } from "../../app/models/errors";
import { decrypt } from "../../app/utils/crypto.server";
import { withRollback } from "../helpers/db";

const KEY = randomBytes(32).toString("base64");
const NATIONAL_ID = "320582199001011236";

async function ensureRegion(tx: Db) {
  await tx
    .insert(regions)
    .values([
      { code: "320000", name: "江苏省", level: 1, parentCode: null },
      { code: "320500", name: "苏州市", level: 2, parentCode: "320000" },
      { code: "320582", name: "张家港市", level: 3, parentCode: "320500" },
    ])
    .onConflictDoNothing();
}

function input(values: Record<string, string | string[]>): ProfileFormValue {
  const fd = new FormData();
  for (const [k, v] of Object.entries(values)) for (const item of Array.isArray(v) ? v : [v]) fd.append(k, item);
  const parsed = profileSchema.safeParse(Object.fromEntries([...new Set(fd.keys())].map((k) => {
    const all = fd.getAll(k);
    return [k, ["skills", "desiredRoles", "desiredRegionCodes", "jobTypes"].includes(k) ? all : all[0]];
  })));
  if (!parsed.success) throw new Error(JSON.stringify(parsed.error.issues));
  return parsed.data;
}

async function veteran(tx: Db) {
  const user = await createUser(tx, { role: "veteran" });
  return { id: user.id, role: "veteran" as const, email: user.email };
}

describe("own profile", () => {
  it("creates from a name and a specialty alone, accepting the translator's suggestions", () =>
    withRollback(async (tx) => {
      const me = await veteran(tx);
      // What the "suggest" round trip offers for 汽车驾驶员: the best match's skills and roles, ticked.
      const state = await profileFormState(tx, { skills: [], desiredRoles: [], desiredRegionCodes: [], specialty: "汽车驾驶员" }, {}, { suggest: true });
      expect(state.selectedSkills).toContain("driving");
      expect(state.selectedRoles).toContain("货车司机");
      const saved = await saveOwnProfile(
        tx,
        me,
        input({ fullName: "陈志强", specialty: "汽车驾驶员", skills: state.selectedSkills, desiredRoles: state.selectedRoles }),
        KEY,
      );
      expect(saved.skills).toEqual(state.selectedSkills);
      expect(saved.desiredRoles.length).toBeGreaterThan(0);
      expect(saved.userId).toBe(me.id);
      expect(saved.visibility).toBe("hidden");
      const sync = await tx.select().from(searchOutbox).where(eq(searchOutbox.documentId, saved.id));
      expect(sync).toHaveLength(1);
      expect(sync[0]).toMatchObject({ indexName: "veteran_profiles", op: "upsert" });
      expect(saved.completeness.missing).toContain("contact");
    }));

  it("stores skill ids, normalising typed names and keeping unknown free text", () =>
    withRollback(async (tx) => {
      const me = await veteran(tx);
      const saved = await saveOwnProfile(tx, me, input({ fullName: "李", skills: ["driving", "叉车"], extraSkills: "驾驶、无人机航拍理论研究" }), KEY);
      expect(saved.skills[0]).toBe("driving");
      expect(saved.skills).toContain("无人机航拍理论研究");
      expect(saved.skills.filter((s) => s === "driving")).toHaveLength(1);
    }));

  it("updates the same file, and records consent with its text version when it becomes visible", () =>
    withRollback(async (tx) => {
      await ensureRegion(tx);
      const me = await veteran(tx);
      const first = await saveOwnProfile(tx, me, input({ fullName: "陈志强" }), KEY);
      await expect(saveOwnProfile(tx, me, input({ fullName: "陈志强", visibility: "public" }), KEY)).rejects.toMatchObject({
        code: "profile:errors.consentRequired",
        field: "consent",
      });
      const second = await saveOwnProfile(
        tx,
        me,
        input({ fullName: "陈志强", visibility: "verified_employers", consent: "on", regionCode: "320582", desiredRegionCodes: ["320582"] }),
        KEY,
      );
      expect(second.id).toBe(first.id);
      expect(second.consentVersion).toBe(CONSENT_TEXT_VERSION);
      expect(second.consentAt).toBeInstanceOf(Date);
      const consents = await tx.select().from(consentRecords).where(eq(consentRecords.veteranProfileId, first.id));
      expect(consents).toHaveLength(1);
      expect(consents[0]).toMatchObject({ kind: "visibility", value: "verified_employers", textVersion: CONSENT_TEXT_VERSION, recordedByUserId: me.id });
      // Saving again with the same visibility needs no new tick; going hidden is recorded too.
      await saveOwnProfile(tx, me, input({ fullName: "陈志强", visibility: "verified_employers" }), KEY);
      await saveOwnProfile(tx, me, input({ fullName: "陈志强", visibility: "hidden" }), KEY);
      const after = await tx.select().from(consentRecords).where(eq(consentRecords.veteranProfileId, first.id));
      expect(after.map((c) => c.value)).toEqual(["verified_employers", "hidden"]);
      const rows = await tx.select().from(veteranProfiles).where(eq(veteranProfiles.userId, me.id));
      expect(rows).toHaveLength(1);
    }));

  it("rejects unknown regions", () =>
    withRollback(async (tx) => {
      const me = await veteran(tx);
      await expect(saveOwnProfile(tx, me, input({ fullName: "陈", regionCode: "999999" }), KEY)).rejects.toMatchObject({ code: "errors.regionUnknown" });
    }));

  it("encrypts the national ID at rest, shows it in full to its owner and masked to staff", () =>
    withRollback(async (tx) => {
      const me = await veteran(tx);
      const saved = await saveOwnProfile(tx, me, input({ fullName: "陈志强", nationalId: NATIONAL_ID }), KEY);
      const [raw] = await tx.select().from(veteranProfiles).where(eq(veteranProfiles.id, saved.id));
      expect(raw.nationalIdEncrypted).not.toContain(NATIONAL_ID);
      expect(decrypt(raw.nationalIdEncrypted!, KEY)).toBe(NATIONAL_ID);
      expect(saved.nationalId).toBe(NATIONAL_ID);
      expect((await getOwnProfile(tx, me, KEY))?.nationalId).toBe(NATIONAL_ID);
      const staff = await createUser(tx, { role: "staff" });
      const seen = await getProfileForStaff(tx, { id: staff.id, role: "staff" }, saved.id, KEY);
      expect(seen.nationalId).toBe("3205**********1236");
      expect(seen.nationalIdMasked).toBe(true);
      // Saving without the field keeps the stored number.
      await saveOwnProfile(tx, me, input({ fullName: "陈志强" }), KEY);
      expect((await getOwnProfile(tx, me, KEY))?.nationalId).toBe(NATIONAL_ID);
    }));

  it("only veterans have an own profile", () =>
    withRollback(async (tx) => {
      const employer = await createUser(tx, { role: "employer" });
      await expect(getOwnProfile(tx, { id: employer.id, role: "employer" }, KEY)).rejects.toBeInstanceOf(ForbiddenError);
      await expect(saveOwnProfile(tx, { id: employer.id, role: "employer" }, input({ fullName: "x" }), KEY)).rejects.toBeInstanceOf(ForbiddenError);
    }));
});

describe("assisted mode (service-station staff)", () => {
  it("creates and updates a file with the veteran's consent recorded and every read audited", () =>
    withRollback(async (tx) => {
      const staffUser = await createUser(tx, { role: "staff" });
      const staff = { id: staffUser.id, role: "staff" as const };
      await expect(saveProfileAssisted(tx, staff, null, input({ fullName: "赵磊" }), KEY)).rejects.toMatchObject({ code: "profile:errors.assistedConsent" });
      const created = await saveProfileAssisted(tx, staff, null, { ...input({ fullName: "赵磊", phone: "13800001111", specialty: "炊事员" }), assistedConsent: "on" }, KEY);
      expect(created.createdByStaffUserId).toBe(staff.id);
      expect(created.userId).toBeNull();
      const updated = await saveProfileAssisted(tx, staff, created.id, { ...input({ fullName: "赵磊", phone: "13800001112" }), assistedConsent: "on" }, KEY);
      expect(updated.id).toBe(created.id);
      expect(updated.phone).toBe("13800001112");
      const consents = await tx.select().from(consentRecords).where(eq(consentRecords.veteranProfileId, created.id));
      expect(consents.map((c) => [c.kind, c.value, c.recordedByUserId])).toEqual([
        ["assisted_service", "create", staff.id],
        ["assisted_service", "update", staff.id],
      ]);
      await getProfileForStaff(tx, staff, created.id, KEY);
      const audits = await tx.select().from(auditLog).where(and(eq(auditLog.subjectId, created.id), eq(auditLog.actorUserId, staff.id)));
      expect(audits.map((a) => a.action).sort()).toEqual(["profile.create", "profile.read", "profile.update"]);
      expect(await tx.select().from(searchOutbox).where(eq(searchOutbox.documentId, created.id))).toHaveLength(2);
    }));

  it("searches by name, phone and region prefix with pages; only staff may", () =>
    withRollback(async (tx) => {
      const staffUser = await createUser(tx, { role: "staff" });
      const staff = { id: staffUser.id, role: "staff" as const };
      const tag = randomBytes(3).toString("hex");
      for (let i = 0; i < 3; i++) await createVeteranProfile(tx, { fullName: `搜索${tag}${i}`, phone: `1390000${tag.length}${i}00`.slice(0, 11), regionCode: "320582" });
      const byName = await searchVeteransForStaff(tx, staff, { q: `搜索${tag}`, pageSize: 2 });
      expect(byName.total).toBe(3);
      expect(byName.rows).toHaveLength(2);
      expect(byName.pageCount).toBe(2);
      const page2 = await searchVeteransForStaff(tx, staff, { q: `搜索${tag}`, pageSize: 2, page: 2 });
      expect(page2.rows).toHaveLength(1);
      const byRegion = await searchVeteransForStaff(tx, staff, { q: `搜索${tag}`, region: "3205" });
      expect(byRegion.total).toBe(3);
      const elsewhere = await searchVeteransForStaff(tx, staff, { q: `搜索${tag}`, region: "11" });
      expect(elsewhere.total).toBe(0);
      const vet = await veteran(tx);
      await expect(searchVeteransForStaff(tx, vet, {})).rejects.toBeInstanceOf(ForbiddenError);
      await expect(getProfileForStaff(tx, vet, byName.rows[0].id, KEY)).rejects.toBeInstanceOf(ForbiddenError);
    }));
});

describe("data rights", () => {
  it("exports everything held about the veteran, with the national ID decrypted", () =>
    withRollback(async (tx) => {
      const me = await veteran(tx);
      const profile = await saveOwnProfile(tx, me, input({ fullName: "陈志强", nationalId: NATIONAL_ID }), KEY);
      const job = await createJobPosting(tx);
      const [app] = await tx.insert(applications).values({ jobPostingId: job.id, veteranProfileId: profile.id, coverNote: "我会开大车" }).returning();
      await tx.insert(applicationEvents).values({ applicationId: app.id, status: "applied", actorUserId: me.id });
      const slot = await createTrainingSlot(tx);
      await tx.insert(trainingEnrollments).values({ trainingSlotId: slot.id, veteranProfileId: profile.id, status: "enrolled" });
      const org = await createOrganization(tx, { kind: "employer", verificationStatus: "verified" });
      await tx.insert(contactRequests).values({ organizationId: org.id, veteranProfileId: profile.id, message: "想联系您" });
      await tx.insert(savedSearches).values({ userId: me.id, name: "张家港司机", query: { q: "司机" }, unsubscribeToken: randomBytes(8).toString("hex") });
      const data = await exportMyData(tx, me, KEY);
      expect(data.account.email).toBe(me.email);
      expect(data.profile?.nationalId).toBe(NATIONAL_ID);
      expect(data.profile).not.toHaveProperty("nationalIdEncrypted");
      expect(data.applications).toMatchObject([{ coverNote: "我会开大车", events: [{ status: "applied" }] }]);
      expect(data.trainingEnrollments).toMatchObject([{ status: "enrolled", trainingSlotId: slot.id }]);
      expect(data.contactRequests).toMatchObject([{ message: "想联系您", status: "pending" }]);
      expect(data.savedSearches).toMatchObject([{ name: "张家港司机" }]);
      expect(JSON.parse(JSON.stringify(data)).profile.fullName).toBe("陈志强");
    }));

  it("deletes the account after the password: profile, applications, CV files, pending mail, and queues search removal", () =>
    withRollback(async (tx) => {
      const me = await veteran(tx);
      const profile = await saveOwnProfile(tx, me, input({ fullName: "陈志强", contactEmail: "other-address@example.com" }), KEY);
      const dir = await mkdtemp(path.join(tmpdir(), "rongye-cv-"));
      await writeFile(path.join(dir, "cv.pdf"), "%PDF-1.4");
      const job = await createJobPosting(tx);
      const [app] = await tx.insert(applications).values({ jobPostingId: job.id, veteranProfileId: profile.id, coverNote: "note", cvPath: "cv.pdf" }).returning();
      const slot = await createTrainingSlot(tx, { capacity: 5, seatsTaken: 1 });
      await tx.insert(trainingEnrollments).values({ trainingSlotId: slot.id, veteranProfileId: profile.id, status: "enrolled" });
      const props = { name: "陈志强", role: "veteran" as const, dashboardUrl: "https://rongye.example/dashboard" };
      await enqueueEmail(tx, { template: "welcome", to: me.email, locale: "zh-CN", userId: me.id, idempotencyKey: `t1-${me.id}`, props });
      await enqueueEmail(tx, { template: "welcome", to: "other-address@example.com", locale: "zh-CN", idempotencyKey: `t2-${me.id}`, props });
      await enqueueEmail(tx, { template: "welcome", to: "someone-else@example.com", locale: "zh-CN", idempotencyKey: `t3-${me.id}`, props });

      await expect(deleteMyAccount(tx, me, "wrong-password-1")).rejects.toMatchObject({ code: "errors.badCredentials" });
      expect(await tx.select().from(veteranProfiles).where(eq(veteranProfiles.id, profile.id))).toHaveLength(1);

      const result = await deleteMyAccount(tx, me, DEFAULT_TEST_PASSWORD, { uploadRoot: dir });
      expect(result).toEqual({ profileDeleted: true, cvFilesRemoved: 1, pendingMailRemoved: 2 });
      await expect(access(path.join(dir, "cv.pdf"))).rejects.toThrow();
      expect(await tx.select().from(veteranProfiles).where(eq(veteranProfiles.id, profile.id))).toHaveLength(0);
      expect(await tx.select().from(applications).where(eq(applications.id, app.id))).toHaveLength(0);
      expect(await tx.select().from(users).where(eq(users.id, me.id))).toHaveLength(0);
      const mail = await tx.select().from(emailOutbox).where(eq(emailOutbox.idempotencyKey, `t3-${me.id}`));
      expect(mail).toHaveLength(1);
      expect(await tx.select().from(emailOutbox).where(eq(emailOutbox.idempotencyKey, `t2-${me.id}`))).toHaveLength(0);
      const removal = await tx.select().from(searchOutbox).where(and(eq(searchOutbox.documentId, profile.id), eq(searchOutbox.op, "delete")));
      expect(removal).toHaveLength(1);
      const [seats] = await tx.select({ taken: trainingSlots.seatsTaken }).from(trainingSlots).where(eq(trainingSlots.id, slot.id));
      expect(seats.taken).toBe(0);
    }));
});

describe("errors are domain errors", () => {
  it("NotFound for staff reading a file that does not exist", () =>
    withRollback(async (tx) => {
      const staffUser = await createUser(tx, { role: "staff" });
      await expect(getProfileForStaff(tx, { id: staffUser.id, role: "staff" }, "00000000-0000-4000-8000-000000000000", KEY)).rejects.toBeInstanceOf(NotFoundError);
      expect(new NotFoundError()).toBeInstanceOf(DomainError);
    }));
});
