// Terms that imports (and people) wrote which the skills taxonomy does not know: skills, certificates and desired
// roles kept as written on postings and veteran files. Staff see the most frequent ones with where they occur, and
// either map a term to an existing skill (it becomes that skill's synonym) or add it as a new skill. Either way a new
// taxonomy version is saved and made active, so matching reads the stored rows through it at once and the search
// engine's synonyms include it — no re-import.
import { sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import {
  getSkill,
  normalizeSkill,
  recognizeCertificates,
  skillsInText,
  taxonomy as activeTaxonomy,
} from "../../search/taxonomy";
import occupationGroups from "../../search/taxonomy/occupation-groups.json";
import type { Taxonomy } from "../../search/taxonomy/types";
import { hasHan, normalizeText } from "../../search/taxonomy/text";
import { recordAudit, requireStaff, type Actor } from "./authz.server";
import { DomainError, NotFoundError } from "./errors";
import { getActiveTaxonomy, saveTaxonomyVersion, withSynonym } from "./taxonomy.server";

export interface UnknownTerm {
  term: string;
  /** Rows that carry it: postings and veteran files. */
  postings: number;
  veterans: number;
  /** Titles of up to three postings that list it (veteran files are counted, never shown). */
  examples: string[];
}

async function rowsOf<R>(db: Db, query: ReturnType<typeof sql>): Promise<R[]> {
  const result = await db.execute(query);
  return (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as R[];
}

/** True when the taxonomy in use finds no skill or certificate in `term`. */
export function isUnknownTerm(term: string): boolean {
  const t = term.trim();
  if (!t) return false;
  if (getSkill(t) || normalizeSkill(t)) return false;
  if (recognizeCertificates(t).length > 0) return false;
  return skillsInText(t).length === 0;
}

/**
 * The most frequent unknown terms (default 50), most frequent first. Counted over every posting and veteran file
 * (any status), once per row.
 */
export async function listUnknownTerms(db: Db, actor: Actor, options: { limit?: number } = {}): Promise<UnknownTerm[]> {
  requireStaff(actor);
  const limit = Math.min(Math.max(options.limit ?? 50, 1), 200);
  const counted = await rowsOf<{ term: string; postings: number; veterans: number }>(db, sql`
    select term, sum(postings)::int as postings, sum(veterans)::int as veterans from (
      select btrim(term) as term, count(distinct p.id) as postings, 0 as veterans
        from job_postings p, unnest(p.skills) as term group by 1
      union all
      select btrim(term), 0, count(distinct v.id)
        from veteran_profiles v, unnest(v.skills || v.certificates || v.desired_roles) as term group by 1
    ) t where term <> '' group by term order by sum(postings) + sum(veterans) desc, term limit 2000
  `);
  const out: UnknownTerm[] = [];
  for (const r of counted.filter((c) => isUnknownTerm(c.term)).slice(0, limit)) {
    const examples =
      Number(r.postings) > 0
        ? await rowsOf<{ title: string }>(db, sql`select title from job_postings where ${r.term} = any(skills) order by created_at desc limit 3`)
        : [];
    out.push({ term: r.term, postings: Number(r.postings), veterans: Number(r.veterans), examples: examples.map((e) => e.title) });
  }
  return out;
}

/** A slug for a new skill id from its English name (lower case, underscores), unique in `taxonomy`. */
export function newSkillId(nameEn: string, taxonomy: Taxonomy): string {
  const base =
    nameEn
      .normalize("NFKD")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "_")
      .replace(/^_+|_+$/g, "")
      .replace(/^([0-9])/, "s_$1")
      .slice(0, 40) || "skill";
  let id = base;
  for (let n = 2; taxonomy.skills.some((s) => s.id === id); n++) id = `${base}_${n}`;
  return id;
}

export interface NewSkillInput {
  term: string;
  name: string;
  nameEn: string;
  category: string;
  /** Its group (小类 code) in the national occupational classification, when staff name one. */
  occupationGroup?: string;
}

/** A copy of `taxonomy` with a new skill named `name`/`nameEn` whose synonym is `term` (unless it is the name). */
export function withNewSkill(taxonomy: Taxonomy, input: NewSkillInput): { taxonomy: Taxonomy; skillId: string } {
  if (!taxonomy.categories.some((c) => c.id === input.category)) throw new DomainError("staff:errors.unknownCategory", "category");
  const copy = structuredClone(taxonomy);
  const skillId = newSkillId(input.nameEn, copy);
  const term = input.term.trim();
  const named = [input.name, input.nameEn].some((n) => normalizeText(n) === normalizeText(term));
  copy.skills.push({
    id: skillId,
    name: input.name.trim(),
    nameEn: input.nameEn.trim(),
    category: input.category,
    synonyms: { zh: !named && hasHan(term) ? [term] : [], en: !named && !hasHan(term) ? [term] : [] },
    ...(input.occupationGroup ? { occupationGroup: input.occupationGroup } : {}),
  });
  return { taxonomy: copy, skillId };
}

/** Map an unknown term to an existing skill: it becomes the skill's synonym in a new active taxonomy version. */
export async function mapUnknownTerm(db: Db, actor: Actor, input: { term: string; skillId: string }, options: { now?: Date } = {}) {
  requireStaff(actor);
  const active = await getActiveTaxonomy(db);
  if (!active.taxonomy.skills.some((s) => s.id === input.skillId)) throw new NotFoundError("staff:errors.synonymTarget");
  const term = input.term.trim();
  const next = withSynonym(active.taxonomy, { target: `skill:${input.skillId}`, language: hasHan(term) ? "zh" : "en", term });
  const saved = await saveTaxonomyVersion(db, actor, next, options);
  await recordAudit(db, actor, "taxonomy.term.map", String(saved.id), { term, skillId: input.skillId, version: saved.version });
  return saved;
}

/** Add an unknown term as a new skill (with its names and category) in a new active taxonomy version. */
export async function addSkillForTerm(db: Db, actor: Actor, input: NewSkillInput, options: { now?: Date } = {}) {
  requireStaff(actor);
  const active = await getActiveTaxonomy(db);
  const { taxonomy: next, skillId } = withNewSkill(active.taxonomy, input);
  const saved = await saveTaxonomyVersion(db, actor, next, options);
  await recordAudit(db, actor, "taxonomy.skill.add", String(saved.id), { term: input.term.trim(), skillId, version: saved.version });
  return { ...saved, skillId };
}

/** Skills and categories to choose from, in the active taxonomy of this process. */
export function taxonomyChoices() {
  return {
    skills: activeTaxonomy.skills.map((s) => ({ id: s.id, name: s.name, nameEn: s.nameEn })),
    categories: activeTaxonomy.categories.map((c) => ({ id: c.id, name: c.name, nameEn: c.nameEn })),
    occupationGroups: occupationGroups.groups,
  };
}
