import { describe, expect, it } from "vitest";
import { and, count, eq, inArray, like, ne, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { queryRows } from "../../db/client";
import { regionAncestorCodes } from "../../db/regions";
import {
  jobPostings,
  memberships,
  organizations,
  regions,
  searchOutbox,
  trainingSlots,
  users,
  veteranProfiles,
} from "../../db/schema";
import { fairBooths, fairRepresentatives, fairSlots, jobFairs } from "../../db/schema-fairs";
import { DEMO_LIVE_FAIR_TITLE } from "../../db/demo/live-fair";
import { fairFigures, isFairOpen } from "../../app/models/fairs.server";
import {
  createJobFair,
  createJobPosting,
  createOrganization,
  createTrainingSlot,
  createUser,
  createVeteranProfile,
  DEFAULT_TEST_PASSWORD,
} from "../../db/factories";
import { DEMO_ACCOUNTS, DEMO_PASSWORD, seed } from "../../db/seed";
import { verifyPassword } from "../../app/utils/password.server";
import { withRollback } from "../helpers/db";
import { incubatorPackages } from "../../db/incubator-schema";
import { getFounderApplication, listParkApplications } from "../../app/models/incubator-application.server";

const TABLES = { users, organizations, memberships, veteranProfiles, jobPostings, trainingSlots, jobFairs, searchOutbox, regions };

async function tableCounts(db: Db): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const [name, table] of Object.entries(TABLES)) {
    const [row] = await db.select({ n: count() }).from(table);
    out[name] = Number(row!.n);
  }
  return out;
}

