import { describe, expect, it } from "vitest";
import { EmailTemplateError, renderEmail } from "../../emails/templates";
import { PreviewProps, TRAINING_ENROLLMENT_EVENTS } from "../../emails/training-enrollment";

const { locale: _locale, ...props } = PreviewProps;

describe("training_enrollment mail", () => {
  it("renders every event in zh-CN and en with the course, time and link", async () => {
    for (const event of TRAINING_ENROLLMENT_EVENTS) {
      const zh = await renderEmail("training_enrollment", { ...props, event }, "zh-CN");
      const en = await renderEmail("training_enrollment", { ...props, event }, "en");
      for (const mail of [zh, en]) {
        expect(mail.subject).toContain(props.courseTitle);
        expect(mail.text).toContain(props.courseUrl);
        expect(mail.text).toContain(props.place);
      }
      expect(zh.text).toContain("2026年5月12日");
      expect(en.text).toContain("May 12, 2026");
    }
  });
  it("says the waitlist position and what promotion means", async () => {
    const waiting = await renderEmail("training_enrollment", { ...props, event: "waitlisted", position: 7 }, "zh-CN");
    expect(waiting.subject).toBe(`已进入候补：${props.courseTitle}`);
    expect(waiting.text).toContain("当前排第 7 位");
    const promoted = await renderEmail("training_enrollment", { ...props, event: "promoted" }, "en");
    expect(promoted.subject).toBe(`A seat opened up and is yours: ${props.courseTitle}`);
    expect(promoted.text).toContain("moved from the waitlist to enrolled");
  });
  it("refuses an unknown event or a relative link", async () => {
    await expect(renderEmail("training_enrollment", { ...props, event: "maybe" }, "en")).rejects.toBeInstanceOf(EmailTemplateError);
    await expect(renderEmail("training_enrollment", { ...props, courseUrl: "/training/1" }, "en")).rejects.toBeInstanceOf(EmailTemplateError);
  });
});
