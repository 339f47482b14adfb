// Filter, facet and sort columns. Strings, booleans and arrays become keyword fields; scalar numbers a numeric
// column (missing = NaN); `_geo` two Float64Array columns (only for indexes with geo).
//
// Memory (100k documents, a dozen fields per index): a keyword field is dictionary-encoded. Per document it keeps
// value codes in the narrowest typed array that holds them (Uint8 → Uint16 → Uint32), one code per document while
// every document has at most one value, CSR (start offsets + a code pool) once some document has several. Per value
// it keeps the set of its documents for filtering: a sorted Uint32 list while rare, a bitset once the value is
// common enough that the bitset is the smaller of the two (df ≥ capacity / 32). Numeric columns hold integers in an
// Int32Array until a value does not fit (then Float64Array).

export function keywordOf(v: unknown): string | null {
  if (typeof v === "string") return v;
  if (typeof v === "boolean") return v ? "true" : "false";
  if (typeof v === "number" && Number.isFinite(v)) return String(v);
  return null;
}

/** A growable array of unsigned codes that widens itself (8 → 16 → 32 bits) when a code needs it. */
export class CodeArray {
  a: Uint8Array | Uint16Array | Uint32Array;
  n = 0;
  constructor(capacity: number) {
    this.a = new Uint8Array(Math.max(1, capacity));
  }
  private widen(v: number, capacity: number): void {
    const max = this.a instanceof Uint8Array ? 0xff : this.a instanceof Uint16Array ? 0xffff : 0xffffffff;
    if (v <= max && capacity <= this.a.length) return;
    const wide = v > 0xffff || this.a instanceof Uint32Array ? 4 : v > 0xff || this.a instanceof Uint16Array ? 2 : 1;
    let c = this.a.length;
    while (c < capacity) c *= 2;
    const b = wide === 4 ? new Uint32Array(c) : wide === 2 ? new Uint16Array(c) : new Uint8Array(c);
    b.set(this.a);
    this.a = b;
  }
  set(i: number, v: number): void {
    this.widen(v, i + 1);
    this.a[i] = v;
  }
  push(v: number): void {
    this.set(this.n, v);
    this.n++;
  }
  /** Grows to exactly `capacity` slots (no doubling); keeps the width. */
  reserve(capacity: number): void {
    if (capacity <= this.a.length) return;
    const b = new (this.a.constructor as new (n: number) => Uint8Array | Uint16Array | Uint32Array)(capacity);
    b.set(this.a);
    this.a = b;
  }
  trim(): void {
    if (this.a.length > this.n + 1) this.a = this.a.slice(0, this.n + 1);
  }
}

/** The documents of one keyword value: a sorted list while rare, a bitset once common. */
export type DocSet = { list: Uint32Array; n: number; bits: null } | { list: null; n: number; bits: Uint32Array };

export class KeywordField {
  readonly values = new Map<string, number>();
  readonly strings: string[] = [];
  readonly sets: DocSet[] = [];
  /** Single mode: codes.a[d] = value id + 1 (0: none). Multi mode: values of d are pool[start[d] .. start[d + 1]). */
  multi = false;
  codes: CodeArray;
  start: Uint32Array = new Uint32Array(0);
  readonly pool = new CodeArray(0);
  /** Shape of the raw values ("string", "list", "other") up to document `mixedFrom` (where a different one came). */
  shape: string | null = null;
  mixedFrom = Infinity;
  /** Documents 0..filled-1 have their `start` set (multi mode). */
  private filled = 0;
  private capacity: number;

  constructor(capacity: number) {
    this.capacity = capacity;
    this.codes = new CodeArray(capacity);
  }

  grow(capacity: number): void {
    if (capacity <= this.capacity) return;
    this.capacity = capacity;
    if (this.multi) {
      const s = new Uint32Array(capacity + 1);
      s.set(this.start);
      this.start = s;
    } else this.codes.reserve(capacity);
    const words = (capacity >>> 5) + 1;
    for (const s of this.sets) {
      if (s.bits && s.bits.length < words) {
        const b = new Uint32Array(words);
        b.set(s.bits);
        s.bits = b;
      }
    }
  }

  add(doc: number, raw: unknown): void {
    const shape = Array.isArray(raw) ? "list" : typeof raw === "string" ? "string" : "other";
    if (this.shape === null) this.shape = shape;
    else if (shape !== this.shape && this.mixedFrom === Infinity) this.mixedFrom = doc;
    let ids: number[] = [];
    if (Array.isArray(raw)) {
      const seen = new Set<string>();
      for (const r of raw) {
        const k = keywordOf(r);
        if (k !== null && !seen.has(k)) {
          seen.add(k);
          ids.push(this.idOf(k));
        }
      }
    } else {
      const k = keywordOf(raw);
      if (k !== null) ids = [this.idOf(k)];
    }
    if (ids.length > 1 && !this.multi) this.toMulti(doc);
    if (this.multi) {
      for (let d = this.filled; d <= doc; d++) this.start[d] = this.pool.n;
      for (const id of ids) this.pool.push(id);
      this.filled = doc + 1;
      this.start[doc + 1] = this.pool.n;
    } else if (ids.length === 1) this.codes.set(doc, ids[0] + 1);
    for (const id of ids) this.addToSet(id, doc);
  }

