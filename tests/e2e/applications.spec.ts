import { expect, test, type APIRequestContext, type Browser, type Page } from "@playwright/test";
import { createAccount, createJob, firstLink, readLatestMail, signInAs, type TestAccount } from "./helpers";

/** A veteran with a driver's file and an employer (verified organisation) with one live job, made for one test. */
async function hiringRound(request: APIRequestContext, jobTitle: string, locale: "zh-CN" | "en") {
  const stamp = Date.now().toString().slice(-6);
  const employer = await createAccount(request, { role: "employer", locale, organization: { name: `张家港港城智运物流有限公司 ${stamp}` } });
  const job = await createJob(request, {
    organizationId: employer.organizationId!,
    title: `${jobTitle} ${stamp}`,
    category: "logistics_transport",
    skills: ["牵引车驾驶", "A2驾照"],
  });
  const veteran: TestAccount = await createAccount(request, {
    role: "veteran",
    locale,
    displayName: "陈志强",
    profile: { fullName: "陈志强", skills: ["A2驾照", "牵引车驾驶"], visibility: "verified_employers" },
  });
  return { employer, job, veteran };
}

const SMALL_PDF = Buffer.from(
  "%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n",
  "latin1",
);

async function newPage(browser: Browser, locale: "zh-CN" | "en") {
  const context = await browser.newContext({
    locale: locale === "en" ? "en-GB" : "zh-CN",
    extraHTTPHeaders: { "Accept-Language": locale === "en" ? "en-GB,en;q=0.9" : "zh-CN,zh;q=0.9" },
  });
  return context.newPage();
}

/** Find a job through the public job search (the search outbox drains in the background) and open it. */
async function openJob(page: Page, query: string, title: string) {
  await expect(async () => {
    await page.goto(`/jobs?q=${encodeURIComponent(query)}`);
    await expect(page.getByRole("link", { name: title, exact: true }).first()).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 30_000, intervals: [500, 1000, 2000] });
  await page.getByRole("link", { name: title, exact: true }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
}

test.describe("zh-CN: apply with a CV → employer invites to interview → veteran sees timeline and mail", () => {
  test.use({ locale: "zh-CN", extraHTTPHeaders: { "Accept-Language": "zh-CN,zh;q=0.9" } });

  test("the whole hiring round in Chinese", async ({ page, browser, request }) => {
    const round = await hiringRound(request, "集装箱牵引车司机（A2）", "zh-CN");
    const title = round.job.title;
    const employer = await newPage(browser, "zh-CN");
    await signInAs(employer, round.employer, "zh-CN");
    await signInAs(page, round.veteran, "zh-CN");
    await openJob(page, title, title);
    const jobUrl = page.url();
    await page.getByRole("link", { name: "申请该岗位" }).click();
    await expect(page.getByRole("heading", { level: 1, name: `申请岗位：${title}` })).toBeVisible();

    // Nothing written: the cover note is asked for, in Chinese.
    await page.getByRole("button", { name: "提交申请" }).click();
    await expect(page.getByText("请填写求职信")).toBeVisible();

    // A file over 5 MB is refused before it is sent.
    const note = "本人陆军汽车驾驶员，服役 5 年，持 A2 驾照，熟悉张家港港区道路。";
    await page.getByLabel("求职信").fill(note);
    await page.getByLabel("简历（可选）").setInputFiles({ name: "扫描件.pdf", mimeType: "application/pdf", buffer: Buffer.alloc(5 * 1024 * 1024 + 1, 0x25) });
    await page.getByRole("button", { name: "提交申请" }).click();
    await expect(page.getByText("简历文件不能超过 5 MB，请压缩后重新选择")).toBeVisible();

    // A file that only pretends to be a PDF is refused by content; what was typed stays.
    await page.getByLabel("简历（可选）").setInputFiles({ name: "简历.pdf", mimeType: "application/pdf", buffer: Buffer.from("<html>not a pdf</html>") });
    await page.getByRole("button", { name: "提交申请" }).click();
    await expect(page.getByText("简历只能是 PDF 或 Word（.docx）文件")).toBeVisible();
    await expect(page.getByLabel("求职信")).toHaveValue(note);

    await page.getByLabel("简历（可选）").setInputFiles({ name: "陈志强简历.pdf", mimeType: "application/pdf", buffer: SMALL_PDF });
    await page.getByRole("button", { name: "提交申请" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "申请详情" })).toBeVisible();
    await expect(page.getByText("申请已提交，单位会收到通知。")).toBeVisible();
    const applicationUrl = page.url().replace(/\?.*$/, "");
    const applicationId = applicationUrl.split("/").pop()!;
    await expect(page.getByRole("list", { name: "进度" }).getByText("提交了申请")).toBeVisible();

    // Applying again is refused with a link to the existing application; the list shows it.
    await page.goto(`${jobUrl}/apply`);
    await expect(page.getByText("您已经申请过这个岗位。")).toBeVisible();
    await expect(page.getByRole("button", { name: "提交申请" })).toHaveCount(0);
    await page.getByRole("link", { name: "查看申请进度" }).click();
    await expect(page).toHaveURL(applicationUrl);
    await page.goto("/applications");
    await expect(page.getByRole("heading", { level: 1, name: "我的申请" })).toBeVisible();
    await expect(page.getByRole("link", { name: title })).toBeVisible();

    // The employer hears of it by mail and opens it from there.
    const received = await readLatestMail(employer, round.employer.email, /新的求职申请/);
    await employer.goto(firstLink(received, `/employer/applications/${applicationId}`));
    await expect(employer.getByRole("heading", { level: 1, name: "陈志强 的申请" })).toBeVisible();
    await expect(employer.getByText(note)).toBeVisible();

    // The CV downloads as an attachment with its real type, never sniffed.
    const cvHref = await employer.getByRole("link", { name: /下载简历/ }).getAttribute("href");
    const cv = await employer.request.get(cvHref!);
    expect(cv.status()).toBe(200);
    expect(cv.headers()["content-type"]).toBe("application/pdf");
    expect(cv.headers()["x-content-type-options"]).toBe("nosniff");
    expect(cv.headers()["content-disposition"]).toMatch(/^attachment;/);
    expect(Buffer.from(await cv.body()).subarray(0, 5).toString("latin1")).toBe("%PDF-");

    await employer.getByLabel("附言（申请人可见，可选）").fill("请于周二上午 10 点到金港街道港丰公路 88 号面试，携带驾驶证原件。");
    await employer.getByRole("button", { name: "邀请面试" }).click();
    await expect(employer.getByText("状态已更新，申请人会收到邮件通知。")).toBeVisible();
    await expect(employer.locator(".facts").getByText("面试", { exact: true })).toBeVisible();

    // The pipeline board shows it in the interview column.
    await employer.getByRole("link", { name: "返回该岗位的全部申请" }).click();
    await expect(employer.getByRole("heading", { level: 1, name: `「${title}」的申请` })).toBeVisible();
    await expect(employer.getByRole("region", { name: /^面试/ }).getByRole("link", { name: "陈志强" })).toBeVisible();
    await expect(employer.getByRole("heading", { name: "回复情况" })).toBeVisible();

    // Someone else gets a 404 for the CV.
    const stranger = await newPage(browser, "zh-CN");
    await signInAs(stranger, await createAccount(request, { role: "incubator", organization: { kind: "incubator_park" } }), "zh-CN");
    expect((await stranger.request.get(cvHref!)).status()).toBe(404);
    expect((await stranger.request.get(`/employer/applications/${applicationId}`)).status()).toBeGreaterThanOrEqual(403);

    // The veteran sees the new step in the timeline and in the mail.
    await page.goto(applicationUrl);
    const timeline = page.getByRole("list", { name: "进度" });
    await expect(timeline.getByText("单位邀请面试")).toBeVisible();
    await expect(timeline.getByText(/请于周二上午 10 点/)).toBeVisible();
    const mail = await readLatestMail(page, round.veteran.email, /求职申请进展/);
    expect(mail).toContain("邀请面试");
    expect(mail).toContain("请于周二上午 10 点");
    expect(mail).toContain(`/applications/${applicationId}`);
  });
});

