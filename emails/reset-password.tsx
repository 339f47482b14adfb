import { z } from "zod";
import { ActionButton, EmailLayout, Paragraph } from "./_components/layout";
import { linkSchema, nameSchema } from "./_components/schema";
import { fill, type EmailLocale } from "./strings";

export const resetPasswordPropsSchema = z.object({
  name: nameSchema,
  resetUrl: linkSchema,
  expiresInMinutes: z.number().int().positive().max(7 * 24 * 60),
});
export type ResetPasswordProps = z.infer<typeof resetPasswordPropsSchema>;

const strings = {
  "zh-CN": {
    subject: "重置您的戎业密码",
    preview: "点击链接设置新密码",
    heading: "重置密码",
    greeting: "{name}，您好：",
    body: "我们收到了重置您戎业账号密码的请求。请点击下方按钮设置新密码。",
    expiry: "该链接将在 {minutes} 分钟后失效，且只能使用一次。",
    action: "设置新密码",
    fallback: "如果按钮无法打开，请复制以下链接到浏览器：",
    notYou: "如果您没有申请重置密码，请忽略本邮件，您的密码不会改变。",
  },
  en: {
    subject: "Reset your Rongye password",
    preview: "Use this link to choose a new password",
    heading: "Reset your password",
    greeting: "Hello {name},",
    body: "We received a request to reset the password of your Rongye account. Use the button below to choose a new one.",
    expiry: "This link expires in {minutes} minutes and works only once.",
    action: "Choose a new password",
    fallback: "If the button does not open, copy this link into your browser:",
    notYou: "If you did not ask to reset your password, ignore this email; your password stays the same.",
  },
};

export function subject(_props: ResetPasswordProps, locale: EmailLocale): string {
  return strings[locale].subject;
}

export default function ResetPassword({
  name,
  resetUrl,
  expiresInMinutes,
  locale = "zh-CN",
}: ResetPasswordProps & { locale?: EmailLocale }) {
  const t = strings[locale];
  return (
    <EmailLayout locale={locale} preview={t.preview} heading={t.heading} footerNote={t.notYou}>
      <Paragraph>{fill(t.greeting, { name })}</Paragraph>
      <Paragraph>{t.body}</Paragraph>
      <ActionButton href={resetUrl} label={t.action} fallback={t.fallback} />
      <Paragraph>{fill(t.expiry, { minutes: expiresInMinutes })}</Paragraph>
    </EmailLayout>
  );
}

export const PreviewProps = {
  name: "李娜",
  resetUrl: "http://localhost:3000/reset-password?token=preview-token",
  expiresInMinutes: 60,
  locale: "zh-CN",
} satisfies ResetPasswordProps & { locale: EmailLocale };

ResetPassword.PreviewProps = PreviewProps;