  private idOf(k: string): number {
    let id = this.values.get(k);
    if (id === undefined) {
      id = this.strings.length;
      this.values.set(k, id);
      this.strings.push(k);
      this.sets.push({ list: new Uint32Array(4), n: 0, bits: null });
    }
    return id;
  }

  private addToSet(id: number, doc: number): void {
    const s = this.sets[id];
    if (s.bits) {
      s.bits[doc >>> 5] |= 1 << (doc & 31);
      s.n++;
      return;
    }
    if (s.n === s.list.length) {
      if ((s.n + 1) * 32 >= this.capacity) {
        // common value: a bitset is now no larger than the list
        const bits = new Uint32Array((this.capacity >>> 5) + 1);
        for (let i = 0; i < s.n; i++) bits[s.list[i] >>> 5] |= 1 << (s.list[i] & 31);
        bits[doc >>> 5] |= 1 << (doc & 31);
        this.sets[id] = { list: null, n: s.n + 1, bits };
        return;
      }
      const b = new Uint32Array(Math.min(s.list.length * 2, (this.capacity >>> 3) + 1));
      b.set(s.list);
      s.list = b;
    }
    s.list[s.n++] = doc;
  }

  /** Switches to CSR codes: `doc` (documents are added in ascending order) has more than one value. */
  private toMulti(doc: number): void {
    const n = doc;
    this.start = new Uint32Array(this.capacity + 1);
    for (let d = 0; d < n; d++) {
      this.start[d] = this.pool.n;
      const c = d < this.codes.a.length ? this.codes.a[d] : 0;
      if (c !== 0) this.pool.push(c - 1);
    }
    this.filled = n;
    this.start[n] = this.pool.n;
    this.codes = new CodeArray(1);
    this.multi = true;
  }

  /** Value ids of `doc` into `out`; returns how many. */
  valuesOf(doc: number, out: number[]): number {
    if (!this.multi) {
      const c = doc < this.codes.a.length ? this.codes.a[doc] : 0;
      if (c === 0) return 0;
      out[0] = c - 1;
      return 1;
    }
    if (doc >= this.filled) return 0;
    const s = this.start[doc];
    const e = doc + 1 < this.filled ? this.start[doc + 1] : this.pool.n;
    for (let i = s; i < e; i++) out[i - s] = this.pool.a[i];
    return e - s;
  }

  set(value: string): DocSet | undefined {
    const id = this.values.get(value);
    return id === undefined ? undefined : this.sets[id];
  }

  /** Trims lists and the code pool to their length (after a bulk load; later additions grow them again). */
  compact(): void {
    for (const s of this.sets) if (s.list && s.list.length > s.n) s.list = s.list.slice(0, Math.max(1, s.n));
    if (this.multi) this.pool.trim();
  }

  totalPostings(): number {
    let n = 0;
    for (const s of this.sets) n += s.n;
    return n;
  }

  bytes(): number {
    let n = this.codes.a.byteLength + this.start.byteLength + this.pool.a.byteLength;
    for (const s of this.sets) n += s.bits ? s.bits.byteLength : s.list.byteLength;
    return n;
  }
}

const INT_MISSING = -2147483648;

export class NumericColumn {
  private f: Float64Array | null = null;
  private i: Int32Array;
  constructor(capacity: number) {
    this.i = new Int32Array(capacity).fill(INT_MISSING);
  }
  grow(capacity: number): void {
    if (this.f) {
      if (capacity <= this.f.length) return;
      const b = new Float64Array(capacity).fill(NaN);
      b.set(this.f);
      this.f = b;
    } else {
      if (capacity <= this.i.length) return;
      const b = new Int32Array(capacity).fill(INT_MISSING);
      b.set(this.i);
      this.i = b;
    }
  }
  /** The value of `doc`, NaN when missing. */
  get(doc: number): number {
    if (this.f !== null) return this.f[doc];
    const v = this.i[doc];
    return v === INT_MISSING ? NaN : v;
  }
  put(doc: number, v: number): void {
    if (this.f === null) {
      if (Number.isInteger(v) && v > INT_MISSING && v <= 2147483647 && !Object.is(v, -0)) {
        this.i[doc] = v;
        return;
      }
      const f = new Float64Array(this.i.length);
      for (let d = 0; d < f.length; d++) f[d] = this.i[d] === INT_MISSING ? NaN : this.i[d];
      this.f = f;
      this.i = new Int32Array(0);
    }
    this.f[doc] = v;
  }
  bytes(): number {
    return this.f ? this.f.byteLength : this.i.byteLength;
  }
}

