import { asc, eq, isNull } from "drizzle-orm";
import type { Db } from "../../db/client";
import { regions } from "../../db/schema";

export type RegionOption = { code: string; name: string; level: number };

/** Children of a region (provinces when parent is null), in code order. */
export async function listChildRegions(db: Db, parentCode: string | null): Promise<RegionOption[]> {
  return db
    .select({ code: regions.code, name: regions.name, level: regions.level })
    .from(regions)
    .where(parentCode ? eq(regions.parentCode, parentCode) : isNull(regions.parentCode))
    .orderBy(asc(regions.code));
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
    chain.unshift({ code: row.code, name: row.name, level: row.level });
    current = row.parentCode;
  }
  return chain;
}
