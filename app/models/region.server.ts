import { asc, eq, inArray, isNull } from "drizzle-orm";
import type { Db } from "../../db/client";
import { regions } from "../../db/schema";
import { regionNameEn } from "../../db/region-names";

/** A division with its English name (db/region-names.ts) beside the Chinese one. */
export type RegionOption = { code: string; name: string; nameEn: string; level: number };

/** Children of a region (provinces when parent is null), in code order. */
export async function listChildRegions(db: Db, parentCode: string | null): Promise<RegionOption[]> {
  const rows = await db
    .select({ code: regions.code, name: regions.name, level: regions.level })
    .from(regions)
    .where(parentCode ? eq(regions.parentCode, parentCode) : isNull(regions.parentCode))
    .orderBy(asc(regions.code));
  return rows.map((r) => ({ ...r, nameEn: regionNameEn(r.name) }));
}

/** The chain from province down to the given region. */
export async function regionChain(db: Db, code: string): Promise<RegionOption[]> {
  const chain: RegionOption[] = [];
  let current: string | null = code;
  for (let guard = 0; current && guard < 5; guard++) {
    const [row] = await db
      .select({ code: regions.code, name: regions.name, level: regions.level, parentCode: regions.parentCode })
      .from(regions)
      .where(eq(regions.code, current));
    if (!row) break;
    chain.unshift({ code: row.code, name: row.name, nameEn: regionNameEn(row.name), level: row.level });
    current = row.parentCode;
  }
  return chain;
}

/** Region names for codes (labels for desired regions). */
export async function regionNames(db: Db, codes: readonly string[]): Promise<Record<string, string>> {
  if (codes.length === 0) return {};
  const rows = await db.select({ code: regions.code, name: regions.name }).from(regions).where(inArray(regions.code, [...codes]));
  return Object.fromEntries(rows.map((r) => [r.code, r.name]));
}
