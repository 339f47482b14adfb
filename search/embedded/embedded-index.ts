// One in-process index: documents, postings, columns, and term-at-a-time scoring into reused typed arrays.
import type { IndexDefinition, MatchingStrategy, SearchDocument, SearchHit, SearchQuery, SearchResult } from "../engine";
import { normalizePaging, SearchQueryError, MAX_TOTAL_HITS } from "../engine";
import { haversineMeters, validateFilter } from "../filter";
import { highlight, normalizeText, runs, Tokenizer } from "../tokenize";
import { DocStore } from "./docstore";
import { IdTable } from "./idtable";
import { FieldStore } from "./fields";
import { emptyView, GrowU32, postingValue, PostingStore, type PostingView } from "./postings";
import { QueryResolver, TypoIndex, type HighlightHint, type ResolvedWord } from "./query";
import { compileFilter, TopK } from "./searcher";

const FIELD_WEIGHT = Float64Array.from([1, 0.8, 0.65, 0.5, 0.4, 0.3, 0.25, 0.2]);
const TF_WEIGHT = Float64Array.from({ length: 32 }, (_, tf) => (tf === 0 ? 0 : (tf * 2.2) / (tf + 1.2)));

// The two hot loops, as plain functions over typed arrays so V8 keeps them monomorphic.

function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24);
}

/** One term's postings into `best` (max per doc for the current query word); returns the new touched count. */
function scanBest(
  docs: Uint32Array, vals: Uint8Array, s: number, e: number, alive: Uint8Array, bits: Uint32Array | null,
  lengths: Uint16Array, invAvg: number, idf: number, best: Float32Array, touched: Uint32Array, n: number,
): number {
  for (let i = s; i < e; i++) {
    const d = docs[i];
    if (alive[d] === 0) continue;
    if (bits !== null && (bits[d >>> 5] & (1 << (d & 31))) === 0) continue;
    const v = vals[i];
    const sc = (idf * FIELD_WEIGHT[v >>> 5] * TF_WEIGHT[v & 31]) / (0.75 + 0.25 * lengths[d] * invAvg);
    const b = best[d];
    if (b === 0) touched[n++] = d;
    if (sc > b) best[d] = sc;
  }
  return n;
}

/** scanBest over varint-gap doc numbers (the arena). */
function scanBestPacked(
  bytes: Uint8Array, p: number, vals: Uint8Array, s: number, e: number, alive: Uint8Array, bits: Uint32Array | null,
  lengths: Uint16Array, invAvg: number, idf: number, best: Float32Array, touched: Uint32Array, n: number,
): number {
  let d = 0;
  for (let i = s; i < e; i++) {
    let b = bytes[p++];
    let x = b & 0x7f;
    for (let shift = 7; b & 0x80; shift += 7) {
      b = bytes[p++];
      x += (b & 0x7f) * 2 ** shift;
    }
    d += x;
    if (alive[d] === 0) continue;
    if (bits !== null && (bits[d >>> 5] & (1 << (d & 31))) === 0) continue;
    const v = vals[i];
    const sc = (idf * FIELD_WEIGHT[v >>> 5] * TF_WEIGHT[v & 31]) / (0.75 + 0.25 * lengths[d] * invAvg);
    const bst = best[d];
    if (bst === 0) touched[n++] = d;
    if (sc > bst) best[d] = sc;
  }
  return n;
}

/** scanConj over varint-gap doc numbers (the arena). */
function scanConjPacked(
  bytes: Uint8Array, p: number, vals: Uint8Array, s: number, e: number, ti: number, alive: Uint8Array, bits: Uint32Array | null,
  lengths: Uint16Array, invAvg: number, idf: number, count: Uint8Array, score: Float32Array, touched: Uint32Array, n: number,
): number {
  let d = 0;
  for (let i = s; i < e; i++) {
    let b = bytes[p++];
    let x = b & 0x7f;
    for (let shift = 7; b & 0x80; shift += 7) {
      b = bytes[p++];
      x += (b & 0x7f) * 2 ** shift;
    }
    d += x;
    if (count[d] !== ti) continue;
    if (alive[d] === 0) continue;
    if (bits !== null && (bits[d >>> 5] & (1 << (d & 31))) === 0) continue;
    const v = vals[i];
    if (ti === 0) touched[n++] = d;
    count[d] = ti + 1;
    score[d] += (idf * FIELD_WEIGHT[v >>> 5] * TF_WEIGHT[v & 31]) / (0.75 + 0.25 * lengths[d] * invAvg);
  }
  return n;
}

