import { z } from "zod";
import { ActionButton, EmailLayout, Paragraph } from "./_components/layout";
import { linkSchema, nameSchema } from "./_components/schema";
import { fill, type EmailLocale, type Localized } from "./strings";

const STATUSES = ["applied", "viewed", "interview", "offer", "hired", "rejected", "withdrawn"] as const;

export const applicationStatusPropsSchema = z.object({
  name: nameSchema,
  jobTitle: z.string().trim().min(1).max(200),
  organizationName: z.string().trim().min(1).max(200),
  status: z.enum(STATUSES),
  note: z.string().trim().max(500).optional(),
  applicationUrl: linkSchema,
});
export type ApplicationStatusProps = z.infer<typeof applicationStatusPropsSchema>;

const statusText: Localized<Record<(typeof STATUSES)[number], string>> = {
  "zh-CN": {
    applied: "已投递",
    viewed: "已查看",
    interview: "邀请面试",
    offer: "发放录用意向",
    hired: "已录用",
    rejected: "未通过",
    withdrawn: "已撤回",
  },
  en: {
    applied: "submitted",
    viewed: "viewed",
    interview: "invited to interview",
    offer: "offered",
    hired: "hired",
    rejected: "not selected",
    withdrawn: "withdrawn",
  },
};

const strings = {
  "zh-CN": {
    subject: "求职申请进展：{jobTitle}（{status}）",
    heading: "您的求职申请有新进展",
    greeting: "{name}，您好：",
    body: "您向 {organizationName} 申请的岗位「{jobTitle}」状态已更新为：{status}。",
    withdrawn: "您已撤回对 {organizationName}「{jobTitle}」岗位的申请。",
    note: "单位附言：{note}",
    action: "查看申请进度",
    fallback: "如果按钮无法打开，请复制以下链接到浏览器：",
  },
  en: {
    subject: "Your application for {jobTitle}: {status}",
    heading: "News on your job application",
    greeting: "Hello {name},",
    body: "Your application to {organizationName} for “{jobTitle}” is now: {status}.",
    withdrawn: "You have withdrawn your application to {organizationName} for “{jobTitle}”.",
    note: "Note from the employer: {note}",
    action: "See your application",
    fallback: "If the button does not open, copy this link into your browser:",
  },
};

export function subject(props: ApplicationStatusProps, locale: EmailLocale): string {
  return fill(strings[locale].subject, { jobTitle: props.jobTitle, status: statusText[locale][props.status] });
}

export default function ApplicationStatus({
  name,
  jobTitle,
  organizationName,
  status,
  note,
  applicationUrl,
  locale = "zh-CN",
}: ApplicationStatusProps & { locale?: EmailLocale }) {
  const t = strings[locale];
  const values = { name, jobTitle, organizationName, status: statusText[locale][status] };
  return (
    <EmailLayout locale={locale} preview={subject({ name, jobTitle, organizationName, status, applicationUrl }, locale)} heading={t.heading}>
      <Paragraph>{fill(t.greeting, values)}</Paragraph>
      <Paragraph>{fill(status === "withdrawn" ? t.withdrawn : t.body, values)}</Paragraph>
      {note && status !== "withdrawn" ? <Paragraph>{fill(t.note, { note })}</Paragraph> : null}
      <ActionButton href={applicationUrl} label={t.action} fallback={t.fallback} />
    </EmailLayout>
  );
}

export const PreviewProps = {
  name: "陈志强",
  jobTitle: "集装箱牵引车司机（A2）",
  organizationName: "张家港港城智运物流有限公司",
  status: "interview",
  note: "请于周二上午 10 点到公司面试，携带驾驶证原件。",
  applicationUrl: "http://localhost:3000/applications/00000000-0000-0000-0000-000000000000",
  locale: "zh-CN",
} satisfies ApplicationStatusProps & { locale: EmailLocale };

ApplicationStatus.PreviewProps = PreviewProps;
