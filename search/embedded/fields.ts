// Filter, facet and sort columns. Strings, booleans and arrays become keyword fields (value → sorted list of doc
// numbers); scalar numbers become a Float64Array column (NaN when missing); `_geo` two Float64Array columns.
import { GrowU32 } from "./postings";

export function keywordOf(v: unknown): string | null {
  if (typeof v === "string") return v;
  if (typeof v === "boolean") return v ? "true" : "false";
  if (typeof v === "number" && Number.isFinite(v)) return String(v);
  return null;
}

export class KeywordField {
  readonly values = new Map<string, number>();
  readonly strings: string[] = [];
  readonly lists: GrowU32[] = [];
  /** Per doc: its value ids, pool[start[d] .. start[d] + count[d]) (for facet counts over few documents). */
  start: Uint32Array;
  count: Uint8Array;
  readonly pool = new GrowU32(1024);

  constructor(capacity: number) {
    this.start = new Uint32Array(capacity);
    this.count = new Uint8Array(capacity);
  }

  grow(capacity: number): void {
    if (capacity <= this.start.length) return;
    const s = new Uint32Array(capacity);
    s.set(this.start);
    this.start = s;
    const c = new Uint8Array(capacity);
    c.set(this.count);
    this.count = c;
  }

  add(doc: number, raw: unknown): void {
    this.start[doc] = this.pool.n;
    this.count[doc] = 0;
    if (Array.isArray(raw)) {
      const seen = new Set<string>();
      for (const r of raw) {
        const k = keywordOf(r);
        if (k !== null && !seen.has(k)) {
          seen.add(k);
          this.addOne(doc, k);
        }
      }
    } else {
      const k = keywordOf(raw);
      if (k !== null) this.addOne(doc, k);
    }
  }

  private addOne(doc: number, k: string): void {
    let id = this.values.get(k);
    if (id === undefined) {
      id = this.strings.length;
      this.values.set(k, id);
      this.strings.push(k);
      this.lists.push(new GrowU32(4));
    }
    this.lists[id].push(doc);
    if (this.count[doc] < 255) {
      this.pool.push(id);
      this.count[doc]++;
    }
  }

  list(value: string): GrowU32 | undefined {
    const id = this.values.get(value);
    return id === undefined ? undefined : this.lists[id];
  }

  /** Trims the value lists and the pool to their length (after a bulk load; later pushes grow them again). */
  compact(): void {
    for (const l of this.lists) if (l.a.length > l.n) l.a = l.a.slice(0, Math.max(1, l.n));
    if (this.pool.a.length > this.pool.n) this.pool.a = this.pool.a.slice(0, Math.max(1, this.pool.n));
  }

  totalPostings(): number {
    let n = 0;
    for (const l of this.lists) n += l.n;
    return n;
  }
}

export class NumericColumn {
  a: Float64Array;
  constructor(capacity: number) {
    this.a = new Float64Array(capacity).fill(NaN);
  }
  grow(capacity: number): void {
    if (capacity <= this.a.length) return;
    const b = new Float64Array(capacity).fill(NaN);
    b.set(this.a);
    this.a = b;
  }
}

/** The columns of one index; which kind a field gets is decided by the first non-null value it sees. */
export class FieldStore {
  readonly keyword = new Map<string, KeywordField>();
  readonly numeric = new Map<string, NumericColumn>();
  lat: NumericColumn;
  lng: NumericColumn;
  private capacity: number;
  private readonly columns: string[];

  constructor(
    private readonly filterable: string[],
    private readonly sortable: string[],
    capacity = 1024,
  ) {
    this.capacity = capacity;
    this.columns = [...new Set([...filterable, ...sortable])];
    this.lat = new NumericColumn(capacity);
    this.lng = new NumericColumn(capacity);
  }

  ensureCapacity(n: number): void {
    if (n <= this.capacity) return;
    let c = this.capacity;
    while (c < n) c *= 2;
    this.capacity = c;
    this.lat.grow(c);
    this.lng.grow(c);
    for (const col of this.numeric.values()) col.grow(c);
    for (const kw of this.keyword.values()) kw.grow(c);
  }

  compact(): void {
    for (const kw of this.keyword.values()) kw.compact();
  }

  add(doc: number, d: Record<string, unknown>): void {
    for (const f of this.columns) {
      if (f === "_geo") {
        const g = d._geo as { lat?: unknown; lng?: unknown } | undefined;
        if (g && typeof g.lat === "number" && typeof g.lng === "number") {
          this.lat.a[doc] = g.lat;
          this.lng.a[doc] = g.lng;
        }
        continue;
      }
      const v = d[f];
      if (v === null || v === undefined) continue;
      if (typeof v === "number" && !this.keyword.has(f)) {
        let col = this.numeric.get(f);
        if (!col) this.numeric.set(f, (col = new NumericColumn(this.capacity)));
        col.a[doc] = v;
      } else if (!this.numeric.has(f)) {
        let kw = this.keyword.get(f);
        if (!kw) this.keyword.set(f, (kw = new KeywordField(this.capacity)));
        kw.add(doc, v);
      }
    }
  }
}
