// Chinese-aware tokenising for the embedded engine: dictionary words + Intl.Segmenter words + CJK character
// bigrams (recall when segmentation differs between document and query), lowercase Latin words, pinyin (full and
// initials) of Chinese words, Latin typo distances and highlighting.
import { pinyin } from "pinyin-pro";
import { toSimplified } from "./traditional";

/** Pinyin terms live in the same term space as words, marked so "siji" the pinyin never meets a Latin "siji". */
export const PINYIN_FULL = "\u0001";
export const PINYIN_INITIALS = "\u0002";

const CJK = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/;
// runs of CJK ideographs, or of Latin letters/digits (after NFKC, so full-width ＡＢ１ become AB1)
const RUN = /([\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+)|((?:(?![\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff])[\p{L}\p{N}])+)/gu;

export type RunKind = "cjk" | "latin";
export interface Run {
  kind: RunKind;
  text: string;
  start: number;
}

export function normalizeText(text: string): string {
  return toSimplified(text.normalize("NFKC").toLowerCase());
}

export function isCjk(s: string): boolean {
  return CJK.test(s);
}

/** Splits NFKC-lowercased text into CJK runs and Latin/number words; offsets refer to the normalized text. */
export function runs(normalized: string): Run[] {
  const out: Run[] = [];
  RUN.lastIndex = 0;
  for (let m = RUN.exec(normalized); m; m = RUN.exec(normalized)) {
    if (m[1]) out.push({ kind: "cjk", text: m[1], start: m.index });
    else if (m[2]) out.push({ kind: "latin", text: m[2], start: m.index });
  }
  return out;
}

export function bigrams(run: string): string[] {
  const out: string[] = [];
  for (let i = 0; i + 1 < run.length; i++) out.push(run.slice(i, i + 2));
  return out;
}

/** Restricted Damerau-Levenshtein (a transposition is one typo) with an early exit above `max`. */
export function typoDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const n = b.length;
  let prev2 = new Array<number>(n + 1).fill(0);
  let prev = Array.from({ length: n + 1 }, (_, j) => j);
  let cur = new Array<number>(n + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let rowMin = cur[0];
    for (let j = 1; j <= n; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, prev2[j - 2] + 1);
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  return prev[n];
}

/** Meilisearch's defaults: no typo under 5 characters, 1 from 5, 2 from 9. */
export function allowedTypos(word: string): number {
  return word.length >= 9 ? 2 : word.length >= 5 ? 1 : 0;
}

/** All strings reachable from `word` by deleting up to `k` characters (the symmetric-delete typo index). */
export function deletions(word: string, k: number): string[] {
  const out = new Set<string>();
  let frontier = [word];
  for (let d = 0; d < k; d++) {
    const next: string[] = [];
    for (const w of frontier) {
      for (let i = 0; i < w.length; i++) {
        const v = w.slice(0, i) + w.slice(i + 1);
        if (!out.has(v)) {
          out.add(v);
          next.push(v);
        }
      }
    }
    frontier = next;
  }
  return [...out];
}

export interface PinyinForms {
  full: string;
  initials: string;
}

export interface TokenizerOptions {
  /** Domain words kept whole (taxonomy terms, place names); any case, any script. */
  dictionary?: Iterable<string>;
  /** Fields longer than this skip Intl.Segmenter at index time (dictionary words + bigrams only): it is slow. */
  segmenterMaxLength?: number;
}

export interface QueryWord {
  /** The normalized word as typed (or as segmented out of a Chinese run). */
  text: string;
  kind: RunKind;
  /** Last word of the query and not followed by a space: matched as a prefix too. */
  prefix: boolean;
}

const SEGMENT_CACHE_LIMIT = 100_000;
const MAX_DICT_WORD = 12;

export class Tokenizer {
  private readonly dict = new Set<string>();
  private maxDictLen = 1;
  private readonly segmenter = new Intl.Segmenter("zh", { granularity: "word" });
  private readonly segmentCache = new Map<string, string[]>();
  private readonly pinyinCache = new Map<string, PinyinForms | null>();
  readonly segmenterMaxLength: number;

  constructor(options: TokenizerOptions = {}) {
    this.segmenterMaxLength = options.segmenterMaxLength ?? 48;
    if (options.dictionary) this.addWords(options.dictionary);
  }

  addWords(words: Iterable<string>): void {
    for (const raw of words) {
      const w = normalizeText(raw).trim();
      if (!isCjk(w)) continue;
      // only all-CJK words go into the segmentation dictionary; Latin words are split on spaces anyway
      for (const r of runs(w)) {
        if (r.kind === "cjk" && r.text.length >= 2 && r.text.length <= MAX_DICT_WORD) {
          this.dict.add(r.text);
          if (r.text.length > this.maxDictLen) this.maxDictLen = r.text.length;
        }
      }
    }
    this.segmentCache.clear();
  }

  /** Drops the segmentation and pinyin caches (after a bulk load; they refill as needed). */
  clearCaches(): void {
    this.segmentCache.clear();
    this.pinyinCache.clear();
  }

  hasWord(w: string): boolean {
    return this.dict.has(w);
  }

  /**
   * Words of one CJK run: greedy longest dictionary match, and Intl.Segmenter for the stretches between
   * dictionary words (unless `dictionaryOnly`, where those stretches are left to the bigrams).
   */
  segment(run: string, dictionaryOnly = false, subwords = false): string[] {
    const key = (dictionaryOnly ? "\u0000" : "") + (subwords ? "\u0001" : "") + run;
    const cached = this.segmentCache.get(key);
    if (cached) return cached;
    const out: string[] = [];
    let gapStart = 0;
    let i = 0;
    const flushGap = (end: number) => {
      if (end <= gapStart) return;
      const gap = run.slice(gapStart, end);
      if (dictionaryOnly) {
        if (gap.length === 1) out.push(gap);
      } else {
        for (const s of this.segmenter.segment(gap)) if (s.isWordLike !== false && s.segment.trim()) out.push(s.segment);
      }
    };
    while (i < run.length) {
      let matched = 0;
      if (this.dict.size > 0) {
        for (let len = Math.min(this.maxDictLen, run.length - i); len >= 2; len--) {
          if (this.dict.has(run.slice(i, i + len))) {
            matched = len;
            break;
          }
        }
      }
      if (matched) {
        flushGap(i);
        out.push(run.slice(i, i + matched));
        // index time: dictionary words inside a longer one (张家港 in 张家港市), as search-mode segmenters do
        if (subwords && matched >= 3) {
          for (let a = i; a < i + matched; a++) {
            for (let b = a + 2; b <= i + matched; b++) {
              if (b - a < matched && this.dict.has(run.slice(a, b))) out.push(run.slice(a, b));
            }
          }
        }
        i += matched;
        gapStart = i;
      } else {
        i++;
      }
    }
    flushGap(run.length);
    if (this.segmentCache.size >= SEGMENT_CACHE_LIMIT) this.segmentCache.clear();
    this.segmentCache.set(key, out);
    return out;
  }

  /** Full pinyin ("siji") and initials ("sj") of a Chinese word; null when it has non-Chinese characters. */
  pinyinOf(word: string): PinyinForms | null {
    let p = this.pinyinCache.get(word);
    if (p !== undefined) return p;
    p = null;
    if (word.length >= 2 && word.length <= 10) {
      const syllables = pinyin(word, { toneType: "none", type: "array", v: true }) as string[];
      if (syllables.length === word.length && syllables.every((s) => /^[a-z]+$/.test(s))) {
        p = { full: syllables.join(""), initials: syllables.map((s) => s[0]).join("") };
      }
    }
    if (this.pinyinCache.size >= SEGMENT_CACHE_LIMIT) this.pinyinCache.clear();
    this.pinyinCache.set(word, p);
    return p;
  }

  /**
   * Index terms of one field value, in order (duplicates count as term frequency). CJK: words, bigrams and the
   * pinyin of words of 2+ characters (and of short runs, so "zhangjiagang" reaches 张家港市); Latin: the word.
   */
  indexTerms(text: string, emit: (term: string) => void): number {
    const norm = normalizeText(text);
    const useSegmenter = norm.length <= this.segmenterMaxLength;
    let count = 0;
    for (const r of runs(norm)) count += this.runTerms(r, useSegmenter, emit);
    return count;
  }

  /**
   * Index terms of one run of normalized text (what `indexTerms` emits for it); returns the words counted toward
   * the field length. The result depends only on the run's text, kind and `useSegmenter`, so callers may cache it.
   */
  runTerms(r: { kind: RunKind; text: string }, useSegmenter: boolean, emit: (term: string) => void): number {
    if (r.kind === "latin") {
      emit(r.text);
      return 1;
    }
    let count = 0;
    const words = this.segment(r.text, !useSegmenter, true);
    for (const w of words) {
      emit(w);
      count++;
      // pinyin for short fields (titles, skills, names, places): on long text it adds postings, not answers
      if (useSegmenter && w.length >= 2) this.emitPinyin(w, emit);
    }
    if (r.text.length >= 2) {
      for (let i = 0; i + 1 < r.text.length; i++) emit(r.text.slice(i, i + 2));
      if (useSegmenter && r.text.length <= 8 && words.length > 1) this.emitPinyin(r.text, emit);
    } else if (words.length === 0) {
      emit(r.text);
      count++;
    }
    return count;
  }

  private emitPinyin(word: string, emit: (term: string) => void): void {
    const p = this.pinyinOf(word);
    if (!p) return;
    emit(PINYIN_FULL + p.full);
    emit(PINYIN_INITIALS + p.initials);
  }

  /** Query words: Latin words as typed, Chinese runs segmented with the dictionary and Intl.Segmenter. */
  queryWords(q: string): QueryWord[] {
    const norm = normalizeText(q);
    const rs = runs(norm);
    const out: QueryWord[] = [];
    const endsWithSpace = /[\s\p{P}]$/u.test(norm);
    for (const r of rs) {
      if (r.kind === "latin") out.push({ text: r.text, kind: "latin", prefix: false });
      else for (const w of this.segment(r.text)) out.push({ text: w, kind: "cjk", prefix: false });
    }
    if (out.length > 0 && !endsWithSpace) out[out.length - 1].prefix = true;
    return out;
  }
}

export interface HighlightTerms {
  /** Chinese strings to mark wherever they occur. */
  cjk: Iterable<string>;
  /** Latin words (lowercase) to mark when a whole word equals one. */
  latin: Iterable<string>;
  /** Latin prefixes: a word starting with one has that prefix marked. */
  latinPrefixes: Iterable<string>;
}

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

/**
 * HTML-escaped `text` with matches wrapped in <mark>…</mark>, or null when nothing matched. Matching runs on the
 * NFKC-lowercased text; when normalization changes the length, offsets map back per character.
 */
export function highlight(text: string, terms: HighlightTerms): string | null {
  const norm = normalizeText(text);
  // map normalized offsets back to the original (NFKC can change length, e.g. ﬁ → fi)
  let map: number[] | null = null;
  if (norm.length !== text.length) {
    map = [];
    let o = 0;
    for (const ch of text) {
      const n = ch.normalize("NFKC").toLowerCase();
      for (let k = 0; k < n.length; k++) map.push(o);
      o += ch.length;
    }
    map.push(text.length);
  }
  const ranges: [number, number][] = [];
  for (const t of terms.cjk) {
    if (!t) continue;
    for (let i = norm.indexOf(t); i >= 0; i = norm.indexOf(t, i + 1)) ranges.push([i, i + t.length]);
  }
  const latin = new Set(terms.latin);
  const prefixes = [...terms.latinPrefixes].filter(Boolean);
  if (latin.size > 0 || prefixes.length > 0) {
    for (const r of runs(norm)) {
      if (r.kind !== "latin") continue;
      if (latin.has(r.text)) ranges.push([r.start, r.start + r.text.length]);
      else {
        const p = prefixes.find((x) => r.text.startsWith(x));
        if (p) ranges.push([r.start, r.start + p.length]);
      }
    }
  }
  if (ranges.length === 0) return null;
  ranges.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  const merged: [number, number][] = [];
  for (const r of ranges) {
    const last = merged[merged.length - 1];
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else merged.push([r[0], r[1]]);
  }
  let out = "";
  let pos = 0;
  for (const [s0, e0] of merged) {
    const s = map ? map[s0] : s0;
    const e = map ? map[e0] : e0;
    out += escapeHtml(text.slice(pos, s)) + "<mark>" + escapeHtml(text.slice(s, e)) + "</mark>";
    pos = e;
  }
  return out + escapeHtml(text.slice(pos));
}
