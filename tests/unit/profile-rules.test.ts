import { randomBytes } from "node:crypto";
import { parseWithZod } from "@conform-to/zod";
import { describe, expect, it } from "vitest";
import {
  assistedProfileSchema,
  isValidNationalId,
  maskNationalId,
  normalizeEducation,
  profileCompleteness,
  profileSchema,
  splitList,
} from "../../app/forms/profile";
import { decrypt, encrypt } from "../../app/utils/crypto.server";

// 11010519491231002X is the example in GB 11643-1999 itself; the others are computed with its weights.
const VALID_IDS = ["11010519491231002X", "320582199001011236", "440308198512120010"];

function withCheckDigit(first17: string): string {
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((s, c, i) => s + Number(c) * w[i], 0);
  return first17 + "10X98765432"[sum % 11];
}

function form(entries: Record<string, string | string[]>): FormData {
  const fd = new FormData();
  for (const [k, v] of Object.entries(entries)) for (const item of Array.isArray(v) ? v : [v]) fd.append(k, item);
  return fd;
}

describe("national ID checksum (GB 11643)", () => {
  it("accepts numbers whose last character matches the weighted checksum", () => {
    for (const id of VALID_IDS) expect(isValidNationalId(id), id).toBe(true);
    expect(isValidNationalId("11010519491231002x")).toBe(true); // lower-case x is the same number
    expect(withCheckDigit("32058219900101123")).toBe("320582199001011236");
  });

  it("rejects a wrong check digit, a wrong length, letters and impossible birth dates", () => {
    expect(isValidNationalId("110105194912310021")).toBe(false);
    expect(isValidNationalId("320582199001011239")).toBe(false);
    expect(isValidNationalId("32058219900101123")).toBe(false);
    expect(isValidNationalId("3205821990010112361")).toBe(false);
    expect(isValidNationalId("32058219900101123A")).toBe(false);
    expect(isValidNationalId(withCheckDigit("32058219900230123"))).toBe(false); // 30 February
    expect(isValidNationalId(withCheckDigit("32058218990101123"))).toBe(false); // 1899
    expect(isValidNationalId(withCheckDigit("32058221990101123"))).toBe(false); // born in 2199
  });
});

describe("masking", () => {
  it("keeps the first four and last four characters", () => {
    expect(maskNationalId("320582199001011236")).toBe("3205**********1236");
    expect(maskNationalId("11010519491231002x")).toBe("1101**********002X");
    expect(maskNationalId("1234")).toBe("****");
  });
});

describe("AES-256-GCM encryption", () => {
  const key = randomBytes(32).toString("base64");

  it("round-trips and never stores the plaintext", () => {
    const stored = encrypt("320582199001011236", key);
    expect(stored).not.toContain("320582199001011236");
    expect(stored.startsWith("v1.")).toBe(true);
    expect(decrypt(stored, key)).toBe("320582199001011236");
    expect(encrypt("320582199001011236", key)).not.toBe(stored); // a fresh IV each time
  });

  it("refuses another key, a tampered value and a bad key length", () => {
    const stored = encrypt("中文也可以", key);
    expect(decrypt(stored, key)).toBe("中文也可以");
    expect(() => decrypt(stored, randomBytes(32).toString("base64"))).toThrow();
    const parts = stored.split(".");
    const body = Buffer.from(parts[3], "base64url");
    body[0] ^= 1;
    expect(() => decrypt([parts[0], parts[1], parts[2], body.toString("base64url")].join("."), key)).toThrow();
    expect(() => decrypt("plain text", key)).toThrow("Not an encrypted value");
    expect(() => encrypt("x", randomBytes(16).toString("base64"))).toThrow("32 bytes");
  });
});

describe("completeness", () => {
  it("is 8% with a name only and lists what is missing in form order", () => {
    const c = profileCompleteness({ fullName: "陈志强" });
    expect(c.percent).toBe(8);
    expect(c.missing).toEqual([
      "contact", "region", "service", "specialty", "education", "skills", "desiredRoles", "desiredRegions", "salary", "jobTypes", "visibility",
    ]);
  });

  it("reaches 100% only when the file is visible with consent", () => {
    const full = {
      fullName: "陈志强", phone: "13800000001", regionCode: "320582", branch: "army", yearsServed: 8, specialty: "汽车驾驶员",
      education: "senior_high", skills: ["driving"], desiredRoles: ["货车司机"], desiredRegionCodes: ["320582"], salaryMin: 8000,
      jobTypes: ["full_time"], visibility: "public",
    };
    expect(profileCompleteness({ ...full, consentAt: new Date() })).toEqual({ percent: 100, missing: [] });
    expect(profileCompleteness({ ...full, consentAt: null }).missing).toEqual(["visibility"]);
    expect(profileCompleteness({ ...full, visibility: "hidden", consentAt: new Date() }).missing).toEqual(["visibility"]);
    expect(profileCompleteness({ ...full, branch: "army", yearsServed: null, dischargeYear: null, consentAt: new Date() }).missing).toEqual(["service"]);
  });
});

