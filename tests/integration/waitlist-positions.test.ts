import { beforeAll, describe, expect, it } from "vitest";
import { enrol, waitlistPosition } from "../../app/models/training-enrolment.server";
import { getTrainingSlotPage, listOrganizationTrainingSlots } from "../../app/models/training-slot.server";
import type { Db } from "../../db/client";
import { createOrganization, createTrainingSlot, createUser, createVeteranProfile } from "../../db/factories";
import { getTestDb, withRollback } from "../helpers/db";

const ctx = { publicUrl: "http://rongye.test" };

async function veteran(tx: Db, name: string) {
  const user = await createUser(tx, { role: "veteran", displayName: name });
  await createVeteranProfile(tx, { userId: user.id, fullName: name });
  return user;
}

// Open (and migrate) the shared test database in the hook, not inside the first test's time budget.
beforeAll(() => getTestDb());

describe("waitlist positions and counts", () => {
  it("count only the entries of the same slot, with other slots' waitlists full", async () => {
    await withRollback(async (tx) => {
      const owner = await createUser(tx, { role: "employer" });
      const org = await createOrganization(tx, { ownerUserId: owner.id, kind: "training_provider", verificationStatus: "verified" });
      const busy = await createTrainingSlot(tx, { capacity: 1, organizationId: org.id });
      const quiet = await createTrainingSlot(tx, { capacity: 1, organizationId: org.id });
      // the busy slot: one seat, then three on its waitlist, all joining before anyone on the quiet slot
      for (const name of ["甲", "乙", "丙", "丁"]) await enrol(tx, await veteran(tx, name), busy.id, ctx);
      await enrol(tx, await veteran(tx, "戊"), quiet.id, ctx);
      const firstWaiting = await veteran(tx, "己");
      const result = await enrol(tx, firstWaiting, quiet.id, ctx);

      expect(result).toMatchObject({ status: "waitlisted", position: 1 });
      expect(await waitlistPosition(tx, result.enrollmentId)).toBe(1);
      const page = await getTrainingSlotPage(tx, quiet.id, firstWaiting);
      expect(page.viewer).toMatchObject({ kind: "veteran", enrollment: { status: "waitlisted", position: 1 } });
      expect(page.slot.waitlisted).toBe(1);

      const listed = await listOrganizationTrainingSlots(tx, owner, org.id);
      const counts = Object.fromEntries(listed.map((s) => [s.id, Number(s.waitlisted)]));
      expect(counts).toEqual({ [busy.id]: 3, [quiet.id]: 1 });
    });
  });
});
