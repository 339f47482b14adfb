import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { hashPassword } from "../app/utils/password.server";
import type { Db } from "./client";
import { ensureRegions } from "./regions";
import { fairBooths, fairRepresentatives, jobFairs } from "./schema-fairs";
import {
  jobPostings,
  memberships,
  organizations,
  trainingSlots,
  users,
  veteranProfiles,
  type JobPosting,
  type Organization,
  type TrainingSlot,
  type User,
  type VeteranProfile,
} from "./schema";

/**
 * Row factories shared by the demo seed and the tests. Each takes a `Db` (pool or transaction) and partial
 * overrides, fills the rest with valid defaults, makes sure the referenced region exists (from the package data,
 * see `ensureRegions`) and returns the inserted row. Emails and external ids are unique by default.
 */

let counter = 0;
/** A short unique suffix: a per-process counter plus random hex, so parallel processes do not collide either. */
export function uniqueSuffix(): string {
  counter += 1;
  return `${counter}${randomBytes(3).toString("hex")}`;
}

const DAY_MS = 86_400_000;
export const DEFAULT_REGION_CODE = "320582"; // 张家港市
export const DEFAULT_TEST_PASSWORD = "Test-password-1";

let defaultHash: Promise<string> | undefined;
/** argon2id costs ~50 ms, so users created with the default password share one hash per process. */
function defaultPasswordHash(): Promise<string> {
  defaultHash ??= hashPassword(DEFAULT_TEST_PASSWORD);
  return defaultHash;
}

export type UserRole = User["role"];

export interface CreateUserInput {
  email?: string;
  role?: UserRole;
  /** Plain password to hash; defaults to DEFAULT_TEST_PASSWORD. Ignored when passwordHash is given. */
  password?: string;
  /** A precomputed hash, to skip argon2 when many users share a password. */
  passwordHash?: string;
  displayName?: string;
  locale?: User["locale"];
  /** Email verified (default true). */
  verified?: boolean;
  /**
   * Staff only: the station or bureau (organisation id) the account belongs to. Default: a national bureau shared by
   * the tests (staff who act everywhere, as before stations existed); null: no station (the account acts nowhere).
   */
  stationId?: string | null;
}

export async function createUser(db: Db, input: CreateUserInput = {}): Promise<User> {
  const suffix = uniqueSuffix();
  const passwordHash =
    input.passwordHash ?? (input.password !== undefined ? await hashPassword(input.password) : await defaultPasswordHash());
  const [user] = await db
    .insert(users)
    .values({
      email: (input.email ?? `user-${suffix}@example.test`).toLowerCase(),
      passwordHash,
      role: input.role ?? "veteran",
      displayName: input.displayName ?? `测试用户 ${suffix}`,
      locale: input.locale ?? "zh-CN",
      emailVerifiedAt: input.verified === false ? null : new Date(),
    })
    .returning();
  if (user!.role === "staff" && input.stationId !== null) {
    const stationId = input.stationId ?? (await nationalTestBureau(db));
    await db.insert(memberships).values({ userId: user!.id, organizationId: stationId, role: "staff" });
  }
  return user!;
}

const NATIONAL_TEST_BUREAU = "test-national-bureau";

/** The national bureau (a bureau without a region: it acts everywhere) that test staff belong to by default. */
async function nationalTestBureau(db: Db): Promise<string> {
  await db
    .insert(organizations)
    .values({ kind: "bureau", name: "测试：全国退役军人事务部门", externalId: NATIONAL_TEST_BUREAU, regionCode: null, verificationStatus: "verified" })
    .onConflictDoNothing({ target: organizations.externalId });
  const [row] = await db.select({ id: organizations.id }).from(organizations).where(eq(organizations.externalId, NATIONAL_TEST_BUREAU));
  return row!.id;
}

export interface CreateStationInput {
  tier: "county" | "town" | "village";
  regionCode: string;
  name?: string;
}

/** A service station of a tier in a region (a county, town or village code; the region rows are made as needed). */
export async function createServiceStation(db: Db, input: CreateStationInput): Promise<Organization> {
  return createOrganization(db, {
    kind: "service_station",
    stationTier: input.tier,
    regionCode: input.regionCode,
    name: input.name ?? `测试服务站 ${uniqueSuffix()}`,
    verificationStatus: "verified",
  });
}

/** A staff account of a new station of `tier` in `regionCode`. */
export async function createStationStaff(db: Db, input: CreateStationInput & Omit<CreateUserInput, "role" | "stationId">) {
  const { tier, regionCode, name, ...userInput } = input;
  const station = await createServiceStation(db, { tier, regionCode, name });
  const user = await createUser(db, { ...userInput, role: "staff", stationId: station.id });
  return { user, station };
}

export type CreateOrganizationInput = Partial<typeof organizations.$inferInsert> & {
  /** Adds a membership for this user. */
  ownerUserId?: string;
  /** The membership role (default "owner"). */
  memberRole?: string;
};

export async function createOrganization(db: Db, input: CreateOrganizationInput = {}): Promise<Organization> {
  const { ownerUserId, memberRole, ...values } = input;
  const suffix = uniqueSuffix();
  const regionCode = values.regionCode === undefined ? DEFAULT_REGION_CODE : values.regionCode;
  if (regionCode) await ensureRegions(db, [regionCode]);
  const [org] = await db
    .insert(organizations)
    .values({
      kind: "employer",
      name: `测试单位 ${suffix}`,
      externalId: `test-org-${suffix}`,
      ...values,
      regionCode,
    })
    .returning();
  if (ownerUserId) {
    await db.insert(memberships).values({ userId: ownerUserId, organizationId: org!.id, role: memberRole ?? "owner" });
  }
  return org!;
}

