import express, { type Router } from "express";
import { z } from "zod";
import type { Db } from "../db/client";
import { APPLICATION_STATUSES, LOCALES, ORGANIZATION_KINDS, ROLES, STATION_TIERS, VERIFICATION_STATUSES, VISIBILITIES } from "../db/enums";
import { applicationEvents, applications } from "../db/schema";
import { fairSlots } from "../db/schema-fairs";
import { incubatorPackages } from "../db/incubator-schema";
import {
  createFairBooth,
  createJobFair,
  createJobPosting,
  createOrganization,
  createServiceStation,
  createTrainingSlot,
  createUser,
  createVeteranProfile,
  uniqueSuffix,
} from "../db/factories";
import { enqueueSearchSync } from "../search/sync";
import { scheduleFollowUps } from "../app/models/follow-ups.server";

/**
 * Rows for the end-to-end tests, made through the same factories the integration tests use, so every test creates
 * its own accounts and rows instead of depending on the demo seed. Mounted only by scripts/e2e-server.mjs
 * (E2E_FIXTURES=true and NODE_ENV=test); a production server never has it.
 */
export const E2E_PASSWORD = "E2e-password-1";

const accountSchema = z.object({
  role: z.enum(ROLES),
  locale: z.enum(LOCALES).default("zh-CN"),
  displayName: z.string().min(1).max(80).optional(),
  /** An organisation the account is a member (owner) of. */
  organization: z
    .object({
      name: z.string().min(1).max(120).optional(),
      kind: z.enum(ORGANIZATION_KINDS).default("employer"),
      verificationStatus: z.enum(VERIFICATION_STATUSES).default("verified"),
    })
    .optional(),
  /**
   * Staff only: the station the account belongs to — a new station of this tier and region, or `none` (no station:
   * the account acts nowhere). Without it, staff belong to the national test bureau (they act everywhere).
   */
  station: z
    .union([z.literal("none"), z.object({ tier: z.enum(STATION_TIERS), regionCode: z.string().regex(/^\d{6}(\d{3}){0,2}$/), name: z.string().max(120).optional() })])
    .optional(),
  /** A veteran profile of the account, sent to the search index. */
  profile: z
    .object({
      fullName: z.string().min(1).max(40).optional(),
      regionCode: z.string().default("320582"),
      specialty: z.string().default("汽车驾驶员"),
      skills: z.array(z.string()).default(["驾驶"]),
      desiredRoles: z.array(z.string()).default([]),
      desiredRegionCodes: z.array(z.string()).default([]),
      visibility: z.enum(VISIBILITIES).default("public"),
      phone: z.string().max(20).optional(),
    })
    .optional(),
});

const jobSchema = z.object({
  organizationId: z.string().uuid(),
  title: z.string().min(1).max(120),
  description: z.string().max(4000).default("岗位描述"),
  category: z.string().default("logistics_transport"),
  skills: z.array(z.string()).default([]),
  regionCode: z.string().default("320582"),
  salaryMin: z.number().int().default(6000),
  salaryMax: z.number().int().default(9000),
});

const trainingSchema = z.object({
  organizationId: z.string().uuid(),
  title: z.string().min(1).max(120),
  capacity: z.number().int().min(1).default(30),
  feeFen: z.number().int().min(0).default(0),
  subsidyFen: z.number().int().min(0).default(0),
  regionCode: z.string().default("320582"),
});

const applicationSchema = z.object({
  jobPostingId: z.string().uuid(),
  veteranProfileId: z.string().uuid(),
  status: z.enum(APPLICATION_STATUSES).default("applied"),
  coverNote: z.string().max(2000).default("我在部队从事汽车驾驶工作多年，希望应聘这个岗位。"),
  /** How long ago it arrived (an application 14+ days old and still `applied` is overdue). */
  daysAgo: z.number().min(0).default(0),
});

const fairSchema = z.object({
  /** Booth organisations (verified employers), each with its representatives and postings shown at the booth. */
  booths: z
    .array(z.object({ organizationId: z.string().uuid(), repUserIds: z.array(z.string().uuid()).default([]), postingIds: z.array(z.string().uuid()).default([]), slots: z.number().int().min(0).max(20).default(3) }))
    .default([]),
  title: z.string().max(120).optional(),
  regionCode: z.string().default("320582"),
});

const incubatorPackageSchema = z.object({
  /** A verified `incubator_park` organisation (createAccount with organization.kind "incubator_park"). */
  organizationId: z.string().uuid(),
  title: z.string().min(1).max(120),
  capacity: z.number().int().min(1).default(10),
  priceFen: z.number().int().min(0).default(600_000),
  /** Basis points of the price the veteran subsidy covers. */
  subsidyPercentBp: z.number().int().min(0).max(10_000).default(5_000),
  mentoringHours: z.number().int().min(0).default(4),
  regionCode: z.string().default("320582"),
});

