import { afterEach, describe, expect, it } from "vitest";
import { activateCooccurrence, buildCooccurrence, impliedSkills } from "../../search/cooccurrence";
import type { JobDocument } from "../../search/indexes";
import { jobSkillWeights, scoreJob, toSkillIds, veteranSkillIds, veteranSkillWeights, type VeteranForMatching } from "../../search/match";

const known = (t: string) => toSkillIds([t]);
afterEach(() => activateCooccurrence(new Map()));

const TERM = "天馈甲乙调测"; // names no skill the taxonomy knows
const ROWS = [
  [TERM, "电工", "通信工程"],
  [TERM, "电工"],
  [TERM, "电工", "驾驶"],
  ["驾驶", "叉车"],
];

describe("co-occurrence of unknown terms with known skills", () => {
  it("implies the skills a term keeps company with on at least half its rows, once it occurs on two rows", () => {
    expect(known(TERM)).toEqual([]);
    const table = buildCooccurrence(ROWS, known);
    const electrician = known("电工")[0]!;
    expect(table.get(TERM)?.[0]).toEqual({ id: electrician, share: 1 });
    expect(table.get(TERM)!.some((s) => s.id === known("驾驶")[0])).toBe(false); // one row of three
    expect(buildCooccurrence([[TERM, "电工"]], known).has(TERM)).toBe(false); // one row is not enough
  });

  it("matching counts the implied skills, below stated ones, for postings and veterans alike", () => {
    const job: JobDocument = {
      id: "j", external_id: null, title: "维护员", organization: "o", organization_id: "o", organization_verified: true, description: "",
      category: "other", skills: [TERM], region_code: "320582", region_codes: ["320000", "320500", "320582"], region_name: "", salary_min: null,
      salary_max: null, job_type: "full_time", veteran_preferred: false, published_at: 0,
    };
    const vet: VeteranForMatching = { id: "v", specialty: null, certificates: [], skills: ["电工"], desiredRoles: [], regionCode: "610326", desiredRegionCodes: [], salaryMin: null, jobTypes: [] };
    const electrician = known("电工")[0]!;
    const before = scoreJob(vet, veteranSkillIds(vet).all, job, 0);
    expect(jobSkillWeights(job).has(electrician)).toBe(false);
    activateCooccurrence(buildCooccurrence(ROWS, known));
    expect(impliedSkills(` ${TERM} `)[0]?.id).toBe(electrician);
    const w = jobSkillWeights(job).get(electrician)!;
    expect(w).toBeGreaterThan(0);
    expect(w).toBeLessThan(0.9);
    const after = scoreJob(vet, veteranSkillIds(vet).all, job, 0);
    expect(after.parts.skill).toBeGreaterThan(before.parts.skill);
    const holder: VeteranForMatching = { ...vet, skills: [TERM] };
    expect(veteranSkillWeights(holder).get(electrician)).toBeGreaterThan(0);
    expect(veteranSkillWeights(holder).get(electrician)).toBeLessThan(1);
  });
});
