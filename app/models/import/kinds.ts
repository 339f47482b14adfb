import type { ImportKind } from "../../../db/enums";
// The import kinds and their columns: plain data, safe to import from route components (the browser bundle).


export const JOB_COLUMNS = [
  "external_id",
  "organization",
  "title",
  "description",
  "category",
  "skills",
  "region_code",
  "salary_min",
  "salary_max",
  "job_type",
  "headcount",
  "veteran_preferred",
] as const;
export const JOB_REQUIRED = ["external_id", "organization", "title", "category", "region_code"] as const;

export const VETERAN_COLUMNS = [
  "external_id",
  "name",
  "email",
  "phone",
  "region_code",
  "branch",
  "specialty",
  "rank",
  "years_served",
  "discharge_year",
  "education",
  "certificates",
  "skills",
  "desired_roles",
  "desired_region_codes",
  "salary_min",
  "job_types",
  "visibility",
  // yes / 是 / 同意 when the veteran agreed to the visibility above; counts only when staff attest the file's
  // consents (the staff page's checkbox, `--attest-consent=EMAIL` on the command line). Without both: hidden.
  "consent",
] as const;
export const VETERAN_REQUIRED = ["external_id", "name"] as const;

export const IMPORT_SPECS: Record<ImportKind, { columns: readonly string[]; required: readonly string[] }> = {
  jobs: { columns: JOB_COLUMNS, required: JOB_REQUIRED },
  veterans: { columns: VETERAN_COLUMNS, required: VETERAN_REQUIRED },
};
