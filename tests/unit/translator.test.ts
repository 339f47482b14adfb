import { describe, expect, it } from "vitest";
import {
  categoryForSkills,
  expandSkills,
  normalizeSkill,
  resolveBranch,
  skillsForCertificates,
  suggestFromSpecialty,
  synonymGroups,
  taxonomy,
  taxonomyVersion,
} from "../../search/taxonomy";
import { validateTaxonomy } from "../../search/taxonomy/validate";
import { type Taxonomy } from "../../search/taxonomy/types";

const top = (text: string) => suggestFromSpecialty(text)[0];
const topId = (text: string) => top(text)?.specialtyId;
const groupWith = (...terms: string[]) => synonymGroups().find((g) => terms.every((t) => g.includes(t)));
const copy = (): Taxonomy => structuredClone(taxonomy);

describe("taxonomy data", () => {
  it("is versioned and large enough", () => {
    expect(taxonomyVersion).toBe("2026.12-1");
    expect(taxonomy.specialties.length).toBeGreaterThanOrEqual(65);
    expect(taxonomy.skills.length).toBeGreaterThanOrEqual(60);
    expect(taxonomy.certificates.length).toBeGreaterThanOrEqual(15);
  });

  it("passes its own validation: unique ids, every reference defined", () => {
    expect(validateTaxonomy(taxonomy)).toEqual([]);
    const skillIds = new Set(taxonomy.skills.map((s) => s.id));
    for (const p of taxonomy.specialties) for (const s of p.skills) expect(skillIds.has(s), `${p.id} → ${s}`).toBe(true);
    for (const c of taxonomy.certificates) for (const s of c.skills) expect(skillIds.has(s), `${c.id} → ${s}`).toBe(true);
    const categoryIds = new Set(taxonomy.categories.map((c) => c.id));
    for (const s of taxonomy.skills) expect(categoryIds.has(s.category), `${s.id} → ${s.category}`).toBe(true);
  });

  it("covers every current branch, and maps the legacy Strategic Support Force to its successors", () => {
    const current = taxonomy.branches.filter((b) => !b.legacy).map((b) => b.id);
    expect(current).toHaveLength(9);
    for (const branch of current) {
      expect(taxonomy.specialties.some((p) => p.branches.includes(branch)), branch).toBe(true);
    }
    expect(resolveBranch("战略支援部队").sort()).toEqual(["aerospace_force", "cyberspace_force", "information_support_force"]);
    expect(resolveBranch("陆军")).toEqual(["army"]);
    expect(resolveBranch("Rocket Force")).toEqual(["rocket_force"]);
    expect(resolveBranch("不存在的部队")).toEqual([]);
  });

  it("gives every specialty civilian occupations in Chinese and English", () => {
    for (const p of taxonomy.specialties) {
      expect(p.occupations.length, p.id).toBeGreaterThan(0);
      for (const o of p.occupations) {
        expect(o.zh).toMatch(/\p{Script=Han}/u);
        expect(o.en).toMatch(/[A-Za-z]/);
      }
    }
  });

  it("lists the job categories the issue names", () => {
    const ids = taxonomy.categories.map((c) => c.id);
    for (const id of ["driving_logistics", "security", "it_operations", "manufacturing", "electrical", "catering",
      "healthcare", "construction", "warehouse", "management", "sales", "education_training", "emergency_rescue",
      "agriculture", "other"]) {
      expect(ids).toContain(id);
    }
  });
});

