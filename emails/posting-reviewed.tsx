import { z } from "zod";
import { ActionButton, EmailLayout, Paragraph } from "./_components/layout";
import { linkSchema, nameSchema } from "./_components/schema";
import { fill, type EmailLocale } from "./strings";

/** Sent to the employer when staff approve or reject a job posting held for review. */
export const postingReviewedPropsSchema = z.object({
  name: nameSchema,
  postingTitle: z.string().trim().min(1).max(200),
  outcome: z.enum(["approved", "rejected"]),
  /** Staff's reason, shown when the posting was rejected. */
  reason: z.string().trim().max(1000).optional(),
  postingUrl: linkSchema,
});
export type PostingReviewedProps = z.infer<typeof postingReviewedPropsSchema>;

const strings = {
  "zh-CN": {
    subjectApproved: "岗位已通过审核：{title}",
    subjectRejected: "岗位未通过审核：{title}",
    preview: "您发布的岗位有了审核结果",
    headingApproved: "岗位已通过审核",
    headingRejected: "岗位未通过审核",
    greeting: "{name}，您好：",
    approved: "您发布的岗位“{title}”已通过服务人员审核，现已公开展示，有效期 30 天。",
    rejected: "您发布的岗位“{title}”未通过服务人员审核。",
    reason: "原因：{reason}",
    fix: "请根据原因修改岗位内容后重新提交审核。",
    action: "查看岗位",
    fallback: "如果按钮无法打开，请复制以下链接到浏览器：",
  },
  en: {
    subjectApproved: "Job posting approved: {title}",
    subjectRejected: "Job posting not approved: {title}",
    preview: "Your job posting has been reviewed",
    headingApproved: "Your job posting was approved",
    headingRejected: "Your job posting was not approved",
    greeting: "Hello {name},",
    approved: "Your job posting “{title}” was approved by our staff and is now public for 30 days.",
    rejected: "Your job posting “{title}” was not approved by our staff.",
    reason: "Reason: {reason}",
    fix: "Please change the posting as the reason says and submit it for review again.",
    action: "View the posting",
    fallback: "If the button does not open, copy this link into your browser:",
  },
};

export function subject(props: PostingReviewedProps, locale: EmailLocale): string {
  const t = strings[locale];
  return fill(props.outcome === "approved" ? t.subjectApproved : t.subjectRejected, { title: props.postingTitle });
}

export default function PostingReviewed({
  name,
  postingTitle,
  outcome,
  reason,
  postingUrl,
  locale = "zh-CN",
}: PostingReviewedProps & { locale?: EmailLocale }) {
  const t = strings[locale];
  const approved = outcome === "approved";
  return (
    <EmailLayout locale={locale} preview={t.preview} heading={approved ? t.headingApproved : t.headingRejected}>
      <Paragraph>{fill(t.greeting, { name })}</Paragraph>
      <Paragraph>{fill(approved ? t.approved : t.rejected, { title: postingTitle })}</Paragraph>
      {!approved && reason ? <Paragraph>{fill(t.reason, { reason })}</Paragraph> : null}
      {!approved ? <Paragraph>{t.fix}</Paragraph> : null}
      <ActionButton href={postingUrl} label={t.action} fallback={t.fallback} />
    </EmailLayout>
  );
}

export const PreviewProps = {
  name: "王芳",
  postingTitle: "集装箱牵引车司机",
  outcome: "rejected",
  reason: "岗位描述要求应聘者缴纳押金，请删除后重新提交。",
  postingUrl: "http://localhost:3000/employer/jobs",
  locale: "zh-CN",
} satisfies PostingReviewedProps & { locale: EmailLocale };

PostingReviewed.PreviewProps = PreviewProps;
