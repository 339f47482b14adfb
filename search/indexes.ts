// Index settings as code (one object per index) and the mappers from database rows to search documents.
import { packageSubsidyFen, type SubsidyKind } from "../app/forms/incubator";
import type { IndexDefinition, IndexName } from "./engine";
import { regionAncestors } from "./filter";
import { PINYIN_FIELD } from "./pinyin-field";

/**
 * Fields only the Meilisearch adapter adds to documents (never returned in hits): `_regions` holds the short and
 * full names of every region a document lies in (苏州 苏州市 张家港 张家港市), so place words match without place names
 * in the segmentation dictionary; the level fields hold one region code each, so facets count every province, city
 * and county instead of the first `maxValuesPerFacet` codes in alphabetical order.
 */
export const REGIONS_FIELD = "_regions";
export const REGION_LEVEL_FIELDS = ["_region_province", "_region_city", "_region_county", "_region_town"] as const;
/** Meilisearch finds a synonym only for a query of at most three words (its query n-grams stop there). */
export const MAX_SYNONYM_KEY_WORDS = 3;
/** The page of facet values per field; values come most frequent first. */
export const MEILI_MAX_VALUES_PER_FACET = 1000;

export interface GeoPoint {
  lat: number;
  lng: number;
}

export interface JobDocument {
  id: string;
  external_id: string | null;
  title: string;
  organization: string;
  organization_id: string;
  organization_verified: boolean;
  description: string;
  category: string;
  skills: string[];
  region_code: string;
  /** The code and all its ancestors (320000, 320500, 320582): "all of Suzhou" is `region_codes = 320500`. */
  region_codes: string[];
  /** Full path, e.g. "江苏省 苏州市 张家港市". */
  region_name: string;
  salary_min: number | null;
  salary_max: number | null;
  job_type: string;
  veteran_preferred: boolean;
  /** Epoch milliseconds. */
  published_at: number;
  /**
   * Epoch milliseconds after which the posting is no longer live; `NEVER_EXPIRES` when it has no expiry (a number,
   * not null, so `expires_at >= now` is one range filter on both engines). Searches filter on it so an expired
   * posting drops out at once, before the maintenance loop closes it and the outbox removes it.
   */
  expires_at?: number;
  _geo?: GeoPoint;
  [key: string]: unknown;
}

/** `expires_at` of a posting without an expiry: 9999-12-31T23:59:59Z. */
export const NEVER_EXPIRES = 253_402_300_799_000;

export interface TrainingSlotDocument {
  id: string;
  external_id: string | null;
  title: string;
  organization: string;
  organization_id: string;
  organization_verified: boolean;
  description: string;
  skills: string[];
  region_code: string;
  region_codes: string[];
  region_name: string;
  place: string | null;
  starts_at: number;
  ends_at: number;
  capacity: number;
  seats_left: number;
  fee_fen: number;
  subsidy_fen: number;
  /** Epoch milliseconds; the slot's creation time (it has no separate publication date). */
  published_at: number;
  _geo?: GeoPoint;
  [key: string]: unknown;
}

/**
 * An opted-in veteran as employers may search them. Never contact fields: no phone, email, national id or full
 * name — only the surname's first character.
 */
export interface VeteranProfileDocument {
  id: string;
  surname_initial: string;
  region_code: string | null;
  region_codes: string[];
  region_name: string;
  branch: string | null;
  specialty: string | null;
  rank: string | null;
  years_served: number | null;
  discharge_year: number | null;
  education: string | null;
  certificates: string[];
  skills: string[];
  desired_roles: string[];
  desired_region_codes: string[];
  salary_min: number | null;
  job_types: string[];
  visibility: "verified_employers" | "public";
  /** Epoch milliseconds. */
  updated_at: number;
  [key: string]: unknown;
}

