import { createHash } from "node:crypto";
import { and, eq, inArray, isNull, lte, sql } from "drizzle-orm";
import { queryRows, type Db } from "../../db/client";
import { applications, jobPostings, memberships, organizations, users, veteranProfiles } from "../../db/schema";
import { enqueueEmail } from "../../emails/outbox";

/** An application still `applied` this long after it arrived counts as unanswered. */
export const UNANSWERED_AFTER_MS = 14 * 86_400_000;

export interface FlagResult {
  /** Applications flagged by this run. */
  flagged: number;
  /** Organisations sent a digest by this run. */
  organizations: number;
  /** Digest mails queued (one per member of each of those organisations). */
  mails: number;
}

/**
 * Flag applications still `applied` 14 days after they arrived, and queue one digest per organisation (addressed
 * to each of its members) listing the newly flagged ones. Idempotent: a flagged application is never flagged
 * again, the flag and the mails are written in one transaction, and the conditional update means two workers
 * running at once split the rows instead of both mailing them. For the worker (daily or hourly).
 */
export async function flagUnansweredApplications(db: Db, now: Date, options: { publicUrl?: string } = {}): Promise<FlagResult> {
  const cutoff = new Date(now.getTime() - UNANSWERED_AFTER_MS);
  return db.transaction(async (tx) => {
    const flagged = await tx
      .update(applications)
      .set({ flaggedUnansweredAt: now })
      .where(and(eq(applications.status, "applied"), isNull(applications.flaggedUnansweredAt), lte(applications.createdAt, cutoff)))
      .returning({ id: applications.id });
    if (flagged.length === 0) return { flagged: 0, organizations: 0, mails: 0 };
    const rows = await tx
      .select({
        id: applications.id,
        createdAt: applications.createdAt,
        jobPostingId: jobPostings.id,
        jobTitle: jobPostings.title,
        organizationId: organizations.id,
        organizationName: organizations.name,
        applicantName: veteranProfiles.fullName,
      })
      .from(applications)
      .innerJoin(jobPostings, eq(jobPostings.id, applications.jobPostingId))
      .innerJoin(organizations, eq(organizations.id, jobPostings.organizationId))
      .innerJoin(veteranProfiles, eq(veteranProfiles.id, applications.veteranProfileId))
      .where(inArray(applications.id, flagged.map((f) => f.id)));
    const byOrg = new Map<string, typeof rows>();
    for (const r of rows) byOrg.set(r.organizationId, [...(byOrg.get(r.organizationId) ?? []), r]);
    let mails = 0;
    for (const [organizationId, items] of byOrg) {
      items.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
      const batch = createHash("sha256").update(items.map((i) => i.id).sort().join(",")).digest("hex").slice(0, 24);
      const members = await tx
        .select({ id: users.id, email: users.email, displayName: users.displayName, locale: users.locale })
        .from(memberships)
        .innerJoin(users, eq(users.id, memberships.userId))
        .where(eq(memberships.organizationId, organizationId));
      for (const m of members) {
        const { inserted } = await enqueueEmail(tx, {
          template: "applications_unanswered",
          to: m.email,
          locale: m.locale,
          userId: m.id,
          idempotencyKey: `applications_unanswered:${organizationId}:${m.id}:${batch}`,
          props: {
            name: m.displayName,
            organizationName: items[0]!.organizationName,
            items: items.slice(0, 50).map((i) => ({
              jobTitle: i.jobTitle,
              applicantName: i.applicantName,
              appliedAt: i.createdAt.toISOString(),
              url: options.publicUrl ? `${options.publicUrl}/employer/applications/${i.id}` : undefined,
            })),
            total: items.length,
          },
        });
        if (inserted) mails += 1;
      }
    }
    return { flagged: flagged.length, organizations: byOrg.size, mails };
  });
}

export interface ResponseStats {
  /** Share (0–1) of counted applications that got a first response within 14 days; null when none count yet. */
  responseRate: number | null;
  /** Median hours from application to first response, over answered ones; null when none answered. */
  medianResponseHours: number | null;
  /** How many applications the rate is computed over. */
  sample: number;
}

/**
 * An employer's public response figures. Counted: applications older than 14 days or already answered, except
 * ones the veteran withdrew unanswered within the 14 days (no chance to respond is not a failure to respond). Responded:
 * first response (any move by the employer) within 14 days. The median is over all answered applications.
 */
export async function getEmployerResponseStats(db: Db, organizationId: string, now = new Date()): Promise<ResponseStats> {
  const cutoff = new Date(now.getTime() - UNANSWERED_AFTER_MS).toISOString();
  const [row] = await queryRows<{ sample: number | string; responded: number | string; median_seconds: number | string | null }>(
    db,
    sql`select
          count(*) as sample,
          count(*) filter (where a.first_response_at is not null
                             and a.first_response_at - a.created_at <= interval '14 days') as responded,
          percentile_cont(0.5) within group (order by extract(epoch from (a.first_response_at - a.created_at)))
            filter (where a.first_response_at is not null) as median_seconds
        from applications a
        join job_postings j on j.id = a.job_posting_id
        where j.organization_id = ${organizationId}
          and (a.first_response_at is not null or a.created_at <= ${cutoff}::timestamptz)
          and not (a.status = 'withdrawn' and a.first_response_at is null
                   and a.updated_at - a.created_at < interval '14 days')`,
  );
  const sample = Number(row?.sample ?? 0);
  const responded = Number(row?.responded ?? 0);
  const median = row?.median_seconds === null || row?.median_seconds === undefined ? null : Number(row.median_seconds);
  return {
    responseRate: sample > 0 ? responded / sample : null,
    medianResponseHours: median === null ? null : Math.round((median / 3600) * 10) / 10,
    sample,
  };
}
