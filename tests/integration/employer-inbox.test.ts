import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../db/client";
import { createJobPosting, createOrganization, createUser, createVeteranProfile } from "../../db/factories";
import { applications } from "../../db/schema";
import { applicationCountsByJob, getEmployerInbox } from "../../app/models/application-inbox.server";
import { getTestDb, withRollback } from "../helpers/db";

beforeAll(() => getTestDb());

const DAY = 86_400_000;
const NOW = new Date("2026-12-07T10:00:00Z");

async function apply(tx: Db, jobPostingId: string, input: { name: string; status?: (typeof applications.$inferInsert)["status"]; daysAgo: number; flagged?: boolean }) {
  const profile = await createVeteranProfile(tx, { fullName: input.name });
  const createdAt = new Date(NOW.getTime() - input.daysAgo * DAY);
  const [row] = await tx
    .insert(applications)
    .values({
      jobPostingId,
      veteranProfileId: profile.id,
      status: input.status ?? "applied",
      createdAt,
      flaggedUnansweredAt: input.flagged ? NOW : null,
    })
    .returning({ id: applications.id });
  return row!.id;
}

/** Two organisations with a job each; the first gets applications in several states. */
async function world(tx: Db) {
  const employer = await createUser(tx, { role: "employer" });
  const org = await createOrganization(tx, { ownerUserId: employer.id, verificationStatus: "verified" });
  const driver = await createJobPosting(tx, { organizationId: org.id, title: "仓储叉车司机" });
  const cook = await createJobPosting(tx, { organizationId: org.id, title: "食堂厨师" });
  const other = await createUser(tx, { role: "employer" });
  const otherOrg = await createOrganization(tx, { ownerUserId: other.id, verificationStatus: "verified" });
  const otherJob = await createJobPosting(tx, { organizationId: otherOrg.id, title: "保安" });
  const ids = {
    fresh1: await apply(tx, driver.id, { name: "张新一", daysAgo: 1 }),
    fresh2: await apply(tx, cook.id, { name: "李新二", daysAgo: 3 }),
    overdue: await apply(tx, driver.id, { name: "王超期", daysAgo: 20 }),
    flagged: await apply(tx, cook.id, { name: "赵已标", daysAgo: 10, flagged: true }),
    interview: await apply(tx, driver.id, { name: "钱面试", status: "interview", daysAgo: 30 }),
    withdrawn: await apply(tx, driver.id, { name: "孙撤回", status: "withdrawn", daysAgo: 2 }),
    elsewhere: await apply(tx, otherJob.id, { name: "周别家", daysAgo: 1 }),
  };
  return { employer, other, driver, cook, otherJob, ids };
}

describe("the employer's applications inside the app", () => {
  it("counts each job's applications by status, for the organisation's members only", async () => {
    await withRollback(async (tx) => {
      const w = await world(tx);
      const counts = await applicationCountsByJob(tx, w.employer, [w.driver.id, w.cook.id, w.otherJob.id]);
      expect(counts[w.driver.id]).toMatchObject({ applied: 2, interview: 1, withdrawn: 1, viewed: 0, total: 4 });
      expect(counts[w.cook.id]).toMatchObject({ applied: 2, total: 2 });
      // Another organisation's job is not counted for this employer, and this one's not for the other.
      expect(counts[w.otherJob.id]).toBeUndefined();
      const theirs = await applicationCountsByJob(tx, w.other, [w.driver.id, w.otherJob.id]);
      expect(Object.keys(theirs)).toEqual([w.otherJob.id]);
      expect(await applicationCountsByJob(tx, w.employer, [])).toEqual({});
    });
  });

  it("lists new applications newest first and overdue ones (14 days or flagged) oldest first", async () => {
    await withRollback(async (tx) => {
      const w = await world(tx);
      const inbox = await getEmployerInbox(tx, w.employer, { now: NOW });
      expect(inbox.fresh.map((a) => a.id)).toEqual([w.ids.fresh1, w.ids.fresh2]);
      expect(inbox.freshCount).toBe(2);
      expect(inbox.fresh[0]).toMatchObject({ applicantName: "张新一", jobTitle: "仓储叉车司机", jobPostingId: w.driver.id });
      expect(inbox.overdue.map((a) => a.id)).toEqual([w.ids.overdue, w.ids.flagged]);
      expect(inbox.overdueCount).toBe(2);

      const limited = await getEmployerInbox(tx, w.employer, { now: NOW, limit: 1 });
      expect(limited.fresh).toHaveLength(1);
      expect(limited.freshCount).toBe(2);

      const theirs = await getEmployerInbox(tx, w.other, { now: NOW });
      expect(theirs.fresh.map((a) => a.id)).toEqual([w.ids.elsewhere]);
      expect(theirs.overdueCount).toBe(0);

      const veteran = await createUser(tx, { role: "veteran" });
      expect(await getEmployerInbox(tx, veteran, { now: NOW })).toEqual({ fresh: [], freshCount: 0, overdue: [], overdueCount: 0 });
    });
  });
});
