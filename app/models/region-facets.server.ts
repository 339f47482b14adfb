// The region facet of the search pages: the engine's per-region counts as a province → city → county tree, the
// selected region's chain, and region paths for documents indexed without one.
import { inArray } from "drizzle-orm";
import type { Db } from "../../db/client";
import { regions } from "../../db/schema";
import { regionNameEn } from "../../db/region-names";
import { regionChain, type RegionOption } from "./region.server";

export interface RegionFacetNode {
  code: string;
  name: string;
  nameEn: string;
  count: number;
  selected: boolean;
  /** Children are listed when the node is on the selected path, or is the only node at its level. */
  expanded: boolean;
  children: RegionFacetNode[];
}

interface RegionRow {
  code: string;
  name: string;
  level: number;
  parentCode: string | null;
}

/** 市辖区 / 县 are placeholder levels of municipalities: their children hang from the province directly. */
const PLACEHOLDER = new Set(["市辖区", "县"]);

/**
 * Province → city → county counts from the `region_codes` facet (every document carries its ancestors' codes).
 * Towns are left out; placeholder levels are skipped.
 */
export function buildRegionTree(counts: Record<string, number>, rows: RegionRow[], selected?: string): RegionFacetNode[] {
  const byCode = new Map(rows.filter((r) => r.level <= 3 && counts[r.code]).map((r) => [r.code, r]));
  const node = new Map<string, RegionFacetNode>();
  for (const r of byCode.values()) {
    if (PLACEHOLDER.has(r.name)) continue;
    node.set(r.code, { code: r.code, name: r.name, nameEn: regionNameEn(r.name), count: counts[r.code], selected: r.code === selected, expanded: false, children: [] });
  }
  const visibleParent = (r: RegionRow): string | null => {
    let p = r.parentCode;
    for (let guard = 0; p && guard < 4; guard++) {
      const pr = byCode.get(p);
      if (!pr) return null;
      if (!PLACEHOLDER.has(pr.name)) return p;
      p = pr.parentCode;
    }
    return null;
  };
  const roots: RegionFacetNode[] = [];
  for (const r of byCode.values()) {
    const n = node.get(r.code);
    if (!n) continue;
    const parent = r.level === 1 ? null : visibleParent(r);
    if (parent && node.has(parent)) node.get(parent)!.children.push(n);
    else if (r.level === 1) roots.push(n);
  }
  const order = (list: RegionFacetNode[]) => {
    list.sort((a, b) => b.count - a.count || a.code.localeCompare(b.code));
    for (const n of list) order(n.children);
  };
  order(roots);
  // Expand the selected path and lone regions always; others breadth-first, busiest first, while the tree stays
  // short enough to scan (a national result lists provinces, a county's lists its whole tree).
  const onPath = (n: RegionFacetNode): boolean =>
    !!selected && (n.code === selected || (n.code.length <= 6 && selected.startsWith(n.code.replace(/(00)+$/, ""))));
  let visible = roots.length;
  let level: RegionFacetNode[][] = [roots];
  while (level.length > 0) {
    const next: RegionFacetNode[][] = [];
    const candidates = level.flatMap((list) => list.map((n) => ({ n, lone: list.length === 1 })));
    candidates.sort((a, b) => b.n.count - a.n.count);
    for (const { n, lone } of candidates) {
      if (n.children.length === 0) continue;
      if (onPath(n) || lone || visible + n.children.length <= REGION_TREE_BUDGET) {
        n.expanded = true;
        visible += n.children.length;
        next.push(n.children);
      }
    }
    level = next;
  }
  return roots;
}

/** About how many regions the facet lists before it stops unfolding levels. */
const REGION_TREE_BUDGET = 40;

async function regionRowsFor(db: Db, codes: string[]): Promise<RegionRow[]> {
  const six = codes.filter((c) => /^\d{6}$/.test(c));
  if (six.length === 0) return [];
  return db
    .select({ code: regions.code, name: regions.name, level: regions.level, parentCode: regions.parentCode })
    .from(regions)
    .where(inArray(regions.code, six));
}

/** The selected region's chain (province … region), placeholder levels left out. */
async function selectedChain(db: Db, code: string | undefined): Promise<RegionOption[]> {
  if (!code) return [];
  return (await regionChain(db, code)).filter((r) => !PLACEHOLDER.has(r.name));
}

/**
 * Region paths for documents indexed without one (a posting placed in a town, whose name the index's region
 * table did not hold): "江苏省 苏州市 张家港市" from the document's county and its ancestors.
 */
export async function missingRegionNames(db: Db, docs: { region_name: string; region_code: string }[]): Promise<Map<string, string>> {
  const wanted = [...new Set(docs.filter((d) => !d.region_name && d.region_code).map((d) => d.region_code))];
  const out = new Map<string, string>();
  if (wanted.length === 0) return out;
  const ancestors = (code: string) => {
    const six = code.slice(0, 6);
    return [...new Set([`${six.slice(0, 2)}0000`, `${six.slice(0, 4)}00`, six, code])];
  };
  const rows = await db
    .select({ code: regions.code, name: regions.name })
    .from(regions)
    .where(inArray(regions.code, [...new Set(wanted.flatMap(ancestors))]));
  const name = new Map(rows.map((r) => [r.code, r.name]));
  for (const code of wanted) {
    const path = ancestors(code)
      .map((c) => name.get(c))
      .filter((n): n is string => !!n && !PLACEHOLDER.has(n));
    out.set(code, path.join(" "));
  }
  return out;
}

/** The facet tree for the engine's `region_codes` counts and the selected region's chain, for a search page. */
export async function regionFacets(
  db: Db,
  counts: Record<string, number>,
  selected: string | undefined,
): Promise<{ regions: RegionFacetNode[]; regionChain: RegionOption[] }> {
  const [rows, chain] = await Promise.all([regionRowsFor(db, Object.keys(counts)), selectedChain(db, selected)]);
  return { regions: buildRegionTree(counts, rows, selected), regionChain: chain };
}