/** One term of a conjunction: only docs that had the previous `ti` terms advance. */
function scanConj(
  docs: Uint32Array, vals: Uint8Array, s: number, e: number, ti: number, alive: Uint8Array, bits: Uint32Array | null,
  lengths: Uint16Array, invAvg: number, idf: number, count: Uint8Array, score: Float32Array, touched: Uint32Array, n: number,
): number {
  for (let i = s; i < e; i++) {
    const d = docs[i];
    if (count[d] !== ti) continue;
    if (alive[d] === 0) continue;
    if (bits !== null && (bits[d >>> 5] & (1 << (d & 31))) === 0) continue;
    const v = vals[i];
    if (ti === 0) touched[n++] = d;
    count[d] = ti + 1;
    score[d] += (idf * FIELD_WEIGHT[v >>> 5] * TF_WEIGHT[v & 31]) / (0.75 + 0.25 * lengths[d] * invAvg);
  }
  return n;
}
/**
 * Search scratch, sized to the largest index and shared by every index in the process: a search runs to the end
 * synchronously and leaves the accumulators zeroed, so one set serves them all (instead of one per index, kept for
 * the index's life even while it only builds).
 */
class Scratch {
  score = new Float32Array(0);
  best = new Float32Array(0);
  conjScore = new Float32Array(0);
  conjCount = new Uint8Array(0);
  mask = new Uint16Array(0);
  /** The word mask of each document the last search matched (read back for the page's hits only). */
  lastMask = new Uint16Array(0);
  touched = new Uint32Array(0);
  wordTouched = new Uint32Array(0);
  conjTouched = new Uint32Array(0);
  matchedBuf = new Uint32Array(0);
  bitsA = new Uint32Array(0);
  bitsB = new Uint32Array(0);

  ensure(n: number): void {
    if (n <= this.score.length) return;
    // some headroom so a growing index does not reallocate on every search
    const c = Math.max(1024, Math.ceil(n * 1.125));
    this.score = new Float32Array(c);
    this.best = new Float32Array(c);
    this.conjScore = new Float32Array(c);
    this.conjCount = new Uint8Array(c);
    this.mask = new Uint16Array(c);
    this.lastMask = new Uint16Array(c);
    this.touched = new Uint32Array(c);
    this.wordTouched = new Uint32Array(c);
    this.conjTouched = new Uint32Array(c);
    this.matchedBuf = new Uint32Array(c);
    this.bitsA = new Uint32Array((c >>> 5) + 1);
    this.bitsB = new Uint32Array((c >>> 5) + 1);
  }
}
const SCRATCH = new Scratch();

/**
 * Longer string values are stored cut to this many characters (docstore.ts): descriptions are indexed in full but
 * only their start is kept for hits and highlights; the app reads whole records from the database.
 */
export const STORED_TEXT_CHARS = 160;
const MAX_QUERY_WORDS = 10;
const BULK_THRESHOLD = 500;
const RUN_CACHE_LIMIT = 200_000;
const LIST_SEPARATOR = "、";
/** `firstLength` of a slot without a first-attribute string. */
const NO_TEXT = 0xffff;
const TEXT_PAGE = 0x10000;
const UTF16 = new TextDecoder("utf-16le");

export class EmbeddedIndex {
  readonly tokenizer: Tokenizer;
  private readonly store = new PostingStore();
  private readonly typos = new TypoIndex();
  private readonly resolver: QueryResolver;
  private readonly fields: FieldStore;
  private readonly synonyms = new Map<string, string[]>();

