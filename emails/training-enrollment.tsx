import { formatDate } from "../app/i18n/format";
import { z } from "zod";
import { ActionButton, EmailLayout, Paragraph } from "./_components/layout";
import { linkSchema, nameSchema } from "./_components/schema";
import { fill, type EmailLocale } from "./strings";

export const TRAINING_ENROLLMENT_EVENTS = ["enrolled", "waitlisted", "promoted", "cancelled"] as const;
export type TrainingEnrollmentEvent = (typeof TRAINING_ENROLLMENT_EVENTS)[number];

export const trainingEnrollmentPropsSchema = z.object({
  name: nameSchema,
  event: z.enum(TRAINING_ENROLLMENT_EVENTS),
  courseTitle: z.string().trim().min(1).max(200),
  /** ISO instant the course starts. */
  startsAt: z.string().datetime({ offset: true }),
  place: z.string().trim().max(200).nullable().optional(),
  /** Waitlist position, for `waitlisted`. */
  position: z.number().int().positive().optional(),
  courseUrl: linkSchema,
});
export type TrainingEnrollmentProps = z.infer<typeof trainingEnrollmentPropsSchema>;

const strings = {
  "zh-CN": {
    subjects: {
      enrolled: "报名成功：{course}",
      waitlisted: "已进入候补：{course}",
      promoted: "候补转正，已为您保留名额：{course}",
      cancelled: "已取消报名：{course}",
    },
    bodies: {
      enrolled: "您已成功报名培训课程「{course}」，名额已为您保留。",
      waitlisted: "培训课程「{course}」名额已满，您已进入候补名单，当前排第 {position} 位。有名额空出时将按顺序自动为您报名，并邮件通知您。",
      promoted: "好消息！培训课程「{course}」有名额空出，您已从候补名单自动转为正式报名。",
      cancelled: "您已取消培训课程「{course}」的报名（或候补）。",
    },
    preview: "培训报名状态更新",
    greeting: "{name}，您好：",
    when: "开课时间：{when}",
    where: "培训地点：{place}",
    action: "查看课程",
    fallback: "如果按钮无法打开，请复制以下链接到浏览器：",
    closing: "如不能参加，请及时在课程页面取消，把名额留给其他战友。",
  },
  en: {
    subjects: {
      enrolled: "You are enrolled: {course}",
      waitlisted: "You are on the waitlist: {course}",
      promoted: "A seat opened up and is yours: {course}",
      cancelled: "Enrolment cancelled: {course}",
    },
    bodies: {
      enrolled: "You are enrolled in the training course “{course}”; your seat is reserved.",
      waitlisted:
        "The training course “{course}” is full, so you are on the waitlist at position {position}. When a seat opens you will be enrolled automatically, in order, and we will email you.",
      promoted: "Good news: a seat opened up in the training course “{course}” and you have been moved from the waitlist to enrolled.",
      cancelled: "Your enrolment (or waitlist place) in the training course “{course}” has been cancelled.",
    },
    preview: "Your training enrolment has changed",
    greeting: "Hello {name},",
    when: "Starts: {when}",
    where: "Place: {place}",
    action: "View the course",
    fallback: "If the button does not open, copy this link into your browser:",
    closing: "If you cannot attend, please cancel on the course page so the seat goes to another veteran.",
  },
};

function formatWhen(iso: string, locale: EmailLocale): string {
  return formatDate(iso, locale, { year: "numeric", month: "long", day: "numeric", hour: "2-digit", minute: "2-digit" });
}

export function subject(props: TrainingEnrollmentProps, locale: EmailLocale): string {
  return fill(strings[locale].subjects[props.event], { course: props.courseTitle });
}

export default function TrainingEnrollment({
  name,
  event,
  courseTitle,
  startsAt,
  place,
  position,
  courseUrl,
  locale = "zh-CN",
}: TrainingEnrollmentProps & { locale?: EmailLocale }) {
  const t = strings[locale];
  return (
    <EmailLayout locale={locale} preview={t.preview} heading={fill(t.subjects[event], { course: courseTitle })}>
      <Paragraph>{fill(t.greeting, { name })}</Paragraph>
      <Paragraph>{fill(t.bodies[event], { course: courseTitle, position: position ?? "-" })}</Paragraph>
      <Paragraph>{fill(t.when, { when: formatWhen(startsAt, locale) })}</Paragraph>
      {place ? <Paragraph>{fill(t.where, { place })}</Paragraph> : null}
      <ActionButton href={courseUrl} label={t.action} fallback={t.fallback} />
      {event === "cancelled" ? null : <Paragraph>{t.closing}</Paragraph>}
    </EmailLayout>
  );
}

export const PreviewProps = {
  name: "王强",
  event: "waitlisted",
  courseTitle: "叉车司机（N1）上岗证培训班",
  startsAt: "2026-05-12T01:00:00.000Z",
  place: "张家港市港城职业培训学校实训场",
  position: 3,
  courseUrl: "http://localhost:3000/training/00000000-0000-4000-8000-000000000000",
  locale: "zh-CN",
} satisfies TrainingEnrollmentProps & { locale: EmailLocale };

TrainingEnrollment.PreviewProps = PreviewProps;
