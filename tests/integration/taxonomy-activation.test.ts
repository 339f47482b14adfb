import { afterEach, describe, expect, it } from "vitest";
import { addTaxonomySynonym, applyActiveTaxonomy } from "../../app/models/taxonomy.server";
import { createJobPosting, createUser } from "../../db/factories";
import { EmbeddedSearchEngine } from "../../search/embedded";
import { activateTaxonomy, normalizeSkill, repositoryTaxonomy, taxonomyVersion } from "../../search/taxonomy";
import { ensureIndexes } from "../../search/sync";
import { withRollback } from "../helpers/db";

afterEach(() => {
  activateTaxonomy(repositoryTaxonomy);
});

describe("a staff edit of the skills taxonomy takes effect", () => {
  it("the translator and search synonyms use the activated version at once", async () => {
    await withRollback(async (tx) => {
      const staff = await createUser(tx, { role: "staff" });
      expect(normalizeSkill("开大车的")).not.toBe("heavy_truck_driving");
      await addTaxonomySynonym(tx, staff, { target: "skill:heavy_truck_driving", language: "zh", term: "开大车的" });
      await addTaxonomySynonym(tx, staff, { target: "skill:heavy_truck_driving", language: "en", term: "bigrig" });
      const engine = new EmbeddedSearchEngine();
      const job = await createJobPosting(tx, { title: "重型货车驾驶", skills: ["heavy_truck_driving"] });
      // setting up indexes reads the database's active version itself (no process keeps the repository file's)
      await ensureIndexes(tx, engine, { rebuild: true });
      expect((await engine.search("jobs", { q: "bigrig" })).hits.map((h) => h.id)).toContain(job.id);
      activateTaxonomy(repositoryTaxonomy);

      const version = await applyActiveTaxonomy(tx, engine);
      expect(version).toBe(taxonomyVersion);
      expect(version).not.toBe(repositoryTaxonomy.version);
      expect(normalizeSkill("开大车的")).toBe("heavy_truck_driving");
      const after = (await engine.search("jobs", { q: "bigrig" })).hits.map((h) => h.id);
      expect(after).toContain(job.id);
    });
  });
});
