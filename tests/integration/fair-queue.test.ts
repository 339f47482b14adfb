import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../../app/models/authz.server";
import { addSlots, decideBooth, listLobbyBooths, requestBooth, setRepresentatives } from "../../app/models/fair-booths.server";
import { FairHub, emitFairEvent, subscribeWithResume, type FairEvent } from "../../app/models/fair-events.server";
import {
  answerCall,
  bookSlot,
  callNext,
  closeChat,
  expireCalls,
  getChat,
  getConsole,
  joinQueue,
  registerForFair,
  sendMessage,
  setRepStatus,
} from "../../app/models/fair-queue.server";
import { createDb, type Db } from "../../db/client";
import { createJobFair, createJobPosting, createOrganization, createUser, createVeteranProfile } from "../../db/factories";
import { ensureRegions } from "../../db/regions";
import { fairQueueEntries, fairSlots, jobFairs } from "../../db/schema-fairs";
import { createServerDatabase, getTestDb, withIsolatedDb, withRollback } from "../helpers/db";

beforeAll(async () => {
  await getTestDb();
});

const HOUR = 3600_000;

/** A running fair with one approved booth of a verified employer whose owner is its representative. */
async function runningFair(db: Db, over: Parameters<typeof createJobFair>[1] = {}) {
  await ensureRegions(db, ["320582", "320500", "610326"]);
  const staff = await createUser(db, { role: "staff" });
  const fair = await createJobFair(db, { startsAt: new Date(Date.now() - HOUR), endsAt: new Date(Date.now() + 5 * HOUR), status: "published", ...over });
  const booths: { id: string; org: string; owner: Actor; rep2: Actor }[] = [];
  for (let i = 0; i < 4; i++) {
    const owner = await createUser(db, { role: "employer" });
    const org = await createOrganization(db, { ownerUserId: owner.id, verificationStatus: "verified", name: `展位单位 ${i}` });
    const rep2 = await createUser(db, { role: "employer" });
    const { memberships } = await import("../../db/schema");
    await db.insert(memberships).values({ userId: rep2.id, organizationId: org.id, role: "member" });
    const booth = await requestBooth(db, owner, fair.id, null);
    await decideBooth(db, staff, booth.id, { approve: true, reason: null });
    await setRepresentatives(db, owner, booth.id, [owner.id, rep2.id]);
    booths.push({ id: booth.id, org: org.id, owner, rep2 });
  }
  return { fair, staff, booths };
}

async function veteran(db: Db, regionCode = "320582") {
  const user = await createUser(db, { role: "veteran" });
  const profile = await createVeteranProfile(db, { userId: user.id, fullName: "王建国", regionCode });
  return { actor: { id: user.id, role: user.role } as Actor, profile };
}

