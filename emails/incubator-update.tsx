import { z } from "zod";
import { ActionButton, EmailLayout, Paragraph } from "./_components/layout";
import { linkSchema, nameSchema } from "./_components/schema";
import { fill, type EmailLocale, type Localized } from "./strings";

/**
 * Every mail of the incubator cycle, to the founder or to the park: one template with the event it reports (an
 * application received or decided, a payment notice, a payment confirmed or refunded, a mentor booking, a fapiao
 * issued). Amounts arrive already formatted by the caller (integer fen → "¥3,000.00").
 */
export const INCUBATOR_EVENTS = [
  "received",
  "in_review",
  "accepted",
  "waitlisted",
  "declined",
  "payment_notice",
  "proof_uploaded",
  "paid",
  "refunded",
  "booking",
  "fapiao_issued",
] as const;
export type IncubatorEvent = (typeof INCUBATOR_EVENTS)[number];

export const incubatorUpdatePropsSchema = z.object({
  name: nameSchema,
  event: z.enum(INCUBATOR_EVENTS),
  ventureName: z.string().trim().min(1).max(200),
  parkName: z.string().trim().min(1).max(200),
  packageTitle: z.string().trim().min(1).max(200),
  /** A decline reason, a start date, a bank account and reference, a booking time: shown as written. */
  note: z.string().trim().max(1000).optional(),
  amount: z.string().trim().max(40).optional(),
  url: linkSchema,
});
export type IncubatorUpdateProps = z.infer<typeof incubatorUpdatePropsSchema>;

const strings = {
  "zh-CN": {
    subjects: {
      received: "新的入园申请：{ventureName}",
      in_review: "您的入园申请已进入评审：{ventureName}",
      accepted: "恭喜！{parkName} 已接受您的入园申请",
      waitlisted: "您的入园申请已列入候补：{ventureName}",
      declined: "您的入园申请未通过：{ventureName}",
      payment_notice: "缴费通知：{packageTitle}（{amount}）",
      proof_uploaded: "待确认的转账凭证：{ventureName}",
      paid: "已确认收款：{packageTitle}（{amount}）",
      refunded: "退款通知：{packageTitle}（{amount}）",
      booking: "导师辅导预约：{ventureName}",
      fapiao_issued: "发票已开具：{packageTitle}",
    } satisfies Record<IncubatorEvent, string>,
    bodies: {
      received: "{ventureName} 申请了贵园区的「{packageTitle}」，请安排评审。",
      in_review: "您为 {ventureName} 提交的「{packageTitle}」申请已进入评审。",
      accepted: "{parkName} 接受了 {ventureName} 入驻「{packageTitle}」。请按入园清单完成各项准备并缴费。",
      waitlisted: "{ventureName} 的「{packageTitle}」申请已列入候补，有名额时园区会通知您。",
      declined: "很遗憾，{parkName} 未通过 {ventureName} 的「{packageTitle}」申请。",
      payment_notice: "请向 {parkName} 支付「{packageTitle}」的费用 {amount}。",
      proof_uploaded: "{ventureName} 上传了「{packageTitle}」的转账凭证，请核对到账后确认收款。",
      paid: "{parkName} 已确认收到 {ventureName} 的「{packageTitle}」费用 {amount}。",
      refunded: "{parkName} 已为「{packageTitle}」退款 {amount}。",
      booking: "{ventureName} 预约了导师辅导（{packageTitle}）。",
      fapiao_issued: "{parkName} 已为「{packageTitle}」开具发票。",
    } satisfies Record<IncubatorEvent, string>,
    heading: "创业园进展",
    greeting: "{name}，您好：",
    note: "说明：{note}",
    action: "查看详情",
    fallback: "如果按钮无法打开，请复制以下链接到浏览器：",
  },
  en: {
    subjects: {
      received: "New application to your park: {ventureName}",
      in_review: "Your park application is in review: {ventureName}",
      accepted: "Congratulations! {parkName} accepted your application",
      waitlisted: "Your park application is waitlisted: {ventureName}",
      declined: "Your park application was not accepted: {ventureName}",
      payment_notice: "Payment notice: {packageTitle} ({amount})",
      proof_uploaded: "Transfer proof to confirm: {ventureName}",
      paid: "Payment received: {packageTitle} ({amount})",
      refunded: "Refund: {packageTitle} ({amount})",
      booking: "Mentor session booked: {ventureName}",
      fapiao_issued: "Your fapiao is issued: {packageTitle}",
    } satisfies Record<IncubatorEvent, string>,
    bodies: {
      received: "{ventureName} applied to your package “{packageTitle}”. Please arrange its review.",
      in_review: "Your application for {ventureName} to “{packageTitle}” is now in review.",
      accepted: "{parkName} accepted {ventureName} into “{packageTitle}”. Please work through the onboarding checklist and pay.",
      waitlisted: "The application of {ventureName} to “{packageTitle}” is on the waitlist; the park will tell you when a place opens.",
      declined: "We are sorry: {parkName} did not accept the application of {ventureName} to “{packageTitle}”.",
      payment_notice: "Please pay {amount} to {parkName} for “{packageTitle}”.",
      proof_uploaded: "{ventureName} uploaded a transfer proof for “{packageTitle}”. Please check your account and confirm.",
      paid: "{parkName} confirmed the payment of {amount} from {ventureName} for “{packageTitle}”.",
      refunded: "{parkName} refunded {amount} for “{packageTitle}”.",
      booking: "{ventureName} booked a mentor session ({packageTitle}).",
      fapiao_issued: "{parkName} issued the fapiao for “{packageTitle}”.",
    } satisfies Record<IncubatorEvent, string>,
    heading: "News from the startup park",
    greeting: "Hello {name},",
    note: "Details: {note}",
    action: "See the details",
    fallback: "If the button does not open, copy this link into your browser:",
  },
} satisfies Localized<Record<string, unknown>>;

const values = (p: IncubatorUpdateProps) => ({
  name: p.name,
  ventureName: p.ventureName,
  parkName: p.parkName,
  packageTitle: p.packageTitle,
  amount: p.amount ?? "",
});

export function subject(props: IncubatorUpdateProps, locale: EmailLocale): string {
  return fill(strings[locale].subjects[props.event], values(props));
}

export default function IncubatorUpdate(props: IncubatorUpdateProps & { locale?: EmailLocale }) {
  const locale = props.locale ?? "zh-CN";
  const t = strings[locale];
  return (
    <EmailLayout locale={locale} preview={subject(props, locale)} heading={t.heading}>
      <Paragraph>{fill(t.greeting, values(props))}</Paragraph>
      <Paragraph>{fill(t.bodies[props.event], values(props))}</Paragraph>
      {props.note ? <Paragraph>{fill(t.note, { note: props.note })}</Paragraph> : null}
      <ActionButton href={props.url} label={t.action} fallback={t.fallback} />
    </EmailLayout>
  );
}

export const PreviewProps = {
  name: "陈志强",
  event: "accepted",
  ventureName: "戎速冷链配送",
  parkName: "张家港兵哥哥创业园",
  packageTitle: "退役军人创业工位（12 个月）",
  note: "入园日期：2027-03-01",
  url: "http://localhost:3000/ventures/00000000-0000-0000-0000-000000000000",
  locale: "zh-CN",
} satisfies IncubatorUpdateProps & { locale: EmailLocale };

IncubatorUpdate.PreviewProps = PreviewProps;