describe("suggestFromSpecialty", () => {
  it("matches an exact name with score 1 and returns skills, occupations and category", () => {
    const s = top("汽车驾驶员");
    expect(s.specialtyId).toBe("motor_vehicle_driver");
    expect(s.matchedBy).toBe("exact");
    expect(s.score).toBe(1);
    expect(s.nameEn).toBe("Motor vehicle driver");
    expect(s.skills.map((k) => k.id)).toEqual(expect.arrayContaining(["driving", "heavy_truck_driving"]));
    expect(s.skills.find((k) => k.id === "driving")).toEqual({ id: "driving", name: "驾驶", nameEn: "Driving" });
    expect(s.occupations).toContainEqual({ zh: "货车司机", en: "Truck driver" });
    expect(s.category).toBe("driving_logistics");
  });

  it("treats colloquial synonyms as the same specialty", () => {
    for (const word of ["驾驶员", "司机", "驾驶兵"]) expect(topId(word), word).toBe("motor_vehicle_driver");
    for (const word of ["炊事员", "炊事兵", "厨师"]) expect(topId(word), word).toBe("cook");
    for (const word of ["警卫员", "保安", "安保", "护卫"]) expect(topId(word), word).toBe("guard");
    for (const word of ["网管", "IT运维", "网络维护"]) expect(topId(word), word).toBe("network_admin");
    for (const word of ["卫生员", "通信兵", "通信员"]) expect(top(word).name).toBe(word === "通信员" ? "通信兵" : word);
    expect(top("司机").matchedBy).toBe("synonym");
    expect(top("厨师").category).toBe("catering");
    expect(top("保安").category).toBe("security");
    expect(top("网管").category).toBe("it_operations");
  });

  it("finds a specialty inside free text", () => {
    const s = top("我在部队是汽车驾驶员，开过大车");
    expect(s.specialtyId).toBe("motor_vehicle_driver");
    expect(s.matchedBy).toBe("contains");
    expect(s.score).toBeGreaterThan(0.7);
    expect(s.score).toBeLessThan(1);
    expect(topId("我以前是炊事班的，会做饭")).toBe("cook");
    expect(topId("在武警当过兵，站岗执勤")).toBe("armed_police_soldier");
    expect(topId("退伍前在空军机务干了五年")).toBe("aircraft_mechanic");
  });

  it("prefers the longer specialty written in the text over a shorter synonym inside it", () => {
    expect(topId("坦克驾驶员")).toBe("tank_driver");
    expect(topId("我是坦克驾驶员，也开过卡车")).toBe("tank_driver");
  });

  it("tolerates near-misses and homophone typos", () => {
    for (const typo of ["驾使员", "汽车架驶员"]) {
      const s = top(typo);
      expect(s.specialtyId, typo).toBe("motor_vehicle_driver");
      expect(s.matchedBy, typo).toBe("fuzzy");
      expect(s.score, typo).toBeLessThan(0.8);
    }
    expect(topId("炊士员")).toBe("cook");
    expect(topId("我是侦查兵")).toBe("reconnaissance");
    expect(topId("drivr")).toBe("motor_vehicle_driver");
    expect(topId("jiashiyuan")).toBe("motor_vehicle_driver");
  });

  it("understands English trade words", () => {
    expect(topId("driver")).toBe("motor_vehicle_driver");
    expect(topId("cook")).toBe("cook");
    expect(topId("chef")).toBe("cook");
    expect(topId("security guard")).toBe("guard");
    expect(topId("Radar operator")).toBe("radar_operator");
    // a correctly spelt word is not read as a typo of another ("driver" is not "diver")
    const ids = suggestFromSpecialty("I was a truck driver in the army", { limit: 10 }).map((s) => s.specialtyId);
    expect(ids).toContain("motor_vehicle_driver");
    expect(ids).not.toContain("navy_diver");
  });

  it("ranks by score, honours the limit and returns nothing for unrelated text", () => {
    const all = suggestFromSpecialty("驾驶", { limit: 8 });
    expect(all.length).toBeGreaterThan(2);
    for (let i = 1; i < all.length; i++) expect(all[i - 1].score).toBeGreaterThanOrEqual(all[i].score);
    for (const s of all) {
      expect(s.score).toBeGreaterThan(0);
      expect(s.score).toBeLessThanOrEqual(1);
    }
    expect(all[0].specialtyId).toBe("motor_vehicle_driver");
    expect(suggestFromSpecialty("驾驶", { limit: 1 })).toHaveLength(1);
    expect(suggestFromSpecialty("")).toEqual([]);
    expect(suggestFromSpecialty("xyz qwerty")).toEqual([]);
    expect(suggestFromSpecialty("服务员")).toEqual([]);
  });

  it("points at specialties through a skill named in the text", () => {
    const ids = suggestFromSpecialty("会开叉车").map((s) => s.specialtyId);
    expect(ids).toContain("cargo_handler");
    expect(ids).toContain("storekeeper");
  });
});

