import { describe, expect, it } from "vitest";
import { and, eq, inArray, like } from "drizzle-orm";
import type { AppLoadContext } from "@remix-run/node";
import type { Db } from "../../db/client";
import { createJobPosting, createOrganization, createUser, uniqueSuffix } from "../../db/factories";
import { emailOutbox, savedSearches } from "../../db/schema";
import { loadConfig } from "../../app/env.server";
import { DomainError, ForbiddenError, NotFoundError } from "../../app/models/errors";
import {
  createSavedSearch,
  deleteSavedSearch,
  listSavedSearches,
  setSavedSearchAlerts,
  unsubscribeSavedSearch,
} from "../../app/models/saved-search.server";
import { beijingDay, sendSavedSearchDigests } from "../../app/models/saved-search-digest.server";
import type { SessionUser } from "../../app/models/user.server";
import { action as unsubscribeAction, loader as unsubscribeLoader } from "../../app/routes/saved-searches.unsubscribe";
import { cookies } from "../../app/utils/session.server";
import { renderEmail } from "../../emails/templates";
import { EmbeddedSearchEngine } from "../../search/embedded";
import { ensureIndexes } from "../../search/sync";
import { withRollback } from "../helpers/db";

const DAY = 86_400_000;
const PUBLIC_URL = "https://rongye.example";
const config = loadConfig({ PUBLIC_URL });

const asSession = (u: Awaited<ReturnType<typeof createUser>>): SessionUser => ({
  id: u.id,
  email: u.email,
  role: u.role,
  displayName: u.displayName,
  locale: u.locale,
  emailVerifiedAt: u.emailVerifiedAt,
});

async function engineFor(tx: Db) {
  const engine = new EmbeddedSearchEngine();
  await ensureIndexes(tx, engine);
  return engine;
}

function context(tx: Db, search: EmbeddedSearchEngine): AppLoadContext {
  return { db: tx, search: Object.assign(search, { kind: "embedded" as const }), config, dbKind: "pglite", mailer: undefined as never, cspNonce: "" } as AppLoadContext;
}

async function expectCode(promise: Promise<unknown>, type: typeof DomainError, code: string) {
  await expect(promise).rejects.toSatisfy((e: unknown) => e instanceof type && (e as DomainError).code === code);
}

describe("saved searches", () => {
  it("a veteran saves, lists, toggles and deletes their own searches; others cannot touch them", async () => {
    await withRollback(async (tx) => {
      const vet = asSession(await createUser(tx, { role: "veteran" }));
      const other = asSession(await createUser(tx, { role: "veteran" }));
      const employer = asSession(await createUser(tx, { role: "employer" }));
      const saved = await createSavedSearch(tx, vet, { name: " 苏州司机 ", search: { q: "司机", region: "320500", page: 3 } });
      expect(saved.name).toBe("苏州司机");
      expect(saved.query).toEqual({ q: "司机", region: "320500" });
      expect(saved.alertsEnabled).toBe(true);
      expect(saved.unsubscribeToken.length).toBeGreaterThanOrEqual(30);

      const [listed] = await listSavedSearches(tx, vet);
      expect(listed).toMatchObject({ id: saved.id, name: "苏州司机", href: "/jobs?q=%E5%8F%B8%E6%9C%BA&region=320500", alertsEnabled: true });
      expect(await listSavedSearches(tx, other)).toEqual([]);

      await expectCode(createSavedSearch(tx, employer, { name: "x", search: { page: 1 } }), ForbiddenError, "search:errors.veteransOnly");
      await expectCode(setSavedSearchAlerts(tx, other, saved.id, false), NotFoundError, "errors.notFound");
      await expectCode(deleteSavedSearch(tx, other, saved.id), NotFoundError, "errors.notFound");
      await expectCode(deleteSavedSearch(tx, vet, "not-a-uuid"), NotFoundError, "errors.notFound");

      await setSavedSearchAlerts(tx, vet, saved.id, false);
      expect((await listSavedSearches(tx, vet))[0].alertsEnabled).toBe(false);
      await deleteSavedSearch(tx, vet, saved.id);
      expect(await listSavedSearches(tx, vet)).toEqual([]);
    });
  });

  it("refuses a 21st search and an empty name", async () => {
    await withRollback(async (tx) => {
      const vet = asSession(await createUser(tx, { role: "veteran" }));
      for (let i = 0; i < 20; i++) await createSavedSearch(tx, vet, { name: `搜索 ${i}`, search: { q: `词${i}`, page: 1 } });
      await expectCode(createSavedSearch(tx, vet, { name: "第 21 个", search: { page: 1 } }), DomainError, "search:errors.tooMany");
      const fresh = asSession(await createUser(tx, { role: "veteran" }));
      await expectCode(createSavedSearch(tx, fresh, { name: "   ", search: { page: 1 } }), DomainError, "errors.required");
    });
  });
});

