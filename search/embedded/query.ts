// Turns query words into alternatives over interned terms: the word itself, its CJK bigrams, Latin typo
// corrections, prefix expansions, pinyin (full, initials) and synonyms. Each alternative is a conjunction of terms
// with a factor (exact 1.0 down to pinyin initials) that stands in for Meilisearch's typo and exactness rules.
import { allowedTypos, bigrams, deletions, normalizeText, PINYIN_FULL, PINYIN_INITIALS, runs, typoDistance, type QueryWord } from "../tokenize";
import { pinyin } from "pinyin-pro";
import type { PostingStore } from "./postings";

export interface HighlightHint {
  cjk: string[];
  latin: string[];
  latinPrefixes: string[];
  /** Pinyin the hit's Chinese words are compared with ("full:siji", "initials:sj", "prefix:zhangjiag"). */
  pinyin: string[];
}

export interface Alternative {
  terms: number[];
  factor: number;
}

export interface ResolvedWord {
  text: string;
  alts: Alternative[];
  hint: HighlightHint;
  /** Sum of document frequencies of the alternatives (for the 'frequency' strategy). */
  df: number;
}

export const FACTOR = {
  exact: 1,
  bigrams: 0.9,
  synonym: 0.8,
  pinyin: 0.75,
  prefix: 0.7,
  pinyinPrefix: 0.6,
  typo1: 0.55,
  pinyinTypo1: 0.5,
  cjkPrefix: 0.5,
  pinyinInitials: 0.45,
  typo2: 0.35,
  pinyinTypo2: 0.3,
} as const;

const PREFIX_LIMIT = 30;
const LATIN_WORD = /^[a-z]+$/;

/**
 * Symmetric-delete index over Latin terms and over the full pinyin of Chinese words (kept apart, so a pinyin typo
 * is corrected to pinyin and an English typo to English), extended incrementally as terms are interned.
 */
export class TypoIndex {
  private readonly byDeletion = new Map<string, number[]>();
  private readonly byPinyinDeletion = new Map<string, number[]>();
  private indexedUpTo = 0;

  refresh(store: PostingStore): void {
    const strings = store.strings;
    for (let id = this.indexedUpTo; id < strings.length; id++) {
      const raw = strings[id];
      const isPinyin = raw.startsWith(PINYIN_FULL);
      const t = isPinyin ? raw.slice(PINYIN_FULL.length) : raw;
      if (t.length < 4 || !LATIN_WORD.test(t)) continue;
      const map = isPinyin ? this.byPinyinDeletion : this.byDeletion;
      const k = t.length >= 7 ? 2 : 1;
      for (const d of [t, ...deletions(t, k)]) {
        const list = map.get(d);
        if (list) list.push(id);
        else map.set(d, [id]);
      }
    }
    this.indexedUpTo = strings.length;
  }

  /** Terms within the allowed typos of `word` (the word itself excluded), with their distance. */
  lookup(store: PostingStore, word: string): { term: number; typos: number }[] {
    return this.find(store, word, this.byDeletion, "");
  }

  /** Full-pinyin terms within the allowed typos of `word` ("xiaofagn" → the pinyin of 消防), with their distance. */
  lookupPinyin(store: PostingStore, word: string): { term: number; typos: number; pinyin: string }[] {
    return this.find(store, word, this.byPinyinDeletion, PINYIN_FULL).map((c) => ({ ...c, pinyin: store.strings[c.term].slice(PINYIN_FULL.length) }));
  }

  private find(store: PostingStore, word: string, map: Map<string, number[]>, prefix: string): { term: number; typos: number }[] {
    const k = allowedTypos(word);
    if (k === 0 || !LATIN_WORD.test(word)) return [];
    const seen = new Set<number>();
    const out: { term: number; typos: number }[] = [];
    for (const d of [word, ...deletions(word, k)]) {
      const list = map.get(d);
      if (!list) continue;
      for (const id of list) {
        if (seen.has(id)) continue;
        seen.add(id);
        const t = store.strings[id].slice(prefix.length);
        if (t === word) continue;
        const dist = typoDistance(word, t, k);
        if (dist <= k) out.push({ term: id, typos: dist });
      }
    }
    return out;
  }
}

function emptyHint(): HighlightHint {
  return { cjk: [], latin: [], latinPrefixes: [], pinyin: [] };
}

