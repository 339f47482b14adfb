import { describe, expect, it } from "vitest";
import { FilterError, meiliString, normalizeRegionPrefix, regionAncestors, toMeiliFilter, validateFilter } from "../../search/filter";
import { meiliSort } from "../../search/meilisearch";
import { buildIndexDefinitions } from "../../search/indexes";

const jobs = buildIndexDefinitions([]).jobs;
const filterable = jobs.filterableAttributes;

describe("toMeiliFilter", () => {
  it("renders each clause kind as a Meilisearch expression (array = AND)", () => {
    expect(
      toMeiliFilter(
        [
          { op: "eq", field: "category", value: "交通运输" },
          { op: "in", field: "job_type", values: ["full_time", "part_time"] },
          { op: "prefix", field: "region_codes", value: "3205" },
          { op: "range", field: "published_at", gte: 1000, lte: 2000 },
          { op: "bool", field: "veteran_preferred", value: true },
          { op: "overlap", minField: "salary_min", maxField: "salary_max", gte: 8000 },
          { op: "eq", field: "salary_min", value: 5000 },
        ],
        filterable,
      ),
    ).toEqual([
      'category = "交通运输"',
      'job_type IN ["full_time", "part_time"]',
      'region_codes = "320500"',
      "published_at >= 1000",
      "published_at <= 2000",
      "veteran_preferred = true",
      "salary_max >= 8000",
      "salary_min = 5000",
    ]);
  });

  it("escapes quotes and backslashes so injected syntax stays inside one string", () => {
    const [expr] = toMeiliFilter([{ op: "eq", field: "category", value: '安保" OR category = "x' }], filterable);
    expect(expr).toBe('category = "安保\\" OR category = \\"x"');
    expect(meiliString("a\\")).toBe('"a\\\\"');
    expect(meiliString('a\\" OR 1')).toBe('"a\\\\\\" OR 1"');
    // the rendered literal decodes back to exactly the input
    const decode = (lit: string) => lit.slice(1, -1).replace(/\\(.)/g, "$1");
    for (const v of ['x"', "x\\", '\\"', "司机 OR 保安", "'single'", 'a\\\\"b']) expect(decode(meiliString(v))).toBe(v);
  });

  it("refuses unknown ops, odd field names, fields that are not filterable and non-finite numbers", () => {
    expect(() => toMeiliFilter([{ op: "eq", field: "category = 1 OR x", value: "a" }], filterable)).toThrow(FilterError);
    expect(() => toMeiliFilter([{ op: "eq", field: "description", value: "a" }], filterable)).toThrow(/not filterable/);
    expect(() => toMeiliFilter([{ op: "range", field: "salary_min", gte: Number.NaN }], filterable)).toThrow(FilterError);
    expect(() => toMeiliFilter([{ op: "range", field: "salary_min" }], filterable)).toThrow(/gte or lte/);
    expect(() => validateFilter([{ op: "drop" } as never])).toThrow(/unknown filter op/);
    expect(() => toMeiliFilter([{ op: "prefix", field: "region_codes", value: '32" OR 1' }], filterable)).toThrow(/region/);
  });

  it("adds a geo radius in metres", () => {
    expect(toMeiliFilter([], filterable, { lat: 31.5, lng: 120.25, radiusKm: 2.5 })).toEqual(["_geoRadius(31.5, 120.25, 2500)"]);
    expect(toMeiliFilter(undefined, filterable, { lat: 31.5, lng: 120.25 })).toEqual([]);
  });
});

describe("region codes", () => {
  it("lists ancestors and normalizes prefixes", () => {
    expect(regionAncestors("320582")).toEqual(["320000", "320500", "320582"]);
    expect(regionAncestors("320000")).toEqual(["320000"]);
    expect(regionAncestors("320582101")).toEqual(["320000", "320500", "320582", "320582101"]);
    expect(regionAncestors("abc")).toEqual([]);
    expect(normalizeRegionPrefix("32")).toBe("320000");
    expect(normalizeRegionPrefix("3205")).toBe("320500");
    expect(normalizeRegionPrefix("320582")).toBe("320582");
  });
});

describe("meiliSort", () => {
  it("maps named sorts to index fields and distance to _geoPoint", () => {
    expect(meiliSort({ sort: "newest" }, jobs)).toEqual(["published_at:desc"]);
    expect(meiliSort({ sort: "salary_desc" }, jobs)).toEqual(["salary_max:desc"]);
    expect(meiliSort({ sort: "salary_asc" }, jobs)).toEqual(["salary_min:asc"]);
    expect(meiliSort({ sort: "distance", geo: { lat: 31.8, lng: 120.5 } }, jobs)).toEqual(["_geoPoint(31.8, 120.5):asc"]);
    expect(meiliSort({}, jobs)).toBeUndefined();
    expect(() => meiliSort({ sort: "distance" }, jobs)).toThrow();
    const profiles = buildIndexDefinitions([]).veteran_profiles;
    expect(() => meiliSort({ sort: "distance", geo: { lat: 1, lng: 1 } }, profiles)).toThrow();
  });
});