  // Documents are kept compact (docstore.ts) and decoded for the page of hits;
  // the first searchable attribute stays as a string for reranking.
  private readonly docs: DocStore;
  // normalized first attribute per slot, as UTF-16 units in 64K-unit pages (typed: no JS string per document; pages
  // are never reallocated, so a build leaves no freed copies behind); firstStart = page << 16 | offset
  private readonly firstPages: Uint16Array[] = [];
  private firstUsed = TEXT_PAGE;
  private firstStart = new Uint32Array(1024);
  private firstLength = new Uint16Array(1024).fill(NO_TEXT);
  private readonly byId = new IdTable();
  private alive = new Uint8Array(1024);
  private lengths = new Uint16Array(1024);
  private n = 0;
  private live = 0;
  private lengthSum = 0;

  // build scratch: per-term marks for the document being added, its terms, and a cache of runs → term ids
  private termMark = new Uint32Array(1024);
  private termPacked = new Uint32Array(1024);
  private readonly docTerms = new GrowU32(256);
  private readonly runCache = new Map<string, { ids: Uint32Array; count: number }>();
  private readonly views: PostingView[] = [emptyView(), emptyView()];

  constructor(readonly def: IndexDefinition) {
    this.tokenizer = new Tokenizer({ dictionary: [...def.dictionary, ...Object.keys(def.synonyms)] });
    for (const [k, v] of Object.entries(def.synonyms)) {
      const key = normalizeText(k).trim();
      this.synonyms.set(key, [...new Set([...(this.synonyms.get(key) ?? []), ...v.map((s) => normalizeText(s).trim())])]);
      // synonym words are typo targets even when no document uses them ("drivr" → driver → 司机)
      for (const s of [k, ...v]) for (const r of runs(normalizeText(s))) if (r.kind === "latin") this.store.intern(r.text);
    }
    this.fields = new FieldStore(def.filterableAttributes, [...def.sortableAttributes, ...Object.values(def.sorts).map((s) => s!.field)], 1024, def.geo);
    this.docs = new DocStore({ derived: this.fields, maxTextChars: STORED_TEXT_CHARS });
    this.resolver = new QueryResolver(this.store, this.typos, this.synonyms, (w) => this.tokenizer.hasWord(w));
  }

  get documents(): number {
    return this.live;
  }

  /** Dead slots (replaced or removed documents) waiting for a rebuild. */
  get dead(): number {
    return this.n - this.live;
  }

  get slots(): number {
    return this.n;
  }

  aliveDocuments(): SearchDocument[] {
    const out: SearchDocument[] = [];
    for (let i = 0; i < this.n; i++) if (this.alive[i]) out.push(this.docs.get(i));
    return out;
  }

  private ensureCapacity(need: number, exact = false): void {
    if (need <= this.alive.length) return;
    let c = this.alive.length;
    if (exact) c = need;
    else while (c < need) c *= 2;
    const grow = <T extends Uint8Array | Uint16Array | Uint32Array | Float32Array>(a: T, make: (n: number) => T): T => {
      const b = make(c);
      b.set(a as never);
      return b;
    };
    this.alive = grow(this.alive, (k) => new Uint8Array(k));
    this.lengths = grow(this.lengths, (k) => new Uint16Array(k));
    this.firstStart = grow(this.firstStart, (k) => new Uint32Array(k));
    this.firstLength = grow(this.firstLength, (k) => new Uint16Array(k).fill(NO_TEXT));
    this.fields.ensureCapacity(c, exact);
    this.docs.reserve(c);
    if (exact) this.byId.reserve(c);
  }

  /** Adds or replaces documents. Large batches are staged and sorted into the arena once. */
  upsert(docs: SearchDocument[]): void {
    const staged = docs.length >= BULK_THRESHOLD;
    if (staged) {
      this.ensureCapacity(this.n + docs.length, true);
      this.store.reserveStaging(docs.length * 60);
    }
    for (const d of docs) this.addOne(d, staged);
    if (staged || this.store.pendingDelta > Math.max(200_000, this.n * 4)) this.store.merge(this.alive);
  }

  /** Adds documents staged without merging (bulk loads in chunks call `finishBulk` once at the end). */
  addStaged(docs: SearchDocument[]): void {
    for (const d of docs) this.addOne(d, true);
  }