export class QueryResolver {
  constructor(
    private readonly store: PostingStore,
    private readonly typos: TypoIndex,
    /** normalized term → normalized terms of its synonym groups */
    private readonly synonyms: Map<string, string[]>,
    private readonly isDictionaryWord: (w: string) => boolean,
  ) {}

  /**
   * Merges runs of Latin words that are one synonym phrase ("security guard") into one query word, and runs whose
   * concatenation is a known pinyin or Latin term ("si ji" → "siji").
   */
  mergeWords(words: QueryWord[]): QueryWord[] {
    const out: QueryWord[] = [];
    for (let i = 0; i < words.length; ) {
      let merged = false;
      for (let len = Math.min(4, words.length - i); len >= 2; len--) {
        const slice = words.slice(i, i + len);
        if (!slice.every((w) => w.kind === "latin" && LATIN_WORD.test(w.text))) continue;
        const phrase = slice.map((w) => w.text).join(" ");
        if (this.synonyms.has(phrase)) {
          out.push({ text: phrase, kind: "latin", prefix: false });
          i += len;
          merged = true;
          break;
        }
        if (slice.every((w) => this.store.ids.has(w.text))) continue;
        const joined = slice.map((w) => w.text).join("");
        if (this.store.ids.has(PINYIN_FULL + joined) || this.store.ids.has(joined)) {
          out.push({ text: joined, kind: "latin", prefix: slice[len - 1].prefix });
          i += len;
          merged = true;
          break;
        }
      }
      if (!merged) out.push(words[i++]);
    }
    return out;
  }

  resolve(word: QueryWord): ResolvedWord {
    const alts: Alternative[] = [];
    const hint = emptyHint();
    const w = word.text;
    const term = (s: string) => this.store.ids.get(s);
    const single = (id: number | undefined, factor: number) => {
      if (id !== undefined) alts.push({ terms: [id], factor });
      return id !== undefined;
    };
    if (word.kind === "latin" && w.includes(" ")) {
      this.phraseAlternatives(w, FACTOR.exact, alts, hint);
      this.addSynonyms(w, alts, hint);
    } else if (word.kind === "latin") {
      single(term(w), FACTOR.exact);
      hint.latin.push(w);
      const corrections = this.typos.lookup(this.store, w);
      for (const c of corrections) {
        single(c.term, c.typos === 1 ? FACTOR.typo1 : FACTOR.typo2);
        hint.latin.push(this.store.strings[c.term]);
      }
      const prefixSynonyms: string[] = [];
      if (word.prefix) {
        for (const id of this.store.prefixTerms(w, PREFIX_LIMIT)) {
          single(id, FACTOR.prefix);
          // while typing an English trade word ("driv"), reach its Chinese synonyms too
          if (this.synonyms.has(this.store.strings[id]) && prefixSynonyms.length < 5) prefixSynonyms.push(this.store.strings[id]);
        }
        hint.latinPrefixes.push(w);
      }
      if (LATIN_WORD.test(w)) {
        const pinyinMatched: string[] = [];
        if (single(term(PINYIN_FULL + w), FACTOR.pinyin)) {
          hint.pinyin.push("full:" + w);
          pinyinMatched.push(w);
        } else if (term(w) === undefined && corrections.length === 0) {
          // Pinyin gets the typo tolerance of Latin words, but only for a word that is neither a known word nor
          // known pinyin and has no Latin correction: "xiaofagn" finds 消防, "nanjing" never becomes "nanning".
          for (const c of this.typos.lookupPinyin(this.store, w)) {
            single(c.term, c.typos === 1 ? FACTOR.pinyinTypo1 : FACTOR.pinyinTypo2);
            hint.pinyin.push("full:" + c.pinyin);
            pinyinMatched.push(c.pinyin);
          }
        }
        // pinyin of a taxonomy word reaches that word's synonyms too (xiaofang → 消防 → fire)
        for (const p of pinyinMatched) for (const han of this.hanWordsForPinyin(p)) this.addSynonyms(han, alts, hint);
        if (w.length >= 2 && w.length <= 6 && single(term(PINYIN_INITIALS + w), FACTOR.pinyinInitials)) {
          hint.pinyin.push("initials:" + w);
        }
        if (word.prefix && w.length >= 3) {
          const ids = this.store.prefixTerms(PINYIN_FULL + w, PREFIX_LIMIT);
          for (const id of ids) single(id, FACTOR.pinyinPrefix);
          if (ids.length > 0) hint.pinyin.push("prefix:" + w);
        }
      }
      const synSources = [w, ...corrections.filter((c) => c.typos === 1).map((c) => this.store.strings[c.term]), ...prefixSynonyms];
      for (const s of synSources) this.addSynonyms(s, alts, hint);
    } else {
      const exact = single(term(w), FACTOR.exact);
      hint.cjk.push(w);
      // a dictionary word is indexed whole wherever it occurs (sub-words included), so its bigrams add nothing
      if (w.length >= 3 && !(exact && this.isDictionaryWord(w))) {
        const bg = [...new Set(bigrams(w))].map(term);
        if (bg.every((id) => id !== undefined)) alts.push({ terms: bg as number[], factor: FACTOR.bigrams });
        hint.cjk.push(...bigrams(w));
      } else if (w.length === 1) {
        for (const id of this.store.prefixTerms(w, PREFIX_LIMIT)) single(id, FACTOR.cjkPrefix);
      }
      this.addSynonyms(w, alts, hint);
    }
    let df = 0;
    for (const a of alts) df += this.store.df(a.terms[0]);
    return { text: w, alts: dedupe(alts), hint, df };
  }

