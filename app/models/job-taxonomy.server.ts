// Job categories and skills as postings name them: picker options in both languages, and typed skill terms resolved
// to taxonomy ids.
import { getSkill, normalizeSkill, taxonomy } from "../../search/taxonomy";
import { DomainError } from "./errors";

export type NamedOption = { id: string; name: string; nameEn: string };

/** Job categories and skills for pickers (names in both languages; the page shows the user's). */
export function jobTaxonomyOptions(): { categories: NamedOption[]; skills: NamedOption[] } {
  return {
    categories: taxonomy.categories.map(({ id, name, nameEn }) => ({ id, name, nameEn })),
    skills: taxonomy.skills.map(({ id, name, nameEn }) => ({ id, name, nameEn })),
  };
}

export function skillOptions(ids: readonly string[]): NamedOption[] {
  return ids.map((id) => {
    const s = getSkill(id);
    return s ? { id, name: s.name, nameEn: s.nameEn } : { id, name: id, nameEn: id };
  });
}

export function categoryOption(id: string): NamedOption {
  const c = taxonomy.categories.find((x) => x.id === id);
  return c ? { id, name: c.name, nameEn: c.nameEn } : { id, name: id, nameEn: id };
}

/**
 * Typed skill terms (ids, names, synonyms in zh or en) → taxonomy skill ids; an unknown term is a field error.
 * `kept` are values the posting already holds (imported or older postings may carry free-text skills): they stay
 * as they are, so editing other fields never fails on them.
 */
export function resolveSkillTerms(terms: readonly string[], kept: readonly string[] = []): string[] {
  const ids: string[] = [];
  for (const term of terms) {
    const id = getSkill(term) ? term : (normalizeSkill(term) ?? (kept.includes(term) ? term : null));
    if (!id) throw new DomainError(`jobs:errors.unknownSkill|${term}`, "skills");
    if (!ids.includes(id)) ids.push(id);
  }
  if (ids.length > 20) throw new DomainError("jobs:errors.tooManySkills", "skills");
  return ids;
}