  /**
   * During a bulk load of `total` documents: size the staging buffers once from the postings per document seen so
   * far, so they are not doubled (and the old copies left behind) again and again.
   */
  reserveFor(total: number): void {
    this.ensureCapacity(total, true);
    if (this.n === 0) return;
    this.store.reserveStaging(Math.ceil((this.store.stagedCount / this.n) * total * 1.05) + 1024);
  }

  finishBulk(): void {
    this.store.merge(this.alive);
    this.fields.compact();
    this.tokenizer.clearCaches();
    this.runCache.clear();
  }

  remove(ids: string[]): void {
    for (const id of ids) this.kill(id);
  }

  private kill(id: string): void {
    const old = this.byId.get(id);
    if (old === undefined) return;
    this.alive[old] = 0;
    this.firstLength[old] = NO_TEXT;
    this.lengthSum -= this.lengths[old];
    this.byId.delete(id);
    this.live--;
  }

  private addOne(doc: SearchDocument, staged: boolean): void {
    if (typeof doc.id !== "string" || doc.id === "") throw new SearchQueryError("document id must be a non-empty string");
    this.kill(doc.id);
    const idx = this.n++;
    this.ensureCapacity(this.n);
    // per-doc term tally in typed scratch: mark[term] = idx + 1 once seen in this doc, packed = field * 1024 + tf
    this.docTerms.n = 0;
    let length = 0;
    const attrs = this.def.searchableAttributes;
    for (let f = 0; f < attrs.length; f++) {
      const v = doc[attrs[f]];
      if (Array.isArray(v)) {
        for (const t of v) if (typeof t === "string" || typeof t === "number") length += this.tally(String(t), f, idx);
      } else if (typeof v === "string" || typeof v === "number") length += this.tally(String(v), f, idx);
    }
    const dt = this.docTerms;
    const packedOf = this.termPacked;
    for (let i = 0; i < dt.n; i++) {
      const term = dt.a[i];
      const packed = packedOf[term];
      this.store.add(term, idx, postingValue(packed >>> 10, packed & 1023), staged);
    }
    // columns first: the doc store leaves out what they hold
    this.fields.add(idx, doc);
    this.docs.put(idx, doc);
    const first = doc[attrs[0]];
    if (typeof first === "string") this.setFirstText(idx, normalizeText(first));
    this.alive[idx] = 1;
    this.lengths[idx] = Math.min(65535, length);
    this.lengthSum += this.lengths[idx];
    this.byId.set(doc.id, idx);
    this.live++;
  }

  private setFirstText(idx: number, text: string): void {
    const n = Math.min(text.length, NO_TEXT - 1);
    if (this.firstUsed + n > TEXT_PAGE) {
      this.firstPages.push(new Uint16Array(TEXT_PAGE));
      this.firstUsed = 0;
    }
    const page = this.firstPages.length - 1;
    const chars = this.firstPages[page];
    const at = this.firstUsed;
    for (let i = 0; i < n; i++) chars[at + i] = text.charCodeAt(i);
    this.firstStart[idx] = page * TEXT_PAGE + at;
    this.firstLength[idx] = n;
    this.firstUsed = at + n;
  }

  /** The normalized first attribute of a document, if it is a string. */
  private firstText(idx: number): string | undefined {
    const n = this.firstLength[idx];
    if (n === NO_TEXT) return undefined;
    const start = this.firstStart[idx];
    const at = start % TEXT_PAGE;
    return UTF16.decode(this.firstPages[Math.floor(start / TEXT_PAGE)].subarray(at, at + n));
  }

