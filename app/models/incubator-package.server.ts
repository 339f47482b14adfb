import { and, asc, desc, eq, inArray, isNotNull, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { incubatorPackages, mentors, startupApplications, ventures } from "../../db/incubator-schema";
import { organizations, regions } from "../../db/schema";
import type { FilterClause } from "../../search/filter";
import type { SearchEngine } from "../../search/engine";
import type { IncubatorPackageDocument } from "../../search/indexes";
import { enqueueSearchSync } from "../../search/sync";
import { packagePrice, PARK_PAGE_SIZE, type PackageFormValue, type ParkSearch } from "../forms/incubator";
import { assertOrganizationAccess, requireActingOrganization, requireUuid, type Actor } from "./authz.server";
import { DomainError, NotFoundError } from "./errors";
import { buildRegionTree, type RegionFacetNode } from "./region-facets.server";
import { highlightSegments, type TextSegment } from "./search-highlight";
import { regionChain, type RegionOption } from "./region.server";

/**
 * A park's packages (workspace, mentoring, training, bundles) and how the public finds them: the /parks search on
 * the `incubator_packages` index and each park's public page. Only verified parks' published packages are public.
 */

/** The park a manager acts for: an `incubator` account whose organisation is an `incubator_park`. */
export async function requirePark(db: Db, actor: Actor) {
  return requireActingOrganization(db, actor, {
    role: "incubator",
    kinds: ["incubator_park"],
    code: { role: "incubator:errors.notPark", organization: "incubator:errors.notPark" },
  });
}

function packageColumns(value: PackageFormValue) {
  return {
    kind: value.kind,
    title: value.title,
    description: value.description,
    capacity: value.capacity,
    desks: value.desks,
    mentoringHours: value.mentoringHours,
    termMonths: value.termMonths,
    priceFen: value.priceFen,
    subsidyKind: value.subsidyKind,
    subsidyValue: value.subsidyValue,
    subsidyPayer: value.subsidyPayer || null,
    requirements: value.requirements,
    intakeDates: value.intakeDates,
    status: value.status,
  };
}

export async function createPackage(db: Db, actor: Actor, value: PackageFormValue): Promise<{ id: string }> {
  const park = await requirePark(db, actor);
  const [org] = await db.select({ regionCode: organizations.regionCode }).from(organizations).where(eq(organizations.id, park.id));
  if (!org?.regionCode) throw new DomainError("incubator:errors.parkRegion", undefined, 409);
  return db.transaction(async (txRaw) => {
    const tx = txRaw as unknown as Db;
    const [row] = await tx
      .insert(incubatorPackages)
      .values({ ...packageColumns(value), organizationId: park.id, regionCode: org.regionCode! })
      .returning({ id: incubatorPackages.id });
    await enqueueSearchSync(tx, "incubator_packages", [row!.id]);
    return { id: row!.id };
  });
}

export async function updatePackage(db: Db, actor: Actor, packageId: string, value: PackageFormValue): Promise<{ id: string }> {
  requireUuid(packageId);
  const [found] = await db.select({ organizationId: incubatorPackages.organizationId }).from(incubatorPackages).where(eq(incubatorPackages.id, packageId));
  if (!found) throw new NotFoundError();
  await assertOrganizationAccess(db, actor, found.organizationId);
  return db.transaction(async (txRaw) => {
    const tx = txRaw as unknown as Db;
    const [pkg] = await tx.select().from(incubatorPackages).where(eq(incubatorPackages.id, packageId)).for("update");
    if (!pkg) throw new NotFoundError();
    if (value.capacity < pkg.placesTaken) throw new DomainError(`incubator:errors.capacityBelowTaken|${pkg.placesTaken}`, "capacity");
    await tx.update(incubatorPackages).set({ ...packageColumns(value), updatedAt: new Date() }).where(eq(incubatorPackages.id, packageId));
    await enqueueSearchSync(tx, "incubator_packages", [packageId]);
    return { id: packageId };
  });
}

/** The acting park's packages with their places, newest first. */
export async function listParkPackages(db: Db, actor: Actor) {
  const park = await requirePark(db, actor);
  const rows = await db
    .select({
      id: incubatorPackages.id,
      title: incubatorPackages.title,
      kind: incubatorPackages.kind,
      status: incubatorPackages.status,
      capacity: incubatorPackages.capacity,
      placesTaken: incubatorPackages.placesTaken,
      termMonths: incubatorPackages.termMonths,
      priceFen: incubatorPackages.priceFen,
      subsidyKind: incubatorPackages.subsidyKind,
      subsidyValue: incubatorPackages.subsidyValue,
      applications: sql<number>`(select count(*)::int from ${startupApplications} a where a.package_id = ${incubatorPackages.id} and a.status <> 'withdrawn')`,
    })
    .from(incubatorPackages)
    .where(eq(incubatorPackages.organizationId, park.id))
    .orderBy(desc(incubatorPackages.createdAt));
  return { park, packages: rows.map((r) => ({ ...r, ...packagePrice(r) })) };
}

export async function getPackageForEdit(db: Db, actor: Actor, packageId: string) {
  requireUuid(packageId);
  const [pkg] = await db.select().from(incubatorPackages).where(eq(incubatorPackages.id, packageId));
  if (!pkg) throw new NotFoundError();
  await assertOrganizationAccess(db, actor, pkg.organizationId);
  return pkg;
}

// ---------------------------------------------------------------- public: /parks search

export interface PackageHitView {
  id: string;
  title: TextSegment[];
  kind: string;
  organization: TextSegment[];
  organizationId: string;
  regionName: string;
  placesLeft: number;
  capacity: number;
  termMonths: number;
  priceFen: number;
  subsidyFen: number;
  netFen: number;
  mentoringHours: number;
}

export interface ParkSearchPage {
  hits: PackageHitView[];
  total: number;
  page: number;
  pageCount: number;
  regions: RegionFacetNode[];
  regionChain: RegionOption[];
  kinds: Record<string, number>;
}

export function parkSearchFilter(s: ParkSearch): FilterClause[] {
  const filter: FilterClause[] = [];
  if (s.region) filter.push({ op: "prefix", field: "region_codes", value: s.region });
  if (s.kind) filter.push({ op: "eq", field: "kind", value: s.kind });
  if (s.max_price !== undefined) filter.push({ op: "range", field: "net_price_fen", lte: s.max_price * 100 });
  if (s.subsidy) filter.push({ op: "bool", field: "has_subsidy", value: true });
  return filter;
}

function segments(hit: { highlights?: Record<string, string> }, field: string, text: string): TextSegment[] {
  const h = hit.highlights?.[field];
  return h ? highlightSegments(h) : [{ text, mark: false }];
}

export async function searchParksPage(db: Db, search: SearchEngine, s: ParkSearch): Promise<ParkSearchPage> {
  const result = await search.search("incubator_packages", {
    q: s.q,
    filter: parkSearchFilter(s),
    sort: s.q ? "relevance" : "newest",
    facets: ["region_codes", "kind"],
    page: s.page,
    hitsPerPage: PARK_PAGE_SIZE,
    highlight: !!s.q,
  });
  // The index may lag a moment behind a package closed or a park un-verified: check the page against the database.
  const ids = result.hits.map((h) => h.id);
  const live = ids.length
    ? new Set(
        (
          await db
            .select({ id: incubatorPackages.id })
            .from(incubatorPackages)
            .innerJoin(organizations, eq(organizations.id, incubatorPackages.organizationId))
            .where(and(inArray(incubatorPackages.id, ids), eq(incubatorPackages.status, "published"), eq(organizations.verificationStatus, "verified")))
        ).map((r) => r.id),
      )
    : new Set<string>();
  const hits = result.hits
    .filter((h) => live.has(h.id))
    .map((hit): PackageHitView => {
      const d = hit.document as IncubatorPackageDocument;
      return {
        id: d.id,
        title: segments(hit, "title", d.title),
        kind: d.kind,
        organization: segments(hit, "organization", d.organization),
        organizationId: d.organization_id,
        regionName: d.region_name,
        placesLeft: d.places_left,
        capacity: d.capacity,
        termMonths: d.term_months,
        priceFen: d.price_fen,
        subsidyFen: d.subsidy_fen,
        netFen: d.net_price_fen,
        mentoringHours: d.mentoring_hours,
      };
    });
  const regionCounts = result.facets.region_codes ?? {};
  const six = Object.keys(regionCounts).filter((c) => /^\d{6}$/.test(c));
  const rows = six.length
    ? await db
        .select({ code: regions.code, name: regions.name, level: regions.level, parentCode: regions.parentCode })
        .from(regions)
        .where(inArray(regions.code, six))
    : [];
  const chain = s.region ? (await regionChain(db, s.region.padEnd(6, "0"))).filter((r) => r.name !== "市辖区") : [];
  return {
    hits,
    total: result.total,
    page: s.page,
    pageCount: Math.min(500, Math.ceil(result.total / PARK_PAGE_SIZE)),
    regions: buildRegionTree(regionCounts, rows, s.region?.padEnd(6, "0")),
    regionChain: chain,
    kinds: result.facets.kind ?? {},
  };
}

// ---------------------------------------------------------------- public: a park's page

/** A verified park's public page: its published packages, active mentors, and alumni ventures that consented. */
export async function getParkPage(db: Db, parkId: string) {
  requireUuid(parkId);
  const [park] = await db
    .select({
      id: organizations.id,
      name: organizations.name,
      description: organizations.description,
      address: organizations.address,
      website: organizations.website,
      regionCode: organizations.regionCode,
      badges: organizations.badges,
    })
    .from(organizations)
    .where(and(eq(organizations.id, parkId), eq(organizations.kind, "incubator_park"), eq(organizations.verificationStatus, "verified")));
  if (!park) throw new NotFoundError();
  const [packages, mentorRows, alumni, chain] = await Promise.all([
    db
      .select()
      .from(incubatorPackages)
      .where(and(eq(incubatorPackages.organizationId, parkId), eq(incubatorPackages.status, "published")))
      .orderBy(asc(incubatorPackages.priceFen), asc(incubatorPackages.title)),
    db
      .select({ id: mentors.id, name: mentors.name, title: mentors.title, expertise: mentors.expertise, bio: mentors.bio })
      .from(mentors)
      .where(and(eq(mentors.organizationId, parkId), eq(mentors.active, true)))
      .orderBy(asc(mentors.name)),
    db
      .selectDistinct({ id: ventures.id, name: ventures.name, sector: ventures.sector, stage: ventures.stage })
      .from(ventures)
      .innerJoin(startupApplications, eq(startupApplications.ventureId, ventures.id))
      .innerJoin(incubatorPackages, eq(incubatorPackages.id, startupApplications.packageId))
      .where(and(eq(incubatorPackages.organizationId, parkId), eq(startupApplications.status, "accepted"), isNotNull(ventures.alumniConsentAt)))
      .orderBy(asc(ventures.name)),
    park.regionCode ? regionChain(db, park.regionCode) : Promise.resolve([]),
  ]);
  return {
    park: { ...park, regionName: chain.map((r) => r.name).filter((n) => n !== "市辖区").join(" ") },
    packages: packages.map((p) => ({
      id: p.id,
      kind: p.kind,
      title: p.title,
      description: p.description,
      capacity: p.capacity,
      placesLeft: Math.max(0, p.capacity - p.placesTaken),
      desks: p.desks,
      mentoringHours: p.mentoringHours,
      termMonths: p.termMonths,
      subsidyPayer: p.subsidyPayer,
      requirements: p.requirements,
      intakeDates: p.intakeDates,
      currency: p.currency,
      ...packagePrice(p),
    })),
    mentors: mentorRows,
    alumni,
  };
}
