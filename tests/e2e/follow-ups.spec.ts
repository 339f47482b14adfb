import { expect, test } from "@playwright/test";
import { createAccount, createApplication, createJob, openWorkspaceLink, signInAs } from "./helpers";

/** A veteran of 张家港 hired 40 days ago by a new employer: their 1-month follow-up is due at the county centre. */
async function hiredVeteran(request: Parameters<typeof createAccount>[0], name: string) {
  const veteran = await createAccount(request, { role: "veteran", profile: { fullName: name, regionCode: "320582", phone: "13800007777" } });
  const employer = await createAccount(request, { role: "employer", organization: { name: `港城物流 ${name}` } });
  const job = await createJob(request, { organizationId: employer.organizationId!, title: `牵引车司机 ${name}` });
  await createApplication(request, { jobPostingId: job.id, veteranProfileId: veteran.profileId!, status: "hired", daysAgo: 40 });
  return { veteran, employer };
}

test.describe("zh-CN, 390 px: follow-ups after placement", () => {
  test.use({ locale: "zh-CN", viewport: { width: 390, height: 844 }, extraHTTPHeaders: { "Accept-Language": "zh-CN,zh;q=0.9" } });

  test("the county centre sees the 1-month follow-up of a hire in its county and records the answer", async ({ page, request }) => {
    const name = `回访${Date.now().toString().slice(-6)}`;
    await hiredVeteran(request, name);
    const staff = await createAccount(request, { role: "staff", station: { tier: "county", regionCode: "320582" } });
    const other = await createAccount(request, { role: "staff", station: { tier: "county", regionCode: "610102" } });

    await signInAs(page, staff, "zh-CN");
    await openWorkspaceLink(page, "就业回访");
    await expect(page.getByRole("heading", { level: 1, name: "就业回访" })).toBeVisible();
    const card = page.getByRole("article", { name: `${name} · 第 1 个月回访` });
    await expect(card).toBeVisible();
    await expect(card.getByText(`港城物流 ${name}`)).toBeVisible();
    // Saving without the one required answer is refused beside it.
    await card.getByRole("button", { name: "记录回访结果" }).click();
    await expect(page.getByRole("article", { name: `${name} · 第 1 个月回访` }).getByText("请选择是否仍在岗")).toBeVisible();
    const again = page.getByRole("article", { name: `${name} · 第 1 个月回访` });
    await again.getByRole("group", { name: "是否仍在岗" }).getByLabel("是").check();
    await again.getByRole("group", { name: "是否满意" }).getByLabel("是").check();
    await again.getByLabel("还需要什么帮助（选填）").fill("想考 A2 驾照");
    await again.getByRole("button", { name: "记录回访结果" }).click();
    await expect(page.getByText("回访结果已记录。")).toBeVisible();
    await expect(page.getByRole("article", { name: `${name} · 第 1 个月回访` })).toHaveCount(0);
    await page.getByRole("link", { name: "即将到期" }).click();
    await expect(page.getByRole("article", { name: `${name} · 第 3 个月回访` })).toBeVisible();
    await page.getByRole("link", { name: "已完成" }).click();
    await expect(page.getByRole("article", { name: `${name} · 第 1 个月回访` }).getByText(/想考 A2 驾照/)).toBeVisible();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);

    // Another county's centre never sees it.
    await page.context().clearCookies();
    await signInAs(page, other, "zh-CN");
    await page.goto("/staff/follow-ups?view=done");
    await expect(page.getByRole("article", { name: new RegExp(name) })).toHaveCount(0);
  });
});

test.describe("en: follow-ups", () => {
  test.use({ locale: "en", extraHTTPHeaders: { "Accept-Language": "en" } });

  test("the county centre records that the veteran left the job", async ({ page, request }) => {
    const name = `Zhou ${Date.now().toString().slice(-6)}`;
    await hiredVeteran(request, name);
    const staff = await createAccount(request, { role: "staff", locale: "en", station: { tier: "county", regionCode: "320582" } });
    await signInAs(page, staff, "en");
    await page.goto("/staff/follow-ups");
    const card = page.getByRole("article", { name: `${name} · 1-month follow-up` });
    await card.getByRole("group", { name: "Still in the job?" }).getByLabel("No").check();
    await card.getByRole("button", { name: "Record the answer" }).click();
    await expect(page.getByText("Follow-up recorded.")).toBeVisible();
    await page.getByRole("link", { name: "Done" }).click();
    await expect(page.getByRole("article", { name: `${name} · 1-month follow-up` }).getByText(/Still in the job\? No/)).toBeVisible();
  });
});
