import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { createAccount, signInAs, uniqueEmail } from "./helpers";

/**
 * Issue 11, incubator parks: a veteran founder on a phone applies to a park's package with a PDF plan, the park
 * accepts, the founder gets the bank-transfer payment notice (no STRIPE_SECRET_KEY on the e2e server), uploads the
 * transfer proof, the park confirms it, and the founder sees the payment and the onboarding checklist. Then every
 * park page renders at 390 px without horizontal overflow.
 */

const PHONE = { width: 390, height: 844 };
const PDF = Buffer.from("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");
const PNG = Buffer.from("89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8ffff3f0005fe02fea7d6a4d10000000049454e44ae426082", "hex");

async function createPackage(request: APIRequestContext, organizationId: string, title: string): Promise<{ id: string; title: string }> {
  const response = await request.post("/__e2e/incubator-packages", { data: { organizationId, title, priceFen: 600_000, subsidyPercentBp: 5_000 } });
  expect(response.ok(), await response.text()).toBe(true);
  return (await response.json()) as { id: string; title: string };
}

async function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

test.describe("incubator parks, zh-CN", () => {
  test.use({ locale: "zh-CN", extraHTTPHeaders: { "Accept-Language": "zh-CN,zh;q=0.9" } });

  test("a veteran applies from a phone, the park accepts, the transfer is confirmed and the founder sees the checklist", async ({ browser, request }) => {
    const suffix = uniqueEmail("p").split("@")[0]!.slice(2);
    const manager = await createAccount(request, { role: "incubator", locale: "zh-CN", organization: { kind: "incubator_park", name: `张家港退役军人创业园 ${suffix}` } });
    const pkg = await createPackage(request, manager.organizationId!, `创业工位 ${suffix}`);
    const founder = await createAccount(request, { role: "veteran", locale: "zh-CN", displayName: "王建军" });
    const venture = `冷链配送 ${suffix}`;

    const phone = await browser.newContext({ viewport: PHONE, locale: "zh-CN", extraHTTPHeaders: { "Accept-Language": "zh-CN,zh;q=0.9" } });
    const founderPage = await phone.newPage();
    await signInAs(founderPage, founder, "zh-CN");
    await founderPage.goto(`/parks/${manager.organizationId}`);
    await founderPage.getByRole("link", { name: `申请入园 ${pkg.title}` }).click();
    await expect(founderPage.getByRole("heading", { name: `申请入园：${pkg.title}` })).toBeVisible();
    expect(await horizontalOverflow(founderPage)).toBeLessThanOrEqual(0);
    await founderPage.getByLabel("项目或企业名称").fill(venture);
    await founderPage.getByLabel("发展阶段").selectOption("registered");
    await founderPage.getByLabel("所属行业").fill("冷链物流");
    await founderPage.getByLabel("团队人数").fill("4");
    await founderPage.getByLabel("其中退役军人人数").fill("3");
    await founderPage.getByLabel("资金需求（元）").fill("300000");
    await founderPage.getByLabel("计划带动就业（人）").fill("8");
    await founderPage.getByLabel("项目简介").fill("为张家港的生鲜超市提供冷链配送。");
    await founderPage.getByLabel(/^商业计划书/).setInputFiles({ name: "商业计划书.pdf", mimeType: "application/pdf", buffer: PDF });
    await founderPage.getByRole("button", { name: "提交申请" }).click();
    await expect(founderPage.getByRole("heading", { name: venture })).toBeVisible();
    await expect(founderPage.getByText("申请已提交，园区评审后会通知您。")).toBeVisible();
    await expect(founderPage.getByRole("link", { name: "商业计划书：商业计划书.pdf" })).toBeVisible();
    expect(await horizontalOverflow(founderPage)).toBeLessThanOrEqual(0);
    const ventureUrl = founderPage.url().replace(/\?.*$/, "");
    const planHref = await founderPage.getByRole("link", { name: "商业计划书：商业计划书.pdf" }).getAttribute("href");
    const plan = await founderPage.request.get(planHref!);
    expect(plan.status()).toBe(200);
    expect((await plan.body()).subarray(0, 5).toString()).toBe("%PDF-");
    await founderPage.goto("/ventures");
    await expect(founderPage.getByRole("heading", { name: "我的创业项目", level: 1 })).toBeVisible();
    await expect(founderPage.getByRole("link", { name: venture })).toBeVisible();
    expect(await horizontalOverflow(founderPage)).toBeLessThanOrEqual(0);

    const parkContext = await browser.newContext({ locale: "zh-CN", extraHTTPHeaders: { "Accept-Language": "zh-CN,zh;q=0.9" } });
    const parkPage = await parkContext.newPage();
    await signInAs(parkPage, manager, "zh-CN");
    await parkPage.goto("/park/applications");
    await expect(parkPage.getByRole("heading", { name: "入园申请", level: 1 })).toBeVisible();
    await parkPage.getByRole("link", { name: venture }).first().click();
    await expect(parkPage.getByRole("heading", { name: venture, level: 1 })).toBeVisible();
    await parkPage.getByRole("radio", { name: "接受" }).check();
    await parkPage.getByLabel("入园日期（接受时必填）").fill("2030-03-01");
    await parkPage.getByRole("button", { name: "保存决定" }).click();
    await expect(parkPage.getByText("决定已保存，已通知申请人。")).toBeVisible();

    await founderPage.goto(ventureUrl);
    await expect(founderPage.getByText("已接受", { exact: true })).toBeVisible();
    await founderPage.getByRole("button", { name: "获取缴费通知（银行转账）" }).click();
    await expect(founderPage.getByText("请通过银行转账缴费，并在附言中填写缴费编号，然后上传转账凭证。")).toBeVisible();
    await expect(founderPage.getByText("缴费编号（转账附言）")).toBeVisible();
    await founderPage.getByLabel("转账凭证", { exact: true }).setInputFiles({ name: "转账回单.png", mimeType: "image/png", buffer: PNG });
    await founderPage.getByRole("button", { name: "上传转账凭证" }).click();
    await expect(founderPage.getByText("转账凭证已上传，等待园区确认。")).toBeVisible();
    expect(await horizontalOverflow(founderPage)).toBeLessThanOrEqual(0);

    await parkPage.reload();
    await expect(parkPage.getByText("转账凭证：转账回单.png")).toBeVisible();
    await parkPage.getByRole("button", { name: /^确认收到/ }).click();
    await expect(parkPage.getByText("已确认收款。")).toBeVisible();

    await founderPage.goto(ventureUrl);
    await expect(founderPage.getByText(/^已缴费 .+，收据号 \S+。$/)).toBeVisible();
    await expect(founderPage.getByRole("heading", { name: /^入园清单（已完成 \d+ \/ \d+）$/ })).toBeVisible();
    expect(await horizontalOverflow(founderPage)).toBeLessThanOrEqual(0);
    await phone.close();
    await parkContext.close();
  });
});

