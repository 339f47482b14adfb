// Real processes on one PostgreSQL database (issue 9): two web servers (server.ts) and a worker (scripts/worker.ts),
// each a `node --import tsx` child. A posting committed once is searchable through both web servers' /api/jobs within
// 2 s; each web server reports its own follow lag on /healthz; the worker sends digests through the batch path; and
// over HTTP: Resend's signed webhook (bounces and complaints suppress, forgeries refused) and the RFC 8058 one-click
// unsubscribe. PGlite is one process by design (ADR 005), so this file runs on PostgreSQL only.
import { createHmac, randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db, type DbHandle } from "../../db/client";
import { createJobPosting, createOrganization, createUser } from "../../db/factories";
import { devMailbox, emailOutbox, emailSuppressions, savedSearches, searchOutbox } from "../../db/schema";
import { enqueueEmail } from "../../emails/outbox";
import { enqueueSearchSync } from "../../search/sync";
import { createServerDatabase, testDbKind } from "../helpers/db";
import { freePort, startWeb, startWorker, type RunningProcess } from "../helpers/processes";

const onPostgres = testDbKind() === "postgres";
const WEBHOOK_SECRET = `whsec_${randomBytes(24).toString("base64")}`;

let handle: DbHandle;
let db: Db;
const webs: (RunningProcess & { url: string })[] = [];
let worker: RunningProcess | undefined;

beforeAll(async () => {
  if (!onPostgres) return;
  const url = await createServerDatabase();
  handle = await createDb({ DATABASE_URL: url, PGLITE_DIR: "memory://", poolMax: 3 });
  db = handle.db;
  const env = { RESEND_WEBHOOK_SECRET: WEBHOOK_SECRET };
  // the first server migrates (already done: a no-op); the second and the worker start beside it
  webs.push(await startWeb("web1", { port: await freePort(), databaseUrl: url, env }));
  const [web2, w] = await Promise.all([startWeb("web2", { port: await freePort(), databaseUrl: url, env }), startWorker({ databaseUrl: url })]);
  webs.push(web2);
  worker = w;
}, 240_000);

afterAll(async () => {
  await Promise.all([...webs, ...(worker ? [worker] : [])].map((p) => p.stop()));
  await handle?.close();
});

const jobIds = async (base: string, q: string): Promise<string[]> => {
  const res = await fetch(`${base}/api/jobs?q=${encodeURIComponent(q)}`);
  expect(res.status).toBe(200);
  return ((await res.json()) as { hits: { id: string }[] }).hits.map((h) => h.id);
};

