import { describe, expect, it } from "vitest";
import imports from "../../app/i18n/features/imports";
import { importText, localeFromEnv, renderImportError } from "../../app/models/import/messages";
import { resolveBranchId, resolveCategory, resolveSkill, validateRow } from "../../app/models/import/rows";
import { prepareImport } from "../../app/models/import/run";

const job = (over: Record<string, string> = {}) => ({
  external_id: "j-1",
  organization: "张家港港城智运物流有限公司",
  title: "城市配送司机",
  description: "",
  category: "driving_logistics",
  skills: "驾驶；配送",
  region_code: "320582",
  salary_min: "6500",
  salary_max: "9000",
  job_type: "full_time",
  headcount: "5",
  veteran_preferred: "是",
  ...over,
});

describe("job rows", () => {
  it("turns cells into typed values: skill names and synonyms to ids, category by name, yes/no words", () => {
    const result = validateRow("jobs", 2, job({ skills: "司机; forklift；配送", category: "驾驶与物流", veteran_preferred: "否", headcount: "" }));
    expect(result).toEqual({
      ok: true,
      row: expect.objectContaining({
        skills: ["driving", "forklift", "delivery"],
        category: "driving_logistics",
        veteran_preferred: false,
        headcount: null,
        salary_min: 6500,
        job_type: "full_time",
      }),
      warnings: [],
    });
  });

  it("fails a row only for what cannot be stored truthfully: title, region code, salary", () => {
    const result = validateRow("jobs", 7, job({ title: " ", skills: "驾驶；飞檐走壁", region_code: "3205", salary_min: "九千", job_type: "weekly" }));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toEqual([
      { line: 7, column: "title", message: "errors.required" },
      { line: 7, column: "region_code", message: "errors.regionFormat", params: { value: "3205" } },
      { line: 7, column: "salary_min", message: "errors.salary", params: { value: "九千" } },
    ]);
  });

  it("stores what employers write, with a warning for each guess: categories, unknown skills, job types", () => {
    const result = validateRow(
      "jobs",
      5,
      job({ category: "交通运输/物流", skills: "叉车证、安防监控，舞台灯光；驾驶", job_type: "weekly", salary_min: "6k", salary_max: "1.2万", headcount: "若干" }),
    );
    expect(result).toEqual({
      ok: true,
      row: expect.objectContaining({
        category: "driving_logistics",
        skills: ["叉车证", "security_monitoring", "舞台灯光", "driving"],
        job_type: "full_time",
        salary_min: 6000,
        salary_max: 12000,
        headcount: null,
      }),
      warnings: [
        { line: 5, column: "skills", message: "warnings.skillKept", params: { value: "舞台灯光" } },
        { line: 5, column: "job_type", message: "warnings.jobTypeDefault", params: { value: "weekly" } },
        { line: 5, column: "headcount", message: "warnings.headcountDefault", params: { value: "若干" } },
      ],
    });
    const other = validateRow("jobs", 6, job({ category: "魔法学院" }));
    expect(other).toMatchObject({ ok: true, row: { category: "other" }, warnings: [{ column: "category", message: "warnings.categoryOther" }] });
    const negotiable = validateRow("jobs", 8, job({ salary_min: "面议", salary_max: "", region_code: "３２０５８２" }));
    expect(negotiable).toMatchObject({ ok: true, row: { salary_min: null, region_code: "320582" }, warnings: [{ message: "warnings.salaryNegotiable" }] });
  });

  it("refuses a salary range upside down, on the salary_max column", () => {
    const result = validateRow("jobs", 3, job({ salary_min: "9000", salary_max: "6000" }));
    expect(result).toEqual({ ok: false, errors: [{ line: 3, column: "salary_max", message: "errors.salaryRange" }], warnings: [] });
  });
});

