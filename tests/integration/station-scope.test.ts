import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { fairFormSchema } from "../../app/forms/fairs";
import { assistedProfileSchema } from "../../app/forms/profile";
import { getApplicationForEmployer, getCvForDownload, listJobApplications } from "../../app/models/application-employer.server";
import { getFair, listHostedFairs, createFair, requireManagedFair } from "../../app/models/fairs.server";
import { getImportRun, listImportRuns, startImport } from "../../app/models/import.server";
import { assertApplicationAccess } from "../../app/models/incubator-application.server";
import { closeJobPosting } from "../../app/models/job-posting.server";
import { approveJobPosting, listPendingJobPostings, rejectJobPosting } from "../../app/models/job-posting-moderation.server";
import { getJobPostingView } from "../../app/models/job-posting-read.server";
import { getOrganizationForEdit, updateOrganizationProfile } from "../../app/models/organization.server";
import { getOrganizationLicence } from "../../app/models/organization-licence.server";
import {
  listOrganizationsForReview,
  rejectOrganization,
  setOrganizationBadge,
  verifyOrganization,
} from "../../app/models/organization-review.server";
import { getOutcomeReport } from "../../app/models/outcomes.server";
import { regionPrefix, staffScope } from "../../app/models/staff-scope.server";
import { assignStaffStation, createStation, listStaffWithStations } from "../../app/models/stations.server";
import { getTrainingSlotForEdit } from "../../app/models/training-slot.server";
import { cancelEnrollment } from "../../app/models/training-enrolment.server";
import {
  getProfileForStaff,
  saveProfileAssisted,
  searchVeteransForStaff,
  setVeteranStatusVerified,
} from "../../app/models/veteran-profile-staff.server";
import type { Db } from "../../db/client";
import {
  createJobFair,
  createJobPosting,
  createOrganization,
  createStationStaff,
  createTrainingSlot,
  createUser,
  createVeteranProfile,
} from "../../db/factories";
import { ensureRegions } from "../../db/regions";
import { applications, auditLog, importRuns, organizations, regions, trainingEnrollments, veteranProfiles } from "../../db/schema";
import { startupApplications, ventures } from "../../db/incubator-schema";
import { getTestDb, withRollback } from "../helpers/db";
import { packageValue, park } from "../helpers/incubator";
import { createPackage } from "../../app/models/incubator-package.server";
import { encrypt } from "../../app/utils/crypto.server";

/*
 * The access sweep (issue 12, item 1): a staff member of one county cannot read or change anything of another
 * county through any staff model — veterans' files, applications and CVs, enrolments, organisations and their
 * licences, postings, imports, fairs, park applications and outcome figures — while the same calls succeed inside
 * their own region (so each refusal comes from the scope check, not from something else failing).
 */

const KEY = randomBytes(32).toString("base64");
const A = "320582"; // 张家港市, Jiangsu
const A_TOWN = "320582100"; // 杨舍镇
const A_OTHER_TOWN = "320582101"; // 塘桥镇
const A_VILLAGE = "320582100004"; // 花园浜社区 (杨舍镇)
const B = "610102"; // 西安市新城区, Shaanxi
const mail = { publicUrl: "http://localhost" };

beforeAll(async () => {
  await getTestDb();
});

const notFound = { status: 404 };

function assisted(values: Record<string, string>) {
  const parsed = assistedProfileSchema.safeParse({ visibility: "hidden", assistedConsent: "on", ...values });
  if (!parsed.success) throw new Error(JSON.stringify(parsed.error.issues));
  return { ...parsed.data, skills: [], desiredRoles: [], desiredRegionCodes: [], honours: [], certificates: [], jobTypes: [] };
}

function fairValue(regionCode: string) {
  const parsed = fairFormSchema.safeParse({
    title: "退役军人专场招聘会",
    mode: "online",
    regionCode,
    startsAt: "2030-03-01T09:00",
    endsAt: "2030-03-01T16:00",
    boothLimit: "10",
    slotMinutes: "15",
  });
  if (!parsed.success) throw new Error(JSON.stringify(parsed.error.issues));
  return parsed.data;
}

