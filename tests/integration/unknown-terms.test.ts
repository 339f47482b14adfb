import { and, eq } from "drizzle-orm";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { ForbiddenError } from "../../app/models/errors";
import { applyActiveTaxonomy } from "../../app/models/taxonomy.server";
import { addSkillForTerm, isUnknownTerm, listUnknownTerms, mapUnknownTerm } from "../../app/models/unknown-terms.server";
import { createJobPosting, createUser, createVeteranProfile, uniqueSuffix } from "../../db/factories";
import { auditLog } from "../../db/schema";
import { EmbeddedSearchEngine } from "../../search/embedded";
import { jobSkillIds, matchJobsForVeteran, toSkillIds, veteranSkillIds } from "../../search/match";
import { impliedSkills } from "../../search/cooccurrence";
import { startSearchFollower } from "../../search/follow";
import { ensureIndexes, searchChangeCursor } from "../../search/sync";
import { activateTaxonomy, normalizeSkill, repositoryTaxonomy } from "../../search/taxonomy";
import { getTestDb, withRollback } from "../helpers/db";

beforeAll(() => getTestDb());
afterEach(() => {
  activateTaxonomy(repositoryTaxonomy);
});

/** A term no taxonomy version will ever know: Han characters that name nothing, made unique per run. */
const unknownTerm = () => `舞台灯光调${[...uniqueSuffix()].map((c) => "甲乙丙丁戊己庚辛壬癸"[c.charCodeAt(0) % 10]).join("")}`;

