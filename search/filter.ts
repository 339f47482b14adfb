// The structured filter shared by both engines: an AND of clauses. Values never travel as filter syntax written
// by callers; the Meilisearch adapter renders them with `toMeiliFilter`, quoting and escaping every string.

export type FilterValue = string | number | boolean;

export type FilterClause =
  | { op: "eq"; field: string; value: FilterValue }
  | { op: "in"; field: string; values: FilterValue[] }
  /** Region code prefix ("32" Jiangsu, "3205" Suzhou, "320582" Zhangjiagang) against an ancestor-codes field. */
  | { op: "prefix"; field: string; value: string }
  | { op: "range"; field: string; gte?: number; lte?: number }
  | { op: "bool"; field: string; value: boolean }
  /** Range overlap: the document's [minField, maxField] meets [gte, lte] (e.g. salary_max >= wanted minimum). */
  | { op: "overlap"; minField: string; maxField: string; gte?: number; lte?: number };

export type SearchFilter = FilterClause[];

const FIELD_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const REGION_CODE = /^\d{2,12}$/;

export class FilterError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "FilterError";
  }
}

/** All ancestor codes of a GB/T 2260 code, itself included: 320582 → 320000, 320500, 320582. */
export function regionAncestors(code: string): string[] {
  if (!REGION_CODE.test(code)) return [];
  const out: string[] = [];
  const province = code.slice(0, 2) + "0000";
  const city = code.slice(0, 4) + "00";
  const county = code.slice(0, 6).padEnd(6, "0");
  for (const c of [province, city, county]) if (!out.includes(c)) out.push(c);
  if (code.length > 6) {
    // towns (9 digits) and villages (12 digits)
    if (code.length >= 9 && !out.includes(code.slice(0, 9))) out.push(code.slice(0, 9));
    if (!out.includes(code)) out.push(code);
  }
  return out;
}

/** A region prefix as the full code stored in ancestor fields: "32" → "320000", "3205" → "320500". */
export function normalizeRegionPrefix(prefix: string): string {
  const p = prefix.trim();
  if (!REGION_CODE.test(p)) throw new FilterError(`invalid region code prefix: ${JSON.stringify(prefix)}`);
  if (p.length <= 6) {
    // trailing zero pairs are the same region: "320500" and "3205" both mean Suzhou
    return p.padEnd(6, "0");
  }
  return p;
}

function checkField(field: string, allowed: ReadonlySet<string> | undefined): void {
  if (!FIELD_NAME.test(field)) throw new FilterError(`invalid field name: ${JSON.stringify(field)}`);
  if (allowed && !allowed.has(field)) throw new FilterError(`field is not filterable: ${field}`);
}

function checkNumber(n: unknown, what: string): asserts n is number {
  if (typeof n !== "number" || !Number.isFinite(n)) throw new FilterError(`${what} must be a finite number`);
}

function checkValue(v: unknown): asserts v is FilterValue {
  if (typeof v === "string" || typeof v === "boolean") return;
  checkNumber(v, "filter value");
}

/** Throws FilterError on a malformed clause or a field outside `filterable`. */
export function validateFilter(filter: SearchFilter | undefined, filterable?: Iterable<string>): void {
  if (filter === undefined) return;
  if (!Array.isArray(filter)) throw new FilterError("filter must be an array of clauses");
  const allowed = filterable ? new Set(filterable) : undefined;
  for (const c of filter) {
    switch (c.op) {
      case "eq":
        checkField(c.field, allowed);
        checkValue(c.value);
        break;
      case "in":
        checkField(c.field, allowed);
        if (!Array.isArray(c.values)) throw new FilterError("in: values must be an array");
        c.values.forEach(checkValue);
        break;
      case "prefix":
        checkField(c.field, allowed);
        normalizeRegionPrefix(c.value);
        break;
      case "range":
        checkField(c.field, allowed);
        if (c.gte === undefined && c.lte === undefined) throw new FilterError("range needs gte or lte");
        if (c.gte !== undefined) checkNumber(c.gte, "gte");
        if (c.lte !== undefined) checkNumber(c.lte, "lte");
        break;
      case "bool":
        checkField(c.field, allowed);
        if (typeof c.value !== "boolean") throw new FilterError("bool: value must be a boolean");
        break;
      case "overlap":
        checkField(c.minField, allowed);
        checkField(c.maxField, allowed);
        if (c.gte === undefined && c.lte === undefined) throw new FilterError("overlap needs gte or lte");
        if (c.gte !== undefined) checkNumber(c.gte, "gte");
        if (c.lte !== undefined) checkNumber(c.lte, "lte");
        break;
      default:
        throw new FilterError(`unknown filter op: ${JSON.stringify((c as { op?: unknown }).op)}`);
    }
  }
}

/** A Meilisearch string literal: double-quoted, with backslashes and double quotes escaped. */
export function meiliString(value: string): string {
  return `"${value.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;
}

function meiliValue(v: FilterValue): string {
  if (typeof v === "string") return meiliString(v);
  if (typeof v === "boolean") return v ? "true" : "false";
  return String(v);
}

/**
 * Renders the structured filter as Meilisearch filter expressions (an array is an AND in Meilisearch). Every
 * string is quoted and escaped, so a value such as `x" OR category = "y` stays one literal. Field names are
 * checked against `filterable` (and a strict identifier pattern) before they are written out.
 */
export function toMeiliFilter(
  filter: SearchFilter | undefined,
  filterable?: Iterable<string>,
  geo?: { lat: number; lng: number; radiusKm?: number },
): string[] {
  validateFilter(filter, filterable);
  const out: string[] = [];
  for (const c of filter ?? []) {
    switch (c.op) {
      case "eq":
        out.push(`${c.field} = ${meiliValue(c.value)}`);
        break;
      case "in":
        // an empty IN matches nothing; Meilisearch rejects `IN []` on older versions, so say it explicitly
        out.push(c.values.length === 0 ? `${c.field} IN []` : `${c.field} IN [${c.values.map(meiliValue).join(", ")}]`);
        break;
      case "prefix":
        out.push(`${c.field} = ${meiliString(normalizeRegionPrefix(c.value))}`);
        break;
      case "bool":
        out.push(`${c.field} = ${c.value ? "true" : "false"}`);
        break;
      case "range":
        if (c.gte !== undefined) out.push(`${c.field} >= ${c.gte}`);
        if (c.lte !== undefined) out.push(`${c.field} <= ${c.lte}`);
        break;
      case "overlap":
        if (c.gte !== undefined) out.push(`${c.maxField} >= ${c.gte}`);
        if (c.lte !== undefined) out.push(`${c.minField} <= ${c.lte}`);
        break;
    }
  }
  if (geo && geo.radiusKm !== undefined) {
    checkNumber(geo.lat, "geo.lat");
    checkNumber(geo.lng, "geo.lng");
    checkNumber(geo.radiusKm, "geo.radiusKm");
    out.push(`_geoRadius(${geo.lat}, ${geo.lng}, ${Math.round(geo.radiusKm * 1000)})`);
  }
  return out;
}

/** Great-circle distance in metres (the formula Meilisearch uses for _geoRadius and _geoPoint sorting). */
export function haversineMeters(lat1: number, lng1: number, lat2: number, lng2: number): number {
  const R = 6_371_000;
  const toRad = Math.PI / 180;
  const dLat = (lat2 - lat1) * toRad;
  const dLng = (lng2 - lng1) * toRad;
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * toRad) * Math.cos(lat2 * toRad) * Math.sin(dLng / 2) ** 2;
  return 2 * R * Math.asin(Math.min(1, Math.sqrt(a)));
}
