import { describe, expect, it } from "vitest";
import { basisPointsToPercent, packagePrice, packageSubsidyFen, percentToBasisPoints, refundableFen } from "../../app/forms/incubator";
import { normaliseScores, weightedTotal } from "../../app/models/incubator-review";

describe("package money in integer fen", () => {
  it("subtracts an amount subsidy, never below zero", () => {
    expect(packagePrice({ priceFen: 600_000, subsidyKind: "amount", subsidyValue: 200_000 })).toEqual({ priceFen: 600_000, subsidyFen: 200_000, netFen: 400_000 });
    expect(packagePrice({ priceFen: 100, subsidyKind: "amount", subsidyValue: 500 }).netFen).toBe(0);
  });
  it("rounds a percentage subsidy down to whole fen, so the founder's share is never fractional", () => {
    // 33.33% of 1.00 yuan = 33.33 fen → 33 fen subsidy, 67 fen to pay
    expect(packageSubsidyFen(100, "percent", 3333)).toBe(33);
    expect(packagePrice({ priceFen: 999_999, subsidyKind: "percent", subsidyValue: 5000 })).toEqual({ priceFen: 999_999, subsidyFen: 499_999, netFen: 500_000 });
    expect(packageSubsidyFen(600_000, "percent", 10_000)).toBe(600_000);
    expect(packageSubsidyFen(600_000, "none", 5000)).toBe(0);
    for (const price of [1, 7, 99, 12_345, 600_001]) {
      for (const bp of [1, 2500, 3333, 6667, 9999]) {
        const p = packagePrice({ priceFen: price, subsidyKind: "percent", subsidyValue: bp });
        expect(Number.isInteger(p.netFen) && Number.isInteger(p.subsidyFen)).toBe(true);
        expect(p.netFen + p.subsidyFen).toBe(price);
      }
    }
  });
  it("refuses fractional or negative prices", () => {
    expect(() => packageSubsidyFen(10.5, "percent", 100)).toThrow(RangeError);
    expect(() => packageSubsidyFen(-1, "amount", 0)).toThrow(RangeError);
  });
  it("reads percentages exactly as basis points", () => {
    expect(percentToBasisPoints("50")).toBe(5000);
    expect(percentToBasisPoints("12.5")).toBe(1250);
    expect(percentToBasisPoints("0.01")).toBe(1);
    expect(() => percentToBasisPoints("100.01")).toThrow();
    expect(() => percentToBasisPoints("-5")).toThrow();
    expect(() => percentToBasisPoints("1.234")).toThrow();
    expect(basisPointsToPercent(1250)).toBe("12.5");
    expect(basisPointsToPercent(5000)).toBe("50");
  });
  it("counts pending refunds against what is left to refund, failed and cancelled ones not", () => {
    expect(refundableFen(300_000, [])).toBe(300_000);
    expect(refundableFen(300_000, [{ amountFen: 100_000, status: "succeeded" }, { amountFen: 50_000, status: "pending" }])).toBe(150_000);
    expect(refundableFen(300_000, [{ amountFen: 300_000, status: "failed" }, { amountFen: 10, status: "canceled" }])).toBe(300_000);
    expect(refundableFen(100, [{ amountFen: 100, status: "succeeded" }])).toBe(0);
  });
});

describe("reviewer normalisation", () => {
  const criteria = [
    { id: "team", weight: 2, maxScore: 10 },
    { id: "market", weight: 1, maxScore: 5 },
  ];
  it("weights criteria by their weight and maximum, and ignores an incomplete scoresheet", () => {
    expect(weightedTotal(criteria, new Map([["team", 10], ["market", 5]]))).toBeCloseTo(100);
    expect(weightedTotal(criteria, new Map([["team", 5], ["market", 5]]))).toBeCloseTo(66.667, 2);
    expect(weightedTotal(criteria, new Map([["team", 5]]))).toBeNull();
  });
  it("a harsh and a generous reviewer who rank alike give the same normalised order and scores", () => {
    const harsh = [20, 30, 40].map((total, i) => ({ applicationId: `a${i}`, reviewerId: "harsh", total }));
    const generous = [70, 80, 90].map((total, i) => ({ applicationId: `b${i}`, reviewerId: "generous", total }));
    const result = normaliseScores([...harsh, ...generous]);
    const byId = new Map(result.map((r) => [r.applicationId, r]));
    // raw means differ by 50 points, normalised scores are equal
    expect(byId.get("a2")!.normalised).toBeCloseTo(byId.get("b2")!.normalised);
    expect(byId.get("a0")!.normalised).toBeCloseTo(byId.get("b0")!.normalised);
    expect(byId.get("a1")!.normalised).toBeCloseTo(0);
    expect(byId.get("a2")!.normalised).toBeCloseTo(Math.sqrt(1.5));
  });
  it("averages an application's reviewers, and a reviewer who scores everything alike counts as neutral", () => {
    const result = normaliseScores([
      { applicationId: "x", reviewerId: "r1", total: 90 },
      { applicationId: "y", reviewerId: "r1", total: 50 },
      { applicationId: "x", reviewerId: "r2", total: 60 },
      { applicationId: "y", reviewerId: "r2", total: 60 },
    ]);
    expect(result.map((r) => r.applicationId)).toEqual(["x", "y"]);
    expect(result[0]).toMatchObject({ reviewers: 2, rawMean: 75, normalised: 0.5 });
    expect(result[1]).toMatchObject({ reviewers: 2, rawMean: 55, normalised: -0.5 });
  });
});
