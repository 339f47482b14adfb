import { z } from "zod";
import { ActionButton, EmailLayout, Paragraph } from "./_components/layout";
import { linkSchema, nameSchema } from "./_components/schema";
import { fill, type EmailLocale } from "./strings";

export const applicationReceivedPropsSchema = z.object({
  name: nameSchema,
  jobTitle: z.string().trim().min(1).max(200),
  applicantName: nameSchema,
  applicationUrl: linkSchema,
});
export type ApplicationReceivedProps = z.infer<typeof applicationReceivedPropsSchema>;

const strings = {
  "zh-CN": {
    subject: "新的求职申请：{jobTitle}",
    heading: "收到一份新的求职申请",
    greeting: "{name}，您好：",
    body: "退役军人 {applicantName} 申请了您单位发布的岗位「{jobTitle}」。",
    hint: "请尽快查看并回复；14 天未处理的申请会提醒您，单位的回复率会展示在单位主页上。",
    action: "查看申请",
    fallback: "如果按钮无法打开，请复制以下链接到浏览器：",
  },
  en: {
    subject: "New application: {jobTitle}",
    heading: "You have a new job application",
    greeting: "Hello {name},",
    body: "The veteran {applicantName} has applied for your job “{jobTitle}”.",
    hint: "Please look at it and answer soon: applications left for 14 days are flagged, and your response rate shows on your organisation's public page.",
    action: "Open the application",
    fallback: "If the button does not open, copy this link into your browser:",
  },
};

export function subject(props: ApplicationReceivedProps, locale: EmailLocale): string {
  return fill(strings[locale].subject, { jobTitle: props.jobTitle });
}

export default function ApplicationReceived({
  name,
  jobTitle,
  applicantName,
  applicationUrl,
  locale = "zh-CN",
}: ApplicationReceivedProps & { locale?: EmailLocale }) {
  const t = strings[locale];
  return (
    <EmailLayout locale={locale} preview={fill(t.subject, { jobTitle })} heading={t.heading}>
      <Paragraph>{fill(t.greeting, { name })}</Paragraph>
      <Paragraph>{fill(t.body, { applicantName, jobTitle })}</Paragraph>
      <Paragraph>{t.hint}</Paragraph>
      <ActionButton href={applicationUrl} label={t.action} fallback={t.fallback} />
    </EmailLayout>
  );
}

export const PreviewProps = {
  name: "王芳",
  jobTitle: "集装箱牵引车司机（A2）",
  applicantName: "陈志强",
  applicationUrl: "http://localhost:3000/employer/applications/00000000-0000-0000-0000-000000000000",
  locale: "zh-CN",
} satisfies ApplicationReceivedProps & { locale: EmailLocale };

ApplicationReceived.PreviewProps = PreviewProps;
