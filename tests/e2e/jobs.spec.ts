import { expect, test, type Page } from "@playwright/test";
import { createAccount, openWorkspaceLink, pickRegion, readLatestMail, signInAs, signOut } from "./helpers";

async function fillPostingZh(page: Page, title: string, description: string) {
  await page.getByLabel("岗位名称").fill(title);
  await page.getByLabel("岗位描述").fill(description);
  await page.getByLabel("岗位类别").selectOption({ label: "驾驶与物流" });
  await page.getByLabel("技能要求").fill("驾驶、叉车");
  await pickRegion(page, "江苏省", "苏州市", "张家港市");
  await page.getByLabel("详细地址").fill("张家港市金港街道港丰公路 88 号");
  await page.getByLabel("最低月薪（元）").fill("6500");
  await page.getByLabel("最高月薪（元）").fill("9000");
  await page.getByLabel("招聘人数").fill("4");
}

test.describe("zh-CN: posting, fee hold and moderation", () => {
  test.use({ locale: "zh-CN", extraHTTPHeaders: { "Accept-Language": "zh-CN,zh;q=0.9" } });

  test("a verified employer publishes a job; a job asking for a deposit is held; staff approve it", async ({ page, browser, request }) => {
    const stamp = Date.now().toString().slice(-6);
    const cleanTitle = `集装箱牵引车司机 ${stamp}`;
    const feeTitle = `仓库叉车工 ${stamp}`;
    const employer = await createAccount(request, { role: "employer", organization: { name: `张家港港城智运物流有限公司 ${stamp}` } });

    await signInAs(page, employer, "zh-CN");
    await openWorkspaceLink(page, "岗位管理");
    await expect(page.getByRole("heading", { level: 1, name: "岗位管理" })).toBeVisible();
    await page.getByRole("link", { name: "发布新岗位" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "发布岗位" })).toBeVisible();

    // Wrong input is explained next to the field, in Chinese.
    await fillPostingZh(page, cleanTitle, "## 岗位职责\n- 港区集装箱短驳运输\n- **安全**驾驶，退役军人优先");
    await page.getByLabel("最低月薪（元）").fill("9500");
    await page.getByRole("button", { name: "提交发布" }).click();
    await expect(page.getByText("最高月薪不能低于最低月薪")).toBeVisible();
    await page.getByLabel("最低月薪（元）").fill("6500");
    await page.getByRole("button", { name: "提交发布" }).click();

    // Published at once (the employer's organisation is verified): the public page shows it with no review notice.
    await expect(page.getByRole("heading", { level: 1, name: cleanTitle })).toBeVisible();
    await expect(page.getByText("6,500–9,000 元/月").first()).toBeVisible();
    await expect(page.getByRole("heading", { name: "岗位职责" })).toBeVisible();
    await expect(page.getByText("安全", { exact: true })).toHaveJSProperty("tagName", "STRONG");
    await expect(page.getByText(/此岗位当前状态为/)).toHaveCount(0);
    const cleanUrl = page.url();

    // A job that asks applicants for a deposit: the form warns, and the job waits for review with the reason.
    await page.goto("/employer/jobs/new");
    await fillPostingZh(page, feeTitle, "负责仓库叉车作业。入职需缴纳押金500元，工作满一年退还。");
    await expect(page.getByText("注意：岗位内容含有“押金”，疑似要求求职者缴费，提交后将转入人工审核。")).toBeVisible();
    await page.getByRole("button", { name: "提交发布" }).click();
    await expect(page.getByRole("heading", { level: 1, name: feeTitle })).toBeVisible();
    await expect(page.getByText("此岗位当前状态为“待审核”，仅本单位和服务人员可见。")).toBeVisible();
    await expect(page.getByText("岗位内容疑似要求求职者缴费（押金），需经服务人员审核后才能发布。")).toBeVisible();
    const feeUrl = page.url();

    await page.goto("/employer/jobs");
    const feeRow = page.getByRole("row").filter({ hasText: feeTitle });
    await expect(feeRow.getByText("待审核", { exact: true })).toBeVisible();
    await expect(feeRow.getByText(/疑似要求求职者缴费（押金）/)).toBeVisible();
    await expect(page.getByRole("row").filter({ hasText: cleanTitle }).getByText("已发布", { exact: true })).toBeVisible();

    // Visitors see the published job but not the held one.
    const visitor = await browser.newPage({ locale: "zh-CN", extraHTTPHeaders: { "Accept-Language": "zh-CN" } });
    await visitor.goto(cleanUrl);
    await expect(visitor.getByRole("heading", { level: 1, name: cleanTitle })).toBeVisible();
    await expect(visitor.getByRole("link", { name: "登录后申请" })).toBeVisible();
    const held = await visitor.goto(feeUrl);
    expect(held?.status()).toBe(404);

    // Staff see it in the queue with the reason and approve it; it goes public.
    await signOut(page);
    await signInAs(page, await createAccount(request, { role: "staff" }), "zh-CN");
    await openWorkspaceLink(page, "岗位审核");
    await expect(page.getByRole("heading", { level: 1, name: "岗位审核" })).toBeVisible();
    const card = page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: feeTitle }) });
    await expect(card.getByText("岗位内容疑似要求求职者缴费（押金），需经服务人员审核后才能发布。")).toBeVisible();
    await card.getByRole("button", { name: `通过 ${feeTitle}`, exact: true }).click();
    await expect(page.getByText(`岗位“${feeTitle}”已通过审核并发布。`)).toBeVisible();
    await expect(page.getByRole("heading", { name: feeTitle })).toHaveCount(0);

    const approved = await visitor.goto(feeUrl);
    expect(approved?.status()).toBe(200);
    await expect(visitor.getByRole("heading", { level: 1, name: feeTitle })).toBeVisible();
    await visitor.close();

    // The employer is told by mail.
    const mail = await readLatestMail(page, employer.email, new RegExp(`岗位已通过审核：${feeTitle}`));
    expect(mail).toContain("已通过服务人员审核");
  });
});

