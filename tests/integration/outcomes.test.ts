import ExcelJS from "exceljs";
import { describe, expect, it, beforeAll } from "vitest";
import { outcomePeriod } from "../../app/forms/outcomes";
import {
  getOutcomeReport,
  OUTCOME_FIGURES,
  outcomeCsv,
  outcomeTable,
  outcomeXlsx,
  type OutcomeReport,
} from "../../app/models/outcomes.server";
import type { Db } from "../../db/client";
import { recordFollowUp, scheduleFollowUps } from "../../app/models/follow-ups.server";
import { createJobFair, createJobPosting, createOrganization, createUser, createVeteranProfile } from "../../db/factories";
import { incubatorPackages, startupApplications, ventureMetrics, ventures } from "../../db/incubator-schema";
import { applicationEvents, applications } from "../../db/schema";
import { fairRegistrations } from "../../db/schema-fairs";
import { followUps, serviceRecords } from "../../db/schema-service";
import { getTestDb, withRollback } from "../helpers/db";

// 西藏 › 拉萨 › 城关区 › 八廓街道 / 吉日街道, and 堆龙德庆区: a province no other test uses, so figures are exact.
const PROVINCE = "540000";
const CITY = "540100";
const COUNTY = "540102";
const TOWN_A = "540102002";
const TOWN_B = "540102003";
const OTHER_COUNTY = "540103";
const DAY = 24 * 3600 * 1000;

beforeAll(async () => {
  await getTestDb();
});

async function apply(tx: Db, veteranProfileId: string, steps: { status: "interview" | "offer" | "hired"; daysAfter: number }[], appliedDaysAgo = 20) {
  const job = await createJobPosting(tx, { regionCode: COUNTY });
  const appliedAt = new Date(Date.now() - appliedDaysAgo * DAY);
  const [application] = await tx
    .insert(applications)
    .values({ jobPostingId: job.id, veteranProfileId, status: steps.at(-1)?.status ?? "applied", createdAt: appliedAt })
    .returning();
  await tx.insert(applicationEvents).values({ applicationId: application!.id, status: "applied", createdAt: appliedAt });
  for (const step of steps) {
    await tx.insert(applicationEvents).values({ applicationId: application!.id, status: step.status, createdAt: new Date(appliedAt.getTime() + step.daysAfter * DAY) });
  }
}

/** Veterans at every level of the tree, some applying, interviewing and hired. */
async function seedTree(tx: Db) {
  const a = await createVeteranProfile(tx, { regionCode: TOWN_A }); // town: applies, hired after 10 days
  await apply(tx, a.id, [{ status: "interview", daysAfter: 3 }, { status: "offer", daysAfter: 7 }, { status: "hired", daysAfter: 10 }]);
  const b = await createVeteranProfile(tx, { regionCode: TOWN_B }); // other town: applies, interview only
  await apply(tx, b.id, [{ status: "interview", daysAfter: 2 }]);
  const c = await createVeteranProfile(tx, { regionCode: COUNTY }); // placed at county level only: hired after 4 days
  await apply(tx, c.id, [{ status: "hired", daysAfter: 4 }]);
  await createVeteranProfile(tx, { regionCode: OTHER_COUNTY }); // registered, no applications
  await createVeteranProfile(tx, { regionCode: CITY }); // city level only
}

function expectChildrenAddUp(report: OutcomeReport) {
  for (const figure of OUTCOME_FIGURES) {
    const sum = report.children.reduce((s, c) => s + c.counts[figure], 0);
    expect({ figure, sum }).toEqual({ figure, sum: report.total.counts[figure] });
  }
}

