import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { createAccount, createJob, signInAs, type TestAccount } from "./helpers";

/**
 * A live fair in two (three) browsers: a veteran (zh-CN, 390 px phone) queues at a booth, the representative
 * (English) calls them, messages cross both ways live over the SSE stream, the veteran books an interview slot, the
 * representative records a signing, and the host's dashboard, report and the veteran's applications show it.
 * A walk-in registered by staff through the booth's QR link and a veteran scanning it join the same queue.
 */

async function makeFair(request: APIRequestContext) {
  const rep = await createAccount(request, { role: "employer", locale: "en", displayName: "Rep Zhou", organization: { name: `港城物流 ${Date.now()}` } });
  const job = await createJob(request, { organizationId: rep.organizationId!, title: `仓储主管 ${Date.now()}`, category: "logistics_transport" });
  const response = await request.post("/__e2e/fairs", {
    data: { booths: [{ organizationId: rep.organizationId, repUserIds: [rep.userId], postingIds: [job.id], slots: 3 }] },
  });
  expect(response.ok(), await response.text()).toBe(true);
  const fair = (await response.json()) as { fairId: string; title: string; booths: { id: string; token: string }[] };
  return { rep, job, fair, booth: fair.booths[0]! };
}

async function noHorizontalOverflow(page: Page) {
  const widths = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
  expect(widths.scroll).toBeLessThanOrEqual(widths.client);
}