describe("daily digest", () => {
  it("mails new matches once a day, lists at most 10, and moves lastNotifiedAt", async () => {
    await withRollback(async (tx) => {
      const category = `t_${uniqueSuffix()}`;
      const now = new Date();
      const vetUser = await createUser(tx, { role: "veteran", displayName: "陈志强", locale: "zh-CN" });
      const vet = asSession(vetUser);
      const org = await createOrganization(tx, { name: "港城智运", verificationStatus: "verified" });
      const old = await createJobPosting(tx, { organizationId: org.id, category, title: "旧的司机岗位", regionCode: "320582", publishedAt: new Date(now.getTime() - 5 * DAY) });
      const fresh: string[] = [];
      for (let i = 0; i < 12; i++) {
        const job = await createJobPosting(tx, {
          organizationId: org.id,
          category,
          title: `新的司机岗位 ${i}`,
          regionCode: i % 2 ? "320582" : "320508",
          publishedAt: new Date(now.getTime() - DAY + i * 60_000),
        });
        fresh.push(job.id);
      }
      const elsewhere = await createJobPosting(tx, { organizationId: org.id, category, title: "南京的司机岗位", regionCode: "320102", publishedAt: new Date(now.getTime() - DAY) });
      const saved = await createSavedSearch(tx, vet, { name: "苏州司机", search: { q: "司机", region: "320500", category, page: 1 } });
      // saved two days ago: the old job was already there, the 12 fresh ones are new
      await tx.update(savedSearches).set({ createdAt: new Date(now.getTime() - 2 * DAY) }).where(eq(savedSearches.id, saved.id));
      const engine = await engineFor(tx);

      const first = await sendSavedSearchDigests(tx, engine, { now, publicUrl: PUBLIC_URL });
      expect(first.sent).toBeGreaterThanOrEqual(1);
      const key = `digest:${saved.id}:${beijingDay(now)}`;
      const mails = await tx.select().from(emailOutbox).where(eq(emailOutbox.idempotencyKey, key));
      expect(mails).toHaveLength(1);
      const mail = mails[0];
      expect(mail).toMatchObject({ template: "saved_search_digest", toAddress: vetUser.email, locale: "zh-CN", userId: vetUser.id, status: "pending" });
      const props = mail.props as { jobs: { title: string; url: string }[]; totalNew: number; unsubscribeUrl: string; searchUrl: string; searchName: string };
      expect(props.totalNew).toBe(12);
      expect(props.jobs).toHaveLength(10);
      expect(props.jobs[0].title).toBe("新的司机岗位 11"); // newest first
      expect(props.jobs.map((j) => j.title)).not.toContain(old.title);
      expect(props.jobs.map((j) => j.url)).not.toContain(`${PUBLIC_URL}/jobs/${elsewhere.id}`);
      expect(props.jobs.every((j) => fresh.some((id) => j.url === `${PUBLIC_URL}/jobs/${id}`))).toBe(true);
      expect(props.searchUrl).toBe(`${PUBLIC_URL}/jobs?q=%E5%8F%B8%E6%9C%BA&region=320500&category=${category}`);
      expect(props.unsubscribeUrl).toBe(`${PUBLIC_URL}/saved-searches/unsubscribe?token=${encodeURIComponent(saved.unsubscribeToken)}`);
      const [row] = await tx.select().from(savedSearches).where(eq(savedSearches.id, saved.id));
      expect(row.lastNotifiedAt?.getTime()).toBe(now.getTime());

      // the mail renders in both languages with the links
      const zh = await renderEmail("saved_search_digest", props as never, "zh-CN");
      expect(zh.subject).toBe("“苏州司机”有 12 个新岗位");
      expect(zh.text).toContain("新的司机岗位 11");
      expect(zh.text).toContain("另有 2 个岗位未列出");
      expect(zh.text).toContain(props.unsubscribeUrl);
      const en = await renderEmail("saved_search_digest", props as never, "en");
      expect(en.subject).toBe("12 new jobs for “苏州司机”");

      // a second run the same day sends nothing more
      const again = await sendSavedSearchDigests(tx, engine, { now: new Date(now.getTime() + 60_000), publicUrl: PUBLIC_URL });
      expect(again.sent).toBe(0);
      const sameDay = await tx.select().from(emailOutbox).where(like(emailOutbox.idempotencyKey, `digest:${saved.id}:%`));
      expect(sameDay).toHaveLength(1);

      // the next day: nothing new → no mail, lastNotifiedAt stays
      const tomorrow = new Date(now.getTime() + DAY);
      await sendSavedSearchDigests(tx, engine, { now: tomorrow, publicUrl: PUBLIC_URL });
      expect(await tx.select().from(emailOutbox).where(like(emailOutbox.idempotencyKey, `digest:${saved.id}:%`))).toHaveLength(1);

      // a job published after the last mail → tomorrow's digest lists just that one
      const later = await createJobPosting(tx, { organizationId: org.id, category, title: "更新的司机岗位", regionCode: "320582", publishedAt: new Date(now.getTime() + 3_600_000) });
      await ensureIndexes(tx, engine, { rebuild: true });
      await sendSavedSearchDigests(tx, engine, { now: tomorrow, publicUrl: PUBLIC_URL });
      const [next] = await tx.select().from(emailOutbox).where(eq(emailOutbox.idempotencyKey, `digest:${saved.id}:${beijingDay(tomorrow)}`));
      const nextProps = next.props as { jobs: { title: string; url: string }[]; totalNew: number };
      expect(nextProps.totalNew).toBe(1);
      expect(nextProps.jobs.map((j) => j.url)).toEqual([`${PUBLIC_URL}/jobs/${later.id}`]);
    });
  });

  it("skips searches with alerts off and owners without a verified address (and mails the one that qualifies)", async () => {
    await withRollback(async (tx) => {
      const category = `t_${uniqueSuffix()}`;
      const now = new Date();
      const off = asSession(await createUser(tx, { role: "veteran" }));
      const unverified = asSession(await createUser(tx, { role: "veteran", verified: false }));
      await createJobPosting(tx, { category, title: "电工", publishedAt: new Date(now.getTime() - 1000) });
      const a = await createSavedSearch(tx, off, { name: "电工", search: { category, page: 1 } });
      const b = await createSavedSearch(tx, unverified, { name: "电工", search: { category, page: 1 } });
      const on = asSession(await createUser(tx, { role: "veteran" }));
      const c = await createSavedSearch(tx, on, { name: "电工", search: { category, page: 1 } });
      await setSavedSearchAlerts(tx, off, a.id, false);
      await tx.update(savedSearches).set({ createdAt: new Date(now.getTime() - DAY) }).where(inArray(savedSearches.id, [a.id, b.id, c.id]));
      const engine = await engineFor(tx);
      await sendSavedSearchDigests(tx, engine, { now, publicUrl: PUBLIC_URL });
      for (const id of [a.id, b.id]) {
        expect(await tx.select().from(emailOutbox).where(like(emailOutbox.idempotencyKey, `digest:${id}:%`))).toEqual([]);
      }
      expect(await tx.select().from(emailOutbox).where(like(emailOutbox.idempotencyKey, `digest:${c.id}:%`))).toHaveLength(1);
    });
  });
});