/** A published package of a verified incubator park, as /parks searches it. */
export interface IncubatorPackageDocument {
  id: string;
  title: string;
  kind: string;
  organization: string;
  organization_id: string;
  description: string;
  requirements: string;
  region_code: string;
  region_codes: string[];
  region_name: string;
  capacity: number;
  places_left: number;
  term_months: number;
  price_fen: number;
  /** What a veteran pays for the term after the subsidy. */
  net_price_fen: number;
  subsidy_fen: number;
  has_subsidy: boolean;
  mentoring_hours: number;
  /** Epoch milliseconds. */
  published_at: number;
  [key: string]: unknown;
}

const WORDS_FIRST = ["words", "sort", "typo", "proximity", "attribute", "exactness"];

/** Meilisearch synonyms from equivalence groups: every term finds every other term of its groups. */
export function synonymsFromGroups(groups: string[][]): Record<string, string[]> {
  const out: Record<string, Set<string>> = {};
  for (const group of groups) {
    const terms = [...new Set(group.map((t) => t.trim().toLowerCase()).filter(Boolean))];
    for (const t of terms) {
      const set = (out[t] ??= new Set());
      for (const u of terms) if (u !== t) set.add(u);
    }
  }
  return Object.fromEntries(Object.entries(out).map(([k, v]) => [k, [...v]]));
}

export interface IndexDefinitionOptions {
  /** Extra words for Chinese segmentation, e.g. place names from the regions table. */
  dictionary?: string[];
}

/** One definition per index; synonyms and the segmentation dictionary are filled from the taxonomy's groups. */
export function buildIndexDefinitions(
  synonymGroups: string[][],
  options: IndexDefinitionOptions = {},
): Record<IndexName, IndexDefinition> {
  const synonyms = synonymsFromGroups(synonymGroups);
  const dictionary = [...new Set([...synonymGroups.flat(), ...(options.dictionary ?? [])].map((w) => w.trim()).filter(Boolean))];
  return {
    jobs: {
      name: "jobs",
      primaryKey: "id",
      searchableAttributes: ["title", "skills", "category", "organization", "region_name", "description"],
      filterableAttributes: [
        "category",
        "job_type",
        "region_code",
        "region_codes",
        "salary_min",
        "salary_max",
        "veteran_preferred",
        "organization_verified",
        "organization_id",
        "published_at",
        "expires_at",
        "skills",
        "_geo",
      ],
      sortableAttributes: ["published_at", "salary_min", "salary_max", "_geo"],
      rankingRules: WORDS_FIRST,
      synonyms,
      dictionary,
      sorts: {
        newest: { field: "published_at", direction: "desc" },
        salary_desc: { field: "salary_max", direction: "desc" },
        salary_asc: { field: "salary_min", direction: "asc" },
      },
      geo: true,
      highlightAttributes: ["title", "organization", "skills", "region_name", "description"],
    },
    training_slots: {
      name: "training_slots",
      primaryKey: "id",
      searchableAttributes: ["title", "skills", "organization", "region_name", "place", "description"],
      filterableAttributes: [
        "region_code",
        "region_codes",
        "skills",
        "organization_id",
        "organization_verified",
        "starts_at",
        "ends_at",
        "seats_left",
        "fee_fen",
        "subsidy_fen",
        "published_at",
        "_geo",
      ],
      sortableAttributes: ["published_at", "starts_at", "fee_fen", "_geo"],
      rankingRules: WORDS_FIRST,
      synonyms,
      dictionary,
      sorts: { newest: { field: "published_at", direction: "desc" } },
      geo: true,
      highlightAttributes: ["title", "organization", "skills", "region_name", "description"],
    },
    veteran_profiles: {
      name: "veteran_profiles",
      primaryKey: "id",
      searchableAttributes: ["skills", "desired_roles", "specialty", "certificates", "branch", "region_name", "education"],
      filterableAttributes: [
        "region_code",
        "region_codes",
        "desired_region_codes",
        "skills",
        "branch",
        "job_types",
        "salary_min",
        "discharge_year",
        "years_served",
        "visibility",
        "updated_at",
      ],
      sortableAttributes: ["updated_at", "salary_min", "discharge_year"],
      rankingRules: WORDS_FIRST,
      synonyms,
      dictionary,
      sorts: {
        newest: { field: "updated_at", direction: "desc" },
        salary_asc: { field: "salary_min", direction: "asc" },
        salary_desc: { field: "salary_min", direction: "desc" },
      },
      geo: false,
      highlightAttributes: ["skills", "desired_roles", "specialty", "certificates"],
    },
    incubator_packages: {
      name: "incubator_packages",
      primaryKey: "id",
      searchableAttributes: ["title", "organization", "region_name", "kind", "description", "requirements"],
      filterableAttributes: [
        "kind",
        "region_code",
        "region_codes",
        "organization_id",
        "price_fen",
        "net_price_fen",
        "has_subsidy",
        "places_left",
        "published_at",
      ],
      sortableAttributes: ["published_at", "net_price_fen"],
      rankingRules: WORDS_FIRST,
      synonyms,
      dictionary,
      sorts: {
        newest: { field: "published_at", direction: "desc" },
        salary_asc: { field: "net_price_fen", direction: "asc" },
      },
      geo: false,
      highlightAttributes: ["title", "organization", "region_name", "description"],
    },
  };
}