describe("fair queues", () => {
  it("200 veterans joining one queue at once get positions 1..200 exactly once", async () => {
    await withIsolatedDb(
      async (db) => {
        const { booths } = await runningFair(db);
        const vets = [];
        for (let i = 0; i < 200; i++) vets.push(await veteran(db));
        const results = await Promise.all(vets.map((v) => joinQueue(db, v.actor, booths[0]!.id)));
        expect(results.map((r) => r.ticket).sort((a, b) => a - b)).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
        expect(new Set(results.map((r) => r.position)).size).toBe(200);
        expect(Math.max(...results.map((r) => r.position))).toBe(200);
      },
      { poolMax: 20 },
    );
  }, 240_000);

  it("two representatives accepting at once get different veterans; calls, answers, chats both ways", async () => {
    await withIsolatedDb(
      async (db) => {
        const { booths } = await runningFair(db);
        const b = booths[0]!;
        const a = await veteran(db);
        const c = await veteran(db);
        await joinQueue(db, a.actor, b.id);
        await joinQueue(db, c.actor, b.id);
        await setRepStatus(db, b.owner, b.id, "available");
        await setRepStatus(db, b.rep2, b.id, "available");
        const [r1, r2] = await Promise.all([callNext(db, b.owner, b.id), callNext(db, b.rep2, b.id)]);
        expect(r1.status).toBe("called");
        expect(r2.status).toBe("called");
        const called = [r1, r2].map((r) => (r.status === "called" ? r.veteranProfileId : "")).sort();
        expect(called).toEqual([a.profile.id, c.profile.id].sort());
        expect((await callNext(db, b.owner, b.id)).status).toBe("empty");

        const entry = r1.status === "called" ? r1.entryId : "";
        const who = r1.status === "called" && r1.veteranProfileId === a.profile.id ? a : c;
        const chat = await answerCall(db, who.actor, entry);
        await sendMessage(db, who.actor, chat.id, "您好，我想了解仓储主管岗位");
        await sendMessage(db, b.owner, chat.id, "欢迎！请拨打 13812345678 联系我们");
        const view = await getChat(db, who.actor, chat.id);
        const bodies = view.messages.map((m) => m.body);
        expect(bodies).toContain("您好，我想了解仓储主管岗位");
        expect(bodies).toContain("欢迎！请拨打 138****5678 联系我们");
        // the other booth's representative cannot read it
        await expect(getChat(db, booths[1]!.owner, chat.id)).rejects.toMatchObject({ status: 403 });
        // the other veteran cannot either
        const other = who === a ? c : a;
        await expect(sendMessage(db, other.actor, chat.id, "hi")).rejects.toMatchObject({ status: 403 });
        await closeChat(db, b.owner, chat.id, "not_a_fit", "岗位不合适");
        await expect(sendMessage(db, who.actor, chat.id, "还在吗")).rejects.toMatchObject({ status: 403 });
      },
      { poolMax: 10 },
    );
  }, 120_000);

  it("a missed call goes back once, then the place ends", async () => {
    await withRollback(async (tx) => {
      const { booths } = await runningFair(tx);
      const b = booths[0]!;
      const a = await veteran(tx);
      const later = await veteran(tx);
      await joinQueue(tx, a.actor, b.id);
      await joinQueue(tx, later.actor, b.id);
      const t0 = new Date();
      const first = await callNext(tx, b.owner, b.id, undefined, t0);
      expect(first.status === "called" && first.veteranProfileId).toBe(a.profile.id);
      await expireCalls(tx, b.id, new Date(t0.getTime() + 61_000));
      const [back] = await tx.select().from(fairQueueEntries).where(eq(fairQueueEntries.id, first.status === "called" ? first.entryId : ""));
      expect(back!.status).toBe("waiting");
      const console1 = await getConsole(tx, b.owner, b.id, new Date(t0.getTime() + 62_000));
      expect(console1.queue.map((q) => q.id)[1]).toBe(back!.id); // behind the person who was after them
      expect(console1.queue[0]!.fullName).toBe("王**"); // masked until they apply or agree
      await tx.update(fairQueueEntries).set({ status: "called", callExpiresAt: new Date(t0.getTime() + 70_000) }).where(eq(fairQueueEntries.id, back!.id));
      await expireCalls(tx, b.id, new Date(t0.getTime() + 200_000));
      const [gone] = await tx.select().from(fairQueueEntries).where(eq(fairQueueEntries.id, back!.id));
      expect(gone!.status).toBe("missed");
    });
  });

  it("refuses a 4th queue, a closed fair, ineligible regions and a booth of an unverified employer", async () => {
    await withRollback(async (tx) => {
      const { fair, booths } = await runningFair(tx, { eligibleRegionCodes: ["320500"] });
      const a = await veteran(tx, "320582"); // a county of 苏州市: inside the subtree
      for (const b of booths.slice(0, 3)) await joinQueue(tx, a.actor, b.id);
      await expect(joinQueue(tx, a.actor, booths[3]!.id)).rejects.toMatchObject({ status: 403, code: "fairs:errors.queueLimit" });
      const far = await veteran(tx, "610326");
      await expect(registerForFair(tx, far.actor, fair.id)).rejects.toMatchObject({ code: "fairs:errors.notEligibleRegion" });
      await expect(registerForFair(tx, a.actor, fair.id, { familyMember: true })).rejects.toMatchObject({ code: "fairs:errors.familyNotAllowed" });
      const unverifiedOwner = await createUser(tx, { role: "employer" });
      await createOrganization(tx, { ownerUserId: unverifiedOwner.id, verificationStatus: "pending" });
      await expect(requestBooth(tx, unverifiedOwner, fair.id, null)).rejects.toMatchObject({ code: "fairs:errors.orgNotVerified" });
      const closed = await runningFair(tx);
      await tx.update(jobFairs).set({ endsAt: new Date(Date.now() - 1000) }).where(eq(jobFairs.id, closed.fair.id));
      const b = await veteran(tx);
      await expect(joinQueue(tx, b.actor, closed.booths[0]!.id)).rejects.toMatchObject({ status: 403 });
    });
  });

  it("no interview slot is booked twice, on either side", async () => {
    await withIsolatedDb(async (db) => {
      const { booths } = await runningFair(db, { slotMinutes: 15 });
      const start = new Date(Date.now() + 2 * HOUR);
      start.setUTCSeconds(0, 0);
      expect(await addSlots(db, booths[0]!.owner, booths[0]!.id, start, 2)).toBe(2);
      expect(await addSlots(db, booths[1]!.owner, booths[1]!.id, start, 1)).toBe(1);
      const slots0 = await db.select().from(fairSlots).where(eq(fairSlots.boothId, booths[0]!.id));
      const [slot1] = await db.select().from(fairSlots).where(eq(fairSlots.boothId, booths[1]!.id));
      const sameStart = slots0.find((s) => s.startsAt.getTime() === start.getTime())!;
      const vets = await Promise.all(Array.from({ length: 5 }, () => veteran(db)));
      const settled = await Promise.allSettled(vets.map((v) => bookSlot(db, v.actor, sameStart.id)));
      expect(settled.filter((s) => s.status === "fulfilled")).toHaveLength(1);
      const winner = vets[settled.findIndex((s) => s.status === "fulfilled")]!;
      await expect(bookSlot(db, winner.actor, slot1!.id)).rejects.toMatchObject({ code: "fairs:errors.slotClash" });
    });
  }, 120_000);

  it("the lobby filters by a region's whole subtree and scores booths for the viewer", async () => {
    await withRollback(async (tx) => {
      const { fair, booths } = await runningFair(tx);
      const posting = await createJobPosting(tx, { organizationId: booths[0]!.org, regionCode: "320582", status: "published", title: "仓储主管", category: "logistics", salaryMin: 6000, salaryMax: 8000 });
      const { saveBoothSetup } = await import("../../app/models/fair-booths.server");
      await saveBoothSetup(tx, booths[0]!.owner, booths[0]!.id, { intro: "", logoUrl: null, positions: 5, livestreamUrl: null, meetingUrl: null, postingIds: [posting.id] });
      const inCity = await listLobbyBooths(tx, fair.id, { region: "320500" }, null);
      expect(inCity.map((b) => b.id)).toContain(booths[0]!.id);
      const elsewhere = await listLobbyBooths(tx, fair.id, { region: "610000" }, null);
      expect(elsewhere.map((b) => b.id)).not.toContain(booths[0]!.id);
      const rich = await listLobbyBooths(tx, fair.id, { salaryMin: 7000 }, null);
      expect(rich.map((b) => b.id)).toEqual([booths[0]!.id]);
    });
  });
});

