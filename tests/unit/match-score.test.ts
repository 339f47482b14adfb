import { describe, expect, it } from "vitest";
import type { JobDocument } from "../../search/indexes";
import { describeReason, scoreJob, toSkillIds, veteranSkillIds, type VeteranForMatching } from "../../search/match";

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
    expect(describeReason({ code: "region_county" }, "en")).toBe("Same county");
  });
});
