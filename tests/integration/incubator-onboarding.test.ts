import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { eq, like } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { applyToPackage, getFounderApplication, getPlanForDownload } from "../../app/models/incubator-application.server";
import { createPackage } from "../../app/models/incubator-package.server";
import {
  addMentor,
  addMentorSlot,
  bookMentorSlot,
  completeTask,
  DEFAULT_CHECKLIST,
  getChecklist,
  mentoringForFounder,
  metricsCsv,
  parkMetrics,
  parkOnboardingProgress,
  reportMetrics,
} from "../../app/models/incubator-onboarding.server";
import { DomainError, ForbiddenError, NotFoundError } from "../../app/models/errors";
import { createUser } from "../../db/factories";
import { startupApplications } from "../../db/incubator-schema";
import { auditLog, emailOutbox } from "../../db/schema";
import { getTestDb, withRollback } from "../helpers/db";
import { acceptedFounder, MAIL, NOT_PDF_BYTES, packageValue, park, PDF_BYTES, ventureInput } from "../helpers/incubator";

const dir = mkdtempSync(path.join(tmpdir(), "rongye-onboarding-"));

beforeAll(async () => {
  await getTestDb();
});

describe("founder application with a business plan", () => {
  it("takes a PDF plan (refuses other bytes and oversize), mails the park, and shows the plan only to founder and park", async () => {
    await withRollback(async (tx) => {
      const { manager } = await park(tx);
      const { id: packageId } = await createPackage(tx, manager, packageValue());
      const founder = await createUser(tx, { role: "veteran" });
      await expect(applyToPackage(tx, founder, packageId, ventureInput("甲", { planFile: { filename: "plan.pdf", bytes: NOT_PDF_BYTES } }), { ...MAIL, dir })).rejects.toSatisfy(
        (e: unknown) => e instanceof DomainError && e.code === "incubator:errors.planType" && e.field === "plan",
      );
      const big = new Uint8Array(5 * 1024 * 1024 + 1);
      big.set(PDF_BYTES);
      await expect(applyToPackage(tx, founder, packageId, ventureInput("甲", { planFile: { filename: "plan.pdf", bytes: big } }), { ...MAIL, dir })).rejects.toSatisfy(
        (e: unknown) => e instanceof DomainError && e.code === "incubator:errors.fileTooLarge",
      );
      const { id } = await applyToPackage(tx, founder, packageId, ventureInput("甲", { planFile: { filename: "商业计划书.pdf", bytes: PDF_BYTES } }), { ...MAIL, dir });
      const [row] = await tx.select().from(startupApplications).where(eq(startupApplications.id, id));
      expect(row).toMatchObject({ planName: "商业计划书.pdf", planBytes: PDF_BYTES.byteLength });
      const mails = await tx.select().from(emailOutbox).where(like(emailOutbox.idempotencyKey, `incubator:received:${id}:%`));
      expect(mails.map((m) => m.toAddress)).toContain(manager.email);

      expect((await getPlanForDownload(tx, founder, id)).name).toBe("商业计划书.pdf");
      expect((await getPlanForDownload(tx, manager, id)).path).toBe(row!.planPath);
      expect(await tx.select().from(auditLog).where(eq(auditLog.subjectId, id))).toHaveLength(1);
      const other = await createUser(tx, { role: "veteran" });
      await expect(getPlanForDownload(tx, other, id)).rejects.toBeInstanceOf(NotFoundError);
      const otherPark = await park(tx, "另一园区");
      await expect(getPlanForDownload(tx, otherPark.manager, id)).rejects.toBeInstanceOf(NotFoundError);
      await expect(getFounderApplication(tx, other, id)).rejects.toBeInstanceOf(NotFoundError);
      const mine = await getFounderApplication(tx, founder, id);
      expect(mine.timeline.map((e) => e.status)).toEqual(["submitted"]);
    });
  });
});

