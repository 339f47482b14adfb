import { z } from "zod";
import { ActionButton, EmailLayout, Paragraph } from "./_components/layout";
import { linkSchema, nameSchema } from "./_components/schema";
import { fill, type EmailLocale } from "./strings";

/**
 * Sent to an account's owner when someone tries to sign up with its address. The sign-up page answers exactly as
 * for a new address (so it cannot be used to learn who has an account); the owner learns it here instead.
 */
export const signupAttemptPropsSchema = z.object({ name: nameSchema, signInUrl: linkSchema, resetUrl: linkSchema });
export type SignupAttemptProps = z.infer<typeof signupAttemptPropsSchema>;

const strings = {
  "zh-CN": {
    subject: "有人尝试用您的邮箱注册戎业",
    preview: "您的邮箱已有戎业账号，无需重新注册",
    heading: "您的邮箱已有账号",
    greeting: "{name}，您好：",
    body: "刚才有人在戎业用您的邮箱地址注册新账号。该邮箱已经注册过，因此没有创建新账号。如果是您本人，请直接登录；如果忘记了密码，可以重设密码。",
    action: "登录戎业",
    fallback: "如果按钮无法打开，请复制以下链接到浏览器：",
    forgot: "忘记密码？重设密码：",
    notYou: "如果这不是您本人的操作，您无需做任何事，您的账号不受影响。",
  },
  en: {
    subject: "Someone tried to sign up to Rongye with your email",
    preview: "Your email already has a Rongye account; there is no need to sign up again",
    heading: "Your email already has an account",
    greeting: "Hello {name},",
    body: "Someone just tried to create a new Rongye account with your email address. This address already has an account, so no new account was created. If it was you, sign in instead; if you have forgotten your password, you can reset it.",
    action: "Sign in to Rongye",
    fallback: "If the button does not open, copy this link into your browser:",
    forgot: "Forgotten your password? Reset it:",
    notYou: "If this was not you, there is nothing to do: your account is unaffected.",
  },
};

export function subject(_props: SignupAttemptProps, locale: EmailLocale): string {
  return strings[locale].subject;
}

export default function SignupAttempt({ name, signInUrl, resetUrl, locale = "zh-CN" }: SignupAttemptProps & { locale?: EmailLocale }) {
  const t = strings[locale];
  return (
    <EmailLayout locale={locale} preview={t.preview} heading={t.heading} footerNote={t.notYou}>
      <Paragraph>{fill(t.greeting, { name })}</Paragraph>
      <Paragraph>{t.body}</Paragraph>
      <ActionButton href={signInUrl} label={t.action} fallback={t.fallback} />
      <Paragraph>
        {t.forgot} <a href={resetUrl}>{resetUrl}</a>
      </Paragraph>
    </EmailLayout>
  );
}

export const PreviewProps = {
  name: "王强",
  signInUrl: "http://localhost:3000/signin",
  resetUrl: "http://localhost:3000/forgot-password",
  locale: "zh-CN",
} satisfies SignupAttemptProps & { locale: EmailLocale };

SignupAttempt.PreviewProps = PreviewProps;