describe("seed", () => {
  it("creates the demo data once: a second run changes nothing", async () => {
    await withRollback(async (tx) => {
      const first = await seed(tx, { towns: false });
      expect(first.created).toBe(true);
      const after = await tableCounts(tx);
      expect(after.organizations).toBeGreaterThanOrEqual(20);
      expect(after.veteranProfiles).toBeGreaterThanOrEqual(25);
      expect(after.trainingSlots).toBeGreaterThanOrEqual(8);
      expect(after.jobFairs).toBeGreaterThanOrEqual(4);
      const [published] = await tx.select({ n: count() }).from(jobPostings).where(eq(jobPostings.status, "published"));
      expect(Number(published!.n)).toBeGreaterThanOrEqual(40);

      const second = await seed(tx, { towns: false });
      expect(second.created).toBe(false);
      expect(second.accounts).toEqual(first.accounts);
      expect(await tableCounts(tx)).toEqual(after);
    });
  });

  it("holds a hybrid fair open now with four booths, representatives, slots and history; a later seed reopens it when stale", async () => {
    await withRollback(async (tx) => {
      const now = new Date();
      await seed(tx, { towns: false, now });
      const [fair] = await tx.select().from(jobFairs).where(eq(jobFairs.title, DEMO_LIVE_FAIR_TITLE));
      expect(fair!.mode).toBe("hybrid");
      expect(isFairOpen(fair!, now)).toBe(true);
      const booths = await tx.select().from(fairBooths).where(eq(fairBooths.fairId, fair!.id));
      expect(booths).toHaveLength(4);
      const reps = await tx.select().from(fairRepresentatives).where(inArray(fairRepresentatives.boothId, booths.map((b) => b.id)));
      expect(reps).toHaveLength(4);
      const figures = await fairFigures(tx, fair!.id);
      expect(figures.signed).toBe(1);
      expect(figures.chats).toBe(3);
      const [past] = await tx.select().from(jobFairs).where(like(jobFairs.title, "张家港市退役军人返乡欢迎仪式%"));
      expect((await fairFigures(tx, past!.id)).signed).toBeGreaterThanOrEqual(1);

      const later = new Date(now.getTime() + 10 * 24 * 3600_000);
      await seed(tx, { towns: false, now: later });
      const [reopened] = await tx.select().from(jobFairs).where(eq(jobFairs.id, fair!.id));
      expect(isFairOpen(reopened!, later)).toBe(true);
      const [free] = await tx.select({ n: count() }).from(fairSlots).where(and(eq(fairSlots.boothId, booths[0]!.id), sql`${fairSlots.startsAt} > ${later.toISOString()}::timestamptz`));
      expect(Number(free!.n)).toBeGreaterThanOrEqual(4);
    });
  });

  it("creates one verified account per role with the printed password", async () => {
    await withRollback(async (tx) => {
      const { accounts } = await seed(tx, { towns: false });
      expect(accounts.map((a) => a.role).sort()).toEqual(["admin", "employer", "incubator", "staff", "veteran"]);
      for (const account of accounts) {
        expect(account.password).toBe(DEMO_PASSWORD);
        const [user] = await tx.select().from(users).where(eq(users.email, account.email));
        expect(user?.role).toBe(account.role);
        expect(user?.emailVerifiedAt).toBeInstanceOf(Date);
        expect(await verifyPassword(user!.passwordHash, account.password)).toBe(true);
        expect(await verifyPassword(user!.passwordHash, "wrong-password")).toBe(false);
      }
      expect(accounts).toEqual(DEMO_ACCOUNTS);
    });
  });

  it("ties the demo accounts to their organisations and profile", async () => {
    await withRollback(async (tx) => {
      await seed(tx, { towns: false });
      const orgOf = async (email: string) =>
        tx
          .select({ kind: organizations.kind, status: organizations.verificationStatus, region: organizations.regionCode, badges: organizations.badges })
          .from(memberships)
          .innerJoin(users, eq(users.id, memberships.userId))
          .innerJoin(organizations, eq(organizations.id, memberships.organizationId))
          .where(eq(users.email, email));

      const [employer] = await orgOf("employer@demo.rongye.cn");
      expect(employer).toMatchObject({ kind: "employer", status: "verified" });
      expect(regionAncestorCodes(employer!.region!)).toContain("320582"); // in 张家港
      expect(employer!.badges).toContain("退役军人就业创业示范基地");
      expect((await orgOf("park@demo.rongye.cn"))[0]).toMatchObject({ kind: "incubator_park" });
      expect((await orgOf("staff@demo.rongye.cn"))[0]).toMatchObject({ kind: "service_station", region: "320582" });

      const [profile] = await tx
        .select({ branch: veteranProfiles.branch })
        .from(veteranProfiles)
        .innerJoin(users, eq(users.id, veteranProfiles.userId))
        .where(eq(users.email, "veteran@demo.rongye.cn"));
      expect(profile?.branch).toBeTruthy();

      const [pending] = await tx.select({ n: count() }).from(organizations).where(eq(organizations.verificationStatus, "pending"));
      expect(Number(pending!.n)).toBeGreaterThan(0);
      const [welcome] = await tx.select().from(jobFairs).where(sql`${jobFairs.title} like '%返乡欢迎仪式%'`);
      expect(welcome?.positionsOffered).toBeGreaterThanOrEqual(350);
    });
  });

  it("places every demo row in an existing region", async () => {
    await withRollback(async (tx) => {
      await seed(tx, { towns: false });
      const missing = await queryRows<{ code: string }>(
        tx,
        sql`select x.code from (
              select region_code as code from job_postings
              union select region_code from training_slots
              union select region_code from organizations where region_code is not null
              union select region_code from veteran_profiles where region_code is not null
              union select unnest(desired_region_codes) from veteran_profiles
            ) x left join regions r on r.code = x.code where r.code is null`,
      );
      expect(missing).toEqual([]);
      const jobs = await tx.select({ regionCode: jobPostings.regionCode, min: jobPostings.salaryMin, max: jobPostings.salaryMax }).from(jobPostings);
      expect(jobs.every((j) => j.min !== null && j.max !== null && j.min <= j.max)).toBe(true);
    });
  });

  it("gives the demo parks published packages in the search queue and the demo park applications it can review", async () => {
    await withRollback(async (tx) => {
      await seed(tx, { towns: false });
      const packages = await tx.select({ id: incubatorPackages.id, status: incubatorPackages.status, org: incubatorPackages.organizationId }).from(incubatorPackages);
      expect(packages.length).toBeGreaterThanOrEqual(4);
      const queued = (await tx.select().from(searchOutbox).where(eq(searchOutbox.indexName, "incubator_packages"))).map((o) => o.documentId).sort();
      expect(queued).toEqual(packages.filter((p) => p.status === "published").map((p) => p.id).sort());

      const [manager] = await tx.select().from(users).where(eq(users.email, "park@demo.rongye.cn"));
      const [membership] = await tx.select().from(memberships).where(eq(memberships.userId, manager!.id));
      const apps = await listParkApplications(tx, manager!, membership!.organizationId);
      expect(new Set(apps.map((a) => a.status))).toEqual(new Set(["submitted", "in_review", "declined"]));
      expect(apps.every((a) => a.venture && a.package)).toBe(true);
      // A founder sees the timeline of their own application, ending in the park's decision with its reason.
      const declined = apps.find((a) => a.status === "declined")!;
      const [founder] = await tx.select().from(users).where(eq(users.email, "founder-canyin@demo.rongye.cn"));
      const view = await getFounderApplication(tx, founder!, declined.id);
      expect(view.status).toBe("declined");
      expect(view.timeline.map((e) => e.status)).toEqual(["submitted", "in_review", "declined"]);
      expect(view.timeline.at(-1)?.note).toMatch(/^餐饮门店不在本服务包的孵化方向内/);
    });
  });

  it("queues a search upsert for every published job, course and opted-in profile", async () => {
    await withRollback(async (tx) => {
      await seed(tx, { towns: false });
      const outbox = await tx.select().from(searchOutbox);
      expect(outbox.every((o) => o.op === "upsert")).toBe(true);
      const ids = (index: string) => outbox.filter((o) => o.indexName === index).map((o) => o.documentId).sort();

      const publishedJobs = await tx.select({ id: jobPostings.id }).from(jobPostings).where(eq(jobPostings.status, "published"));
      expect(ids("jobs")).toEqual(publishedJobs.map((j) => j.id).sort());
      const unpublished = await tx.select({ id: jobPostings.id }).from(jobPostings).where(ne(jobPostings.status, "published"));
      expect(unpublished.length).toBeGreaterThan(0);

      const slots = await tx.select({ id: trainingSlots.id }).from(trainingSlots).where(eq(trainingSlots.status, "published"));
      expect(ids("training_slots")).toEqual(slots.map((s) => s.id).sort());

      const optedIn = await tx.select({ id: veteranProfiles.id }).from(veteranProfiles).where(ne(veteranProfiles.visibility, "hidden"));
      expect(ids("veteran_profiles")).toEqual(optedIn.map((p) => p.id).sort());
      const hidden = await tx.select({ id: veteranProfiles.id }).from(veteranProfiles).where(eq(veteranProfiles.visibility, "hidden"));
      expect(hidden.length).toBeGreaterThan(0);
      expect(
        await tx
          .select({ n: count() })
          .from(searchOutbox)
          .where(and(eq(searchOutbox.indexName, "veteran_profiles"), inArray(searchOutbox.documentId, hidden.map((h) => h.id)))),
      ).toEqual([{ n: 0 }]);
    });
  });
});

