// Document id → slot, in typed storage: the ids' characters in 64 KB pages (one byte a unit when every unit of an
// id is below 256, two otherwise) and an open-addressing hash table of slot numbers. A Map<string, number> of 100k
// ids costs several MB of JS heap (its table plus a string per id); this costs about 10 bytes a document plus the
// ids' characters.

const PAGE = 0x10000;
/** Ids longer than this (units) are kept in a plain Map (never in practice). */
const MAX_TYPED = 0x3fff;
const WIDE = 0x8000;
const EMPTY = 0;
const TOMB = -1;

function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

export class IdTable {
  private readonly pages: Uint8Array[] = [];
  private used = PAGE; // forces a first page
  private start = new Uint32Array(0); // page * PAGE + offset, per slot
  private len = new Uint16Array(0); // units (| WIDE: two bytes a unit), per slot
  private table = new Int32Array(1024); // slot + 1, EMPTY or TOMB
  private live = 0;
  private tombs = 0;
  private readonly long = new Map<string, number>();

  /** Room for `slots` slots and as many ids without growing (a bulk load knows its size). */
  reserve(slots: number): void {
    if (slots > this.start.length) this.resizeSlots(slots);
    let cap = this.table.length;
    while (cap < slots * 2) cap *= 2;
    if (cap > this.table.length) this.rehash(cap);
  }

  get(id: string): number | undefined {
    if (id.length > MAX_TYPED) return this.long.get(id);
    const t = this.table;
    const mask = t.length - 1;
    for (let h = hashString(id) & mask; ; h = (h + 1) & mask) {
      const e = t[h];
      if (e === EMPTY) return undefined;
      if (e > 0 && this.equals(e - 1, id)) return e - 1;
    }
  }

  /** Maps `id` (not present: delete it first) to a new `slot`. */
  set(id: string, slot: number): void {
    if (id.length > MAX_TYPED) {
      this.long.set(id, slot);
      return;
    }
    if (slot >= this.start.length) this.resizeSlots(Math.max(1024, this.start.length * 2, slot + 1));
    this.store(slot, id);
    if ((this.live + this.tombs + 1) * 2 > this.table.length) {
      let cap = this.table.length;
      while (cap < (this.live + 1) * 4) cap *= 2;
      this.rehash(cap);
    }
    this.insert(hashString(id), slot);
    this.live++;
  }

  delete(id: string): void {
    if (id.length > MAX_TYPED) {
      this.long.delete(id);
      return;
    }
    const t = this.table;
    const mask = t.length - 1;
    for (let h = hashString(id) & mask; ; h = (h + 1) & mask) {
      const e = t[h];
      if (e === EMPTY) return;
      if (e > 0 && this.equals(e - 1, id)) {
        t[h] = TOMB;
        this.live--;
        this.tombs++;
        return;
      }
    }
  }

  bytes(): number {
    return this.pages.length * PAGE + this.start.byteLength + this.len.byteLength + this.table.byteLength;
  }

  private insert(hash: number, slot: number): void {
    const t = this.table;
    const mask = t.length - 1;
    let h = hash & mask;
    while (t[h] > 0) h = (h + 1) & mask;
    if (t[h] === TOMB) this.tombs--;
    t[h] = slot + 1;
  }

  private rehash(cap: number): void {
    const old = this.table;
    this.table = new Int32Array(cap);
    this.tombs = 0;
    for (let i = 0; i < old.length; i++) if (old[i] > 0) this.insert(this.hashStored(old[i] - 1), old[i] - 1);
  }

  private resizeSlots(n: number): void {
    const s = new Uint32Array(n);
    s.set(this.start);
    this.start = s;
    const l = new Uint16Array(n);
    l.set(this.len);
    this.len = l;
  }

  private store(slot: number, id: string): void {
    let wide = false;
    for (let i = 0; i < id.length; i++) if (id.charCodeAt(i) > 0xff) wide = true;
    const bytes = wide ? id.length * 2 : id.length;
    if (this.used + bytes > PAGE) {
      this.pages.push(new Uint8Array(PAGE));
      this.used = 0;
    }
    const page = this.pages[this.pages.length - 1];
    let p = this.used;
    for (let i = 0; i < id.length; i++) {
      const c = id.charCodeAt(i);
      if (wide) {
        page[p++] = c & 0xff;
        page[p++] = c >>> 8;
      } else page[p++] = c;
    }
    this.start[slot] = (this.pages.length - 1) * PAGE + this.used;
    this.len[slot] = id.length | (wide ? WIDE : 0);
    this.used = p;
  }

  private unit(page: Uint8Array, at: number, wide: boolean, i: number): number {
    return wide ? page[at + 2 * i] | (page[at + 2 * i + 1] << 8) : page[at + i];
  }

  private equals(slot: number, id: string): boolean {
    const l = this.len[slot];
    const n = l & ~WIDE;
    if (n !== id.length) return false;
    const wide = (l & WIDE) !== 0;
    const s = this.start[slot];
    const page = this.pages[Math.floor(s / PAGE)];
    const at = s % PAGE;
    for (let i = 0; i < n; i++) if (this.unit(page, at, wide, i) !== id.charCodeAt(i)) return false;
    return true;
  }

  private hashStored(slot: number): number {
    const l = this.len[slot];
    const n = l & ~WIDE;
    const wide = (l & WIDE) !== 0;
    const s = this.start[slot];
    const page = this.pages[Math.floor(s / PAGE)];
    const at = s % PAGE;
    let h = 0x811c9dc5;
    for (let i = 0; i < n; i++) h = Math.imul(h ^ this.unit(page, at, wide, i), 0x01000193);
    return h >>> 0;
  }
}