const until = async <T>(what: string, limitMs: number, probe: () => Promise<T | null | undefined | false>): Promise<T> => {
  const started = Date.now();
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() - started > limitMs) throw new Error(`${what}: not within ${limitMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
};

describe.skipIf(!onPostgres)("two web processes and a worker on one PostgreSQL database", () => {
  it("a posting committed once is searchable through both web servers within 2 s", async () => {
    const title = `无人机飞手${randomBytes(3).toString("hex")}`;
    for (const web of webs) expect(await jobIds(web.url, "无人机飞手")).toEqual([]);
    const jobId = await db.transaction(async (txRaw) => {
      const tx = txRaw as unknown as Db;
      const org = await createOrganization(tx, { verificationStatus: "verified" });
      const job = await createJobPosting(tx, { organizationId: org.id, title });
      await enqueueSearchSync(tx, "jobs", [job.id]);
      return job.id;
    });
    const started = Date.now();
    const seen = await Promise.all(
      webs.map((web) => until(`${web.name} sees the posting`, 2000, async () => (await jobIds(web.url, "无人机飞手")).includes(jobId) && Date.now() - started)),
    );
    for (const ms of seen) expect(ms).toBeLessThan(2000);
    // each web server reports its own lag behind search_changes
    for (const web of webs) {
      const health = (await (await fetch(`${web.url}/healthz`)).json()) as { checks?: Record<string, unknown> } & Record<string, unknown>;
      expect(JSON.stringify(health)).toMatch(/"follow":\{"lagMs":\d+,"cursor":\d+/);
    }
    // the worker drains the search outbox row the same commit wrote
    await until("the worker drains the search outbox row", 10_000, async () => (await db.select().from(searchOutbox).where(eq(searchOutbox.documentId, jobId))).length === 0);
  });

  it("the worker sends digests (batch path) to the dev mailbox and never mails a suppressed address", async () => {
    const key = `processes:digest:${randomBytes(4).toString("hex")}`;
    const suppressedKey = `${key}:suppressed`;
    const props = {
      name: "订阅者",
      searchName: "司机",
      jobs: [{ title: "货车司机", organization: "苏州物流", regionName: "张家港市", salaryMin: 6000, salaryMax: 9000, url: "http://x.example/jobs/1" }],
      totalNew: 1,
      searchUrl: "http://x.example/jobs?q=司机",
      manageUrl: "http://x.example/saved-searches",
      unsubscribeUrl: "http://x.example/saved-searches/unsubscribe?token=t",
    };
    await db.insert(emailSuppressions).values({ address: "bounced-digest@example.com", reason: "bounce" });
    await enqueueEmail(db, { template: "saved_search_digest", to: "digest-worker@example.com", locale: "zh-CN", props, idempotencyKey: key });
    await enqueueEmail(db, { template: "saved_search_digest", to: "bounced-digest@example.com", locale: "zh-CN", props, idempotencyKey: suppressedKey });
    const statusOf = async (k: string) => (await db.select().from(emailOutbox).where(eq(emailOutbox.idempotencyKey, k)))[0];
    const sent = await until("the worker sends the digest", 15_000, async () => {
      const row = await statusOf(key);
      return row?.status === "sent" && row;
    });
    expect(sent.batchKey).toMatch(/^batch:/);
    expect(await db.select({ to: devMailbox.toAddress }).from(devMailbox).where(eq(devMailbox.idempotencyKey, key))).toEqual([{ to: "digest-worker@example.com" }]);
    const refused = await until("the worker refuses the suppressed address", 15_000, async () => {
      const row = await statusOf(suppressedKey);
      return row?.status === "failed" && row;
    });
    expect(refused.lastError).toBe("suppressed: bounce");
  });
});

/** A Resend webhook delivery signed the Svix way with `secret` (or a forgery). */
function signed(body: string, options: { secret?: string; timestamp?: number; id?: string } = {}) {
  const id = options.id ?? `msg_${randomBytes(6).toString("hex")}`;
  const timestamp = String(options.timestamp ?? Math.floor(Date.now() / 1000));
  const key = Buffer.from((options.secret ?? WEBHOOK_SECRET).slice("whsec_".length), "base64");
  const signature = createHmac("sha256", key).update(`${id}.${timestamp}.${body}`).digest("base64");
  return { "content-type": "application/json", "svix-id": id, "svix-timestamp": timestamp, "svix-signature": `v1,${signature}` };
}

describe.skipIf(!onPostgres)("POST /webhooks/resend over HTTP", () => {
  const post = (body: string, headers: Record<string, string>) => fetch(`${webs[0].url}/webhooks/resend`, { method: "POST", body, headers });
  const suppression = async (address: string) => (await db.select().from(emailSuppressions).where(eq(emailSuppressions.address, address)))[0];

  it("a signed hard bounce suppresses the recipient; a complaint too; a transient bounce does not", async () => {
    const tag = randomBytes(3).toString("hex");
    const bounce = JSON.stringify({ type: "email.bounced", created_at: new Date().toISOString(), data: { email_id: "em_1", to: [`Hard-${tag}@Example.com`], bounce: { type: "Permanent", subType: "General", message: "mailbox does not exist" } } });
    const res = await post(bounce, signed(bounce));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, suppressed: 1 });
    expect(await suppression(`hard-${tag}@example.com`)).toMatchObject({ reason: "bounce" });

    const complaint = JSON.stringify({ type: "email.complained", data: { email_id: "em_2", to: [`spam-${tag}@example.com`] } });
    expect((await post(complaint, signed(complaint))).status).toBe(200);
    expect(await suppression(`spam-${tag}@example.com`)).toMatchObject({ reason: "complaint" });

    const soft = JSON.stringify({ type: "email.bounced", data: { email_id: "em_3", to: [`soft-${tag}@example.com`], bounce: { type: "Transient", message: "mailbox full" } } });
    expect(await (await post(soft, signed(soft))).json()).toEqual({ ok: true, suppressed: 0 });
    expect(await suppression(`soft-${tag}@example.com`)).toBeUndefined();
  });

  it("refuses a forged, altered, stale or unsigned delivery and suppresses nothing", async () => {
    const tag = randomBytes(3).toString("hex");
    const body = JSON.stringify({ type: "email.complained", data: { to: [`forged-${tag}@example.com`] } });
    const forged = signed(body, { secret: `whsec_${randomBytes(24).toString("base64")}` });
    expect((await post(body, forged)).status).toBe(400);
    const altered = signed(body);
    expect((await post(body.replace("forged", "altered"), altered)).status).toBe(400);
    expect((await post(body, signed(body, { timestamp: Math.floor(Date.now() / 1000) - 3600 }))).status).toBe(400);
    expect((await post(body, { "content-type": "application/json" })).status).toBe(400);
    expect(await suppression(`forged-${tag}@example.com`)).toBeUndefined();
    expect(await suppression(`altered-${tag}@example.com`)).toBeUndefined();
    expect((await fetch(`${webs[0].url}/webhooks/resend`)).status).toBe(405);
  });
});

describe.skipIf(!onPostgres)("RFC 8058 one-click unsubscribe over HTTP", () => {
  const savedSearch = async () => {
    const user = await createUser(db, { role: "veteran" });
    const token = randomBytes(16).toString("hex");
    const [row] = await db.insert(savedSearches).values({ userId: user.id, name: "司机", query: { q: "司机" }, alertsEnabled: true, unsubscribeToken: token }).returning();
    return { id: row!.id, token };
  };
  const alertsOn = async (id: string) => (await db.select().from(savedSearches).where(eq(savedSearches.id, id)))[0]!.alertsEnabled;
  const oneClick = (token: string, headers: Record<string, string> = {}) =>
    fetch(`${webs[0].url}/saved-searches/unsubscribe/one-click?token=${token}`, {
      method: "POST",
      body: "List-Unsubscribe=One-Click",
      headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
      redirect: "manual",
    });

  it("the mail provider's POST (no cookie, no form token, even from its own origin) turns the alerts off, with no redirect", async () => {
    const { id, token } = await savedSearch();
    const res = await oneClick(token, { origin: "https://mail.google.com" });
    expect(res.status).toBe(200);
    expect(await alertsOn(id)).toBe(false);
    // twice is fine
    expect((await oneClick(token)).status).toBe(200);
  });

  it("a GET (a link scanner prefetching) changes nothing; an unknown token or a POST without the one-click body is refused", async () => {
    const { id, token } = await savedSearch();
    expect((await fetch(`${webs[0].url}/saved-searches/unsubscribe/one-click?token=${token}`, { redirect: "manual" })).status).toBe(405);
    expect(await alertsOn(id)).toBe(true);
    expect((await oneClick("0".repeat(32))).status).toBe(404);
    const wrongBody = await fetch(`${webs[0].url}/saved-searches/unsubscribe/one-click?token=${token}`, {
      method: "POST",
      body: "something=else",
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    expect(wrongBody.status).toBe(400);
    expect(await alertsOn(id)).toBe(true);
  });
});
