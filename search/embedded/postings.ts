// Interned terms and their postings: one flat arena (Uint32Array doc numbers + Uint8Array field/tf byte per
// posting, term offsets in a Uint32Array) plus a small per-term delta for incremental upserts. Doc numbers only
// grow, so every term's list stays sorted; removed documents are tombstones dropped at the next merge.

export class GrowU32 {
  a: Uint32Array;
  n = 0;
  constructor(capacity = 16) {
    this.a = new Uint32Array(Math.max(1, capacity));
  }
  push(v: number): void {
    if (this.n === this.a.length) {
      const b = new Uint32Array(this.a.length * 2);
      b.set(this.a);
      this.a = b;
    }
    this.a[this.n++] = v;
  }
}

export class GrowU8 {
  a: Uint8Array;
  n = 0;
  constructor(capacity = 16) {
    this.a = new Uint8Array(Math.max(1, capacity));
  }
  push(v: number): void {
    if (this.n === this.a.length) {
      const b = new Uint8Array(this.a.length * 2);
      b.set(this.a);
      this.a = b;
    }
    this.a[this.n++] = v;
  }
}

/** A posting's byte: the best (earliest) searchable attribute in the top 3 bits, term frequency (≤ 31) below. */
export function postingValue(field: number, tf: number): number {
  return (Math.min(field, 7) << 5) | Math.min(tf, 31);
}

/**
 * One slice of a term's postings. `packed`: doc numbers are varint gaps in `bytes` from `byteStart` (the arena);
 * otherwise plain in `docs` (the delta). `vals[start..end)` holds one byte per posting either way.
 */
export interface PostingView {
  packed: boolean;
  bytes: Uint8Array;
  byteStart: number;
  docs: Uint32Array;
  vals: Uint8Array;
  start: number;
  end: number;
}

export function emptyView(): PostingView {
  return { packed: false, bytes: new Uint8Array(0), byteStart: 0, docs: new Uint32Array(0), vals: new Uint8Array(0), start: 0, end: 0 };
}

function varintLength(x: number): number {
  return x < 0x80 ? 1 : x < 0x4000 ? 2 : x < 0x200000 ? 3 : x < 0x10000000 ? 4 : 5;
}

/**
 * Postings of all terms. The arena stores doc numbers as varint gaps (most gaps in a frequent term's list fit one
 * byte), so a posting costs about two bytes instead of five.
 */
export class PostingStore {
  readonly ids = new Map<string, number>();
  readonly strings: string[] = [];
  private sorted: string[] = [];
  private unsortedFrom = 0;

  private off = new Uint32Array(1); // posting offsets per term (into vals)
  private boff = new Uint32Array(1); // byte offsets per term (into gaps)
  private gaps = new Uint8Array(0);
  private vals = new Uint8Array(0);
  private mainTerms = 0;

  private deltaDocs: (GrowU32 | undefined)[] = [];
  private deltaVals: (GrowU8 | undefined)[] = [];
  private deltaSize = 0;

  private stageTerm = new GrowU32(0);
  private stageDoc = new GrowU32(0);
  private stageVal = new GrowU8(0);

  intern(term: string): number {
    let id = this.ids.get(term);
    if (id === undefined) {
      id = this.strings.length;
      this.ids.set(term, id);
      this.strings.push(term);
    }
    return id;
  }

  get termCount(): number {
    return this.strings.length;
  }

  /** Buffer a posting; `staged` postings are sorted into the arena by `merge()`, the others go to the delta. */
  add(term: number, doc: number, val: number, staged: boolean): void {
    if (staged) {
      this.stageTerm.push(term);
      this.stageDoc.push(doc);
      this.stageVal.push(val);
      return;
    }
    let d = this.deltaDocs[term];
    if (!d) {
      d = this.deltaDocs[term] = new GrowU32(4);
      this.deltaVals[term] = new GrowU8(4);
    }
    d.push(doc);
    this.deltaVals[term]!.push(val);
    this.deltaSize++;
  }

  get pendingDelta(): number {
    return this.deltaSize;
  }

  /** Document frequency (tombstones included until the next merge). */
  df(term: number): number {
    let n = term < this.mainTerms ? this.off[term + 1] - this.off[term] : 0;
    const d = this.deltaDocs[term];
    if (d) n += d.n;
    return n;
  }

