import { describe, expect, it } from "vitest";
import groups from "../../search/taxonomy/occupation-groups.json";
import { occupationGroupOf, repositoryTaxonomy } from "../../search/taxonomy";
import { validateTaxonomy } from "../../search/taxonomy/validate";

describe("skills linked to the national occupational classification (职业分类大典 groups)", () => {
  it("names only groups the kept list holds, and the list holds only groups in use", () => {
    const codes = new Set(groups.groups.map((g) => g.code));
    const used = new Set(repositoryTaxonomy.skills.flatMap((s) => (s.occupationGroup ? [s.occupationGroup] : [])));
    for (const code of used) expect(codes.has(code)).toBe(true);
    expect([...codes].filter((c) => !used.has(c))).toEqual([]);
    expect(used.size).toBeGreaterThanOrEqual(40);
  });

  it("answers a skill's group by code and name; a document naming an unknown group is refused", () => {
    expect(occupationGroupOf("forklift")).toEqual({ code: "62405", name: "起重装卸机械操作及有关人员" });
    expect(occupationGroupOf("security_guard")?.code).toBe("30202");
    const broken = structuredClone(repositoryTaxonomy);
    broken.skills[0]!.occupationGroup = "99999";
    expect(validateTaxonomy(broken)).toEqual([expect.objectContaining({ code: "unknown_reference", path: "skills[0].occupationGroup" })]);
  });
});