describe("outcome figures", () => {
  it("counts a region and its children, and the children add up to the parent at every level", () =>
    withRollback(async (tx) => {
      const staff = await createUser(tx, { role: "staff" });
      await seedTree(tx);
      const { from, to } = outcomePeriod({});
      const period = { from: new Date(Math.min(from.getTime(), Date.now() - 60 * DAY)), to };

      const province = await getOutcomeReport(tx, staff, { regionCode: PROVINCE, ...period });
      expect(province.total.counts).toMatchObject({ veteransRegistered: 5, jobSeekers: 3, applications: 3, interviews: 2, offers: 1, hires: 2, veteransHired: 2 });
      expect(province.children.map((c) => c.regionCode)).toEqual([CITY]);
      expectChildrenAddUp(province);

      const city = await getOutcomeReport(tx, staff, { regionCode: CITY, ...period });
      expect(city.path.map((p) => p.code)).toEqual([PROVINCE, CITY]);
      expect(city.children.map((c) => [c.regionCode, c.counts.veteransRegistered])).toEqual([
        [COUNTY, 3],
        [OTHER_COUNTY, 1],
        [null, 1], // the veteran placed at city level only
      ]);
      expectChildrenAddUp(city);

      const county = await getOutcomeReport(tx, staff, { regionCode: COUNTY, ...period });
      expect(county.children.map((c) => c.regionCode)).toEqual([TOWN_A, TOWN_B, null]);
      expect(county.children.map((c) => c.regionName)).toEqual(["八廓街道", "吉日街道", null]);
      expectChildrenAddUp(county);
      expect(county.total.employmentRate).toBeCloseTo(2 / 3);
      expect(county.total.medianDaysToHire).toBe(7); // hires after 4 and 10 days

      const town = await getOutcomeReport(tx, staff, { regionCode: TOWN_A, ...period });
      expect(town.children).toEqual([]);
      expect(town.total.counts).toMatchObject({ veteransRegistered: 1, hires: 1, veteransHired: 1 });
      expect(town.total.employmentRate).toBe(1);
      expect(town.total.medianDaysToHire).toBe(10);
    }));

  it("limits counts to the period and refuses an empty period and non-staff", () =>
    withRollback(async (tx) => {
      const staff = await createUser(tx, { role: "staff" });
      const veteran = await createUser(tx, { role: "veteran" });
      await seedTree(tx);
      // A period that ended before anything happened: registrations are cumulative up to its end, so 0 too.
      const past = { from: new Date(Date.now() - 400 * DAY), to: new Date(Date.now() - 300 * DAY) };
      const report = await getOutcomeReport(tx, staff, { regionCode: PROVINCE, ...past });
      expect(report.total.counts.veteransRegistered).toBe(0);
      expect(report.total.counts.applications).toBe(0);
      expect(report.total.employmentRate).toBeNull();
      await expect(getOutcomeReport(tx, staff, { regionCode: PROVINCE, from: past.to, to: past.from })).rejects.toThrow();
      await expect(getOutcomeReport(tx, { id: veteran.id, role: "veteran" }, { regionCode: PROVINCE, ...past })).rejects.toThrow();
    }));

  it("exports CSV and XLSX with headers in the reader's language that parse back to the same figures", () =>
    withRollback(async (tx) => {
      const staff = await createUser(tx, { role: "staff" });
      await seedTree(tx);
      const report = await getOutcomeReport(tx, staff, { regionCode: CITY, from: new Date(Date.now() - 60 * DAY), to: new Date(Date.now() + DAY) });
      const labels: Record<string, string> = { region: "地区", regionCode: "地区代码", total: "合计", unspecified: "未细分到下级地区", "figures.veteransRegistered": "登记退役军人" };
      const table = outcomeTable(report, (key) => labels[key] ?? key);

      const csv = outcomeCsv(table);
      expect(csv.startsWith("\uFEFF")).toBe(true);
      const lines = csv.slice(1).trimEnd().split("\r\n").map((l) => l.split(","));
      expect(lines[0]!.slice(0, 3)).toEqual(["地区", "地区代码", "登记退役军人"]);
      expect(lines).toHaveLength(1 + report.children.length + 1);
      const totalLine = lines.at(-1)!;
      expect(totalLine[0]).toBe("合计 · 拉萨市");
      expect(Number(totalLine[2])).toBe(5);
      expect(lines.find((l) => l[1] === COUNTY)?.[0]).toBe("城关区");

      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load((await outcomeXlsx(table, "工作成效")) as unknown as Parameters<typeof workbook.xlsx.load>[0]);
      const sheet = workbook.getWorksheet("工作成效")!;
      expect(sheet.getRow(1).getCell(1).value).toBe("地区");
      expect(sheet.getRow(1).getCell(3).value).toBe("登记退役军人");
      expect(sheet.rowCount).toBe(lines.length);
      expect(sheet.getRow(sheet.rowCount).getCell(3).value).toBe(5);
    }));

  it("counts incubation, fair attendance, follow-up retention and station activity, adding up from town to province", () =>
    withRollback(async (tx) => {
      const staff = await createUser(tx, { role: "staff" });
      const now = Date.now();
      const period = { from: new Date(now - 400 * DAY), to: new Date(now + DAY) };
      // incubation: a park package in town A, two ventures applying, one accepted with monthly figures
      const park = await createOrganization(tx, { kind: "incubator_park", regionCode: TOWN_A, verificationStatus: "verified" });
      const [pkg] = await tx
        .insert(incubatorPackages)
        .values({ organizationId: park.id, kind: "workspace", title: "工位", regionCode: TOWN_A, capacity: 5, termMonths: 12, priceFen: 0 })
        .returning();
      const founder = await createUser(tx, { role: "veteran" });
      const [v1, v2] = await tx
        .insert(ventures)
        .values([
          { founderUserId: founder.id, name: "甲", stage: "idea", sector: "物流" },
          { founderUserId: founder.id, name: "乙", stage: "idea", sector: "餐饮" },
        ])
        .returning();
      const decidedAt = new Date(now - 100 * DAY);
      await tx.insert(startupApplications).values([
        { packageId: pkg!.id, ventureId: v1!.id, status: "accepted", decidedAt, createdAt: new Date(now - 120 * DAY) },
        { packageId: pkg!.id, ventureId: v2!.id, status: "declined", decidedAt, createdAt: new Date(now - 120 * DAY) },
      ]);
      const month = (daysAgo: number) => new Date(now - daysAgo * DAY).toISOString().slice(0, 7);
      await tx.insert(ventureMetrics).values([
        { ventureId: v1!.id, month: month(60), jobsCreated: 3, veteransHired: 2 },
        { ventureId: v1!.id, month: month(30), jobsCreated: 1, veteransHired: 1 },
      ]);
      // a fair in town B with two registrations, one attended
      const fair = await createJobFair(tx, { regionCode: TOWN_B, startsAt: new Date(now - 10 * DAY), positionsOffered: 12 });
      const p1 = await createVeteranProfile(tx, { regionCode: TOWN_B });
      const p2 = await createVeteranProfile(tx, { regionCode: TOWN_B });
      await tx.insert(fairRegistrations).values([
        { fairId: fair.id, veteranProfileId: p1.id, attendedAt: new Date(now - 10 * DAY), attendedMode: "on_site" },
        { fairId: fair.id, veteranProfileId: p2.id },
      ]);
      // follow-ups: two hires in town A 7 months ago; at 3 months one still employed, one not; at 6 months one answered late
      const hiredA = await createVeteranProfile(tx, { regionCode: TOWN_A });
      const hiredB = await createVeteranProfile(tx, { regionCode: TOWN_A });
      const placedAt = new Date(now - 210 * DAY);
      expect(await scheduleFollowUps(tx, { source: "hire", veteranProfileId: hiredA.id, placedAt })).toBe(3);
      await scheduleFollowUps(tx, { source: "fair_signing", veteranProfileId: hiredB.id, placedAt });
      const tasks = await tx.select().from(followUps);
      const task = (profileId: string, m: number) => tasks.find((t) => t.veteranProfileId === profileId && t.month === m)!;
      await recordFollowUp(tx, task(hiredA.id, 3).id, { stillEmployed: true, satisfied: true, doneByUserId: staff.id, doneAt: task(hiredA.id, 3).dueAt });
      await recordFollowUp(tx, task(hiredB.id, 3).id, { stillEmployed: false, needs: "找新工作", doneByUserId: staff.id, doneAt: task(hiredB.id, 3).dueAt });
      await recordFollowUp(tx, task(hiredA.id, 6).id, { stillEmployed: true, doneByUserId: staff.id, doneAt: new Date(task(hiredA.id, 6).dueAt.getTime() + 20 * DAY) });
      // station activity: a visit with an assisted application in town A, a call recorded at county level
      await tx.insert(serviceRecords).values([
        { veteranProfileId: hiredA.id, staffUserId: staff.id, regionCode: TOWN_A, occurredAt: new Date(now - 5 * DAY), channel: "visit", need: "求职", action: "代为投递" },
        { veteranProfileId: hiredB.id, staffUserId: staff.id, regionCode: COUNTY, occurredAt: new Date(now - 4 * DAY), channel: "phone", need: "回访", action: "电话" },
      ]);

      const province = await getOutcomeReport(tx, staff, { regionCode: PROVINCE, ...period });
      expect(province.total.counts).toMatchObject({
        incubationApplications: 2,
        incubationAccepted: 1,
        venturesActive: 1,
        ventureJobsCreated: 4,
        ventureVeteransHired: 3,
        fairs: 1,
        fairPositions: 12,
        fairAttendees: 1,
        followUps3Checked: 2,
        followUps3Retained: 1,
        followUps6Checked: 1,
        followUps6Retained: 1,
        followUpsDue: 6,
        followUpsOnTime: 2,
        serviceRecords: 2,
        serviceVisits: 1,
      });
      expect(province.total.retention3Rate).toBe(0.5);
      expect(province.total.retention6Rate).toBe(1);
      expect(province.total.followUpOnTimeRate).toBeCloseTo(2 / 6);
      for (const code of [PROVINCE, CITY, COUNTY]) expectChildrenAddUp(await getOutcomeReport(tx, staff, { regionCode: code, ...period }));
      const county = await getOutcomeReport(tx, staff, { regionCode: COUNTY, ...period });
      const row = (code: string | null) => county.children.find((c) => c.regionCode === code)!.counts;
      expect(row(TOWN_A)).toMatchObject({ incubationApplications: 2, ventureJobsCreated: 4, followUps3Checked: 2, serviceVisits: 1 });
      expect(row(TOWN_B)).toMatchObject({ fairAttendees: 1, incubationApplications: 0 });
      expect(row(null)).toMatchObject({ serviceRecords: 1, serviceVisits: 0 });
      // a period before the placements' follow-ups fell due counts none of them
      const early = await getOutcomeReport(tx, staff, { regionCode: PROVINCE, from: new Date(now - 400 * DAY), to: new Date(now - 200 * DAY) });
      expect(early.total.counts.followUpsDue).toBe(0);
    }));
});
