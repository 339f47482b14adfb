// The skills translator: military specialty → civilian skills, occupations and job category, certificates →
// skills, and the synonym groups the search engine uses. Pure data and functions (no database, no network), so the
// app, the matcher and the search engine share one source: skills-taxonomy.json, versioned and edited by staff.
import occupationGroupsData from "./occupation-groups.json";
import raw from "./skills-taxonomy.json";
import { fuzzySimilarity, normalizeText, prepareTerm, prepareText, spotTerms, type PreparedText, type Term } from "./text";
import { validateTaxonomy } from "./validate";
import type {
  Branch, BranchId, CertificateSkills, MatchedBy, Skill, SkillRef, Specialty, SpecialtySuggestion, Taxonomy,
} from "./types";


function load(data: unknown): Taxonomy {
  const problems = validateTaxonomy(data);
  if (problems.length > 0) {
    const list = problems.slice(0, 10).map((p) => `${p.path}: ${p.message}`).join("; ");
    throw new Error(`skills-taxonomy.json is invalid (${problems.length} problems): ${list}`);
  }
  return data as Taxonomy;
}

// `let`: staff can activate an edited version at run time (activateTaxonomy); ES module bindings are live.
/** The version in the repository (skills-taxonomy.json), whatever staff have activated since. */
export const repositoryTaxonomy: Taxonomy = load(raw);
export let taxonomy: Taxonomy = repositoryTaxonomy;
export let taxonomyVersion: string = taxonomy.version;

let skillById = new Map<string, Skill>();
let specialtyById = new Map<string, Specialty>();
let certificateById = new Map<string, Taxonomy["certificates"][number]>();
let branchById = new Map<string, Branch>();

export function getSkill(id: string): Skill | undefined {
  return skillById.get(id);
}

export function getSpecialty(id: string): Specialty | undefined {
  return specialtyById.get(id);
}

function skillRef(id: string): SkillRef | null {
  const s = skillById.get(id);
  return s ? { id: s.id, name: s.name, nameEn: s.nameEn } : null;
}

function skillRefs(ids: Iterable<string>): SkillRef[] {
  const out: SkillRef[] = [];
  for (const id of ids) {
    const ref = skillRef(id);
    if (ref) out.push(ref);
  }
  return out;
}

/**
 * Branch ids for a branch id or name (zh or en). A legacy branch (战略支援部队) maps to its successors, so an old
 * record still filters and matches under today's structure. Unknown text gives [].
 */
export function resolveBranch(text: string): BranchId[] {
  const key = normalizeText(text);
  const branch = taxonomy.branches.find(
    (b) => b.id === key || normalizeText(b.name) === key || normalizeText(b.nameEn) === key,
  );
  if (!branch) return [];
  return branch.legacy && branch.successors ? [...branch.successors] : [branch.id];
}

export function getBranch(id: BranchId): Branch | undefined {
  return branchById.get(id);
}

// ---- indexes built once ----------------------------------------------------------------------------------------

interface OwnedTerm {
  owner: string;
  kind: "name" | "synonym";
  term: Term;
}

function owned(owner: string, kind: OwnedTerm["kind"], texts: string[]): OwnedTerm[] {
  const seen = new Set<string>();
  const out: OwnedTerm[] = [];
  for (const t of texts) {
    const term = prepareTerm(t);
    if (term.text.length === 0 || seen.has(term.text)) continue;
    seen.add(term.text);
    out.push({ owner, kind, term });
  }
  return out;
}

let specialtyTerms: OwnedTerm[] = [];
let skillTerms: OwnedTerm[] = [];
let skillByTerm = new Map<string, string>();
let certificateTerms: OwnedTerm[] = [];
let certificateByTerm = new Map<string, string>();
/** Latin words of every taxonomy term: spelt right, they are not typos of something else. */
let knownWords = new Set<string>();

