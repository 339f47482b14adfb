import { describe, expect, it } from "vitest";
import { EmailTemplateError, renderEmail } from "../../emails/templates";

const base = { name: "王芳", organizationName: "常熟虞味餐饮管理有限公司", url: "https://rongye.example/orgs/1" };

describe("organization_reviewed mail", () => {
  it("tells members their organisation is verified, with the published job count, in zh-CN and en", async () => {
    const zh = await renderEmail("organization_reviewed", { ...base, outcome: "verified", publishedJobs: 2 }, "zh-CN");
    expect(zh.subject).toBe("“常熟虞味餐饮管理有限公司”已通过单位认证");
    expect(zh.text).toContain("王芳，您好");
    expect(zh.text).toContain("认证前等待审核的 2 个岗位已自动发布");
    expect(zh.text).toContain("https://rongye.example/orgs/1");
    const en = await renderEmail("organization_reviewed", { ...base, outcome: "verified" }, "en");
    expect(en.subject).toBe("“常熟虞味餐饮管理有限公司” is now verified");
    expect(en.text).not.toContain("are now published"); // no jobs waited
  });

  it("gives the reason of a rejection and refuses one without a reason", async () => {
    const en = await renderEmail("organization_reviewed", { ...base, outcome: "rejected", reason: "Licence expired" }, "en");
    expect(en.subject).toBe("Verification of “常熟虞味餐饮管理有限公司” was not approved");
    expect(en.text).toContain("Reason: Licence expired");
    const zh = await renderEmail("organization_reviewed", { ...base, outcome: "rejected", reason: "<b>执照过期</b>" }, "zh-CN");
    expect(zh.html).not.toContain("<b>执照过期</b>"); // escaped
    expect(zh.text).toContain("原因：<b>执照过期</b>");
    await expect(renderEmail("organization_reviewed", { ...base, outcome: "rejected" }, "zh-CN")).rejects.toBeInstanceOf(EmailTemplateError);
  });
});
