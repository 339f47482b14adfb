import { Link, Section, Text } from "@react-email/components";
import { z } from "zod";
import { ActionButton, EmailLayout, Paragraph } from "./_components/layout";
import { linkSchema, nameSchema } from "./_components/schema";
import { fill, type EmailLocale } from "./strings";

const digestJobSchema = z.object({
  title: z.string().trim().min(1).max(200),
  organization: z.string().trim().max(200),
  regionName: z.string().trim().max(200),
  salaryMin: z.number().int().nonnegative().nullable(),
  salaryMax: z.number().int().nonnegative().nullable(),
  url: linkSchema,
});

export const savedSearchDigestPropsSchema = z.object({
  name: nameSchema,
  searchName: z.string().trim().min(1).max(60),
  /** Up to 10 of the new matches, newest first. */
  jobs: z.array(digestJobSchema).min(1).max(10),
  /** How many new matches there are in all (may be more than listed). */
  totalNew: z.number().int().positive(),
  searchUrl: linkSchema,
  manageUrl: linkSchema,
  unsubscribeUrl: linkSchema,
});
export type SavedSearchDigestProps = z.infer<typeof savedSearchDigestPropsSchema>;

const strings = {
  "zh-CN": {
    subject: "“{search}”有 {count} 个新岗位",
    preview: "您订阅的搜索有新的匹配岗位",
    heading: "新岗位提醒",
    greeting: "{name}，您好：",
    intro: "自上次提醒以来，您保存的搜索“{search}”有 {count} 个新发布的岗位：",
    more: "另有 {count} 个岗位未列出，请在网站上查看全部结果。",
    action: "查看全部结果",
    fallback: "如果按钮无法打开，请复制以下链接到浏览器：",
    manage: "管理已保存的搜索",
    unsubscribe: "不再接收此搜索的提醒",
    footer: "您收到这封邮件，是因为您在戎业保存了这个搜索并开启了每日提醒。",
    negotiable: "面议",
    range: "{min}–{max} 元/月",
    from: "{min} 元/月起",
    upTo: "最高 {max} 元/月",
  },
  en: {
    subject: "{count} new jobs for “{search}”",
    preview: "New jobs match your saved search",
    heading: "New jobs for you",
    greeting: "Hello {name},",
    intro: "Since the last alert, {count} new jobs match your saved search “{search}”:",
    more: "{count} more are not listed here; see all results on the website.",
    action: "See all results",
    fallback: "If the button does not open, copy this link into your browser:",
    manage: "Manage saved searches",
    unsubscribe: "Stop alerts for this search",
    footer: "You receive this because you saved this search on Rongye with daily alerts on.",
    negotiable: "Negotiable",
    range: "{min}–{max} yuan/month",
    from: "from {min} yuan/month",
    upTo: "up to {max} yuan/month",
  },
};

export function subject(props: SavedSearchDigestProps, locale: EmailLocale): string {
  return fill(strings[locale].subject, { search: props.searchName, count: props.totalNew });
}

function salary(min: number | null, max: number | null, locale: EmailLocale): string {
  const t = strings[locale];
  const n = (x: number) => new Intl.NumberFormat(locale).format(x);
  if (min && max) return fill(t.range, { min: n(min), max: n(max) });
  if (min) return fill(t.from, { min: n(min) });
  if (max) return fill(t.upTo, { max: n(max) });
  return t.negotiable;
}

const jobStyle = { borderTop: "1px solid #e5e7eb", padding: "10px 0" };
const titleStyle = { color: "#0b5cad", fontSize: 16, fontWeight: 600, textDecoration: "none" };
const metaStyle = { color: "#57606a", fontSize: 14, lineHeight: "20px", margin: "2px 0 0" };
const smallLink = { color: "#57606a", fontSize: 13 };

export default function SavedSearchDigest({
  name,
  searchName,
  jobs,
  totalNew,
  searchUrl,
  manageUrl,
  unsubscribeUrl,
  locale = "zh-CN",
}: SavedSearchDigestProps & { locale?: EmailLocale }) {
  const t = strings[locale];
  return (
    <EmailLayout locale={locale} preview={t.preview} heading={t.heading} footerNote={t.footer}>
      <Paragraph>{fill(t.greeting, { name })}</Paragraph>
      <Paragraph>{fill(t.intro, { search: searchName, count: totalNew })}</Paragraph>
      {jobs.map((job) => (
        <Section key={job.url} style={jobStyle}>
          <Link href={job.url} style={titleStyle}>
            {job.title}
          </Link>
          <Text style={metaStyle}>
            {[job.organization, job.regionName, salary(job.salaryMin, job.salaryMax, locale)].filter(Boolean).join(" · ")}
          </Text>
        </Section>
      ))}
      {totalNew > jobs.length ? <Paragraph>{fill(t.more, { count: totalNew - jobs.length })}</Paragraph> : null}
      <ActionButton href={searchUrl} label={t.action} fallback={t.fallback} />
      <Text style={smallLink}>
        <Link href={manageUrl} style={smallLink}>
          {t.manage}
        </Link>
        {" · "}
        <Link href={unsubscribeUrl} style={smallLink}>
          {t.unsubscribe}
        </Link>
        <br />
        {unsubscribeUrl}
      </Text>
    </EmailLayout>
  );
}

export const PreviewProps = {
  name: "陈志强",
  searchName: "苏州 司机",
  jobs: [
    {
      title: "集装箱牵引车司机（A2）",
      organization: "张家港港城智运物流有限公司",
      regionName: "江苏省 苏州市 张家港市",
      salaryMin: 8000,
      salaryMax: 12000,
      url: "http://localhost:3000/jobs/00000000-0000-4000-8000-000000000001",
    },
    {
      title: "城市配送司机（C1/C2）",
      organization: "苏州城配速运有限公司",
      regionName: "江苏省 苏州市 姑苏区",
      salaryMin: 6000,
      salaryMax: 8500,
      url: "http://localhost:3000/jobs/00000000-0000-4000-8000-000000000002",
    },
  ],
  totalNew: 2,
  searchUrl: "http://localhost:3000/jobs?q=%E5%8F%B8%E6%9C%BA&region=320500",
  manageUrl: "http://localhost:3000/saved-searches",
  unsubscribeUrl: "http://localhost:3000/saved-searches/unsubscribe?token=preview-token",
  locale: "zh-CN",
} satisfies SavedSearchDigestProps & { locale: EmailLocale };

SavedSearchDigest.PreviewProps = PreviewProps;