describe("factories", () => {
  it("create users with unique emails, a verifiable password and an optional precomputed hash", async () => {
    await withRollback(async (tx) => {
      const a = await createUser(tx);
      const b = await createUser(tx, { role: "employer", password: "another-pass-9", verified: false, email: "Boss@Example.test" });
      expect(a.email).not.toBe(b.email);
      expect(b).toMatchObject({ role: "employer", email: "boss@example.test", emailVerifiedAt: null });
      expect(await verifyPassword(a.passwordHash, DEFAULT_TEST_PASSWORD)).toBe(true);
      expect(await verifyPassword(b.passwordHash, "another-pass-9")).toBe(true);
      const c = await createUser(tx, { passwordHash: b.passwordHash });
      expect(c.passwordHash).toBe(b.passwordHash);
    });
  });

  it("create a job with its employer and region chain when given nothing", async () => {
    await withRollback(async (tx) => {
      const job = await createJobPosting(tx, { regionCode: "330683", category: "manufacturing" });
      expect(job.status).toBe("published");
      expect(job.publishedAt).toBeInstanceOf(Date);
      const [org] = await tx.select().from(organizations).where(eq(organizations.id, job.organizationId));
      expect(org?.kind).toBe("employer");
      const codes = (await tx.select({ code: regions.code }).from(regions)).map((r) => r.code).sort();
      expect(codes).toEqual(["330000", "330600", "330683"]);
      const draft = await createJobPosting(tx, { status: "draft", organizationId: job.organizationId });
      expect(draft.publishedAt).toBeNull();
    });
  });

  it("add an owner membership, and link profiles, courses and fairs", async () => {
    await withRollback(async (tx) => {
      const owner = await createUser(tx, { role: "incubator" });
      const park = await createOrganization(tx, { kind: "incubator_park", ownerUserId: owner.id });
      expect(await tx.select().from(memberships).where(eq(memberships.organizationId, park.id))).toMatchObject([
        { userId: owner.id, role: "owner" },
      ]);
      const profile = await createVeteranProfile(tx, { userId: owner.id, desiredRegionCodes: ["610118"] });
      expect(profile.userId).toBe(owner.id);
      const slot = await createTrainingSlot(tx, { capacity: 12 });
      expect(slot.endsAt.getTime()).toBeGreaterThan(slot.startsAt.getTime());
      const fair = await createJobFair(tx, { organizerId: park.id, positionsOffered: 80 });
      expect(fair).toMatchObject({ organizerId: park.id, positionsOffered: 80 });
    });
  });
});