describe("onboarding checklist", () => {
  it("acceptance opens the park's checklist; each side ticks its own items; evidence where asked; the park sees progress", async () => {
    await withRollback(async (tx) => {
      const { manager, founder, applicationId } = await acceptedFounder(tx);
      const tasks = await getChecklist(tx, founder, applicationId);
      expect(tasks.map((t) => t.title)).toEqual(DEFAULT_CHECKLIST.map((c) => c.title));
      expect(tasks[0]!.dueDate).toBe("2030-03-01");
      expect(tasks[1]!.dueDate).toBe("2030-03-31");
      const agreement = tasks.find((t) => t.title === "签订入园协议")!;
      const desk = tasks.find((t) => t.title === "分配工位")!;
      const orientation = tasks.find((t) => t.title === "参加入园培训")!;
      await expect(completeTask(tx, founder, agreement.id, null, { dir })).rejects.toSatisfy((e: unknown) => e instanceof DomainError && e.code === "incubator:errors.evidenceRequired");
      await expect(completeTask(tx, founder, agreement.id, { filename: "a.exe", bytes: NOT_PDF_BYTES }, { dir })).rejects.toBeInstanceOf(DomainError);
      expect(await completeTask(tx, founder, agreement.id, { filename: "入园协议.pdf", bytes: PDF_BYTES }, { dir })).toEqual({ changed: true });
      expect(await completeTask(tx, founder, agreement.id, null, { dir })).toEqual({ changed: false });
      await expect(completeTask(tx, founder, desk.id, null, { dir })).rejects.toBeInstanceOf(ForbiddenError);
      await expect(completeTask(tx, manager, orientation.id, null, { dir })).rejects.toBeInstanceOf(ForbiddenError);
      await completeTask(tx, manager, desk.id, null, { dir });
      await completeTask(tx, founder, orientation.id, null, { dir });
      const stranger = await createUser(tx, { role: "veteran" });
      await expect(getChecklist(tx, stranger, applicationId)).rejects.toBeInstanceOf(NotFoundError);

      const progress = await parkOnboardingProgress(tx, manager, "2030-04-15");
      const mine = progress.find((p) => p.id === applicationId)!;
      expect(mine).toMatchObject({ total: 6, done: 3, paid: false });
      // still open and past due on 2030-04-15: business registration (03-31), mentor (03-08), first-month check-in (03-31)
      expect(mine.overdue).toBe(3);
    });
  });
});

describe("mentoring", () => {
  it("books within the package's hours, never a slot twice, never another park's slot; both sides are mailed", async () => {
    await withRollback(async (tx) => {
      const now = new Date("2030-03-01T00:00:00Z");
      const a = await acceptedFounder(tx, { mentoringHours: "2" });
      const b = await acceptedFounder(tx);
      const { id: mentorId } = await addMentor(tx, a.manager, { name: "王立军", title: "连续创业者", expertise: ["物流", "融资"], bio: "", email: null });
      const slots = [];
      for (let i = 0; i < 3; i++) slots.push((await addMentorSlot(tx, a.manager, mentorId, { startsAt: new Date(Date.UTC(2030, 2, 10 + i, 2)), minutes: 60, place: "二楼会议室" }, now)).id);
      await expect(addMentorSlot(tx, a.manager, mentorId, { startsAt: new Date(Date.UTC(2030, 2, 10, 2)), minutes: 60, place: null }, now)).rejects.toBeInstanceOf(DomainError);
      await expect(addMentorSlot(tx, b.manager, mentorId, { startsAt: new Date(Date.UTC(2030, 2, 20, 2)), minutes: 60, place: null }, now)).rejects.toBeInstanceOf(ForbiddenError);

      const view = await mentoringForFounder(tx, a.founder, a.applicationId, now);
      expect(view).toMatchObject({ minutesAllowed: 120, minutesLeft: 120 });
      expect(view.open).toHaveLength(3);

      await bookMentorSlot(tx, a.founder, a.applicationId, slots[0]!, "冷链融资", MAIL, now);
      // b is in another park: the slot does not exist for them
      await expect(bookMentorSlot(tx, b.founder, b.applicationId, slots[1]!, "x", MAIL, now)).rejects.toBeInstanceOf(NotFoundError);
      await expect(bookMentorSlot(tx, a.founder, a.applicationId, slots[0]!, "again", MAIL, now)).rejects.toSatisfy((e: unknown) => e instanceof DomainError && e.code === "incubator:errors.slotTaken");
      await bookMentorSlot(tx, a.founder, a.applicationId, slots[1]!, "渠道", MAIL, now);
      await expect(bookMentorSlot(tx, a.founder, a.applicationId, slots[2]!, "超出", MAIL, now)).rejects.toSatisfy((e: unknown) => e instanceof DomainError && e.code === "incubator:errors.hoursExceeded");
      expect((await mentoringForFounder(tx, a.founder, a.applicationId, now)).minutesLeft).toBe(0);
      const mails = await tx.select().from(emailOutbox).where(like(emailOutbox.idempotencyKey, `incubator:booking:${a.applicationId}:%`));
      expect(mails.map((m) => m.toAddress).sort()).toEqual([a.founder.email, a.founder.email, a.manager.email, a.manager.email].sort());
    });
  });
});