test.describe("a live fair: veteran (zh-CN, 390 px) and representative (en)", () => {
  test("queue, call, chat both ways, book a slot, sign; the dashboard, report and the veteran's file count it", async ({ browser, request }) => {
    const { rep, job, fair, booth } = await makeFair(request);
    const veteran: TestAccount = await createAccount(request, { role: "veteran", profile: { fullName: "王建国", skills: ["驾驶", "仓储管理"] } });
    const host = await createAccount(request, { role: "staff" });

    const vetContext = await browser.newContext({ locale: "zh-CN", viewport: { width: 390, height: 844 } });
    const repContext = await browser.newContext({ locale: "en-US" });
    const vet = await vetContext.newPage();
    const repPage = await repContext.newPage();
    try {
      await signInAs(vet, veteran, "zh-CN");
      await signInAs(repPage, rep, "en");

      await vet.goto(`/fairs/${fair.fairId}/lobby`);
      await expect(vet.getByRole("heading", { level: 1 })).toContainText(fair.title);
      await expect(vet.getByText("实时更新中")).toBeVisible();
      await noHorizontalOverflow(vet);
      await vet.getByRole("button", { name: `在${rep.organizationName}排队洽谈` }).click();
      await expect(vet.getByText("已加入排队，轮到您时会提醒您。")).toBeVisible();
      await expect(vet.getByText("第 1 位")).toBeVisible();

      await repPage.goto(`/fairs/${fair.fairId}/console/${booth.id}`);
      await expect(repPage.getByRole("heading", { name: /Representative console/ })).toBeVisible();
      await expect(repPage.getByRole("heading", { name: "Queue (1 person)" })).toBeVisible();
      await expect(repPage.getByText("王**")).toBeVisible(); // masked until the veteran applies or agrees
      await repPage.getByRole("button", { name: "Call next" }).click();
      await expect(repPage.getByText("Called. They have 60 seconds to accept.")).toBeVisible();

      // the call reaches the veteran's open lobby live (no reload)
      await expect(vet.getByText("轮到您了！")).toBeVisible({ timeout: 10_000 });
      await vet.getByRole("button", { name: "接受并开始洽谈" }).click();
      await expect(vet).toHaveURL(/\/fairs\/chats\//);
      await expect(vet.getByRole("heading", { name: `与${rep.organizationName}洽谈` })).toBeVisible();
      await expect(vet.getByText("实时更新中")).toBeVisible();
      await noHorizontalOverflow(vet);

      // the representative's console shows the open chat live
      await repPage.getByRole("link", { name: "Chat with 王**" }).click();
      await expect(repPage.getByRole("heading", { name: "Chat with 王**" })).toBeVisible();
      await expect(repPage.getByText("Live", { exact: true }).or(repPage.getByText(/· Live$/))).toBeVisible();

      await vet.getByRole("textbox", { name: "消息" }).fill("您好，我想了解仓储主管岗位");
      await vet.getByRole("button", { name: "发送" }).click();
      await expect(repPage.getByText("您好，我想了解仓储主管岗位")).toBeVisible({ timeout: 10_000 });

      await repPage.getByRole("textbox", { name: "Message" }).fill("Welcome! Call us on 13812345678");
      await repPage.getByRole("button", { name: "Send" }).click();
      await expect(vet.getByText("Welcome! Call us on 138****5678")).toBeVisible({ timeout: 10_000 });

      // one-click apply shares the contact; then book an interview slot at the booth
      await vet.getByRole("button", { name: "一键投递" }).click();
      await expect(vet.getByText("已投递，用人单位可以看到您的档案和联系方式。")).toBeVisible();
      await expect(repPage.getByRole("heading", { name: "Chat with 王建国" })).toBeVisible({ timeout: 10_000 });
      await vet.getByRole("link", { name: "预约面试时段" }).click();
      await vet.getByRole("button", { name: /^预约 .* 的面试$/ }).first().click();
      await expect(vet.getByText("面试预约成功。")).toBeVisible();
      await noHorizontalOverflow(vet);

      // the representative records a signing on the booth's posting
      await repPage.getByRole("radio", { name: "Signed" }).check();
      await repPage.getByLabel("Job offered or signed").selectOption(job.id);
      await repPage.getByLabel("Notes").fill("Signed on the spot");
      await repPage.getByRole("button", { name: "End chat and record the outcome" }).click();
      await expect(repPage.getByText("Chat ended and the outcome recorded.")).toBeVisible();

      // the veteran's booth page shows the chat ended, live, and the signing is in their applications
      await expect(vet.getByRole("listitem").filter({ hasText: `与${rep.organizationName}的洽谈` })).toContainText("已结束", { timeout: 10_000 });
      await vet.goto("/applications");
      const row = vet.getByRole("listitem").filter({ hasText: job.title }).or(vet.getByRole("row").filter({ hasText: job.title }));
      await expect(row.first()).toContainText("已录用");

      // the host's dashboard and report count it
      await repPage.context().clearCookies();
      await signInAs(repPage, host, "zh-CN");
      await repPage.goto(`/fairs/${fair.fairId}/dashboard`);
      const live = repPage.getByRole("list", { name: "实时数据" });
      await expect(live.getByRole("listitem").filter({ hasText: "签约" })).toContainText("1");
      await expect(live.getByRole("listitem").filter({ hasText: "预约面试" })).toContainText("1");
      await repPage.goto(`/fairs/${fair.fairId}/report`);
      await expect(repPage.getByRole("table", { name: "分展位" }).getByRole("row", { name: new RegExp(rep.organizationName!) })).toContainText("1");
      const download = repPage.waitForEvent("download");
      await repPage.getByRole("link", { name: "导出 CSV" }).click();
      const csv = await (await download).path();
      const { readFileSync } = await import("node:fs");
      expect(readFileSync(csv, "utf8")).toContain("签约人数,1");
    } finally {
      await vetContext.close();
      await repContext.close();
    }
  });
});

test.describe("on site (zh-CN)", () => {
  test("a walk-in registered by staff and a veteran scanning the booth's QR link join the same queue as online", async ({ browser, request }) => {
    const { rep, fair, booth } = await makeFair(request);
    const staff = await createAccount(request, { role: "staff" });
    const scanner = await createAccount(request, { role: "veteran", profile: { fullName: "李卫东" } });
    const staffContext = await browser.newContext({ locale: "zh-CN", viewport: { width: 390, height: 844 } });
    const page = await staffContext.newPage();
    try {
      await signInAs(page, staff, "zh-CN");
      await page.goto(`/fairs/${fair.fairId}/qr`);
      await expect(page.getByRole("img", { name: `${rep.organizationName}展位的签到二维码` })).toBeVisible();
      await page.goto(`/fairs/checkin/${booth.token}`);
      await page.getByLabel("姓名").fill("赵大勇");
      await page.getByLabel("手机号（选填）").fill("13700001111");
      await page.getByLabel("本人已口头同意由工作人员代为登记并参加洽谈").check();
      await page.getByRole("button", { name: "登记并排队" }).click();
      await expect(page.getByText(/已登记并排队：1 号，目前第 1 位/)).toBeVisible();
      await noHorizontalOverflow(page);

      await page.context().clearCookies();
      await signInAs(page, scanner, "zh-CN");
      await page.goto(`/fairs/checkin/${booth.token}`);
      await page.getByRole("button", { name: "加入该展位排队" }).click();
      await expect(page.getByText("已签到排队：2 号，目前第 2 位。")).toBeVisible();

      await page.context().clearCookies();
      await signInAs(page, rep, "zh-CN");
      await page.goto(`/fairs/${fair.fairId}/console/${booth.id}`);
      await expect(page.getByRole("heading", { name: "排队（2 人）" })).toBeVisible();
      await expect(page.getByText("现场", { exact: true })).toHaveCount(2);
      // the walk-in has no account: calling them opens the chat at the booth at once
      await page.getByRole("button", { name: "呼叫下一位" }).click();
      await expect(page).toHaveURL(/\/fairs\/chats\//);
      await expect(page.getByRole("heading", { name: "与赵大勇洽谈" }).or(page.getByRole("heading", { name: "与赵**洽谈" }))).toBeVisible();
    } finally {
      await staffContext.close();
    }
  });
});
