import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import express from "express";
import { afterAll, describe, expect, it } from "vitest";
import type { Db } from "../../db/client";
import { createJobPosting, createOrganization, uniqueSuffix } from "../../db/factories";
import { loadConfig } from "../../app/env.server";
import { searchJobsPage } from "../../app/models/job-search.server";
import { searchPublicJobs } from "../../app/models/public-jobs-api.server";
import { publicJobsApiHandler } from "../../server/public-jobs-api";
import { EmbeddedSearchEngine } from "../../search/embedded";
import { ensureIndexes } from "../../search/sync";
import { withRollback } from "../helpers/db";

const DAY = 86_400_000;
const PUBLIC_URL = "https://rongye.example";

/** A database that fails the test if anything touches it. */
const noDatabase = new Proxy({} as Db, {
  get(_target, prop) {
    throw new Error(`the API used the database (db.${String(prop)})`);
  },
});

type Services = { db: Db; search: EmbeddedSearchEngine; config: ReturnType<typeof loadConfig> };

// The Express handler server.ts mounts at /api/jobs, on a local port; `trust proxy` as behind one proxy, so each
// request names its client address in X-Forwarded-For.
const servers: Server[] = [];
afterAll(() => Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve)))));
async function serve(services: Services): Promise<string> {
  const app = express();
  app.set("trust proxy", 1);
  app.all("/api/jobs", publicJobsApiHandler(services));
  const server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, "127.0.0.1", () => resolve(s));
  });
  servers.push(server);
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/jobs`;
}

async function setup(tx: Db) {
  const category = `t_${uniqueSuffix()}`;
  const org = await createOrganization(tx, { name: "苏州城配速运", verificationStatus: "verified" });
  const now = Date.now();
  const a2 = await createJobPosting(tx, {
    organizationId: org.id,
    externalId: `ext-${uniqueSuffix()}`,
    title: "集装箱牵引车司机（A2）",
    category,
    regionCode: "320582",
    salaryMin: 8000,
    salaryMax: 12000,
    publishedAt: new Date(now - DAY),
  });
  const partTime = await createJobPosting(tx, {
    organizationId: org.id,
    title: "城市配送司机",
    category,
    regionCode: "320508",
    salaryMin: 3000,
    salaryMax: 4500,
    jobType: "part_time",
    publishedAt: new Date(now - 2 * DAY),
  });
  const nanjing = await createJobPosting(tx, { organizationId: org.id, title: "班车司机", category, regionCode: "320102", publishedAt: new Date(now - 3 * DAY) });
  const pending = await createJobPosting(tx, { organizationId: org.id, title: "待审核司机", category, status: "pending_review" });
  const engine = new EmbeddedSearchEngine();
  await ensureIndexes(tx, engine);
  const context: Services = { db: tx, search: engine, config: loadConfig({ PUBLIC_URL }) };
  const urls = new Map<Services, Promise<string>>();
  const get = async (qs: string, init: RequestInit & { ip?: string; context?: Services } = {}) => {
    const services = init.context ?? context;
    if (!urls.has(services)) urls.set(services, serve(services));
    const headers = new Headers(init.headers);
    headers.set("X-Forwarded-For", init.ip ?? `10.0.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`);
    return fetch(`${await urls.get(services)}${qs}`, { ...init, headers });
  };
  return { category, org, a2, partTime, nanjing, pending, get, context };
}

describe("GET /api/jobs", () => {
  it("returns published jobs in the documented shape, with facets and CORS", async () => {
    await withRollback(async (tx) => {
      const f = await setup(tx);
      const res = await f.get(`?q=${encodeURIComponent("司机")}&category=${f.category}`);
      expect(res.status).toBe(200);
      expect(res.headers.get("Access-Control-Allow-Origin")).toBe("*");
      expect(res.headers.get("Content-Type")).toMatch(/application\/json/);
      const body = await res.json();
      expect(Object.keys(body).sort()).toEqual(["facets", "hits", "hits_per_page", "page", "total"]);
      expect(body.total).toBe(3);
      expect(body.page).toBe(1);
      expect(body.hits.map((h: { id: string }) => h.id)).not.toContain(f.pending.id);
      const a2 = body.hits.find((h: { id: string }) => h.id === f.a2.id);
      expect(a2).toEqual({
        id: f.a2.id,
        external_id: f.a2.externalId,
        title: "集装箱牵引车司机（A2）",
        organization: "苏州城配速运",
        region_code: "320582",
        region_name: "江苏省 苏州市 张家港市",
        salary_min: 8000,
        salary_max: 12000,
        job_type: "full_time",
        published_at: f.a2.publishedAt!.toISOString(),
        url: `${PUBLIC_URL}/jobs/${f.a2.id}`,
      });
      expect(a2.published_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
      expect(body.facets.category).toEqual({ [f.category]: 3 });
      expect(body.facets.job_type).toEqual({ full_time: 2, part_time: 1 });
      expect(body.facets.region_codes).toMatchObject({ "320000": 3, "320500": 2, "320100": 1, "320582": 1 });
    });
  });

  it("filters by region prefix, job type and salary, and pages", async () => {
    await withRollback(async (tx) => {
      const f = await setup(tx);
      const ids = async (qs: string) => ((await (await f.get(qs)).json()).hits as { id: string }[]).map((h) => h.id).sort();
      expect(await ids(`?category=${f.category}&region=3205`)).toEqual([f.a2.id, f.partTime.id].sort());
      expect(await ids(`?category=${f.category}&region=320102`)).toEqual([f.nanjing.id]);
      expect(await ids(`?category=${f.category}&job_type=part_time`)).toEqual([f.partTime.id]);
      expect(await ids(`?category=${f.category}&salary_min=10000`)).toEqual([f.a2.id]);
      // newest first without a query: page 2 of 20 is empty for 3 jobs
      const page2 = await (await f.get(`?category=${f.category}&page=2`)).json();
      expect([page2.total, page2.page, page2.hits.length]).toEqual([3, 2, 0]);
      const page1 = await (await f.get(`?category=${f.category}`)).json();
      expect(page1.hits.map((h: { id: string }) => h.id)).toEqual([f.a2.id, f.partTime.id, f.nanjing.id]);
      // empty values and unknown parameters are ignored
      expect(await ids(`?category=${f.category}&q=&region=&job_type=&salary_min=&page=&utm_source=mail`)).toEqual(
        [f.a2.id, f.partTime.id, f.nanjing.id].sort(),
      );
    });
  });

  it.each([
    ["?page=0", "page"],
    ["?page=501", "page"],
    ["?salary_min=-5", "salary_min"],
    ["?salary_min=1.5", "salary_min"],
    ["?job_type=gig", "job_type"],
    ["?region=1", "region"],
    ["?region=abcdef", "region"],
    [`?q=${"x".repeat(101)}`, "q"],
  ])("refuses %s with 400 and a JSON message naming %s", async (qs, param) => {
    await withRollback(async (tx) => {
      const f = await setup(tx);
      const res = await f.get(qs);
      expect(res.status).toBe(400);
      expect(res.headers.get("Access-Control-Allow-Origin")).toBe("*");
      const body = await res.json();
      expect(body.error).toBe("bad_request");
      expect(body.message).toContain(param);
      expect(body.issues).toEqual([{ param, message: expect.any(String) }]);
    });
  });

  it("answers the CORS preflight and refuses other methods", async () => {
    await withRollback(async (tx) => {
      const f = await setup(tx);
      const preflight = await f.get("", {
        method: "OPTIONS",
        headers: { Origin: "https://partner.example", "Access-Control-Request-Method": "GET" },
      });
      expect(preflight.status).toBe(204);
      expect(preflight.headers.get("Access-Control-Allow-Origin")).toBe("*");
      expect(preflight.headers.get("Access-Control-Allow-Methods")).toContain("GET");
      const post = await f.get("", { method: "POST" });
      expect(post.status).toBe(405);
      expect(post.headers.get("Allow")).toContain("GET");
    });
  });

  it("limits each address to 120 requests a minute, then answers 429 with Retry-After and a JSON message", async () => {
    await withRollback(async (tx) => {
      const f = await setup(tx);
      const ip = `192.0.2.${Math.floor(Math.random() * 250)}`;
      for (let i = 0; i < 120; i++) expect((await f.get(`?category=${f.category}`, { ip })).status).toBe(200);
      const limited = await f.get(`?category=${f.category}`, { ip });
      expect(limited.status).toBe(429);
      const retryAfter = Number(limited.headers.get("Retry-After"));
      expect(retryAfter).toBeGreaterThanOrEqual(1);
      expect(retryAfter).toBeLessThanOrEqual(60);
      expect(limited.headers.get("Access-Control-Allow-Origin")).toBe("*");
      expect(await limited.json()).toEqual({ error: "rate_limited", message: expect.stringContaining("Too many requests") });
      // another address is not affected
      expect((await f.get(`?category=${f.category}`, { ip: "198.51.100.7" })).status).toBe(200);
      // with RATE_LIMIT_DISABLED the same address is served
      const unlimited = { ...f.context, config: loadConfig({ PUBLIC_URL, RATE_LIMIT_DISABLED: "true" }) };
      expect((await f.get(`?category=${f.category}`, { ip, context: unlimited })).status).toBe(200);
    });
  });

  it("answers from the search engine alone: no database round trip per request", async () => {
    await withRollback(async (tx) => {
      const f = await setup(tx);
      const engineOnly = { ...f.context, db: noDatabase };
      const res = await f.get(`?q=${encodeURIComponent("司机")}&category=${f.category}&region=3205`, { context: engineOnly });
      expect(res.status).toBe(200);
      const body = await res.json();
      expect(body.hits.map((h: { id: string }) => h.id).sort()).toEqual([f.a2.id, f.partTime.id].sort());
      expect(body.hits.find((h: { id: string }) => h.id === f.partTime.id).region_name).toBe("江苏省 苏州市 姑苏区");
    });
  });

  it("leaves out postings that have expired since they were indexed; postings without expiry stay", async () => {
    await withRollback(async (tx) => {
      const category = `t_${uniqueSuffix()}`;
      const now = Date.now();
      const soon = await createJobPosting(tx, { category, title: "短期司机", expiresAt: new Date(now + 3_600_000) });
      const later = await createJobPosting(tx, { category, title: "长期司机", expiresAt: new Date(now + 30 * DAY) });
      const never = await createJobPosting(tx, { category, title: "常年司机", expiresAt: null });
      const engine = new EmbeddedSearchEngine();
      await ensureIndexes(tx, engine);
      const search = (at: number) =>
        searchPublicJobs(engine, { category, page: 1 }, { publicUrl: PUBLIC_URL, now: new Date(at) }).then((r) => ({
          ids: r.hits.map((h) => h.id).sort(),
          total: r.total,
        }));
      expect(await search(now)).toEqual({ ids: [soon.id, later.id, never.id].sort(), total: 3 });
      // two hours on: the first has expired though its document is still in the index
      expect(await search(now + 7_200_000)).toEqual({ ids: [later.id, never.id].sort(), total: 2 });
      // exactly at the expiry instant it is no longer live
      expect((await search(soon.expiresAt!.getTime())).ids).not.toContain(soon.id);
      expect(await search(now + 10 * 365 * DAY)).toEqual({ ids: [never.id], total: 1 });
      // the /jobs page filters the same way in the engine: its total and facets leave the expired one out
      const page = await searchJobsPage(tx, engine, { category, page: 1 }, new Date(now + 7_200_000));
      expect(page.total).toBe(2);
      expect(page.hits.map((h) => h.id).sort()).toEqual([later.id, never.id].sort());
    });
  });

  it("names a posting placed in a town from its search document", async () => {
    await withRollback(async (tx) => {
      const category = `t_${uniqueSuffix()}`;
      const job = await createJobPosting(tx, { category, title: "镇上的岗位", regionCode: "320582100" });
      const engine = new EmbeddedSearchEngine();
      await ensureIndexes(tx, engine);
      const r = await searchPublicJobs(engine, { category, page: 1 }, { publicUrl: PUBLIC_URL });
      expect(r.hits.map((h) => h.id)).toEqual([job.id]);
      expect(r.hits[0].region_code).toBe("320582100");
      expect(r.hits[0].region_name).toMatch(/^江苏省 苏州市 张家港市 \S+/);
    });
  });
});