test.describe("incubator parks, en", () => {
  test.use({ locale: "en-GB", extraHTTPHeaders: { "Accept-Language": "en-GB,en;q=0.9" }, viewport: PHONE });

  test("every park page renders its heading without horizontal overflow on a 390 px phone", async ({ page, request }) => {
    const manager = await createAccount(request, { role: "incubator", locale: "en", organization: { kind: "incubator_park", name: `Test park ${Date.now()}` } });
    await createPackage(request, manager.organizationId!, `Desk package ${Date.now()}`);
    await signInAs(page, manager, "en");
    const pages: [string, string][] = [
      ["/park/applications", "Park applications"],
      ["/park/reviews", "My reviews"],
      ["/park/settings", "Park settings"],
      ["/park/mentors", "Mentors"],
      ["/park/metrics", "Venture figures"],
    ];
    for (const [path, heading] of pages) {
      await page.goto(path);
      await expect(page.getByRole("heading", { name: heading, level: 1 }), path).toBeVisible();
      expect(await horizontalOverflow(page), path).toBeLessThanOrEqual(0);
    }

    // The park's own forms work on the phone: rubric, checklist template, bank account, a mentor and a slot.
    await page.goto("/park/settings");
    await page.getByLabel("Criterion", { exact: true }).fill("Market");
    await page.getByLabel("Weight").fill("2");
    await page.getByRole("button", { name: "Add criterion" }).click();
    await expect(page.getByText("Criterion added.")).toBeVisible();
    await expect(page.getByText(/Market/).first()).toBeVisible();
    await page.getByLabel("Item", { exact: true }).fill("Sign the lease");
    await page.getByLabel("Done by").selectOption("founder");
    await page.getByLabel("Days after the start date").fill("10");
    await page.getByLabel("Needs a document").check();
    await page.getByRole("button", { name: "Add checklist item" }).click();
    await expect(page.getByText("Checklist item added.")).toBeVisible();
    await expect(page.getByRole("button", { name: "Remove: Sign the lease" })).toBeVisible();
    await page.getByLabel("Account name").fill("Zhangjiagang Veteran Startup Park Ltd");
    await page.getByLabel("Bank", { exact: true }).fill("Bank of China Zhangjiagang branch");
    await page.getByLabel("Account number").fill("6217 0000 1234 5678");
    await page.getByRole("button", { name: "Save payment settings" }).click();
    await expect(page.getByText("Payment settings saved.")).toBeVisible();
    await expect(page.getByLabel("Account number")).toHaveValue("6217 0000 1234 5678");
    expect(await horizontalOverflow(page), "/park/settings after saving").toBeLessThanOrEqual(0);

    await page.goto("/park/mentors");
    await page.getByLabel("Name", { exact: true }).fill("Li Wei");
    await page.getByLabel("Title", { exact: true }).fill("Logistics entrepreneur");
    await page.getByLabel("Expertise (comma-separated)").fill("cold chain, financing");
    await page.getByRole("button", { name: "Add mentor", exact: true }).click();
    await expect(page.getByText("Mentor added.")).toBeVisible();
    await page.getByLabel("Starts (China time)").fill("2030-03-05T14:00");
    await page.getByLabel("Place").fill("Room 201");
    await page.getByRole("button", { name: "Publish a slot for Li Wei" }).click();
    await expect(page.getByText("Slot published.")).toBeVisible();
    await expect(page.getByText("Open").first()).toBeVisible();
    expect(await horizontalOverflow(page), "/park/mentors after adding").toBeLessThanOrEqual(0);

    await page.goto("/park/metrics");
    const exportLink = page.getByRole("link", { name: "Export CSV" });
    await expect(exportLink).toBeVisible();
    const response = await page.request.get((await exportLink.getAttribute("href"))!);
    expect(response.status()).toBe(200);
    expect(response.headers()["content-type"]).toMatch(/text\/csv/);
    expect((await response.text()).split("\n")[0]).toMatch(/,/);
  });
});
