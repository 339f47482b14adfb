// The taxonomy in force is the newest active taxonomy_versions row (staff edits), or the repository file when there is
// none. Every process that builds search settings — web servers, the worker, `npm run reindex`, the CLIs — reads it
// from the database here, so no process overwrites the staff-activated synonyms with the repository's.
import { desc, eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { taxonomyVersions } from "../../db/schema";
import { activateTaxonomy, repositoryTaxonomy } from "./index";
import { validateTaxonomy } from "./validate";
import type { Taxonomy } from "./types";

export interface ActiveTaxonomy {
  taxonomy: Taxonomy;
  version: string;
  source: "database" | "repository";
  /** The taxonomy_versions row, when the source is the database. */
  versionId: number | null;
  createdAt: Date | null;
}

/** The taxonomy in force: the newest active database version, or the repository file. */
export async function loadActiveTaxonomy(db: Db): Promise<ActiveTaxonomy> {
  const [row] = await db
    .select()
    .from(taxonomyVersions)
    .where(eq(taxonomyVersions.active, true))
    .orderBy(desc(taxonomyVersions.id))
    .limit(1);
  // A stored row was validated when saved; check again so a hand-edited row can never break the app.
  if (row && validateTaxonomy(row.data).length === 0) {
    return { taxonomy: row.data as Taxonomy, version: row.version, source: "database", versionId: row.id, createdAt: row.createdAt };
  }
  return { taxonomy: repositoryTaxonomy, version: repositoryTaxonomy.version, source: "repository", versionId: null, createdAt: null };
}

/** Make the database's active taxonomy the one this process uses (translator, matching, search synonyms). */
export async function activateDatabaseTaxonomy(db: Db): Promise<string> {
  return activateTaxonomy((await loadActiveTaxonomy(db)).taxonomy);
}
