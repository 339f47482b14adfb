import { expect, test } from "@playwright/test";
import { completeCreditCode } from "../../app/utils/credit-code";
import { signIn, signUpEmployer, uniqueEmail } from "./helpers";

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);

function randomCreditCode(): string {
  const alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
  const body = Array.from({ length: 7 }, () => alphabet[Math.floor(Math.random() * 31)]).join("");
  return completeCreditCode(`91320582MA${body}`);
}

test.describe("zh-CN: verification evidence", () => {
  test.use({ locale: "zh-CN", extraHTTPHeaders: { "Accept-Language": "zh-CN,zh;q=0.9" } });

  test("an employer gives its credit code and licence; staff see both beside the request", async ({ page, browser }) => {
    test.slow(); // two people, a sign-up with its mail round trip and an upload
    const stamp = Date.now().toString().slice(-6);
    const organization = `张家港保税区安达物流有限公司 ${stamp}`;
    const email = uniqueEmail("hr-evidence");
    await signUpEmployer(page, { name: "周建国", email, organization });
    await signIn(page, email, { locale: "zh-CN" });
    await page.goto("/organization");

    const code = randomCreditCode();
    const wrong = code.slice(0, 17) + (code[17] === "0" ? "1" : "0");
    await page.getByLabel("统一社会信用代码").fill(wrong);
    await page.getByRole("button", { name: "保存" }).click();
    await expect(page.getByText("统一社会信用代码校验位不对，请对照营业执照核对")).toBeVisible();
    // What was typed stays in the form.
    await expect(page.getByLabel("单位名称")).toHaveValue(organization);

    await page.getByLabel("统一社会信用代码").fill(code.toLowerCase());
    await page.getByRole("button", { name: "保存" }).click();
    await expect(page.getByText(`已填写：${code}`)).toBeVisible();

    await page.getByLabel("营业执照文件").setInputFiles({ name: "营业执照.png", mimeType: "image/png", buffer: PNG });
    await page.getByRole("button", { name: "上传营业执照" }).click();
    await expect(page.getByText("营业执照已上传。")).toBeVisible();
    await expect(page.getByRole("link", { name: /查看已上传的营业执照/ })).toBeVisible();

    const staffContext = await browser.newContext({ locale: "zh-CN" });
    const staffPage = await staffContext.newPage();
    await signIn(staffPage, "staff@demo.rongye.cn", { locale: "zh-CN" });
    await staffPage.goto("/staff/organizations?status=pending");
    // The pending queue pages oldest first; find this organisation's card on whichever page it is.
    const card = staffPage.getByRole("article", { name: organization });
    for (let i = 0; i < 20 && !(await card.isVisible()); i++) {
      const next = staffPage.getByRole("link", { name: /下一页/ });
      if (!(await next.isVisible())) break;
      await next.click();
    }
    await expect(card.getByText(code)).toBeVisible();
    await expect(card.getByText("校验通过")).toBeVisible();
    const licenceLink = card.getByRole("link", { name: /营业执照\.png/ });
    await expect(licenceLink).toBeVisible();
    const response = await staffPage.request.get((await licenceLink.getAttribute("href"))!);
    expect(response.status()).toBe(200);
    expect(response.headers()["content-type"]).toBe("image/png");
    await staffContext.close();
  });
});

test.describe("en, 390 px: outcome dashboard", () => {
  test.use({ locale: "en", viewport: { width: 390, height: 844 }, extraHTTPHeaders: { "Accept-Language": "en" } });

  test("staff drill down from the country to a province and export the table", async ({ page }) => {
    // The admin sees the whole country (the demo staff member's figures start at their county, Zhangjiagang).
    await signIn(page, "admin@demo.rongye.cn", { locale: "en" });
    await page.goto("/staff/outcomes?from=2020-01-01");
    await expect(page.getByRole("heading", { name: "Outcomes", level: 1 })).toBeVisible();
    await expect(page.getByRole("heading", { name: "Employment" })).toBeVisible();
    // each chart's numbers are also a (visually hidden) table; the region table is named by its caption
    const table = page.getByRole("table", { name: /^Outcomes of the regions in/ });
    await expect(table.getByRole("columnheader", { name: "Veterans registered" })).toBeVisible();
    // The demo data lives in Jiangsu and Zhejiang: follow the first province link one level down.
    const provinceLink = table.getByRole("rowheader").getByRole("link").first();
    const province = (await provinceLink.textContent())!.trim();
    await provinceLink.click();
    await expect(page.getByRole("navigation", { name: "Region levels" }).getByText(province)).toBeVisible();
    // The page itself never scrolls sideways at 390 px; the wide table scrolls inside its own region.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(1);

    const href = await page.getByRole("link", { name: "Export CSV" }).getAttribute("href");
    const csv = await page.request.get(href!);
    expect(csv.status()).toBe(200);
    expect(csv.headers()["content-type"]).toContain("text/csv");
    const text = (await csv.text()).replace(/^\uFEFF/, "");
    expect(text.split("\r\n")[0]).toMatch(/^Region,Region code,Veterans registered,/);

    // A bad date gets a message next to the field, in English.
    await page.goto("/staff/outcomes?from=2026-02-31");
    await expect(page.getByText("Enter a valid date (year-month-day)")).toBeVisible();
  });
});