describe("certificates", () => {
  it("reads driving licence classes written in different ways", () => {
    for (const input of ["B2驾驶证", "B2", "b2驾照", "Ｂ２"]) {
      const r = skillsForCertificates([input]);
      expect(r.recognized, input).toEqual([{ input, certificateIds: ["driving_licence_b2"] }]);
      expect(r.skillIds, input).toEqual(expect.arrayContaining(["driving", "heavy_truck_driving"]));
      expect(r.skillIds, input).not.toContain("bus_driving");
    }
    expect(skillsForCertificates(["C1"]).skillIds).toEqual(["driving"]);
  });

  it("counts the lower classes a higher licence also permits", () => {
    // A2 permits B1 (medium bus), so bus driving follows; A1 permits B2 (heavy truck)
    expect(skillsForCertificates(["A2"]).skillIds).toEqual(expect.arrayContaining(["driving", "heavy_truck_driving", "bus_driving"]));
    expect(skillsForCertificates(["A1驾驶证"]).skillIds).toEqual(expect.arrayContaining(["bus_driving", "heavy_truck_driving"]));
    expect(skillsForCertificates(["准驾车型A2D"]).recognized[0].certificateIds).toEqual(["driving_licence_a2"]);
  });

  it("maps trade certificates to skills", () => {
    expect(skillsForCertificates(["电工证"]).skillIds).toEqual(["electrician"]);
    expect(skillsForCertificates(["低压电工作业证"]).skillIds).toEqual(["electrician"]);
    expect(skillsForCertificates(["叉车证"]).skillIds).toEqual(expect.arrayContaining(["forklift"]));
    expect(skillsForCertificates(["特种设备作业人员证（叉车）"]).skillIds).toContain("forklift");
    expect(skillsForCertificates(["保安员证"]).skillIds).toEqual(["security_guard"]);
    expect(skillsForCertificates(["焊工证"]).skillIds).toEqual(["welding"]);
    expect(skillsForCertificates(["无人机驾驶员执照"]).skillIds).toEqual(["drone_operation"]);
    const high = skillsForCertificates(["高压电工证"]);
    expect(high.recognized[0].certificateIds).toEqual(["electrician_high_voltage"]);
    expect(high.skillIds).toContain("high_voltage");
  });

  it("finds several certificates in one line and reports what it cannot read", () => {
    const r = skillsForCertificates(["持有叉车证和电工证", "游泳证书", "  "]);
    expect(r.recognized[0].certificateIds.sort()).toEqual(["electrician_low_voltage", "forklift_n1"]);
    expect(r.skillIds).toEqual(expect.arrayContaining(["forklift", "electrician"]));
    expect(r.unrecognized).toEqual(["游泳证书"]);
    expect(r.skills.find((s) => s.id === "forklift")).toEqual({ id: "forklift", name: "叉车", nameEn: "Forklift operation" });
  });
});

describe("skills", () => {
  it("normalises synonyms in Chinese and English to one skill id", () => {
    expect(normalizeSkill("司机")).toBe("driving");
    expect(normalizeSkill("驾驶员")).toBe("driving");
    expect(normalizeSkill("Driver")).toBe("driving");
    expect(normalizeSkill("drivers")).toBe("driving");
    expect(normalizeSkill("厨师")).toBe("cooking");
    expect(normalizeSkill("cook")).toBe("cooking");
    for (const word of ["保安", "安保", "护卫", "security guard"]) expect(normalizeSkill(word), word).toBe("security_guard");
    for (const word of ["网管", "IT运维", "IT 运维", "网络维护", "IT operations"]) expect(normalizeSkill(word), word).toBe("it_operations");
    expect(normalizeSkill("电工")).toBe("electrician");
    expect(normalizeSkill("forklift")).toBe("forklift");
    expect(normalizeSkill("仓储")).toBe("warehousing");
    expect(normalizeSkill("物流")).toBe("logistics");
    expect(normalizeSkill("机修")).toBe("mechanic");
    expect(normalizeSkill("焊工")).toBe("welding");
    expect(normalizeSkill("消防")).toBe("firefighting");
  });

  it("tolerates a homophone or a Latin typo, and says null otherwise", () => {
    expect(normalizeSkill("架驶")).toBe("driving");
    expect(normalizeSkill("electricain")).toBe("electrician");
    expect(normalizeSkill("量子计算")).toBeNull();
    expect(normalizeSkill("")).toBeNull();
  });

  it("expands skills to related names in both languages without duplicates", () => {
    const terms = expandSkills(["driving", "forklift", "no_such_skill"]);
    expect(terms).toEqual(expect.arrayContaining(["驾驶", "司机", "Driving", "driver", "叉车", "forklift operator"]));
    expect(new Set(terms.map((t) => t.toLowerCase())).size).toBe(terms.length);
    expect(expandSkills(["no_such_skill"])).toEqual([]);
  });

  it("derives a job category, the first skills weighing most", () => {
    expect(categoryForSkills(["cooking", "pastry"])).toBe("catering");
    expect(categoryForSkills(["driving", "forklift", "warehousing"])).toBe("driving_logistics");
    expect(categoryForSkills(["forklift", "warehousing", "driving"])).toBe("warehouse");
    expect(categoryForSkills(["security_guard"])).toBe("security");
    expect(categoryForSkills([])).toBe("other");
    expect(categoryForSkills(["no_such_skill"])).toBe("other");
  });
});

