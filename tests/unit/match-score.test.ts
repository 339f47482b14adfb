import { describe, expect, it } from "vitest";
import type { JobDocument } from "../../search/indexes";
import { candidateScore, candidateSideReasons, describeReason, scoreJob, skillName, toSkillIds, veteranSkillIds, type VeteranForMatching } from "../../search/match";
import { taxonomy } from "../../search/taxonomy";

const NOW = Date.parse("2026-11-22T00:00:00Z");
function job(overrides: Partial<JobDocument>): JobDocument {
  return {
    id: "j",
    external_id: null,
    title: "岗位",
    organization: "某公司",
    organization_id: "o",
    organization_verified: true,
    description: "",
    category: "other",
    skills: [],
    region_code: "320582",
    region_codes: ["320000", "320500", "320582"],
    region_name: "江苏省 苏州市 张家港市",
    salary_min: 6000,
    salary_max: 9000,
    job_type: "full_time",
    veteran_preferred: false,
    published_at: NOW,
    ...overrides,
  };
}
const specialtyOnly: VeteranForMatching = {
  id: "v",
  specialty: "汽车驾驶员",
  certificates: [],
  skills: [],
  desiredRoles: [],
  regionCode: "320582",
  desiredRegionCodes: [],
  salaryMin: null,
  jobTypes: [],
};

