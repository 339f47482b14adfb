import { randomBytes } from "node:crypto";
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { organizationProfileSchema } from "../../app/forms/organization";
import { profileSchema } from "../../app/forms/profile";
import { DomainError, NotFoundError } from "../../app/models/errors";
import { getOrganizationLicence, storeOrganizationLicence } from "../../app/models/organization-licence.server";
import { listOrganizationsForReview } from "../../app/models/organization-review.server";
import { updateOrganizationProfile } from "../../app/models/organization.server";
import { getOwnProfile, saveOwnProfile } from "../../app/models/veteran-profile.server";
import { getProfileForStaff, setVeteranStatusVerified } from "../../app/models/veteran-profile-staff.server";
import { completeCreditCode } from "../../app/utils/credit-code";
import type { Db } from "../../db/client";
import { createOrganization, createUser } from "../../db/factories";
import { auditLog, organizations, veteranProfiles } from "../../db/schema";
import { getTestDb, withRollback } from "../helpers/db";

const KEY = randomBytes(32).toString("base64");
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
const PDF = new TextEncoder().encode("%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF\n");
let storageDir = "";

beforeAll(async () => {
  await getTestDb(); // a cold PGlite start belongs to the hook's budget, not the first test's
  storageDir = await mkdtemp(path.join(tmpdir(), "rongye-licence-"));
});
afterAll(async () => {
  await rm(storageDir, { recursive: true, force: true });
});

function creditCode(): string {
  // 9 = enterprise, 1 = company, region 320582 (张家港), 9 random organisation-code characters.
  const alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
  const random = Array.from(randomBytes(9), (b) => alphabet[b % 31]).join("");
  return completeCreditCode(`91320582${random}`);
}

function orgInput(values: Record<string, string>) {
  const parsed = organizationProfileSchema.safeParse(values);
  if (!parsed.success) throw new Error(JSON.stringify(parsed.error.issues));
  return parsed.data;
}

async function audits(tx: Db, subjectId: string, action: string) {
  return tx.select().from(auditLog).where(and(eq(auditLog.subjectId, subjectId), eq(auditLog.action, action)));
}

describe("organisation credit code", () => {
  it("the form accepts a valid code in lower case and rejects a wrong check character with a translated key", () => {
    const code = creditCode();
    expect(orgInput({ name: "港城物流", creditCode: code.toLowerCase() }).creditCode).toBe(code);
    const wrongCheck = code.slice(0, 17) + (code[17] === "0" ? "1" : "0");
    const bad = organizationProfileSchema.safeParse({ name: "港城物流", creditCode: wrongCheck });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.message).toBe("staff:errors.creditCodeChecksum");
    expect(organizationProfileSchema.safeParse({ name: "港城物流", creditCode: "123" }).error?.issues[0]?.message).toBe("staff:errors.creditCodeLength");
  });

  it("is stored, shown to staff beside the request with its checksum state, unique, and changing it sends a verified org back", () =>
    withRollback(async (tx) => {
      const owner = await createUser(tx, { role: "employer" });
      const staff = await createUser(tx, { role: "staff" });
      const org = await createOrganization(tx, { ownerUserId: owner.id, verificationStatus: "pending", name: "港城物流有限公司" });
      const code = creditCode();
      await updateOrganizationProfile(tx, owner, org.id, orgInput({ name: "港城物流有限公司", creditCode: code }));
      const queue = await listOrganizationsForReview(tx, staff, { status: "pending", pageSize: 100 });
      const item = queue.items.find((i) => i.id === org.id);
      expect(item).toMatchObject({ creditCode: code, creditCodeValid: true, licence: null });

      // Saving without the field keeps the stored code.
      await updateOrganizationProfile(tx, owner, org.id, orgInput({ name: "港城物流有限公司" }));
      const [kept] = await tx.select().from(organizations).where(eq(organizations.id, org.id));
      expect(kept!.creditCode).toBe(code);

      // Another organisation cannot claim the same code.
      const otherOwner = await createUser(tx, { role: "employer" });
      const other = await createOrganization(tx, { ownerUserId: otherOwner.id });
      await expect(updateOrganizationProfile(tx, otherOwner, other.id, orgInput({ name: "另一家公司", creditCode: code }))).rejects.toSatisfy(
        (e: unknown) => e instanceof DomainError && e.code === "staff:errors.creditCodeTaken",
      );

      // A verified organisation that changes its code goes back to review.
      await tx.update(organizations).set({ verificationStatus: "verified" }).where(eq(organizations.id, org.id));
      const result = await updateOrganizationProfile(tx, owner, org.id, orgInput({ name: "港城物流有限公司", creditCode: creditCode() }));
      expect(result.needsReview).toBe(true);
    }));
});