export function e2eFixtures(db: Db): Router {
  const router = express.Router();
  router.use(express.json());
  router.post("/accounts", async (req, res, next) => {
    try {
      const input = accountSchema.parse(req.body);
      const suffix = uniqueSuffix();
      const email = `e2e-${input.role}-${suffix}@example.com`;
      const station =
        input.role === "staff" && input.station && input.station !== "none" ? await createServiceStation(db, input.station) : null;
      const user = await createUser(db, {
        email,
        role: input.role,
        locale: input.locale,
        password: E2E_PASSWORD,
        displayName: input.displayName ?? `测试${input.role} ${suffix}`,
        ...(input.station === "none" ? { stationId: null } : station ? { stationId: station.id } : {}),
      });
      const org = input.organization
        ? await createOrganization(db, {
            ownerUserId: user.id,
            kind: input.organization.kind,
            verificationStatus: input.organization.verificationStatus,
            name: input.organization.name ?? `测试单位 ${suffix}`,
          })
        : null;
      const profile = input.profile
        ? await createVeteranProfile(db, {
            ...input.profile,
            userId: user.id,
            fullName: input.profile.fullName ?? user.displayName,
            consentAt: input.profile.visibility === "hidden" ? null : new Date(),
            consentVersion: input.profile.visibility === "hidden" ? null : "2026-01",
          })
        : null;
      if (profile) await enqueueSearchSync(db, "veteran_profiles", [profile.id]);
      res.json({
        email,
        password: E2E_PASSWORD,
        userId: user.id,
        organizationId: org?.id ?? null,
        organizationName: org?.name ?? null,
        profileId: profile?.id ?? null,
        stationId: station?.id ?? null,
        stationName: station?.name ?? null,
      });
    } catch (error) {
      next(error);
    }
  });
  router.post("/jobs", async (req, res, next) => {
    try {
      const input = jobSchema.parse(req.body);
      const job = await createJobPosting(db, input);
      await enqueueSearchSync(db, "jobs", [job.id]);
      res.json({ id: job.id, title: job.title });
    } catch (error) {
      next(error);
    }
  });
  router.post("/training", async (req, res, next) => {
    try {
      const input = trainingSchema.parse(req.body);
      const slot = await createTrainingSlot(db, input);
      await enqueueSearchSync(db, "training_slots", [slot.id]);
      res.json({ id: slot.id, title: slot.title });
    } catch (error) {
      next(error);
    }
  });
  /** An application as the veteran's apply would leave it (no mail), optionally older or further along. */
  router.post("/applications", async (req, res, next) => {
    try {
      const input = applicationSchema.parse(req.body);
      const createdAt = new Date(Date.now() - input.daysAgo * 86_400_000);
      const [row] = await db
        .insert(applications)
        .values({ jobPostingId: input.jobPostingId, veteranProfileId: input.veteranProfileId, status: input.status, coverNote: input.coverNote, createdAt, updatedAt: createdAt })
        .returning({ id: applications.id });
      await db.insert(applicationEvents).values({ applicationId: row!.id, status: "applied", createdAt });
      // A hire as the model records one: its event, and the station's follow-ups at 1, 3 and 6 months from then.
      if (input.status === "hired") {
        await db.insert(applicationEvents).values({ applicationId: row!.id, status: "hired", createdAt });
        await scheduleFollowUps(db, { source: "hire", veteranProfileId: input.veteranProfileId, applicationId: row!.id, placedAt: createdAt });
      }
      res.json({ id: row!.id });
    } catch (error) {
      next(error);
    }
  });
  /** A published workspace package of a park, sent to the search index like the park's own form would. */
  router.post("/incubator-packages", async (req, res, next) => {
    try {
      const input = incubatorPackageSchema.parse(req.body);
      const [row] = await db
        .insert(incubatorPackages)
        .values({
          organizationId: input.organizationId,
          kind: "workspace",
          title: input.title,
          description: "开放式工位，含会议室和路演厅",
          regionCode: input.regionCode,
          capacity: input.capacity,
          desks: input.capacity,
          mentoringHours: input.mentoringHours,
          termMonths: 12,
          priceFen: input.priceFen,
          subsidyKind: input.subsidyPercentBp > 0 ? "percent" : "none",
          subsidyValue: input.subsidyPercentBp,
          subsidyPayer: input.subsidyPercentBp > 0 ? "区退役军人事务局" : null,
          requirements: "商业计划书",
          intakeDates: ["2030-03-01"],
          status: "published",
        })
        .returning({ id: incubatorPackages.id, title: incubatorPackages.title });
      await enqueueSearchSync(db, "incubator_packages", [row!.id]);
      res.json(row);
    } catch (error) {
      next(error);
    }
  });
  router.post("/fairs", async (req, res, next) => {
    try {
      const input = fairSchema.parse(req.body);
      const now = Date.now();
      const hour = 3600_000;
      const staff = await createUser(db, { role: "staff", email: `e2e-fair-host-${uniqueSuffix()}@example.com` });
      const fair = await createJobFair(db, {
        title: input.title ?? `测试招聘会 ${uniqueSuffix()}`,
        mode: "hybrid",
        venue: "张家港市人力资源市场",
        regionCode: input.regionCode,
        status: "published",
        startsAt: new Date(now - hour),
        endsAt: new Date(now + 8 * hour),
        slotMinutes: 15,
      });
      const booths = [];
      for (const b of input.booths) {
        const booth = await createFairBooth(db, { fairId: fair.id, organizationId: b.organizationId, postingIds: b.postingIds, repUserIds: b.repUserIds, decidedByUserId: staff.id });
        const first = new Date(Math.ceil((now + 2 * hour) / (15 * 60_000)) * 15 * 60_000);
        if (b.slots) {
          await db.insert(fairSlots).values(
            Array.from({ length: b.slots }, (_, i) => ({ boothId: booth.id, startsAt: new Date(first.getTime() + i * 15 * 60_000), endsAt: new Date(first.getTime() + (i + 1) * 15 * 60_000) })),
          );
        }
        booths.push({ id: booth.id, token: booth.checkInToken });
      }
      res.json({ fairId: fair.id, title: fair.title, booths });
    } catch (error) {
      next(error);
    }
  });
  return router;
}
