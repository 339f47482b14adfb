import { and, asc, eq, inArray, like, type SQL } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import type { Db } from "../../db/client";
import { STAFF_ORGANIZATION_KINDS, type StationTier } from "../../db/enums";
import { regionLabel } from "../../db/regions";
import { memberships, organizations } from "../../db/schema";
import type { Actor } from "./authz.server";
import { ForbiddenError, NotFoundError } from "./errors";

/*
 * Where a staff member may act. Staff belong to one service station (county centre, town station, village station)
 * or bureau; they read and change veterans' files, applications, organisations, postings, imports and outcome
 * figures only within that organisation's region and the regions below it. Admins, and a bureau without a region
 * (the national ministry), act everywhere. A staff account with no station acts nowhere (fail closed).
 *
 * Region codes (GB/T 2260) nest by prefix: province = 2 digits, city = 4, county = 6, town = 9, village = 12, so
 * "within the region" is a prefix test on the row's region code. Rows without a region code are outside every
 * regional scope.
 */

export interface StaffStation {
  id: string;
  name: string;
  kind: "service_station" | "bureau";
  tier: StationTier | null;
  regionCode: string | null;
}

export interface StaffScope {
  /** Every region code inside the scope starts with this; null: the whole country. */
  prefix: string | null;
  /** The station or bureau the staff member belongs to; null for admins. */
  station: StaffStation | null;
}

/** The prefix shared by a region and everything below it: 320000 → 32, 320500 → 3205, 320582 → 320582, towns and villages whole. */
export function regionPrefix(code: string): string {
  if (code.length !== 6) return code;
  if (code.endsWith("0000")) return code.slice(0, 2);
  if (code.endsWith("00")) return code.slice(0, 4);
  return code;
}

/** The station or bureau a staff account belongs to (its oldest such membership), or null. */
export async function getStaffStation(db: Db, userId: string): Promise<StaffStation | null> {
  const [row] = await db
    .select({
      id: organizations.id,
      name: organizations.name,
      kind: organizations.kind,
      tier: organizations.stationTier,
      regionCode: organizations.regionCode,
    })
    .from(memberships)
    .innerJoin(organizations, eq(organizations.id, memberships.organizationId))
    .where(and(eq(memberships.userId, userId), inArray(organizations.kind, [...STAFF_ORGANIZATION_KINDS])))
    .orderBy(asc(memberships.createdAt), asc(organizations.id))
    .limit(1);
  return row ? { ...row, kind: row.kind as StaffStation["kind"] } : null;
}

/**
 * The acting staff member's scope; ForbiddenError for anyone who is not staff, and for a staff account not yet
 * assigned to a station (`staff:errors.noStation`).
 */
export async function staffScope(db: Db, actor: Actor): Promise<StaffScope> {
  if (actor.role !== "staff" && actor.role !== "admin") throw new ForbiddenError();
  if (actor.role === "admin") return { prefix: null, station: null };
  const station = await getStaffStation(db, actor.id);
  if (!station) throw new ForbiddenError("stations:errors.noStation");
  return { prefix: station.regionCode ? regionPrefix(station.regionCode) : null, station };
}

/** Whether a row with this region code lies inside the scope (a row without one only in the national scope). */
export function regionInScope(scope: StaffScope, regionCode: string | null | undefined): boolean {
  if (scope.prefix === null) return true;
  return typeof regionCode === "string" && regionCode.startsWith(scope.prefix);
}

/** NotFoundError unless the region is inside the scope: a row outside it does not exist for this staff member. */
export function assertRegionInScope(scope: StaffScope, regionCode: string | null | undefined): void {
  if (!regionInScope(scope, regionCode)) throw new NotFoundError();
}

/** A WHERE condition keeping rows whose `column` lies inside the scope (undefined: no restriction). */
export function scopeCondition(scope: StaffScope, column: AnyPgColumn | SQL): SQL | undefined {
  if (scope.prefix === null) return undefined;
  return like(column as AnyPgColumn, `${scope.prefix}%`);
}

/** Whether region `inner` lies within region `outer` (equal, or below it). */
export function regionWithin(inner: string, outer: string): boolean {
  return inner.startsWith(regionPrefix(outer));
}

/** What the staff pages say about where the signed-in staff member acts: their station and its region, or everywhere. */
export async function describeStaffScope(db: Db, actor: Actor): Promise<{ station: string; region: string } | null> {
  const scope = await staffScope(db, actor);
  if (!scope.station) return null;
  const region = scope.station.regionCode ? await regionLabel(db, scope.station.regionCode) : null;
  return { station: scope.station.name, region: region ?? "" };
}
