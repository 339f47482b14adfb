import { eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { memberships, organizations } from "../../db/schema";

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
