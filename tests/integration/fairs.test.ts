import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { fairFormSchema } from "../../app/forms/fairs";
import { ForbiddenError, NotFoundError } from "../../app/models/errors";
import {
  canHostFairs,
  closeFair,
  createFair,
  getFair,
  grantHost,
  listFairs,
  listHostedFairs,
  publishFair,
  revokeHost,
} from "../../app/models/fairs.server";
import type { Db } from "../../db/client";
import { createOrganization, createUser } from "../../db/factories";
import { ensureRegions } from "../../db/regions";
import { auditLog } from "../../db/schema";
import { fairEvents, jobFairs } from "../../db/schema-fairs";
import { getTestDb, withRollback } from "../helpers/db";

// the shared database is created and migrated once, under the hook timeout rather than a test's
beforeAll(async () => {
  await getTestDb();
});

function formValue(over: Record<string, string> = {}) {
  const parsed = fairFormSchema.safeParse({
    title: "张家港市退役军人专场招聘会",
    description: "线上线下同步",
    mode: "hybrid",
    venue: "张家港市人力资源市场",
    regionCode: "320582",
    startsAt: "2030-03-01T09:00",
    endsAt: "2030-03-02T16:00",
    eligibleRegionCodes: "320500",
    allowFamily: "on",
    boothLimit: "30",
    slotMinutes: "15",
    ...over,
  });
  if (!parsed.success) throw new Error(JSON.stringify(parsed.error.issues));
  return parsed.data;
}

async function employerWithOrg(tx: Db) {
  const user = await createUser(tx, { role: "employer" });
  const org = await createOrganization(tx, { ownerUserId: user.id, verificationStatus: "verified" });
  return { user, org };
}

describe("fair form", () => {
  it("reads Beijing time, region lists and the family switch", () => {
    const v = formValue();
    expect(v.startsAt.toISOString()).toBe("2030-03-01T01:00:00.000Z");
    expect(v.eligibleRegionCodes).toEqual(["320500"]);
    expect(v.allowFamily).toBe(true);
  });
  it("refuses an end before the start and an on-site fair without a venue", () => {
    const bad = fairFormSchema.safeParse({ title: "一场招聘会", mode: "on_site", startsAt: "2030-03-02T09:00", endsAt: "2030-03-01T09:00", boothLimit: "5", slotMinutes: "15" });
    expect(bad.success).toBe(false);
    const messages = bad.success ? [] : bad.error.issues.map((i) => i.message);
    expect(messages).toContain("fairs:errors.endBeforeStart");
    expect(messages).toContain("fairs:errors.venue");
  });
});

describe("hosting fairs", () => {
  it("staff create a draft only hosts see, publish it, and close it", async () => {
    await withRollback(async (tx) => {
      await ensureRegions(tx, ["320582", "320500"]);
      const staff = await createUser(tx, { role: "staff" });
      await expect(createFair(tx, staff, formValue({ eligibleRegionCodes: "999999" }))).rejects.toMatchObject({ code: "fairs:errors.unknownRegion" });
      const fair = await createFair(tx, staff, formValue());
      expect(fair.status).toBe("draft");
      expect(fair.mode).toBe("hybrid");
      await expect(getFair(tx, fair.id, null)).rejects.toBeInstanceOf(NotFoundError);
      const veteran = await createUser(tx, { role: "veteran" });
      await expect(getFair(tx, fair.id, veteran)).rejects.toBeInstanceOf(NotFoundError);
      expect((await getFair(tx, fair.id, staff)).canManage).toBe(true);
      await publishFair(tx, staff, fair.id);
      const page = await getFair(tx, fair.id, null);
      expect(page.fair.status).toBe("published");
      expect(page.canManage).toBe(false);
      const list = await listFairs(tx, { page: 1, when: "upcoming" });
      expect(list.fairs.map((f) => f.id)).toContain(fair.id);
      const events = await tx.select().from(fairEvents).where(eq(fairEvents.fairId, fair.id));
      expect(events.map((e) => e.kind)).toEqual(["fair"]);
      await closeFair(tx, staff, fair.id);
      const past = await listFairs(tx, { page: 1, when: "past" });
      expect(past.fairs.map((f) => f.id)).toContain(fair.id);
      const audits = await tx.select().from(auditLog).where(eq(auditLog.subjectId, fair.id));
      expect(audits.map((a) => a.action).sort()).toEqual(["fair.close", "fair.create", "fair.publish"]);
    });
  });

  it("an employer hosts only after an admin grants its organisation host rights", async () => {
    await withRollback(async (tx) => {
      await ensureRegions(tx, ["320582", "320500"]);
      const { user, org } = await employerWithOrg(tx);
      const admin = await createUser(tx, { role: "admin" });
      const staff = await createUser(tx, { role: "staff" });
      expect(await canHostFairs(tx, user)).toBe(false);
      await expect(createFair(tx, user, formValue())).rejects.toBeInstanceOf(ForbiddenError);
      await expect(grantHost(tx, staff, org.id)).rejects.toBeInstanceOf(ForbiddenError);

      await grantHost(tx, admin, org.id);
      expect(await canHostFairs(tx, user)).toBe(true);
      const fair = await createFair(tx, user, formValue());
      expect(fair.organizerId).toBe(org.id);
      expect((await listHostedFairs(tx, user)).map((f) => f.id)).toEqual([fair.id]);

      // another employer cannot manage it
      const other = await employerWithOrg(tx);
      await expect(publishFair(tx, other.user, fair.id)).rejects.toBeInstanceOf(ForbiddenError);

      await revokeHost(tx, admin, org.id);
      await expect(publishFair(tx, user, fair.id)).rejects.toBeInstanceOf(ForbiddenError);
      const [row] = await tx.select().from(jobFairs).where(eq(jobFairs.id, fair.id));
      expect(row!.status).toBe("draft");
    });
  });

  it("a malformed fair id is a 404, not a database error", async () => {
    await withRollback(async (tx) => {
      await expect(getFair(tx, "xyz", null)).rejects.toBeInstanceOf(NotFoundError);
    });
  });
});
