/**
 * Reviewer normalisation for founder applications, pure so it is unit-tested on its own. Each reviewer's weighted
 * totals are turned into z-scores over the applications that reviewer scored (how far above or below their own
 * average, in their own spread), so a harsh and a generous reviewer count alike; an application's normalised
 * score is the mean of its reviewers' z-scores.
 */

export interface CriterionWeight {
  id: string;
  weight: number;
  maxScore: number;
}

/** A reviewer's weighted total for one application, 0–100: each criterion as a share of its maximum, by weight. */
export function weightedTotal(criteria: CriterionWeight[], scores: Map<string, number>): number | null {
  let weightSum = 0;
  let sum = 0;
  for (const c of criteria) {
    const s = scores.get(c.id);
    if (s === undefined) return null; // incomplete: not counted
    sum += (Math.min(s, c.maxScore) / c.maxScore) * c.weight;
    weightSum += c.weight;
  }
  return weightSum === 0 ? null : (sum / weightSum) * 100;
}

export interface ReviewerTotal {
  applicationId: string;
  reviewerId: string;
  total: number;
}

export interface NormalisedScore {
  applicationId: string;
  /** Mean of the reviewers' raw totals (0–100). */
  rawMean: number;
  /** Mean of the reviewers' z-scores; 0 is "average for each reviewer". */
  normalised: number;
  reviewers: number;
}

export function normaliseScores(totals: ReviewerTotal[]): NormalisedScore[] {
  const byReviewer = new Map<string, ReviewerTotal[]>();
  for (const t of totals) byReviewer.set(t.reviewerId, [...(byReviewer.get(t.reviewerId) ?? []), t]);
  const z = new Map<string, number[]>();
  const raw = new Map<string, number[]>();
  for (const list of byReviewer.values()) {
    const mean = list.reduce((s, t) => s + t.total, 0) / list.length;
    const variance = list.reduce((s, t) => s + (t.total - mean) ** 2, 0) / list.length;
    const sd = Math.sqrt(variance);
    for (const t of list) {
      // A reviewer who scored one application, or everything alike, says nothing about rank: z = 0.
      z.set(t.applicationId, [...(z.get(t.applicationId) ?? []), sd > 1e-9 ? (t.total - mean) / sd : 0]);
      raw.set(t.applicationId, [...(raw.get(t.applicationId) ?? []), t.total]);
    }
  }
  const avg = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
  return [...z.entries()]
    .map(([applicationId, zs]) => ({ applicationId, rawMean: avg(raw.get(applicationId)!), normalised: avg(zs), reviewers: zs.length }))
    .sort((a, b) => b.normalised - a.normalised || b.rawMean - a.rawMean || a.applicationId.localeCompare(b.applicationId));
}