  /** Adds the terms of one field value to the current doc's tally; returns the words counted for its length. */
  private tally(text: string, field: number, idx: number): number {
    const norm = normalizeText(text);
    const useSegmenter = norm.length <= this.tokenizer.segmenterMaxLength;
    let length = 0;
    for (const r of runs(norm)) {
      // a run's terms depend only on its text and whether the segmenter runs: cache them as interned ids
      const key = (useSegmenter ? "s" : "d") + r.text;
      let entry = this.runCache.get(key);
      if (entry === undefined) {
        const ids: number[] = [];
        const count = this.tokenizer.runTerms(r, useSegmenter, (term) => ids.push(this.store.intern(term)));
        entry = { ids: Uint32Array.from(ids), count };
        if (this.runCache.size >= RUN_CACHE_LIMIT) this.runCache.clear();
        this.runCache.set(key, entry);
      }
      length += entry.count;
      const ids = entry.ids;
      if (this.termMark.length < this.store.termCount) this.growTermScratch(this.store.termCount);
      const mark = this.termMark;
      const packed = this.termPacked;
      const mine = idx + 1;
      for (let i = 0; i < ids.length; i++) {
        const t = ids[i];
        if (mark[t] !== mine) {
          mark[t] = mine;
          packed[t] = field * 1024 + 1;
          this.docTerms.push(t);
        } else if ((packed[t] & 1023) < 1023) packed[t]++;
      }
    }
    return length;
  }

  private growTermScratch(need: number): void {
    let c = Math.max(1024, this.termMark.length);
    while (c < need) c *= 2;
    const m = new Uint32Array(c);
    m.set(this.termMark);
    this.termMark = m;
    const p = new Uint32Array(c);
    p.set(this.termPacked);
    this.termPacked = p;
  }

  // ------------------------------------------------------------------ search

  search(query: SearchQuery): SearchResult {
    const def = this.def;
    validateFilter(query.filter, def.filterableAttributes);
    for (const f of query.facets ?? []) {
      if (!def.filterableAttributes.includes(f)) throw new SearchQueryError(`facet is not filterable: ${f}`);
    }
    const { page, hitsPerPage } = normalizePaging(query);
    const sort = query.sort ?? "relevance";
    let sortField: { field: string; direction: "asc" | "desc" } | undefined;
    if (sort === "distance") {
      if (!def.geo) throw new SearchQueryError(`index ${def.name} has no geo points`);
      if (!query.geo) throw new SearchQueryError("sort 'distance' needs query.geo");
    } else if (sort !== "relevance") {
      sortField = def.sorts[sort];
      if (!sortField) throw new SearchQueryError(`index ${def.name} cannot sort by ${sort}`);
    }
    if (query.geo && !def.geo) throw new SearchQueryError(`index ${def.name} has no geo points`);

    this.typos.refresh(this.store);
    SCRATCH.ensure(this.n);
    const words = this.parseQuery(query.q ?? "", query.matchingStrategy ?? "last");
    const filter = compileFilter(query.filter, this.fields, (this.n >>> 5) + 1, { a: SCRATCH.bitsA, b: SCRATCH.bitsB }, query.geo);

    const k = Math.min(page * hitsPerPage, MAX_TOTAL_HITS);
    const top = new TopK(Math.min(k + 20, MAX_TOTAL_HITS));
    const sortKey = this.sortKeyFn(sort, sortField, query.geo);
    // documents that qualify (total and facets), in a reused buffer
    const matched = SCRATCH.matchedBuf;
    let nMatched = 0;

    if (!filter.empty) {
      if (words === null) {
        // no query words: every live document that passes the filter, in sort order (insertion order otherwise)
        const bits = filter.bits;
        const preds = filter.preds;
        const alive = this.alive;
        for (let d = 0; d < this.n; d++) {
          if (alive[d] === 0) continue;
          if (bits !== null && (bits[d >>> 5] & (1 << (d & 31))) === 0) continue;
          if (preds.length > 0 && !this.passes(preds, d)) continue;
          matched[nMatched++] = d;
          // in insertion order the first k are the page: past them only the count matters
          if (sortKey !== null) top.push(d, 0, sortKey(d), 0);
          else if (top.size < top.k) top.push(d, 0, 0, 0);
        }
      } else if (words.length > 0) {
        nMatched = this.scoreWords(words, filter.bits, filter.preds, query.matchingStrategy ?? "last", matched, top, sortKey);
      }
    }

    let ranked = top.sorted();
    if (words && words.length > 0) ranked = this.rerank(ranked, words, query.q ?? "");
    const pageHits = ranked.slice((page - 1) * hitsPerPage, page * hitsPerPage);
    const hits: SearchHit[] = pageHits.map((h) => {
      const document = this.docs.get(h.doc);
      const hit: SearchHit = { id: document.id, document, score: h.bucket * 1000 + h.score };
      if (query.geo) {
        const lat = this.fields.lat[h.doc];
        const lng = this.fields.lng[h.doc];
        if (!Number.isNaN(lat)) hit.distanceMeters = Math.round(haversineMeters(query.geo.lat, query.geo.lng, lat, lng));
      }
      if (query.highlight) hit.highlights = words && words.length > 0 ? this.highlights(document, words) : {};
      return hit;
    });
    // Query words that no hit on this page matched: the engine dropped them to find anything ("张家港 保安" with no
    // guard in Zhangjiagang shows other Zhangjiagang jobs), and the page says so.
    let droppedWords: string[] | undefined;
    if (words && words.length > 1 && pageHits.length > 0) {
      let seen = 0;
      for (const h of pageHits) seen |= SCRATCH.lastMask[h.doc];
      if (words.some((_, i) => (seen & (1 << i)) === 0)) {
        // said in the words as typed (数控, not the 数 and 控 it was segmented into): a typed word is left out when
        // none of the words matched came from it
        const matched = words.filter((_, i) => (seen & (1 << i)) !== 0).map((w) => w.text);
        droppedWords = normalizeText(query.q ?? "")
          .split(/\s+/)
          .filter((typed) => typed && !matched.some((m) => typed.includes(m) || m.includes(typed)));
      }
    }
    return {
      hits,
      total: Math.min(nMatched, MAX_TOTAL_HITS),
      page,
      hitsPerPage,
      facets: this.facetCounts(query.facets ?? [], matched.subarray(0, nMatched)),
      ...(droppedWords && droppedWords.length > 0 ? { droppedWords } : {}),
    };
  }

