import { packageSchema, type PackageFormValue } from "../../app/forms/incubator";
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