describe("business licence upload", () => {
  it("members upload a PDF or image checked by content; members and staff read it (staff audited); others get 404", () =>
    withRollback(async (tx) => {
      const owner = await createUser(tx, { role: "employer" });
      const staff = await createUser(tx, { role: "staff" });
      const stranger = await createUser(tx, { role: "employer" });
      const org = await createOrganization(tx, { ownerUserId: owner.id });
      const dir = path.join(storageDir, org.id);

      await expect(
        storeOrganizationLicence(tx, owner, org.id, { filename: "licence.pdf", bytes: new TextEncoder().encode("not a pdf") }, { storageDir: dir }),
      ).rejects.toSatisfy((e: unknown) => e instanceof DomainError && e.code === "staff:errors.licenceType");
      await expect(storeOrganizationLicence(tx, stranger, org.id, { filename: "x.pdf", bytes: PDF }, { storageDir: dir })).rejects.toThrow();

      await storeOrganizationLicence(tx, owner, org.id, { filename: "营业执照.png", bytes: PNG }, { storageDir: dir });
      // Replacing it removes the old file.
      await storeOrganizationLicence(tx, owner, org.id, { filename: "营业执照.pdf", bytes: PDF }, { storageDir: dir });
      expect(await readdir(dir)).toHaveLength(1);

      const mine = await getOrganizationLicence(tx, owner, org.id, { storageDir: dir });
      expect(mine).toMatchObject({ mime: "application/pdf", filename: "营业执照.pdf" });
      expect(new Uint8Array(mine.bytes)).toEqual(PDF);
      const forStaff = await getOrganizationLicence(tx, staff, org.id, { storageDir: dir });
      expect(forStaff.mime).toBe("application/pdf");
      expect(await audits(tx, org.id, "organization.licence.read")).toHaveLength(1);
      await expect(getOrganizationLicence(tx, stranger, org.id, { storageDir: dir })).rejects.toBeInstanceOf(NotFoundError);

      const queue = await listOrganizationsForReview(tx, staff, { status: org.verificationStatus, pageSize: 100 });
      expect(queue.items.find((i) => i.id === org.id)?.licence).toMatchObject({ filename: "营业执照.pdf", mime: "application/pdf" });
      expect(await audits(tx, org.id, "organization.licence.upload")).toHaveLength(2);
    }));
});

describe("veteran status against the 优待证", () => {
  function profileInput(values: Record<string, string>) {
    const parsed = profileSchema.safeParse({ visibility: "hidden", ...values });
    if (!parsed.success) throw new Error(JSON.stringify(parsed.error.issues));
    return parsed.data;
  }

  it("stores the card number encrypted, masks it for staff, lets staff verify, and a new number clears the check", () =>
    withRollback(async (tx) => {
      const user = await createUser(tx, { role: "veteran" });
      const me = { id: user.id, role: "veteran" as const, email: user.email };
      const staff = await createUser(tx, { role: "staff" });
      const saved = await saveOwnProfile(tx, me, profileInput({ fullName: "陈志强", preferentialCard: "yd3205 8200 1234" }), KEY);
      expect(saved.preferentialCard).toBe("YD32058200" + "1234");
      const [row] = await tx.select().from(veteranProfiles).where(eq(veteranProfiles.id, saved.id));
      expect(row!.preferentialCardEncrypted).toBeTruthy();
      expect(row!.preferentialCardEncrypted).not.toContain("1234");

      const seen = await getProfileForStaff(tx, staff, saved.id, KEY);
      expect(seen.preferentialCard).toBe("YD32******1234");

      await setVeteranStatusVerified(tx, staff, saved.id, true);
      expect((await getOwnProfile(tx, me, KEY))?.veteranStatusVerifiedAt).toBeInstanceOf(Date);
      expect(await audits(tx, saved.id, "profile.card.verify")).toHaveLength(1);

      // Saving again with the same number (or none) keeps the check; a different number clears it.
      await saveOwnProfile(tx, me, profileInput({ fullName: "陈志强", preferentialCard: "YD320582001234" }), KEY);
      await saveOwnProfile(tx, me, profileInput({ fullName: "陈志强" }), KEY);
      expect((await getOwnProfile(tx, me, KEY))?.veteranStatusVerifiedAt).toBeInstanceOf(Date);
      await saveOwnProfile(tx, me, profileInput({ fullName: "陈志强", preferentialCard: "YD320582009999" }), KEY);
      expect((await getOwnProfile(tx, me, KEY))?.veteranStatusVerifiedAt).toBeNull();

      // Veterans cannot verify themselves; a file without a card cannot be verified.
      await expect(setVeteranStatusVerified(tx, me, saved.id, true)).rejects.toThrow();
      const otherUser = await createUser(tx, { role: "veteran" });
      const other = await saveOwnProfile(tx, { id: otherUser.id, role: "veteran" as const }, profileInput({ fullName: "王磊" }), KEY);
      await expect(setVeteranStatusVerified(tx, staff, other.id, true)).rejects.toSatisfy(
        (e: unknown) => e instanceof DomainError && e.code === "profile:errors.preferentialCardMissing",
      );
    }));

  it("rejects a card number with other characters", () => {
    const bad = profileSchema.safeParse({ fullName: "陈志强", visibility: "hidden", preferentialCard: "卡号#1" });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues.map((i) => i.message)).toContain("profile:errors.preferentialCardFormat");
  });
});
