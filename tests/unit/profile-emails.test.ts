import { describe, expect, it } from "vitest";
import { EmailTemplateError, parseTemplateProps, renderEmail } from "../../emails/templates";

describe("contact request mails", () => {
  it("tells the veteran who asked, with the message and a link, in zh-CN and en", async () => {
    const props = { name: "陈志强", organizationName: "港城智运物流", message: "我们在招司机", requestsUrl: "https://rongye.example/contact-requests" };
    const zh = await renderEmail("contact_request_received", props, "zh-CN");
    expect(zh.subject).toBe("港城智运物流 希望获取您的联系方式");
    expect(zh.text).toContain("我们在招司机");
    expect(zh.text).toContain("https://rongye.example/contact-requests");
    const en = await renderEmail("contact_request_received", props, "en");
    expect(en.subject).toBe("港城智运物流 would like your contact details");
    expect(en.text).toContain("They cannot see them unless you accept");
  });

  it("tells the employer the answer without the veteran's full name", async () => {
    const base = { name: "王芳", candidate: "陈**", candidateUrl: "https://rongye.example/employer/candidates/x" };
    const yes = await renderEmail("contact_request_answered", { ...base, accepted: true }, "zh-CN");
    expect(yes.subject).toBe("陈** 同意了您的联系请求");
    const no = await renderEmail("contact_request_answered", { ...base, accepted: false }, "en");
    expect(no.subject).toBe("陈** declined to share contact details");
    expect(no.text).toContain("prefers not to share");
  });

  it("rejects props that are not absolute links", () => {
    expect(() => parseTemplateProps("contact_request_received", { name: "a", organizationName: "b", requestsUrl: "/contact-requests" })).toThrow(EmailTemplateError);
  });
});