  private pinyinToHan: Map<string, string[]> | null = null;

  /** Chinese synonym keys whose full pinyin is `p` (built once from the synonym map). */
  private hanWordsForPinyin(p: string): string[] {
    if (!this.pinyinToHan) {
      const map = new Map<string, string[]>();
      for (const key of this.synonyms.keys()) {
        if (key.length < 2 || key.length > 8 || !/^[\u3400-\u9fff]+$/.test(key)) continue;
        const syllables = pinyin(key, { toneType: "none", type: "array", v: true }) as string[];
        if (syllables.length !== key.length) continue;
        const full = syllables.join("");
        const list = map.get(full);
        if (list) list.push(key);
        else map.set(full, [key]);
      }
      this.pinyinToHan = map;
    }
    return this.pinyinToHan.get(p) ?? [];
  }

  private addSynonyms(w: string, alts: Alternative[], hint: HighlightHint): void {
    const syns = this.synonyms.get(w);
    if (!syns) return;
    for (const s of syns) this.phraseAlternatives(s, FACTOR.synonym, alts, hint);
  }

  /** A synonym (possibly several words) as a conjunction of its terms; Chinese parts by word or by bigrams. */
  private phraseAlternatives(phrase: string, factor: number, alts: Alternative[], hint: HighlightHint): void {
    const rs = runs(normalizeText(phrase));
    if (rs.length === 0) return;
    const ids = this.store.ids;
    if (rs.length === 1 && rs[0].kind === "cjk") {
      const t = rs[0].text;
      const whole = ids.get(t);
      if (whole !== undefined) alts.push({ terms: [whole], factor });
      // only when the synonym was never indexed as a word: its bigrams are long lists, and a group usually
      // carries the short forms (驾驶, 司机) that find the rest
      if (whole === undefined && t.length >= 3 && !this.isDictionaryWord(t)) {
        const bg = [...new Set(bigrams(t))].map((b) => ids.get(b));
        if (bg.every((id) => id !== undefined)) alts.push({ terms: bg as number[], factor: factor * 0.95 });
      }
      hint.cjk.push(t);
      return;
    }
    const terms: number[] = [];
    for (const r of rs) {
      if (r.kind === "latin") {
        const id = ids.get(r.text);
        if (id === undefined) return;
        terms.push(id);
        hint.latin.push(r.text);
      } else {
        const whole = ids.get(r.text);
        if (whole !== undefined) terms.push(whole);
        else {
          for (const b of bigrams(r.text)) {
            const id = ids.get(b);
            if (id === undefined) return;
            terms.push(id);
          }
        }
        hint.cjk.push(r.text);
      }
    }
    alts.push({ terms: [...new Set(terms)], factor });
  }
}

function dedupe(alts: Alternative[]): Alternative[] {
  const best = new Map<string, Alternative>();
  for (const a of alts) {
    const key = a.terms.join(",");
    const prev = best.get(key);
    if (!prev || prev.factor < a.factor) best.set(key, a);
  }
  return [...best.values()];
}
