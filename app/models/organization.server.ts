import { and, eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { memberships, organizations } from "../../db/schema";
import { ForbiddenError } from "./errors";

/** The organisations a user belongs to (employers and park managers have one, created at sign-up). */
export async function listMyOrganizations(db: Db, userId: string) {
  return db
    .select({
      id: organizations.id,
      name: organizations.name,
      kind: organizations.kind,
      verificationStatus: organizations.verificationStatus,
      rejectionReason: organizations.rejectionReason,
      badges: organizations.badges,
    })
    .from(memberships)
    .innerJoin(organizations, eq(organizations.id, memberships.organizationId))
    .where(eq(memberships.userId, userId));
}

/** The organisation an employer or park manager acts for (their first membership), or null. */
export async function getActingOrganization(db: Db, userId: string) {
  const [row] = await listMyOrganizations(db, userId);
  return row ?? null;
}

/** Throws ForbiddenError unless the user belongs to the organisation (staff and admins act for any). */
export async function assertOrganizationAccess(
  db: Db,
  actor: { id: string; role: string },
  organizationId: string,
): Promise<void> {
  if (actor.role === "staff" || actor.role === "admin") return;
  const [row] = await db
    .select({ organizationId: memberships.organizationId })
    .from(memberships)
    .where(and(eq(memberships.userId, actor.id), eq(memberships.organizationId, organizationId)));
  if (!row) throw new ForbiddenError();
}