describe("fair events", () => {
  it("NOTIFY wakes a listener on another connection; a stream resumes after Last-Event-ID without loss", async () => {
    // PostgreSQL: a writer and a listener on two connections of a fresh database; PGlite: in-process notifications
    const url = process.env.DATABASE_URL ? await createServerDatabase() : undefined;
    const writer = await createDb({ DATABASE_URL: url, PGLITE_DIR: "memory://" });
    if (!url) await writer.migrate();
    const listener = url ? await createDb({ DATABASE_URL: url, PGLITE_DIR: "memory://" }) : writer;
    try {
      const db = writer.db;
      const { fair } = await runningFair(db);
      const hub = new FairHub(listener.db, listener.listen, { pollMs: 60_000 });
      const got: FairEvent[] = [];
      const unsubscribe = await hub.subscribe(fair.id, ["lobby"], (e) => got.push(e));
      await db.transaction(async (t) => emitFairEvent(t as unknown as Db, fair.id, "lobby", "ping", { n: 1 }));
      for (let i = 0; i < 100 && got.length === 0; i++) await new Promise((r) => setTimeout(r, 50));
      expect(got.map((e) => e.kind)).toEqual(["ping"]);
      unsubscribe();

      // resume: events 2 and 3 happen while the client is away; it reconnects with the id of event 1
      const lastSeen = got[0]!.id;
      await db.transaction(async (t) => emitFairEvent(t as unknown as Db, fair.id, "lobby", "ping", { n: 2 }));
      await db.transaction(async (t) => emitFairEvent(t as unknown as Db, fair.id, "user:someone-else", "secret", {}));
      await db.transaction(async (t) => emitFairEvent(t as unknown as Db, fair.id, "lobby", "ping", { n: 3 }));
      const resumed: FairEvent[] = [];
      const stop = await subscribeWithResume(hub, listener.db, fair.id, ["lobby"], lastSeen, (e) => resumed.push(e));
      await db.transaction(async (t) => emitFairEvent(t as unknown as Db, fair.id, "lobby", "ping", { n: 4 }));
      for (let i = 0; i < 100 && resumed.length < 3; i++) await new Promise((r) => setTimeout(r, 50));
      expect(resumed.map((e) => e.payload.n)).toEqual([2, 3, 4]);
      stop();
      await hub.close();
    } finally {
      if (listener !== writer) await listener.close();
      await writer.close();
    }
  }, 120_000);
});