const HAN_CHAR = /[\u3400-\u9fff]/;
const wordSegmenter = new Intl.Segmenter("zh", { granularity: "word" });

/** Words in a synonym key as a tokenizer counts them (Latin words, Chinese words). */
export function synonymKeyWords(key: string): number {
  let n = 0;
  for (const s of wordSegmenter.segment(key)) if (s.isWordLike) n++;
  return n;
}

/**
 * The segmentation dictionary for Meilisearch. charabia keeps every dictionary word whole (leftmost-longest), so a
 * compound such as 货车司机 would hide 司机 from queries. Only taxonomy terms (synonym keys) with Chinese characters
 * that contain no other query-able term go in: domain words the Chinese segmenter would cut apart (运维, 数控), never
 * compounds (jieba already splits those into their parts) and never place names (they live in `_regions`).
 */
export function meiliDictionary(def: IndexDefinition): string[] {
  const terms = Object.keys(def.synonyms).filter((t) => HAN_CHAR.test(t));
  const queryable = new Set([...terms, ...def.dictionary.map((w) => w.trim().toLowerCase())].filter((t) => t.length >= 2));
  const swallows = (word: string) => {
    for (let len = 2; len < word.length; len++) {
      for (let i = 0; i + len <= word.length; i++) if (queryable.has(word.slice(i, i + len))) return true;
    }
    return false;
  };
  return terms.filter((word) => !swallows(word));
}

/** Synonyms Meilisearch can use: keys of at most three words. */
export function meiliSynonyms(def: IndexDefinition): Record<string, string[]> {
  return Object.fromEntries(Object.entries(def.synonyms).filter(([key]) => synonymKeyWords(key) <= MAX_SYNONYM_KEY_WORDS));
}

/** The Meilisearch part of a definition, ready for updateSettings. */
export function meiliSettings(def: IndexDefinition) {
  const regionLevels = def.filterableAttributes.includes("region_codes") ? [...REGION_LEVEL_FIELDS] : [];
  return {
    // Last: a pinyin match ranks below a match in the Chinese text itself (see search/pinyin-field.ts).
    searchableAttributes: [...def.searchableAttributes, REGIONS_FIELD, PINYIN_FIELD],
    filterableAttributes: [...def.filterableAttributes, ...regionLevels],
    sortableAttributes: def.sortableAttributes,
    rankingRules: def.rankingRules,
    synonyms: meiliSynonyms(def),
    dictionary: meiliDictionary(def),
    // Han text is Chinese here: without this, short fields can be detected as Japanese and segmented as such
    localizedAttributes: [{ attributePatterns: ["*"], locales: ["cmn", "eng"] }],
    // pinyin must match exactly: one typo turns nanjing into nanning
    typoTolerance: { enabled: true, minWordSizeForTypos: { oneTypo: 5, twoTypos: 9 }, disableOnAttributes: [PINYIN_FIELD] },
    pagination: { maxTotalHits: 10_000 },
    faceting: { maxValuesPerFacet: MEILI_MAX_VALUES_PER_FACET, sortFacetValuesBy: { "*": "count" as const } },
  };
}

