import { describe, expect, it } from "vitest";
import {
  activeJobFilters,
  fromSavedQuery,
  jobSearchHref,
  jobSearchToParams,
  jobSearchToQuery,
  parseJobSearch,
  parseJobSearchLenient,
  parseTrainingSearchLenient,
  saveSearchFormSchema,
  toSavedQuery,
  trainingSearchToQuery,
} from "../../search/query-params";
import { toMeiliFilter } from "../../search/filter";

const url = (qs: string) => new URL(`http://x.test/jobs?${qs}`).searchParams;

describe("job search parameters", () => {
  it("parses every parameter into the search state and ignores unknown ones", () => {
    const r = parseJobSearch(url("q=%20司机%20%20A2%20&region=3205&category=driving_logistics&job_type=full_time&salary_min=5000&veteran=1&sort=salary&page=3&utm_source=x"));
    expect(r).toEqual({
      ok: true,
      value: {
        q: "司机 A2",
        region: "320500",
        category: "driving_logistics",
        jobType: "full_time",
        salaryMin: 5000,
        veteran: true,
        sort: "salary",
        page: 3,
      },
    });
  });

  it("treats empty parameters as absent and defaults the page to 1", () => {
    expect(parseJobSearch(url("q=&region=&category=&job_type=&salary_min=&page="))).toEqual({ ok: true, value: { page: 1 } });
  });

  it.each([
    ["page=0", "page"],
    ["page=501", "page"],
    ["page=2.5", "page"],
    ["page=abc", "page"],
    ["salary_min=-1", "salary_min"],
    ["salary_min=3000.5", "salary_min"],
    ["job_type=forever", "job_type"],
    ["region=3", "region"],
    ["region=3205821234", "region"],
    ["region=32a5", "region"],
    [`q=${"长".repeat(101)}`, "q"],
    ["sort=random", "sort"],
    ["category=Driving%20Logistics", "category"],
  ])("refuses %s with a message naming %s", (qs, param) => {
    const r = parseJobSearch(url(qs));
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.issues.map((i) => i.param)).toEqual([param]);
      expect(r.issues[0].message).toContain(param);
    }
  });

  it("accepts the edges: page 1 and 500, salary 0, a 100-character query, a 9-digit town code", () => {
    for (const qs of ["page=1", "page=500", "salary_min=0", `q=${"长".repeat(100)}`, "region=320582100"]) {
      expect(parseJobSearch(url(qs)).ok, qs).toBe(true);
    }
  });

  it("reports every bad parameter at once", () => {
    const r = parseJobSearch(url("page=0&job_type=x&salary_min=abc"));
    expect(r.ok ? [] : r.issues.map((i) => i.param).sort()).toEqual(["job_type", "page", "salary_min"]);
  });

  it("lenient parsing drops bad values and keeps the good ones", () => {
    const { value, dropped } = parseJobSearchLenient(url("q=电工&page=9999&job_type=x&region=320582"));
    expect(value).toEqual({ q: "电工", region: "320582", page: 1 });
    expect(dropped.map((d) => d.param).sort()).toEqual(["job_type", "page"]);
  });

  it("writes canonical parameters (fixed order, defaults left out) that parse back to the same state", () => {
    const state = { q: "保安", region: "320500", jobType: "part_time" as const, salaryMin: 8000, veteran: true, page: 2 };
    const params = jobSearchToParams(state);
    expect(params.toString()).toBe("q=%E4%BF%9D%E5%AE%89&region=320500&job_type=part_time&salary_min=8000&veteran=1&page=2");
    expect(parseJobSearch(params)).toEqual({ ok: true, value: state });
    expect(jobSearchToParams({ page: 1 }).toString()).toBe("");
  });

  it("builds links that change one thing and go back to page 1", () => {
    const base = { q: "司机", region: "320500", page: 4 };
    expect(jobSearchHref(base, { region: "320582" })).toBe("/jobs?q=%E5%8F%B8%E6%9C%BA&region=320582");
    expect(jobSearchHref(base, { region: undefined })).toBe("/jobs?q=%E5%8F%B8%E6%9C%BA");
    expect(jobSearchHref({ page: 1 })).toBe("/jobs");
    expect(jobSearchHref(base, { page: 5 })).toContain("page=5");
  });

  it("lists the active filters only", () => {
    expect(activeJobFilters({ q: "x", region: "320500", salaryMin: 3000, sort: "newest", page: 2 })).toEqual(["region", "salaryMin"]);
  });
});

