import { expect, test } from "@playwright/test";
import type { APIRequestContext, Page } from "@playwright/test";
import { createAccount, createJob, signInAs } from "./helpers";

/** An employer (verified organisation) with one live tractor-driver job in Zhangjiagang. */
async function employerWithDriverJob(request: APIRequestContext) {
  const stamp = Date.now().toString().slice(-6);
  const employer = await createAccount(request, { role: "employer", organization: { name: `港城物流 ${stamp}` } });
  await createJob(request, {
    organizationId: employer.organizationId!,
    title: `牵引车司机 ${stamp}`,
    category: "logistics_transport",
    skills: ["牵引车驾驶", "A2驾照", "安全驾驶"],
    regionCode: "320582",
  });
  return employer;
}

/** The candidates page's list, once the new job and profile have reached the search index (through the outbox). */
async function candidateList(page: Page, name: string) {
  const list = page.getByRole("list", { name });
  await expect(async () => {
    await page.goto("/employer/candidates");
    await expect(list.getByRole("listitem").first()).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 30_000, intervals: [500, 1000, 2000] });
  return list;
}

test.describe("matching", () => {
  test.use({ locale: "zh-CN", extraHTTPHeaders: { "Accept-Language": "zh-CN" } });

  test("a former driver sees driving jobs near home first, with reasons", async ({ page, request }) => {
    await employerWithDriverJob(request);
    const veteran = await createAccount(request, {
      role: "veteran",
      profile: { regionCode: "320582", skills: ["A2驾照", "牵引车驾驶", "安全驾驶"], desiredRoles: ["货车司机"], desiredRegionCodes: ["320582"] },
    });
    await signInAs(page, veteran, "zh-CN");
    const matches = page.getByRole("region", { name: "为您推荐的岗位" });
    // The new job reaches the search index through the outbox a moment after it is written.
    await expect(async () => {
      await page.reload();
      await expect(matches.getByRole("listitem").first()).toBeVisible({ timeout: 1000 });
    }).toPass({ timeout: 30_000, intervals: [500, 1000, 2000] });
    const first = matches.getByRole("listitem").first();
    await expect(first.getByRole("link")).toContainText(/司机|驾驶/);
    await expect(first.getByRole("list", { name: "推荐理由" })).toContainText("技能匹配");
    await expect(first.getByRole("list", { name: "推荐理由" })).toContainText("位于您居住且意向工作的区县");
  });

  test("an employer sees ranked candidates for a live job, contact details masked", async ({ page, request }) => {
    const employer = await employerWithDriverJob(request);
    await createAccount(request, {
      role: "veteran",
      profile: { regionCode: "320582", skills: ["A2驾照", "牵引车驾驶"], desiredRegionCodes: ["320582"], visibility: "public" },
    });
    await signInAs(page, employer, "zh-CN");
    const list = await candidateList(page, "匹配的人才");
    await expect(page.getByRole("heading", { name: "人才搜索" })).toBeVisible();
    await expect(list).toContainText("匹配度");
    // candidate-side reasons only, and whose place the county is
    await expect(list.getByRole("list", { name: "匹配理由" }).first()).toContainText("具备技能");
    await expect(list).toContainText("居住并意向在岗位所在区县工作");
    await expect(list).not.toContainText("新发布");
    await expect(list).not.toContainText(/[a-z]+_[a-z]+/); // skill names, never ids
    await expect(list).not.toContainText(/1[3-9]\d{9}/); // no phone numbers
    await expect(list).not.toContainText("@");
  });
});

test.describe("matching in English", () => {
  test.use({ locale: "en-US", extraHTTPHeaders: { "Accept-Language": "en" } });

  test("an employer reads why a candidate matches in English, said from the candidate's side", async ({ page, request }) => {
    const employer = await employerWithDriverJob(request);
    await createAccount(request, {
      role: "veteran",
      profile: { regionCode: "610326", skills: ["A2驾照", "牵引车驾驶"], desiredRegionCodes: ["320582"], visibility: "public" },
    });
    await signInAs(page, employer, "en");
    const list = await candidateList(page, "Matching candidates");
    await expect(list.getByRole("list", { name: "Why they match" }).first()).toContainText(/Has the skills: .*Driving/);
    await expect(list).toContainText("Wants to work in the job's county");
    await expect(list).not.toContainText("Newly posted");
    await expect(list).not.toContainText(/[a-z]+_[a-z]+/);
  });
});