test.describe("en: employer and staff journeys", () => {
  test.use({ locale: "en-US", extraHTTPHeaders: { "Accept-Language": "en-US,en;q=0.9" } });

  test("an employer writes a job in English, fixes an unknown skill, saves a draft, submits and closes it", async ({ page, request }) => {
    const title = `Warehouse forklift operator ${Date.now().toString().slice(-6)}`;
    await signInAs(page, await createAccount(request, { role: "employer", locale: "en", organization: {} }), "en");
    await page.goto("/employer/jobs/new");
    await expect(page.getByRole("heading", { level: 1, name: "Post a job" })).toBeVisible();
    await page.getByLabel("Job title").fill(title);
    await page.getByLabel("Description").fill("Operate forklifts in the bonded warehouse. Shift work; veterans preferred.");
    await page.getByLabel("Category").selectOption({ label: "Warehousing" });
    await page.getByLabel("Skills").fill("forklift, quantum entanglement");
    await pickRegion(page, "江苏省", "苏州市", "张家港市");
    await page.getByLabel("Openings").fill("2");
    await page.getByRole("button", { name: "Save as draft" }).click();
    await expect(page.getByText("“quantum entanglement” is not a skill we know; pick a suggestion or say it another way")).toBeVisible();

    await page.getByLabel("Skills").fill("forklift, warehouse management");
    await pickRegion(page, "江苏省", "苏州市", "张家港市");
    await page.getByRole("button", { name: "Save as draft" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Job postings" })).toBeVisible();
    const row = page.getByRole("row").filter({ hasText: title });
    await expect(row.getByText("Draft", { exact: true })).toBeVisible();

    // Editing keeps what was saved (skills shown in English, region kept when the picker is left alone).
    await row.getByRole("link", { name: `Edit ${title}` }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Edit job" })).toBeVisible();
    await expect(page.getByLabel("Skills")).toHaveValue("Forklift operation, Warehousing");
    await expect(page.getByText(/Current location: .*张家港市/)).toBeVisible();
    await page.getByLabel("Openings").fill("5");
    await page.getByRole("button", { name: "Save as draft" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Job postings" })).toBeVisible();

    await page.getByRole("row").filter({ hasText: title }).getByRole("button", { name: `Submit for review ${title}` }).click();
    await expect(page.getByRole("row").filter({ hasText: title }).getByText("Published", { exact: true })).toBeVisible();

    page.once("dialog", (dialog) => void dialog.accept());
    await page.getByRole("row").filter({ hasText: title }).getByRole("button", { name: `Close ${title}` }).click();
    await expect(page.getByText("The job was closed.")).toBeVisible();
    await expect(page.getByRole("row").filter({ hasText: title }).getByText("Closed", { exact: true })).toBeVisible();
  });

  test("staff reject a job that asks for a deposit; the employer sees the reason and can fix it", async ({ page, request }) => {
    const title = `Security guard ${Date.now().toString().slice(-6)}`;
    const employer = await createAccount(request, { role: "employer", locale: "en", organization: {} });
    await signInAs(page, employer, "en");
    await page.goto("/employer/jobs/new");
    await page.getByLabel("Job title").fill(title);
    await page.getByLabel("Description").fill("Patrol the logistics park at night. A security deposit of 300 yuan is required before starting.");
    await expect(page.getByText(/looks like a fee for applicants/)).toBeVisible();
    await page.getByLabel("Category").selectOption({ label: "Security" });
    await pickRegion(page, "江苏省", "苏州市", "张家港市");
    await page.getByRole("button", { name: "Submit" }).click();
    await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
    await expect(page.getByText("The posting seems to ask applicants to pay (security deposit), so staff must review it before it goes live.")).toBeVisible();
    await signOut(page);

    await signInAs(page, await createAccount(request, { role: "staff", locale: "en" }), "en");
    await page.goto("/staff/postings");
    await expect(page.getByRole("heading", { level: 1, name: "Job review" })).toBeVisible();
    const card = page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: title }) });
    await card.getByLabel("Reason for rejecting").fill("Remove the deposit: employers may not charge applicants.");
    await card.getByRole("button", { name: `Reject ${title}`, exact: true }).click();
    await expect(page.getByText(`“${title}” was rejected and the employer was notified.`)).toBeVisible();
    await signOut(page);

    await signInAs(page, employer, "en");
    await page.goto("/employer/jobs");
    const row = page.getByRole("row").filter({ hasText: title });
    await expect(row.getByText("Rejected", { exact: true })).toBeVisible();
    await expect(row.getByText("Not approved. Reason: Remove the deposit: employers may not charge applicants.")).toBeVisible();

    // Fixing the text and saving publishes it (the organisation is verified).
    await row.getByRole("link", { name: `Edit ${title}` }).click();
    await page.getByLabel("Description").fill("Patrol the logistics park at night. Uniform and training are provided free of charge.");
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
    await expect(page.getByText(/only your organisation and staff can see it/)).toHaveCount(0);
  });
});