// ---------------------------------------------------------------- row → document mappers

function epochMs(d: Date | string | number | null | undefined, fallback = 0): number {
  if (d === null || d === undefined) return fallback;
  const t = d instanceof Date ? d.getTime() : typeof d === "number" ? d : Date.parse(d);
  return Number.isFinite(t) ? t : fallback;
}

function geoPoint(lat: string | number | null | undefined, lng: string | number | null | undefined): GeoPoint | undefined {
  if (lat === null || lat === undefined || lng === null || lng === undefined || lat === "" || lng === "") return undefined;
  const la = Number(lat);
  const ln = Number(lng);
  if (!Number.isFinite(la) || !Number.isFinite(ln) || Math.abs(la) > 90 || Math.abs(ln) > 180) return undefined;
  return { lat: la, lng: ln };
}

export interface OrganizationContext {
  organizationName: string;
  organizationVerified: boolean;
  /** Full region path, e.g. "江苏省 苏州市 张家港市". */
  regionName: string;
}

export interface JobRow {
  id: string;
  organizationId: string;
  externalId: string | null;
  title: string;
  description: string;
  category: string;
  skills: string[];
  regionCode: string;
  lat: string | null;
  lng: string | null;
  salaryMin: number | null;
  salaryMax: number | null;
  jobType: string;
  veteranPreferred: boolean;
  publishedAt: Date | string | null;
  createdAt?: Date | string | null;
  /** Null or absent: never expires. */
  expiresAt?: Date | string | null;
}

export function toJobDocument(row: JobRow, ctx: OrganizationContext): JobDocument {
  const doc: JobDocument = {
    id: row.id,
    external_id: row.externalId,
    title: row.title,
    organization: ctx.organizationName,
    organization_id: row.organizationId,
    organization_verified: ctx.organizationVerified,
    description: row.description,
    category: row.category,
    skills: [...row.skills],
    region_code: row.regionCode,
    region_codes: regionAncestors(row.regionCode),
    region_name: ctx.regionName,
    salary_min: row.salaryMin,
    salary_max: row.salaryMax,
    job_type: row.jobType,
    veteran_preferred: row.veteranPreferred,
    published_at: epochMs(row.publishedAt, epochMs(row.createdAt)),
    expires_at: epochMs(row.expiresAt, NEVER_EXPIRES),
  };
  const g = geoPoint(row.lat, row.lng);
  if (g) doc._geo = g;
  return doc;
}

export interface TrainingSlotRow {
  id: string;
  organizationId: string;
  externalId: string | null;
  title: string;
  description: string;
  skills: string[];
  regionCode: string;
  place: string | null;
  startsAt: Date | string;
  endsAt: Date | string;
  capacity: number;
  seatsTaken: number;
  feeFen: number;
  subsidyFen: number;
  createdAt: Date | string | null;
}

