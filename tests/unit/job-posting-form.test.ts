import { parseWithZod } from "@conform-to/zod";
import { describe, expect, it } from "vitest";
import { jobPostingSchema, mergeRegionPick, rejectPostingSchema, splitSkillTerms } from "../../app/forms/job-posting";

function form(values: Record<string, string>) {
  const fd = new FormData();
  for (const [k, v] of Object.entries(values)) fd.set(k, v);
  return fd;
}

const valid = {
  title: "集装箱牵引车司机",
  description: "负责港区集装箱短驳运输，持 A2 驾照，退役军人优先。",
  category: "driving_logistics",
  skills: "驾驶、物流",
  regionCode: "320582",
  jobType: "full_time",
  headcount: "3",
  salaryMin: "6000",
  salaryMax: "9000",
  veteranPreferred: "on",
};

function errorsOf(values: Record<string, string>) {
  const submission = parseWithZod(form(values), { schema: jobPostingSchema });
  return submission.status === "success" ? {} : (submission.reply().error ?? {});
}

describe("jobPostingSchema", () => {
  it("accepts a complete posting and converts the numbers", () => {
    const submission = parseWithZod(form(valid), { schema: jobPostingSchema });
    expect(submission.status).toBe("success");
    if (submission.status !== "success") return;
    expect(submission.value).toMatchObject({ headcount: 3, salaryMin: 6000, salaryMax: 9000, veteranPreferred: true, intent: "submit" });
  });

  it("allows negotiable pay (no salary) and no coordinates", () => {
    const { salaryMin: _a, salaryMax: _b, ...rest } = valid;
    expect(parseWithZod(form(rest), { schema: jobPostingSchema }).status).toBe("success");
  });

  it("says which field is wrong when the salary range is upside down", () => {
    expect(errorsOf({ ...valid, salaryMin: "9000", salaryMax: "6000" })).toEqual({ salaryMax: ["jobs:errors.salaryRange"] });
  });

  it("rejects zero, negative, fractional and absurd numbers", () => {
    expect(errorsOf({ ...valid, headcount: "0" })).toEqual({ headcount: ["jobs:errors.headcountMin"] });
    expect(errorsOf({ ...valid, headcount: "1.5" })).toEqual({ headcount: ["jobs:errors.wholeNumber"] });
    expect(errorsOf({ ...valid, salaryMin: "-1" })).toEqual({ salaryMin: ["jobs:errors.salaryPositive"] });
    expect(errorsOf({ ...valid, salaryMax: "50000000" })).toEqual({ salaryMax: ["jobs:errors.salaryTooHigh"] });
  });

  it("checks coordinates' ranges and that they come in pairs", () => {
    expect(errorsOf({ ...valid, lat: "91", lng: "120" })).toEqual({ lat: ["jobs:errors.latRange"] });
    expect(errorsOf({ ...valid, lat: "31.8", lng: "-181" })).toEqual({ lng: ["jobs:errors.lngRange"] });
    expect(errorsOf({ ...valid, lat: "31.8" })).toEqual({ lng: ["jobs:errors.coordinatesPair"] });
    expect(errorsOf({ ...valid, lat: "31.87", lng: "120.55" })).toEqual({});
  });

  it("requires title, description, category, region and a known job type", () => {
    const errors = errorsOf({ ...valid, title: "", description: "短", category: "", regionCode: "", jobType: "gig" });
    expect(errors).toMatchObject({
      title: ["errors.required"],
      description: ["jobs:errors.descriptionShort"],
      category: ["errors.required"],
      regionCode: ["jobs:errors.regionRequired"],
      jobType: ["errors.required"],
    });
    expect(errorsOf({ ...valid, regionCode: "32058" })).toEqual({ regionCode: ["errors.regionCode"] });
  });

  it("a draft is an explicit intent; anything else is refused", () => {
    const submission = parseWithZod(form({ ...valid, intent: "draft" }), { schema: jobPostingSchema });
    expect(submission.status === "success" && submission.value.intent).toBe("draft");
    expect(errorsOf({ ...valid, intent: "publish-now" })).toHaveProperty("intent");
  });
});

describe("form helpers", () => {
  it("splits skill terms on commas of either width, 、 and new lines, once each", () => {
    expect(splitSkillTerms("驾驶、物流, forklift，驾驶\n仓储管理; ")).toEqual(["驾驶", "物流", "forklift", "仓储管理"]);
    expect(splitSkillTerms(undefined)).toEqual([]);
  });

  it("lets a region picked in the form win over the current one", () => {
    const picked = mergeRegionPick(form({ regionCode: "320582", regionPick: "320506" }));
    expect(picked.get("regionCode")).toBe("320506");
    expect(picked.has("regionPick")).toBe(false);
    expect(mergeRegionPick(form({ regionCode: "320582", regionPick: "" })).get("regionCode")).toBe("320582");
  });

  it("requires a reason to reject", () => {
    expect(rejectPostingSchema.safeParse({ id: "5f1c7a2e-8b9d-4c3e-9a1f-2b3c4d5e6f70", reason: " " }).success).toBe(false);
    expect(rejectPostingSchema.safeParse({ id: "5f1c7a2e-8b9d-4c3e-9a1f-2b3c4d5e6f70", reason: "请删除收费内容" }).success).toBe(true);
  });
});
