import { formatDate } from "../app/i18n/format";
import { z } from "zod";
import { EmailLayout, Paragraph } from "./_components/layout";
import { linkSchema, nameSchema } from "./_components/schema";
import { fill, type EmailLocale } from "./strings";

export const applicationsUnansweredPropsSchema = z.object({
  name: nameSchema,
  organizationName: z.string().trim().min(1).max(200),
  items: z
    .array(
      z.object({
        jobTitle: z.string().trim().min(1).max(200),
        applicantName: nameSchema,
        appliedAt: z.string().datetime(),
        url: linkSchema.optional(),
      }),
    )
    .min(1)
    .max(50),
  /** All newly flagged ones (the list shows at most 50). */
  total: z.number().int().min(1),
});
export type ApplicationsUnansweredProps = z.infer<typeof applicationsUnansweredPropsSchema>;

const strings = {
  "zh-CN": {
    subject: "{count} 份求职申请已等待 14 天以上",
    heading: "有求职申请等待您的回复",
    greeting: "{name}，您好：",
    body: "{organizationName} 有 {count} 份求职申请已超过 14 天未处理。退役军人在等待您的答复，请尽快查看、安排面试或告知结果。",
    item: "{applicantName} · {jobTitle} · {date} 投递",
    more: "另有 {count} 份未列出。",
    closing: "单位的回复率和平均回复时间会展示在单位主页上。",
  },
  en: {
    subject: "{count} job applications have waited 14 days or more",
    heading: "Applications are waiting for your answer",
    greeting: "Hello {name},",
    body: "{organizationName} has {count} applications left unanswered for more than 14 days. Veterans are waiting to hear from you: please look at them, invite to interview or tell them the outcome.",
    item: "{applicantName} · {jobTitle} · applied {date}",
    more: "{count} more are not listed.",
    closing: "Your organisation's response rate and typical response time show on its public page.",
  },
};

export function subject(props: ApplicationsUnansweredProps, locale: EmailLocale): string {
  return fill(strings[locale].subject, { count: props.total });
}

export default function ApplicationsUnanswered({
  name,
  organizationName,
  items,
  total,
  locale = "zh-CN",
}: ApplicationsUnansweredProps & { locale?: EmailLocale }) {
  const t = strings[locale];
  const date = (iso: string) => formatDate(iso, locale, { year: "numeric", month: "short", day: "numeric" });
  return (
    <EmailLayout locale={locale} preview={fill(t.subject, { count: total })} heading={t.heading}>
      <Paragraph>{fill(t.greeting, { name })}</Paragraph>
      <Paragraph>{fill(t.body, { organizationName, count: total })}</Paragraph>
      <ul style={{ color: "#1f2328", fontSize: 15, lineHeight: "24px", margin: "0 0 16px", paddingLeft: 20 }}>
        {items.map((i) => {
          const text = fill(t.item, { applicantName: i.applicantName, jobTitle: i.jobTitle, date: date(i.appliedAt) });
          return <li key={`${i.applicantName}-${i.appliedAt}-${i.jobTitle}`}>{i.url ? <a href={i.url}>{text}</a> : text}</li>;
        })}
      </ul>
      {total > items.length ? <Paragraph>{fill(t.more, { count: total - items.length })}</Paragraph> : null}
      <Paragraph>{t.closing}</Paragraph>
    </EmailLayout>
  );
}

export const PreviewProps = {
  name: "王芳",
  organizationName: "张家港港城智运物流有限公司",
  items: [
    { jobTitle: "城市配送司机（C1/C2）", applicantName: "刘海军", appliedAt: "2026-03-01T02:00:00.000Z", url: "http://localhost:3000/employer/applications/00000000-0000-0000-0000-000000000001" },
    { jobTitle: "车队调度主管", applicantName: "赵卫东", appliedAt: "2026-03-02T06:30:00.000Z" },
  ],
  total: 2,
  locale: "zh-CN",
} satisfies ApplicationsUnansweredProps & { locale: EmailLocale };

ApplicationsUnanswered.PreviewProps = PreviewProps;
