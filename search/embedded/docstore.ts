// Stored documents, compact: each document is JSON of [keyId, value, keyId, value, …] (key names interned once per
// index, short repeating values too), encoded into 1 MB slabs with a per-store code table: ASCII takes one byte,
// any other UTF-16 code unit two (a code its first use assigns; UTF-8 would take three for Chinese), and past
// 32767 distinct code units the rest take four (an escape and the unit itself). Chinese JSON held as JS strings costs two bytes a character and repeats
// every key name; this halves the memory of 100k documents. Slots of replaced documents are reclaimed on rebuild.
//
// Two options cut it further (the embedded index uses both):
// - `derived`: values the filter/sort columns already hold exactly (numbers in numeric columns, `_geo`) are not
//   written; a bitmask at the head of the document names them (keys among the first 30 only) and `get` reads them
//   back (after the stored keys: key order may differ from the original).
// - `maxTextChars`: string values longer than this are stored cut to their first `maxTextChars` characters plus
//   "…". Search never needs more: the index is built from the full text before it is stored, pages read the record
//   itself from the database, and highlights (an excerpt around a match) are made from the stored part — so a match
//   that lies only past the cut finds the document but gives no highlight for that field.
import type { SearchDocument } from "../engine";

/** Where a document's omitted values come from (the index's columns). */
export interface DerivedValues {
  /** True when `get` can read this value of the document back exactly through `derive`. */
  derivable(key: string, value: unknown): boolean;
  derive(key: string, slot: number): unknown;
}

export interface DocStoreOptions {
  derived?: DerivedValues;
  maxTextChars?: number;
}

/** Keys whose id is below this can be derived (one bit each in the document's head). */
const DERIVED_KEYS = 30;
export const TRUNCATION_MARK = "…";

/** `text` cut to at most `max` UTF-16 units plus a mark, never inside a surrogate pair. */
export function truncateText(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = max;
  const c = text.charCodeAt(end - 1);
  if (c >= 0xd800 && c <= 0xdbff) end--;
  return text.slice(0, end) + TRUNCATION_MARK;
}

const SLAB = 1 << 20;
/** Bytes per UTF-16 code unit at most (an escaped unit). */
const WORST = 4;
/** Codes 0 … 0x7ffe name table entries; 0x7fff (bytes ff ff) escapes a unit not in the full table. */
const MAX_CODES = 0x7fff;
const decoder = new TextDecoder("utf-16le");
let units = new Uint16Array(4096);

/** Values of one key stop being shared once it has this many distinct ones (titles, descriptions: unique). */
const MAX_SHARED_PER_KEY = 5000;
const MAX_SHARED_LENGTH = 80;

function sharedArrayKey(id: number, v: unknown[]): string | null {
  const json = JSON.stringify(v);
  return json.length <= MAX_SHARED_LENGTH ? id + ":" + json : null;
}

export class DocStore {
  private readonly keyIds = new Map<string, number>();
  private readonly keys: string[] = [];
  // Short values that repeat (region names and codes, categories, skills, ranks) are stored once: a document then
  // holds [-(keyId + 1), valueId] instead of [keyId, value].
  private readonly sharedIds = new Map<string, number>();
  private readonly shared: unknown[] = [];
  private readonly sharedPerKey: number[] = [];
  private readonly slabs: Uint8Array[] = [];
  private used = SLAB; // forces a first slab
  private slab = new Uint16Array(1024);
  private offset = new Uint32Array(1024);
  private length = new Uint32Array(1024);

  constructor(private readonly options: DocStoreOptions = {}) {}

  /** Per-document arrays sized for exactly `n` slots (a bulk load knows its size: no doubling, no freed copies). */
  reserve(n: number): void {
    if (n > this.slab.length) this.resize(n);
  }

  private grow(n: number): void {
    if (n <= this.slab.length) return;
    let c = this.slab.length;
    while (c < n) c *= 2;
    this.resize(c);
  }

  private resize(c: number): void {
    const s = new Uint16Array(c);
    s.set(this.slab);
    this.slab = s;
    const o = new Uint32Array(c);
    o.set(this.offset);
    this.offset = o;
    const l = new Uint32Array(c);
    l.set(this.length);
    this.length = l;
  }