  /** The postings of `term` as at most two slices (arena, then delta) written into `out`; returns how many. */
  slices(term: number, out: PostingView[]): number {
    let k = 0;
    if (term < this.mainTerms) {
      const s = this.off[term];
      const e = this.off[term + 1];
      if (e > s) {
        const v = out[k++];
        v.packed = true;
        v.bytes = this.gaps;
        v.byteStart = this.boff[term];
        v.vals = this.vals;
        v.start = s;
        v.end = e;
      }
    }
    const d = this.deltaDocs[term];
    if (d && d.n > 0) {
      const v = out[k++];
      v.packed = false;
      v.docs = d.a;
      v.vals = this.deltaVals[term]!.a;
      v.start = 0;
      v.end = d.n;
    }
    return k;
  }

  /** Postings staged so far (for sizing the staging buffers of a bulk load). */
  get stagedCount(): number {
    return this.stageTerm.n;
  }

  /** Rebuilds the arena from the arena, the delta and the staged postings, dropping postings of dead docs. */
  merge(alive: Uint8Array): void {
    if (this.mainTerms === 0 && this.deltaSize === 0) {
      this.mergeStagedOnly(alive);
      return;
    }
    const T = this.strings.length;
    // 1. every live posting, plain, grouped by term (arena first, then delta, then staged: doc numbers ascend)
    const counts = new Uint32Array(T + 1);
    const gaps = this.gaps;
    for (let t = 0; t < this.mainTerms; t++) {
      let p = this.boff[t];
      let doc = 0;
      for (let i = this.off[t], e = this.off[t + 1]; i < e; i++) {
        let b = gaps[p++];
        let x = b & 0x7f;
        for (let shift = 7; b & 0x80; shift += 7) {
          b = gaps[p++];
          x += (b & 0x7f) * 2 ** shift;
        }
        doc += x;
        if (alive[doc]) counts[t]++;
      }
    }
    for (let t = 0; t < T; t++) {
      const d = this.deltaDocs[t];
      if (d) for (let i = 0; i < d.n; i++) if (alive[d.a[i]]) counts[t]++;
    }
    const st = this.stageTerm.a;
    const sd = this.stageDoc.a;
    const sv = this.stageVal.a;
    const sn = this.stageTerm.n;
    for (let i = 0; i < sn; i++) if (alive[sd[i]]) counts[st[i]]++;
    const off = new Uint32Array(T + 1);
    for (let t = 0; t < T; t++) off[t + 1] = off[t] + counts[t];
    const total = off[T];
    const docs = new Uint32Array(total);
    const vals = new Uint8Array(total);
    const cursor = off.slice(0, T);
    for (let t = 0; t < this.mainTerms; t++) {
      let p = this.boff[t];
      let doc = 0;
      for (let i = this.off[t], e = this.off[t + 1]; i < e; i++) {
        let b = gaps[p++];
        let x = b & 0x7f;
        for (let shift = 7; b & 0x80; shift += 7) {
          b = gaps[p++];
          x += (b & 0x7f) * 2 ** shift;
        }
        doc += x;
        if (!alive[doc]) continue;
        const c = cursor[t]++;
        docs[c] = doc;
        vals[c] = this.vals[i];
      }
    }
    for (let t = 0; t < T; t++) {
      const dl = this.deltaDocs[t];
      if (!dl) continue;
      const d = dl.a;
      const v = this.deltaVals[t]!.a;
      for (let i = 0; i < dl.n; i++) {
        if (!alive[d[i]]) continue;
        const c = cursor[t]++;
        docs[c] = d[i];
        vals[c] = v[i];
      }
    }
    for (let i = 0; i < sn; i++) {
      if (!alive[sd[i]]) continue;
      const c = cursor[st[i]]++;
      docs[c] = sd[i];
      vals[c] = sv[i];
    }
    // 2. encode doc numbers as varint gaps
    const boff = new Uint32Array(T + 1);
    for (let t = 0; t < T; t++) {
      let len = 0;
      let prev = 0;
      for (let i = off[t]; i < off[t + 1]; i++) {
        len += varintLength(docs[i] - prev);
        prev = docs[i];
      }
      boff[t + 1] = boff[t] + len;
    }
    const out = new Uint8Array(boff[T]);
    for (let t = 0; t < T; t++) {
      let p = boff[t];
      let prev = 0;
      for (let i = off[t]; i < off[t + 1]; i++) {
        let x = docs[i] - prev;
        prev = docs[i];
        while (x >= 0x80) {
          out[p++] = (x & 0x7f) | 0x80;
          x = Math.floor(x / 128);
        }
        out[p++] = x;
      }
    }
    this.off = off;
    this.boff = boff;
    this.gaps = out;
    this.vals = vals;
    this.mainTerms = T;
    this.deltaDocs = [];
    this.deltaVals = [];
    this.deltaSize = 0;
    this.stageTerm = new GrowU32(0);
    this.stageDoc = new GrowU32(0);
    this.stageVal = new GrowU8(0);
  }