describe("veteran rows", () => {
  const vet = (over: Record<string, string> = {}) => ({ external_id: "v-1", name: "周建军", ...over });

  it("needs only an external id and a name; defaults visibility to hidden", () => {
    expect(validateRow("veterans", 2, vet())).toEqual({
      ok: true,
      row: expect.objectContaining({ visibility: "hidden", skills: [], job_types: [], email: null, branch: null }),
      warnings: [],
    });
  });

  it("normalises phones, emails, branches (legacy kept as named) and multi-valued cells", () => {
    const result = validateRow(
      "veterans",
      2,
      vet({ phone: "+86 138-0000-9001", email: "ZhouJJ@Example.com", branch: "战略支援部队", job_types: "全职；contract", desired_region_codes: "320582;320582；320581" }),
    );
    expect(result).toEqual({
      ok: true,
      row: expect.objectContaining({
        phone: "13800009001",
        email: "zhoujj@example.com",
        branch: "strategic_support_force",
        job_types: ["full_time", "contract"],
        desired_region_codes: ["320582", "320581"],
      }),
      warnings: [],
    });
  });

  it("reads the consent column: only a clear yes is consent; an unknown word is no consent, with a warning", () => {
    for (const yes of ["是", "同意", "已同意", "yes", "Y", "true", "1"]) {
      expect(validateRow("veterans", 2, vet({ consent: yes }))).toMatchObject({ ok: true, row: { consent: true }, warnings: [] });
    }
    for (const no of ["", "否", "不同意", "no", "0"]) {
      expect(validateRow("veterans", 2, vet({ consent: no }))).toMatchObject({ ok: true, row: { consent: false }, warnings: [] });
    }
    expect(validateRow("veterans", 5, vet({ consent: "口头同意" }))).toMatchObject({
      ok: true,
      row: { consent: false },
      warnings: [{ line: 5, column: "consent", message: "warnings.consentUnknown", params: { value: "口头同意" } }],
    });
  });

  it("resolves branch ids, Chinese and English names and short forms", () => {
    for (const written of ["armed_police", "武警", "Armed Police", "武警部队", "People's Armed Police", "PAP"]) {
      expect(validateRow("veterans", 2, vet({ branch: written }))).toMatchObject({ ok: true, row: { branch: "armed_police" } });
    }
  });

  it("keeps a row with a bad email, phone, branch or visibility, dropping the value with a warning; a bad year fails", () => {
    const kept = validateRow("veterans", 4, vet({ email: "x@", phone: "12345", branch: "海陆空", visibility: "secret" }));
    expect(kept.ok).toBe(true);
    expect(kept.warnings.map((e) => [e.column, e.message])).toEqual([
      ["email", "warnings.emailDropped"],
      ["phone", "warnings.phoneDropped"],
      ["branch", "warnings.branchDropped"],
      ["visibility", "warnings.visibilityHidden"],
    ]);
    expect(kept).toMatchObject({ row: { email: null, phone: null, branch: null, visibility: "hidden" } });
    const failed = validateRow("veterans", 4, vet({ discharge_year: "1900" }));
    expect(failed).toMatchObject({ ok: false, errors: [{ column: "discharge_year", message: "errors.range" }] });
  });
});

describe("taxonomy look-ups", () => {
  it("accepts ids, Chinese and English names and synonyms", () => {
    expect(resolveSkill("heavy_truck_driving")).toBe("heavy_truck_driving");
    expect(resolveSkill("大车司机")).toBe("heavy_truck_driving");
    expect(resolveSkill("truck driver")).toBe("heavy_truck_driving");
    expect(resolveSkill("飞檐走壁")).toBeNull();
    expect(resolveCategory("Security")).toBe("security");
    expect(resolveCategory("安保")).toBe("security");
    expect(resolveCategory("魔法")).toBeNull();
    expect(resolveCategory("交通运输/物流")).toBe("driving_logistics");
    expect(resolveCategory("制造业")).toBe("manufacturing");
    expect(resolveCategory("IT")).toBe("it_operations");
    expect(resolveCategory("安保服务")).toBe("security");
    expect(resolveCategory("销售")).toBe("sales");
    expect(resolveCategory("Logistcs")).toBe("driving_logistics");
    expect(resolveCategory("digital")).toBeNull();
    expect(resolveBranchId("Navy")).toBe("navy");
    expect(resolveBranchId("武警部队")).toBe("armed_police");
  });
});

describe("file-level problems", () => {
  it("names missing and unknown columns", () => {
    const result = prepareImport("jobs", "external_id,organization,title,salary\n");
    expect(result).toEqual({
      ok: false,
      errors: [
        { line: 1, column: "", message: "errors.unknownColumns", params: { columns: "salary" } },
        { line: 1, column: "", message: "errors.missingColumns", params: { columns: "category, region_code" } },
      ],
    });
  });

  it("refuses a header-only file and a file that is not UTF-8", () => {
    expect(prepareImport("veterans", "external_id,name\r\n")).toEqual({ ok: false, errors: [{ line: 1, column: "", message: "errors.noRows" }] });
    const gbk = new Uint8Array([0x65, 0x78, 0x0a, 0xd5, 0xc5]);
    expect(prepareImport("veterans", gbk)).toEqual({ ok: false, errors: [{ line: 1, column: "", message: "errors.notUtf8", params: { line: 1 } }] });
  });
});

describe("messages in both languages", () => {
  it("has every error and warning key in zh-CN and en", () => {
    expect(Object.keys(imports.en.errors).sort()).toEqual(Object.keys(imports["zh-CN"].errors).sort());
    expect(Object.keys(imports.en.warnings).sort()).toEqual(Object.keys(imports["zh-CN"].warnings).sort());
  });

  it("renders a row error in Chinese or English with its parameters", () => {
    const error = { line: 4, column: "skills", message: "errors.skillUnknown", params: { value: "飞檐走壁" } };
    expect(renderImportError(error, "zh-CN")).toBe("技能库中没有：飞檐走壁");
    expect(renderImportError(error, "en")).toBe("Not in the skills taxonomy: 飞檐走壁");
    expect(importText("en", "summaryCreated", { count: 3 })).toBe("3 created");
  });

  it("picks the CLI language from LANG", () => {
    expect(localeFromEnv({ LANG: "zh_CN.UTF-8" })).toBe("zh-CN");
    expect(localeFromEnv({ LANG: "en_US.UTF-8" })).toBe("en");
    expect(localeFromEnv({})).toBe("en");
  });
});
