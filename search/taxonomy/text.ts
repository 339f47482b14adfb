// Text helpers for the skills translator: one normal form for taxonomy terms and user input, term spotting in
// free text, and the similarity measures used for near-misses (character edit distance, character bigrams, and
// toneless pinyin, because most Chinese typing mistakes are homophones picked from the IME: 驾使员 for 驾驶员).
import { pinyin } from "pinyin-pro";

const HAN = /\p{Script=Han}/u;
const NOT_WORD = /[^\p{Script=Han}a-z0-9]+/gu;

export function hasHan(s: string): boolean {
  return HAN.test(s);
}

/**
 * NFKC (full-width → half-width), lower case, punctuation → space; spaces are kept only between two Latin or digit
 * runs ("truck driver"), so "IT 运维" and "IT运维" and "汽车驾驶员，开过大车" compare as written without separators.
 */
export function normalizeText(input: string): string {
  const spaced = input.normalize("NFKC").toLowerCase().replace(NOT_WORD, " ").trim();
  return spaced.replace(/ +/g, (gap, offset: number, whole: string) => {
    const before = whole[offset - 1] ?? "";
    const after = whole[offset + gap.length] ?? "";
    return HAN.test(before) || HAN.test(after) ? "" : " ";
  });
}

export interface PreparedText {
  /** normalised text */
  text: string;
  /** code points of `text` */
  chars: string[];
  /** toneless pinyin per code point (non-Han characters stand for themselves) */
  syllables: string[];
  han: boolean;
  charSet: Set<string>;
  syllableSet: Set<string>;
}

export function syllablesOf(chars: string[]): string[] {
  if (!chars.some((c) => HAN.test(c))) return chars;
  const joined = chars.join("");
  const out = pinyin(joined, { toneType: "none", type: "array", v: true }) as string[];
  if (out.length === chars.length) return out;
  return chars.map((c) => (HAN.test(c) ? (pinyin(c, { toneType: "none", type: "array", v: true })[0] ?? c) : c));
}

export function prepareText(input: string): PreparedText {
  const text = normalizeText(input);
  const chars = Array.from(text);
  const syllables = syllablesOf(chars);
  return {
    text,
    chars,
    syllables,
    han: hasHan(text),
    charSet: new Set(chars.filter((c) => c !== " ")),
    syllableSet: new Set(syllables.filter((s) => s !== " ")),
  };
}

/** Levenshtein distance over arrays (code points or syllables). */
export function editDistance(a: readonly string[], b: readonly string[]): number {
  if (a.length === 0) return b.length;
  if (b.length === 0) return a.length;
  let prev = new Array<number>(b.length + 1);
  let curr = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    curr[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      curr[j] = Math.min(prev[j] + 1, curr[j - 1] + 1, prev[j - 1] + cost);
    }
    [prev, curr] = [curr, prev];
  }
  return prev[b.length];
}

export function bigrams(chars: readonly string[]): Set<string> {
  const out = new Set<string>();
  for (let i = 0; i + 1 < chars.length; i++) out.add(chars[i] + chars[i + 1]);
  return out;
}

function syllableBigrams(syllables: readonly string[], from: number, to: number): Set<string> {
  const out = new Set<string>();
  for (let i = from; i + 1 < to; i++) out.add(syllables[i] + " " + syllables[i + 1]);
  return out;
}

/** Sørensen–Dice coefficient of two bigram sets. */
export function dice(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let shared = 0;
  for (const g of a) if (b.has(g)) shared++;
  return (2 * shared) / (a.size + b.size);
}

function ratio(distance: number, a: number, b: number): number {
  return 1 - distance / Math.max(a, b, 1);
}

