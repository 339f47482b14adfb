import { z } from "zod";
import { ActionButton, EmailLayout, Paragraph } from "./_components/layout";
import { linkSchema, nameSchema } from "./_components/schema";
import { fill, type EmailLocale } from "./strings";

/** To an employer: the veteran accepted or declined their contact request. */
export const contactRequestAnsweredPropsSchema = z.object({
  name: nameSchema,
  candidate: z.string().trim().min(1).max(20),
  accepted: z.boolean(),
  candidateUrl: linkSchema,
});
export type ContactRequestAnsweredProps = z.infer<typeof contactRequestAnsweredPropsSchema>;

const strings = {
  "zh-CN": {
    subjectAccepted: "{candidate} 同意了您的联系请求",
    subjectDeclined: "{candidate} 暂不公开联系方式",
    preview: "联系请求有了答复",
    heading: "联系请求的答复",
    greeting: "{name}，您好：",
    accepted: "退役军人 {candidate} 同意了您的联系请求，现在可以在候选人页面看到其手机号和电子邮箱。",
    declined: "退役军人 {candidate} 暂时不希望公开联系方式。您仍可以继续发布岗位，欢迎其主动投递。",
    action: "查看候选人",
    fallback: "如果按钮无法打开，请复制以下链接到浏览器：",
  },
  en: {
    subjectAccepted: "{candidate} accepted your contact request",
    subjectDeclined: "{candidate} declined to share contact details",
    preview: "Your contact request has an answer",
    heading: "Answer to your contact request",
    greeting: "Hello {name},",
    accepted: "Veteran {candidate} accepted your contact request; their phone number and email are now on the candidate page.",
    declined: "Veteran {candidate} prefers not to share contact details for now. They may still apply to your jobs.",
    action: "View the candidate",
    fallback: "If the button does not open, copy this link into your browser:",
  },
};

export function subject(props: ContactRequestAnsweredProps, locale: EmailLocale): string {
  const t = strings[locale];
  return fill(props.accepted ? t.subjectAccepted : t.subjectDeclined, { candidate: props.candidate });
}

export default function ContactRequestAnswered({
  name,
  candidate,
  accepted,
  candidateUrl,
  locale = "zh-CN",
}: ContactRequestAnsweredProps & { locale?: EmailLocale }) {
  const t = strings[locale];
  return (
    <EmailLayout locale={locale} preview={t.preview} heading={t.heading}>
      <Paragraph>{fill(t.greeting, { name })}</Paragraph>
      <Paragraph>{fill(accepted ? t.accepted : t.declined, { candidate })}</Paragraph>
      <ActionButton href={candidateUrl} label={t.action} fallback={t.fallback} />
    </EmailLayout>
  );
}

ContactRequestAnswered.PreviewProps = {
  name: "王芳",
  candidate: "陈**",
  accepted: true,
  candidateUrl: "https://rongye.example/employer/candidates/00000000-0000-0000-0000-000000000000",
} satisfies ContactRequestAnsweredProps;
