import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../../app/models/authz.server";
import { decideBooth, requestBooth, saveBoothSetup, setRepresentatives } from "../../app/models/fair-booths.server";
import { checkIn, qrSheet, registerWalkIn } from "../../app/models/fair-onsite.server";
import {
  answerCall,
  applyFromChat,
  callNext,
  closeChat,
  getChat,
  getConsole,
  joinQueue,
  requestHelp,
  sendMessage,
  sitIn,
} from "../../app/models/fair-queue.server";
import { fairDashboard, fairReport, publicFairDetail, publicFairList, reportCsv, reportTable } from "../../app/models/fair-report.server";
import type { Db } from "../../db/client";
import { createJobFair, createJobPosting, createOrganization, createUser, createVeteranProfile } from "../../db/factories";
import { ensureRegions } from "../../db/regions";
import { applicationEvents, applications, auditLog, consentRecords, memberships, veteranProfiles } from "../../db/schema";
import { fairBooths, fairFollowUps, fairQueueEntries, fairRegistrations } from "../../db/schema-fairs";
import { getTestDb, withRollback } from "../helpers/db";

beforeAll(async () => {
  await getTestDb();
});

const HOUR = 3600_000;

async function setup(db: Db) {
  await ensureRegions(db, ["320582"]);
  const staff = await createUser(db, { role: "staff" });
  const fair = await createJobFair(db, { startsAt: new Date(Date.now() - HOUR), endsAt: new Date(Date.now() + 5 * HOUR), status: "published", mode: "hybrid" });
  const booths = [];
  for (let i = 0; i < 2; i++) {
    const owner = await createUser(db, { role: "employer" });
    const org = await createOrganization(db, { ownerUserId: owner.id, verificationStatus: "verified", name: `沙钢物流 ${i}` });
    const rep2 = await createUser(db, { role: "employer" });
    await db.insert(memberships).values({ userId: rep2.id, organizationId: org.id, role: "member" });
    const posting = await createJobPosting(db, { organizationId: org.id, status: "published", title: `仓储主管 ${i}`, category: "logistics_transport", headcount: 5 });
    const booth = await requestBooth(db, owner, fair.id, null);
    await decideBooth(db, staff, booth.id, { approve: true, reason: null });
    await saveBoothSetup(db, owner, booth.id, { intro: "港口物流", logoUrl: null, positions: 0, livestreamUrl: null, meetingUrl: null, postingIds: [posting.id] });
    await setRepresentatives(db, owner, booth.id, [owner.id, rep2.id]);
    booths.push({ id: booth.id, owner: owner as Actor, rep2: rep2 as Actor, posting, token: booth.checkInToken });
  }
  return { fair, staff: staff as Actor, booths };
}

async function veteran(db: Db) {
  const user = await createUser(db, { role: "veteran" });
  const profile = await createVeteranProfile(db, { userId: user.id, fullName: "李卫东", regionCode: "320582", phone: "13912345678" });
  return { actor: { id: user.id, role: user.role } as Actor, profile };
}

/** Join, get called, answer: an open chat between the veteran and the booth's owner. */
async function openChat(db: Db, booth: { id: string; owner: Actor }, v: { actor: Actor }) {
  await joinQueue(db, v.actor, booth.id);
  const call = await callNext(db, booth.owner, booth.id);
  if (call.status !== "called") throw new Error("nobody called");
  return answerCall(db, v.actor, call.entryId);
}

