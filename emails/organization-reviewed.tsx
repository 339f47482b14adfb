import { z } from "zod";
import { ActionButton, EmailLayout, Paragraph } from "./_components/layout";
import { linkSchema, nameSchema } from "./_components/schema";
import { fill, type EmailLocale } from "./strings";

/** Sent to every member of an organisation when staff verify it or reject (or withdraw) its verification. */
export const organizationReviewedPropsSchema = z
  .object({
    name: nameSchema,
    organizationName: z.string().trim().min(1).max(200),
    outcome: z.enum(["verified", "rejected"]),
    /** Required when rejected: staff must say why. */
    reason: z.string().trim().max(1000).optional(),
    /** Jobs that were waiting only for the verification and are now published. */
    publishedJobs: z.number().int().min(0).default(0),
    url: linkSchema,
  })
  .refine((p) => p.outcome !== "rejected" || Boolean(p.reason), { message: "A rejection needs a reason", path: ["reason"] });
export type OrganizationReviewedProps = z.infer<typeof organizationReviewedPropsSchema>;

const strings = {
  "zh-CN": {
    subjectVerified: "“{org}”已通过单位认证",
    subjectRejected: "“{org}”的单位认证未通过",
    previewVerified: "您的单位已通过戎业服务人员认证",
    previewRejected: "请查看未通过的原因并修改单位信息",
    headingVerified: "单位认证已通过",
    headingRejected: "单位认证未通过",
    greeting: "{name}，您好：",
    verified: "您所在的单位“{org}”已通过服务人员认证。单位主页和岗位将显示“已认证”标识。",
    published: "认证前等待审核的 {count} 个岗位已自动发布。",
    rejected: "您所在的单位“{org}”的认证未通过。",
    reason: "原因：{reason}",
    fix: "请根据原因修改单位信息，保存后将重新进入认证队列。",
    actionVerified: "查看单位主页",
    actionRejected: "修改单位信息",
    fallback: "如果按钮无法打开，请复制以下链接到浏览器：",
    closing: "如有疑问，可联系当地退役军人服务中心或服务站。",
  },
  en: {
    subjectVerified: "“{org}” is now verified",
    subjectRejected: "Verification of “{org}” was not approved",
    previewVerified: "Rongye staff have verified your organisation",
    previewRejected: "See why and update your organisation's details",
    headingVerified: "Organisation verified",
    headingRejected: "Verification not approved",
    greeting: "Hello {name},",
    verified: "Your organisation “{org}” has been verified by Rongye staff. Its page and jobs now show the “Verified” mark.",
    published: "{count} job(s) that were waiting for the verification are now published.",
    rejected: "The verification of your organisation “{org}” was not approved.",
    reason: "Reason: {reason}",
    fix: "Please correct your organisation's details; saving them puts it back in the verification queue.",
    actionVerified: "View your organisation's page",
    actionRejected: "Edit your organisation",
    fallback: "If the button does not open, copy this link into your browser:",
    closing: "If you have questions, contact your local veterans service centre or service station.",
  },
};

export function subject(props: OrganizationReviewedProps, locale: EmailLocale): string {
  const t = strings[locale];
  return fill(props.outcome === "verified" ? t.subjectVerified : t.subjectRejected, { org: props.organizationName });
}

export default function OrganizationReviewed({
  name,
  organizationName,
  outcome,
  reason,
  publishedJobs = 0,
  url,
  locale = "zh-CN",
}: OrganizationReviewedProps & { locale?: EmailLocale }) {
  const t = strings[locale];
  const verified = outcome === "verified";
  return (
    <EmailLayout
      locale={locale}
      preview={verified ? t.previewVerified : t.previewRejected}
      heading={verified ? t.headingVerified : t.headingRejected}
    >
      <Paragraph>{fill(t.greeting, { name })}</Paragraph>
      {verified ? (
        <>
          <Paragraph>{fill(t.verified, { org: organizationName })}</Paragraph>
          {publishedJobs > 0 ? <Paragraph>{fill(t.published, { count: publishedJobs })}</Paragraph> : null}
        </>
      ) : (
        <>
          <Paragraph>{fill(t.rejected, { org: organizationName })}</Paragraph>
          <Paragraph>{fill(t.reason, { reason: reason ?? "" })}</Paragraph>
          <Paragraph>{t.fix}</Paragraph>
        </>
      )}
      <ActionButton href={url} label={verified ? t.actionVerified : t.actionRejected} fallback={t.fallback} />
      <Paragraph>{t.closing}</Paragraph>
    </EmailLayout>
  );
}

export const PreviewProps = {
  name: "王芳",
  organizationName: "常熟虞味餐饮管理有限公司",
  outcome: "rejected",
  reason: "营业执照上的名称与填写的单位名称不一致，请核对。",
  publishedJobs: 0,
  url: "http://localhost:3000/organization",
  locale: "zh-CN",
} satisfies OrganizationReviewedProps & { locale: EmailLocale };

OrganizationReviewed.PreviewProps = PreviewProps;
