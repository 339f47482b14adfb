import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { ping } from "../../db/client";
import { users } from "../../db/schema";
import { getTestDb, withRollback } from "../helpers/db";

describe("database", () => {
  it("answers and has the migrated tables", async () => {
    const { db } = await getTestDb();
    expect(await ping(db)).toBe(true);
  });

  it("rolls back each test's writes", async () => {
    await withRollback(async (tx) => {
      await tx.insert(users).values({ email: "rollback@example.com", passwordHash: "x", role: "veteran", displayName: "R" });
      expect(await tx.select().from(users).where(eq(users.email, "rollback@example.com"))).toHaveLength(1);
    });
    const { db } = await getTestDb();
    expect(await db.select().from(users).where(eq(users.email, "rollback@example.com"))).toHaveLength(0);
  });
});