describe("founder metrics", () => {
  it("monthly figures are validated, corrected by month, summed for the cohort and exported as CSV", async () => {
    await withRollback(async (tx) => {
      const { manager, founder, applicationId } = await acceptedFounder(tx);
      const now = new Date("2030-06-15T00:00:00Z");
      await expect(reportMetrics(tx, founder, applicationId, { month: "2030-07", revenueFen: 1, jobsCreated: 1, veteransHired: 0, fundingRaisedFen: 0 }, now)).rejects.toBeInstanceOf(DomainError);
      await expect(reportMetrics(tx, founder, applicationId, { month: "2030-05", revenueFen: 1, jobsCreated: 1, veteransHired: 2, fundingRaisedFen: 0 }, now)).rejects.toBeInstanceOf(DomainError);
      await expect(reportMetrics(tx, founder, applicationId, { month: "2030-05", revenueFen: -1, jobsCreated: 1, veteransHired: 0, fundingRaisedFen: 0 }, now)).rejects.toBeInstanceOf(DomainError);
      await expect(reportMetrics(tx, manager, applicationId, { month: "2030-05", revenueFen: 1, jobsCreated: 1, veteransHired: 0, fundingRaisedFen: 0 }, now)).rejects.toBeInstanceOf(NotFoundError);
      await reportMetrics(tx, founder, applicationId, { month: "2030-04", revenueFen: 1_200_050, jobsCreated: 4, veteransHired: 2, fundingRaisedFen: 0 }, now);
      await reportMetrics(tx, founder, applicationId, { month: "2030-05", revenueFen: 1, jobsCreated: 1, veteransHired: 0, fundingRaisedFen: 0 }, now);
      await reportMetrics(tx, founder, applicationId, { month: "2030-05", revenueFen: 2_500_000, jobsCreated: 6, veteransHired: 3, fundingRaisedFen: 50_000_000 }, now);
      const { rows, cohort } = await parkMetrics(tx, manager);
      expect(rows.map((r) => r.month)).toEqual(["2030-04", "2030-05"]);
      expect(cohort.find((c) => c.month === "2030-05")).toMatchObject({ ventures: 1, revenueFen: 2_500_000, jobsCreated: 6, veteransHired: 3, fundingRaisedFen: 50_000_000 });
      const csv = metricsCsv(rows, ["企业", "月份", "营业收入（元）", "新增就业", "其中退役军人", "融资（元）"]);
      expect(csv.startsWith("\uFEFF企业,月份")).toBe(true);
      expect(csv).toContain("戎速冷链,2030-04,12000.50,4,2,0.00");
      expect(csv).toContain("戎速冷链,2030-05,25000.00,6,3,500000.00");
    });
  });
});
