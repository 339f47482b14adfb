import { packageSchema, type PackageFormValue } from "../../app/forms/incubator";
import type { VentureInput } from "../../app/models/incubator-application.server";
import type { Db } from "../../db/client";
import { createOrganization, createUser } from "../../db/factories";

/** A parsed package form value, as the routes hand it to the model. */
export function packageValue(overrides: Record<string, string> = {}): PackageFormValue {
  const parsed = packageSchema.safeParse({
    kind: "workspace",
    title: "退役军人创业工位",
    description: "开放式工位，含会议室",
    capacity: "10",
    desks: "10",
    mentoringHours: "12",
    termMonths: "12",
    price: "6000",
    subsidyKind: "percent",
    subsidy: "50",
    subsidyPayer: "区退役军人事务局",
    requirements: "商业计划书",
    intakeDates: "2030-03-01",
    status: "published",
    ...overrides,
  });
  if (!parsed.success) throw new Error(JSON.stringify(parsed.error.issues));
  return parsed.data;
}

/** A park (verified unless told) with its manager. */
export async function park(tx: Db, name = "张家港退役军人创业园", verified = true, regionCode = "320582") {
  const manager = await createUser(tx, { role: "incubator" });
  const org = await createOrganization(tx, {
    kind: "incubator_park",
    name,
    regionCode,
    verificationStatus: verified ? "verified" : "pending",
    ownerUserId: manager.id,
  });
  return { manager, org };
}


/** Mail links in tests point here. */
export const MAIL = { publicUrl: "http://localhost:3000" };

/** The smallest file that is a PDF by its bytes, and one that is not. */
export const PDF_BYTES = new TextEncoder().encode("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");
export const NOT_PDF_BYTES = new TextEncoder().encode("MZ this is not a plan");

/** A founder's venture input with overrides. */
export function ventureInput(name: string, overrides: Partial<VentureInput> = {}) {
  return {
    name,
    stage: "registered" as const,
    sector: "物流",
    teamSize: 3,
    veteransInTeam: 2,
    fundingNeedFen: 50_000_000,
    jobsPlanned: 6,
    summary: "冷链配送",
    supportWanted: "办公场地和融资对接",
    alumniConsent: true,
    ...overrides,
  };
}

/**
 * A park with a published package and a founder accepted into it (start date 2030-03-01), ready to pay.
 * Returns the ids and actors a payment or onboarding test needs.
 */
export async function acceptedFounder(tx: Db, options: { price?: string; subsidy?: string; capacity?: string; mentoringHours?: string } = {}) {
  const { createPackage } = await import("../../app/models/incubator-package.server");
  const { applyToPackage, decideApplication } = await import("../../app/models/incubator-application.server");
  const { manager, org } = await park(tx);
  const { id: packageId } = await createPackage(
    tx,
    manager,
    packageValue({ price: options.price ?? "6000", subsidy: options.subsidy ?? "50", capacity: options.capacity ?? "10", mentoringHours: options.mentoringHours ?? "2" }),
  );
  const founder = await createUser(tx, { role: "veteran" });
  const { id: applicationId } = await applyToPackage(tx, founder, packageId, ventureInput("戎速冷链"), MAIL);
  await decideApplication(tx, manager, applicationId, { kind: "accept", startDate: "2030-03-01" }, { ...MAIL, now: new Date("2030-02-01T00:00:00Z") });
  return { manager, org, packageId, founder, applicationId };
}
