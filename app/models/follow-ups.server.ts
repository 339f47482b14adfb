// Follow-ups after a placement (issue 12 item 3, the part outcome dashboards count): a hire creates tasks for the
// veteran's station at 1, 3 and 6 months ("still employed? satisfied? needs?"); the answers are the retention figures.
import { eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { veteranProfiles } from "../../db/schema";
import { FOLLOW_UP_MONTHS, followUps, type FollowUpSource } from "../../db/schema-service";

/** The same calendar day `months` later (the last day of a shorter month), at the same time. */
export function addMonths(at: Date, months: number): Date {
  const d = new Date(at.getTime());
  const day = d.getUTCDate();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() + months);
  const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(day, last));
  return d;
}

/**
 * In the transaction of the placement: one task per follow-up month, counted under the veteran's region. A veteran
 * with no region has no station to ask, so no tasks. Scheduling the same application twice does nothing.
 */
export async function scheduleFollowUps(
  tx: Db,
  input: { source: FollowUpSource; veteranProfileId: string; placedAt: Date; applicationId?: string; ventureId?: string },
): Promise<number> {
  const [profile] = await tx.select({ regionCode: veteranProfiles.regionCode }).from(veteranProfiles).where(eq(veteranProfiles.id, input.veteranProfileId));
  if (!profile?.regionCode) return 0;
  const rows = await tx
    .insert(followUps)
    .values(
      FOLLOW_UP_MONTHS.map((month) => ({
        veteranProfileId: input.veteranProfileId,
        source: input.source,
        applicationId: input.applicationId ?? null,
        ventureId: input.ventureId ?? null,
        regionCode: profile.regionCode!,
        month,
        placedAt: input.placedAt,
        dueAt: addMonths(input.placedAt, month),
      })),
    )
    .onConflictDoNothing()
    .returning({ id: followUps.id });
  return rows.length;
}

/** Records a follow-up's answers (staff of the veteran's station). */
export async function recordFollowUp(
  db: Db,
  id: string,
  answer: { stillEmployed: boolean; satisfied?: boolean | null; needs?: string; doneByUserId: string; doneAt?: Date },
): Promise<void> {
  await db
    .update(followUps)
    .set({
      stillEmployed: answer.stillEmployed,
      satisfied: answer.satisfied ?? null,
      needs: answer.needs?.trim() ?? "",
      doneByUserId: answer.doneByUserId,
      doneAt: answer.doneAt ?? new Date(),
      updatedAt: new Date(),
    })
    .where(eq(followUps.id, id));
}
