import { randomBytes } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { Db } from "../../db/client";
import { applications, contactRequests, emailOutbox, veteranProfiles } from "../../db/schema";
import { createJobPosting, createOrganization, createUser, createVeteranProfile } from "../../db/factories";
import { listContactRequestsForVeteran, requestContact, respondToContactRequest } from "../../app/models/contact-request.server";
import { exportMyData, deleteMyAccount } from "../../app/models/data-rights.server";
import { ForbiddenError, NotFoundError } from "../../app/models/errors";
import { getOwnProfile, saveOwnProfile } from "../../app/models/veteran-profile.server";
import { getProfileForEmployer } from "../../app/models/veteran-profile-employer.server";
import { getProfileForStaff, saveProfileAssisted } from "../../app/models/veteran-profile-staff.server";
import type { Actor } from "../../app/models/authz.server";
import { profileSchema } from "../../app/forms/profile";
import { withRollback } from "../helpers/db";

const KEY = randomBytes(32).toString("base64");
const URL_OPTS = { publicUrl: "https://rongye.example" };

async function employer(tx: Db, verified: boolean) {
  const user = await createUser(tx, { role: "employer" });
  const org = await createOrganization(tx, { kind: "employer", verificationStatus: verified ? "verified" : "pending", ownerUserId: user.id });
  return { actor: { id: user.id, role: "employer" } as Actor, org, email: user.email };
}

async function veteranWithProfile(tx: Db, visibility: "hidden" | "verified_employers" | "public") {
  const user = await createUser(tx, { role: "veteran" });
  const profile = await createVeteranProfile(tx, {
    userId: user.id,
    fullName: "陈志强",
    phone: "13800000001",
    contactEmail: "chen@example.com",
    visibility,
    consentAt: visibility === "hidden" ? null : new Date(),
    consentVersion: visibility === "hidden" ? null : "2026-01",
    skills: ["driving"],
  });
  return { actor: { id: user.id, role: "veteran" } as Actor, profile, email: user.email };
}

