import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { DomainError, ForbiddenError } from "../../app/models/errors";
import {
  activateTaxonomyVersion,
  addTaxonomySynonym,
  getActiveTaxonomy,
  listTaxonomyVersions,
  nextTaxonomyVersion,
  REPOSITORY_TAXONOMY_VERSION,
  saveTaxonomyVersion,
  TaxonomyInvalidError,
} from "../../app/models/taxonomy.server";
import { createUser } from "../../db/factories";
import { auditLog, taxonomyVersions } from "../../db/schema";
import { taxonomy as fileTaxonomy } from "../../search/taxonomy";
import { withRollback } from "../helpers/db";

const NOW = new Date("2026-11-22T04:00:00Z");

describe("taxonomy versions", () => {
  it("bumps versions within a month and starts again at -1 in a later month", () => {
    expect(nextTaxonomyVersion("2026.11-1", [], NOW)).toBe("2026.11-2");
    expect(nextTaxonomyVersion("2026.11-1", ["2026.11-2", "2026.11-5"], NOW)).toBe("2026.11-6");
    expect(nextTaxonomyVersion("2026.10-4", [], NOW)).toBe("2026.11-1");
    // The file may already be ahead of the clock: never go backwards.
    expect(nextTaxonomyVersion("2027.01-3", [], NOW)).toBe("2027.01-4");
    // Month boundaries follow Asia/Shanghai: 2026-11-30T17:00Z is already December there.
    expect(nextTaxonomyVersion("2026.11-2", [], new Date("2026-11-30T17:00:00Z"))).toBe("2026.12-1");
  });

  it("uses the repository file until staff save a version; a save is validated, bumped, stored, activated, audited", async () => {
    await withRollback(async (tx) => {
      await tx.delete(taxonomyVersions);
      const staff = await createUser(tx, { role: "staff", displayName: "周敏" });
      const before = await getActiveTaxonomy(tx);
      expect(before).toMatchObject({ source: "repository", version: REPOSITORY_TAXONOMY_VERSION, versionId: null });

      const edited = structuredClone(fileTaxonomy);
      edited.skills[0].synonyms.zh.push("开大车的");
      const saved = await saveTaxonomyVersion(tx, staff, { ...edited, version: "1999.01-1" }, { now: NOW });
      expect(saved.version).toBe(nextTaxonomyVersion(REPOSITORY_TAXONOMY_VERSION, [], NOW));

      const active = await getActiveTaxonomy(tx);
      expect(active.source).toBe("database");
      expect(active.version).toBe(saved.version);
      expect(active.taxonomy.version).toBe(saved.version);
      expect(active.taxonomy.updatedAt).toBe("2026-11-22");
      expect(active.taxonomy.skills[0].synonyms.zh).toContain("开大车的");

      const [audit] = await tx.select().from(auditLog).where(eq(auditLog.action, "taxonomy.save"));
      expect(audit).toMatchObject({ actorUserId: staff.id, subjectId: String(saved.id) });
      expect(audit.detail).toMatchObject({ version: saved.version, previousVersion: REPOSITORY_TAXONOMY_VERSION });

      const second = await addTaxonomySynonym(tx, staff, { target: `specialty:${fileTaxonomy.specialties[0].id}`, language: "zh", term: "老司机" }, { now: NOW });
      const history = await listTaxonomyVersions(tx, staff);
      expect(history.map((h) => [h.version, h.active, h.createdBy])).toEqual([
        [second.version, true, "周敏"],
        [saved.version, false, "周敏"],
      ]);
      const now = await getActiveTaxonomy(tx);
      expect(now.taxonomy.specialties[0].synonyms).toContain("老司机");
      expect(now.taxonomy.skills[0].synonyms.zh).toContain("开大车的"); // built on the active version, not the file
    });
  });

  it("refuses broken data and keeps the previous version in force", async () => {
    await withRollback(async (tx) => {
      await tx.delete(taxonomyVersions);
      const staff = await createUser(tx, { role: "admin" });
      const first = await saveTaxonomyVersion(tx, staff, structuredClone(fileTaxonomy), { now: NOW });

      const broken = structuredClone(fileTaxonomy);
      broken.specialties[0].skills = ["no_such_skill"];
      broken.skills[1].synonyms.zh.push(broken.skills[0].name); // one term, two skills
      const error = await saveTaxonomyVersion(tx, staff, broken, { now: NOW }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TaxonomyInvalidError);
      const problems = (error as TaxonomyInvalidError).problems;
      expect(problems.map((p) => p.code)).toEqual(expect.arrayContaining(["unknown_reference", "ambiguous_term"]));
      expect(problems.every((p) => p.messageZh && p.message && p.path)).toBe(true);

      for (const bad of [null, [], "text", { version: "2026.11-1" }]) {
        await expect(saveTaxonomyVersion(tx, staff, bad, { now: NOW })).rejects.toBeInstanceOf(TaxonomyInvalidError);
      }
      // A synonym already used by the target, or an unknown target, is refused before anything is saved.
      await expect(
        addTaxonomySynonym(tx, staff, { target: `skill:${fileTaxonomy.skills[0].id}`, language: "zh", term: fileTaxonomy.skills[0].name }),
      ).rejects.toSatisfy((e: unknown) => e instanceof DomainError && e.code === "staff:errors.synonymExists");
      await expect(addTaxonomySynonym(tx, staff, { target: "skill:nope", language: "en", term: "x" })).rejects.toBeInstanceOf(DomainError);
      // A synonym that belongs to another skill fails validation (ambiguous_term).
      await expect(
        addTaxonomySynonym(tx, staff, { target: `skill:${fileTaxonomy.skills[1].id}`, language: "zh", term: fileTaxonomy.skills[0].name }),
      ).rejects.toBeInstanceOf(TaxonomyInvalidError);

      const rows = await tx.select().from(taxonomyVersions);
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ id: first.id, active: true });
      expect((await getActiveTaxonomy(tx)).version).toBe(first.version);
    });
  });

  it("staff can re-activate an older version or go back to the repository file; others cannot edit", async () => {
    await withRollback(async (tx) => {
      await tx.delete(taxonomyVersions);
      const staff = await createUser(tx, { role: "staff" });
      const a = await saveTaxonomyVersion(tx, staff, structuredClone(fileTaxonomy), { now: NOW });
      const b = await saveTaxonomyVersion(tx, staff, structuredClone(fileTaxonomy), { now: NOW });
      expect(b.version).not.toBe(a.version);
      await activateTaxonomyVersion(tx, staff, a.id);
      expect((await getActiveTaxonomy(tx)).version).toBe(a.version);
      await activateTaxonomyVersion(tx, staff, null);
      expect((await getActiveTaxonomy(tx)).source).toBe("repository");

      for (const role of ["veteran", "employer", "incubator"] as const) {
        const user = await createUser(tx, { role });
        await expect(saveTaxonomyVersion(tx, user, structuredClone(fileTaxonomy))).rejects.toBeInstanceOf(ForbiddenError);
        await expect(addTaxonomySynonym(tx, user, { target: `skill:${fileTaxonomy.skills[0].id}`, language: "en", term: "trucker" })).rejects.toBeInstanceOf(ForbiddenError);
        await expect(activateTaxonomyVersion(tx, user, b.id)).rejects.toBeInstanceOf(ForbiddenError);
        await expect(listTaxonomyVersions(tx, user)).rejects.toBeInstanceOf(ForbiddenError);
      }
      expect(await tx.select().from(taxonomyVersions)).toHaveLength(2);
    });
  });
});