/** A county's rows: a hidden file with a phone and card, a pending organisation with a licence, a held posting, an application with a CV, an enrolment, a fair. */
async function countyRows(tx: Db, region: string) {
  const veteranUser = await createUser(tx, { role: "veteran" });
  const file = await createVeteranProfile(tx, {
    regionCode: region,
    userId: veteranUser.id,
    phone: "13800001234",
    visibility: "hidden",
    preferentialCardEncrypted: encrypt("YD320582000123", KEY),
  });
  const org = await createOrganization(tx, { regionCode: region, verificationStatus: "pending", licencePath: "missing.png", licenceMime: "image/png" });
  const verifiedOrg = await createOrganization(tx, { regionCode: region, verificationStatus: "verified" });
  const job = await createJobPosting(tx, { organizationId: verifiedOrg.id, regionCode: region, status: "published" });
  const held = await createJobPosting(tx, { organizationId: org.id, regionCode: region, status: "pending_review" });
  const draft = await createJobPosting(tx, { organizationId: verifiedOrg.id, regionCode: region, status: "draft" });
  const [application] = await tx
    .insert(applications)
    .values({ jobPostingId: job.id, veteranProfileId: file.id, cvPath: "missing.pdf", cvMime: "application/pdf" })
    .returning();
  const slot = await createTrainingSlot(tx, { regionCode: region, seatsTaken: 1 });
  const [enrolment] = await tx.insert(trainingEnrollments).values({ trainingSlotId: slot.id, veteranProfileId: file.id, status: "enrolled" }).returning();
  const fair = await createJobFair(tx, { regionCode: region });
  return { veteranUser, file, org, verifiedOrg, job, held, draft, application: application!, slot, enrolment: enrolment!, fair };
}

describe("region prefixes", () => {
  it("a region and everything below it share the prefix of its level", () => {
    expect(regionPrefix("320000")).toBe("32");
    expect(regionPrefix("320500")).toBe("3205");
    expect(regionPrefix("320582")).toBe("320582");
    expect(regionPrefix("320582100")).toBe("320582100");
    expect(regionPrefix("320582100004")).toBe("320582100004");
    // 东莞市 has towns straight under the city
    expect(regionPrefix("441900")).toBe("4419");
  });
});