/** Build every lookup from `taxonomy`: once at load, and again when staff activate another version. */
function buildLookups(): void {
  skillById = new Map(taxonomy.skills.map((s) => [s.id, s]));
  specialtyById = new Map(taxonomy.specialties.map((s) => [s.id, s]));
  certificateById = new Map(taxonomy.certificates.map((c) => [c.id, c]));
  branchById = new Map(taxonomy.branches.map((b) => [b.id, b]));
  specialtyTerms = taxonomy.specialties.flatMap((p) => [
    ...owned(p.id, "name", [p.name, p.nameEn]),
    ...owned(p.id, "synonym", p.synonyms).filter((t) => t.term.text !== normalizeText(p.name)),
  ]);
  skillTerms = taxonomy.skills.flatMap((s) => [
    ...owned(s.id, "name", [s.id.replace(/_/g, " "), s.name, s.nameEn]),
    ...owned(s.id, "synonym", [...s.synonyms.zh, ...s.synonyms.en]),
  ]);
  skillByTerm = new Map();
  for (const t of skillTerms) if (!skillByTerm.has(t.term.text)) skillByTerm.set(t.term.text, t.owner);
  certificateTerms = taxonomy.certificates.flatMap((c) =>
    owned(c.id, "synonym", [c.id.replace(/_/g, " "), c.name, stripParenthetical(c.name), c.nameEn, ...c.synonyms]),
  );
  certificateByTerm = new Map();
  for (const t of certificateTerms) if (!certificateByTerm.has(t.term.text)) certificateByTerm.set(t.term.text, t.owner);
  knownWords = new Set(
    [...specialtyTerms, ...skillTerms].flatMap((t) => (t.term.han ? [] : t.term.text.split(/[^a-z0-9]+/).filter(Boolean))),
  );
}
buildLookups();

/**
 * Make a staff-edited taxonomy the one in use by the translator, matching and search synonyms (after validation;
 * throws on invalid data and keeps the current one). Returns the version now active.
 */
export function activateTaxonomy(data: unknown): string {
  const next = load(data);
  taxonomy = next;
  taxonomyVersion = next.version;
  buildLookups();
  return taxonomyVersion;
}

function stripParenthetical(s: string): string {
  return s.replace(/[（(][^）)]*[）)]/g, "").trim();
}

// ---- specialty suggestions -------------------------------------------------------------------------------------

const MIN_SCORE = 0.4;
/** one wrong character in four (a homophone counts as 0.95): 3-character terms need a homophone to match */
const FUZZY_MIN = 0.75;


