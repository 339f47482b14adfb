import { z } from "zod";
import { ActionButton, EmailLayout, Paragraph } from "./_components/layout";
import { linkSchema, nameSchema } from "./_components/schema";
import { fill, layoutStrings, type EmailLocale } from "./strings";

export const verifyEmailPropsSchema = z.object({ name: nameSchema, verifyUrl: linkSchema });
export type VerifyEmailProps = z.infer<typeof verifyEmailPropsSchema>;

const strings = {
  "zh-CN": {
    subject: "请验证您的戎业邮箱",
    preview: "点击链接完成邮箱验证",
    heading: "验证邮箱地址",
    greeting: "{name}，您好：",
    body: "感谢注册戎业。请点击下方按钮验证您的邮箱地址，验证后即可使用全部功能。",
    action: "验证邮箱",
    fallback: "如果按钮无法打开，请复制以下链接到浏览器：",
  },
  en: {
    subject: "Verify your Rongye email address",
    preview: "Confirm your email address to finish signing up",
    heading: "Verify your email address",
    greeting: "Hello {name},",
    body: "Thank you for signing up to Rongye. Please confirm your email address with the button below to use every feature.",
    action: "Verify email",
    fallback: "If the button does not open, copy this link into your browser:",
  },
};

export function subject(_props: VerifyEmailProps, locale: EmailLocale): string {
  return strings[locale].subject;
}

export default function VerifyEmail({ name, verifyUrl, locale = "zh-CN" }: VerifyEmailProps & { locale?: EmailLocale }) {
  const t = strings[locale];
  return (
    <EmailLayout locale={locale} preview={t.preview} heading={t.heading} footerNote={layoutStrings[locale].notYou}>
      <Paragraph>{fill(t.greeting, { name })}</Paragraph>
      <Paragraph>{t.body}</Paragraph>
      <ActionButton href={verifyUrl} label={t.action} fallback={t.fallback} />
    </EmailLayout>
  );
}

export const PreviewProps = {
  name: "张伟",
  verifyUrl: "http://localhost:3000/verify-email?token=preview-token",
  locale: "zh-CN",
} satisfies VerifyEmailProps & { locale: EmailLocale };

VerifyEmail.PreviewProps = PreviewProps;
