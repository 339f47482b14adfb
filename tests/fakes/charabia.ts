// A JavaScript copy of the parts of charabia (Meilisearch's tokenizer) that decide what a Chinese query can find:
//
// 1. The user `dictionary` pass runs first over the whole text with leftmost-longest matching (charabia builds an
//    Aho-Corasick automaton with `MatchKind::LeftmostLongest` from the `dictionary` setting, and every match becomes
//    one indivisible token — charabia `segmenter/mod.rs`, `SegmenterOption.words_dict`).
// 2. What the dictionary leaves is split by script; Han runs go to the Chinese segmenter (jieba in charabia; ICU's
//    word segmenter here, which like jieba splits unknown domain words into short pieces), Latin and digit runs into
//    words at separators.
// 3. Words are normalised: NFKC, lower case (charabia's `LowercaseNormalizer`, `CompatibilityDecompositionNormalizer`).
//
// Used by tests/fakes/meilisearch.ts for documents and queries alike, and by the dictionary audit test.

export interface Token {
  /** The normalised word. */
  word: string;
  /** Char offsets (UTF-16) in the original text, end exclusive. */
  start: number;
  end: number;
}

const HAN = /\p{Script=Han}/u;
const WORD_CHAR = /[\p{L}\p{N}]/u;
const segmenter = new Intl.Segmenter("zh", { granularity: "word" });

export function normalizeWord(s: string): string {
  return s.normalize("NFKC").toLowerCase();
}

/** Leftmost-longest matches of `words` in `text`: at each position the longest word wins, then scanning resumes after it. */
export function leftmostLongest(text: string, words: ReadonlySet<string>, maxLen: number): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  let i = 0;
  while (i < text.length) {
    let found = 0;
    for (let len = Math.min(maxLen, text.length - i); len > 0; len--) {
      if (words.has(text.slice(i, i + len))) {
        found = len;
        break;
      }
    }
    if (found > 0) {
      out.push({ start: i, end: i + found });
      i += found;
    } else i++;
  }
  return out;
}

export class Charabia {
  private readonly words: Set<string>;
  private readonly maxLen: number;

  constructor(dictionary: readonly string[] = []) {
    this.words = new Set(dictionary.filter((w) => w.length > 0));
    this.maxLen = Math.max(0, ...[...this.words].map((w) => w.length));
  }

  /** The word tokens of `text` (separators dropped), in order. */
  tokenize(text: string): Token[] {
    const out: Token[] = [];
    let cursor = 0;
    const spans = this.words.size > 0 ? leftmostLongest(text, this.words, this.maxLen) : [];
    for (const span of spans) {
      this.plain(text, cursor, span.start, out);
      out.push({ word: normalizeWord(text.slice(span.start, span.end)), start: span.start, end: span.end });
      cursor = span.end;
    }
    this.plain(text, cursor, text.length, out);
    return out;
  }

  private plain(text: string, from: number, to: number, out: Token[]) {
    if (from >= to) return;
    const part = text.slice(from, to);
    // split by script: a Han run and a Latin/digit run never share a token ("A2驾照" → a2 / 驾照)
    const runs = part.matchAll(/\p{Script=Han}+|[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu);
    for (const m of runs) {
      const start = from + (m.index ?? 0);
      const run = m[0];
      if (HAN.test(run[0])) {
        for (const seg of segmenter.segment(run)) {
          if (!WORD_CHAR.test(seg.segment)) continue;
          out.push({ word: normalizeWord(seg.segment), start: start + seg.index, end: start + seg.index + seg.segment.length });
        }
      } else {
        out.push({ word: normalizeWord(run), start, end: start + run.length });
      }
    }
  }
}

/**
 * Words a user can type and expect to find (taxonomy terms, place names): returns every pair where a dictionary
 * word swallows such a term, i.e. the term occurs inside the dictionary word without being the whole of it. With
 * leftmost-longest matching the longer word is one token, so the term never matches inside it.
 */
export function swallowedTerms(dictionary: readonly string[], queryable: readonly string[]): { word: string; term: string }[] {
  const out: { word: string; term: string }[] = [];
  const terms = [...new Set(queryable.map(normalizeWord).filter((t) => t.length >= 2))];
  for (const raw of new Set(dictionary)) {
    const word = normalizeWord(raw);
    for (const term of terms) if (term !== word && word.includes(term)) out.push({ word, term });
  }
  return out;
}