function matchTerm(q: PreparedText, t: OwnedTerm, spotted: Set<OwnedTerm>): { score: number; matchedBy: MatchedBy } | null {
  const isName = t.kind === "name";
  if (q.text === t.term.text) return isName ? { score: 1, matchedBy: "exact" } : { score: 0.95, matchedBy: "synonym" };
  let best: { score: number; matchedBy: MatchedBy } | null = null;
  const offer = (score: number, matchedBy: MatchedBy) => {
    if (!best || score > best.score) best = { score, matchedBy };
  };
  const qLength = q.chars.length;
  const tLength = t.term.chars.length;
  if (spotted.has(t)) {
    // the term appears in longer free text: the more of the text it explains, the surer the match
    offer((isName ? 0.72 : 0.68) + 0.2 * Math.min(1, tLength / qLength), "contains");
  } else if (qLength < tLength && (q.han ? qLength >= 2 : qLength >= 3)) {
    // the text is part of a term (驾驶 in 汽车驾驶员, driver in "bus driver")
    const inside = q.han ? t.term.text.includes(q.text) : new RegExp(`(?<![a-z])${escape(q.text)}(?![a-z])`).test(t.term.text);
    if (inside) offer((isName ? 0.52 : 0.5) + 0.3 * (qLength / tLength), "contains");
  }
  // A term written out in the text is the spotting rule's business: it may have lost to a longer term there.
  if (!q.text.includes(t.term.text)) {
    const similarity = fuzzySimilarity(q, t.term, knownWords);
    if (similarity >= FUZZY_MIN) offer(0.3 + 0.4 * similarity, "fuzzy");
  }
  return best;
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** Skills named in the text, as exact terms or spotted in free text. */
function skillsMentioned(q: PreparedText): Map<string, MatchedBy> {
  const out = new Map<string, MatchedBy>();
  const exact = skillByTerm.get(q.text);
  if (exact) out.set(exact, "synonym");
  for (const t of spotTerms(q.text, skillTerms)) if (!out.has(t.owner)) out.set(t.owner, "contains");
  if (out.size === 0) {
    const near = normalizeSkill(q.text);
    if (near) out.set(near, "fuzzy");
  }
  return out;
}

/**
 * Specialties for what a veteran typed: an exact name, a synonym, free text containing a specialty
 * ("我在部队是汽车驾驶员，开过大车"), a near-miss or homophone typo (驾使员, 炊士员), or an English word ("driver").
 * Ranked by score (0..1), best first.
 */
export function suggestFromSpecialty(text: string, opts: { limit?: number } = {}): SpecialtySuggestion[] {
  const limit = opts.limit ?? 5;
  const q = prepareText(text);
  if (q.text.length === 0 || limit <= 0) return [];
  const best = new Map<string, { score: number; matchedBy: MatchedBy }>();
  const consider = (id: string, score: number, matchedBy: MatchedBy) => {
    const current = best.get(id);
    if (!current || score > current.score) best.set(id, { score, matchedBy });
  };
  const spotted = new Set(spotTerms(q.text, specialtyTerms));
  for (const t of specialtyTerms) {
    const r = matchTerm(q, t, spotted);
    if (r) consider(t.owner, r.score, r.matchedBy);
  }
  // A skill named in the text points at specialties built on it: strongly where it is their main skill.
  const mentioned = skillsMentioned(q);
  if (mentioned.size > 0) {
    for (const p of taxonomy.specialties) {
      const index = p.skills.findIndex((s) => mentioned.has(s));
      if (index < 0) continue;
      const how = mentioned.get(p.skills[index]) ?? "contains";
      const current = best.get(p.id);
      if (current) {
        if (index === 0 && current.score < 0.97) current.score = Math.min(0.97, current.score + 0.05);
      } else {
        consider(p.id, index === 0 ? 0.55 : Math.max(0.41, 0.47 - 0.02 * index), how === "fuzzy" ? "fuzzy" : how);
      }
    }
  }
  return [...best.entries()]
    .filter(([, m]) => m.score >= MIN_SCORE)
    .sort((a, b) => b[1].score - a[1].score || a[0].localeCompare(b[0]))
    .slice(0, limit)
    .map(([id, m]) => {
      const p = specialtyById.get(id) as Specialty;
      return {
        specialtyId: p.id,
        name: p.name,
        nameEn: p.nameEn,
        score: Math.round(m.score * 1000) / 1000,
        matchedBy: m.matchedBy,
        skills: skillRefs(p.skills),
        occupations: p.occupations.map((o) => ({ ...o })),
        category: categoryForSkills(p.skills),
      };
    });
}

// ---- skills ----------------------------------------------------------------------------------------------------

/**
 * The skill id for a skill name or synonym in Chinese or English (驾驶, 司机, driver, "security guard"), tolerating
 * a homophone typo (架驶) or one Latin typo ("electricain"); null when nothing fits.
 */
export function normalizeSkill(text: string): string | null {
  const q = prepareText(text);
  if (q.text.length === 0) return null;
  const exact = skillByTerm.get(q.text);
  if (exact) return exact;
  if (!q.han) {
    const singular = q.text.replace(/(?<=[a-z]{3})(es|s)$/, "");
    const bySingular = skillByTerm.get(singular) ?? skillByTerm.get(q.text.replace(/s$/, ""));
    if (bySingular) return bySingular;
  }
  let found: { id: string; similarity: number } | null = null;
  for (const t of skillTerms) {
    if (t.term.han !== q.han) continue;
    if (q.han && t.term.chars.length !== q.chars.length) continue;
    const similarity = fuzzySimilarity(q, t.term);
    // Chinese: only homophones of the whole term; Latin: the edit-distance rule inside fuzzySimilarity
    const good = q.han ? similarity >= 0.95 : similarity >= 0.8;
    if (good && (!found || similarity > found.similarity)) found = { id: t.owner, similarity };
  }
  return found?.id ?? null;
}

/** Names of the skills in zh and en with their synonyms, for search queries and documents. */
export function expandSkills(skillIds: readonly string[]): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  for (const id of skillIds) {
    const s = skillById.get(id);
    if (!s) continue;
    for (const term of [s.name, s.nameEn, ...s.synonyms.zh, ...s.synonyms.en]) {
      const key = normalizeText(term);
      if (key && !seen.has(key)) {
        seen.add(key);
        out.push(term);
      }
    }
  }
  return out;
}

/**
 * The job category a set of skills points to: a vote in which the first skills weigh most (1, 1/2, 1/3 …).
 * "other" when no skill is known.
 */
export function categoryForSkills(skillIds: readonly string[]): string {
  const votes = new Map<string, number>();
  let rank = 0;
  for (const id of skillIds) {
    const s = skillById.get(id);
    if (!s) continue;
    rank++;
    votes.set(s.category, (votes.get(s.category) ?? 0) + 1 / rank);
  }
  let winner = "other";
  let most = 0;
  for (const [category, weight] of votes) {
    if (weight > most) {
      winner = category;
      most = weight;
    }
  }
  return winner;
}

/**
 * Groups of equivalent terms (zh and en, Latin lower-cased) for the search engine's synonym settings: one per skill,
 * one per specialty (its name and synonyms), one per certificate. Groups may share terms; an engine that wants a
 * map builds term → other members of every group it is in.
 */
