import { randomBytes } from "node:crypto";
import { and, eq, gt, inArray, isNull, like, sql } from "drizzle-orm";
import { hashPassword } from "../../app/utils/password.server";
import type { Db } from "../client";
import { applicationEvents, applications, jobPostings, memberships, organizations, users, veteranProfiles } from "../schema";
import { fairBooths, fairChats, fairFollowUps, fairMessages, fairQueueEntries, fairRegistrations, fairRepresentatives, fairSlots, jobFairs } from "../schema-fairs";

/**
 * The demo's hybrid fair that is open whenever the demo runs: made on the first seed and reopened (dates moved to
 * now) by every later `npm run db:seed` when it has ended or ends within two hours. Booths of the demo employer
 * (港城智运, its representative is employer@demo.rongye.cn) and three more with their own representatives, the
 * organisations' postings, interview slots, and some history (closed chats with outcomes, one signing written back
 * as a hired application). The past on-site fair gets booths and outcomes too, so its report has figures.
 */

export const DEMO_LIVE_FAIR_TITLE = "张家港市退役军人就业服务月·线上线下同步专场招聘会";
const HOUR = 3600_000;

const BOOTHS: { org: string; rep: { email: string; name: string } | null; intro: string; livestream?: string; meeting?: string }[] = [
  {
    org: "zjg-logistics",
    rep: null, // the demo employer account
    intro: "港城智运是张家港保税区的港口物流企业，本场提供牵引车司机、仓储主管、叉车司机等岗位，退役军人优先，现场可签约。",
    livestream: "https://live.example.cn/zjg-logistics",
    meeting: "https://meeting.example.cn/zjg-logistics",
  },
  { org: "gusu-security", rep: { email: "rep-gusu@demo.rongye.cn", name: "孙立（姑苏安保招聘）" }, intro: "姑苏安保集团招聘安保队长、押运员、消防控制室值班员，持证上岗，五险一金。" },
  { org: "kunshan-precision", rep: { email: "rep-kunshan@demo.rongye.cn", name: "顾佳（昆山精密人事）" }, intro: "昆山精密制造招聘设备维护、品质检验和班组长，部队技术兵种优先。" },
  { org: "wuzhong-property", rep: { email: "rep-wuzhong@demo.rongye.cn", name: "沈婷（吴中物业招聘）" }, intro: "吴中物业服务招聘项目经理、工程维修和秩序维护，提供住宿。" },
];

async function orgIdOf(db: Db, key: string): Promise<string | null> {
  const [o] = await db.select({ id: organizations.id }).from(organizations).where(eq(organizations.externalId, `demo-org-${key}`));
  return o?.id ?? null;
}

async function profileIdOf(db: Db, key: string): Promise<string | null> {
  const [p] = await db.select({ id: veteranProfiles.id }).from(veteranProfiles).where(eq(veteranProfiles.externalId, `demo-vet-${key}`));
  return p?.id ?? null;
}

async function repUserFor(db: Db, spec: (typeof BOOTHS)[number], orgId: string, passwordHash: string): Promise<string | null> {
  if (!spec.rep) {
    const [owner] = await db.select({ id: users.id }).from(users).where(eq(users.email, "employer@demo.rongye.cn"));
    return owner?.id ?? null;
  }
  const [existing] = await db.select({ id: users.id }).from(users).where(eq(users.email, spec.rep.email));
  if (existing) return existing.id;
  const [user] = await db
    .insert(users)
    .values({ email: spec.rep.email, role: "employer", passwordHash, displayName: spec.rep.name, locale: "zh-CN", emailVerifiedAt: new Date() })
    .returning({ id: users.id });
  await db.insert(memberships).values({ userId: user!.id, organizationId: orgId, role: "member" }).onConflictDoNothing();
  return user!.id;
}

/** Booths with representatives and postings; returns booth ids by organisation key. */
async function addBooths(db: Db, fairId: string, passwordHash: string, decidedBy: string | null, withReps: boolean) {
  const ids = new Map<string, string>();
  for (const spec of BOOTHS) {
    const orgId = await orgIdOf(db, spec.org);
    if (!orgId) continue;
    const postings = await db
      .select({ id: jobPostings.id, headcount: jobPostings.headcount })
      .from(jobPostings)
      .where(and(eq(jobPostings.organizationId, orgId), eq(jobPostings.status, "published")));
    const [booth] = await db
      .insert(fairBooths)
      .values({
        fairId,
        organizationId: orgId,
        status: "approved",
        decidedAt: new Date(),
        decidedByUserId: decidedBy,
        intro: spec.intro,
        livestreamUrl: spec.livestream ?? null,
        meetingUrl: spec.meeting ?? null,
        positions: postings.reduce((s, p) => s + p.headcount, 0),
        postingIds: postings.map((p) => p.id),
        checkInToken: randomBytes(18).toString("base64url"),
      })
      .onConflictDoNothing()
      .returning({ id: fairBooths.id });
    if (!booth) continue;
    ids.set(spec.org, booth.id);
    if (withReps) {
      const rep = await repUserFor(db, spec, orgId, passwordHash);
      if (rep) await db.insert(fairRepresentatives).values({ boothId: booth.id, userId: rep, status: spec.rep ? "available" : "away" }).onConflictDoNothing();
    }
  }
  return ids;
}

