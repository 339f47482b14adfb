// Ranking helpers for the embedded engine: a bounded heap ordered like Meilisearch's rules
// (words bucket, then sort value, then relevance score, then insertion order) and the filter compiler.
import type { SearchFilter } from "../filter";
import { haversineMeters, normalizeRegionPrefix } from "../filter";
import type { FieldStore } from "./fields";
import { keywordOf, type DocSet } from "./fields";

/** Keeps the best `k` candidates; "better" = higher bucket, then higher sort key, then higher score, lower doc. */
export class TopK {
  readonly docs: Uint32Array;
  readonly bucket: Float64Array;
  readonly key: Float64Array;
  readonly score: Float64Array;
  size = 0;

  constructor(readonly k: number) {
    this.docs = new Uint32Array(k);
    this.bucket = new Float64Array(k);
    this.key = new Float64Array(k);
    this.score = new Float64Array(k);
  }

  /** a worse than b? (heap root is the worst) */
  private worse(i: number, j: number): boolean {
    if (this.bucket[i] !== this.bucket[j]) return this.bucket[i] < this.bucket[j];
    if (this.key[i] !== this.key[j]) return this.key[i] < this.key[j];
    if (this.score[i] !== this.score[j]) return this.score[i] < this.score[j];
    return this.docs[i] > this.docs[j];
  }

  private swap(i: number, j: number): void {
    const d = this.docs[i];
    this.docs[i] = this.docs[j];
    this.docs[j] = d;
    let t = this.bucket[i];
    this.bucket[i] = this.bucket[j];
    this.bucket[j] = t;
    t = this.key[i];
    this.key[i] = this.key[j];
    this.key[j] = t;
    t = this.score[i];
    this.score[i] = this.score[j];
    this.score[j] = t;
  }

  push(doc: number, bucket: number, key: number, score: number): void {
    if (this.k === 0) return;
    if (this.size === this.k) {
      // compare with the root (the worst kept)
      const r = 0;
      if (bucket !== this.bucket[r] ? bucket < this.bucket[r] : key !== this.key[r] ? key < this.key[r] : score !== this.score[r] ? score < this.score[r] : doc > this.docs[r]) {
        return;
      }
      this.docs[r] = doc;
      this.bucket[r] = bucket;
      this.key[r] = key;
      this.score[r] = score;
      this.siftDown(0);
      return;
    }
    let i = this.size++;
    this.docs[i] = doc;
    this.bucket[i] = bucket;
    this.key[i] = key;
    this.score[i] = score;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.worse(i, p)) break;
      this.swap(i, p);
      i = p;
    }
  }

  private siftDown(i: number): void {
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < this.size && this.worse(l, m)) m = l;
      if (r < this.size && this.worse(r, m)) m = r;
      if (m === i) return;
      this.swap(i, m);
      i = m;
    }
  }

  /** Entries best first. */
  sorted(): { doc: number; bucket: number; key: number; score: number }[] {
    const out = [];
    for (let i = 0; i < this.size; i++) out.push({ doc: this.docs[i], bucket: this.bucket[i], key: this.key[i], score: this.score[i] });
    out.sort((a, b) => b.bucket - a.bucket || b.key - a.key || b.score - a.score || a.doc - b.doc);
    return out;
  }
}

export interface CompiledFilter {
  /** Documents allowed by the keyword clauses, or null when there are none. */
  bits: Uint32Array | null;
  /** Checks for numeric and geo clauses, run on candidates only. */
  preds: ((doc: number) => boolean)[];
  /** Some clause can match nothing (unknown value): the result is empty. */
  empty: boolean;
}

function setBits(bits: Uint32Array, set: DocSet | undefined, words: number): void {
  if (!set) return;
  if (set.bits) {
    const b = set.bits;
    for (let i = 0; i < words; i++) bits[i] |= b[i];
    return;
  }
  const a = set.list;
  for (let i = 0; i < set.n; i++) bits[a[i] >>> 5] |= 1 << (a[i] & 31);
}

/** AND of clauses; keyword clauses become bitsets (OR of value lists), numeric and geo ones predicates. */
export function compileFilter(
  filter: SearchFilter | undefined,
  fields: FieldStore,
  words: number,
  scratch: { a: Uint32Array; b: Uint32Array },
  geo?: { lat: number; lng: number; radiusKm?: number },
): CompiledFilter {
  const preds: ((doc: number) => boolean)[] = [];
  let bits: Uint32Array | null = null;
  let empty = false;
  const andKeyword = (field: string, values: string[]) => {
    const kw = fields.keyword.get(field);
    if (!kw) {
      empty = true;
      return;
    }
    const target = bits === null ? scratch.a : scratch.b;
    target.fill(0, 0, words);
    for (const v of values) setBits(target, kw.set(v), words);
    if (bits === null) bits = target;
    else for (let i = 0; i < words; i++) bits[i] &= target[i];
  };
  const numericIn = (field: string, values: number[]) => {
    const col = fields.numeric.get(field);
    if (!col) {
      empty = true;
      return;
    }
    const set = new Set(values);
    preds.push((d) => set.has(col.get(d)));
  };
  const range = (field: string, gte?: number, lte?: number) => {
    const col = fields.numeric.get(field);
    if (!col) {
      empty = true;
      return;
    }
    const lo = gte ?? -Infinity;
    const hi = lte ?? Infinity;
    // NaN (missing) fails both comparisons, as a missing field fails a Meilisearch comparison
    preds.push((d) => {
      const x = col.get(d);
      return x >= lo && x <= hi;
    });
  };
  for (const c of filter ?? []) {
    switch (c.op) {
      case "eq":
      case "bool":
        if (typeof c.value === "number" && fields.numeric.has(c.field)) numericIn(c.field, [c.value]);
        else andKeyword(c.field, [keywordOf(c.value)!]);
        break;
      case "in":
        if (c.values.length > 0 && c.values.every((v) => typeof v === "number") && fields.numeric.has(c.field)) {
          numericIn(c.field, c.values as number[]);
        } else andKeyword(c.field, c.values.map((v) => keywordOf(v)!));
        break;
      case "prefix":
        andKeyword(c.field, [normalizeRegionPrefix(c.value)]);
        break;
      case "range":
        range(c.field, c.gte, c.lte);
        break;
      case "overlap":
        if (c.gte !== undefined) range(c.maxField, c.gte, undefined);
        if (c.lte !== undefined) range(c.minField, undefined, c.lte);
        break;
    }
  }
  if (geo && geo.radiusKm !== undefined) {
    const lat = fields.lat;
    const lng = fields.lng;
    const r = geo.radiusKm * 1000;
    // a latitude band first: cheap and exact enough to skip most far documents
    const dLat = (r / 6_371_000) * (180 / Math.PI);
    const cos = Math.cos((Math.min(89, Math.abs(geo.lat) + dLat) * Math.PI) / 180);
    const dLng = cos > 1e-6 ? Math.min(360, dLat / cos) : 360;
    preds.push(
      (d) =>
        Math.abs(lat[d] - geo.lat) <= dLat &&
        (dLng >= 180 || Math.abs(((lng[d] - geo.lng + 540) % 360) - 180) <= dLng) &&
        haversineMeters(geo.lat, geo.lng, lat[d], lng[d]) <= r,
    );
  }
  return { bits, preds, empty };
}