export function toTrainingSlotDocument(
  row: TrainingSlotRow,
  ctx: OrganizationContext & { geo?: GeoPoint },
): TrainingSlotDocument {
  const doc: TrainingSlotDocument = {
    id: row.id,
    external_id: row.externalId,
    title: row.title,
    organization: ctx.organizationName,
    organization_id: row.organizationId,
    organization_verified: ctx.organizationVerified,
    description: row.description,
    skills: [...row.skills],
    region_code: row.regionCode,
    region_codes: regionAncestors(row.regionCode),
    region_name: ctx.regionName,
    place: row.place,
    starts_at: epochMs(row.startsAt),
    ends_at: epochMs(row.endsAt),
    capacity: row.capacity,
    seats_left: Math.max(0, row.capacity - row.seatsTaken),
    fee_fen: row.feeFen,
    subsidy_fen: row.subsidyFen,
    published_at: epochMs(row.createdAt),
  };
  if (ctx.geo) doc._geo = ctx.geo;
  return doc;
}

export interface VeteranProfileRow {
  id: string;
  fullName: string;
  regionCode: string | null;
  branch: string | null;
  specialty: string | null;
  rank: string | null;
  yearsServed: number | null;
  dischargeYear: number | null;
  education: string | null;
  certificates: string[];
  skills: string[];
  desiredRoles: string[];
  desiredRegionCodes: string[];
  salaryMin: number | null;
  jobTypes: string[];
  visibility: string;
  consentAt: Date | string | null;
  updatedAt: Date | string | null;
  // contact fields may be present on the row; the mapper never copies them
  phone?: string | null;
  contactEmail?: string | null;
  nationalIdEncrypted?: string | null;
}

/**
 * The searchable view of a profile, or null when its owner has not opted in (visibility hidden or no consent):
 * the caller then removes the id from the index.
 */
export function toVeteranProfileDocument(row: VeteranProfileRow, ctx: { regionName: string }): VeteranProfileDocument | null {
  if (row.visibility !== "public" && row.visibility !== "verified_employers") return null;
  if (!row.consentAt) return null;
  const surname = [...row.fullName.trim()][0] ?? "";
  return {
    id: row.id,
    surname_initial: /[a-z]/i.test(surname) ? surname.toUpperCase() : surname,
    region_code: row.regionCode,
    region_codes: row.regionCode ? regionAncestors(row.regionCode) : [],
    region_name: ctx.regionName,
    branch: row.branch,
    specialty: row.specialty,
    rank: row.rank,
    years_served: row.yearsServed,
    discharge_year: row.dischargeYear,
    education: row.education,
    certificates: [...row.certificates],
    skills: [...row.skills],
    desired_roles: [...row.desiredRoles],
    desired_region_codes: [...new Set(row.desiredRegionCodes.flatMap(regionAncestors))],
    salary_min: row.salaryMin,
    job_types: [...row.jobTypes],
    visibility: row.visibility,
    updated_at: epochMs(row.updatedAt),
  };
}

export interface IncubatorPackageRow {
  id: string;
  organizationId: string;
  kind: string;
  title: string;
  description: string;
  requirements: string;
  regionCode: string;
  capacity: number;
  placesTaken: number;
  termMonths: number;
  priceFen: number;
  subsidyKind: SubsidyKind;
  subsidyValue: number;
  mentoringHours: number;
  createdAt: Date | string | null;
}

export function toIncubatorPackageDocument(
  row: IncubatorPackageRow,
  ctx: { organizationName: string; regionName: string },
): IncubatorPackageDocument {
  const subsidy = packageSubsidyFen(row.priceFen, row.subsidyKind, row.subsidyValue);
  return {
    id: row.id,
    title: row.title,
    kind: row.kind,
    organization: ctx.organizationName,
    organization_id: row.organizationId,
    description: row.description,
    requirements: row.requirements,
    region_code: row.regionCode,
    region_codes: regionAncestors(row.regionCode),
    region_name: ctx.regionName,
    capacity: row.capacity,
    places_left: Math.max(0, row.capacity - row.placesTaken),
    term_months: row.termMonths,
    price_fen: row.priceFen,
    net_price_fen: row.priceFen - subsidy,
    subsidy_fen: subsidy,
    has_subsidy: subsidy > 0,
    mentoring_hours: row.mentoringHours,
    published_at: epochMs(row.createdAt),
  };
}
