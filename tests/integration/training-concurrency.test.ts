import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../../app/models/authz.server";
import { enrol, type EnrolResult } from "../../app/models/training-enrolment.server";
import { createDb, queryRows, type Db, type DbHandle } from "../../db/client";
import { createOrganization, createTrainingSlot, createUser, createVeteranProfile } from "../../db/factories";
import * as schema from "../../db/schema";
import { trainingSlots } from "../../db/schema";
import { createServerDatabase, withIsolatedDb } from "../helpers/db";

const ctx = { publicUrl: "http://rongye.test" };

/** Committed rows: a slot and `count` veterans with accounts (the concurrent enrolments need real commits). */
async function setUp(db: Db, count: number, capacity: number) {
  const org = await createOrganization(db, { kind: "training_provider", verificationStatus: "verified" });
  const slot = await createTrainingSlot(db, { organizationId: org.id, capacity });
  const actors: Actor[] = [];
  for (let i = 0; i < count; i++) {
    const user = await createUser(db, { role: "veteran" });
    await createVeteranProfile(db, { userId: user.id, fullName: `并发测试 ${i}` });
    actors.push({ id: user.id, role: user.role });
  }
  return { org, slot, actors };
}

/** Fire every enrolment at once and check the outcome: exactly `capacity` seats, an unbroken waitlist, no errors. */
async function fireAndCheck(db: Db, slotId: string, actors: Actor[], capacity: number) {
  const settled = await Promise.allSettled(actors.map((actor) => enrol(db, actor, slotId, ctx)));
  const rejected = settled.filter((s) => s.status === "rejected");
  expect(rejected.map((r) => String((r as PromiseRejectedResult).reason))).toEqual([]);
  const results = settled.map((s) => (s as PromiseFulfilledResult<EnrolResult>).value);
  const enrolled = results.filter((r) => r.status === "enrolled");
  const waitlisted = results.filter((r) => r.status === "waitlisted");
  expect(enrolled).toHaveLength(capacity);
  expect(waitlisted).toHaveLength(actors.length - capacity);
  expect(results.every((r) => r.already === false)).toBe(true);
  const positions = waitlisted.map((r) => (r.status === "waitlisted" ? r.position : 0)).sort((a, b) => a - b);
  expect(positions).toEqual(Array.from({ length: actors.length - capacity }, (_, i) => i + 1));
  // seatsLeft answers count down without repeats: every seat was handed out once
  expect(enrolled.map((r) => (r.status === "enrolled" ? r.seatsLeft : -1)).sort((a, b) => a - b)).toEqual(
    Array.from({ length: capacity }, (_, i) => i),
  );

  const [slot] = await db.select().from(trainingSlots).where(eq(trainingSlots.id, slotId));
  expect(slot!.seatsTaken).toBe(capacity);
  const rows = await db.select().from(schema.trainingEnrollments).where(eq(schema.trainingEnrollments.trainingSlotId, slotId));
  expect(rows.filter((r) => r.status === "enrolled")).toHaveLength(capacity);
  expect(rows.filter((r) => r.status === "waitlisted")).toHaveLength(actors.length - capacity);
}

describe.skipIf(!process.env.DATABASE_URL)("training enrolment under load on the PostgreSQL server", () => {
  let handle: DbHandle | undefined;
  let db: Db;

  beforeAll(async () => {
    // More than 20 enrolments in flight at once: a pool of 24 connections on a fresh database.
    handle = await createDb({ DATABASE_URL: await createServerDatabase(), PGLITE_DIR: "memory://", poolMax: 24 });
    db = handle.db;
  });
  afterAll(async () => {
    await handle?.close();
  });

  it("200 concurrent enrolments at a 10-seat slot: exactly 10 enrolled, 190 waitlisted at positions 1..190, no errors", { timeout: 120_000 }, async () => {
    const { slot, actors } = await setUp(db, 200, 10);
    await fireAndCheck(db, slot.id, actors, 10);
    // every request was a real transaction on its own connection
    const [{ n }] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from email_outbox where template = 'training_enrollment'`);
    expect(n).toBe(200);
  });

  it("the same veteran enrolling 20 times at once gets one seat and one answer, never an error", { timeout: 60_000 }, async () => {
    const { slot, actors } = await setUp(db, 1, 3);
    await checkDoubleClicks(db, slot.id, actors[0]!);
  });
});

/** A double (or twentyfold) click: the unique (slot, profile) race must end in one enrolment and one seat. */
async function checkDoubleClicks(db: Db, slotId: string, actor: Actor) {
  const settled = await Promise.allSettled(Array.from({ length: 20 }, () => enrol(db, actor, slotId, ctx)));
  expect(settled.filter((s) => s.status === "rejected")).toEqual([]);
  const results = settled.map((s) => (s as PromiseFulfilledResult<EnrolResult>).value);
  expect(new Set(results.map((r) => r.enrollmentId)).size).toBe(1);
  expect(results.every((r) => r.status === "enrolled")).toBe(true);
  expect(results.filter((r) => !r.already)).toHaveLength(1);
  const [slot] = await db.select().from(trainingSlots).where(eq(trainingSlots.id, slotId));
  expect(slot!.seatsTaken).toBe(1);
}

describe("training enrolment under concurrency on the test database", () => {
  it("30 concurrent enrolments at a 5-seat slot: 5 enrolled, 25 waitlisted in order", { timeout: 120_000 }, async () => {
    // Committed rows go to a database of their own, never the shared test database.
    await withIsolatedDb(async (db) => {
      const { slot, actors } = await setUp(db, 30, 5);
      await fireAndCheck(db, slot.id, actors, 5);
    });
  });
});
