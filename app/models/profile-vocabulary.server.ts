// The profile's vocabulary: skills, military specialties and desired roles as stored (taxonomy ids or the words
// typed) with their names in both languages, and the skills translator's suggestions.
import {
  getSkill,
  getSpecialty,
  normalizeSkill,
  skillsForCertificates,
  suggestFromSpecialty,
  taxonomy,
} from "../../search/taxonomy";
import { type SpecialtySuggestion } from "../../search/taxonomy/types";

export interface SkillOption {
  id: string;
  name: string;
  nameEn: string;
}

/** A stored skill (an id, or a name from older files) as an id when the taxonomy knows it. */
export function skillIdFor(value: string): string | null {
  if (getSkill(value)) return value;
  return normalizeSkill(value);
}

/** Skill ids (or stored names) → labels; unknown free text is shown as written. */
export function describeSkills(values: readonly string[]): SkillOption[] {
  return values.map((v) => {
    const id = skillIdFor(v);
    const skill = id ? getSkill(id) : undefined;
    return skill ? { id: skill.id, name: skill.name, nameEn: skill.nameEn } : { id: v, name: v, nameEn: v };
  });
}

/** A military specialty as stored (a taxonomy id or the words typed), with its Chinese and English names. */
export function describeSpecialty(value: string): { zh: string; en: string } {
  const byId = getSpecialty(value);
  if (byId) return { zh: byId.name, en: byId.nameEn };
  const byName = taxonomy.specialties.find((s) => s.name === value || s.synonyms.includes(value));
  return byName ? { zh: value, en: byName.nameEn } : { zh: value, en: value };
}

const occupationEn = new Map<string, string>();
for (const s of taxonomy.specialties) for (const o of s.occupations) occupationEn.set(o.zh, o.en);
/** A desired role stored in Chinese, with its English name when it is one of the taxonomy's occupations. */
export function describeRole(role: string): { zh: string; en: string } {
  return { zh: role, en: occupationEn.get(role) ?? role };
}

export interface SpecialtyHelp {
  suggestions: SpecialtySuggestion[];
  certificateSkills: SkillOption[];
  unrecognizedCertificates: string[];
}

/** Suggestions for the skills translator: specialties for what was typed, and skills implied by certificates. */
export function suggestForProfile(specialty: string, certificates: readonly string[] = []): SpecialtyHelp {
  const suggestions = specialty.trim() ? suggestFromSpecialty(specialty, { limit: 3 }) : [];
  const certs = skillsForCertificates(certificates);
  return { suggestions, certificateSkills: certs.skills, unrecognizedCertificates: certs.unrecognized };
}
