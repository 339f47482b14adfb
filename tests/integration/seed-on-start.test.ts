import { beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { seedIfEmpty } from "../../app/services.server";
import { users } from "../../db/schema";
import { createUser } from "../../db/factories";
import { DEMO_MARKER_EMAIL, DEMO_PASSWORD } from "../../db/seed";
import { verifyPassword } from "../../app/utils/password.server";
import { getTestDb, withRollback } from "../helpers/db";

describe("seeding on start", () => {
  beforeAll(() => getTestDb()); // the migrated database, created outside any one test's time

  it("with random passwords: the README's password opens nothing, and each password is printed once", async () => {
    await withRollback(async (tx) => {
      const lines: string[] = [];
      const result = await seedIfEmpty(tx, { passwords: "random", log: (l) => lines.push(l), towns: false });
      expect(result?.created).toBe(true);
      const seen = new Set<string>();
      for (const account of result!.accounts) {
        expect(account.password).not.toBe(DEMO_PASSWORD);
        expect(account.password.length).toBeGreaterThanOrEqual(16);
        expect(seen.has(account.password)).toBe(false);
        seen.add(account.password);
        const [user] = await tx.select().from(users).where(eq(users.email, account.email));
        expect(await verifyPassword(user!.passwordHash, DEMO_PASSWORD)).toBe(false);
        expect(await verifyPassword(user!.passwordHash, account.password)).toBe(true);
        expect(lines.filter((l) => l.includes(account.password))).toHaveLength(1);
      }
      expect(lines.join("\n")).not.toContain(DEMO_PASSWORD);
    });
  });

  it("in development uses the README's password", async () => {
    await withRollback(async (tx) => {
      const result = await seedIfEmpty(tx, { passwords: "demo", log: () => {}, towns: false });
      const [admin] = await tx.select().from(users).where(eq(users.email, DEMO_MARKER_EMAIL));
      expect(result?.created).toBe(true);
      expect(await verifyPassword(admin!.passwordHash, DEMO_PASSWORD)).toBe(true);
    });
  });

  it("leaves a database that has users alone", async () => {
    await withRollback(async (tx) => {
      await createUser(tx, { email: `owner-${Date.now()}@example.com`, role: "admin" });
      expect(await seedIfEmpty(tx, { passwords: "random", log: () => {}, towns: false })).toBeNull();
      expect(await tx.select().from(users).where(eq(users.email, DEMO_MARKER_EMAIL))).toHaveLength(0);
    });
  });
});