describe("access sweep: county A staff against county B", () => {
  it("veterans' files: read, search, assisted save, card verification", () =>
    withRollback(async (tx) => {
      const { user: staffA } = await createStationStaff(tx, { tier: "county", regionCode: A });
      const a = await countyRows(tx, A);
      const b = await countyRows(tx, B);
      // inside A: allowed
      expect((await getProfileForStaff(tx, staffA, a.file.id, KEY)).id).toBe(a.file.id);
      // B: a 404, and no audit row claims a read happened
      await expect(getProfileForStaff(tx, staffA, b.file.id, KEY)).rejects.toMatchObject(notFound);
      await expect(saveProfileAssisted(tx, staffA, b.file.id, assisted({ fullName: "改名", regionCode: B }), KEY)).rejects.toMatchObject(notFound);
      await expect(setVeteranStatusVerified(tx, staffA, b.file.id, true)).rejects.toMatchObject(notFound);
      expect((await setVeteranStatusVerified(tx, staffA, a.file.id, true)).verified).toBe(true);
      const [unchanged] = await tx.select().from(veteranProfiles).where(eq(veteranProfiles.id, b.file.id));
      expect(unchanged!.fullName).toBe(b.file.fullName);
      expect(unchanged!.veteranStatusVerifiedAt).toBeNull();
      const reads = await tx.select().from(auditLog).where(eq(auditLog.subjectId, b.file.id));
      expect(reads).toEqual([]);

      // search: A's file is listed, B's never (not even by its phone number or by asking for B's region)
      const all = await searchVeteransForStaff(tx, staffA, { pageSize: 100 });
      expect(all.rows.map((r) => r.id)).toContain(a.file.id);
      expect(all.rows.map((r) => r.id)).not.toContain(b.file.id);
      expect((await searchVeteransForStaff(tx, staffA, { q: b.file.fullName })).total).toBe(0);
      expect((await searchVeteransForStaff(tx, staffA, { region: B })).total).toBe(0);

      // an assisted file cannot be created in B; one created without a region is placed at the station
      await expect(saveProfileAssisted(tx, staffA, null, assisted({ fullName: "外县退役军人", regionCode: B }), KEY)).rejects.toMatchObject({
        code: "stations:errors.regionOutsideStation",
      });
      const placed = await saveProfileAssisted(tx, staffA, null, assisted({ fullName: "本县退役军人" }), KEY);
      expect(placed.regionCode).toBe(A);
      // nor can A's file be moved out to B
      await expect(saveProfileAssisted(tx, staffA, a.file.id, assisted({ fullName: a.file.fullName, regionCode: B }), KEY)).rejects.toMatchObject({ status: 403 });
    }));

  it("applications, CVs and training enrolments follow the veteran's region", () =>
    withRollback(async (tx) => {
      const { user: staffA } = await createStationStaff(tx, { tier: "county", regionCode: A });
      const a = await countyRows(tx, A);
      const b = await countyRows(tx, B);
      expect((await getApplicationForEmployer(tx, staffA, a.application.id)).application.id).toBe(a.application.id);
      await expect(getApplicationForEmployer(tx, staffA, b.application.id)).rejects.toMatchObject(notFound);
      await expect(getCvForDownload(tx, staffA, b.application.id)).rejects.toMatchObject(notFound);
      await expect(listJobApplications(tx, staffA, b.job.id)).rejects.toMatchObject(notFound);
      // a veteran of B who applied to a job in A is not listed to A's staff
      await tx.insert(applications).values({ jobPostingId: a.job.id, veteranProfileId: b.file.id });
      const listed = await listJobApplications(tx, staffA, a.job.id);
      expect(listed.applications.map((r) => r.applicantName)).toEqual([a.file.fullName]);
      await expect(cancelEnrollment(tx, staffA, b.enrolment.id, mail)).rejects.toMatchObject(notFound);
      const [still] = await tx.select().from(trainingEnrollments).where(eq(trainingEnrollments.id, b.enrolment.id));
      expect(still!.status).toBe("enrolled");
      expect((await cancelEnrollment(tx, staffA, a.enrolment.id, mail)).status).toBe("cancelled");
    }));

  it("organisations: verification queue, verify, reject, badges, licence, profile edits", () =>
    withRollback(async (tx) => {
      const { user: staffA } = await createStationStaff(tx, { tier: "county", regionCode: A });
      const a = await countyRows(tx, A);
      const b = await countyRows(tx, B);
      const queue = await listOrganizationsForReview(tx, staffA, { pageSize: 100 });
      expect(queue.items.map((o) => o.id)).toContain(a.org.id);
      expect(queue.items.map((o) => o.id)).not.toContain(b.org.id);
      await expect(verifyOrganization(tx, staffA, b.org.id, mail)).rejects.toMatchObject(notFound);
      await expect(rejectOrganization(tx, staffA, b.org.id, "材料不全", mail)).rejects.toMatchObject(notFound);
      await expect(setOrganizationBadge(tx, staffA, b.verifiedOrg.id, "退役军人就业创业示范基地", true)).rejects.toMatchObject(notFound);
      await expect(getOrganizationLicence(tx, staffA, b.org.id)).rejects.toMatchObject(notFound);
      await expect(getOrganizationForEdit(tx, staffA, b.org.id)).rejects.toMatchObject(notFound);
      await expect(updateOrganizationProfile(tx, staffA, b.org.id, { name: "改名单位", kind: "employer" })).rejects.toMatchObject(notFound);
      const [org] = await tx.select().from(organizations).where(eq(organizations.id, b.org.id));
      expect(org!.verificationStatus).toBe("pending");
      expect((await verifyOrganization(tx, staffA, a.org.id, mail)).organizationName).toBe(a.org.name);
      expect((await getOrganizationForEdit(tx, staffA, a.org.id)).id).toBe(a.org.id);
    }));

  it("postings: moderation queue, approve, reject, take down, unpublished pages; training slots", () =>
    withRollback(async (tx) => {
      const { user: staffA } = await createStationStaff(tx, { tier: "county", regionCode: A });
      const a = await countyRows(tx, A);
      const b = await countyRows(tx, B);
      const pending = await listPendingJobPostings(tx, staffA);
      expect(pending.items.map((p) => p.id)).toContain(a.held.id);
      expect(pending.items.map((p) => p.id)).not.toContain(b.held.id);
      await expect(approveJobPosting(tx, staffA, b.held.id, mail)).rejects.toMatchObject(notFound);
      await expect(rejectJobPosting(tx, staffA, b.held.id, "收费岗位", mail)).rejects.toMatchObject(notFound);
      await expect(closeJobPosting(tx, staffA, b.job.id)).rejects.toMatchObject(notFound);
      await expect(getJobPostingView(tx, staffA, b.draft.id)).rejects.toMatchObject(notFound);
      expect((await getJobPostingView(tx, staffA, a.draft.id)).id).toBe(a.draft.id);
      expect((await closeJobPosting(tx, staffA, a.job.id)).status).toBe("closed");
      await expect(getTrainingSlotForEdit(tx, staffA, b.slot.id)).rejects.toMatchObject(notFound);
    }));

  it("imports: rows and existing files outside the station are refused; runs of other regions are invisible", () =>
    withRollback(async (tx) => {
      const { user: staffA } = await createStationStaff(tx, { tier: "county", regionCode: A });
      const { user: staffB } = await createStationStaff(tx, { tier: "county", regionCode: B });
      await ensureRegions(tx, [A, B]);
      const existingB = await createVeteranProfile(tx, { regionCode: B, externalId: `scope-b-${randomBytes(3).toString("hex")}` });
      const header = "external_id,name,region_code,visibility\n";
      const csv = `${header}scope-a-1,本县一,${A},hidden\nscope-b-1,外县一,${B},hidden\n${existingB.externalId},覆盖外县,${A},hidden\n`;
      const { done } = await startImport(tx, staffA, { kind: "veterans", filename: "v.csv", bytes: new TextEncoder().encode(csv), dryRun: false });
      const run = await done;
      expect(run.createdCount).toBe(1);
      expect(run.errors.map((e) => [e.line, e.message])).toEqual([
        [3, "errors.regionOutsideStation"],
        [4, "errors.profileOutsideStation"],
      ]);
      const [kept] = await tx.select().from(veteranProfiles).where(eq(veteranProfiles.id, existingB.id));
      expect(kept!.fullName).toBe(existingB.fullName);
      const jobs = `external_id,organization,title,category,region_code\nscope-job-b,外县公司,外县岗位,other,${B}\n`;
      const jobRun = await (await startImport(tx, staffA, { kind: "jobs", filename: "j.csv", bytes: new TextEncoder().encode(jobs), dryRun: false })).done;
      expect(jobRun.errors.map((e) => e.message)).toEqual(["errors.regionOutsideStation"]);
      // B's run: not readable, not listed
      const runB = await (await startImport(tx, staffB, { kind: "veterans", filename: "b.csv", bytes: new TextEncoder().encode(`${header}scope-b-2,外县二,${B},hidden\n`), dryRun: false })).done;
      await expect(getImportRun(tx, staffA, runB.id)).rejects.toMatchObject(notFound);
      expect((await listImportRuns(tx, staffA, 100)).map((r) => r.id)).not.toContain(runB.id);
      expect((await listImportRuns(tx, staffA, 100)).map((r) => r.id)).toContain(run.id);
      expect((await getImportRun(tx, staffB, runB.id)).id).toBe(runB.id);
      const [stored] = await tx.select().from(importRuns).where(eq(importRuns.id, runB.id));
      expect(stored!.createdCount).toBe(1);
    }));

  it("fairs and park applications", () =>
    withRollback(async (tx) => {
      const { user: staffA } = await createStationStaff(tx, { tier: "county", regionCode: A });
      const a = await countyRows(tx, A);
      const b = await countyRows(tx, B);
      await expect(requireManagedFair(tx, staffA, b.fair.id)).rejects.toMatchObject({ status: 403 });
      expect((await requireManagedFair(tx, staffA, a.fair.id)).id).toBe(a.fair.id);
      const hosted = (await listHostedFairs(tx, staffA)).map((f) => f.id);
      expect(hosted).toContain(a.fair.id);
      expect(hosted).not.toContain(b.fair.id);
      expect((await getFair(tx, b.fair.id, staffA)).canManage).toBe(false);
      await expect(createFair(tx, staffA, fairValue(B))).rejects.toMatchObject({ status: 403 });
      expect((await createFair(tx, staffA, fairValue(A))).regionCode).toBe(A);

      const { manager } = await park(tx, "西安退役军人创业园", true, B);
      const pkg = await createPackage(tx, manager, packageValue());
      const founder = await createUser(tx, { role: "veteran" });
      const [venture] = await tx.insert(ventures).values({ founderUserId: founder.id, name: "老兵物流", stage: "idea", sector: "物流" }).returning();
      const [app] = await tx
        .insert(startupApplications)
        .values({ packageId: pkg.id, ventureId: venture!.id })
        .returning();
      await expect(assertApplicationAccess(tx, staffA, app!.id)).rejects.toMatchObject(notFound);
    }));

  it("outcome figures: their own region by default, never another county's", () =>
    withRollback(async (tx) => {
      const { user: staffA } = await createStationStaff(tx, { tier: "county", regionCode: A });
      await countyRows(tx, A);
      await countyRows(tx, B);
      await ensureRegions(tx, [A_TOWN]);
      const period = { from: new Date("2020-01-01"), to: new Date("2100-01-01") };
      const own = await getOutcomeReport(tx, staffA, period);
      expect(own.region?.code).toBe(A);
      expect(own.total.counts.veteransRegistered).toBeGreaterThanOrEqual(1);
      await expect(getOutcomeReport(tx, staffA, { ...period, regionCode: B })).rejects.toMatchObject(notFound);
      await expect(getOutcomeReport(tx, staffA, { ...period, regionCode: "320000" })).rejects.toMatchObject(notFound);
      expect((await getOutcomeReport(tx, staffA, { ...period, regionCode: A_TOWN })).region?.code).toBe(A_TOWN);
    }));
});