/** A taxonomy term prepared once for matching. */
export interface Term {
  text: string;
  chars: string[];
  syllables: string[];
  /** pinyin written together, for users typing pinyin without converting (jiashiyuan) */
  pinyinJoined: string;
  han: boolean;
  bigrams: Set<string>;
  syllableBigrams: Set<string>;
  /** boundary-aware matcher for Latin or digit terms inside free text */
  pattern: RegExp | null;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

export function prepareTerm(raw: string): Term {
  const text = normalizeText(raw);
  const chars = Array.from(text);
  const han = hasHan(text);
  const syllables = syllablesOf(chars);
  let pattern: RegExp | null = null;
  if (!han && text.length > 0) {
    // Letters and digits bound a Latin term ("cook" does not match inside "cookie", "b2" not inside "b25"), but a
    // term ending in a digit may be followed by a letter and one starting with a letter may follow a digit, so the
    // licence classes in "A2D" and "A1A2" are both found.
    const startsWithLetter = /^[a-z]/.test(text);
    const endsWithDigit = /[0-9]$/.test(text);
    const before = startsWithLetter ? "(?<![a-z])" : "(?<![0-9])";
    const after = endsWithDigit ? "(?![0-9])" : "(?![a-z])";
    pattern = new RegExp(before + escapeRegExp(text) + after, "g");
  }
  return {
    text,
    chars,
    syllables,
    pinyinJoined: han ? syllables.join("") : "",
    han,
    bigrams: bigrams(chars),
    syllableBigrams: syllableBigrams(syllables, 0, syllables.length),
    pattern,
  };
}

export interface Span {
  start: number;
  end: number;
}

/** Every occurrence of `term` in the prepared text (code-unit offsets in `text`). */
export function occurrences(text: string, term: Term): Span[] {
  const out: Span[] = [];
  if (term.text.length === 0) return out;
  if (term.pattern) {
    term.pattern.lastIndex = 0;
    for (const m of text.matchAll(term.pattern)) out.push({ start: m.index ?? 0, end: (m.index ?? 0) + m[0].length });
    return out;
  }
  let from = 0;
  for (;;) {
    const at = text.indexOf(term.text, from);
    if (at < 0) break;
    out.push({ start: at, end: at + term.text.length });
    from = at + 1;
  }
  return out;
}

const boundarySegmenter = new Intl.Segmenter("zh", { granularity: "word" });

/** Code-unit offsets where Intl.Segmenter puts a word boundary in `text` (its start and end included). */
export function wordBoundaries(text: string): Set<number> {
  const out = new Set<number>([0, text.length]);
  for (const s of boundarySegmenter.segment(text)) {
    out.add(s.index);
    out.add(s.index + s.segment.length);
  }
  return out;
}

/**
 * Terms spotted in free text, longest first, without overlaps: in 我做过仓库管理 the term 仓库管理 wins over 管理,
 * in 坦克驾驶员 the name wins over the bare 驾驶员.
 */
export function spotTerms<T extends { term: Term }>(text: string, entries: readonly T[], minHanChars = 2): T[] {
  const found: { entry: T; span: Span }[] = [];
  let boundaries: Set<number> | null = null;
  for (const entry of entries) {
    const t = entry.term;
    if (t.han ? t.chars.length < minHanChars : t.text.length < 2) continue;
    for (const span of occurrences(text, t)) {
      // A two-character word inside longer text must not straddle the words around it: 护工 is not in 维护工程师
      // (维护 · 工程师), 行车 is in 安全行车 (安全 · 行车).
      if (t.han && t.text.length === 2 && text.length > 2) {
        boundaries ??= wordBoundaries(text);
        if (!boundaries.has(span.start) || !boundaries.has(span.end)) continue;
      }
      found.push({ entry, span });
    }
  }
  found.sort((a, b) => b.span.end - b.span.start - (a.span.end - a.span.start) || a.span.start - b.span.start);
  const taken: Span[] = [];
  const accepted: T[] = [];
  for (const f of found) {
    if (taken.some((s) => f.span.start < s.end && s.start < f.span.end)) {
      // an equally long term at the same place (another owner's identical synonym) still counts
      const same = taken.some((s) => s.start === f.span.start && s.end === f.span.end);
      if (!same) continue;
    } else {
      taken.push(f.span);
    }
    if (!accepted.includes(f.entry)) accepted.push(f.entry);
  }
  return accepted;
}

/**
 * Similarity (0..1) between a query and a term for near-misses. For Chinese, windows of the query around the
 * term's length are compared by characters and by pinyin (homophones score 0.95); two-character terms only match
 * a short query as homophones, so that free text does not light up every two-character word. For Latin, query
 * words are compared with the term by edit distance (one typo up to 7 letters, two beyond); words listed in
 * `knownWords` are taken as meant.
 */
export function fuzzySimilarity(q: PreparedText, t: Term, knownWords?: ReadonlySet<string>): number {
  if (t.han) {
    if (!q.han) return q.text.replace(/ /g, "") === t.pinyinJoined && t.pinyinJoined.length >= 4 ? 0.9 : 0;
    const m = t.chars.length;
    if (m < 2) return 0;
    if (!t.chars.some((c) => q.charSet.has(c)) && !t.syllables.some((s) => q.syllableSet.has(s))) return 0;
    if (m === 2) {
      if (q.chars.length > 3) return 0;
      return editDistance(q.syllables, t.syllables) === 0 ? 0.95 : 0;
    }
    let best = 0;
    const consider = (chars: string[], syllables: string[]) => {
      const charSim = ratio(editDistance(chars, t.chars), chars.length, m);
      const pinyinSim = ratio(editDistance(syllables, t.syllables), syllables.length, m);
      const bigramSim = dice(bigrams(chars), t.bigrams);
      best = Math.max(best, charSim, bigramSim, pinyinSim * 0.95);
    };
    if (q.chars.length <= m + 1) {
      consider(q.chars, q.syllables);
      return best;
    }
    // In longer text, only windows around a character or syllable bigram shared with the term can come close.
    const starts = new Set<number>();
    for (let i = 0; i + 1 < q.chars.length; i++) {
      if (t.bigrams.has(q.chars[i] + q.chars[i + 1]) || t.syllableBigrams.has(q.syllables[i] + " " + q.syllables[i + 1])) {
        for (let start = Math.max(0, i - m + 1); start <= i; start++) starts.add(start);
      }
    }
    for (const start of starts) {
      for (let len = m - 1; len <= m + 1; len++) {
        if (start + len > q.chars.length) break;
        consider(q.chars.slice(start, start + len), q.syllables.slice(start, start + len));
      }
    }
    return best;
  }
  if (q.han && !/[a-z]/.test(q.text)) return 0;
  const termText = t.text.replace(/ /g, "");
  if (termText.length < 4) return 0;
  const words = q.text.split(/[^a-z0-9]+/).filter(Boolean);
  const size = t.text.split(" ").length;
  let best = 0;
  for (let i = 0; i + size <= words.length; i++) {
    const window = words.slice(i, i + size);
    // a correctly spelt word of the taxonomy is not a typo of another one ("driver" is not "diver")
    if (knownWords && window.every((w) => knownWords.has(w))) continue;
    const candidate = Array.from(window.join(""));
    const d = editDistance(candidate, Array.from(termText));
    const allowed = termText.length >= 8 ? 2 : 1;
    if (d <= allowed) best = Math.max(best, ratio(d, candidate.length, termText.length));
  }
  return best;
}
