import { parseWithZod } from "@conform-to/zod";
import { describe, expect, it } from "vitest";
import {
  ORGANIZATION_BADGES,
  organizationProfileSchema,
  organizationReviewSchema,
  taxonomyEditSchema,
} from "../../app/forms/organization";

function form(entries: Record<string, string>): FormData {
  const data = new FormData();
  for (const [k, v] of Object.entries(entries)) data.append(k, v);
  return data;
}

const ID = "0b0e6a53-7f5b-4c43-9f3e-2b2a8c1c2d3e";

describe("organisation profile form", () => {
  it("trims, drops empty optional fields and accepts a 6-digit region", () => {
    const r = parseWithZod(form({ name: "  港城智运物流  ", description: "", website: "https://example.com/a", regionCode: "320582", kind: "training_provider" }), {
      schema: organizationProfileSchema,
    });
    expect(r.status).toBe("success");
    if (r.status !== "success") return;
    expect(r.value).toEqual({ name: "港城智运物流", website: "https://example.com/a", regionCode: "320582", kind: "training_provider" });
  });

  it("answers with message keys for a short name, a bad website, a bad region and a locked kind", () => {
    const r = parseWithZod(form({ name: "港", website: "javascript:alert(1)", regionCode: "32", kind: "bureau" }), {
      schema: organizationProfileSchema,
    });
    expect(r.status).toBe("error");
    const errors = r.reply().error ?? {};
    expect(errors.name).toEqual(["staff:errors.nameShort"]);
    expect(errors.website).toEqual(["staff:errors.website"]);
    expect(errors.regionCode).toEqual(["errors.regionCode"]);
    expect(errors.kind).toEqual(["staff:errors.kind"]);
  });

  it("requires a name and limits the description", () => {
    const r = parseWithZod(form({ description: "x".repeat(2001) }), { schema: organizationProfileSchema });
    const errors = r.reply().error ?? {};
    expect(errors.name).toEqual(["errors.required"]);
    expect(errors.description).toEqual(["errors.tooLong"]);
  });
});

describe("verification queue form", () => {
  it("needs a reason to reject, none to verify", () => {
    const verify = parseWithZod(form({ intent: "verify", organizationId: ID }), { schema: organizationReviewSchema });
    expect(verify.status).toBe("success");
    const noReason = parseWithZod(form({ intent: "reject", organizationId: ID, reason: "   " }), { schema: organizationReviewSchema });
    expect(noReason.reply().error?.reason).toEqual(["staff:errors.reasonRequired"]);
    const missing = parseWithZod(form({ intent: "reject", organizationId: ID }), { schema: organizationReviewSchema });
    expect(missing.reply().error?.reason).toEqual(["staff:errors.reasonRequired"]);
    const ok = parseWithZod(form({ intent: "reject", organizationId: ID, reason: " 执照过期 " }), { schema: organizationReviewSchema });
    expect(ok.status === "success" && ok.value).toEqual({ intent: "reject", organizationId: ID, reason: "执照过期" });
  });

  it("accepts only the known badges and real ids", () => {
    const good = parseWithZod(form({ intent: "grantBadge", organizationId: ID, badge: ORGANIZATION_BADGES[0] }), { schema: organizationReviewSchema });
    expect(good.status).toBe("success");
    const bad = parseWithZod(form({ intent: "revokeBadge", organizationId: "1; drop table", badge: "金牌" }), { schema: organizationReviewSchema });
    const errors = bad.reply().error ?? {};
    expect(errors.badge).toEqual(["staff:errors.unknownBadge"]);
    expect(errors.organizationId).toEqual(["errors.notFound"]);
  });
});

describe("taxonomy editor forms", () => {
  it("refuses text that is not a JSON object", () => {
    for (const json of ["{not json", "[1,2]", "42"]) {
      const r = parseWithZod(form({ intent: "json", json }), { schema: taxonomyEditSchema });
      expect(r.reply().error?.json).toEqual(["staff:errors.taxonomyJson"]);
    }
    expect(parseWithZod(form({ intent: "json", json: '{"version":"x"}' }), { schema: taxonomyEditSchema }).status).toBe("success");
  });

  it("checks the synonym target and term", () => {
    const ok = parseWithZod(form({ intent: "synonym", target: "skill:motor_vehicle_driver", language: "en", term: " trucker " }), { schema: taxonomyEditSchema });
    expect(ok.status === "success" && ok.value).toEqual({ intent: "synonym", target: "skill:motor_vehicle_driver", language: "en", term: "trucker" });
    const bad = parseWithZod(form({ intent: "synonym", target: "user:1", term: "" }), { schema: taxonomyEditSchema });
    const errors = bad.reply().error ?? {};
    expect(errors.target).toEqual(["staff:errors.synonymTarget"]);
    expect(errors.term).toEqual(["errors.required"]);
  });
});