/** The columns of one index; which kind a field gets is decided by the first non-null value it sees. */
export class FieldStore {
  readonly keyword = new Map<string, KeywordField>();
  readonly numeric = new Map<string, NumericColumn>();
  /** Geo points (Float64Array, NaN when missing); empty arrays when the index has no `_geo` column. */
  lat: Float64Array;
  lng: Float64Array;
  private capacity: number;
  private readonly columns: string[];
  private readonly geo: boolean;

  constructor(
    private readonly filterable: string[],
    private readonly sortable: string[],
    capacity = 1024,
    geo = false,
  ) {
    this.capacity = capacity;
    this.columns = [...new Set([...filterable, ...sortable])];
    this.geo = geo || this.columns.includes("_geo");
    if (this.geo && !this.columns.includes("_geo")) this.columns.push("_geo");
    this.lat = new Float64Array(this.geo ? capacity : 0).fill(NaN);
    this.lng = new Float64Array(this.geo ? capacity : 0).fill(NaN);
  }

  /** Grows every column to hold `n` documents: doubling, or to exactly `n` when `exact` (a bulk load's size). */
  ensureCapacity(n: number, exact = false): void {
    if (n <= this.capacity) return;
    let c = this.capacity;
    if (exact) c = n;
    else while (c < n) c *= 2;
    this.capacity = c;
    if (this.geo) {
      const growF = (a: Float64Array) => {
        const b = new Float64Array(c).fill(NaN);
        b.set(a);
        return b;
      };
      this.lat = growF(this.lat);
      this.lng = growF(this.lng);
    }
    for (const col of this.numeric.values()) col.grow(c);
    for (const kw of this.keyword.values()) kw.grow(c);
  }

  compact(): void {
    for (const kw of this.keyword.values()) kw.compact();
  }

  /** True when `key`'s value in `doc` can be read back from the columns exactly (the doc store then omits it). */
  derivable(key: string, v: unknown): boolean {
    if (key === "_geo") {
      if (!this.geo || typeof v !== "object" || v === null || Array.isArray(v)) return false;
      const g = v as Record<string, unknown>;
      const keys = Object.keys(g);
      return keys.length === 2 && keys[0] === "lat" && keys[1] === "lng" && typeof g.lat === "number" && typeof g.lng === "number" && !Number.isNaN(g.lat) && !Number.isNaN(g.lng);
    }
    if (typeof v === "number") return !Number.isNaN(v) && this.numeric.has(key);
    // strings, and lists of distinct strings (their order is kept by the codes), from keyword fields
    const kw = this.keyword.get(key);
    // `derive` gives a field's first shape, so only documents before the field's values mixed shapes qualify
    if (!kw || kw.mixedFrom !== Infinity) return false;
    if (typeof v === "string") return kw.shape === "string";
    if (Array.isArray(v) && kw.shape === "list") {
      for (const x of v) if (typeof x !== "string") return false;
      return new Set(v).size === v.length;
    }
    return false;
  }

  /** The value `derivable` promised. */
  derive(key: string, doc: number): unknown {
    if (key === "_geo") return { lat: this.lat[doc], lng: this.lng[doc] };
    const col = this.numeric.get(key);
    if (col) return col.get(doc);
    const kw = this.keyword.get(key)!;
    const ids: number[] = [];
    const k = kw.valuesOf(doc, ids);
    const out: string[] = [];
    for (let i = 0; i < k; i++) out.push(kw.strings[ids[i]]);
    return kw.shape === "list" ? out : out[0];
  }

  add(doc: number, d: Record<string, unknown>): void {
    for (const f of this.columns) {
      if (f === "_geo") {
        const g = d._geo as { lat?: unknown; lng?: unknown } | undefined;
        if (g && typeof g.lat === "number" && typeof g.lng === "number") {
          this.lat[doc] = g.lat;
          this.lng[doc] = g.lng;
        }
        continue;
      }
      const v = d[f];
      if (v === null || v === undefined) continue;
      if (typeof v === "number" && !this.keyword.has(f)) {
        let col = this.numeric.get(f);
        if (!col) this.numeric.set(f, (col = new NumericColumn(this.capacity)));
        col.put(doc, v);
      } else if (!this.numeric.has(f)) {
        let kw = this.keyword.get(f);
        if (!kw) this.keyword.set(f, (kw = new KeywordField(this.capacity)));
        kw.add(doc, v);
      }
    }
  }

  bytes(): number {
    let n = this.lat.byteLength + this.lng.byteLength;
    for (const c of this.numeric.values()) n += c.bytes();
    for (const k of this.keyword.values()) n += k.bytes();
    return n;
  }
}
