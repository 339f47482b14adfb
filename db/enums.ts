/**
 * Every closed list of values the database stores, written once. The schema's pgEnums and `$type<>` status columns,
 * the forms' zod enums, the search query parser, the importer and the mail templates all take their lists (and
 * types) from here. Plain constants only: the browser bundle imports this file too.
 */

export const ROLES = ["veteran", "employer", "incubator", "staff", "admin"] as const;
export type Role = (typeof ROLES)[number];
/** The roles a person may choose at sign-up; staff and admin accounts are made by an admin. */
export const SELF_SERVICE_ROLES = ["veteran", "employer", "incubator"] as const satisfies readonly Role[];

export const LOCALES = ["zh-CN", "en"] as const;
export type Locale = (typeof LOCALES)[number];

export const ORGANIZATION_KINDS = ["employer", "training_provider", "incubator_park", "service_station", "bureau"] as const;
export type OrganizationKind = (typeof ORGANIZATION_KINDS)[number];

/**
 * The tiers of the service network (a `service_station` organisation): the county or district service centre, a
 * town or street-office station, a village or community station. Each is tied to a region code of its level.
 */
export const STATION_TIERS = ["county", "town", "village"] as const;
export type StationTier = (typeof STATION_TIERS)[number];
/** The organisation kinds whose members are staff acting within the organisation's region. */
export const STAFF_ORGANIZATION_KINDS = ["service_station", "bureau"] as const satisfies readonly OrganizationKind[];

export const VERIFICATION_STATUSES = ["pending", "verified", "rejected"] as const;
export type VerificationStatus = (typeof VERIFICATION_STATUSES)[number];

export const JOB_STATUSES = ["draft", "pending_review", "published", "closed", "rejected"] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

export const JOB_TYPES = ["full_time", "part_time", "contract", "internship"] as const;
export type JobType = (typeof JOB_TYPES)[number];

export const VISIBILITIES = ["hidden", "verified_employers", "public"] as const;
export type Visibility = (typeof VISIBILITIES)[number];

/** The application status machine's states (transitions: app/models/application-status.ts). */
export const APPLICATION_STATUSES = ["applied", "viewed", "interview", "offer", "hired", "rejected", "withdrawn"] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

export const ENROLLMENT_STATUSES = ["enrolled", "waitlisted", "cancelled"] as const;
export type EnrollmentStatus = (typeof ENROLLMENT_STATUSES)[number];

export const CONTACT_REQUEST_STATUSES = ["pending", "accepted", "declined"] as const;
export type ContactRequestStatus = (typeof CONTACT_REQUEST_STATUSES)[number];

export const CONSENT_KINDS = ["visibility", "assisted_service", "data_processing"] as const;
export type ConsentKind = (typeof CONSENT_KINDS)[number];

export const IMPORT_KINDS = ["jobs", "veterans"] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

export const IMPORT_RUN_STATUSES = ["running", "done", "failed"] as const;
export type ImportRunStatus = (typeof IMPORT_RUN_STATUSES)[number];

export const OUTBOX_OPS = ["upsert", "delete"] as const;
export const EMAIL_STATUSES = ["pending", "sent", "failed"] as const;
export const TOKEN_PURPOSES = ["verify_email", "reset_password"] as const;

/** Whether `value` is one of `list` (narrows the type). */
export function isOneOf<const T extends readonly string[]>(list: T, value: unknown): value is T[number] {
  return typeof value === "string" && (list as readonly string[]).includes(value);
}
