// Tolerant look-ups for what people write in spreadsheets: job categories the way employers name their trade
// (交通运输/物流, 制造业, IT), and military branches by id, Chinese or English name, or a common short form (武警,
// PAP). Each answer says how it was found, so an import can warn when it guessed.
import { taxonomy } from "./index";
import { type BranchId } from "./types";
import { editDistance, hasHan, normalizeText } from "./text";

export type ResolvedBy = "exact" | "synonym" | "contains" | "fuzzy";

/**
 * Words employers use for each category (besides its id, Chinese and English names). Industry names from the
 * national industry classification (GB/T 4754, 国民经济行业分类) and the occupational classification
 * (职业分类大典) where they fit, plus the shorthand seen in real files.
 */
export const CATEGORY_SYNONYMS: Record<string, string[]> = {
  driving_logistics: [
    "交通运输", "交通运输业", "运输", "物流", "物流运输", "交通运输仓储和邮政业", "快递", "快递物流", "货运", "客运", "司机", "驾驶",
    "驾驶员", "配送", "网约车", "公交", "出租车", "冷链", "冷链物流", "邮政", "transport", "transportation", "logistics",
    "delivery", "driver", "driving", "freight", "courier", "trucking", "cold chain",
  ],
  warehouse: ["仓储", "仓库", "仓管", "库管", "仓储物流", "warehouse", "warehousing", "storage"],
  security: [
    "安保服务", "保安", "保安服务", "安保", "安防", "安全保卫", "押运", "门卫", "安检", "security", "security services", "guard",
    "guarding",
  ],
  it_operations: [
    "it", "it运维", "互联网", "计算机", "信息技术", "信息传输软件和信息技术服务业", "软件", "网络", "通信", "电信", "通讯", "运维",
    "数据中心", "telecom", "telecommunications", "software", "internet", "network", "networking", "information technology",
  ],
  manufacturing: [
    "制造业", "制造", "生产", "工厂", "加工", "加工制造", "机械", "机械制造", "维修", "汽修", "汽车维修", "电子制造", "化工", "普工",
    "manufacturing", "factory", "production", "maintenance", "repair", "mechanical",
  ],
  electrical: ["电力", "电工", "电气", "能源", "电力热力燃气及水生产和供应业", "新能源", "光伏", "power", "electrical", "energy", "utilities"],
  construction: [
    "建筑", "建筑业", "工程", "施工", "建筑工程", "土木", "基建", "路桥", "装修", "construction", "engineering", "civil engineering",
  ],
  catering: ["餐饮", "餐饮业", "住宿和餐饮业", "酒店", "厨师", "食堂", "后厨", "食品", "catering", "restaurant", "hospitality", "food", "kitchen"],
  healthcare: [
    "医疗", "医药", "护理", "卫生", "卫生和社会工作", "养老", "康养", "医院", "健康", "healthcare", "health", "medical", "hospital",
    "nursing", "elder care",
  ],
  emergency_rescue: ["消防", "应急", "救援", "应急救援", "消防安全", "fire", "firefighting", "rescue", "emergency"],
  management: [
    "管理", "行政", "后勤", "后勤服务", "综合管理", "人事", "人力资源", "财务", "办公室", "文员", "物业", "物业管理", "物业服务", "社区", "社区服务", "社区工作",
    "公共管理", "公共管理社会保障和社会组织", "居民服务", "administration", "admin", "office", "management", "property management",
    "property", "hr", "human resources", "finance", "community", "community work",
  ],
  sales: [
    "销售", "客服", "市场", "营销", "市场营销", "零售", "批发和零售业", "电商", "商贸", "贸易", "客户服务", "电话销售", "sales",
    "marketing", "retail", "customer service", "e-commerce", "ecommerce", "trade",
  ],
  education_training: ["教育", "培训", "教育培训", "教练", "教师", "教学", "驾校", "体育", "education", "training", "teaching", "coaching", "sports"],
  agriculture: ["农业", "农林牧渔", "农林牧渔业", "林业", "畜牧", "渔业", "养殖", "种植", "agriculture", "farming", "forestry"],
  aviation: ["航空", "民航", "机场", "通航", "无人机", "aviation", "airport", "airline", "drone"],
  maritime: ["航运", "船舶", "港口", "海运", "水运", "海事", "码头", "shipping", "maritime", "port", "marine"],
  media_culture: ["文化", "传媒", "广告", "媒体", "文体", "文化体育和娱乐业", "新闻", "摄影", "media", "culture", "advertising", "publishing"],
  other: ["其他", "其它", "综合", "不限", "other", "others", "misc", "general"],
};

export interface CategoryResolution {
  id: string;
  by: ResolvedBy;
}

interface CategoryTerm {
  id: string;
  text: string;
  kind: "name" | "synonym";
}