export type CreateVeteranProfileInput = Partial<typeof veteranProfiles.$inferInsert>;

/** A veteran profile; without `userId` it is a staff-kept file ("一人一档") not yet tied to an account. */
export async function createVeteranProfile(db: Db, input: CreateVeteranProfileInput = {}): Promise<VeteranProfile> {
  const suffix = uniqueSuffix();
  const regionCode = input.regionCode === undefined ? DEFAULT_REGION_CODE : input.regionCode;
  const codes = [regionCode, ...(input.desiredRegionCodes ?? [])].filter((c): c is string => !!c);
  if (codes.length) await ensureRegions(db, codes);
  const [profile] = await db
    .insert(veteranProfiles)
    .values({
      externalId: `test-vet-${suffix}`,
      fullName: `测试退役军人 ${suffix}`,
      branch: "army",
      specialty: "汽车驾驶员",
      yearsServed: 5,
      dischargeYear: new Date().getFullYear() - 1,
      skills: ["驾驶"],
      ...input,
      regionCode,
    })
    .returning();
  return profile!;
}

export type CreateJobPostingInput = Partial<typeof jobPostings.$inferInsert>;

/** A job posting; published (published now, expiring in 60 days) unless `status` says otherwise. Creates an employer when no organizationId is given. */
export async function createJobPosting(db: Db, input: CreateJobPostingInput = {}): Promise<JobPosting> {
  const suffix = uniqueSuffix();
  const regionCode = input.regionCode ?? DEFAULT_REGION_CODE;
  await ensureRegions(db, [regionCode]);
  const organizationId =
    input.organizationId ?? (await createOrganization(db, { kind: "employer", verificationStatus: "verified", regionCode })).id;
  const status = input.status ?? "published";
  const now = new Date();
  const [job] = await db
    .insert(jobPostings)
    .values({
      externalId: `test-job-${suffix}`,
      title: `测试岗位 ${suffix}`,
      description: "测试岗位描述",
      category: "other",
      skills: [],
      salaryMin: 5000,
      salaryMax: 8000,
      publishedAt: status === "published" ? now : null,
      expiresAt: status === "published" ? new Date(now.getTime() + 60 * DAY_MS) : null,
      ...input,
      status,
      organizationId,
      regionCode,
    })
    .returning();
  return job!;
}

export type CreateTrainingSlotInput = Partial<typeof trainingSlots.$inferInsert>;

/** A training slot starting in 14 days for 14 days; creates a training provider when no organizationId is given. */
export async function createTrainingSlot(db: Db, input: CreateTrainingSlotInput = {}): Promise<TrainingSlot> {
  const suffix = uniqueSuffix();
  const regionCode = input.regionCode ?? DEFAULT_REGION_CODE;
  await ensureRegions(db, [regionCode]);
  const organizationId =
    input.organizationId ??
    (await createOrganization(db, { kind: "training_provider", verificationStatus: "verified", regionCode })).id;
  const startsAt = input.startsAt ?? new Date(Date.now() + 14 * DAY_MS);
  const [slot] = await db
    .insert(trainingSlots)
    .values({
      externalId: `test-training-${suffix}`,
      title: `测试培训 ${suffix}`,
      capacity: 30,
      endsAt: new Date(startsAt.getTime() + 14 * DAY_MS),
      ...input,
      startsAt,
      organizationId,
      regionCode,
    })
    .returning();
  return slot!;
}

export type CreateJobFairInput = Partial<typeof jobFairs.$inferInsert>;
export type JobFair = typeof jobFairs.$inferSelect;

/** A published job fair starting in 7 days for one day (online unless said otherwise). */
export async function createJobFair(db: Db, input: CreateJobFairInput = {}): Promise<JobFair> {
  const suffix = uniqueSuffix();
  const regionCode = input.regionCode === undefined ? DEFAULT_REGION_CODE : input.regionCode;
  if (regionCode) await ensureRegions(db, [regionCode]);
  const startsAt = input.startsAt ?? new Date(Date.now() + 7 * DAY_MS);
  const [fair] = await db
    .insert(jobFairs)
    .values({
      title: `测试招聘会 ${suffix}`,
      status: "published",
      endsAt: new Date(startsAt.getTime() + DAY_MS),
      ...input,
      startsAt,
      regionCode,
    })
    .returning();
  return fair!;
}

/** An approved booth of `organizationId` at a fair, with its representatives (available) and postings. */
export async function createFairBooth(
  db: Db,
  input: { fairId: string; organizationId: string; postingIds?: string[]; repUserIds?: string[]; decidedByUserId?: string | null; intro?: string; positions?: number },
) {
  const [booth] = await db
    .insert(fairBooths)
    .values({
      fairId: input.fairId,
      organizationId: input.organizationId,
      status: "approved",
      decidedAt: new Date(),
      decidedByUserId: input.decidedByUserId ?? null,
      intro: input.intro ?? "欢迎退役军人朋友来展位洽谈。",
      positions: input.positions ?? 0,
      postingIds: input.postingIds ?? [],
      checkInToken: randomBytes(18).toString("base64url"),
    })
    .returning();
  if (input.repUserIds?.length) {
    await db.insert(fairRepresentatives).values(input.repUserIds.map((userId) => ({ boothId: booth!.id, userId, status: "available" as const })));
  }
  return booth!;
}
