import { z } from "zod";
import { ActionButton, EmailLayout, Paragraph } from "./_components/layout";
import { linkSchema, nameSchema } from "./_components/schema";
import { fill, type EmailLocale } from "./strings";

/** To a veteran: an employer asks to see their phone and email. */
export const contactRequestReceivedPropsSchema = z.object({
  name: nameSchema,
  organizationName: z.string().trim().min(1).max(200),
  message: z.string().trim().max(500).optional(),
  requestsUrl: linkSchema,
});
export type ContactRequestReceivedProps = z.infer<typeof contactRequestReceivedPropsSchema>;

const strings = {
  "zh-CN": {
    subject: "{org} 希望获取您的联系方式",
    preview: "有用人单位希望与您联系",
    heading: "新的联系请求",
    greeting: "{name}，您好：",
    body: "{org} 查看了您的档案，希望获取您的手机号和电子邮箱。同意之前，对方看不到您的联系方式。",
    message: "对方留言：{message}",
    action: "查看并答复",
    fallback: "如果按钮无法打开，请复制以下链接到浏览器：",
  },
  en: {
    subject: "{org} would like your contact details",
    preview: "An employer would like to contact you",
    heading: "New contact request",
    greeting: "Hello {name},",
    body: "{org} viewed your profile and asks to see your phone number and email. They cannot see them unless you accept.",
    message: "Their message: {message}",
    action: "Review and answer",
    fallback: "If the button does not open, copy this link into your browser:",
  },
};

export function subject(props: ContactRequestReceivedProps, locale: EmailLocale): string {
  return fill(strings[locale].subject, { org: props.organizationName });
}

export default function ContactRequestReceived({
  name,
  organizationName,
  message,
  requestsUrl,
  locale = "zh-CN",
}: ContactRequestReceivedProps & { locale?: EmailLocale }) {
  const t = strings[locale];
  return (
    <EmailLayout locale={locale} preview={t.preview} heading={t.heading}>
      <Paragraph>{fill(t.greeting, { name })}</Paragraph>
      <Paragraph>{fill(t.body, { org: organizationName })}</Paragraph>
      {message ? <Paragraph>{fill(t.message, { message })}</Paragraph> : null}
      <ActionButton href={requestsUrl} label={t.action} fallback={t.fallback} />
    </EmailLayout>
  );
}

ContactRequestReceived.PreviewProps = {
  name: "陈志强",
  organizationName: "港城智运物流有限公司",
  message: "我们在招聘牵引车司机，想和您聊聊。",
  requestsUrl: "https://rongye.example/contact-requests",
} satisfies ContactRequestReceivedProps;