describe("fair outcomes", () => {
  it("a signing becomes a hired application in the veteran's file with a 30-day follow-up, counted on the dashboard and report", async () => {
    await withRollback(async (tx) => {
      const { fair, staff, booths } = await setup(tx);
      const b = booths[0]!;
      const v = await veteran(tx);
      const chat = await openChat(tx, b, v);
      await sendMessage(tx, v.actor, chat.id, "您好，我开过五年重型卡车");
      await sendMessage(tx, b.owner, chat.id, "欢迎，今天可以现场签约");
      // an offer must name one of the booth's postings
      await expect(closeChat(tx, b.owner, chat.id, "signed", "", { postingId: booths[1]!.posting.id })).rejects.toMatchObject({ code: "fairs:errors.postingRequired" });
      await closeChat(tx, b.owner, chat.id, "signed", "现场签约", { postingId: b.posting.id });
      const [app] = await tx.select().from(applications).where(eq(applications.veteranProfileId, v.profile.id));
      expect(app!.status).toBe("hired");
      expect(app!.jobPostingId).toBe(b.posting.id);
      const events = await tx.select().from(applicationEvents).where(eq(applicationEvents.applicationId, app!.id));
      expect(events.map((e) => e.status)).toEqual(["applied", "offer", "hired"]);
      const [follow] = await tx.select().from(fairFollowUps).where(eq(fairFollowUps.veteranProfileId, v.profile.id));
      const days = (follow!.dueAt.getTime() - Date.now()) / (24 * HOUR);
      expect(days).toBeGreaterThan(29.9);
      expect(days).toBeLessThan(30.1);
      expect(follow!.organizationId).toBe(fair.organizerId);

      const dash = await fairDashboard(tx, staff, fair.id);
      expect(dash.figures.signed).toBe(1);
      expect(dash.figures.offers).toBe(1);
      expect(dash.booths.find((x) => x.boothId === b.id)).toMatchObject({ chats: 1, signed: 1, offers: 1, positions: 5 });
      const report = await fairReport(tx, staff, fair.id);
      expect(report.trades).toEqual([{ trade: "logistics_transport", positions: 10, chats: 1, offers: 1, signed: 1 }]);
      const csv = reportCsv(reportTable(report, (k) => k, (c) => `trade:${c}`));
      expect(csv.startsWith("\uFEFF")).toBe(true);
      expect(csv).toContain("沙钢物流 0,5,1,0,1,0,1,1");
      expect(csv).toContain("trade:logistics_transport,10,1,1,1");
      // a representative of the booth cannot read the host's dashboard
      await expect(fairDashboard(tx, b.owner, fair.id)).rejects.toMatchObject({ status: 403 });
    });
  });

  it("an offer moves the veteran's own application from the chat to offer", async () => {
    await withRollback(async (tx) => {
      const { booths } = await setup(tx);
      const b = booths[0]!;
      const v = await veteran(tx);
      const chat = await openChat(tx, b, v);
      const before = await getChat(tx, b.owner, chat.id);
      expect(before.veteran.name).toBe("李**");
      expect(before.veteran.phone).toBeNull();
      const applicationId = await applyFromChat(tx, v.actor, chat.id, b.posting.id, { publicUrl: "http://localhost" });
      const after = await getChat(tx, b.owner, chat.id);
      expect(after.veteran.name).toBe("李卫东");
      expect(after.veteran.phone).toBe("13912345678");
      await closeChat(tx, b.owner, chat.id, "offer", "");
      const [app] = await tx.select().from(applications).where(eq(applications.id, applicationId));
      expect(app!.status).toBe("offer");
    });
  });
});

describe("on site", () => {
  it("a QR check-in and a staff-registered walk-in join the same queue as online veterans", async () => {
    await withRollback(async (tx) => {
      const { fair, staff, booths } = await setup(tx);
      const b = booths[0]!;
      const online = await veteran(tx);
      await joinQueue(tx, online.actor, b.id);
      const scanner = await veteran(tx);
      const scanned = await checkIn(tx, scanner.actor, b.token);
      expect(scanned.position).toBe(2);
      await expect(registerWalkIn(tx, b.owner, b.token, { fullName: "赵大勇", phone: null, regionCode: "320582", consent: true })).rejects.toMatchObject({ status: 403 });
      await expect(registerWalkIn(tx, staff, b.token, { fullName: "赵大勇", phone: null, regionCode: "320582", consent: false })).rejects.toMatchObject({ code: "fairs:errors.consentRequired" });
      const walkIn = await registerWalkIn(tx, staff, b.token, { fullName: "赵大勇", phone: "13700001111", regionCode: "320582", consent: true });
      expect(walkIn.position).toBe(3);
      const [file] = await tx.select().from(veteranProfiles).where(eq(veteranProfiles.id, walkIn.profileId));
      expect(file!.userId).toBeNull();
      expect(file!.createdByStaffUserId).toBe(staff.id);
      const consents = await tx.select().from(consentRecords).where(eq(consentRecords.veteranProfileId, walkIn.profileId));
      expect(consents).toMatchObject([{ kind: "assisted_service", recordedByUserId: staff.id }]);
      const [reg] = await tx.select().from(fairRegistrations).where(and(eq(fairRegistrations.fairId, fair.id), eq(fairRegistrations.veteranProfileId, walkIn.profileId)));
      expect(reg!.walkInConsentAt).not.toBeNull();
      expect(reg!.attendedMode).toBe("on_site");
      const console1 = await getConsole(tx, b.owner, b.id);
      expect(console1.queue.map((q) => q.source)).toEqual(["online", "on_site", "on_site"]);
      // the walk-in has no account to answer a call: being called opens the chat at once
      await tx.update(fairQueueEntries).set({ status: "left" }).where(eq(fairQueueEntries.boothId, b.id));
      await tx.update(fairQueueEntries).set({ status: "waiting" }).where(eq(fairQueueEntries.id, walkIn.entryId));
      const call = await callNext(tx, b.owner, b.id);
      expect(call.status === "called" && call.chatId).toBeTruthy();
      const figures = (await fairDashboard(tx, staff, fair.id)).figures;
      expect(figures.attendeesOnSite).toBe(2);
      expect(figures.attendeesOnline).toBe(1);
      const sheet = await qrSheet(tx, staff, fair.id, "https://rongye.example");
      expect(sheet.booths.find((x) => x.id === b.id)!.url).toBe(`https://rongye.example/fairs/checkin/${b.token}`);
      expect(sheet.booths[0]!.svg).toContain("<svg");
      await expect(checkIn(tx, scanner.actor, "not-a-real-token-at-all")).rejects.toMatchObject({ status: 404 });
    });
  });

  it("staff sit in on a chat only when the veteran asked, visible to both and audited", async () => {
    await withRollback(async (tx) => {
      const { fair, staff, booths } = await setup(tx);
      const v = await veteran(tx);
      const chat = await openChat(tx, booths[0]!, v);
      await expect(sitIn(tx, staff, chat.id)).rejects.toMatchObject({ code: "fairs:errors.helpNotRequested" });
      await requestHelp(tx, v.actor, chat.id);
      expect((await fairDashboard(tx, staff, fair.id)).help.map((h) => h.chatId)).toEqual([chat.id]);
      await expect(sitIn(tx, booths[0]!.owner, chat.id)).rejects.toMatchObject({ status: 403 });
      await sitIn(tx, staff, chat.id);
      await sendMessage(tx, staff, chat.id, "我是服务站工作人员，帮您一起沟通");
      const seen = await getChat(tx, v.actor, chat.id);
      expect(seen.sitInName).toBeTruthy();
      expect(seen.messages.map((m) => m.body)).toEqual(expect.arrayContaining(["staffJoined", "我是服务站工作人员，帮您一起沟通"]));
      const audits = await tx.select().from(auditLog).where(and(eq(auditLog.action, "fair.chat.assist"), eq(auditLog.subjectId, chat.id)));
      expect(audits).toHaveLength(1);
      expect((await fairDashboard(tx, staff, fair.id)).help).toEqual([]);
    });
  });
});

