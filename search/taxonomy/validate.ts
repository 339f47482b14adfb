// Checks a taxonomy document before it is used: the bundled file at load time, and a staff member's edit before
// it is saved. Every problem names where it is (path) and what is wrong, in Chinese and English.
import occupationGroups from "./occupation-groups.json";
import { normalizeText } from "./text";

/** Codes of the occupational classification's groups a skill may name (occupation-groups.json). */
const OCCUPATION_GROUPS = new Set(occupationGroups.groups.map((g) => g.code));

export interface TaxonomyProblem {
  code:
    | "invalid_document"
    | "invalid_version"
    | "missing_list"
    | "invalid_entry"
    | "duplicate_id"
    | "duplicate_name"
    | "unknown_reference"
    | "ambiguous_term"
    | "empty_list";
  path: string;
  message: string;
  messageZh: string;
}

type Json = Record<string, unknown>;

const ID = /^[a-z][a-z0-9_]*$/;
const VERSION = /^\d{4}\.\d{2}-\d+$/;
const LISTS = ["branches", "categories", "skills", "certificates", "specialties"] as const;

function isObject(v: unknown): v is Json {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function isText(v: unknown): v is string {
  return typeof v === "string" && v.trim().length > 0;
}

function textList(v: unknown): v is string[] {
  return Array.isArray(v) && v.every(isText);
}

export function validateTaxonomy(data: unknown): TaxonomyProblem[] {
  const problems: TaxonomyProblem[] = [];
  const report = (code: TaxonomyProblem["code"], path: string, message: string, messageZh: string) =>
    problems.push({ code, path, message, messageZh });

  if (!isObject(data)) {
    report("invalid_document", "$", "The taxonomy must be a JSON object", "分类表必须是一个 JSON 对象");
    return problems;
  }
  if (!isText(data.version) || !VERSION.test(data.version)) {
    report("invalid_version", "version", 'Version must look like "2026.11-1"', "版本号格式应为“2026.11-1”");
  }
  const lists: Record<(typeof LISTS)[number], Json[]> = {
    branches: [], categories: [], skills: [], certificates: [], specialties: [],
  };
  for (const name of LISTS) {
    const list = data[name];
    if (!Array.isArray(list) || list.length === 0) {
      report("missing_list", name, `"${name}" must be a non-empty list`, `“${name}”必须是非空列表`);
      continue;
    }
    const seenIds = new Map<string, number>();
    list.forEach((entry, i) => {
      const path = `${name}[${i}]`;
      if (!isObject(entry)) {
        report("invalid_entry", path, "Entry must be an object", "条目必须是对象");
        return;
      }
      lists[name].push(entry);
      if (!isText(entry.id) || !ID.test(entry.id)) {
        report("invalid_entry", `${path}.id`, "id must be lower-case letters, digits and _", "id 只能包含小写字母、数字和下划线");
      } else if (seenIds.has(entry.id)) {
        report("duplicate_id", `${path}.id`, `Duplicate id "${entry.id}" (also ${name}[${seenIds.get(entry.id)}])`,
          `id“${entry.id}”重复（另见 ${name}[${seenIds.get(entry.id)}]）`);
      } else {
        seenIds.set(entry.id, i);
      }
      if (!isText(entry.name)) report("invalid_entry", `${path}.name`, "Chinese name is required", "缺少中文名称");
      if (!isText(entry.nameEn)) report("invalid_entry", `${path}.nameEn`, "English name is required", "缺少英文名称");
    });
  }
  const ids = (name: (typeof LISTS)[number]) => new Set(lists[name].map((e) => e.id).filter(isText));
  const branchIds = ids("branches");
  const categoryIds = ids("categories");
  const skillIds = ids("skills");
  const certificateIds = ids("certificates");

  const checkRefs = (path: string, value: unknown, known: Set<string>, what: string, whatZh: string, required = true) => {
    if (value === undefined && !required) return;
    if (!textList(value)) {
      report("invalid_entry", path, `${what} must be a list of ids`, `${whatZh}必须是 id 列表`);
      return;
    }
    if (required && value.length === 0) report("empty_list", path, `At least one ${what} is required`, `至少需要一个${whatZh}`);
    for (const ref of value) {
      if (!known.has(ref)) report("unknown_reference", path, `Unknown ${what} "${ref}"`, `未定义的${whatZh}“${ref}”`);
    }
  };

  lists.branches.forEach((b, i) => {
    if (b.legacy === true) {
      checkRefs(`branches[${i}].successors`, b.successors, branchIds, "successor branch", "继承军种");
    } else if (b.successors !== undefined) {
      report("invalid_entry", `branches[${i}].successors`, "Only a legacy branch has successors", "只有历史军种才有继承军种");
    }
  });

  // A term (name or synonym) that means two different skills would make normalizeSkill guess.
  const skillTerms = new Map<string, string>();
  lists.skills.forEach((s, i) => {
    const path = `skills[${i}]`;
    if (!isText(s.category) || !categoryIds.has(s.category)) {
      report("unknown_reference", `${path}.category`, `Unknown category "${String(s.category)}"`, `未定义的岗位类别“${String(s.category)}”`);
    }
    if (s.occupationGroup !== undefined && !(typeof s.occupationGroup === "string" && OCCUPATION_GROUPS.has(s.occupationGroup))) {
      report("unknown_reference", `${path}.occupationGroup`, `Unknown occupation group "${String(s.occupationGroup)}" (see occupation-groups.json)`,
        `未定义的职业分类小类“${String(s.occupationGroup)}”（见 occupation-groups.json）`);
    }
    const syn = s.synonyms;
    if (!isObject(syn) || !textList(syn.zh) || !textList(syn.en)) {
      report("invalid_entry", `${path}.synonyms`, "synonyms must be { zh: string[], en: string[] }", "同义词格式应为 { zh: [], en: [] }");
      return;
    }
    const terms = [s.name, s.nameEn, ...syn.zh, ...syn.en].filter(isText).map(normalizeText);
    for (const term of new Set(terms)) {
      const owner = skillTerms.get(term);
      if (owner !== undefined && owner !== s.id) {
        report("ambiguous_term", path, `Term "${term}" is used by skills "${owner}" and "${String(s.id)}"`,
          `词语“${term}”同时属于技能“${owner}”和“${String(s.id)}”`);
      } else {
        skillTerms.set(term, String(s.id));
      }
    }
  });

  const certificateTerms = new Map<string, string>();
  lists.certificates.forEach((c, i) => {
    const path = `certificates[${i}]`;
    checkRefs(`${path}.skills`, c.skills, skillIds, "skill", "技能");
    checkRefs(`${path}.includes`, c.includes, certificateIds, "certificate", "证书", false);
    if (!textList(c.synonyms)) {
      report("invalid_entry", `${path}.synonyms`, "synonyms must be a list of strings", "同义词必须是字符串列表");
      return;
    }
    for (const term of new Set([c.name, ...c.synonyms].filter(isText).map(normalizeText))) {
      const owner = certificateTerms.get(term);
      if (owner !== undefined && owner !== c.id) {
        report("ambiguous_term", path, `Term "${term}" is used by certificates "${owner}" and "${String(c.id)}"`,
          `词语“${term}”同时属于证书“${owner}”和“${String(c.id)}”`);
      } else {
        certificateTerms.set(term, String(c.id));
      }
    }
  });

  const specialtyNames = new Map<string, number>();
  lists.specialties.forEach((p, i) => {
    const path = `specialties[${i}]`;
    checkRefs(`${path}.branches`, p.branches, branchIds, "branch", "军种");
    checkRefs(`${path}.skills`, p.skills, skillIds, "skill", "技能");
    if (!textList(p.synonyms)) {
      report("invalid_entry", `${path}.synonyms`, "synonyms must be a list of strings", "同义词必须是字符串列表");
    }
    if (!Array.isArray(p.occupations) || p.occupations.length === 0) {
      report("empty_list", `${path}.occupations`, "At least one civilian occupation is required", "至少需要一个对应的地方岗位");
    } else {
      p.occupations.forEach((o, j) => {
        if (!isObject(o) || !isText(o.zh) || !isText(o.en)) {
          report("invalid_entry", `${path}.occupations[${j}]`, "An occupation needs zh and en titles", "岗位需要中文和英文名称");
        }
      });
    }
    if (isText(p.name)) {
      const key = normalizeText(p.name);
      const other = specialtyNames.get(key);
      if (other !== undefined) {
        report("duplicate_name", `${path}.name`, `Specialty name "${p.name}" is also used by specialties[${other}]`,
          `专业名称“${p.name}”与 specialties[${other}] 重复`);
      } else {
        specialtyNames.set(key, i);
      }
    }
  });
  return problems;
}
