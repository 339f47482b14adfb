// The in-process SearchEngine: no server, same interface and (for what we use) the same semantics as the
// Meilisearch adapter. State lives in memory; on start the app rebuilds it from the database (`replaceAll`).
import type { IndexDefinition, IndexName, SearchDocument, SearchEngine, SearchQuery, SearchResult } from "../engine";
import { SearchQueryError } from "../engine";
import { EmbeddedIndex } from "./embedded-index";


/** Documents added to a fresh index between yields in `replaceAll`. */
const CHUNK = 5000;
/** Rebuild when this share of slots holds replaced or removed documents. */
const DEAD_SHARE = 0.3;

export class EmbeddedSearchEngine implements SearchEngine {
  private readonly indexes = new Map<IndexName, EmbeddedIndex>();
  private readonly bulkChunk: number;

  /** `bulkChunk`: documents per step of `replaceAll` (tests make it small to cover several steps cheaply). */
  constructor(options: { bulkChunk?: number } = {}) {
    this.bulkChunk = options.bulkChunk ?? CHUNK;
  }

  async configure(def: IndexDefinition): Promise<void> {
    const old = this.indexes.get(def.name);
    const fresh = new EmbeddedIndex(def);
    if (old) fresh.upsert(old.aliveDocuments());
    this.indexes.set(def.name, fresh);
  }

  private get(name: IndexName): EmbeddedIndex {
    const ix = this.indexes.get(name);
    if (!ix) throw new SearchQueryError(`index not configured: ${name}`);
    return ix;
  }

  async upsert(name: IndexName, docs: SearchDocument[]): Promise<void> {
    const ix = this.get(name);
    ix.upsert(docs);
    this.maybeRebuild(name, ix);
  }

  async remove(name: IndexName, ids: string[]): Promise<void> {
    const ix = this.get(name);
    ix.remove(ids);
    this.maybeRebuild(name, ix);
  }

  async search(name: IndexName, query: SearchQuery): Promise<SearchResult> {
    return this.get(name).search(query);
  }

  async stats(name: IndexName): Promise<{ documents: number }> {
    return { documents: this.get(name).documents };
  }

  /** Builds a fresh index in chunks (yielding between them, so searches keep using the old one) and swaps it in. */
  async replaceAll(name: IndexName, docs: SearchDocument[]): Promise<void> {
    const fresh = new EmbeddedIndex(this.get(name).def);
    // per-document arrays sized once, exactly (no doubling: no larger-than-needed arrays, no freed copies)
    fresh.reserveFor(docs.length);
    const chunk = this.bulkChunk;
    for (let i = 0; i < docs.length; i += chunk) {
      fresh.addStaged(docs.slice(i, i + chunk));
      if (i === 0 && docs.length > chunk) fresh.reserveFor(docs.length);
      if (i + chunk < docs.length) await new Promise((r) => setImmediate(r));
    }
    fresh.finishBulk();
    this.indexes.set(name, fresh);
  }

  async clear(name: IndexName): Promise<void> {
    this.indexes.set(name, new EmbeddedIndex(this.get(name).def));
  }

  async health(): Promise<boolean> {
    return true;
  }

  /** The index itself, for the bench and diagnostics. */
  index(name: IndexName): EmbeddedIndex | undefined {
    return this.indexes.get(name);
  }

  private maybeRebuild(name: IndexName, ix: EmbeddedIndex): void {
    if (ix.dead > 1000 && ix.dead > ix.slots * DEAD_SHARE) {
      const fresh = new EmbeddedIndex(ix.def);
      fresh.upsert(ix.aliveDocuments());
      this.indexes.set(name, fresh);
    }
  }
}
