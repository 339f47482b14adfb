import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { hashPassword } from "../app/utils/password.server";
import type { Db } from "./client";
import { DEMO_ORGANIZATIONS } from "./demo/organizations";
import { completeCreditCode } from "../app/utils/credit-code";
import { DEMO_JOBS } from "./demo/jobs";
import { DEMO_COUNTY_CODES, placeByCode } from "./demo/places";
import { ensureDemoLiveFair } from "./demo/live-fair";
import { DEMO_JOB_FAIRS, DEMO_TRAINING_SLOTS } from "./demo/training-and-fairs";
import { DEMO_VETERANS } from "./demo/veterans";
import { DEMO_PACKAGES, DEMO_STARTUPS } from "./demo/parks";
import { incubatorPackages, startupApplicationEvents, startupApplications, ventures } from "./incubator-schema";
import {
  createJobFair,
  createJobPosting,
  createOrganization,
  createTrainingSlot,
  createUser,
  createVeteranProfile,
  type UserRole,
} from "./factories";
import { loadRegions, loadTownsOf } from "./regions";
import { searchOutbox, users } from "./schema";

export const DEMO_PASSWORD = "Rongye2026!";

export interface DemoAccount {
  role: UserRole;
  email: string;
  password: string;
}

interface DemoAccountSpec extends DemoAccount {
  displayName: string;
  /** The organisation (by demo key) this account belongs to. */
  org?: string;
}

const ACCOUNT_SPECS: DemoAccountSpec[] = [
  { role: "veteran", email: "veteran@demo.rongye.cn", password: DEMO_PASSWORD, displayName: "陈志强" },
  { role: "employer", email: "employer@demo.rongye.cn", password: DEMO_PASSWORD, displayName: "王芳（港城智运人事）", org: "zjg-logistics" },
  { role: "incubator", email: "park@demo.rongye.cn", password: DEMO_PASSWORD, displayName: "刘建国（兵哥哥创业园）", org: "zjg-bingge-park" },
  { role: "staff", email: "staff@demo.rongye.cn", password: DEMO_PASSWORD, displayName: "周敏（张家港市退役军人服务中心）", org: "zjg-service-centre" },
  { role: "admin", email: "admin@demo.rongye.cn", password: DEMO_PASSWORD, displayName: "平台管理员" },
];

export const DEMO_ACCOUNTS: DemoAccount[] = ACCOUNT_SPECS.map(({ role, email, password }) => ({ role, email, password }));
/** The seed's marker: when this account exists the demo data is considered present. */
export const DEMO_MARKER_EMAIL = "admin@demo.rongye.cn";

/** Search index names written to search_outbox (the search module owns their definitions). */
export const SEARCH_INDEX = { jobs: "jobs", trainingSlots: "training_slots", veteranProfiles: "veteran_profiles" } as const;

export interface SeedOptions {
  log?: (message: string) => void;
  /** Load all ~41,000 towns (about 2 s on PGlite). Default true; when false only the demo counties' towns are loaded. */
  towns?: boolean;
  /** The reference time for relative dates (fairs, courses, publication); default now. */
  now?: Date;
  /**
   * "demo" (default): the README's published password, for development. "random": a fresh random password per
   * account, returned in the result once and stored nowhere else (a production that asked to be seeded).
   */
  passwords?: "demo" | "random";
}

export interface SeedResult {
  created: boolean;
  accounts: DemoAccount[];
  counts?: Record<string, number>;
}

const DAY_MS = 86_400_000;
const BEIJING_OFFSET_HOURS = 8;

/** `days` after `now`, at `hour` o'clock Beijing time. */
function beijingDay(now: Date, days: number, hour: number): Date {
  const d = new Date(now.getTime() + days * DAY_MS);
  d.setUTCHours(hour - BEIJING_OFFSET_HOURS, 0, 0, 0);
  return d;
}

/** Deterministic small offset (±0.01°) so demo rows of one county do not share a point. */
function jitter(i: number, salt: number): number {
  return (((i * 37 + salt * 17) % 100) - 50) / 5000;
}

function coordinates(regionCode: string, i: number): { lat: string | null; lng: string | null } {
  const place = placeByCode(regionCode);
  if (!place) return { lat: null, lng: null };
  return { lat: (place.lat + jitter(i, 1)).toFixed(5), lng: (place.lng + jitter(i, 2)).toFixed(5) };
}

