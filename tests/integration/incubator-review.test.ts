import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import {
  addRubricCriterion,
  applyToPackage,
  assertApplicationAccess,
  assignReviewers,
  decideApplication,
  getApplicationForReviewer,
  listMyStartupApplications,
  rankApplications,
  releaseExpiredHolds,
  submitScores,
} from "../../app/models/incubator-application.server";
import { createPackage } from "../../app/models/incubator-package.server";
import { DomainError, ForbiddenError, NotFoundError } from "../../app/models/errors";
import type { Db } from "../../db/client";
import { createUser } from "../../db/factories";
import { capacityHolds, incubatorPackages, startupApplications } from "../../db/incubator-schema";
import { memberships } from "../../db/schema";
import { getTestDb, withIsolatedDb, withRollback } from "../helpers/db";
import { MAIL, packageValue, park, ventureInput } from "../helpers/incubator";

beforeAll(async () => {
  await getTestDb();
});

const venture = (name: string) => ventureInput(name);

async function member(tx: Db, organizationId: string) {
  const user = await createUser(tx, { role: "incubator" });
  await tx.insert(memberships).values({ userId: user.id, organizationId, role: "reviewer" });
  return user;
}

describe("founder applications, review and decisions", () => {
  it("reviewers see only what they are assigned and only their own scores; the ranking is normalised per reviewer", async () => {
    await withRollback(async (tx) => {
      const { manager, org } = await park(tx);
      const { id: pkgId } = await createPackage(tx, manager, packageValue());
      const team = await addRubricCriterion(tx, manager, org.id, { name: "团队", weight: 2, maxScore: 10 });
      const market = await addRubricCriterion(tx, manager, org.id, { name: "市场", weight: 1, maxScore: 10 });
      const harsh = await member(tx, org.id);
      const generous = await member(tx, org.id);
      const apps = [];
      for (const name of ["甲", "乙", "丙"]) {
        const founder = await createUser(tx, { role: "veteran" });
        apps.push({ founder, ...(await applyToPackage(tx, founder, pkgId, venture(`${name}冷链`), MAIL)) });
      }
      // harsh reviewer scores a, b; generous scores b, c
      await assignReviewers(tx, manager, apps[0]!.id, [harsh.id], MAIL);
      await assignReviewers(tx, manager, apps[1]!.id, [harsh.id, generous.id], MAIL);
      await assignReviewers(tx, manager, apps[2]!.id, [generous.id], MAIL);
      await expect(getApplicationForReviewer(tx, harsh, apps[2]!.id)).rejects.toBeInstanceOf(NotFoundError);
      await expect(submitScores(tx, harsh, apps[2]!.id, { [team.id]: 5, [market.id]: 5 })).rejects.toBeInstanceOf(NotFoundError);
      await expect(submitScores(tx, harsh, apps[0]!.id, { [team.id]: 11, [market.id]: 5 })).rejects.toBeInstanceOf(DomainError);

      await submitScores(tx, harsh, apps[0]!.id, { [team.id]: 2, [market.id]: 2 });
      await submitScores(tx, harsh, apps[1]!.id, { [team.id]: 4, [market.id]: 4 });
      await submitScores(tx, generous, apps[1]!.id, { [team.id]: 8, [market.id]: 8 });
      await submitScores(tx, generous, apps[2]!.id, { [team.id]: 10, [market.id]: 10 });
      const view = await getApplicationForReviewer(tx, generous, apps[1]!.id);
      expect(view.myScores).toHaveLength(2);
      expect(view.myScores.every((s) => s.score === 8)).toBe(true);

      const ranking = await rankApplications(tx, manager, pkgId);
      expect(ranking.map((r) => r.id)).toEqual([apps[2]!.id, apps[1]!.id, apps[0]!.id]);
      // b is above the harsh reviewer's average and below the generous one's: it lands at 0
      expect(ranking[1]!.score!.normalised).toBeCloseTo(0);
      await expect(rankApplications(tx, apps[0]!.founder, pkgId)).rejects.toBeInstanceOf(ForbiddenError);

      // a founder sees their own application (timeline) and never another venture's
      await expect(assertApplicationAccess(tx, apps[0]!.founder, apps[1]!.id)).rejects.toBeInstanceOf(NotFoundError);
      const mine = await listMyStartupApplications(tx, apps[0]!.founder);
      expect(mine).toHaveLength(1);
      expect(mine[0]!.timeline.map((e) => e.status)).toEqual(["submitted", "in_review"]);
      expect(Object.keys(mine[0]!)).not.toContain("score");
    });
  });

  it("accept takes a place with a hold, decline needs a reason, a lapsed hold goes back to the package", async () => {
    await withRollback(async (tx) => {
      const { manager } = await park(tx);
      const other = await park(tx, "另一园区");
      const { id: pkgId } = await createPackage(tx, manager, packageValue({ capacity: "1" }));
      const f1 = await createUser(tx, { role: "veteran" });
      const f2 = await createUser(tx, { role: "veteran" });
      const a1 = await applyToPackage(tx, f1, pkgId, venture("一号"), MAIL);
      const a2 = await applyToPackage(tx, f2, pkgId, venture("二号"), MAIL);
      await expect(applyToPackage(tx, manager, pkgId, venture("x"), MAIL)).rejects.toBeInstanceOf(ForbiddenError);
      await expect(decideApplication(tx, other.manager, a1.id, { kind: "accept", startDate: "2030-03-01" }, MAIL)).rejects.toBeInstanceOf(ForbiddenError);
      await expect(decideApplication(tx, manager, a2.id, { kind: "decline", reason: "  " }, MAIL)).rejects.toSatisfy(
        (e: unknown) => e instanceof DomainError && e.code === "incubator:errors.reasonRequired",
      );
      const now = new Date("2030-01-01T00:00:00Z");
      expect(await decideApplication(tx, manager, a1.id, { kind: "accept", startDate: "2030-03-01" }, { ...MAIL, now })).toMatchObject({ status: "accepted" });
      expect(await decideApplication(tx, manager, a2.id, { kind: "accept", startDate: "2030-03-01" }, { ...MAIL, now })).toEqual({ status: "waitlisted", full: true });
      const [pkg] = await tx.select().from(incubatorPackages).where(eq(incubatorPackages.id, pkgId));
      expect(pkg!.placesTaken).toBe(1);
      await expect(decideApplication(tx, manager, a1.id, { kind: "decline", reason: "x" }, MAIL)).rejects.toBeInstanceOf(DomainError);

      expect(await releaseExpiredHolds(tx, new Date("2030-01-10T00:00:00Z"))).toBe(0);
      expect(await releaseExpiredHolds(tx, new Date("2030-01-20T00:00:00Z"))).toBe(1);
      expect(await releaseExpiredHolds(tx, new Date("2030-01-20T00:00:00Z"))).toBe(0);
      const [after] = await tx.select().from(incubatorPackages).where(eq(incubatorPackages.id, pkgId));
      expect(after!.placesTaken).toBe(0);
      const [app] = await tx.select().from(startupApplications).where(eq(startupApplications.id, a1.id));
      expect(app!.status).toBe("waitlisted");
      // the freed place can be given again
      expect(await decideApplication(tx, manager, a2.id, { kind: "accept", startDate: "2030-03-01" }, { ...MAIL, now: new Date("2030-01-21T00:00:00Z") })).toMatchObject({ status: "accepted" });
    });
  });

  it("200 concurrent acceptances on a 10-place package take exactly 10 places; the rest are waitlisted", async () => {
    await withIsolatedDb(
      async (db) => {
        const { manager } = await park(db);
        const { id: pkgId } = await createPackage(db, manager, packageValue({ capacity: "10" }));
        const ids: string[] = [];
        for (let i = 0; i < 200; i++) {
          const founder = await createUser(db, { role: "veteran", passwordHash: "x" });
          ids.push((await applyToPackage(db, founder, pkgId, venture(`创业${i}`), MAIL)).id);
        }
        const results = await Promise.all(ids.map((id) => decideApplication(db, manager, id, { kind: "accept", startDate: "2030-03-01" }, MAIL)));
        expect(results.filter((r) => r.status === "accepted")).toHaveLength(10);
        expect(results.filter((r) => r.status === "waitlisted")).toHaveLength(190);
        const [pkg] = await db.select().from(incubatorPackages).where(eq(incubatorPackages.id, pkgId));
        expect(pkg!.placesTaken).toBe(10);
        expect(await db.select().from(capacityHolds).where(eq(capacityHolds.packageId, pkgId))).toHaveLength(10);
      },
      { poolMax: 20 },
    );
  }, 120_000);
});