/** Closed chats with outcomes (a signing becomes a hired application with its 30-day follow-up). */
async function addHistory(db: Db, fairId: string, organizerId: string | null, boothIds: Map<string, string>, at: Date, items: { vet: string; org: string; outcome: "signed" | "offer" | "interview_booked" | "follow_up" | "not_a_fit"; lines: [string, string][] }[]) {
  for (const item of items) {
    const boothId = boothIds.get(item.org);
    const profileId = await profileIdOf(db, item.vet);
    if (!boothId || !profileId) continue;
    const [booth] = await db.select().from(fairBooths).where(eq(fairBooths.id, boothId));
    const [rep] = await db.select({ userId: fairRepresentatives.userId }).from(fairRepresentatives).where(eq(fairRepresentatives.boothId, boothId));
    await db.insert(fairRegistrations).values({ fairId, veteranProfileId: profileId, attendedAt: at, attendedMode: "online" }).onConflictDoNothing();
    const [next] = await db.update(fairBooths).set({ nextTicket: sql`${fairBooths.nextTicket} + 1` }).where(eq(fairBooths.id, boothId)).returning({ ticket: sql<number>`${fairBooths.nextTicket} - 1` });
    const ticket = Number(next!.ticket);
    const [entry] = await db
      .insert(fairQueueEntries)
      .values({ fairId, boothId, veteranProfileId: profileId, ticket, sortKey: ticket, status: "done", joinedAt: at, endedAt: at })
      .returning({ id: fairQueueEntries.id });
    let applicationId: string | null = null;
    const postingId = booth!.postingIds[0];
    if ((item.outcome === "signed" || item.outcome === "offer") && postingId) {
      const status = item.outcome === "signed" ? "hired" : "offer";
      const [app] = await db
        .insert(applications)
        .values({ jobPostingId: postingId, veteranProfileId: profileId, status, coverNote: "招聘会现场洽谈", firstResponseAt: at, createdAt: at, updatedAt: at })
        .returning({ id: applications.id });
      applicationId = app!.id;
      const steps = status === "hired" ? (["applied", "offer", "hired"] as const) : (["applied", "offer"] as const);
      for (const s of steps) await db.insert(applicationEvents).values({ applicationId, status: s, actorUserId: rep?.userId ?? null, createdAt: at });
    }
    const [chat] = await db
      .insert(fairChats)
      .values({ fairId, boothId, queueEntryId: entry!.id, veteranProfileId: profileId, repUserId: rep?.userId ?? null, status: "closed", outcome: item.outcome, contactSharedAt: applicationId ? at : null, applicationId, startedAt: at, endedAt: new Date(at.getTime() + 10 * 60_000) })
      .returning({ id: fairChats.id });
    await db.insert(fairMessages).values([
      { chatId: chat!.id, senderRole: "system", body: "chatStarted", createdAt: at },
      ...item.lines.map(([role, body], i) => ({ chatId: chat!.id, senderRole: role, senderUserId: role === "rep" ? (rep?.userId ?? null) : null, body, createdAt: new Date(at.getTime() + (i + 1) * 60_000) })),
      { chatId: chat!.id, senderRole: "system", body: "chatClosed", createdAt: new Date(at.getTime() + 10 * 60_000) },
    ]);
    if (item.outcome === "signed") {
      await db.insert(fairFollowUps).values({ fairId, chatId: chat!.id, veteranProfileId: profileId, organizationId: organizerId, dueAt: new Date(at.getTime() + 30 * 24 * HOUR) });
    }
  }
}

/** Interview slots from the next quarter hour on, when the booth has fewer than 4 free future ones. */
async function topUpSlots(db: Db, boothId: string, now: Date, slotMinutes: number, endsAt: Date) {
  const free = await db
    .select({ id: fairSlots.id })
    .from(fairSlots)
    .where(and(eq(fairSlots.boothId, boothId), isNull(fairSlots.bookedByProfileId), gt(fairSlots.startsAt, now)));
  if (free.length >= 4) return;
  const step = slotMinutes * 60_000;
  const first = Math.ceil((now.getTime() + HOUR) / step) * step;
  const rows = [];
  for (let i = 0; i < 8; i++) {
    const startsAt = new Date(first + i * step);
    if (startsAt.getTime() + step > endsAt.getTime()) break;
    rows.push({ boothId, startsAt, endsAt: new Date(startsAt.getTime() + step) });
  }
  if (rows.length) await db.insert(fairSlots).values(rows).onConflictDoNothing();
}