/**
 * Load regions, then (once) the demo organisations, accounts, veterans, jobs, courses and fairs, with a
 * search_outbox row for every searchable record. Running it again changes nothing.
 */
export async function seed(db: Db, options: SeedOptions = {}): Promise<SeedResult> {
  const log = options.log ?? (() => {});
  const now = options.now ?? new Date();
  const towns = options.towns ?? true;

  let started = performance.now();
  const loaded = await loadRegions(db, { towns });
  if (!towns) await loadTownsOf(db, DEMO_COUNTY_CODES);
  log(
    loaded.skipped
      ? `regions: ${loaded.expected} already present`
      : `regions: ${loaded.inserted} inserted of ${loaded.expected} in ${Math.round(performance.now() - started)} ms`,
  );

  if (await demoPresent(db)) {
    const fair = await ensureDemoLiveFair(db, now, options.passwords === "random" ? randomBytes(12).toString("base64url") : DEMO_PASSWORD);
    log(`demo data already present; live demo fair ${fair}`);
    return { created: false, accounts: DEMO_ACCOUNTS };
  }

  started = performance.now();
  const accounts: DemoAccount[] = DEMO_ACCOUNTS.map((a) => ({
    ...a,
    password: options.passwords === "random" ? randomBytes(12).toString("base64url") : a.password,
  }));
  const hashes = await Promise.all(accounts.map((a) => hashPassword(a.password)));
  // The demo founders exist only to own their ventures: nobody knows their password.
  const founderHash = await hashPassword(randomBytes(18).toString("base64url"));

  const counts = await db.transaction(async (txRaw) => {
    const tx = txRaw as unknown as Db;
    if (await demoPresent(tx)) return undefined; // a concurrent seed got there first

    const userIds = new Map<UserRole, string>();
    const ownerOf = new Map<string, string>();
    for (const [i, a] of ACCOUNT_SPECS.entries()) {
      const user = await createUser(tx, {
        email: a.email,
        role: a.role,
        passwordHash: hashes[i],
        displayName: a.displayName,
        locale: "zh-CN",
        verified: true,
        // The demo staff member belongs to the Zhangjiagang service centre (its organisation below), nothing else.
        stationId: null,
      });
      userIds.set(a.role, user.id);
      if (a.org) ownerOf.set(a.org, user.id);
    }

    const orgIds = new Map<string, string>();
    for (const [i, o] of DEMO_ORGANIZATIONS.entries()) {
      // A fictional but well-formed 统一社会信用代码 (GB 32100 check character) in the organisation's county.
      const creditCode = completeCreditCode(`9${o.kind === "employer" ? "1" : "2"}${o.regionCode.slice(0, 6)}MA${String(1000000 + i).slice(-7)}`);
      const org = await createOrganization(tx, {
        creditCode,
        kind: o.kind,
        name: o.name,
        regionCode: o.regionCode,
        address: o.address,
        description: o.description,
        website: o.website ?? null,
        verificationStatus: o.verified ? "verified" : "pending",
        badges: o.badges ?? [],
        stationTier: o.stationTier ?? null,
        externalId: `demo-org-${o.key}`,
        // Every organisation account is its organisation's owner, so whichever membership check a model uses passes.
        ownerUserId: ownerOf.get(o.key),
      });
      orgIds.set(o.key, org.id);
    }
    const orgId = (key: string): string => {
      const id = orgIds.get(key);
      if (!id) throw new Error(`demo data refers to unknown organisation ${key}`);
      return id;
    };

    const outbox: { indexName: string; documentId: string }[] = [];

    for (const [i, v] of DEMO_VETERANS.entries()) {
      const optedIn = v.visibility !== "hidden";
      const profile = await createVeteranProfile(tx, {
        userId: v.key === "demo-veteran" ? userIds.get("veteran") : null,
        externalId: `demo-vet-${v.key}`,
        fullName: v.fullName,
        phone: `1380000${String(i + 1).padStart(4, "0")}`,
        contactEmail: v.key === "demo-veteran" ? "veteran@demo.rongye.cn" : null,
        regionCode: v.regionCode,
        branch: v.branch,
        specialty: v.specialty,
        rank: v.rank,
        yearsServed: v.yearsServed,
        dischargeYear: v.dischargeYear,
        honours: v.honours ?? [],
        education: v.education,
        certificates: v.certificates ?? [],
        skills: v.skills,
        desiredRoles: v.desiredRoles,
        desiredRegionCodes: v.desiredRegionCodes,
        salaryMin: v.salaryMin,
        jobTypes: v.jobTypes,
        visibility: v.visibility,
        consentAt: optedIn ? new Date(now.getTime() - (10 + i) * DAY_MS) : null,
        consentVersion: optedIn ? "2026-01" : null,
      });
      if (optedIn) outbox.push({ indexName: SEARCH_INDEX.veteranProfiles, documentId: profile.id });
    }

    const benefitsOf = new Map(DEMO_ORGANIZATIONS.map((o) => [o.key, o.benefits]));
    const regionOf = new Map(DEMO_ORGANIZATIONS.map((o) => [o.key, o.regionCode]));
    for (const [i, j] of DEMO_JOBS.entries()) {
      const status = j.status ?? "published";
      const regionCode = j.regionCode ?? regionOf.get(j.org)!;
      const publishedAt = status === "published" ? new Date(now.getTime() - (i % 21) * DAY_MS) : null;
      const benefits = benefitsOf.get(j.org);
      const job = await createJobPosting(tx, {
        organizationId: orgId(j.org),
        externalId: `demo-job-${String(i + 1).padStart(3, "0")}`,
        title: j.title,
        description: [`岗位职责：${j.duties}`, `任职要求：${j.requirements}`, benefits ? `福利待遇：${benefits}` : null]
          .filter(Boolean)
          .join("\n"),
        category: j.category,
        skills: j.skills,
        regionCode,
        ...coordinates(regionCode, i),
        salaryMin: j.salary[0],
        salaryMax: j.salary[1],
        jobType: j.jobType ?? "full_time",
        headcount: j.headcount,
        veteranPreferred: true,
        status,
        publishedAt,
        expiresAt: publishedAt ? new Date(publishedAt.getTime() + 60 * DAY_MS) : null,
      });
      if (status === "published") outbox.push({ indexName: SEARCH_INDEX.jobs, documentId: job.id });
    }

    for (const t of DEMO_TRAINING_SLOTS) {
      const startsAt = beijingDay(now, t.startsInDays, 9);
      const slot = await createTrainingSlot(tx, {
        organizationId: orgId(t.org),
        externalId: `demo-training-${t.key}`,
        title: t.title,
        description: t.description,
        skills: t.skills,
        regionCode: t.regionCode,
        place: t.place,
        startsAt,
        endsAt: beijingDay(startsAt, t.durationDays - 1, 17),
        capacity: t.capacity,
        seatsTaken: t.seatsTaken,
        feeFen: t.feeFen,
        subsidyFen: t.subsidyFen,
        currency: "CNY",
        status: "published",
      });
      outbox.push({ indexName: SEARCH_INDEX.trainingSlots, documentId: slot.id });
    }

    for (const f of DEMO_JOB_FAIRS) {
      await createJobFair(tx, {
        organizerId: orgId(f.organizer),
        title: f.title,
        description: f.description,
        regionCode: f.regionCode,
        mode: f.mode,
        status: f.startsInDays < 0 ? "closed" : "published",
        startsAt: beijingDay(now, f.startsInDays, f.hours[0]),
        endsAt: beijingDay(now, f.startsInDays, f.hours[1]),
        positionsOffered: f.positionsOffered,
      });
    }

    const packageIds = new Map<string, string>();
    for (const p of DEMO_PACKAGES) {
      const [row] = await tx
        .insert(incubatorPackages)
        .values({
          organizationId: orgId(p.park),
          externalId: `demo-package-${p.key}`,
          kind: p.kind,
          title: p.title,
          description: p.description,
          regionCode: regionOf.get(p.park)!,
          capacity: p.capacity,
          desks: p.desks,
          mentoringHours: p.mentoringHours,
          termMonths: p.termMonths,
          priceFen: p.priceFen,
          subsidyKind: p.subsidyBp > 0 ? "percent" : "none",
          subsidyValue: p.subsidyBp,
          subsidyPayer: p.subsidyPayer,
          requirements: p.requirements,
          intakeDates: p.intakeDates,
          status: "published",
        })
        .returning({ id: incubatorPackages.id });
      packageIds.set(p.key, row!.id);
      outbox.push({ indexName: "incubator_packages", documentId: row!.id });
    }
    const parkManager = userIds.get("incubator") ?? null;
    for (const a of DEMO_STARTUPS) {
      const founder = await createUser(tx, { email: `founder-${a.key}@demo.rongye.cn`, role: "veteran", passwordHash: founderHash, displayName: a.founder, verified: true });
      const at = (days: number) => new Date(now.getTime() - days * DAY_MS);
      const [venture] = await tx
        .insert(ventures)
        .values({
          founderUserId: founder.id,
          name: a.name,
          stage: a.stage,
          sector: a.sector,
          teamSize: a.teamSize,
          veteransInTeam: a.veteransInTeam,
          fundingNeedFen: a.fundingNeedFen,
          jobsPlanned: a.jobsPlanned,
          summary: a.summary,
          createdAt: at(a.daysAgo),
        })
        .returning({ id: ventures.id });
      const decided = a.status === "waitlisted" || a.status === "declined";
      const [application] = await tx
        .insert(startupApplications)
        .values({
          packageId: packageIds.get(a.package)!,
          ventureId: venture!.id,
          status: a.status,
          supportWanted: a.supportWanted,
          decisionReason: a.decisionReason ?? null,
          decidedAt: decided ? at(a.daysAgo - 5) : null,
          decidedByUserId: decided ? parkManager : null,
          createdAt: at(a.daysAgo),
          updatedAt: at(decided ? a.daysAgo - 5 : a.daysAgo),
        })
        .returning({ id: startupApplications.id });
      const events: { status: string; createdAt: Date; note?: string | null; actorUserId?: string | null }[] = [{ status: "submitted", createdAt: at(a.daysAgo), actorUserId: founder.id }];
      if (a.status !== "submitted") events.push({ status: "in_review", createdAt: at(a.daysAgo - 1), actorUserId: parkManager });
      if (decided) events.push({ status: a.status, createdAt: at(a.daysAgo - 5), note: a.decisionReason ?? null, actorUserId: parkManager });
      await tx.insert(startupApplicationEvents).values(events.map((e) => ({ ...e, applicationId: application!.id })));
    }

    if (outbox.length) await tx.insert(searchOutbox).values(outbox.map((o) => ({ ...o, op: "upsert" as const })));

    return {
      organizations: DEMO_ORGANIZATIONS.length,
      users: ACCOUNT_SPECS.length,
      veteranProfiles: DEMO_VETERANS.length,
      jobPostings: DEMO_JOBS.length,
      trainingSlots: DEMO_TRAINING_SLOTS.length,
      jobFairs: DEMO_JOB_FAIRS.length,
      incubatorPackages: DEMO_PACKAGES.length,
      startupApplications: DEMO_STARTUPS.length,
      searchOutbox: outbox.length,
    };
  });

  if (!counts) return { created: false, accounts: DEMO_ACCOUNTS };
  const fair = await ensureDemoLiveFair(db, now, options.passwords === "random" ? randomBytes(12).toString("base64url") : DEMO_PASSWORD);
  log(`live demo fair ${fair}`);
  log(
    `demo data created in ${Math.round(performance.now() - started)} ms: ` +
      Object.entries(counts)
        .map(([k, n]) => `${k} ${n}`)
        .join(", "),
  );
  return { created: true, accounts, counts };
}

/** The lines that show freshly seeded random passwords, once (they are stored nowhere else). */
export function oneTimePasswordLines(accounts: DemoAccount[]): string[] {
  return [
    "demo accounts with one-time random passwords (shown only now; change or delete these accounts):",
    ...accounts.map((a) => `  ${a.role.padEnd(9)} ${a.email}  ${a.password}`),
  ];
}

async function demoPresent(db: Db): Promise<boolean> {
  const rows = await db.select({ id: users.id }).from(users).where(eq(users.email, DEMO_MARKER_EMAIL)).limit(1);
  return rows.length > 0;
}

