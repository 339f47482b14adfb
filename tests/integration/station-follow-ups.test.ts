import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { scheduleFollowUps } from "../../app/models/follow-ups.server";
import { countDueFollowUps, listFollowUpsForStaff, recordFollowUpForStaff } from "../../app/models/station-follow-ups.server";
import { createJobPosting, createStationStaff, createVeteranProfile } from "../../db/factories";
import { applications, auditLog } from "../../db/schema";
import { followUps } from "../../db/schema-service";
import { getTestDb, withRollback } from "../helpers/db";

/*
 * Follow-ups after placement (issue 12, item 3), the station's side: tasks at 1, 3 and 6 months appear in the due
 * list of the veteran's region only, staff record the answer once (audited), and another county's staff can neither
 * see nor answer them.
 */

beforeAll(async () => {
  await getTestDb();
});

const DAY = 86_400_000;

describe("follow-ups for the station", () => {
  it("a hire 40 days ago: the 1-month task is due, 3 and 6 are coming up; answering moves it to done", () =>
    withRollback(async (tx) => {
      const { user: staffA } = await createStationStaff(tx, { tier: "county", regionCode: "320582" });
      const { user: staffB } = await createStationStaff(tx, { tier: "county", regionCode: "610102" });
      const file = await createVeteranProfile(tx, { regionCode: "320582100", fullName: "周建军" });
      const job = await createJobPosting(tx, { regionCode: "320582" });
      const [app] = await tx.insert(applications).values({ jobPostingId: job.id, veteranProfileId: file.id, status: "hired" }).returning();
      const now = new Date();
      expect(await scheduleFollowUps(tx, { source: "hire", veteranProfileId: file.id, applicationId: app!.id, placedAt: new Date(now.getTime() - 40 * DAY) })).toBe(3);

      const due = await listFollowUpsForStaff(tx, staffA, { view: "due", now });
      const mine = due.rows.filter((r) => r.veteranProfileId === file.id);
      expect(mine.map((r) => r.month)).toEqual([1]);
      expect(mine[0]).toMatchObject({ fullName: "周建军", source: "hire" });
      expect(mine[0]!.placedWith).not.toBeNull();
      const upcoming = (await listFollowUpsForStaff(tx, staffA, { view: "upcoming", now })).rows.filter((r) => r.veteranProfileId === file.id);
      expect(upcoming.map((r) => r.month)).toEqual([3, 6]);
      expect(await countDueFollowUps(tx, staffA, now)).toBeGreaterThanOrEqual(1);

      // Another county's station sees none of them and cannot answer one.
      expect((await listFollowUpsForStaff(tx, staffB, { view: "due", now })).rows.map((r) => r.id)).not.toContain(mine[0]!.id);
      await expect(recordFollowUpForStaff(tx, staffB, mine[0]!.id, { stillEmployed: false, satisfied: null, needs: "" })).rejects.toMatchObject({ status: 404 });

      await recordFollowUpForStaff(tx, staffA, mine[0]!.id, { stillEmployed: true, satisfied: true, needs: "想考 A2 驾照" }, now);
      const [row] = await tx.select().from(followUps).where(eq(followUps.id, mine[0]!.id));
      expect(row).toMatchObject({ stillEmployed: true, satisfied: true, needs: "想考 A2 驾照", doneByUserId: staffA.id });
      const done = (await listFollowUpsForStaff(tx, staffA, { view: "done", now })).rows.map((r) => r.id);
      expect(done).toContain(mine[0]!.id);
      await expect(recordFollowUpForStaff(tx, staffA, mine[0]!.id, { stillEmployed: false, satisfied: null, needs: "" })).rejects.toMatchObject({ status: 409 });
      const [audit] = await tx.select().from(auditLog).where(eq(auditLog.subjectId, mine[0]!.id));
      expect(audit).toMatchObject({ action: "followup.record", actorUserId: staffA.id });
    }));
});