test.describe("en: apply and withdraw", () => {
  test.use({ locale: "en-GB", extraHTTPHeaders: { "Accept-Language": "en-GB,en;q=0.9" } });

  test("a veteran applies in English, withdraws, and the employer sees it withdrawn", async ({ page, browser, request }) => {
    const round = await hiringRound(request, "城市配送司机（C1/C2）", "en");
    const title = round.job.title;
    await signInAs(page, round.veteran, "en");
    await openJob(page, title, title);
    const jobUrl = page.url();
    await page.getByRole("link", { name: "Apply for this job" }).click();
    await expect(page.getByRole("heading", { level: 1, name: `Apply: ${title}` })).toBeVisible();
    await page.getByLabel("Cover note").fill("Army driver for five years; I know the Zhangjiagang roads well.");
    await page.getByRole("button", { name: "Send application" }).click();
    await expect(page.getByText("Application sent; the employer has been told.")).toBeVisible();
    await expect(page.getByText("No CV attached")).toBeVisible();

    await page.getByLabel("Reason (optional)").fill("I took another job.");
    await page.getByText("Withdraw application", { exact: true }).click();
    await page.getByRole("button", { name: "Yes, withdraw" }).click();
    await expect(page.getByText("Your application has been withdrawn.")).toBeVisible();
    const timeline = page.getByRole("list", { name: "Timeline" });
    await expect(timeline.getByText("withdrew the application")).toBeVisible();
    await expect(page.getByText("Withdraw application", { exact: true })).toHaveCount(0);

    // A new application to the same job is allowed again.
    await page.goto(`${jobUrl}/apply`);
    await expect(page.getByLabel("Cover note")).toBeVisible();

    // The confirmation mail follows the language the veteran chose.
    const mail = await readLatestMail(page, round.veteran.email, /Your application for/);
    expect(mail).toContain(`You have withdrawn your application to ${round.employer.organizationName}`);

    const employer = await newPage(browser, "en");
    await signInAs(employer, round.employer, "en");
    const jobId = new URL(jobUrl).pathname.split("/").pop();
    await employer.goto(`/employer/jobs/${jobId}/applications`);
    await expect(employer.getByRole("heading", { level: 1, name: `Applications for “${title}”` })).toBeVisible();
    await expect(employer.getByRole("region", { name: /^Withdrawn/ }).getByRole("link", { name: "陈志强" })).toBeVisible();
    await employer.getByRole("region", { name: /^Withdrawn/ }).getByRole("link", { name: "陈志强" }).click();
    await expect(employer.getByText("This application is closed; its status cannot change any more.")).toBeVisible();
  });
});