  private passes(preds: ((d: number) => boolean)[], d: number): boolean {
    for (const p of preds) if (!p(d)) return false;
    return true;
  }

  /** null: no query at all (browse); []: a query whose words match nothing. */
  private parseQuery(q: string, strategy: MatchingStrategy): ResolvedWord[] | null {
    let qw = this.tokenizer.queryWords(q);
    if (qw.length === 0) return q.trim() === "" ? null : [];
    qw = this.resolver.mergeWords(qw).slice(0, MAX_QUERY_WORDS);
    const words = qw.map((w) => this.resolver.resolve(w));
    if (strategy === "frequency") words.sort((a, b) => a.df - b.df);
    return words;
  }

  private sortKeyFn(
    sort: string,
    sortField: { field: string; direction: "asc" | "desc" } | undefined,
    geo: SearchQuery["geo"],
  ): ((d: number) => number) | null {
    if (sort === "distance" && geo) {
      const lat = this.fields.lat;
      const lng = this.fields.lng;
      return (d) => (Number.isNaN(lat[d]) ? -Infinity : -haversineMeters(geo.lat, geo.lng, lat[d], lng[d]));
    }
    if (sortField) {
      const col = this.fields.numeric.get(sortField.field);
      if (!col) return () => -Infinity;
      const sign = sortField.direction === "desc" ? 1 : -1;
      // documents without the sort field go last, as in Meilisearch
      return (d) => {
        const x = col.get(d);
        return Number.isNaN(x) ? -Infinity : sign * x;
      };
    }
    return null;
  }

