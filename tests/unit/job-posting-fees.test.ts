import { describe, expect, it } from "vitest";
import { detectApplicantFees, feeReviewReason, parseReviewReason } from "../../app/forms/job-posting";
import { decidePublication } from "../../app/models/job-posting.server";

describe("detectApplicantFees: Chinese", () => {
  it.each([
    ["需缴纳押金500元", ["押金"]],
    ["入职需交保证金 2000 元，三个月后退还", ["保证金"]],
    ["岗前培训费800元由学员承担", ["培训费"]],
    ["体检费由应聘者承担", ["体检费"]],
    ["入职体检费用求职者自理", ["体检费"]],
    ["入职前先交300元服装费", ["先交300元服装费"]],
    ["录用后需缴纳报名费和资料费", ["缴纳报名费", "资料费"]],
    ["本公司收取押金500元", ["押金"]],
    ["介绍费 200 元，入职费另计", ["介绍费", "入职费"]],
  ])("%s → %j", (text, expected) => {
    expect(detectApplicantFees(text)).toEqual(expected);
  });

  it.each([
    "公司承担体检费",
    "无需任何费用",
    "无需缴纳任何费用",
    "不收取押金，不收取任何费用",
    "培训费全免，包吃住",
    "体检费由公司承担",
    "提供免费岗前培训",
    "公司缴纳五险一金，按规定缴纳社会保险费",
    "零押金入职",
    "入职体检", // a medical check alone asks nobody for money
    "负责车队调度、运输安全管理，驾驶证 A2 以上，月休 4 天",
  ])("no hit: %s", (text) => {
    expect(detectApplicantFees(text)).toEqual([]);
  });

  it("reports each phrase once, in the order it appears", () => {
    expect(detectApplicantFees("押金300元；培训费500元；另收押金")).toEqual(["押金", "培训费"]);
  });

  it("judges each clause on its own: a free clause does not hide a paid one", () => {
    expect(detectApplicantFees("不收押金，但需缴纳培训费800元")).toEqual(["缴纳培训费"]);
  });
});

describe("detectApplicantFees: English", () => {
  it.each([
    ["Applicants must pay a training fee of 500 yuan.", ["pay a training fee"]],
    ["A security deposit of 1000 is required before starting.", ["security deposit"]],
    ["Training is free, but a uniform fee applies.", ["uniform fee"]],
    ["Medical examination fee paid by the applicant", ["Medical examination fee"]],
    ["You pay an upfront fee before the contract", ["pay an upfront fee"]],
  ])("%s → %j", (text, expected) => {
    expect(detectApplicantFees(text)).toEqual(expected);
  });

  it.each([
    "No deposit required.",
    "Training is free of charge and the company pays the medical check.",
    "Salary paid monthly by direct deposit.",
    "We pay social insurance and pension contributions.",
    "Drive container trucks between the port and the bonded warehouse.",
  ])("no hit: %s", (text) => {
    expect(detectApplicantFees(text)).toEqual([]);
  });
});

describe("review reasons", () => {
  it("round-trips the fee reason as a translatable key with the phrases", () => {
    const reason = feeReviewReason(["押金", "培训费"]);
    expect(parseReviewReason(reason)).toEqual({ key: "jobs:review.applicantFees", value: "押金、培训费" });
  });

  it("treats staff's own words as text", () => {
    expect(parseReviewReason("请删除收费内容")).toEqual({ text: "请删除收费内容" });
    expect(parseReviewReason(null)).toBeNull();
  });
});

describe("decidePublication", () => {
  const clean = { title: "集装箱牵引车司机", description: "负责港区集装箱短驳运输，A2 驾照。" };

  it("publishes a clean posting from a verified organisation", () => {
    expect(decidePublication({ organizationVerified: true, ...clean })).toEqual({ status: "published", reviewReason: null });
  });

  it("holds an unverified organisation's posting without a reason (verification releases it)", () => {
    expect(decidePublication({ organizationVerified: false, ...clean })).toMatchObject({ status: "pending_review", reviewReason: null });
  });

  it("holds a posting that asks for money even from a verified organisation, naming the phrases", () => {
    const decision = decidePublication({ organizationVerified: true, title: "仓库管理员", description: "入职需缴纳押金500元" });
    expect(decision.status).toBe("pending_review");
    expect(decision.reviewReason).toBe("jobs:review.applicantFees|押金");
  });

  it("looks at the title too", () => {
    expect(decidePublication({ organizationVerified: true, title: "保安（需交押金）", description: "负责园区安保巡逻工作" }).status).toBe(
      "pending_review",
    );
  });
});