describe("contact privacy for employers", () => {
  it("shows the surname initial, region, service summary and skills, never phone or email by default", () =>
    withRollback(async (tx) => {
      const emp = await employer(tx, true);
      const vet = await veteranWithProfile(tx, "public");
      const view = await getProfileForEmployer(tx, emp.actor, vet.profile.id);
      expect(view.surnameInitial).toBe("陈");
      expect(view.regionCode).toBe(vet.profile.regionCode);
      expect(view.specialty).toBe("汽车驾驶员");
      expect(view.skills).toEqual(["driving"]);
      expect(view.contact).toBeNull();
      expect(JSON.stringify(view)).not.toContain("13800000001");
      expect(JSON.stringify(view)).not.toContain("chen@example.com");
      expect(JSON.stringify(view)).not.toContain("志强");
    }));

  it("hidden files are not found; verified_employers files only for verified organisations", () =>
    withRollback(async (tx) => {
      const verified = await employer(tx, true);
      const unverified = await employer(tx, false);
      const hidden = await veteranWithProfile(tx, "hidden");
      const forVerified = await veteranWithProfile(tx, "verified_employers");
      const pub = await veteranWithProfile(tx, "public");
      await expect(getProfileForEmployer(tx, verified.actor, hidden.profile.id)).rejects.toBeInstanceOf(NotFoundError);
      await expect(getProfileForEmployer(tx, unverified.actor, hidden.profile.id)).rejects.toBeInstanceOf(NotFoundError);
      expect((await getProfileForEmployer(tx, verified.actor, forVerified.profile.id)).id).toBe(forVerified.profile.id);
      await expect(getProfileForEmployer(tx, unverified.actor, forVerified.profile.id)).rejects.toBeInstanceOf(NotFoundError);
      expect((await getProfileForEmployer(tx, unverified.actor, pub.profile.id)).id).toBe(pub.profile.id);
      await expect(requestContact(tx, unverified.actor, forVerified.profile.id, "hi", URL_OPTS)).rejects.toBeInstanceOf(NotFoundError);
      await expect(requestContact(tx, verified.actor, hidden.profile.id, "hi", URL_OPTS)).rejects.toBeInstanceOf(NotFoundError);
      // Not an employer at all
      await expect(getProfileForEmployer(tx, hidden.actor, pub.profile.id)).rejects.toBeInstanceOf(ForbiddenError);
    }));

  it("shows contact details once the veteran applied to one of the organisation's jobs (and only to that one)", () =>
    withRollback(async (tx) => {
      const emp = await employer(tx, true);
      const other = await employer(tx, true);
      const vet = await veteranWithProfile(tx, "verified_employers");
      const job = await createJobPosting(tx, { organizationId: emp.org.id });
      await tx.insert(applications).values({ jobPostingId: job.id, veteranProfileId: vet.profile.id });
      const view = await getProfileForEmployer(tx, emp.actor, vet.profile.id);
      expect(view.contactAllowedBecause).toBe("applied");
      expect(view.contact).toEqual({ phone: "13800000001", email: "chen@example.com" });
      expect((await getProfileForEmployer(tx, other.actor, vet.profile.id)).contact).toBeNull();
    }));

  it("request → veteran is mailed → accept → employer is mailed and sees contact details", () =>
    withRollback(async (tx) => {
      const emp = await employer(tx, true);
      const vet = await veteranWithProfile(tx, "public");
      const { request, created } = await requestContact(tx, emp.actor, vet.profile.id, "我们在招司机", URL_OPTS);
      expect(created).toBe(true);
      expect(request.status).toBe("pending");
      const again = await requestContact(tx, emp.actor, vet.profile.id, "再问一次", URL_OPTS);
      expect(again).toMatchObject({ created: false, request: { id: request.id } });
      const toVet = await tx.select().from(emailOutbox).where(eq(emailOutbox.idempotencyKey, `contact_request_received:${request.id}`));
      expect(toVet).toHaveLength(1);
      expect(toVet[0]).toMatchObject({ toAddress: vet.email, template: "contact_request_received", userId: vet.actor.id });
      expect((await getProfileForEmployer(tx, emp.actor, vet.profile.id)).contactRequest?.status).toBe("pending");
      expect((await getProfileForEmployer(tx, emp.actor, vet.profile.id)).contact).toBeNull();

      const list = await listContactRequestsForVeteran(tx, vet.actor);
      expect(list).toHaveLength(1);
      expect(list[0]).toMatchObject({ id: request.id, organizationName: emp.org.name, message: "我们在招司机" });

      await respondToContactRequest(tx, vet.actor, request.id, true, URL_OPTS);
      const view = await getProfileForEmployer(tx, emp.actor, vet.profile.id);
      expect(view.contactAllowedBecause).toBe("accepted");
      expect(view.contact?.phone).toBe("13800000001");
      const toEmployer = await tx.select().from(emailOutbox).where(eq(emailOutbox.idempotencyKey, `contact_request_answered:${request.id}`));
      expect(toEmployer).toHaveLength(1);
      expect(toEmployer[0]).toMatchObject({ toAddress: emp.email, template: "contact_request_answered" });
      expect((toEmployer[0].props as { candidate: string }).candidate).toBe("陈**");
      await expect(respondToContactRequest(tx, vet.actor, request.id, false, URL_OPTS)).rejects.toMatchObject({ code: "profile:errors.contactAnswered" });
    }));

  it("a declined request keeps contact hidden and cannot be re-sent", () =>
    withRollback(async (tx) => {
      const emp = await employer(tx, true);
      const vet = await veteranWithProfile(tx, "public");
      const { request } = await requestContact(tx, emp.actor, vet.profile.id, null, URL_OPTS);
      await respondToContactRequest(tx, vet.actor, request.id, false, URL_OPTS);
      expect((await getProfileForEmployer(tx, emp.actor, vet.profile.id)).contact).toBeNull();
      await expect(requestContact(tx, emp.actor, vet.profile.id, null, URL_OPTS)).rejects.toMatchObject({ code: "profile:errors.contactDeclined" });
    }));
});