  private scoreWords(
    words: ResolvedWord[],
    bits: Uint32Array | null,
    preds: ((d: number) => boolean)[],
    strategy: MatchingStrategy,
    matched: Uint32Array,
    top: TopK,
    sortKey: ((d: number) => number) | null,
  ): number {
    const N = Math.max(1, this.live);
    const avgLen = this.lengthSum / N || 1;
    const invAvg = 1 / avgLen;
    const { alive, lengths } = this;
    const { score, best, mask, touched, wordTouched, conjScore, conjCount, conjTouched } = SCRATCH;
    let nTouched = 0;
    const views = this.views;
    for (let wi = 0; wi < words.length; wi++) {
      const bit = 1 << wi;
      let nWord = 0;
      for (const alt of words[wi].alts) {
        if (alt.terms.length === 1) {
          const term = alt.terms[0];
          const idf = this.idf(term, N) * alt.factor;
          const k = this.store.slices(term, views);
          for (let j = 0; j < k; j++) {
            const v = views[j];
            nWord = v.packed
              ? scanBestPacked(v.bytes, v.byteStart, v.vals, v.start, v.end, alive, bits, lengths, invAvg, idf, best, wordTouched, nWord)
              : scanBest(v.docs, v.vals, v.start, v.end, alive, bits, lengths, invAvg, idf, best, wordTouched, nWord);
          }
        } else {
          // a conjunction (bigrams of a word, words of a phrase): a doc counts once it has every term
          let nConj = 0;
          const K = alt.terms.length;
          // rarest term first: the candidates only shrink, and an empty start ends the alternative at once
          const terms = [...alt.terms].sort((a, b) => this.store.df(a) - this.store.df(b));
          for (let ti = 0; ti < K; ti++) {
            if (ti > 0 && nConj === 0) break;
            const term = terms[ti];
            const idf = this.idf(term, N) * alt.factor;
            const k = this.store.slices(term, views);
            for (let j = 0; j < k; j++) {
              const v = views[j];
              nConj = v.packed
                ? scanConjPacked(v.bytes, v.byteStart, v.vals, v.start, v.end, ti, alive, bits, lengths, invAvg, idf, conjCount, conjScore, conjTouched, nConj)
                : scanConj(v.docs, v.vals, v.start, v.end, ti, alive, bits, lengths, invAvg, idf, conjCount, conjScore, conjTouched, nConj);
            }
          }
          for (let i = 0; i < nConj; i++) {
            const d = conjTouched[i];
            if (conjCount[d] === K) {
              const sc = conjScore[d] / K;
              if (best[d] === 0) wordTouched[nWord++] = d;
              if (sc > best[d]) best[d] = sc;
            }
            conjCount[d] = 0;
            conjScore[d] = 0;
          }
        }
      }
      for (let i = 0; i < nWord; i++) {
        const d = wordTouched[i];
        if (mask[d] === 0) touched[nTouched++] = d;
        mask[d] |= bit;
        score[d] += best[d];
        best[d] = 0;
      }
    }
    const all = (1 << words.length) - 1;
    let nMatched = 0;
    for (let i = 0; i < nTouched; i++) {
      const d = touched[i];
      const m = mask[d];
      const sc = score[d];
      mask[d] = 0;
      score[d] = 0;
      // words bucket: how many words, in strategy order, match before the first one that does not
      let bucket = 0;
      if (strategy === "all") bucket = m === all ? words.length : 0;
      else while (bucket < words.length && m & (1 << bucket)) bucket++;
      if (bucket === 0) continue;
      if (preds.length > 0 && !this.passes(preds, d)) continue;
      matched[nMatched++] = d;
      SCRATCH.lastMask[d] = m;
      top.push(d, bucket, sortKey ? sortKey(d) : 0, sc);
    }
    return nMatched;
  }

  private idf(term: number, N: number): number {
    const df = this.store.df(term);
    return Math.log(1 + (N - df + 0.5) / (df + 0.5));
  }

  /**
   * Proximity-lite and exactness on the few best candidates: all words in the first attribute (title) and the
   * title starting with the query raise the score; bucket and sort still come first.
   */
  private rerank(ranked: ReturnType<TopK["sorted"]>, words: ResolvedWord[], q: string) {
    const nq = normalizeText(q).replace(/\s+/g, "");
    for (const r of ranked) {
      const title = this.firstText(r.doc);
      if (title === undefined) continue;
      const inTitle = words.filter((w) => w.hint.cjk.some((c) => title.includes(c)) || w.hint.latin.some((l) => title.includes(l))).length;
      if (inTitle === words.length) r.score *= 1.15;
      if (nq && title.replace(/\s+/g, "").startsWith(nq)) r.score *= 1.2;
    }
    return ranked.sort((a, b) => b.bucket - a.bucket || b.key - a.key || b.score - a.score || a.doc - b.doc);
  }