describe("unsubscribe by token", () => {
  it("GET only shows the confirmation; POST with the form's CSRF token turns alerts off without signing in", async () => {
    await withRollback(async (tx) => {
      const vet = asSession(await createUser(tx, { role: "veteran" }));
      const saved = await createSavedSearch(tx, vet, { name: "苏州司机", search: { q: "司机", page: 1 } });
      const ctx = context(tx, new EmbeddedSearchEngine());
      const url = `http://x.test/saved-searches/unsubscribe?token=${encodeURIComponent(saved.unsubscribeToken)}`;

      const shown = await ((await unsubscribeLoader({ request: new Request(url), context: ctx, params: {} })) as Response).json();
      expect(shown).toEqual({ token: saved.unsubscribeToken, name: "苏州司机", alertsEnabled: true });
      const [afterGet] = await tx.select().from(savedSearches).where(eq(savedSearches.id, saved.id));
      expect(afterGet.alertsEnabled).toBe(true);

      const bogus = await ((await unsubscribeLoader({ request: new Request(`${url}x`), context: ctx, params: {} })) as Response).json();
      expect(bogus).toEqual({ token: "", name: null, alertsEnabled: false });

      // without the CSRF token the POST is refused
      const noCsrf = new Request(url, { method: "POST", body: new URLSearchParams({ token: saved.unsubscribeToken }) });
      await expect(unsubscribeAction({ request: noCsrf, context: ctx, params: {} })).rejects.toSatisfy((r: unknown) => r instanceof Response && r.status === 403);

      const [csrfToken, csrfCookie] = await cookies(config).csrf.commitToken();
      const post = new Request(url, {
        method: "POST",
        headers: { Cookie: csrfCookie!.split(";")[0] },
        body: new URLSearchParams({ token: saved.unsubscribeToken, csrf: csrfToken }),
      });
      const done = await ((await unsubscribeAction({ request: post, context: ctx, params: {} })) as Response).json();
      expect(done).toEqual({ error: null, done: "苏州司机" });
      const [afterPost] = await tx.select().from(savedSearches).where(and(eq(savedSearches.id, saved.id)));
      expect(afterPost.alertsEnabled).toBe(false);

      // doing it again is harmless; a wrong token is a clear error
      expect(await unsubscribeSavedSearch(tx, saved.unsubscribeToken)).toEqual({ name: "苏州司机" });
      await expectCode(unsubscribeSavedSearch(tx, "no-such-token-0000"), NotFoundError, "search:errors.unsubscribeInvalid");
    });
  });
});