describe("tiers", () => {
  it("a town station sees its own town and villages, not the county level or a neighbouring town", () =>
    withRollback(async (tx) => {
      const { user: townStaff } = await createStationStaff(tx, { tier: "town", regionCode: A_TOWN });
      const { user: villageStaff } = await createStationStaff(tx, { tier: "village", regionCode: A_VILLAGE });
      const { user: countyStaff } = await createStationStaff(tx, { tier: "county", regionCode: A });
      const village = await createVeteranProfile(tx, { regionCode: A_VILLAGE });
      const town = await createVeteranProfile(tx, { regionCode: A_TOWN });
      const otherTown = await createVeteranProfile(tx, { regionCode: A_OTHER_TOWN });
      const countyLevel = await createVeteranProfile(tx, { regionCode: A });
      const ids = async (actor: typeof townStaff) => (await searchVeteransForStaff(tx, actor, { pageSize: 100 })).rows.map((r) => r.id);
      const townSees = await ids(townStaff);
      expect(townSees).toEqual(expect.arrayContaining([village.id, town.id]));
      expect(townSees).not.toContain(otherTown.id);
      expect(townSees).not.toContain(countyLevel.id);
      const villageSees = await ids(villageStaff);
      expect(villageSees).toContain(village.id);
      expect(villageSees).not.toContain(town.id);
      expect(await ids(countyStaff)).toEqual(expect.arrayContaining([village.id, town.id, otherTown.id, countyLevel.id]));
      await expect(getProfileForStaff(tx, townStaff, otherTown.id, KEY)).rejects.toMatchObject(notFound);
      // a village station's new file is placed in its village
      const placed = await saveProfileAssisted(tx, villageStaff, null, assisted({ fullName: "村里的老兵", regionCode: A }), KEY);
      expect(placed.regionCode).toBe(A_VILLAGE);
      const [row] = await tx.select().from(regions).where(eq(regions.code, A_VILLAGE));
      expect(row).toMatchObject({ level: 5, parentCode: A_TOWN });
    }));

  it("a staff account without a station acts nowhere; a provincial bureau sees its counties; admins see all", () =>
    withRollback(async (tx) => {
      const loose = await createUser(tx, { role: "staff", stationId: null });
      await expect(searchVeteransForStaff(tx, loose, {})).rejects.toMatchObject({ status: 403, code: "stations:errors.noStation" });
      await expect(listOrganizationsForReview(tx, loose)).rejects.toMatchObject({ status: 403 });
      const admin = await createUser(tx, { role: "admin" });
      const province = await createStation(tx, admin, { name: "江苏省退役军人事务厅", tier: "bureau", regionCode: "320000" });
      const provincial = await createUser(tx, { role: "staff", stationId: province.id });
      const a = await createVeteranProfile(tx, { regionCode: A });
      const b = await createVeteranProfile(tx, { regionCode: B });
      expect((await getProfileForStaff(tx, provincial, a.id, KEY)).id).toBe(a.id);
      await expect(getProfileForStaff(tx, provincial, b.id, KEY)).rejects.toMatchObject(notFound);
      expect((await getProfileForStaff(tx, admin, b.id, KEY)).id).toBe(b.id);
      expect((await staffScope(tx, admin)).prefix).toBeNull();
    }));
});

