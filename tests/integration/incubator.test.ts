import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { packageSchema } from "../../app/forms/incubator";
import { DomainError, ForbiddenError, NotFoundError } from "../../app/models/errors";
import { createPackage, getParkPage, listParkPackages, searchParksPage, updatePackage } from "../../app/models/incubator-package.server";
import type { Db } from "../../db/client";
import { createUser } from "../../db/factories";
import { incubatorPackages } from "../../db/incubator-schema";
import { searchOutbox } from "../../db/schema";
import { EmbeddedSearchEngine } from "../../search/embedded";
import { configureIndexes, drainSearchOutbox } from "../../search/sync";
import { getTestDb, withRollback } from "../helpers/db";
import { packageValue, park } from "../helpers/incubator";

beforeAll(async () => {
  await getTestDb();
});

let enginePromise: Promise<EmbeddedSearchEngine> | undefined;
/** One configured engine for the file (configuring loads the taxonomy and place names: seconds, not per test). */
function searchEngine(tx: Db) {
  enginePromise ??= (async () => {
    const engine = new EmbeddedSearchEngine();
    await configureIndexes(tx, engine);
    return engine;
  })();
  return enginePromise;
}

describe("park packages and /parks", () => {
  it("a park manager publishes a package; it reaches /parks through the outbox with the net price after subsidy", async () => {
    await withRollback(async (tx) => {
      const { manager, org } = await park(tx);
      const { id } = await createPackage(tx, manager, packageValue());
      const [row] = await tx.select().from(incubatorPackages).where(eq(incubatorPackages.id, id));
      expect(row).toMatchObject({ priceFen: 600_000, subsidyKind: "percent", subsidyValue: 5000, regionCode: "320582", organizationId: org.id });
      expect((await tx.select().from(searchOutbox).where(eq(searchOutbox.documentId, id))).length).toBe(1);

      const engine = await searchEngine(tx);
      await drainSearchOutbox(tx, engine);
      const base = { page: 1 } as const;
      const found = await searchParksPage(tx, engine, { ...base, q: "创业工位" });
      expect(found.hits.map((h) => h.id)).toContain(id);
      expect(found.hits.find((h) => h.id === id)).toMatchObject({ netFen: 300_000, subsidyFen: 300_000, placesLeft: 10 });
      // pinyin of the park's place name and filters
      expect((await searchParksPage(tx, engine, { ...base, q: "zhangjiagang" })).hits.map((h) => h.id)).toContain(id);
      expect((await searchParksPage(tx, engine, { ...base, region: "3205", kind: "workspace", subsidy: "1", max_price: 3000 })).hits.map((h) => h.id)).toContain(id);
      expect((await searchParksPage(tx, engine, { ...base, max_price: 2999 })).hits.map((h) => h.id)).not.toContain(id);
      expect((await searchParksPage(tx, engine, { ...base, kind: "mentoring" })).hits.map((h) => h.id)).not.toContain(id);
      expect((await searchParksPage(tx, engine, { ...base, region: "3306" })).hits.map((h) => h.id)).not.toContain(id);

      // closing it takes it out of the index
      await updatePackage(tx, manager, id, packageValue({ status: "closed" }));
      await drainSearchOutbox(tx, engine);
      expect((await searchParksPage(tx, engine, { ...base, q: "创业工位" })).hits.map((h) => h.id)).not.toContain(id);
    });
  });

  it("an unverified park's packages stay off /parks and its public page is 404", async () => {
    await withRollback(async (tx) => {
      const { manager, org } = await park(tx, "嵊州待认证创业园", false, "330683");
      const { id } = await createPackage(tx, manager, packageValue({ title: "待认证园区工位" }));
      const engine = await searchEngine(tx);
      await drainSearchOutbox(tx, engine);
      expect((await searchParksPage(tx, engine, { page: 1, q: "待认证园区工位" })).hits.map((h) => h.id)).not.toContain(id);
      await expect(getParkPage(tx, org.id)).rejects.toBeInstanceOf(NotFoundError);
      expect((await listParkPackages(tx, manager)).packages.map((p) => p.id)).toEqual([id]);
    });
  });

  it("only the park's own managers change its packages; capacity never drops below places taken", async () => {
    await withRollback(async (tx) => {
      const a = await park(tx, "甲园区");
      const b = await park(tx, "乙园区");
      const { id } = await createPackage(tx, a.manager, packageValue());
      await expect(updatePackage(tx, b.manager, id, packageValue())).rejects.toBeInstanceOf(ForbiddenError);
      const employer = await createUser(tx, { role: "employer" });
      await expect(createPackage(tx, employer, packageValue())).rejects.toBeInstanceOf(ForbiddenError);
      await tx.update(incubatorPackages).set({ placesTaken: 4 }).where(eq(incubatorPackages.id, id));
      await expect(updatePackage(tx, a.manager, id, packageValue({ capacity: "3" }))).rejects.toSatisfy(
        (e: unknown) => e instanceof DomainError && e.code === "incubator:errors.capacityBelowTaken|4",
      );
      const page = await getParkPage(tx, a.org.id);
      expect(page.packages).toHaveLength(1);
      expect(page.packages[0]).toMatchObject({ netFen: 300_000, placesLeft: 6 });
    });
  });

  it("the package form refuses negative or malformed money and a subsidy above the price", () => {
    expect(packageSchema.safeParse({ kind: "workspace", title: "x", capacity: "1", termMonths: "1", price: "-5" }).success).toBe(false);
    expect(packageSchema.safeParse({ kind: "workspace", title: "x", capacity: "1", termMonths: "1", price: "100", subsidyKind: "amount", subsidy: "100.01" }).success).toBe(false);
    expect(packageSchema.safeParse({ kind: "workspace", title: "x", capacity: "1", termMonths: "1", price: "100", subsidyKind: "percent", subsidy: "101" }).success).toBe(false);
    expect(packageSchema.safeParse({ kind: "workspace", title: "x", capacity: "0", termMonths: "1", price: "100" }).success).toBe(false);
  });
});
