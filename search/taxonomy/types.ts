// Shapes of the skills taxonomy (skills-taxonomy.json) and of the translator's answers.

export type BranchId =
  | "army"
  | "navy"
  | "air_force"
  | "rocket_force"
  | "aerospace_force"
  | "cyberspace_force"
  | "information_support_force"
  | "joint_logistic_support_force"
  | "armed_police"
  | "strategic_support_force";

export interface Branch {
  id: BranchId;
  name: string;
  nameEn: string;
  /** a structure that no longer exists; records that name it map to `successors` */
  legacy?: boolean;
  successors?: BranchId[];
}

export interface JobCategory {
  id: string;
  name: string;
  nameEn: string;
}

export interface Skill {
  id: string;
  name: string;
  nameEn: string;
  category: string;
  synonyms: { zh: string[]; en: string[] };
  /** The group (小类 code) of the national occupational classification 职业分类大典 the skill belongs to. */
  occupationGroup?: string;
}

export interface Certificate {
  id: string;
  name: string;
  nameEn: string;
  synonyms: string[];
  skills: string[];
  /** lower certificates this one also covers (an A2 licence permits B1, B2, C1, C2 vehicles) */
  includes?: string[];
}

export interface Occupation {
  zh: string;
  en: string;
}

export interface Specialty {
  id: string;
  name: string;
  nameEn: string;
  branches: BranchId[];
  synonyms: string[];
  /** civilian skill ids, the most characteristic first */
  skills: string[];
  occupations: Occupation[];
}

export interface Taxonomy {
  version: string;
  updatedAt?: string;
  branches: Branch[];
  categories: JobCategory[];
  skills: Skill[];
  certificates: Certificate[];
  specialties: Specialty[];
}

export interface SkillRef {
  id: string;
  name: string;
  nameEn: string;
}

export type MatchedBy = "exact" | "synonym" | "contains" | "fuzzy";

export interface SpecialtySuggestion {
  specialtyId: string;
  name: string;
  nameEn: string;
  /** 0..1; 1 is an exact name */
  score: number;
  matchedBy: MatchedBy;
  skills: SkillRef[];
  occupations: Occupation[];
  category: string;
}

export interface CertificateSkills {
  skillIds: string[];
  skills: SkillRef[];
  recognized: { input: string; certificateIds: string[] }[];
  unrecognized: string[];
}
