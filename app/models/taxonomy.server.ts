// Staff-edited versions of the skills taxonomy. The repository file (search/taxonomy/skills-taxonomy.json) is the
// starting point; each staff edit is validated, stored as a new taxonomy_versions row with a bumped version and made
// the active one. The newest active row wins over the file; with none active, the file is used.
import { desc, eq, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { taxonomyVersions, users } from "../../db/schema";
import { activateTaxonomy, repositoryTaxonomy } from "../../search/taxonomy";
import { validateTaxonomy, type TaxonomyProblem } from "../../search/taxonomy/validate";
import { type Taxonomy } from "../../search/taxonomy/types";
import type { SearchEngine } from "../../search/engine";
import { configureIndexes } from "../../search/sync";
import { loadActiveTaxonomy, type ActiveTaxonomy } from "../../search/taxonomy/active";
import { recordAudit, requireStaff, type Actor } from "./authz.server";
import { DomainError, NotFoundError } from "./errors";

export type { Taxonomy, TaxonomyProblem };


export type { ActiveTaxonomy };

/** A staff edit that fails validateTaxonomy. The route shows `problems` (each with a path, zh and en messages). */
export class TaxonomyInvalidError extends DomainError {
  constructor(public problems: TaxonomyProblem[]) {
    super("staff:errors.taxonomyInvalid", "json", 400);
    this.name = "TaxonomyInvalidError";
  }
}

/** The taxonomy in force: the newest active database version, or the repository file. */
export const getActiveTaxonomy = (db: Db): Promise<ActiveTaxonomy> => loadActiveTaxonomy(db);

const VERSION = /^(\d{4}\.\d{2})-(\d+)$/;

/**
 * The version after `current` ("YYYY.MM-N"): the later of the current version's month and this month (Asia/Shanghai),
 * with N one past the highest N already used in that month (among `taken`).
 */
export function nextTaxonomyVersion(current: string, taken: Iterable<string>, now = new Date()): string {
  const parts = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai", year: "numeric", month: "2-digit" }).formatToParts(now);
  const month = `${parts.find((p) => p.type === "year")!.value}.${parts.find((p) => p.type === "month")!.value}`;
  const cur = VERSION.exec(current);
  const base = cur && cur[1] > month ? cur[1] : month;
  let n = 0;
  for (const v of [current, ...taken]) {
    const m = VERSION.exec(v);
    if (m && m[1] === base) n = Math.max(n, Number(m[2]));
  }
  return `${base}-${n + 1}`;
}

function shanghaiDate(now: Date): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai", year: "numeric", month: "2-digit", day: "2-digit" }).format(now);
}

/**
 * Validate `data` (a whole taxonomy document) and store it as the new active version. The version string is
 * assigned here (bumped from the active one; whatever `data.version` said is replaced) and `updatedAt` set to today.
 * Invalid data throws TaxonomyInvalidError and changes nothing, so the previous version stays in force.
 */
export async function saveTaxonomyVersion(db: Db, actor: Actor, data: unknown, options: { now?: Date } = {}) {
  requireStaff(actor);
  const now = options.now ?? new Date();
  if (typeof data !== "object" || data === null || Array.isArray(data)) throw new TaxonomyInvalidError(validateTaxonomy(data));
  return db.transaction(async (t) => {
    const tx = t as unknown as Db;
    // One editor at a time: two saves at once would otherwise race for the same version string.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('rongye.taxonomy_versions'))`);
    const active = await getActiveTaxonomy(tx);
    const taken = (await tx.select({ version: taxonomyVersions.version }).from(taxonomyVersions)).map((r) => r.version);
    const version = nextTaxonomyVersion(active.version, taken, now);
    const document = { ...(data as Record<string, unknown>), version, updatedAt: shanghaiDate(now) };
    const problems = validateTaxonomy(document);
    if (problems.length > 0) throw new TaxonomyInvalidError(problems);
    await tx.update(taxonomyVersions).set({ active: false }).where(eq(taxonomyVersions.active, true));
    const [row] = await tx
      .insert(taxonomyVersions)
      .values({ version, data: document, active: true, createdByUserId: actor.id, createdAt: now })
      .returning({ id: taxonomyVersions.id, version: taxonomyVersions.version });
    await recordAudit(tx, actor, "taxonomy.save", String(row.id), { version, previousVersion: active.version, previousSource: active.source });
    return row;
  });
}

