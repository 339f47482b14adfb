import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import * as enums from "../../db/enums";
import * as schema from "../../db/schema";

describe("closed value lists are written once (db/enums.ts)", () => {
  it("the pgEnums take their values from the lists", () => {
    expect(schema.userRole.enumValues).toEqual([...enums.ROLES]);
    expect(schema.locale.enumValues).toEqual([...enums.LOCALES]);
    expect(schema.jobType.enumValues).toEqual([...enums.JOB_TYPES]);
    expect(schema.jobStatus.enumValues).toEqual([...enums.JOB_STATUSES]);
    expect(schema.visibility.enumValues).toEqual([...enums.VISIBILITIES]);
    expect(schema.organizationKind.enumValues).toEqual([...enums.ORGANIZATION_KINDS]);
    expect(schema.verificationStatus.enumValues).toEqual([...enums.VERIFICATION_STATUSES]);
  });

  it("the text status and kind columns are typed from the lists", () => {
    expect(schema.applications.status.enumValues).toEqual([...enums.APPLICATION_STATUSES]);
    expect(schema.applicationEvents.status.enumValues).toEqual([...enums.APPLICATION_STATUSES]);
    expect(schema.trainingEnrollments.status.enumValues).toEqual([...enums.ENROLLMENT_STATUSES]);
    expect(schema.contactRequests.status.enumValues).toEqual([...enums.CONTACT_REQUEST_STATUSES]);
    expect(schema.consentRecords.kind.enumValues).toEqual([...enums.CONSENT_KINDS]);
    expect(schema.importRuns.kind.enumValues).toEqual([...enums.IMPORT_KINDS]);
    expect(schema.importRuns.status.enumValues).toEqual([...enums.IMPORT_RUN_STATUSES]);
  });

  it("no other source file spells out the job-type, locale, role or visibility list again", () => {
    const lists = [
      '"full_time", "part_time", "contract", "internship"',
      '["zh-CN", "en"]',
      '"zh-CN" | "en"',
      '"veteran", "employer", "incubator"',
      '"hidden", "verified_employers", "public"',
    ];
    const found = lists.flatMap((list) => {
      try {
        const out = execFileSync("git", ["grep", "-lF", list, "--", "app", "db", "search", "emails", "scripts", "server.ts"], {
          encoding: "utf8",
        });
        return out.split("\n").filter((f) => f && f !== "db/enums.ts").map((f) => `${f}: ${list}`);
      } catch {
        return []; // git grep exits 1 when nothing matches
      }
    });
    expect(found).toEqual([]);
  });
});