describe("access sweep: user B cannot read or change user A's data through any model function", () => {
  it("every function refuses the other veteran, employers and the wrong roles", () =>
    withRollback(async (tx) => {
      const a = await veteranWithProfile(tx, "public");
      const b = await veteranWithProfile(tx, "public");
      const emp = await employer(tx, true);
      const otherEmp = await employer(tx, true);
      const { request } = await requestContact(tx, emp.actor, a.profile.id, "hello", URL_OPTS);

      // B's own-profile functions only ever touch B's file.
      expect((await getOwnProfile(tx, b.actor, KEY))?.id).toBe(b.profile.id);
      const parsed = profileSchema.parse({ fullName: "B 改名" });
      const saved = await saveOwnProfile(tx, b.actor, parsed, KEY);
      expect(saved.id).toBe(b.profile.id);
      const [aRow] = await tx.select().from(veteranProfiles).where(eq(veteranProfiles.id, a.profile.id));
      expect(aRow.fullName).toBe("陈志强");

      // Contact requests: B cannot see or answer A's.
      expect(await listContactRequestsForVeteran(tx, b.actor)).toEqual([]);
      await expect(respondToContactRequest(tx, b.actor, request.id, true, URL_OPTS)).rejects.toBeInstanceOf(NotFoundError);
      // Employers cannot answer requests, nor can another employer see them through the profile view.
      await expect(respondToContactRequest(tx, emp.actor, request.id, true, URL_OPTS)).rejects.toBeInstanceOf(ForbiddenError);
      await expect(respondToContactRequest(tx, otherEmp.actor, request.id, true, URL_OPTS)).rejects.toBeInstanceOf(ForbiddenError);
      expect((await getProfileForEmployer(tx, otherEmp.actor, a.profile.id)).contactRequest).toBeNull();
      const [req] = await tx.select().from(contactRequests).where(eq(contactRequests.id, request.id));
      expect(req.status).toBe("pending");

      // Veterans and employers cannot use staff or employer functions.
      await expect(getProfileForStaff(tx, b.actor, a.profile.id, KEY)).rejects.toBeInstanceOf(ForbiddenError);
      await expect(getProfileForStaff(tx, emp.actor, a.profile.id, KEY)).rejects.toBeInstanceOf(ForbiddenError);
      await expect(saveProfileAssisted(tx, b.actor, a.profile.id, { ...parsed, assistedConsent: "on" }, KEY)).rejects.toBeInstanceOf(ForbiddenError);
      await expect(saveProfileAssisted(tx, emp.actor, a.profile.id, { ...parsed, assistedConsent: "on" }, KEY)).rejects.toBeInstanceOf(ForbiddenError);
      await expect(getProfileForEmployer(tx, b.actor, a.profile.id)).rejects.toBeInstanceOf(ForbiddenError);
      await expect(requestContact(tx, b.actor, a.profile.id, "x", URL_OPTS)).rejects.toBeInstanceOf(ForbiddenError);
      await expect(getOwnProfile(tx, emp.actor, KEY)).rejects.toBeInstanceOf(ForbiddenError);
      await expect(listContactRequestsForVeteran(tx, emp.actor)).rejects.toBeInstanceOf(ForbiddenError);

      // Data rights act on the caller only.
      const exported = await exportMyData(tx, b.actor, KEY);
      expect((exported.profile as { id: string }).id).toBe(b.profile.id);
      expect(exported.contactRequests).toEqual([]);
      await expect(deleteMyAccount(tx, b.actor, "not-the-password-9")).rejects.toMatchObject({ code: "errors.badCredentials" });
      await expect(deleteMyAccount(tx, emp.actor, "whatever-1")).rejects.toBeInstanceOf(ForbiddenError);
      const stillThere = await tx.select().from(veteranProfiles).where(and(eq(veteranProfiles.id, a.profile.id)));
      expect(stillThere).toHaveLength(1);

      // Malformed ids are not found, not errors from the database.
      await expect(getProfileForEmployer(tx, emp.actor, "not-a-uuid")).rejects.toBeInstanceOf(NotFoundError);
      await expect(respondToContactRequest(tx, a.actor, "not-a-uuid", true, URL_OPTS)).rejects.toBeInstanceOf(NotFoundError);
    }));
});