  private highlights(doc: SearchDocument, words: ResolvedWord[]): Record<string, string> {
    const hint: HighlightHint = { cjk: [], latin: [], latinPrefixes: [], pinyin: [] };
    for (const w of words) {
      hint.cjk.push(...w.hint.cjk);
      hint.latin.push(...w.hint.latin);
      hint.latinPrefixes.push(...w.hint.latinPrefixes);
      hint.pinyin.push(...w.hint.pinyin);
    }
    const out: Record<string, string> = {};
    for (const field of this.def.highlightAttributes) {
      const v = doc[field];
      const text = Array.isArray(v) ? v.filter((x) => typeof x === "string").join(LIST_SEPARATOR) : typeof v === "string" ? v : null;
      if (!text) continue;
      const cjk = hint.pinyin.length > 0 ? [...hint.cjk, ...this.pinyinMatches(text, hint.pinyin)] : hint.cjk;
      const h = highlight(text, { cjk, latin: hint.latin, latinPrefixes: hint.latinPrefixes });
      if (h !== null) out[field] = h;
    }
    return out;
  }

  /** Chinese words of `text` whose pinyin equals (or starts with) a pinyin the query matched. */
  private pinyinMatches(text: string, targets: string[]): string[] {
    const out: string[] = [];
    for (const r of runs(normalizeText(text))) {
      if (r.kind !== "cjk") continue;
      // the run's words, and the run's own prefixes (a place name glued to what follows: 张家港保税区)
      const candidates = [...this.tokenizer.segment(r.text)];
      for (let len = 2; len <= Math.min(8, r.text.length); len++) candidates.push(r.text.slice(0, len));
      for (const w of candidates) {
        const p = this.tokenizer.pinyinOf(w);
        if (!p) continue;
        for (const t of targets) {
          const [kind, value] = t.split(":");
          const hit = kind === "full" ? p.full === value : kind === "initials" ? p.initials === value : p.full.startsWith(value);
          // for a prefix, the shortest run prefix is enough ("zhangjiag" marks 张家港, not the whole run)
          if (hit && !(kind === "prefix" && out.some((o) => w.startsWith(o)))) out.push(w);
        }
      }
    }
    return out;
  }

  private facetCounts(facets: string[], matched: Uint32Array): Record<string, Record<string, number>> {
    const out: Record<string, Record<string, number>> = {};
    if (facets.length === 0) return out;
    let matchedBits: Uint32Array | null = null;
    for (const f of facets) {
      const counts: Record<string, number> = {};
      const kw = this.fields.keyword.get(f);
      if (kw && matched.length > 2000) {
        // large result: each value's documents against a bitset of the matches
        if (!matchedBits) {
          matchedBits = new Uint32Array((this.n >>> 5) + 1);
          for (const d of matched) matchedBits[d >>> 5] |= 1 << (d & 31);
        }
        const words = matchedBits.length;
        for (let v = 0; v < kw.sets.length; v++) {
          const set = kw.sets[v];
          let c = 0;
          if (set.bits) {
            const b = set.bits;
            for (let i = 0; i < words; i++) {
              const x = b[i] & matchedBits[i];
              if (x !== 0) c += popcount(x);
            }
          } else {
            const l = set.list;
            for (let i = 0; i < set.n; i++) {
              const d = l[i];
              if (matchedBits[d >>> 5] & (1 << (d & 31))) c++;
            }
          }
          if (c > 0) counts[kw.strings[v]] = c;
        }
      } else if (kw) {
        const tally = new Uint32Array(kw.strings.length);
        const ids: number[] = [];
        for (const d of matched) {
          const k = kw.valuesOf(d, ids);
          for (let j = 0; j < k; j++) tally[ids[j]]++;
        }
        for (let v = 0; v < tally.length; v++) if (tally[v] > 0) counts[kw.strings[v]] = tally[v];
      } else {
        const col = this.fields.numeric.get(f);
        if (col) {
          for (const d of matched) {
            const x = col.get(d);
            if (!Number.isNaN(x)) counts[String(x)] = (counts[String(x)] ?? 0) + 1;
          }
        }
      }
      out[f] = counts;
    }
    return out;
  }

  memoryBytes(): number {
    return this.store.memoryBytes() + this.docs.bytes() + this.fields.bytes() + this.alive.byteLength + this.lengths.byteLength;
  }

  termCount(): number {
    return this.store.termCount;
  }
}
