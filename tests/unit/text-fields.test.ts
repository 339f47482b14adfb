import { describe, expect, it } from "vitest";
import type { ZodTypeAny } from "zod";
import { applySchema, moveSchema, withdrawSchema } from "../../app/forms/application";
import { signUpSchema } from "../../app/forms/auth";
import { jobPostingSchema } from "../../app/forms/job-posting";
import { organizationProfileSchema, organizationReviewSchema } from "../../app/forms/organization";
import { contactRequestSchema, profileSchema, staffVeteranSearchSchema } from "../../app/forms/profile";
import { CONTROL_CHARS_MESSAGE, multilineText, text } from "../../app/forms/text";
import { trainingSlotSchema } from "../../app/forms/training";
import { saveSearchFormSchema } from "../../search/query-params";
import { resources } from "../../app/i18n";

const NUL = "\u0000";

function messagesAt(schema: ZodTypeAny, input: Record<string, unknown>, path: (string | number)[]): string[] {
  const result = schema.safeParse(input);
  if (result.success) return [];
  return result.error.issues.filter((i) => i.path.join(".") === path.join(".")).map((i) => i.message);
}

describe("the shared text schema", () => {
  it("refuses control characters in a single line, a NUL and a pasted tab included", () => {
    for (const value of [`张${NUL}三`, "张\t三", "a\u001bb", "a\u007fb", "a\nb"]) {
      const result = text(40).safeParse(value);
      expect(result.success, JSON.stringify(value)).toBe(false);
      expect(result.error?.issues[0]?.message).toBe(CONTROL_CHARS_MESSAGE);
    }
    expect(text(40).parse("  张三  ")).toBe("张三");
  });

  it("keeps line breaks and tabs in multi-line text but no other control character", () => {
    expect(multilineText(100).parse("第一行\n\t第二行\r\n第三行")).toBe("第一行\n\t第二行\r\n第三行");
    for (const value of [`a${NUL}b`, "a\u0008b", "a\u000bb", "a\u000cb", "a\u001fb"]) {
      expect(multilineText(100).safeParse(value).success, JSON.stringify(value)).toBe(false);
    }
  });

  it("has the message in both languages", () => {
    expect(resources["zh-CN"].common.errors.controlChars).toMatch(/控制字符/);
    expect(resources.en.common.errors.controlChars).toMatch(/control characters/);
    expect(CONTROL_CHARS_MESSAGE).toBe("errors.controlChars");
  });
});

describe("every form refuses a NUL with a message by the field", () => {
  const cases: [string, ZodTypeAny, Record<string, unknown>, (string | number)[]][] = [
    ["sign-up name", signUpSchema, { displayName: `王${NUL}` }, ["displayName"]],
    ["sign-up organisation name", signUpSchema, { role: "employer", organizationName: `港城${NUL}物流` }, ["organizationName"]],
    ["profile full name", profileSchema, { fullName: `陈${NUL}志强` }, ["fullName"]],
    ["profile specialty", profileSchema, { fullName: "陈志强", specialty: `驾驶${NUL}` }, ["specialty"]],
    ["profile skill", profileSchema, { fullName: "陈志强", skills: [`叉车${NUL}`] }, ["skills", 0]],
    ["profile typed certificates", profileSchema, { fullName: "陈志强", certificates: `A2驾照${NUL}` }, ["certificates"]],
    ["saved-search name", saveSearchFormSchema, { name: `司机${NUL}` }, ["name"]],
    ["organisation name", organizationProfileSchema, { name: `港城${NUL}物流` }, ["name"]],
    ["organisation description", organizationProfileSchema, { name: "港城物流", description: `简介${NUL}` }, ["description"]],
    ["job description", jobPostingSchema, { description: `负责集装箱运输，${NUL}要求持有A2驾照。` }, ["description"]],
    ["job title", jobPostingSchema, { title: `司机${NUL}` }, ["title"]],
    ["cover note", applySchema, { coverNote: `我有十年驾龄，${NUL}熟悉苏州路线。` }, ["coverNote"]],
    ["status note", moveSchema, { intent: "move", status: "viewed", note: `备注${NUL}` }, ["note"]],
    ["withdrawal note", withdrawSchema, { intent: "withdraw", note: `备注${NUL}` }, ["note"]],
    ["contact request message", contactRequestSchema, { message: `您好${NUL}` }, ["message"]],
    ["rejection reason", organizationReviewSchema, { intent: "reject", organizationId: "6f1c2d3e-0000-4000-8000-000000000000", reason: `材料${NUL}不全` }, ["reason"]],
    ["staff search", staffVeteranSearchSchema, { q: `陈${NUL}` }, ["q"]],
    ["training title", trainingSlotSchema, { title: `叉车${NUL}培训` }, ["title"]],
  ];
  it.each(cases)("%s", (_label, schema, input, path) => {
    expect(messagesAt(schema, input, path)).toContain(CONTROL_CHARS_MESSAGE);
  });
});
