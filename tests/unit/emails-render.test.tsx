import { describe, expect, it } from "vitest";
import { render } from "@react-email/render";
import {
  EmailTemplateError,
  TEMPLATE_NAMES,
  parseTemplateProps,
  renderEmail,
  templates,
  type TemplateName,
} from "../../emails/templates";
import VerifyEmail, { PreviewProps as verifyPreview } from "../../emails/verify-email";
import ResetPassword, { PreviewProps as resetPreview } from "../../emails/reset-password";
import Welcome, { PreviewProps as welcomePreview } from "../../emails/welcome";

const cases: Array<{
  template: TemplateName;
  props: Record<string, unknown>;
  link: string;
  subject: { "zh-CN": string; en: string };
  mustContain: { "zh-CN": string[]; en: string[] };
}> = [
  {
    template: "verify_email",
    props: { name: "张伟", verifyUrl: "https://rongye.example/verify-email?token=abc123&u=9" },
    link: "https://rongye.example/verify-email?token=abc123&u=9",
    subject: { "zh-CN": "请验证您的戎业邮箱", en: "Verify your Rongye email address" },
    mustContain: { "zh-CN": ["张伟，您好", "验证邮箱"], en: ["Hello 张伟", "Verify email"] },
  },
  {
    template: "reset_password",
    props: { name: "Li Na", resetUrl: "https://rongye.example/reset-password?token=r-77", expiresInMinutes: 45 },
    link: "https://rongye.example/reset-password?token=r-77",
    subject: { "zh-CN": "重置您的戎业密码", en: "Reset your Rongye password" },
    mustContain: { "zh-CN": ["45 分钟后失效", "设置新密码"], en: ["expires in 45 minutes", "Choose a new password"] },
  },
  {
    template: "welcome",
    props: { name: "王强", role: "employer", dashboardUrl: "https://rongye.example/dashboard/employer" },
    link: "https://rongye.example/dashboard/employer",
    subject: { "zh-CN": "欢迎加入戎业", en: "Welcome to Rongye" },
    mustContain: { "zh-CN": ["用人单位", "发布岗位"], en: ["recruit veterans", "Post a job"] },
  },
];

/** The href as it appears in HTML (`&` is escaped in attributes). */
const inHtml = (url: string) => url.replaceAll("&", "&amp;");

describe("email templates", () => {
  it("registers the account templates and every other template's preview renders in both languages", async () => {
    expect(TEMPLATE_NAMES).toEqual(expect.arrayContaining(["reset_password", "verify_email", "welcome"]));
    for (const name of TEMPLATE_NAMES) {
      const file = (await import(`../../emails/${name.replace(/_/g, "-")}.tsx`)) as {
        PreviewProps?: unknown;
        default: { PreviewProps?: unknown };
      };
      // Either convention: a named export or react-email's Component.PreviewProps.
      const preview = file.PreviewProps ?? file.default.PreviewProps;
      expect(preview, `${name} has PreviewProps`).toBeDefined();
      const subjects = new Set<string>();
      for (const locale of ["zh-CN", "en"] as const) {
        const mail = await renderEmail(name, preview as never, locale);
        expect(mail.subject.trim(), `${name} ${locale} subject`).not.toBe("");
        expect(mail.html).toContain(`lang="${locale}"`);
        expect(mail.text.trim().length).toBeGreaterThan(20);
        subjects.add(mail.subject);
      }
      expect(subjects.size, `${name} has different subjects per language`).toBe(2);
    }
  });

  for (const c of cases) {
    for (const locale of ["zh-CN", "en"] as const) {
      it(`${c.template} renders in ${locale} with its subject and link`, async () => {
        const mail = await renderEmail(c.template, c.props as never, locale);
        expect(mail.subject).toBe(c.subject[locale]);
        expect(mail.html).toContain(`lang="${locale}"`);
        expect(mail.html).toContain(`href="${inHtml(c.link)}"`);
        expect(mail.text).toContain(c.link);
        for (const phrase of c.mustContain[locale]) {
          expect(mail.text).toContain(phrase);
          expect(mail.html).toContain(phrase.replaceAll("&", "&amp;"));
        }
        // The other language's subject does not leak in.
        const other = locale === "zh-CN" ? "en" : "zh-CN";
        expect(mail.text).not.toContain(c.subject[other]);
        expect(mail.text).toContain("戎业 Rongye");
      });
    }
  }

  it("greets each role of the welcome mail differently", async () => {
    const texts = new Set<string>();
    for (const role of ["veteran", "employer", "incubator", "staff", "admin"] as const) {
      const mail = await renderEmail("welcome", { name: "A", role, dashboardUrl: "https://rongye.example/d" }, "zh-CN");
      texts.add(mail.text);
    }
    expect(texts.size).toBe(5);
  });

  it("escapes names instead of injecting markup", async () => {
    const mail = await renderEmail(
      "verify_email",
      { name: '<img src=x onerror="alert(1)">', verifyUrl: "https://rongye.example/v" },
      "en",
    );
    expect(mail.html).not.toContain("<img src=x");
    expect(mail.html).toContain("&lt;img src=x");
  });

  it("previews render from PreviewProps (the React Email preview contract)", async () => {
    const previews = [
      [await render(<VerifyEmail {...verifyPreview} />), verifyPreview.verifyUrl],
      [await render(<ResetPassword {...resetPreview} />), resetPreview.resetUrl],
      [await render(<Welcome {...welcomePreview} />), welcomePreview.dashboardUrl],
    ];
    for (const [html, link] of previews) expect(html).toContain(`href="${link}"`);
  });
});

describe("email props validation", () => {
  it("rejects props that do not fit the template", async () => {
    await expect(renderEmail("verify_email", { name: "A" } as never, "zh-CN")).rejects.toThrow(EmailTemplateError);
    await expect(
      renderEmail("verify_email", { name: "A", verifyUrl: "javascript:alert(1)" }, "zh-CN"),
    ).rejects.toThrow(/verifyUrl/);
    await expect(
      renderEmail("reset_password", { name: "A", resetUrl: "https://x.example", expiresInMinutes: -5 }, "en"),
    ).rejects.toThrow(/expiresInMinutes/);
    await expect(
      renderEmail("welcome", { name: "A", role: "pirate", dashboardUrl: "https://x.example" } as never, "en"),
    ).rejects.toThrow(/role/);
    await expect(renderEmail("verify_email", { name: "  ", verifyUrl: "https://x.example" }, "en")).rejects.toThrow(/name/);
  });

  it("rejects unknown templates and locales", async () => {
    await expect(renderEmail("newsletter", {}, "zh-CN")).rejects.toThrow(/Unknown email template/);
    await expect(renderEmail("verify_email", { name: "A", verifyUrl: "https://x.example" }, "fr")).rejects.toThrow(
      /Unknown email locale/,
    );
    expect(() => parseTemplateProps("toString", {})).toThrow(/Unknown email template/);
  });

  it("strips unknown props and trims names", () => {
    const parsed = parseTemplateProps("verify_email", { name: "  张伟 ", verifyUrl: "https://x.example/v", extra: 1 });
    expect(parsed).toEqual({ name: "张伟", verifyUrl: "https://x.example/v" });
    expect(templates.verify_email.schema.safeParse({ name: "张伟", verifyUrl: "/relative" }).success).toBe(false);
  });
});
