import { existsSync } from "node:fs";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { asc, eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { createJobPosting, createOrganization, createUser, createVeteranProfile } from "../../db/factories";
import { applicationEvents, applications, auditLog, emailOutbox, jobPostings, memberships } from "../../db/schema";
import {
  applyToJob,
  getApplyContext,
  getMyApplication,
  isUniqueViolation,
  listCvFiles,
  listMyApplications,
  removeCvFiles,
  withdrawApplication,
} from "../../app/models/application.server";
import { flagUnansweredApplications, getEmployerResponseStats } from "../../app/models/application-stats.server";
import {
  getApplicationForEmployer,
  getCvForDownload,
  listJobApplications,
  moveApplication,
} from "../../app/models/application-employer.server";
import { DomainError, ForbiddenError, NotFoundError } from "../../app/models/errors";
import { withIsolatedDb, withRollback } from "../helpers/db";
import { makeDocx, makePdf, makeZip } from "../helpers/application-files";

const URL_BASE = "http://rongye.test";
const DAY = 86_400_000;
let storageDir: string;
beforeAll(async () => {
  storageDir = await mkdtemp(path.join(os.tmpdir(), "rongye-cv-"));
});
afterAll(async () => {
  await rm(storageDir, { recursive: true, force: true });
});
const opts = (now?: Date) => ({ publicUrl: URL_BASE, storageDir, now });

async function expectDomainError(promise: Promise<unknown>, code: string) {
  await expect(promise).rejects.toSatisfy((e: unknown) => e instanceof DomainError && e.code === code);
}
async function expectNotFound(promise: Promise<unknown>) {
  await expect(promise).rejects.toBeInstanceOf(NotFoundError);
}

/** An employer organisation with one member and a published job; a veteran (English mail) with a profile. */
async function world(tx: Db) {
  const employer = await createUser(tx, { role: "employer", displayName: "王芳", locale: "zh-CN" });
  const colleague = await createUser(tx, { role: "employer", displayName: "李强", locale: "en" });
  const org = await createOrganization(tx, { ownerUserId: employer.id, verificationStatus: "verified", name: "港城物流" });
  await createOrganization(tx, {}); // an unrelated organisation
  await tx.insert(memberships).values({ userId: colleague.id, organizationId: org.id, role: "member" });
  const job = await createJobPosting(tx, { organizationId: org.id, title: "集装箱牵引车司机" });
  const veteran = await createUser(tx, { role: "veteran", displayName: "Chen", locale: "en" });
  const profile = await createVeteranProfile(tx, { userId: veteran.id, fullName: "陈志强" });
  return { employer, colleague, org, job, veteran, profile };
}

describe("applying", () => {
  it("stores the application, its first event, the CV outside public/ and mails every member of the employer", async () => {
    await withRollback(async (tx) => {
      const w = await world(tx);
      const now = new Date("2026-05-01T02:00:00Z");
      const { id } = await applyToJob(
        tx,
        w.veteran,
        { jobPostingId: w.job.id, coverNote: "五年汽车驾驶员，持 A2 驾照。", cv: { filename: "../../etc/陈志强 简历.docx", bytes: makePdf() } },
        opts(now),
      );
      const [app] = await tx.select().from(applications).where(eq(applications.id, id));
      expect(app).toMatchObject({ status: "applied", veteranProfileId: w.profile.id, cvMime: "application/pdf", cvFilename: "陈志强 简历.pdf" });
      expect(app!.createdAt.toISOString()).toBe(now.toISOString());
      // A PDF called .docx is stored and served as the PDF it is, under a random name in the storage folder.
      expect(app!.cvPath).toMatch(/^[a-f0-9]{32}\.pdf$/);
      const stored = path.join(storageDir, app!.cvPath!);
      expect(existsSync(stored)).toBe(true);
      expect(new Uint8Array(await readFile(stored))).toEqual(makePdf());
      expect(path.relative(path.join(process.cwd(), "public"), stored).startsWith("..")).toBe(true);

      const events = await tx.select().from(applicationEvents).where(eq(applicationEvents.applicationId, id));
      expect(events.map((e) => [e.status, e.actorUserId])).toEqual([["applied", w.veteran.id]]);

      const mails = await tx.select().from(emailOutbox).where(eq(emailOutbox.template, "application_received"));
      const mine = mails.filter((m) => (m.props as { applicationUrl: string }).applicationUrl.endsWith(id));
      expect(mine.map((m) => [m.toAddress, m.locale]).sort()).toEqual(
        [
          [w.employer.email, "zh-CN"],
          [w.colleague.email, "en"],
        ].sort(),
      );
      expect(mine[0]!.props).toMatchObject({ jobTitle: "集装箱牵引车司机", applicantName: "陈志强" });

      expect((await listMyApplications(tx, w.veteran)).map((a) => a.id)).toEqual([id]);
      expect((await getApplyContext(tx, w.veteran, w.job.id)).activeApplicationId).toBe(id);
    });
  });

  it("accepts a real DOCX and no CV at all; refuses a zip that is not a Word document and other content", async () => {
    await withRollback(async (tx) => {
      const w = await world(tx);
      const { id } = await applyToJob(tx, w.veteran, { jobPostingId: w.job.id, coverNote: "附 Word 简历", cv: { filename: "cv.docx", bytes: makeDocx() } }, opts());
      const [row] = await tx.select().from(applications).where(eq(applications.id, id));
      expect(row!.cvMime).toBe("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
      expect(row!.cvPath).toMatch(/\.docx$/);

      const job2 = await createJobPosting(tx, { organizationId: w.org.id });
      const before = await readdir(storageDir);
      await expectDomainError(
        applyToJob(tx, w.veteran, { jobPostingId: job2.id, coverNote: "表格不是简历", cv: { filename: "cv.docx", bytes: makeZip({ "xl/workbook.xml": "<w/>" }) } }, opts()),
        "applications:errors.cvType",
      );
      await expectDomainError(
        applyToJob(tx, w.veteran, { jobPostingId: job2.id, coverNote: "网页不是简历", cv: { filename: "cv.pdf", bytes: new TextEncoder().encode("<html>") } }, opts()),
        "applications:errors.cvType",
      );
      await expectDomainError(
        applyToJob(
          tx,
          w.veteran,
          { jobPostingId: job2.id, coverNote: "太大了", cv: { filename: "cv.pdf", bytes: makePdf(5 * 1024 * 1024) } },
          opts(),
        ),
        "applications:errors.cvTooLarge",
      );
      expect(await readdir(storageDir)).toEqual(before); // nothing written for refused files
      const { id: noCv } = await applyToJob(tx, w.veteran, { jobPostingId: job2.id, coverNote: "没有简历也可以" }, opts());
      const [plain] = await tx.select().from(applications).where(eq(applications.id, noCv));
      expect(plain!.cvPath).toBeNull();
      await expectNotFound(getCvForDownload(tx, w.veteran, noCv, storageDir));
    });
  });

  it("accepts only veterans with a profile, and only published, live jobs", async () => {
    await withRollback(async (tx) => {
      const w = await world(tx);
      const input = { jobPostingId: w.job.id, coverNote: "我想申请这个岗位" };
      await expect(applyToJob(tx, w.employer, input, opts())).rejects.toBeInstanceOf(ForbiddenError);
      const bare = await createUser(tx, { role: "veteran" });
      await expectDomainError(applyToJob(tx, bare, input, opts()), "applications:errors.noProfile");
      expect((await getApplyContext(tx, bare, w.job.id)).hasProfile).toBe(false);

      const draft = await createJobPosting(tx, { organizationId: w.org.id, status: "draft" });
      const pending = await createJobPosting(tx, { organizationId: w.org.id, status: "pending_review" });
      const expired = await createJobPosting(tx, { organizationId: w.org.id, expiresAt: new Date(Date.now() - DAY) });
      const closed = await createJobPosting(tx, { organizationId: w.org.id, closedAt: new Date() });
      for (const job of [draft, pending, expired, closed]) {
        await expectNotFound(applyToJob(tx, w.veteran, { ...input, jobPostingId: job.id }, opts()));
      }
      await expectNotFound(applyToJob(tx, w.veteran, { ...input, jobPostingId: "00000000-0000-0000-0000-000000000000" }, opts()));
    });
  });

  it("refuses a second active application to the same job, and allows a new one after withdrawing", async () => {
    await withRollback(async (tx) => {
      const w = await world(tx);
      const input = { jobPostingId: w.job.id, coverNote: "第一次申请" };
      const first = await applyToJob(tx, w.veteran, input, opts());
      await expectDomainError(applyToJob(tx, w.veteran, input, opts()), "applications:errors.alreadyApplied");

      await withdrawApplication(tx, w.veteran, first.id, { note: "已找到其他工作" }, opts());
      const second = await applyToJob(tx, w.veteran, { ...input, coverNote: "重新申请" }, opts());
      expect(second.id).not.toBe(first.id);
      // …and after a final employer decision too.
      await moveApplication(tx, w.employer, second.id, { status: "rejected" }, opts());
      const third = await applyToJob(tx, w.veteran, { ...input, coverNote: "再试一次" }, opts());
      const rows = await tx.select().from(applications).where(eq(applications.jobPostingId, w.job.id)).orderBy(asc(applications.createdAt));
      expect(rows.map((r) => r.status).sort()).toEqual(["applied", "rejected", "withdrawn"]);
      expect(rows.find((r) => r.status === "applied")!.id).toBe(third.id);
    });
  });
});

describe("concurrent duplicate applications (real commits)", () => {
  it("recognises the partial unique index's violation as raised by this database driver", async () => {
    await withRollback(async (tx) => {
      const w = await world(tx);
      await tx.insert(applications).values({ jobPostingId: w.job.id, veteranProfileId: w.profile.id, status: "interview" });
      const error = await tx
        .transaction(async (inner) => {
          await inner.insert(applications).values({ jobPostingId: w.job.id, veteranProfileId: w.profile.id, status: "applied" });
        })
        .then(() => null, (e: unknown) => e);
      expect(isUniqueViolation(error, "applications_one_active")).toBe(true);
      expect(isUniqueViolation(error, "some_other_index")).toBe(false);
      // Final ones do not count: a rejected and a hired application may sit beside the active one.
      await tx.insert(applications).values([
        { jobPostingId: w.job.id, veteranProfileId: w.profile.id, status: "rejected" },
        { jobPostingId: w.job.id, veteranProfileId: w.profile.id, status: "hired" },
      ]);
    });
  });

  it("lets exactly one of two simultaneous applications through and turns the index violation into 'already applied'", async () => {
    // Real commits on a database of its own, so nothing leaks into the shared test database.
    await withIsolatedDb(async (db) => {
      const w = await world(db);
      const input = { jobPostingId: w.job.id, coverNote: "同时提交两次" };
      const results = await Promise.allSettled([
        applyToJob(db, w.veteran, input, opts()),
        applyToJob(db, w.veteran, input, opts()),
        applyToJob(db, w.veteran, input, opts()),
      ]);
      const ok = results.filter((r) => r.status === "fulfilled");
      const refused = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
      expect(ok).toHaveLength(1);
      expect(refused).toHaveLength(2);
      for (const r of refused) expect((r.reason as DomainError).code).toBe("applications:errors.alreadyApplied");
      const rows = await db.select().from(applications).where(eq(applications.jobPostingId, w.job.id));
      expect(rows).toHaveLength(1);
    });
  });
});

describe("the employer pipeline", () => {
  it("moves along applied → viewed → interview → offer → hired with an event each, firstResponseAt, and a mail to the veteran in their language", async () => {
    await withRollback(async (tx) => {
      const w = await world(tx);
      const t0 = new Date("2026-05-01T00:00:00Z");
      const { id } = await applyToJob(tx, w.veteran, { jobPostingId: w.job.id, coverNote: "请考虑我" }, opts(t0));

      // Reading changes nothing.
      const seen = await getApplicationForEmployer(tx, w.employer, id);
      expect(seen.application.status).toBe("applied");
      expect(seen.moveTargets).toEqual(["viewed", "interview", "rejected"]);
      expect((await tx.select().from(applications).where(eq(applications.id, id)))[0]!.firstResponseAt).toBeNull();

      const t1 = new Date(t0.getTime() + 30 * 3600_000);
      await moveApplication(tx, w.employer, id, { status: "interview", note: "周二上午 10 点面试" }, opts(t1));
      await moveApplication(tx, w.colleague, id, { status: "offer" }, opts(new Date(t1.getTime() + DAY)));
      await moveApplication(tx, w.employer, id, { status: "hired" }, opts(new Date(t1.getTime() + 2 * DAY)));

      const [app] = await tx.select().from(applications).where(eq(applications.id, id));
      expect(app!.status).toBe("hired");
      expect(app!.firstResponseAt!.toISOString()).toBe(t1.toISOString());
      const events = await tx.select().from(applicationEvents).where(eq(applicationEvents.applicationId, id)).orderBy(asc(applicationEvents.id));
      expect(events.map((e) => [e.status, e.actorUserId])).toEqual([
        ["applied", w.veteran.id],
        ["viewed", w.employer.id],
        ["interview", w.employer.id],
        ["offer", w.colleague.id],
        ["hired", w.employer.id],
      ]);
      expect(events[2]!.note).toBe("周二上午 10 点面试");

      const mails = await tx.select().from(emailOutbox).where(eq(emailOutbox.template, "application_status")).orderBy(asc(emailOutbox.id));
      const toVeteran = mails.filter((m) => m.toAddress === w.veteran.email);
      expect(toVeteran.map((m) => (m.props as { status: string }).status)).toEqual(["interview", "offer", "hired"]);
      expect(toVeteran.every((m) => m.locale === "en")).toBe(true);
      expect(toVeteran[0]!.props).toMatchObject({ note: "周二上午 10 点面试", applicationUrl: `${URL_BASE}/applications/${id}` });

      const mine = await getMyApplication(tx, w.veteran, id);
      expect(mine.events.map((e) => [e.status, e.byEmployer])).toEqual([
        ["applied", false],
        ["viewed", true],
        ["interview", true],
        ["offer", true],
        ["hired", true],
      ]);
      expect(mine.canWithdraw).toBe(false);
    });
  });

  it("refuses invalid transitions and leaves no trace of them", async () => {
    await withRollback(async (tx) => {
      const w = await world(tx);
      const { id } = await applyToJob(tx, w.veteran, { jobPostingId: w.job.id, coverNote: "请考虑我" }, opts());
      await expectDomainError(moveApplication(tx, w.employer, id, { status: "offer" }, opts()), "applications:errors.invalidTransition");
      await moveApplication(tx, w.employer, id, { status: "viewed" }, opts());
      await expectDomainError(moveApplication(tx, w.employer, id, { status: "hired" }, opts()), "applications:errors.invalidTransition");
      await expectDomainError(moveApplication(tx, w.employer, id, { status: "viewed" }, opts()), "applications:errors.invalidTransition");
      await withdrawApplication(tx, w.veteran, id, {}, opts());
      await expectDomainError(moveApplication(tx, w.employer, id, { status: "interview" }, opts()), "applications:errors.invalidTransition");
      await expectDomainError(moveApplication(tx, w.employer, id, { status: "rejected" }, opts()), "applications:errors.invalidTransition");
      await expectDomainError(withdrawApplication(tx, w.veteran, id, {}, opts()), "applications:errors.invalidTransition");
      const events = await tx.select().from(applicationEvents).where(eq(applicationEvents.applicationId, id));
      expect(events.map((e) => e.status).sort()).toEqual(["applied", "viewed", "withdrawn"]);
      // The veteran's own withdrawal is mailed to them as confirmation; refused moves sent nothing.
      const mails = await tx.select().from(emailOutbox).where(eq(emailOutbox.toAddress, w.veteran.email));
      expect(mails.map((m) => (m.props as { status: string }).status).sort()).toEqual(["viewed", "withdrawn"]);
    });
  });

  it("lists a posting's applications with the 14-day marker, for members only", async () => {
    await withRollback(async (tx) => {
      const w = await world(tx);
      const now = new Date();
      const old = await applyToJob(tx, w.veteran, { jobPostingId: w.job.id, coverNote: "很久以前申请" }, opts(new Date(now.getTime() - 15 * DAY)));
      const other = await createUser(tx, { role: "veteran" });
      await createVeteranProfile(tx, { userId: other.id });
      const fresh = await applyToJob(tx, other, { jobPostingId: w.job.id, coverNote: "刚刚申请的" }, opts(new Date(now.getTime() - DAY)));
      const { applications: list } = await listJobApplications(tx, w.employer, w.job.id, now);
      expect(list.map((a) => [a.id, a.waitingLong])).toEqual([
        [old.id, true],
        [fresh.id, false],
      ]);
      const stranger = await createUser(tx, { role: "employer" });
      await createOrganization(tx, { ownerUserId: stranger.id });
      await expectNotFound(listJobApplications(tx, stranger, w.job.id));
      await expectNotFound(listJobApplications(tx, w.veteran, w.job.id));
    });
  });
});

describe("CV files on deletion", () => {
  it("lists a veteran's CV files and removes them from disk", async () => {
    await withRollback(async (tx) => {
      const w = await world(tx);
      const job2 = await createJobPosting(tx, { organizationId: w.org.id });
      await applyToJob(tx, w.veteran, { jobPostingId: w.job.id, coverNote: "第一份申请", cv: { filename: "a.pdf", bytes: makePdf() } }, opts());
      await applyToJob(tx, w.veteran, { jobPostingId: job2.id, coverNote: "第二份申请，无简历" }, opts());
      const names = await listCvFiles(tx, w.profile.id);
      expect(names).toHaveLength(1);
      expect(existsSync(path.join(storageDir, names[0]!))).toBe(true);
      await removeCvFiles(names, storageDir);
      expect(existsSync(path.join(storageDir, names[0]!))).toBe(false);
      await removeCvFiles(names, storageDir); // already gone: no error
    });
  });
});

describe("unanswered applications", () => {
  it("flags applications left 'applied' for 14 days once, with one digest per organisation", async () => {
    await withRollback(async (tx) => {
      const w = await world(tx);
      const now = new Date("2026-06-20T00:00:00Z");
      const vets = await Promise.all(
        [0, 1, 2].map(async () => {
          const u = await createUser(tx, { role: "veteran" });
          await createVeteranProfile(tx, { userId: u.id });
          return u;
        }),
      );
      // Ensure the job is live at the application dates used below.
      await tx.update(jobPostings).set({ expiresAt: null }).where(eq(jobPostings.id, w.job.id));
      const old1 = await applyToJob(tx, vets[0]!, { jobPostingId: w.job.id, coverNote: "十五天前" }, opts(new Date(now.getTime() - 15 * DAY)));
      const old2 = await applyToJob(tx, vets[1]!, { jobPostingId: w.job.id, coverNote: "二十天前" }, opts(new Date(now.getTime() - 20 * DAY)));
      const recent = await applyToJob(tx, vets[2]!, { jobPostingId: w.job.id, coverNote: "十天前" }, opts(new Date(now.getTime() - 10 * DAY)));
      const answered = await applyToJob(tx, w.veteran, { jobPostingId: w.job.id, coverNote: "已回复" }, opts(new Date(now.getTime() - 30 * DAY)));
      await moveApplication(tx, w.employer, answered.id, { status: "viewed" }, opts(new Date(now.getTime() - 29 * DAY)));

      const first = await flagUnansweredApplications(tx, now, { publicUrl: URL_BASE });
      expect(first).toMatchObject({ flagged: 2, organizations: 1, mails: 2 }); // one digest, to each of the two members
      const rows = await tx.select().from(applications).where(eq(applications.jobPostingId, w.job.id));
      const flagged = rows.filter((r) => r.flaggedUnansweredAt).map((r) => r.id).sort();
      expect(flagged).toEqual([old1.id, old2.id].sort());
      const digests = await tx.select().from(emailOutbox).where(eq(emailOutbox.template, "applications_unanswered"));
      expect(digests.map((d) => d.toAddress).sort()).toEqual([w.employer.email, w.colleague.email].sort());
      expect((digests[0]!.props as { total: number; items: unknown[] }).total).toBe(2);

      const again = await flagUnansweredApplications(tx, now, { publicUrl: URL_BASE });
      expect(again).toEqual({ flagged: 0, organizations: 0, mails: 0 });
      expect(await tx.select().from(emailOutbox).where(eq(emailOutbox.template, "applications_unanswered"))).toHaveLength(2);

      // Five days later the recent one is due, and only it is mailed.
      const later = await flagUnansweredApplications(tx, new Date(now.getTime() + 5 * DAY), { publicUrl: URL_BASE });
      expect(later).toMatchObject({ flagged: 1, organizations: 1 });
      const [recentRow] = await tx.select().from(applications).where(eq(applications.id, recent.id));
      expect(recentRow!.flaggedUnansweredAt).not.toBeNull();
    });
  });
});

describe("response stats", () => {
  it("counts answers within 14 days over applications older than 14 days or answered, with the median response time", async () => {
    await withRollback(async (tx) => {
      const w = await world(tx);
      await tx.update(jobPostings).set({ expiresAt: null }).where(eq(jobPostings.id, w.job.id));
      const now = new Date("2026-07-01T00:00:00Z");
      const at = (daysAgo: number) => new Date(now.getTime() - daysAgo * DAY);
      const applicant = async () => {
        const u = await createUser(tx, { role: "veteran" });
        await createVeteranProfile(tx, { userId: u.id });
        return u;
      };
      expect(await getEmployerResponseStats(tx, w.org.id, now)).toEqual({ responseRate: null, medianResponseHours: null, sample: 0 });

      // answered after 2 h, 10 h and 20 days (late); one unanswered for 30 days; one recent unanswered (not counted);
      // one withdrawn unanswered after 2 days (not counted).
      const a = await applyToJob(tx, await applicant(), { jobPostingId: w.job.id, coverNote: "甲" }, opts(at(40)));
      await moveApplication(tx, w.employer, a.id, { status: "viewed" }, opts(new Date(at(40).getTime() + 2 * 3600_000)));
      const b = await applyToJob(tx, await applicant(), { jobPostingId: w.job.id, coverNote: "乙" }, opts(at(3)));
      await moveApplication(tx, w.employer, b.id, { status: "rejected" }, opts(new Date(at(3).getTime() + 10 * 3600_000)));
      const c = await applyToJob(tx, await applicant(), { jobPostingId: w.job.id, coverNote: "丙" }, opts(at(35)));
      await moveApplication(tx, w.employer, c.id, { status: "interview" }, opts(at(15)));
      await applyToJob(tx, await applicant(), { jobPostingId: w.job.id, coverNote: "丁" }, opts(at(30)));
      await applyToJob(tx, await applicant(), { jobPostingId: w.job.id, coverNote: "戊" }, opts(at(5)));
      const fUser = await applicant();
      const f = await applyToJob(tx, fUser, { jobPostingId: w.job.id, coverNote: "己" }, opts(at(20)));
      await withdrawApplication(tx, fUser, f.id, {}, opts(at(18)));

      const stats = await getEmployerResponseStats(tx, w.org.id, now);
      // counted: a (2 h, in time), b (10 h, in time, answered though recent), c (20 days, late), d (unanswered, old)
      expect(stats.sample).toBe(4);
      expect(stats.responseRate).toBeCloseTo(2 / 4);
      // median of 2 h, 10 h, 480 h = 10 h
      expect(stats.medianResponseHours).toBe(10);

      // Another organisation's figures are its own.
      const otherOrg = await createOrganization(tx, {});
      expect((await getEmployerResponseStats(tx, otherOrg.id, now)).sample).toBe(0);
    });
  });
});

describe("access sweep", () => {
  it("hides an application, its moves and its CV from other veterans and other employers (404), and audits staff", async () => {
    await withRollback(async (tx) => {
      const w = await world(tx);
      const { id } = await applyToJob(tx, w.veteran, { jobPostingId: w.job.id, coverNote: "带简历申请", cv: { filename: "cv.pdf", bytes: makePdf() } }, opts());

      // The applicant and the employer's members can read and download.
      expect((await getMyApplication(tx, w.veteran, id)).application.id).toBe(id);
      expect((await getApplicationForEmployer(tx, w.colleague, id)).application.id).toBe(id);
      for (const who of [w.veteran, w.employer, w.colleague]) {
        const cv = await getCvForDownload(tx, who, id, storageDir);
        expect(cv.mime).toBe("application/pdf");
        expect(new Uint8Array(cv.bytes)).toEqual(makePdf());
      }

      const otherVeteran = await createUser(tx, { role: "veteran" });
      await createVeteranProfile(tx, { userId: otherVeteran.id });
      const otherEmployer = await createUser(tx, { role: "employer" });
      await createOrganization(tx, { ownerUserId: otherEmployer.id, verificationStatus: "verified" });

      for (const stranger of [otherVeteran, otherEmployer]) {
        await expectNotFound(getMyApplication(tx, stranger, id));
        await expectNotFound(getApplicationForEmployer(tx, stranger, id));
        await expectNotFound(getCvForDownload(tx, stranger, id, storageDir));
        await expectNotFound(withdrawApplication(tx, stranger, id, {}, opts()));
        await expectNotFound(moveApplication(tx, stranger, id, { status: "viewed" }, opts()));
      }
      // The employer cannot act as the veteran, nor the veteran as the employer.
      await expectNotFound(withdrawApplication(tx, w.employer, id, {}, opts()));
      await expectNotFound(moveApplication(tx, w.veteran, id, { status: "viewed" }, opts()));
      await expectNotFound(getMyApplication(tx, w.employer, id));
      await expectNotFound(getApplicationForEmployer(tx, w.veteran, id));
      // Not an application id at all.
      await expectNotFound(getCvForDownload(tx, w.veteran, "../../etc/passwd", storageDir));

      const [app] = await tx.select().from(applications).where(eq(applications.id, id));
      expect(app!.status).toBe("applied");
      expect(await tx.select().from(applicationEvents).where(eq(applicationEvents.applicationId, id))).toHaveLength(1);

      // Staff read (audited) but do not move.
      const staff = await createUser(tx, { role: "staff" });
      expect((await getApplicationForEmployer(tx, staff, id)).moveTargets).toEqual([]);
      await getCvForDownload(tx, staff, id, storageDir);
      await expect(moveApplication(tx, staff, id, { status: "viewed" }, opts())).rejects.toBeInstanceOf(ForbiddenError);
      const audit = await tx.select().from(auditLog).where(eq(auditLog.subjectId, id));
      expect(audit.map((a) => [a.actorUserId, a.action]).sort()).toEqual(
        [
          [staff.id, "application.cv.download"],
          [staff.id, "application.read"],
        ].sort(),
      );
    });
  });
});