describe("profile form schema", () => {
  it("needs a name and returns i18n keys for every bad field", () => {
    const result = parseWithZod(
      form({
        phone: "12345",
        contactEmail: "nope",
        nationalId: "320582199001011239",
        regionCode: "32",
        branch: "space_marines",
        yearsServed: "abc",
        dischargeYear: "1900",
        salaryMin: "-5",
        jobTypes: ["full_time", "gig"],
        education: "kindergarten",
      }),
      { schema: profileSchema },
    );
    expect(result.status).toBe("error");
    const errors = (result.status === "error" ? result.error : null) ?? {};
    expect(errors.fullName).toEqual(["errors.required"]);
    expect(errors.phone).toEqual(["profile:errors.phone"]);
    expect(errors.contactEmail).toEqual(["errors.email"]);
    expect(errors.nationalId).toEqual(["profile:errors.nationalIdChecksum"]);
    expect(errors.regionCode).toEqual(["errors.regionCode"]);
    expect(errors.branch).toEqual(["profile:errors.branch"]);
    expect(errors.yearsServed).toEqual(["profile:errors.number"]);
    expect(errors.dischargeYear).toEqual(["profile:errors.dischargeYear"]);
    expect(errors.salaryMin).toEqual(["profile:errors.salary"]);
    expect(errors["jobTypes[1]"]).toEqual(["profile:errors.jobType"]);
    expect(errors.education).toEqual(["profile:errors.education"]);
  });

  it("says when an ID has the wrong shape rather than the wrong checksum", () => {
    const result = parseWithZod(form({ fullName: "陈志强", nationalId: "3205821990" }), { schema: profileSchema });
    expect(result.status === "error" && result.error?.nationalId).toEqual(["profile:errors.nationalIdFormat"]);
  });

  it("parses a name and a specialty alone, with lists split and one checkbox becoming an array", () => {
    const result = parseWithZod(
      form({ fullName: " 陈志强 ", specialty: "汽车驾驶员", skills: "driving", honours: "个人三等功、优秀士兵\n嘉奖", nationalId: "11010519491231002x" }),
      { schema: profileSchema },
    );
    expect(result.status).toBe("success");
    if (result.status !== "success") return;
    expect(result.value.fullName).toBe("陈志强");
    expect(result.value.skills).toEqual(["driving"]);
    expect(result.value.honours).toEqual(["个人三等功", "优秀士兵", "嘉奖"]);
    expect(result.value.desiredRoles).toEqual([]);
    expect(result.value.visibility).toBe("hidden");
    expect(result.value.nationalId).toBe("11010519491231002X");
  });

  it("keeps a legacy branch an older file names, and refuses unknown ones", () => {
    const ok = parseWithZod(form({ fullName: "老兵", branch: "strategic_support_force" }), { schema: profileSchema });
    expect(ok.status === "success" && ok.value.branch).toBe("strategic_support_force");
    const bad = parseWithZod(form({ fullName: "老兵", branch: "second_artillery" }), { schema: profileSchema });
    expect(bad.status === "error" && bad.error?.branch).toEqual(["profile:errors.branch"]);
  });

  it("the assisted form requires the veteran's recorded agreement", () => {
    const result = parseWithZod(form({ fullName: "陈志强" }), { schema: assistedProfileSchema });
    expect(result.status === "error" && result.error?.assistedConsent).toEqual(["profile:errors.assistedConsent"]);
  });

  it("splits lists on Chinese and Latin separators and reads old education text", () => {
    expect(splitList("A2驾驶证，电工证; 叉车证；B2、B2")).toEqual(["A2驾驶证", "电工证", "叉车证", "B2"]);
    expect(normalizeEducation("高中")).toBe("senior_high");
    expect(normalizeEducation("bachelor")).toBe("bachelor");
    expect(normalizeEducation("幼儿园")).toBeUndefined();
  });
});
