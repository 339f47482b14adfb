// Pinyin for engines that have none of their own (a stock Meilisearch): each document gets a `_pinyin` field with,
// for every Chinese word of its short text fields, the full pinyin ("siji") and the initials ("sj"), so what people
// type on phones finds Chinese postings. Never the separate syllables: "si" or "jiang" alone would match nearly every
// posting. A query typed syllable by syllable ("si ji") is joined before it is sent (`joinPinyinSyllables`), and
// Meilisearch's typo tolerance is off on the field (nanjing must not find nanning). The embedded engine does this
// in its tokenizer and does not need the field.
import { pinyin } from "pinyin-pro";
import type { SearchDocument } from "./engine";

export const PINYIN_FIELD = "_pinyin";
/** Short fields worth pinyin: titles, names, places, skills — not long descriptions. */
const SOURCE_FIELDS = ["title", "organization", "region_name", "skills", "specialty", "desired_roles", "place"];
const HAN = /[\u3400-\u9fff]+/g;
const segmenter = new Intl.Segmenter("zh", { granularity: "word" });

function forms(word: string, out: Set<string>) {
  const syllables = pinyin(word, { toneType: "none", type: "array", v: true }) as string[];
  if (syllables.length === 0) return;
  out.add(syllables.join(""));
  if (syllables.length > 1) out.add(syllables.map((s) => s[0]).join(""));
}

export function pinyinText(values: string[]): string {
  const out = new Set<string>();
  for (const value of values) {
    for (const run of value.match(HAN) ?? []) {
      forms(run, out);
      // Place names are typed without their level: 张家港市 → zhangjiagang.
      if (run.length >= 3 && /[省市区县镇乡]$/u.test(run)) forms(run.slice(0, -1), out);
      for (const { segment } of segmenter.segment(run)) if (segment !== run && segment.length > 1) forms(segment, out);
    }
  }
  return [...out].join(" ");
}

export function withPinyinField(doc: SearchDocument): SearchDocument {
  const values: string[] = [];
  for (const field of SOURCE_FIELDS) {
    const v = doc[field];
    if (typeof v === "string") values.push(v);
    else if (Array.isArray(v)) for (const x of v) if (typeof x === "string") values.push(x);
  }
  return { ...doc, [PINYIN_FIELD]: pinyinText(values) };
}

let syllableSet: Set<string> | undefined;
/** Every toneless Mandarin syllable, read once from pinyin-pro over the CJK Unified Ideographs block. */
function syllables(): Set<string> {
  if (syllableSet) return syllableSet;
  let chars = "";
  for (let c = 0x4e00; c <= 0x9fa5; c++) chars += String.fromCharCode(c);
  const all = pinyin(chars, { toneType: "none", type: "array", v: true }) as string[];
  syllableSet = new Set(all.filter((s) => /^[a-z]+$/.test(s)));
  return syllableSet;
}

/** "si ji nanjing" → "siji nanjing": runs of two or more bare syllables become one word, as the field stores them. */
export function joinPinyinSyllables(q: string): string {
  const words = q.trim().split(/\s+/);
  if (words.length < 2) return q;
  const set = syllables();
  const out: string[] = [];
  let run: string[] = [];
  const flush = () => {
    if (run.length >= 2) out.push(run.join(""));
    else out.push(...run);
    run = [];
  };
  for (const w of words) {
    if (set.has(w.toLowerCase())) run.push(w.toLowerCase());
    else {
      flush();
      out.push(w);
    }
  }
  flush();
  return out.join(" ") + (/\s$/.test(q) ? " " : "");
}