describe("matching score", () => {
  it("derives skills from a specialty alone, and from certificates and free-text skills", () => {
    expect([...veteranSkillIds(specialtyOnly).all]).toEqual(expect.arrayContaining(["driving", "heavy_truck_driving"]));
    expect(toSkillIds(["司机", "A2驾照", "forklift", "不存在的技能"])).toEqual(expect.arrayContaining(["driving", "forklift"]));
  });

  it("ranks skill fit first, then region: a driving job elsewhere beats a cook job next door", () => {
    const skills = veteranSkillIds(specialtyOnly).all;
    const drivingFar = scoreJob(specialtyOnly, skills, job({ id: "far", skills: ["driving"], category: "driving_logistics", region_code: "610326", region_codes: ["610000", "610300", "610326"] }), NOW);
    const cookNear = scoreJob(specialtyOnly, skills, job({ id: "cook", skills: ["cooking"], category: "catering" }), NOW);
    const drivingNear = scoreJob(specialtyOnly, skills, job({ id: "near", skills: ["driving"], category: "driving_logistics" }), NOW);
    const drivingCity = scoreJob(specialtyOnly, skills, job({ id: "city", skills: ["driving"], category: "driving_logistics", region_code: "320581", region_codes: ["320000", "320500", "320581"] }), NOW);
    expect(drivingNear.score).toBeGreaterThan(drivingCity.score);
    expect(drivingCity.score).toBeGreaterThan(drivingFar.score);
    expect(drivingFar.score).toBeGreaterThan(cookNear.score);
    expect(drivingNear.reasons.map((r) => r.code)).toEqual(expect.arrayContaining(["skills", "region_county"]));
    expect(drivingCity.reasons.map((r) => r.code)).toContain("region_city");
    expect(cookNear.missingSkills).toEqual(["cooking"]);
  });

  it("salary, job type and freshness separate otherwise equal jobs", () => {
    const v = { ...specialtyOnly, salaryMin: 8000, jobTypes: ["full_time"] };
    const skills = veteranSkillIds(v).all;
    const base = { skills: ["driving"], category: "driving_logistics" };
    const pays = scoreJob(v, skills, job({ ...base, salary_max: 10000 }), NOW);
    const low = scoreJob(v, skills, job({ ...base, salary_max: 5000 }), NOW);
    const partTime = scoreJob(v, skills, job({ ...base, salary_max: 10000, job_type: "part_time" }), NOW);
    const old = scoreJob(v, skills, job({ ...base, salary_max: 10000, published_at: NOW - 90 * 86_400_000 }), NOW);
    expect(pays.score).toBeGreaterThan(low.score);
    expect(pays.score).toBeGreaterThan(partTime.score);
    expect(pays.score).toBeGreaterThan(old.score);
    expect(pays.reasons.map((r) => r.code)).toEqual(expect.arrayContaining(["salary", "job_type", "fresh"]));
  });

  it("explains reasons in both languages", () => {
    expect(describeReason({ code: "skills", detail: ["driving", "logistics"] }, "zh-CN")).toBe("技能匹配：驾驶、物流");
    expect(describeReason({ code: "skills", detail: ["driving"] }, "en")).toBe("Skills: Driving");
    expect(describeReason({ code: "category", detail: ["driving_logistics"] }, "en")).toBe("Same trade: Driving and logistics");
  });

  it("says whose place a same-county match is: where the veteran lives, wants to work, or both", () => {
    const skills = veteranSkillIds(specialtyOnly).all;
    const drivingJob = job({ skills: ["driving"], category: "driving_logistics" });
    const home = scoreJob(specialtyOnly, skills, drivingJob, NOW).reasons.find((r) => r.code === "region_county")!;
    expect(describeReason(home, "zh-CN")).toBe("位于您居住的区县");
    expect(describeReason(home, "en")).toBe("In the county where you live");
    expect(describeReason(home, "zh-CN", "employer")).toBe("居住在岗位所在区县");
    expect(describeReason(home, "en", "employer")).toBe("Lives in the job's county");
    const elsewhere = { ...specialtyOnly, regionCode: "610326", desiredRegionCodes: ["320582"] };
    const wanted = scoreJob(elsewhere, skills, drivingJob, NOW).reasons.find((r) => r.code === "region_county")!;
    expect(describeReason(wanted, "zh-CN")).toBe("位于您意向工作的区县");
    expect(describeReason(wanted, "en", "employer")).toBe("Wants to work in the job's county");
    expect(describeReason(wanted, "zh-CN", "employer")).toBe("意向在岗位所在区县工作");
    const both = scoreJob({ ...specialtyOnly, desiredRegionCodes: ["320582"] }, skills, drivingJob, NOW).reasons.find((r) => r.code === "region_county")!;
    expect(describeReason(both, "en")).toBe("In the county where you live and want to work");
    expect(describeReason(both, "zh-CN", "employer")).toBe("居住并意向在岗位所在区县工作");
    const city = scoreJob(elsewhere, skills, job({ skills: ["driving"], region_code: "320581", region_codes: ["320000", "320500", "320581"] }), NOW);
    expect(city.reasons.map((r) => describeReason(r, "en", "employer"))).toContain("Wants to work in the job's city");
  });

  it("candidate cards keep the candidate's side only: no job freshness or veteran preference, in reasons or figure", () => {
    const skills = veteranSkillIds(specialtyOnly).all;
    const fresh = scoreJob(specialtyOnly, skills, job({ skills: ["driving"], veteran_preferred: true }), NOW);
    const old = scoreJob(specialtyOnly, skills, job({ skills: ["driving"], veteran_preferred: false, published_at: NOW - 120 * 86_400_000 }), NOW);
    expect(fresh.reasons.map((r) => r.code)).toEqual(expect.arrayContaining(["fresh", "veteran_preferred"]));
    const shown = candidateSideReasons(fresh.reasons);
    expect(shown.map((r) => r.code)).not.toContain("fresh");
    expect(shown.map((r) => r.code)).not.toContain("veteran_preferred");
    expect(shown.map((r) => r.code)).toEqual(expect.arrayContaining(["skills", "region_county"]));
    expect(fresh.score).toBeGreaterThan(old.score);
    expect(candidateScore(fresh.parts)).toBe(candidateScore(old.parts));
  });

  it("names skills in the viewer's language, never by id; a term the taxonomy does not know stays as written", () => {
    const ids = new Set(taxonomy.skills.map((s) => s.id));
    for (const s of taxonomy.skills) {
      expect(skillName(s.id, "zh-CN")).toBe(s.name);
      expect(skillName(s.id, "en")).toBe(s.nameEn);
    }
    expect(skillName("cargo_handling", "zh-CN")).not.toBe("cargo_handling");
    expect(skillName("叉车", "en")).toBe(taxonomy.skills.find((s) => s.id === "forklift")!.nameEn);
    expect(skillName("舞台灯光调试", "en")).toBe("舞台灯光调试");
    const v = { ...specialtyOnly, specialty: "装卸员" };
    const m = scoreJob(v, veteranSkillIds(v).all, job({ title: "仓库叉车工", skills: ["forklift", "cargo_handling", "warehousing"] }), NOW);
    for (const locale of ["zh-CN", "en"] as const) {
      const words = [...m.reasons.map((r) => describeReason(r, locale)), ...m.reasons.map((r) => describeReason(r, locale, "employer")), ...m.missingSkills.map((s) => skillName(s, locale))];
      expect(words.length).toBeGreaterThan(0);
      for (const w of words) for (const token of w.split(/[\s,、：:]+/)) expect(ids.has(token)).toBe(false);
    }
  });
});