describe("access sweep", () => {
  it("refuses other organisations' representatives, other veterans, anonymous hosts and closed fairs", async () => {
    await withRollback(async (tx) => {
      const { fair, booths } = await setup(tx);
      const [mine, other] = booths as [(typeof booths)[0], (typeof booths)[0]];
      const v = await veteran(tx);
      const stranger = await veteran(tx);
      const chat = await openChat(tx, mine, v);
      const attempts: [string, () => Promise<unknown>][] = [
        ["other rep reads chat", () => getChat(tx, other.owner, chat.id)],
        ["other rep writes", () => sendMessage(tx, other.owner, chat.id, "hi")],
        ["other rep closes", () => closeChat(tx, other.owner, chat.id, "signed", "")],
        ["other rep console", () => getConsole(tx, other.owner, mine.id)],
        ["other rep calls", () => callNext(tx, other.owner, mine.id)],
        ["stranger reads", () => getChat(tx, stranger.actor, chat.id)],
        ["stranger applies", () => applyFromChat(tx, stranger.actor, chat.id, mine.posting.id, { publicUrl: "http://x" })],
        ["stranger asks help", () => requestHelp(tx, stranger.actor, chat.id)],
        ["veteran closes", () => closeChat(tx, v.actor, chat.id, "signed", "")],
        ["rep report", () => fairReport(tx, mine.owner, fair.id)],
        ["veteran dashboard", () => fairDashboard(tx, v.actor, fair.id)],
      ];
      for (const [name, attempt] of attempts) {
        await expect(attempt(), name).rejects.toMatchObject({ status: 403 });
      }
      // the fair closes: chatting is refused
      await tx.update(fairBooths).set({ updatedAt: new Date() }).where(eq(fairBooths.id, mine.id));
      const { jobFairs } = await import("../../db/schema-fairs");
      await tx.update(jobFairs).set({ endsAt: new Date(Date.now() - 1000) }).where(eq(jobFairs.id, fair.id));
      await expect(sendMessage(tx, v.actor, chat.id, "还在吗")).rejects.toMatchObject({ status: 403 });
    });
  });
});

describe("public API", () => {
  it("lists published fairs and one fair's figures, never drafts", async () => {
    await withRollback(async (tx) => {
      const { fair, booths } = await setup(tx);
      const draft = await createJobFair(tx, { status: "draft" });
      const v = await veteran(tx);
      await joinQueue(tx, v.actor, booths[0]!.id);
      const list = await publicFairList(tx, 1);
      const ids = list.fairs.map((f) => f.id);
      expect(ids).toContain(fair.id);
      expect(ids).not.toContain(draft.id);
      const detail = await publicFairDetail(tx, fair.id);
      expect(detail).toMatchObject({ id: fair.id, mode: "hybrid", booths: 2, positions: 10, registrations: 1, attendees: 1, chats: 0, signed: 0 });
      await expect(publicFairDetail(tx, draft.id)).rejects.toMatchObject({ status: 404 });
      await expect(publicFairDetail(tx, "nope")).rejects.toMatchObject({ status: 404 });
    });
  });
});
