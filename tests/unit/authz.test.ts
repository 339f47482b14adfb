import { describe, expect, it } from "vitest";
import { AUDIT_ACTIONS, isStaff, isUuid, requireStaff, requireUuid } from "../../app/models/authz.server";
import { ForbiddenError, NotFoundError } from "../../app/models/errors";

describe("strict ids", () => {
  it("accepts canonical UUIDs in either case and answers in lower case", () => {
    expect(isUuid("3f2b8c1e-9d4a-4b6f-8e2a-1c5d7f9b0a3e")).toBe(true);
    expect(requireUuid("3F2B8C1E-9D4A-4B6F-8E2A-1C5D7F9B0A3E")).toBe("3f2b8c1e-9d4a-4b6f-8e2a-1c5d7f9b0a3e");
  });

  it.each([
    ["xyz"],
    ["abc"],
    ["-".repeat(36)],
    ["0".repeat(36)],
    ["3f2b8c1e9d4a4b6f8e2a1c5d7f9b0a3e----"],
    ["3f2b8c1e-9d4a-4b6f-8e2a-1c5d7f9b0a3"],
    ["3f2b8c1e-9d4a-4b6f-8e2a-1c5d7f9b0a3ef"],
    ["3f2b8c1e-9d4a-4b6f-8e2a-1c5d7f9b0a3g"],
    [" 3f2b8c1e-9d4a-4b6f-8e2a-1c5d7f9b0a3e"],
    ["3f2b8c1e-9d4a-4b6f-8e2a-1c5d7f9b0a3e\n"],
    [""],
  ])("refuses %j with NotFoundError", (id) => {
    expect(isUuid(id)).toBe(false);
    expect(() => requireUuid(id)).toThrow(NotFoundError);
  });

  it("refuses what is not a string", () => {
    for (const value of [undefined, null, 42, ["3f2b8c1e-9d4a-4b6f-8e2a-1c5d7f9b0a3e"]]) {
      expect(() => requireUuid(value)).toThrow(NotFoundError);
    }
  });
});

describe("staff", () => {
  it("counts staff and admins, nobody else", () => {
    expect(["veteran", "employer", "incubator", "staff", "admin"].filter((role) => isStaff({ role }))).toEqual(["staff", "admin"]);
    expect(() => requireStaff({ role: "employer" })).toThrow(ForbiddenError);
    expect(() => requireStaff({ role: "admin" })).not.toThrow();
  });
});

describe("audit actions", () => {
  it("name their subject type, and every action is entity.verb", () => {
    for (const [action, subject] of Object.entries(AUDIT_ACTIONS)) {
      expect(action).toMatch(/^[a-z]+(\.[a-z]+)+$/);
      expect(subject).toMatch(/^[a-z_]+$/);
    }
    expect(AUDIT_ACTIONS["profile.read"]).toBe("veteran_profile");
  });
});