  /**
   * A fresh bulk load (no arena, no delta): encode the staged postings straight into the arena, without a
   * temporary copy of every doc number. Staged doc numbers ascend, so each term's list comes out sorted.
   */
  private mergeStagedOnly(alive: Uint8Array): void {
    const T = this.strings.length;
    const st = this.stageTerm.a;
    const sd = this.stageDoc.a;
    const sv = this.stageVal.a;
    const sn = this.stageTerm.n;
    // pass 1: postings and varint bytes per term
    const off = new Uint32Array(T + 1);
    const boff = new Uint32Array(T + 1);
    const last = new Uint32Array(T);
    for (let i = 0; i < sn; i++) {
      const d = sd[i];
      if (!alive[d]) continue;
      const t = st[i];
      off[t + 1]++;
      boff[t + 1] += varintLength(d - last[t]);
      last[t] = d;
    }
    for (let t = 0; t < T; t++) {
      off[t + 1] += off[t];
      boff[t + 1] += boff[t];
    }
    // pass 2: write
    const vals = new Uint8Array(off[T]);
    const out = new Uint8Array(boff[T]);
    const cur = off.slice(0, T);
    const bcur = boff.slice(0, T);
    last.fill(0);
    for (let i = 0; i < sn; i++) {
      const d = sd[i];
      if (!alive[d]) continue;
      const t = st[i];
      vals[cur[t]++] = sv[i];
      let x = d - last[t];
      last[t] = d;
      let p = bcur[t];
      while (x >= 0x80) {
        out[p++] = (x & 0x7f) | 0x80;
        x = Math.floor(x / 128);
      }
      out[p++] = x;
      bcur[t] = p;
    }
    this.off = off;
    this.boff = boff;
    this.gaps = out;
    this.vals = vals;
    this.mainTerms = T;
    this.deltaDocs = [];
    this.deltaVals = [];
    this.deltaSize = 0;
    this.stageTerm = new GrowU32(0);
    this.stageDoc = new GrowU32(0);
    this.stageVal = new GrowU8(0);
  }

  /** Reserve staging space for about `n` postings (avoids repeated doubling during a bulk load). */
  reserveStaging(n: number): void {
    if (this.stageTerm.a.length >= n) return;
    // one allocation for the three: for a large load it is above glibc's largest dynamic mmap threshold (32 MB), so
    // freeing it after the merge returns it to the system without raising the threshold (three separate buffers of
    // 10-40 MB would raise it, and later mid-sized buffers would then come from the heap and stay resident)
    const buf = new ArrayBuffer(n * 9);
    const term = new GrowU32(0);
    term.a = new Uint32Array(buf, 0, n);
    const doc = new GrowU32(0);
    doc.a = new Uint32Array(buf, n * 4, n);
    const val = new GrowU8(0);
    val.a = new Uint8Array(buf, n * 8, n);
    for (const [h, g] of [
      [term, this.stageTerm],
      [doc, this.stageDoc],
      [val, this.stageVal],
    ] as const) {
      h.a.set(g.a.subarray(0, g.n));
      h.n = g.n;
    }
    this.stageTerm = term;
    this.stageDoc = doc;
    this.stageVal = val;
  }

  /** Terms in code-unit order, for prefix expansion. New terms are folded in lazily. */
  sortedTerms(): string[] {
    if (this.unsortedFrom < this.strings.length) {
      const fresh = this.strings.slice(this.unsortedFrom);
      if (fresh.length > 2000 || this.sorted.length === 0) {
        this.sorted = this.sorted.concat(fresh).sort();
      } else {
        for (const t of fresh) this.sorted.splice(lowerBound(this.sorted, t), 0, t);
      }
      this.unsortedFrom = this.strings.length;
    }
    return this.sorted;
  }

  /** Term ids starting with `prefix` (the term itself excluded), most frequent first, at most `limit`. */
  prefixTerms(prefix: string, limit: number): number[] {
    const sorted = this.sortedTerms();
    const out: number[] = [];
    for (let i = lowerBound(sorted, prefix); i < sorted.length && sorted[i].startsWith(prefix); i++) {
      if (sorted[i] !== prefix) out.push(this.ids.get(sorted[i])!);
      if (out.length > limit * 8) break;
    }
    if (out.length > limit) {
      out.sort((a, b) => this.df(b) - this.df(a));
      out.length = limit;
    }
    return out;
  }

  memoryBytes(): number {
    return this.off.byteLength + this.boff.byteLength + this.gaps.byteLength + this.vals.byteLength;
  }
}

export function lowerBound(arr: string[], x: string): number {
  let lo = 0;
  let hi = arr.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (arr[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