describe("admin: stations and assignment", () => {
  it("creates stations per tier with a region of that level, assigns and moves staff, audited", () =>
    withRollback(async (tx) => {
      const admin = await createUser(tx, { role: "admin" });
      await ensureRegions(tx, [A_TOWN, B]);
      await expect(createStation(tx, admin, { name: "错误的县中心", tier: "county", regionCode: A_TOWN })).rejects.toMatchObject({
        code: "stations:errors.regionLevel.county",
      });
      await expect(createStation(tx, admin, { name: "没有地区", tier: "town" })).rejects.toMatchObject({ code: "stations:errors.regionRequired" });
      const county = await createStation(tx, admin, { name: "新城区退役军人服务中心", tier: "county", regionCode: B });
      const village = await createStation(tx, admin, { name: "花园浜社区服务站", tier: "village", regionCode: A_VILLAGE });
      expect(village).toMatchObject({ kind: "service_station", stationTier: "village", regionCode: A_VILLAGE, verificationStatus: "verified" });
      const staff = await createUser(tx, { role: "staff", stationId: null });
      await expect(createStation(tx, staff, { name: "越权", tier: "county", regionCode: A })).rejects.toMatchObject({ status: 403 });
      await expect(assignStaffStation(tx, staff, { userId: staff.id, stationId: county.id })).rejects.toMatchObject({ status: 403 });

      await assignStaffStation(tx, admin, { userId: staff.id, stationId: county.id });
      const b = await createVeteranProfile(tx, { regionCode: B });
      const a = await createVeteranProfile(tx, { regionCode: A_VILLAGE });
      expect((await getProfileForStaff(tx, staff, b.id, KEY)).id).toBe(b.id);
      await expect(getProfileForStaff(tx, staff, a.id, KEY)).rejects.toMatchObject(notFound);
      // moved: one station at a time
      await assignStaffStation(tx, admin, { userId: staff.id, stationId: village.id });
      expect((await getProfileForStaff(tx, staff, a.id, KEY)).id).toBe(a.id);
      await expect(getProfileForStaff(tx, staff, b.id, KEY)).rejects.toMatchObject(notFound);
      const listed = (await listStaffWithStations(tx, admin)).find((s) => s.id === staff.id);
      expect(listed?.station?.id).toBe(village.id);
      const audits = await tx.select().from(auditLog).where(eq(auditLog.subjectId, staff.id));
      expect(audits.map((r) => r.action)).toEqual(["staff.station.assign", "staff.station.assign"]);
      // a veteran account cannot be made station staff
      const veteran = await createUser(tx, { role: "veteran" });
      await expect(assignStaffStation(tx, admin, { userId: veteran.id, stationId: county.id })).rejects.toMatchObject({ code: "stations:errors.notStaff" });
      await assignStaffStation(tx, admin, { userId: staff.id, stationId: null });
      await expect(getProfileForStaff(tx, staff, a.id, KEY)).rejects.toMatchObject({ status: 403 });
    }));
});
