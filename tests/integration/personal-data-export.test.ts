import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { applyToJob } from "../../app/models/application.server";
import { recordAudit } from "../../app/models/authz.server";
import { exportMyData } from "../../app/models/data-rights.server";
import { createJobPosting, createOrganization, createUser, createVeteranProfile } from "../../db/factories";
import { memberships } from "../../db/schema";
import { makePdf } from "../helpers/application-files";
import { getTestDb, withRollback } from "../helpers/db";

// Open (and migrate) the shared test database in the hook, not inside the first test's time budget.
beforeAll(() => getTestDb());

describe("personal-data export", () => {
  it("holds the CVs, the mail sent to and about the person, and who at staff or an employer looked", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "rongye-export-"));
    try {
      await withRollback(async (tx) => {
        const recruiter = await createUser(tx, { role: "employer", email: `hr-${randomBytes(3).toString("hex")}@example.com`, displayName: "人事 李娜" });
        const org = await createOrganization(tx, { verificationStatus: "verified" });
        await tx.insert(memberships).values({ userId: recruiter.id, organizationId: org.id, role: "owner" });
        const job = await createJobPosting(tx, { organizationId: org.id });
        const veteran = await createUser(tx, { role: "veteran" });
        const profile = await createVeteranProfile(tx, { userId: veteran.id, fullName: "司马建业" });
        const cv = makePdf(100);
        const { id: applicationId } = await applyToJob(
          tx,
          veteran,
          { jobPostingId: job.id, coverNote: "我在部队是汽车兵，驾龄八年。", cv: { filename: "简历.pdf", bytes: cv } },
          { publicUrl: "http://rongye.test", storageDir: dir },
        );
        const staff = await createUser(tx, { role: "staff", displayName: "服务站 王磊" });
        await recordAudit(tx, staff, "profile.read", profile.id);
        await recordAudit(tx, recruiter, "application.cv.download", applicationId);

        const data = await exportMyData(tx, veteran, randomBytes(32).toString("base64"), { uploadRoot: dir });
        expect(data.format).toBe("rongye-personal-data/2");
        const [application] = data.applications as { id: string; cvBase64: string | null }[];
        expect(application!.id).toBe(applicationId);
        expect(Buffer.from(application!.cvBase64!, "base64").equals(Buffer.from(cv))).toBe(true);

        const aboutThem = data.mails.filter((m) => m.template === "application_received");
        expect(aboutThem).toHaveLength(1);
        expect(aboutThem[0]).toMatchObject({ recipient: "employer", props: expect.objectContaining({ applicantName: "司马建业" }) });
        expect(JSON.stringify(data.mails)).not.toContain(recruiter.email);

        expect(data.accessRecords.map((r) => [r.action, r.actorName, r.actorRole])).toEqual([
          ["profile.read", "服务站 王磊", "staff"],
          ["application.cv.download", "人事 李娜", "employer"],
        ]);
      });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