let termsFor: { version: string; terms: CategoryTerm[] } | null = null;
function categoryTerms(): CategoryTerm[] {
  if (termsFor && termsFor.version === taxonomy.version) return termsFor.terms;
  const terms: CategoryTerm[] = [];
  for (const c of taxonomy.categories) {
    for (const t of [c.id, c.id.replace(/_/g, " "), c.name, c.nameEn]) terms.push({ id: c.id, text: normalizeText(t), kind: "name" });
    for (const t of CATEGORY_SYNONYMS[c.id] ?? []) terms.push({ id: c.id, text: normalizeText(t), kind: "synonym" });
  }
  const known = new Set(taxonomy.categories.map((c) => c.id));
  const usable = terms.filter((t) => t.text && known.has(t.id));
  termsFor = { version: taxonomy.version, terms: usable };
  return usable;
}

function resolveCategoryPart(part: string): CategoryResolution | null {
  const key = normalizeText(part);
  if (!key) return null;
  const terms = categoryTerms();
  const exact = terms.find((t) => t.text === key);
  if (exact) return { id: exact.id, by: exact.kind === "name" ? "exact" : "synonym" };
  // The longest known word inside what was written (交通运输业 ⊃ 交通运输; "IT services" ⊃ "it"); Latin words match
  // whole words only, so "it" is not found inside "digital".
  let best: CategoryTerm | null = null;
  for (const t of terms) {
    const inside = hasHan(t.text) ? key.includes(t.text) && [...t.text].length >= 2 : new RegExp(`(?<![a-z0-9])${escape(t.text)}(?![a-z0-9])`).test(key);
    if (inside && (!best || t.text.length > best.text.length)) best = t;
  }
  if (best) return { id: best.id, by: "contains" };
  // Latin typos: one edit in five letters ("logistcs", "manufacturng").
  if (!hasHan(key) && key.length >= 4) {
    let near: { t: CategoryTerm; d: number } | null = null;
    for (const t of terms) {
      if (hasHan(t.text) || t.text.length < 4) continue;
      const d = editDistance([...key], [...t.text]);
      if (d <= Math.max(1, Math.floor(t.text.length / 5)) && (!near || d < near.d)) near = { t, d };
    }
    if (near) return { id: near.t.id, by: "fuzzy" };
  }
  return null;
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * The job category for what an employer wrote: an id, a name (zh/en), a synonym, a known word inside the text, or
 * a near-miss. "交通运输/物流" is read part by part, the first part that resolves wins. null when nothing fits.
 */
export function resolveCategoryText(text: string): CategoryResolution | null {
  const whole = resolveCategoryPart(text);
  if (whole && whole.by !== "fuzzy" && whole.by !== "contains") return whole;
  const parts = text.split(/[/／、,，;；|&＆]+|\s+[-–]\s+|\s+and\s+|与|及|和/).map((p) => p.trim()).filter(Boolean);
  if (parts.length > 1) {
    for (const p of parts) {
      const r = resolveCategoryPart(p);
      if (r) return { id: r.id, by: r.by === "exact" || r.by === "synonym" ? "synonym" : r.by };
    }
  }
  return whole;
}

/** Short forms and old names of the branches, beside the ids and names in the taxonomy. */
const BRANCH_SYNONYMS: Record<BranchId, string[]> = {
  army: ["陆军部队", "陆军", "pla army", "plaa", "ground force", "ground forces"],
  navy: ["海军部队", "海军陆战队", "pla navy", "plan", "marine corps", "marines"],
  air_force: ["空军部队", "空降兵", "pla air force", "plaaf", "airforce"],
  rocket_force: ["火箭军部队", "第二炮兵", "二炮", "plarf", "second artillery"],
  aerospace_force: ["航天部队", "军事航天"],
  cyberspace_force: ["网络空间", "网络部队"],
  information_support_force: ["信息支援", "信息支援部队"],
  joint_logistic_support_force: ["联勤保障", "联勤", "联勤部队", "jlsf", "joint logistics"],
  armed_police: ["武警", "武警部队", "中国人民武装警察部队", "武装警察", "armed police", "pap", "people's armed police", "peoples armed police"],
  strategic_support_force: ["战略支援", "战支", "ssf", "strategic support force"],
};

/**
 * Branch id for an id, a Chinese or English name or a short form (armed_police, 武警, Armed Police, 武警部队).
 * The id stored is the branch as named, so an old record's 战略支援部队 stays strategic_support_force.
 */
export function resolveBranchText(text: string): BranchId | null {
  const key = normalizeText(text);
  if (!key) return null;
  const idKey = key.replace(/ /g, "_");
  for (const b of taxonomy.branches) {
    if (b.id === idKey || normalizeText(b.name) === key || normalizeText(b.nameEn) === key) return b.id;
  }
  for (const b of taxonomy.branches) {
    if ((BRANCH_SYNONYMS[b.id] ?? []).some((s) => normalizeText(s) === key)) return b.id;
  }
  // "原武警江苏总队" / "武警某部": a Chinese short form written inside longer text
  if (hasHan(key)) {
    let best: { id: BranchId; len: number } | null = null;
    for (const b of taxonomy.branches) {
      for (const s of [b.name, ...(BRANCH_SYNONYMS[b.id] ?? [])]) {
        const n = normalizeText(s);
        if (hasHan(n) && n.length >= 2 && key.includes(n) && (!best || n.length > best.len)) best = { id: b.id, len: n.length };
      }
    }
    if (best) return best.id;
  }
  return null;
}
