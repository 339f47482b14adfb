import { describe, expect, it } from "vitest";
import { count, eq, sql } from "drizzle-orm";
import { queryRows } from "../../db/client";
import {
  childRegions,
  ensureRegions,
  loadRegions,
  regionAncestorCodes,
  regionLabel,
  regionPath,
} from "../../db/regions";
import { regions } from "../../db/schema";
import { withRollback } from "../helpers/db";

describe("regionAncestorCodes", () => {
  it("gives a county's province, city and itself", () => {
    expect(regionAncestorCodes("320582")).toEqual(["320000", "320500", "320582"]);
  });

  it("gives a province and a city without repeats", () => {
    expect(regionAncestorCodes("320000")).toEqual(["320000"]);
    expect(regionAncestorCodes("320500")).toEqual(["320000", "320500"]);
  });

  it("adds a town's own 9-digit code", () => {
    expect(regionAncestorCodes("320582100")).toEqual(["320000", "320500", "320582", "320582100"]);
    expect(regionAncestorCodes("441900003")).toEqual(["440000", "441900", "441900003"]);
  });

  it("rejects what is not a region code", () => {
    expect(() => regionAncestorCodes("3205")).toThrow();
    expect(() => regionAncestorCodes("32058a")).toThrow();
  });
});

describe("loadRegions", () => {
  it("loads provinces, cities and counties into a consistent tree, once", async () => {
    await withRollback(async (tx) => {
      const first = await loadRegions(tx);
      expect(first.skipped).toBe(false);
      expect(first.inserted).toBe(first.expected);

      const provinces = await childRegions(tx, null);
      expect(provinces).toHaveLength(31); // the package has no codes for Hong Kong, Macao and Taiwan
      expect(provinces.every((p) => p.level === 1 && /^\d{2}0000$/.test(p.code))).toBe(true);

      // every non-province points at an existing parent exactly one level up
      const orphans = await queryRows<{ code: string }>(
        tx,
        sql`select r.code from regions r left join regions p on p.code = r.parent_code
            where r.level > 1 and (p.code is null or p.level <> r.level - 1)`,
      );
      expect(orphans).toEqual([]);

      const [zjg] = await tx.select().from(regions).where(eq(regions.code, "320582"));
      expect(zjg).toMatchObject({ name: "张家港市", level: 3, parentCode: "320500", pinyin: "zhangjiagangshi" });

      expect(await regionPath(tx, "320582")).toEqual([
        { code: "320000", name: "江苏省", level: 1 },
        { code: "320500", name: "苏州市", level: 2 },
        { code: "320582", name: "张家港市", level: 3 },
      ]);
      expect(await regionLabel(tx, "320582")).toBe("江苏省 苏州市 张家港市");
      expect(await regionLabel(tx, "999999")).toBeNull();

      const suzhou = (await childRegions(tx, "320500")).map((r) => r.name);
      expect(suzhou).toEqual(
        expect.arrayContaining(["姑苏区", "吴中区", "相城区", "吴江区", "虎丘区", "苏州工业园区", "张家港市", "常熟市", "太仓市", "昆山市"]),
      );

      // municipalities keep the package's pseudo-city, which the label leaves out
      expect((await regionPath(tx, "110105")).map((r) => r.code)).toEqual(["110000", "110100", "110105"]);
      expect(await regionLabel(tx, "110105")).toBe("北京市 朝阳区");
      // a city without counties is not repeated as its own county
      const [dongguan] = await tx.select().from(regions).where(eq(regions.code, "441900"));
      expect(dongguan).toMatchObject({ name: "东莞市", level: 2 });

      const again = await loadRegions(tx);
      expect(again).toEqual({ expected: first.expected, inserted: 0, skipped: true });
    });
  });

  it("loads towns under their counties, and towns of county-less cities under the city", async () => {
    await withRollback(async (tx) => {
      const result = await loadRegions(tx, { towns: true });
      const [towns] = await tx.select({ n: count() }).from(regions).where(eq(regions.level, 4));
      expect(Number(towns!.n)).toBeGreaterThan(40_000);
      expect(result.inserted).toBe(result.expected);

      expect(await regionLabel(tx, "320582100")).toBe("江苏省 苏州市 张家港市 杨舍镇");
      expect((await childRegions(tx, "330683")).map((r) => r.name)).toContain("剡湖街道");
      expect((await regionPath(tx, "441900003")).map((r) => r.level)).toEqual([1, 2, 4]);

      const orphans = await queryRows<{ code: string }>(
        tx,
        sql`select r.code from regions r left join regions p on p.code = r.parent_code
            where r.level = 4 and p.code is null`,
      );
      expect(orphans).toEqual([]);
      expect((await loadRegions(tx, { towns: true })).skipped).toBe(true);
    });
  });
});

describe("ensureRegions", () => {
  it("inserts a code with its ancestors only", async () => {
    await withRollback(async (tx) => {
      await ensureRegions(tx, ["610326001"]);
      const rows = await tx.select({ code: regions.code }).from(regions).orderBy(regions.code);
      expect(rows.map((r) => r.code)).toEqual(["610000", "610300", "610326", "610326001"]);
      expect(await regionLabel(tx, "610326001")).toBe("陕西省 宝鸡市 眉县 首善街道");
      await ensureRegions(tx, ["610326001"]); // idempotent
      expect(await tx.select({ n: count() }).from(regions)).toEqual([{ n: 4 }]);
    });
  });

  it("refuses a code the package does not know", async () => {
    await withRollback(async (tx) => {
      await expect(ensureRegions(tx, ["329999"])).rejects.toThrow(/Unknown region code/);
    });
  });
});
