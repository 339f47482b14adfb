// Co-occurrence of unknown terms with known skills: a term the taxonomy does not know (kept as written, "基站天馈")
// that postings and veteran files keep listing beside known skills (通信工程, 电工) is taken to lean towards them.
// Matching reads the implied skills at a reduced weight, so such a term counts for something before staff map it.
// The table is built from the stored rows whenever a process sets up its search settings (start, taxonomy change).
import { sql } from "drizzle-orm";
import type { Db } from "../db/client";

export interface ImpliedSkill {
  id: string;
  /** Share (0..1) of the rows carrying the term that also carry this skill. */
  share: number;
}

/** A term must occur on this many rows, and a skill beside it on this share of them, to imply the skill. */
export const MIN_ROWS = 2;
export const MIN_SHARE = 0.5;
const MAX_IMPLIED = 3;

let table = new Map<string, ImpliedSkill[]>();
/** Bumped at every activation, so memoised skill weights are never read from an older table. */
export let cooccurrenceGeneration = 0;

const key = (term: string) => term.normalize("NFKC").trim().toLowerCase();

/**
 * The table from rows of terms (each row: one posting's or file's skills as written). `known` gives the skill ids a
 * term names (empty for an unknown term).
 */
export function buildCooccurrence(rows: readonly (readonly string[])[], known: (term: string) => string[]): Map<string, ImpliedSkill[]> {
  const rowsWith = new Map<string, number>();
  const beside = new Map<string, Map<string, number>>();
  for (const row of rows) {
    const unknown = new Set<string>();
    const skills = new Set<string>();
    for (const term of row) {
      if (!term.trim()) continue;
      const ids = known(term);
      if (ids.length === 0) unknown.add(key(term));
      else for (const id of ids) skills.add(id);
    }
    for (const u of unknown) {
      rowsWith.set(u, (rowsWith.get(u) ?? 0) + 1);
      let counts = beside.get(u);
      if (!counts) beside.set(u, (counts = new Map()));
      for (const id of skills) counts.set(id, (counts.get(id) ?? 0) + 1);
    }
  }
  const out = new Map<string, ImpliedSkill[]>();
  for (const [term, n] of rowsWith) {
    if (n < MIN_ROWS) continue;
    const implied = [...(beside.get(term) ?? new Map<string, number>()).entries()]
      .map(([id, c]) => ({ id, share: c / n }))
      .filter((s) => s.share >= MIN_SHARE)
      .sort((a, b) => b.share - a.share || a.id.localeCompare(b.id))
      .slice(0, MAX_IMPLIED);
    if (implied.length) out.set(term, implied);
  }
  return out;
}

export function activateCooccurrence(next: Map<string, ImpliedSkill[]>): void {
  table = next;
  cooccurrenceGeneration++;
}

/** Known skills an unknown term leans towards (empty when it occurs too rarely or beside nothing in particular). */
export function impliedSkills(term: string): ImpliedSkill[] {
  return table.get(key(term)) ?? [];
}

/** Build the table from the stored postings and veteran files, with `known` from the taxonomy in use. */
export async function refreshCooccurrence(db: Db, known: (term: string) => string[]): Promise<number> {
  const result = await db.execute(sql`
    select skills as terms from job_postings where cardinality(skills) > 1
    union all
    select skills || certificates || desired_roles from veteran_profiles where cardinality(skills || certificates || desired_roles) > 1
  `);
  const rows = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as { terms: string[] }[];
  const next = buildCooccurrence(rows.map((r) => r.terms ?? []), known);
  activateCooccurrence(next);
  return next.size;
}
