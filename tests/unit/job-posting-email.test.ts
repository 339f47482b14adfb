import { describe, expect, it } from "vitest";
import { EmailTemplateError, parseTemplateProps, renderEmail } from "../../emails/templates";

const base = { name: "王芳", postingTitle: "集装箱牵引车司机", postingUrl: "https://rongye.example/jobs/abc" };

describe("posting_reviewed mail", () => {
  it("tells the employer a posting was approved, in Chinese and English", async () => {
    const zh = await renderEmail("posting_reviewed", { ...base, outcome: "approved" }, "zh-CN");
    expect(zh.subject).toBe("岗位已通过审核：集装箱牵引车司机");
    expect(zh.text).toContain("已通过服务人员审核");
    expect(zh.text).toContain("https://rongye.example/jobs/abc");
    const en = await renderEmail("posting_reviewed", { ...base, outcome: "approved" }, "en");
    expect(en.subject).toBe("Job posting approved: 集装箱牵引车司机");
  });

  it("gives staff's reason when a posting was rejected", async () => {
    const mail = await renderEmail("posting_reviewed", { ...base, outcome: "rejected", reason: "请删除押金要求" }, "zh-CN");
    expect(mail.subject).toBe("岗位未通过审核：集装箱牵引车司机");
    expect(mail.text).toContain("原因：请删除押金要求");
    const en = await renderEmail("posting_reviewed", { ...base, outcome: "rejected", reason: "Remove the deposit" }, "en");
    expect(en.text).toContain("Reason: Remove the deposit");
  });

  it("escapes what employers and staff typed", async () => {
    const mail = await renderEmail("posting_reviewed", { ...base, postingTitle: "<b>司机</b>", outcome: "rejected", reason: "<script>x</script>" }, "en");
    expect(mail.html).not.toContain("<script>x</script>");
    expect(mail.html).not.toContain("<b>司机</b>");
  });

  it("refuses an unknown outcome or a non-http link", () => {
    expect(() => parseTemplateProps("posting_reviewed", { ...base, outcome: "maybe" })).toThrow(EmailTemplateError);
    expect(() => parseTemplateProps("posting_reviewed", { ...base, outcome: "approved", postingUrl: "javascript:alert(1)" })).toThrow(
      EmailTemplateError,
    );
  });
});