  put(slot: number, doc: SearchDocument): void {
    this.grow(slot + 1);
    const flat: unknown[] = [0];
    let mask = 0;
    const { derived, maxTextChars } = this.options;
    for (const k of Object.keys(doc)) {
      let v = doc[k];
      if (v === undefined) continue;
      let id = this.keyIds.get(k);
      if (id === undefined) {
        id = this.keys.length;
        this.keyIds.set(k, id);
        this.keys.push(k);
        this.sharedPerKey.push(0);
      }
      if (derived && id < DERIVED_KEYS && derived.derivable(k, v)) {
        mask |= 1 << id;
        continue;
      }
      if (maxTextChars !== undefined && typeof v === "string" && k !== "id") v = truncateText(v, maxTextChars);
      // strings are keyed as they are, arrays by their JSON (different marks, so the two never collide)
      const sharedKey =
        typeof v === "string" ? (v.length <= MAX_SHARED_LENGTH ? id + "\u0001" + v : null) : Array.isArray(v) ? sharedArrayKey(id, v) : null;
      if (sharedKey !== null) {
        let ref = this.sharedIds.get(sharedKey);
        if (ref === undefined && this.sharedPerKey[id] < MAX_SHARED_PER_KEY) {
          ref = this.shared.length;
          this.shared.push(v);
          this.sharedIds.set(sharedKey, ref);
          this.sharedPerKey[id]++;
        }
        if (ref !== undefined) {
          flat.push(-(id + 1), ref);
          continue;
        }
      }
      flat.push(id, v);
    }
    flat[0] = mask;
    const json = JSON.stringify(flat);
    const worst = json.length * WORST;
    if (worst > SLAB) {
      // an outsized document gets a slab of its own
      const tmp = new Uint8Array(worst);
      const bytes = tmp.slice(0, this.encode(json, tmp, 0));
      this.slabs.push(bytes);
      this.slab[slot] = this.slabs.length - 1;
      this.offset[slot] = 0;
      this.length[slot] = bytes.length;
      this.used = SLAB;
      return;
    }
    if (this.used + worst > SLAB) {
      this.slabs.push(new Uint8Array(SLAB));
      this.used = 0;
    }
    const target = this.slabs.length - 1;
    const end = this.encode(json, this.slabs[target], this.used);
    this.slab[slot] = target;
    this.offset[slot] = this.used;
    this.length[slot] = end - this.used;
    this.used = end;
  }

  // code unit → its code + 1 (0: none yet), and code → code unit
  private codeOf = new Uint16Array(65536);
  private unitOf = new Uint16Array(256);
  private codes = 0;

  /** Writes `text` into `out` from `p`; returns the end. */
  private encode(text: string, out: Uint8Array, p: number): number {
    const codeOf = this.codeOf;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c < 0x80) {
        out[p++] = c;
        continue;
      }
      let k = codeOf[c];
      if (k === 0 && this.codes < MAX_CODES) {
        if (this.codes === this.unitOf.length) {
          const u = new Uint16Array(Math.min(MAX_CODES, this.unitOf.length * 2));
          u.set(this.unitOf);
          this.unitOf = u;
        }
        this.unitOf[this.codes] = c;
        k = codeOf[c] = ++this.codes;
      }
      if (k !== 0) {
        const code = k - 1;
        out[p++] = 0x80 | (code >>> 8);
        out[p++] = code & 0xff;
      } else {
        out[p++] = 0xff;
        out[p++] = 0xff;
        out[p++] = c >>> 8;
        out[p++] = c & 0xff;
      }
    }
    return p;
  }

  private decode(bytes: Uint8Array, start: number, end: number): string {
    if (units.length < end - start) units = new Uint16Array(Math.max(end - start, units.length * 2));
    const u = units;
    const unitOf = this.unitOf;
    let n = 0;
    for (let p = start; p < end; ) {
      const b = bytes[p++];
      if (b < 0x80) u[n++] = b;
      else {
        const code = ((b & 0x7f) << 8) | bytes[p++];
        if (code === MAX_CODES) {
          u[n++] = (bytes[p] << 8) | bytes[p + 1];
          p += 2;
        } else u[n++] = unitOf[code];
      }
    }
    return decoder.decode(u.subarray(0, n));
  }

  get(slot: number): SearchDocument {
    const s = this.slabs[this.slab[slot]];
    const flat = JSON.parse(this.decode(s, this.offset[slot], this.offset[slot] + this.length[slot])) as unknown[];
    const doc: Record<string, unknown> = {};
    for (let i = 1; i < flat.length; i += 2) {
      const k = flat[i] as number;
      if (k >= 0) doc[this.keys[k]] = flat[i + 1];
      else {
        const v = this.shared[flat[i + 1] as number];
        // callers get their own arrays
        doc[this.keys[-k - 1]] = Array.isArray(v) ? [...v] : v;
      }
    }
    const mask = flat[0] as number;
    if (mask !== 0) {
      for (let id = 0; id < DERIVED_KEYS; id++) {
        if (mask & (1 << id)) doc[this.keys[id]] = this.options.derived!.derive(this.keys[id], slot);
      }
    }
    return doc as SearchDocument;
  }

  bytes(): number {
    return (
      this.slabs.reduce((n, s) => n + s.byteLength, 0) +
      this.slab.byteLength +
      this.offset.byteLength +
      this.length.byteLength +
      this.codeOf.byteLength +
      this.unitOf.byteLength
    );
  }
}