describe("unknown terms found by imports", () => {
  it("are listed with counts and examples; staff map one to a skill and matching uses it on the stored rows at once", async () => {
    await withRollback(async (tx) => {
      const staff = await createUser(tx, { role: "staff" });
      const term = unknownTerm();
      const job = await createJobPosting(tx, { title: "仓库操作员", skills: [term, "叉车"] });
      const vet = await createVeteranProfile(tx, { skills: [term], specialty: null });
      expect(isUnknownTerm(term)).toBe(true);
      expect(isUnknownTerm("叉车")).toBe(false);

      const listed = (await listUnknownTerms(tx, staff, { limit: 200 })).find((r) => r.term === term);
      expect(listed).toEqual({ term, postings: 1, veterans: 1, examples: ["仓库操作员"] });

      const saved = await mapUnknownTerm(tx, staff, { term, skillId: "forklift" });
      await applyActiveTaxonomy(tx);
      expect(normalizeSkill(term)).toBe("forklift");
      // the stored rows are read through the new version: no re-import
      expect(jobSkillIds({ id: job.id, title: job.title, skills: job.skills })).toContain("forklift");
      const v = { id: vet.id, specialty: null, certificates: [], skills: vet.skills, desiredRoles: [], regionCode: null, desiredRegionCodes: [], salaryMin: null, jobTypes: [] };
      expect([...veteranSkillIds(v).all]).toContain("forklift");
      expect((await listUnknownTerms(tx, staff, { limit: 200 })).some((r) => r.term === term)).toBe(false);
      const audit = await tx.select().from(auditLog).where(and(eq(auditLog.action, "taxonomy.term.map"), eq(auditLog.subjectId, String(saved.id))));
      expect(audit[0]?.detail).toMatchObject({ term, skillId: "forklift", version: saved.version });
    });
  });

  it("staff add a term as a new skill: it becomes a search synonym of its names", async () => {
    await withRollback(async (tx) => {
      const staff = await createUser(tx, { role: "staff" });
      const term = unknownTerm();
      const job = await createJobPosting(tx, { title: "舞台技术员", skills: [term] });
      const added = await addSkillForTerm(tx, staff, { term, name: "舞台灯光", nameEn: "Stage lighting", category: "media_culture" });
      expect(added.skillId).toBe("stage_lighting");
      const engine = new EmbeddedSearchEngine();
      await ensureIndexes(tx, engine, { rebuild: true });
      expect(normalizeSkill(term)).toBe("stage_lighting");
      expect((await engine.search("jobs", { q: "stage lighting" })).hits.map((h) => h.id)).toContain(job.id);
      const audit = await tx.select().from(auditLog).where(eq(auditLog.action, "taxonomy.skill.add"));
      expect(audit.some((a) => (a.detail as { term?: string } | null)?.term === term)).toBe(true);
      await expect(addSkillForTerm(tx, staff, { term: unknownTerm(), name: "某技能", nameEn: "Something", category: "no_such" })).rejects.toMatchObject({
        code: "staff:errors.unknownCategory",
      });
    });
  });

  it("kept as written, an unknown term is stored, found by search and used in matching by its own words", async () => {
    await withRollback(async (tx) => {
      const term = unknownTerm();
      const job = await createJobPosting(tx, { title: "技术员", skills: [term], regionCode: "320582" });
      const other = await createJobPosting(tx, { title: "技术员", skills: ["舞美道具制作"], regionCode: "320582" });
      expect(job.skills).toEqual([term]);
      const engine = new EmbeddedSearchEngine();
      await ensureIndexes(tx, engine, { rebuild: true });
      expect((await engine.search("jobs", { q: term })).hits.map((h) => h.id)).toContain(job.id);
      const vet = { id: "v", specialty: null, certificates: [], skills: [term], desiredRoles: [], regionCode: "320582", desiredRegionCodes: [], salaryMin: null, jobTypes: [] };
      const matches = await matchJobsForVeteran(engine, vet, { limit: 50 });
      const mine = matches.find((m) => m.job.id === job.id);
      const theirs = matches.find((m) => m.job.id === other.id);
      expect(mine?.parts.skill).toBeGreaterThan(0.3);
      expect(mine!.score).toBeGreaterThan(theirs?.score ?? 0);
    });
  });

  it("setting up search learns which known skills an unknown term keeps company with on the stored rows", async () => {
    await withRollback(async (tx) => {
      const term = unknownTerm();
      await createJobPosting(tx, { title: "维护员", skills: [term, "电工"] });
      await createVeteranProfile(tx, { skills: [term, "电工", "驾驶"], specialty: null });
      expect(impliedSkills(term)).toEqual([]);
      await ensureIndexes(tx, new EmbeddedSearchEngine(), { rebuild: false });
      expect(impliedSkills(term).map((s) => s.id)).toContain(toSkillIds(["电工"])[0]);
    });
  });

  it("a mapping saved in another process (another worker of the cluster) reaches this one at its follower's next poll", async () => {
    await withRollback(async (tx) => {
      const staff = await createUser(tx, { role: "staff" });
      const term = unknownTerm();
      const job = await createJobPosting(tx, { title: "舞台技术员", skills: [term] });
      const engine = new EmbeddedSearchEngine();
      await ensureIndexes(tx, engine, { rebuild: true });
      const follower = startSearchFollower(tx, engine, { cursor: await searchChangeCursor(tx), autoStart: false });
      await follower.poll();
      expect((await engine.search("jobs", { q: "叉车" })).hits.map((h) => h.id)).not.toContain(job.id);
      // saved and activated in the database only, as the route of another process does: this process has not applied it
      await mapUnknownTerm(tx, staff, { term, skillId: "forklift" });
      expect(normalizeSkill(term)).toBeNull();
      await follower.poll();
      expect(normalizeSkill(term)).toBe("forklift");
      expect(jobSkillIds({ id: job.id, title: job.title, skills: job.skills })).toContain("forklift");
      expect((await engine.search("jobs", { q: "叉车" })).hits.map((h) => h.id)).toContain(job.id);
      await follower.stop();
    });
  });

  it("are for staff only", async () => {
    await withRollback(async (tx) => {
      const employer = await createUser(tx, { role: "employer" });
      await expect(listUnknownTerms(tx, employer)).rejects.toBeInstanceOf(ForbiddenError);
      await expect(mapUnknownTerm(tx, employer, { term: "x", skillId: "forklift" })).rejects.toBeInstanceOf(ForbiddenError);
    });
  });
});
