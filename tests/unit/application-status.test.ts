import { describe, expect, it } from "vitest";
import {
  allowedTransitions,
  APPLICATION_STATUSES,
  canTransition,
  employerMovePath,
  employerMoveTargets,
  FINAL_STATUSES,
  type ApplicationStatus,
} from "../../app/models/application-status";

describe("application status machine", () => {
  it("lets the employer move one step along applied → viewed → interview → offer → hired", () => {
    const chain: ApplicationStatus[] = ["applied", "viewed", "interview", "offer", "hired"];
    for (let i = 0; i < chain.length - 1; i++) {
      expect(canTransition(chain[i]!, chain[i + 1]!, "employer")).toBe(true);
    }
    expect(canTransition("viewed", "offer", "employer")).toBe(false);
    expect(canTransition("interview", "hired", "employer")).toBe(false);
    expect(canTransition("offer", "interview", "employer")).toBe(false); // no going back
  });

  it("lets the employer reject from every non-final status and from no final one", () => {
    for (const s of APPLICATION_STATUSES) {
      expect(canTransition(s, "rejected", "employer")).toBe(!FINAL_STATUSES.includes(s));
    }
  });

  it("lets only the veteran withdraw, from any non-final status", () => {
    for (const s of APPLICATION_STATUSES) {
      expect(allowedTransitions(s, "veteran")).toEqual(FINAL_STATUSES.includes(s) ? [] : ["withdrawn"]);
      expect(canTransition(s, "withdrawn", "employer")).toBe(false);
    }
  });

  it("allows nothing out of hired, rejected or withdrawn", () => {
    for (const s of FINAL_STATUSES) {
      expect(allowedTransitions(s, "employer")).toEqual([]);
      expect(allowedTransitions(s, "veteran")).toEqual([]);
    }
  });

  it("records viewed first when the employer's first action skips it", () => {
    expect(employerMovePath("applied", "viewed")).toEqual(["viewed"]);
    expect(employerMovePath("applied", "interview")).toEqual(["viewed", "interview"]);
    expect(employerMovePath("applied", "rejected")).toEqual(["rejected"]);
    expect(employerMovePath("applied", "offer")).toBeNull();
    expect(employerMovePath("viewed", "interview")).toEqual(["interview"]);
    expect(employerMovePath("hired", "rejected")).toBeNull();
    expect(employerMovePath("interview", "applied")).toBeNull();
  });

  it("offers the employer exactly the moves it may make", () => {
    expect(employerMoveTargets("applied")).toEqual(["viewed", "interview", "rejected"]);
    expect(employerMoveTargets("viewed")).toEqual(["interview", "rejected"]);
    expect(employerMoveTargets("offer")).toEqual(["hired", "rejected"]);
    expect(employerMoveTargets("withdrawn")).toEqual([]);
  });
});