/**
 * Make (first run) or reopen (later runs, when stale) the live demo fair; give the past on-site fair its booths and
 * outcomes once. Safe to run on every seed.
 */
export async function ensureDemoLiveFair(db: Db, now: Date, password: string): Promise<"created" | "reopened" | "current" | "skipped"> {
  const passwordHash = await hashPassword(password);
  const organizerId = await orgIdOf(db, "zjg-service-centre");
  if (!organizerId) return "skipped";
  const [staff] = await db.select({ id: users.id }).from(users).where(eq(users.email, "staff@demo.rongye.cn"));
  let [fair] = await db.select().from(jobFairs).where(eq(jobFairs.title, DEMO_LIVE_FAIR_TITLE));
  let state: "created" | "reopened" | "current" = "current";
  if (!fair) {
    [fair] = await db
      .insert(jobFairs)
      .values({
        organizerId,
        createdByUserId: staff?.id ?? null,
        title: DEMO_LIVE_FAIR_TITLE,
        description: "线上展厅与现场同步进行：线上排队、文字洽谈和视频面试，现场扫码加入同一队列。服务站工作人员在现场和线上为需要帮助的退役军人提供协助。",
        regionCode: "320582",
        mode: "hybrid",
        venue: "张家港市人力资源市场三楼招聘大厅",
        startsAt: new Date(now.getTime() - HOUR),
        endsAt: new Date(now.getTime() + 3 * 24 * HOUR),
        status: "published",
        publishedAt: now,
        eligibleRegionCodes: [],
        allowFamily: true,
        boothLimit: 40,
        slotMinutes: 15,
        positionsOffered: 0,
      })
      .returning();
    state = "created";
    const boothIds = await addBooths(db, fair!.id, passwordHash, staff?.id ?? null, true);
    await addHistory(db, fair!.id, organizerId, boothIds, new Date(now.getTime() - 40 * 60_000), [
      { vet: "v02", org: "zjg-logistics", outcome: "signed", lines: [["veteran", "您好，我在部队开了 12 年装甲车，有 A2 驾照。"], ["rep", "非常合适！牵引车司机岗位今天可以现场签约。"]] },
      { vet: "v03", org: "gusu-security", outcome: "interview_booked", lines: [["veteran", "请问安保队长岗位需要什么证书？"], ["rep", "需要保安员证，您已经有了，欢迎预约明天的面试。"]] },
      { vet: "v04", org: "kunshan-precision", outcome: "follow_up", lines: [["veteran", "我是通信兵，想转设备维护。"], ["rep", "我们下周有设备部专场面试，会再联系您。"]] },
    ]);
  } else if (fair.status !== "published" || fair.endsAt.getTime() < now.getTime() + 2 * HOUR || fair.startsAt > now) {
    [fair] = await db
      .update(jobFairs)
      .set({ status: "published", closedAt: null, startsAt: new Date(now.getTime() - HOUR), endsAt: new Date(now.getTime() + 3 * 24 * HOUR), updatedAt: now })
      .where(eq(jobFairs.id, fair.id))
      .returning();
    state = "reopened";
  }
  const booths = await db.select({ id: fairBooths.id }).from(fairBooths).where(and(eq(fairBooths.fairId, fair!.id), eq(fairBooths.status, "approved")));
  for (const b of booths) await topUpSlots(db, b.id, now, fair!.slotMinutes, fair!.endsAt);

  // the past on-site fair: booths and outcomes once, so its report has figures
  const [past] = await db.select().from(jobFairs).where(like(jobFairs.title, "张家港市退役军人返乡欢迎仪式%"));
  if (past) {
    const [any] = await db.select({ id: fairBooths.id }).from(fairBooths).where(eq(fairBooths.fairId, past.id)).limit(1);
    if (!any) {
      const boothIds = await addBooths(db, past.id, passwordHash, staff?.id ?? null, true);
      await db.update(fairQueueEntries).set({ source: "on_site" }).where(inArray(fairQueueEntries.boothId, [...boothIds.values()]));
      await addHistory(db, past.id, organizerId, boothIds, new Date(past.startsAt.getTime() + HOUR), [
        { vet: "v03", org: "gusu-security", outcome: "signed", lines: [["veteran", "我在武警当了 5 年警卫员。"], ["rep", "欢迎加入，今天就可以签约。"]] },
        { vet: "v04", org: "wuzhong-property", outcome: "not_a_fit", lines: [["veteran", "有网络运维岗位吗？"], ["rep", "暂时没有，建议您看看昆山精密的展位。"]] },
      ]);
      await db.update(fairRegistrations).set({ attendedMode: "on_site" }).where(eq(fairRegistrations.fairId, past.id));
    }
  }
  return state;
}