describe("search state to engine query", () => {
  it("turns filters into structured clauses: region by ancestor code, salary band by overlap", () => {
    const query = jobSearchToQuery(
      { q: "司机", region: "320500", category: "driving_logistics", jobType: "full_time", salaryMin: 5000, veteran: true, page: 2 },
      { facets: ["region_codes"], highlight: true },
    );
    expect(query).toEqual({
      q: "司机",
      filter: [
        { op: "prefix", field: "region_codes", value: "320500" },
        { op: "eq", field: "category", value: "driving_logistics" },
        { op: "eq", field: "job_type", value: "full_time" },
        { op: "overlap", minField: "salary_min", maxField: "salary_max", gte: 5000 },
        { op: "bool", field: "veteran_preferred", value: true },
      ],
      sort: "relevance",
      facets: ["region_codes"],
      page: 2,
      hitsPerPage: 20,
      highlight: true,
    });
    // the same clauses as Meilisearch sees them
    expect(toMeiliFilter(query.filter)).toEqual([
      'region_codes = "320500"',
      'category = "driving_logistics"',
      'job_type = "full_time"',
      "salary_max >= 5000",
      "veteran_preferred = true",
    ]);
  });

  it("sorts by relevance with a query, newest without one, and maps the salary sort", () => {
    expect(jobSearchToQuery({ q: "电工", page: 1 }).sort).toBe("relevance");
    expect(jobSearchToQuery({ page: 1 }).sort).toBe("newest");
    expect(jobSearchToQuery({ page: 1, sort: "salary" }).sort).toBe("salary_desc");
    expect(jobSearchToQuery({ q: "电工", page: 1, sort: "newest" }).sort).toBe("newest");
  });

  it("training: region and seats-left filters", () => {
    const { value } = parseTrainingSearchLenient(url("q=叉车&region=32&seats=1&sort=newest&page=2"));
    expect(value).toEqual({ q: "叉车", region: "320000", seats: true, sort: "newest", page: 2 });
    expect(trainingSearchToQuery(value).filter).toEqual([
      { op: "prefix", field: "region_codes", value: "320000" },
      { op: "range", field: "seats_left", gte: 1 },
    ]);
  });
});

describe("saved queries", () => {
  it("store canonical parameters without the page and come back as page 1", () => {
    const saved = toSavedQuery({ q: "司机", region: "320500", page: 7 });
    expect(saved).toEqual({ q: "司机", region: "320500" });
    expect(fromSavedQuery(saved)).toEqual({ q: "司机", region: "320500", page: 1 });
  });

  it("drop stored values that no longer parse and survive garbage", () => {
    expect(fromSavedQuery({ q: "电工", job_type: "retired_type" })).toEqual({ q: "电工", page: 1 });
    expect(fromSavedQuery(null)).toEqual({ page: 1 });
    expect(fromSavedQuery(["q"])).toEqual({ page: 1 });
  });

  it("the save form needs a name of at most 60 characters", () => {
    expect(saveSearchFormSchema.safeParse({ name: "  ", query: "" }).success).toBe(false);
    expect(saveSearchFormSchema.safeParse({ name: "x".repeat(61), query: "" }).success).toBe(false);
    expect(saveSearchFormSchema.parse({ name: " 苏州司机 ", query: "q=司机" })).toEqual({ name: "苏州司机", query: "q=司机" });
  });
});
