// The admin audit log (issue 12 item 6): who read or changed whose personal data, with filters; admins only.
import { beforeAll, describe, expect, it } from "vitest";
import { listAuditLog } from "../../app/models/audit-log.server";
import { recordAudit } from "../../app/models/authz.server";
import { createUser, createVeteranProfile } from "../../db/factories";
import { auditLog } from "../../db/schema";
import { getTestDb, withRollback } from "../helpers/db";

beforeAll(async () => {
  await getTestDb();
});

describe("audit log", () => {
  it("names who acted and whose file it was, and filters by person, action, personal data and date", () =>
    withRollback(async (tx) => {
      await tx.delete(auditLog);
      const admin = await createUser(tx, { role: "admin" });
      const reader = await createUser(tx, { role: "staff", displayName: "审计测试员", email: `audit-reader-${Date.now()}@example.com` });
      const other = await createUser(tx, { role: "staff" });
      const file = await createVeteranProfile(tx, { fullName: "王审计" });
      await recordAudit(tx, reader, "profile.read", file.id);
      await recordAudit(tx, reader, "organization.verify", "00000000-0000-0000-0000-000000000001");
      await recordAudit(tx, other, "profile.update", file.id);
      await recordAudit(tx, { id: null }, "taxonomy.activate", "2026.12-1");

      const all = await listAuditLog(tx, admin, {});
      expect(all.total).toBe(4);
      const read = all.entries.find((e) => e.action === "profile.read")!;
      expect(read).toMatchObject({ person: "王审计", personalData: true, actor: { name: "审计测试员" } });
      expect(all.entries.find((e) => e.action === "taxonomy.activate")).toMatchObject({ actor: null, personalData: false });

      const byPerson = await listAuditLog(tx, admin, { actor: "审计测试" });
      expect(byPerson.entries.map((e) => e.action).sort()).toEqual(["organization.verify", "profile.read"]);
      expect((await listAuditLog(tx, admin, { actor: reader.email.slice(0, 15) })).total).toBe(2);
      const personal = await listAuditLog(tx, admin, { personalOnly: true });
      expect(personal.entries.map((e) => e.action).sort()).toEqual(["profile.read", "profile.update"]);
      expect((await listAuditLog(tx, admin, { action: "profile.update" })).entries.map((e) => e.actor?.id)).toEqual([other.id]);
      expect((await listAuditLog(tx, admin, { subjectType: "veteran_profile", subjectId: file.id })).total).toBe(2);
      // a period that ended yesterday holds none of today's entries
      expect((await listAuditLog(tx, admin, { to: new Date(Date.now() - 86_400_000) })).total).toBe(0);
      // a percent sign is a literal, not a wildcard
      expect((await listAuditLog(tx, admin, { actor: "%" })).total).toBe(0);
    }));

  it("pages 50 at a time and is for administrators only", () =>
    withRollback(async (tx) => {
      await tx.delete(auditLog);
      const admin = await createUser(tx, { role: "admin" });
      const staff = await createUser(tx, { role: "staff" });
      for (let i = 0; i < 55; i++) await recordAudit(tx, staff, "profile.search", null);
      const first = await listAuditLog(tx, admin, {});
      expect([first.entries.length, first.pageCount]).toEqual([50, 2]);
      const second = await listAuditLog(tx, admin, { page: 2 });
      expect(second.entries.length).toBe(5);
      expect(new Set([...first.entries, ...second.entries].map((e) => e.id)).size).toBe(55);
      await expect(listAuditLog(tx, { id: staff.id, role: "staff" }, {})).rejects.toThrow();
    }));
});
