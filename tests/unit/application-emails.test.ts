import { describe, expect, it } from "vitest";
import { renderEmail } from "../../emails/templates";
import { PreviewProps as statusPreview } from "../../emails/application-status";
import { PreviewProps as receivedPreview } from "../../emails/application-received";
import { PreviewProps as unansweredPreview } from "../../emails/applications-unanswered";

describe("application mails", () => {
  it("tells the veteran the new status, the employer's note and the link, in zh-CN and en", async () => {
    const zh = await renderEmail("application_status", statusPreview, "zh-CN");
    expect(zh.subject).toBe("求职申请进展：集装箱牵引车司机（A2）（邀请面试）");
    expect(zh.text).toContain("张家港港城智运物流有限公司");
    expect(zh.text).toContain("单位附言：请于周二上午 10 点到公司面试");
    expect(zh.text).toContain(statusPreview.applicationUrl);
    const en = await renderEmail("application_status", { ...statusPreview, status: "hired", note: undefined }, "en");
    expect(en.subject).toBe("Your application for 集装箱牵引车司机（A2）: hired");
    expect(en.text).toContain("is now: hired");
    expect(en.text).not.toContain("Note from the employer");
  });

  it("confirms a withdrawal in the veteran's own words", async () => {
    const zh = await renderEmail("application_status", { ...statusPreview, status: "withdrawn" }, "zh-CN");
    expect(zh.text).toContain("您已撤回对 张家港港城智运物流有限公司「集装箱牵引车司机（A2）」岗位的申请");
  });

  it("tells the employer's members about a new application", async () => {
    const zh = await renderEmail("application_received", receivedPreview, "zh-CN");
    expect(zh.subject).toBe("新的求职申请：集装箱牵引车司机（A2）");
    expect(zh.text).toContain("退役军人 陈志强 申请了");
    const en = await renderEmail("application_received", receivedPreview, "en");
    expect(en.text).toContain("The veteran 陈志强 has applied");
  });

  it("lists unanswered applications in the digest", async () => {
    const zh = await renderEmail("applications_unanswered", unansweredPreview, "zh-CN");
    expect(zh.subject).toBe("2 份求职申请已等待 14 天以上");
    expect(zh.text).toContain("刘海军 · 城市配送司机（C1/C2）");
    const en = await renderEmail("applications_unanswered", { ...unansweredPreview, total: 60 }, "en");
    expect(en.text).toContain("58 more are not listed.");
  });

  it("refuses props that would make a broken mail", async () => {
    await expect(renderEmail("application_status", { ...statusPreview, status: "lost" }, "zh-CN")).rejects.toThrow();
    await expect(renderEmail("application_received", { ...receivedPreview, applicationUrl: "/relative" }, "zh-CN")).rejects.toThrow();
    await expect(renderEmail("applications_unanswered", { ...unansweredPreview, items: [] }, "zh-CN")).rejects.toThrow();
  });
});
