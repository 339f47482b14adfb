import { and, eq, gt, inArray, isNull, or } from "drizzle-orm";
import type { Db } from "../../db/client";
import { jobPostings, organizations, trainingSlots } from "../../db/schema";
import { enqueueSearchSync } from "../../search/sync";

/**
 * A rejected organisation's listings are held, not left live: its published jobs and training slots go back to
 * `pending_review` with no review reason — the state meaning "waiting for the organisation's verification" — which
 * takes them out of search (through the search outbox, in the same transaction) and stops applications and
 * enrolments. Verifying the organisation again publishes them (verifyOrganization). Maintenance runs the same hold
 * over every rejected organisation, so a listing published in a race with the rejection is caught too.
 */
export async function holdRejectedOrganizationListings(
  tx: Db,
  options: { organizationId?: string; now?: Date } = {},
): Promise<{ jobIds: string[]; slotIds: string[] }> {
  const now = options.now ?? new Date();
  const rejected = tx
    .select({ id: organizations.id })
    .from(organizations)
    .where(
      and(
        eq(organizations.verificationStatus, "rejected"),
        options.organizationId ? eq(organizations.id, options.organizationId) : undefined,
      ),
    );
  const jobs = await tx
    .update(jobPostings)
    .set({ status: "pending_review", reviewReason: null, updatedAt: now })
    .where(
      and(
        inArray(jobPostings.organizationId, rejected),
        eq(jobPostings.status, "published"),
        // expired postings are closed by maintenance instead, so re-verification does not revive them
        or(isNull(jobPostings.expiresAt), gt(jobPostings.expiresAt, now)),
      ),
    )
    .returning({ id: jobPostings.id });
  const slots = await tx
    .update(trainingSlots)
    .set({ status: "pending_review", reviewReason: null, updatedAt: now })
    .where(and(inArray(trainingSlots.organizationId, rejected), eq(trainingSlots.status, "published")))
    .returning({ id: trainingSlots.id });
  const jobIds = jobs.map((j) => j.id);
  const slotIds = slots.map((s) => s.id);
  await enqueueSearchSync(tx, "jobs", jobIds);
  await enqueueSearchSync(tx, "training_slots", slotIds);
  return { jobIds, slotIds };
}

/** Publish again the training slots held while their organisation was rejected (jobs: see verifyOrganization). */
export async function releaseHeldTrainingSlots(tx: Db, organizationId: string, now = new Date()): Promise<string[]> {
  const slots = await tx
    .update(trainingSlots)
    .set({ status: "published", updatedAt: now })
    .where(
      and(eq(trainingSlots.organizationId, organizationId), eq(trainingSlots.status, "pending_review"), isNull(trainingSlots.reviewReason)),
    )
    .returning({ id: trainingSlots.id });
  return slots.map((s) => s.id);
}

/** Whether a listing is held because its organisation was rejected (the answer to "why can't I apply?"). */
export function isHeldForRejection(listing: { status: string; reviewReason: string | null }, organizationStatus: string): boolean {
  return listing.status === "pending_review" && listing.reviewReason === null && organizationStatus === "rejected";
}