describe("synonymGroups", () => {
  it("puts Chinese and English trade words for the same thing together", () => {
    expect(groupWith("驾驶员", "司机", "驾驶", "driver", "driving")).toBeDefined();
    expect(groupWith("炊事员", "厨师")).toBeDefined();
    expect(groupWith("厨师", "cook", "chef")).toBeDefined();
    expect(groupWith("保安", "安保", "护卫", "security guard")).toBeDefined();
    expect(groupWith("网管", "it运维", "网络维护")).toBeDefined();
    expect(groupWith("电工", "electrician")).toBeDefined();
    expect(groupWith("叉车", "forklift operator")).toBeDefined();
    expect(groupWith("叉车证", "n1")).toBeDefined();
  });

  it("gives clean groups: at least two terms, no repeats, Latin lower-cased, no identical groups", () => {
    const groups = synonymGroups();
    expect(groups.length).toBeGreaterThan(100);
    const keys = new Set<string>();
    for (const g of groups) {
      expect(g.length).toBeGreaterThanOrEqual(2);
      expect(new Set(g).size).toBe(g.length);
      for (const term of g) expect(term).toBe(term.toLowerCase());
      const key = [...g].sort().join("|");
      expect(keys.has(key)).toBe(false);
      keys.add(key);
    }
    expect(groups.some((g) => g.includes("司机") && g.includes("厨师"))).toBe(false);
  });
});

describe("validateTaxonomy", () => {
  it("catches a skill reference that does not exist", () => {
    const data = copy();
    data.specialties[0].skills.push("space_piloting");
    const problems = validateTaxonomy(data);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ code: "unknown_reference", path: "specialties[0].skills" });
    expect(problems[0].message).toContain("space_piloting");
    expect(problems[0].messageZh).toContain("space_piloting");
    expect(validateTaxonomy(taxonomy)).toEqual([]); // the edit did not touch the loaded taxonomy
  });

  it("catches duplicate ids, duplicate names and missing fields", () => {
    const data = copy();
    data.skills.push({ ...data.skills[0], synonyms: { zh: [], en: [] }, name: "新技能", nameEn: "New skill" });
    data.specialties.push({ ...data.specialties[1], id: "cook_copy" });
    (data.specialties[2] as { nameEn?: string }).nameEn = "";
    const codes = validateTaxonomy(data).map((p) => `${p.code}@${p.path}`);
    expect(codes).toContain(`duplicate_id@skills[${data.skills.length - 1}].id`);
    expect(codes).toContain(`duplicate_name@specialties[${data.specialties.length - 1}].name`);
    expect(codes).toContain("invalid_entry@specialties[2].nameEn");
  });

  it("catches broken categories, branches, certificates, occupations and the version", () => {
    const data = copy();
    data.version = "v2";
    data.skills[0].category = "space";
    (data.specialties[0].branches as string[]).push("moon_force");
    data.specialties[1].occupations = [];
    data.certificates[0].includes = ["driving_licence_z9"];
    data.branches.find((b) => b.legacy)!.successors = [];
    const codes = validateTaxonomy(data).map((p) => `${p.code}@${p.path}`);
    expect(codes).toEqual(expect.arrayContaining([
      "invalid_version@version",
      "unknown_reference@skills[0].category",
      "unknown_reference@specialties[0].branches",
      "empty_list@specialties[1].occupations",
      "unknown_reference@certificates[0].includes",
    ]));
    expect(codes.some((c) => c.startsWith("empty_list@branches["))).toBe(true);
  });

  it("catches a synonym that would make two skills ambiguous", () => {
    const data = copy();
    data.skills.find((s) => s.id === "cooking")!.synonyms.zh.push("司机");
    const problems = validateTaxonomy(data);
    expect(problems.map((p) => p.code)).toEqual(["ambiguous_term"]);
    expect(problems[0].message).toContain("司机");
  });

  it("rejects documents that are not a taxonomy", () => {
    expect(validateTaxonomy(null).map((p) => p.code)).toEqual(["invalid_document"]);
    expect(validateTaxonomy({ version: "2026.11-1" }).map((p) => p.code)).toEqual(Array(5).fill("missing_list"));
  });
});
