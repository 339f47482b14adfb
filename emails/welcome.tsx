import { z } from "zod";
import { ActionButton, EmailLayout, Paragraph } from "./_components/layout";
import { linkSchema, nameSchema } from "./_components/schema";
import { fill, type EmailLocale, type Localized } from "./strings";
import { ROLES, type Role } from "../db/enums";


export const welcomePropsSchema = z.object({
  name: nameSchema,
  role: z.enum(ROLES),
  dashboardUrl: linkSchema,
});
export type WelcomeProps = z.infer<typeof welcomePropsSchema>;

const strings = {
  "zh-CN": {
    subject: "欢迎加入戎业",
    preview: "您的戎业账号已准备就绪",
    heading: "欢迎加入戎业",
    greeting: "{name}，您好：",
    action: "进入工作台",
    fallback: "如果按钮无法打开，请复制以下链接到浏览器：",
    closing: "如有疑问，可联系当地退役军人服务中心或服务站。",
  },
  en: {
    subject: "Welcome to Rongye",
    preview: "Your Rongye account is ready",
    heading: "Welcome to Rongye",
    greeting: "Hello {name},",
    action: "Open your dashboard",
    fallback: "If the button does not open, copy this link into your browser:",
    closing: "If you have questions, contact your local veterans service centre or service station.",
  },
};

/** What each kind of account can do first: one line of welcome and a short list of next steps. */
const roleIntro: Localized<Record<Role, { intro: string; steps: string[] }>> = {
  "zh-CN": {
    veteran: {
      intro: "戎业帮助退役军人找到合适的岗位、技能培训和创业支持。",
      steps: ["完善个人档案（一人一档），填写服役经历与技能", "查看为您匹配的岗位和培训名额", "报名参加招聘会"],
    },
    employer: {
      intro: "戎业帮助用人单位招聘退役军人人才。",
      steps: ["完善单位信息并提交认证", "发布岗位，等待审核", "在招聘会上设置展位"],
    },
    incubator: {
      intro: "戎业帮助创业园和孵化基地服务退役军人创业者。",
      steps: ["完善园区信息", "发布工位、导师辅导等孵化服务", "审核创业申请"],
    },
    staff: {
      intro: "您的服务人员账号已开通，可以协助退役军人办理就业创业服务。",
      steps: ["查看辖区内的退役军人档案", "审核岗位和单位认证", "组织招聘会"],
    },
    admin: {
      intro: "您的管理员账号已开通。",
      steps: ["检查平台设置", "管理服务人员账号", "查看运行状态"],
    },
  },
  en: {
    veteran: {
      intro: "Rongye helps veterans find the right jobs, skills training and support for starting a business.",
      steps: [
        "Complete your profile (one file per veteran) with your service history and skills",
        "See the jobs and training seats matched to you",
        "Sign up for a job fair",
      ],
    },
    employer: {
      intro: "Rongye helps employers recruit veterans.",
      steps: ["Complete your organisation details and ask for verification", "Post a job for review", "Book a booth at a job fair"],
    },
    incubator: {
      intro: "Rongye helps startup parks and incubation bases serve veteran entrepreneurs.",
      steps: ["Complete your park's details", "Offer desks, mentoring and other incubation packages", "Review startup applications"],
    },
    staff: {
      intro: "Your staff account is ready; you can now help veterans with employment and entrepreneurship services.",
      steps: ["Look up veteran files in your area", "Review jobs and organisation verifications", "Organise job fairs"],
    },
    admin: {
      intro: "Your administrator account is ready.",
      steps: ["Check the platform settings", "Manage staff accounts", "Review system health"],
    },
  },
};

export function subject(_props: WelcomeProps, locale: EmailLocale): string {
  return strings[locale].subject;
}

export default function Welcome({ name, role, dashboardUrl, locale = "zh-CN" }: WelcomeProps & { locale?: EmailLocale }) {
  const t = strings[locale];
  const r = roleIntro[locale][role];
  return (
    <EmailLayout locale={locale} preview={t.preview} heading={t.heading}>
      <Paragraph>{fill(t.greeting, { name })}</Paragraph>
      <Paragraph>{r.intro}</Paragraph>
      <ol style={{ color: "#1f2328", fontSize: 15, lineHeight: "24px", margin: "0 0 16px", paddingLeft: 20 }}>
        {r.steps.map((step) => (
          <li key={step}>{step}</li>
        ))}
      </ol>
      <ActionButton href={dashboardUrl} label={t.action} fallback={t.fallback} />
      <Paragraph>{t.closing}</Paragraph>
    </EmailLayout>
  );
}

export const PreviewProps = {
  name: "王强",
  role: "veteran",
  dashboardUrl: "http://localhost:3000/dashboard",
  locale: "zh-CN",
} satisfies WelcomeProps & { locale: EmailLocale };

Welcome.PreviewProps = PreviewProps;
