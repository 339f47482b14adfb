/**
 * The application status machine, pure and shared by server and browser.
 *
 * Employer: applied → viewed → interview → offer → hired, and any non-final status → rejected.
 * Veteran: any non-final status → withdrawn. hired, rejected and withdrawn are final; after one of them the
 * veteran may apply to the same job again (the partial unique index only covers active applications).
 */
import { APPLICATION_STATUSES, type ApplicationStatus } from "../../db/enums";
export { APPLICATION_STATUSES, type ApplicationStatus };
export type ApplicationActorKind = "employer" | "veteran";

export const FINAL_STATUSES: readonly ApplicationStatus[] = ["hired", "rejected", "withdrawn"];
export const ACTIVE_STATUSES: readonly ApplicationStatus[] = ["applied", "viewed", "interview", "offer"];

const EMPLOYER_NEXT: Record<ApplicationStatus, ApplicationStatus[]> = {
  applied: ["viewed", "rejected"],
  viewed: ["interview", "rejected"],
  interview: ["offer", "rejected"],
  offer: ["hired", "rejected"],
  hired: [],
  rejected: [],
  withdrawn: [],
};

export function isApplicationStatus(value: unknown): value is ApplicationStatus {
  return typeof value === "string" && (APPLICATION_STATUSES as readonly string[]).includes(value);
}

export function isFinalStatus(status: ApplicationStatus): boolean {
  return FINAL_STATUSES.includes(status);
}

/** The single steps `by` may take from `from`. */
export function allowedTransitions(from: ApplicationStatus, by: ApplicationActorKind): ApplicationStatus[] {
  if (by === "veteran") return isFinalStatus(from) ? [] : ["withdrawn"];
  return [...EMPLOYER_NEXT[from]];
}

export function canTransition(from: ApplicationStatus, to: ApplicationStatus, by: ApplicationActorKind): boolean {
  return allowedTransitions(from, by).includes(to);
}

/**
 * The statuses an employer's move records, in order, or null when the move is not allowed. Viewing is recorded
 * when the employer first acts, not when a page is opened (no state change on GET): moving an application that
 * is still `applied` straight to `interview` records `viewed` and then `interview`.
 */
export function employerMovePath(from: ApplicationStatus, to: ApplicationStatus): ApplicationStatus[] | null {
  if (canTransition(from, to, "employer")) return [to];
  if (from === "applied" && canTransition("viewed", to, "employer")) return ["viewed", to];
  return null;
}

/** The targets offered to an employer on an application in `from` (single steps plus the implicit-view shortcut). */
export function employerMoveTargets(from: ApplicationStatus): ApplicationStatus[] {
  const targets = new Set(allowedTransitions(from, "employer"));
  if (from === "applied") for (const t of allowedTransitions("viewed", "employer")) targets.add(t);
  return APPLICATION_STATUSES.filter((s) => targets.has(s));
}