export interface SynonymEdit {
  /** "skill:<id>" or "specialty:<id>" */
  target: string;
  /** For skills: which synonym list; specialties have one list. */
  language: "zh" | "en";
  term: string;
}

/** A copy of `taxonomy` with one synonym added (NotFoundError for an unknown target; a duplicate is refused). */
export function withSynonym(taxonomy: Taxonomy, edit: SynonymEdit): Taxonomy {
  const [kind, id] = edit.target.split(":");
  const term = edit.term.trim();
  const copy = structuredClone(taxonomy);
  if (kind === "skill") {
    const skill = copy.skills.find((s) => s.id === id);
    if (!skill) throw new NotFoundError("staff:errors.synonymTarget");
    const list = skill.synonyms[edit.language];
    if ([skill.name, skill.nameEn, ...skill.synonyms.zh, ...skill.synonyms.en].some((x) => x.toLowerCase() === term.toLowerCase())) {
      throw new DomainError("staff:errors.synonymExists", "term");
    }
    list.push(term);
  } else if (kind === "specialty") {
    const specialty = copy.specialties.find((s) => s.id === id);
    if (!specialty) throw new NotFoundError("staff:errors.synonymTarget");
    if ([specialty.name, specialty.nameEn, ...specialty.synonyms].some((x) => x.toLowerCase() === term.toLowerCase())) {
      throw new DomainError("staff:errors.synonymExists", "term");
    }
    specialty.synonyms.push(term);
  } else {
    throw new DomainError("staff:errors.synonymTarget", "target");
  }
  return copy;
}

/** Add one synonym to the active taxonomy and save the result as a new version. */
export async function addTaxonomySynonym(db: Db, actor: Actor, edit: SynonymEdit, options: { now?: Date } = {}) {
  requireStaff(actor);
  const active = await getActiveTaxonomy(db);
  return saveTaxonomyVersion(db, actor, withSynonym(active.taxonomy, edit), options);
}

/** Make an earlier stored version the active one again; `null` goes back to the repository file. */
export async function activateTaxonomyVersion(db: Db, actor: Actor, versionId: number | null) {
  requireStaff(actor);
  return db.transaction(async (t) => {
    const tx = t as unknown as Db;
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('rongye.taxonomy_versions'))`);
    let version = repositoryTaxonomy.version;
    if (versionId !== null) {
      const [row] = await tx.select().from(taxonomyVersions).where(eq(taxonomyVersions.id, versionId));
      if (!row) throw new NotFoundError();
      if (validateTaxonomy(row.data).length > 0) throw new TaxonomyInvalidError(validateTaxonomy(row.data));
      version = row.version;
    }
    await tx.update(taxonomyVersions).set({ active: false }).where(eq(taxonomyVersions.active, true));
    if (versionId !== null) await tx.update(taxonomyVersions).set({ active: true }).where(eq(taxonomyVersions.id, versionId));
    await recordAudit(tx, actor, "taxonomy.activate", versionId === null ? null : String(versionId), { version, source: versionId === null ? "repository" : "database" });
    return { version };
  });
}

/** Stored versions, newest first, with who saved them. */
export async function listTaxonomyVersions(db: Db, actor: Actor, limit = 50) {
  requireStaff(actor);
  return db
    .select({
      id: taxonomyVersions.id,
      version: taxonomyVersions.version,
      active: taxonomyVersions.active,
      createdAt: taxonomyVersions.createdAt,
      createdBy: users.displayName,
    })
    .from(taxonomyVersions)
    .leftJoin(users, eq(users.id, taxonomyVersions.createdByUserId))
    .orderBy(desc(taxonomyVersions.id))
    .limit(Math.min(Math.max(limit, 1), 200));
}

/** The repository file's version, for the history list ("the file shipped with the app"). */
export const REPOSITORY_TAXONOMY_VERSION = repositoryTaxonomy.version;

/**
 * Put the active version to work in this process: the skills translator and matching use it at once, and (given the
 * search engine) the indexes' synonyms are re-applied. Other app servers pick it up when they restart.
 */
export async function applyActiveTaxonomy(db: Db, search?: SearchEngine): Promise<string> {
  const active = await getActiveTaxonomy(db);
  const version = activateTaxonomy(active.taxonomy);
  // configureIndexes reads the active version again itself (every process that sets up indexes does)
  if (search) await configureIndexes(db, search);
  return version;
}