export function synonymGroups(): string[][] {
  const groups: string[][] = [];
  const seenGroups = new Set<string>();
  const add = (terms: string[]) => {
    const group: string[] = [];
    const seen = new Set<string>();
    for (const term of terms) {
      const t = term.normalize("NFKC").trim().toLowerCase();
      if (t.length === 0 || seen.has(t)) continue;
      seen.add(t);
      group.push(t);
    }
    if (group.length < 2) return;
    const key = [...group].sort().join("\u0000");
    if (seenGroups.has(key)) return;
    seenGroups.add(key);
    groups.push(group);
  };
  for (const s of taxonomy.skills) add([s.name, ...s.synonyms.zh, s.nameEn, ...s.synonyms.en]);
  for (const p of taxonomy.specialties) add([p.name, ...p.synonyms]);
  for (const c of taxonomy.certificates) {
    // A licence named after its trade (叉车证, 电工证, 保安员证) also finds postings that name the trade itself.
    const terms = [stripParenthetical(c.name), ...c.synonyms];
    const trade: string[] = [];
    for (const id of c.skills) {
      const s = skillById.get(id);
      if (!s) continue;
      const named = [s.name, ...s.synonyms.zh].filter((z) => [...z].length >= 2 && terms.some((t) => t.includes(z) && t !== z));
      if (named.length > 0) trade.push(...named, s.nameEn, ...s.synonyms.en.filter((e) => !e.includes(" ")));
    }
    add([...terms, ...trade]);
  }
  return groups;
}

// ---- occupational classification -------------------------------------------------------------------------------

const occupationGroupNames = new Map(occupationGroupsData.groups.map((g) => [g.code, g.name]));

/** The 职业分类大典 group of a skill: its code and name, or null when the skill names none. */
export function occupationGroupOf(skillId: string): { code: string; name: string } | null {
  const code = skillById.get(skillId)?.occupationGroup;
  const name = code ? occupationGroupNames.get(code) : undefined;
  return code && name ? { code, name } : null;
}

// ---- certificates ----------------------------------------------------------------------------------------------

/** Certificate ids named in one line of input ("B2驾驶证", "B2", "电工证", "叉车证 保安员证"). */
export function recognizeCertificates(text: string): string[] {
  const q = prepareText(text);
  if (q.text.length === 0) return [];
  const exact = certificateByTerm.get(q.text) ?? certificateByTerm.get(normalizeText(stripParenthetical(text)));
  if (exact) return [exact];
  const ids: string[] = [];
  for (const t of spotTerms(q.text, certificateTerms)) if (!ids.includes(t.owner)) ids.push(t.owner);
  return ids;
}

/** Skills implied by certificates, including the classes a higher driving licence also covers. */
export function skillsForCertificates(certs: readonly string[]): CertificateSkills {
  const skillIds: string[] = [];
  const recognized: CertificateSkills["recognized"] = [];
  const unrecognized: string[] = [];
  const addCertificate = (id: string, seen: Set<string>) => {
    if (seen.has(id)) return;
    seen.add(id);
    const c = certificateById.get(id);
    if (!c) return;
    for (const s of c.skills) if (!skillIds.includes(s)) skillIds.push(s);
    for (const lower of c.includes ?? []) addCertificate(lower, seen);
  };
  const seen = new Set<string>();
  for (const input of certs) {
    const ids = recognizeCertificates(input);
    if (ids.length === 0) {
      if (input.trim()) unrecognized.push(input);
      continue;
    }
    recognized.push({ input, certificateIds: ids });
    for (const id of ids) addCertificate(id, seen);
  }
  return { skillIds, skills: skillRefs(skillIds), recognized, unrecognized };
}

// ---- free text -------------------------------------------------------------------------------------------------

/**
 * Skill ids named in free text (a posting's title, a skill written as a phrase, a specialty the taxonomy does not
 * list): an exact name or synonym, terms spotted inside the text (longest first), certificates named in it.
 */
export function skillsInText(text: string): string[] {
  const q = prepareText(text);
  if (q.text.length === 0) return [];
  const out: string[] = [];
  const add = (id: string) => {
    if (!out.includes(id)) out.push(id);
  };
  const exact = skillByTerm.get(q.text);
  if (exact) add(exact);
  for (const t of spotTerms(q.text, skillTerms)) add(t.owner);
  for (const c of recognizeCertificates(text)) for (const s of certificateById.get(c)?.skills ?? []) add(s);
  return out;
}
