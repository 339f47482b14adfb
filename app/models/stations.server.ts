import { and, asc, eq, inArray } from "drizzle-orm";
import type { Db } from "../../db/client";
import { STAFF_ORGANIZATION_KINDS, type StationTier } from "../../db/enums";
import { ensureRegions, ensureVillage, regionLabel } from "../../db/regions";
import { memberships, organizations, regions, users } from "../../db/schema";
import type { StationFormValue } from "../forms/stations";
import { recordAudit, requireUuid, type Actor } from "./authz.server";
import { DomainError, ForbiddenError, NotFoundError } from "./errors";

/*
 * The service network an admin keeps: county service centres, town and village stations (organisations of kind
 * `service_station` with their tier and region) and bureaus (kind `bureau`; one without a region is the national
 * ministry), and which station each staff account belongs to. Where staff may then act is
 * ./staff-scope.server.ts.
 */

/** The region level each tier's code must have: county 6 digits (level 3), town 9 (4), village 12 (5). */
const TIER_LEVEL: Record<StationTier, number> = { county: 3, town: 4, village: 5 };

function requireAdmin(actor: Actor) {
  if (actor.role !== "admin") throw new ForbiddenError();
}

/** Create a service station or bureau (verified at once: the admin vouches for it). Audited. */
export async function createStation(db: Db, admin: Actor, input: StationFormValue) {
  requireAdmin(admin);
  const kind = input.tier === "bureau" ? ("bureau" as const) : ("service_station" as const);
  const tier = input.tier === "bureau" ? null : input.tier;
  const regionCode = input.regionCode ?? null;
  if (tier && !regionCode) throw new DomainError("stations:errors.regionRequired", "regionCode");
  if (regionCode) {
    // The division rows come from the package as needed (towns may not be loaded, villages never are in advance).
    if (regionCode.length === 12) await ensureVillage(db, regionCode);
    else await ensureRegions(db, [regionCode]).catch(() => undefined);
    const [region] = await db.select({ level: regions.level }).from(regions).where(eq(regions.code, regionCode));
    if (!region) throw new DomainError("errors.regionUnknown", "regionCode");
    // A county centre may serve a city without counties (东莞市, 中山市): its towns hang under the city.
    const fits = tier ? region.level === TIER_LEVEL[tier] || (tier === "county" && region.level === 2) : region.level <= 3;
    if (!fits) throw new DomainError(`stations:errors.regionLevel.${tier ?? "bureau"}`, "regionCode");
  }
  return db.transaction(async (tx) => {
    const [station] = await tx
      .insert(organizations)
      .values({ kind, name: input.name, regionCode, stationTier: tier, verificationStatus: "verified", reviewedAt: new Date(), reviewedByUserId: admin.id })
      .returning();
    await recordAudit(tx, admin, "station.create", station!.id, { kind, tier, regionCode });
    return station!;
  });
}

export interface StationRow {
  id: string;
  name: string;
  kind: "service_station" | "bureau";
  tier: StationTier | null;
  regionCode: string | null;
  regionLabel: string | null;
  staff: { id: string; displayName: string; email: string }[];
}

/** Every station and bureau, region order (national first), with its staff. Admins only. */
export async function listStations(db: Db, admin: Actor): Promise<StationRow[]> {
  requireAdmin(admin);
  const rows = await db
    .select({ id: organizations.id, name: organizations.name, kind: organizations.kind, tier: organizations.stationTier, regionCode: organizations.regionCode })
    .from(organizations)
    .where(inArray(organizations.kind, [...STAFF_ORGANIZATION_KINDS]))
    .orderBy(asc(organizations.regionCode), asc(organizations.name));
  const ids = rows.map((r) => r.id);
  const staff = ids.length
    ? await db
        .select({ organizationId: memberships.organizationId, id: users.id, displayName: users.displayName, email: users.email })
        .from(memberships)
        .innerJoin(users, eq(users.id, memberships.userId))
        .where(and(inArray(memberships.organizationId, ids), eq(users.role, "staff")))
        .orderBy(asc(users.displayName))
    : [];
  const out: StationRow[] = [];
  for (const r of rows) {
    out.push({
      ...r,
      kind: r.kind as StationRow["kind"],
      regionLabel: r.regionCode ? await regionLabel(db, r.regionCode) : null,
      staff: staff.filter((s) => s.organizationId === r.id).map(({ organizationId: _, ...s }) => s),
    });
  }
  return out;
}

/** Staff accounts with the station each belongs to (null: none yet, so they act nowhere). Admins only. */
export async function listStaffWithStations(db: Db, admin: Actor) {
  requireAdmin(admin);
  const staff = await db
    .select({ id: users.id, displayName: users.displayName, email: users.email })
    .from(users)
    .where(eq(users.role, "staff"))
    .orderBy(asc(users.displayName), asc(users.email));
  const links = await db
    .select({ userId: memberships.userId, stationId: organizations.id, stationName: organizations.name })
    .from(memberships)
    .innerJoin(organizations, eq(organizations.id, memberships.organizationId))
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(users.role, "staff"), inArray(organizations.kind, [...STAFF_ORGANIZATION_KINDS])));
  return staff.map((s) => {
    const link = links.find((l) => l.userId === s.id);
    return { ...s, station: link ? { id: link.stationId, name: link.stationName } : null };
  });
}

/**
 * Put a staff account in one station (replacing the one it had), or take it out of every station (stationId null:
 * it then acts nowhere). Audited with the previous station.
 */
export async function assignStaffStation(db: Db, admin: Actor, input: { userId: string; stationId: string | null }) {
  requireAdmin(admin);
  const userId = requireUuid(input.userId);
  const stationId = input.stationId ? requireUuid(input.stationId) : null;
  return db.transaction(async (tx) => {
    const [user] = await tx.select({ id: users.id, role: users.role }).from(users).where(eq(users.id, userId)).for("update");
    if (!user) throw new NotFoundError();
    if (user.role !== "staff") throw new DomainError("stations:errors.notStaff", "userId");
    if (stationId) {
      const [station] = await tx
        .select({ id: organizations.id })
        .from(organizations)
        .where(and(eq(organizations.id, stationId), inArray(organizations.kind, [...STAFF_ORGANIZATION_KINDS])));
      if (!station) throw new DomainError("stations:errors.unknownStation", "stationId");
    }
    const previous = await tx
      .select({ id: organizations.id })
      .from(memberships)
      .innerJoin(organizations, eq(organizations.id, memberships.organizationId))
      .where(and(eq(memberships.userId, userId), inArray(organizations.kind, [...STAFF_ORGANIZATION_KINDS])));
    if (previous.length) {
      await tx.delete(memberships).where(and(eq(memberships.userId, userId), inArray(memberships.organizationId, previous.map((p) => p.id))));
    }
    if (stationId) await tx.insert(memberships).values({ userId, organizationId: stationId, role: "staff" });
    await recordAudit(tx, admin, "staff.station.assign", userId, { stationId, previousStationIds: previous.map((p) => p.id) });
    return { stationId };
  });
}
