import { expect, test, type Page } from "@playwright/test";
import { createAccount, signInAs, signOut } from "./helpers";

/** A valid 18-digit resident ID (checksum per GB 11643) with a random serial. */
function nationalId(): string {
  const body = `32058219${String(60 + Math.floor(Math.random() * 40))}0101${String(100 + Math.floor(Math.random() * 900))}`;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body].reduce((s, d, i) => s + Number(d) * weights[i]!, 0);
  return body + "10X98765432"[sum % 11];
}

async function expectNoOverflow(page: Page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
}

test.describe("zh-CN, 390 px: one file for life", () => {
  test.use({ locale: "zh-CN", viewport: { width: 390, height: 844 }, extraHTTPHeaders: { "Accept-Language": "zh-CN,zh;q=0.9" } });

  test("a station keeps a file, gives a claim code; the veteran signs up, claims it and it becomes their own", async ({ page, request }) => {
    const stamp = Date.now().toString().slice(-6);
    const name = `周建军${stamp}`;
    const staff = await createAccount(request, { role: "staff", station: { tier: "county", regionCode: "320582" } });
    await signInAs(page, staff, "zh-CN");
    await page.goto("/staff/veterans/new");
    await page.getByLabel("姓名").fill(name);
    await page.getByLabel("军事专业（兵种）").fill("汽车驾驶员");
    await page.getByLabel(/退役军人本人已同意由服务站工作人员代为填写/).check();
    await page.getByRole("button", { name: "保存档案" }).click();
    await expect(page.getByText("档案已建立", { exact: true })).toBeVisible();
    await page.getByRole("button", { name: "生成认领码" }).click();
    const notice = page.getByText(/认领码：[2-9A-Z]{4}-[2-9A-Z]{4}/);
    await expect(notice).toBeVisible();
    const code = /([2-9A-Z]{4}-[2-9A-Z]{4})/.exec((await notice.textContent())!)![1]!;
    await expect(page.getByText(/已有未使用的认领码/)).toBeVisible();
    await expectNoOverflow(page);
    await signOut(page);

    const veteran = await createAccount(request, { role: "veteran" });
    await signInAs(page, veteran, "zh-CN");
    await page.goto("/profile");
    await page.getByRole("link", { name: "认领档案" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "认领服务站为您建立的档案" })).toBeVisible();
    await page.getByLabel("用服务站给的认领码").check();
    await page.getByRole("textbox", { name: "认领码" }).fill("ABCD-EFGH");
    await page.getByRole("button", { name: "查找我的档案" }).click();
    await expect(page.getByText("没有找到相符的档案。请核对身份证号和姓名，或向服务站索取认领码。")).toBeVisible();
    await page.getByLabel("用服务站给的认领码").check();
    await page.getByRole("textbox", { name: "认领码" }).fill(code.toLowerCase());
    await page.getByRole("button", { name: "查找我的档案" }).click();
    const found = page.getByRole("region", { name: "找到一份服务站为您建立的档案，请确认是否是您本人的：" });
    await expect(found.getByText(name)).toBeVisible();
    await expect(found.getByText("江苏省 苏州市 张家港市")).toBeVisible();
    await expectNoOverflow(page);
    await found.getByRole("button", { name: "是我的，认领这份档案" }).click();
    await expect(page).toHaveURL(/\/profile\?claimed=1/);
    await expect(page.getByText("档案已认领，现在由您自己管理。")).toBeVisible();
    await expect(page.getByLabel("姓名", { exact: true })).toHaveValue(name);

    // The code is spent, and this account already has its file.
    await page.goto("/profile/claim");
    await expect(page.getByText("您已经有自己的档案，不能再认领另一份。")).toBeVisible();
  });
});

test.describe("en: claiming by ID number", () => {
  test.use({ locale: "en", extraHTTPHeaders: { "Accept-Language": "en" } });

  test("a wrong name finds nothing; the right one shows the file masked; refusing leaves it with the station", async ({ page, request }) => {
    const stamp = Date.now().toString().slice(-6);
    const name = `Li Haitao ${stamp}`;
    const id = nationalId();
    const staff = await createAccount(request, { role: "staff", locale: "en", station: { tier: "county", regionCode: "320582" } });
    await signInAs(page, staff, "en");
    await page.goto("/staff/veterans/new");
    await page.getByLabel("Full name").fill(name);
    await page.getByLabel("National ID number (optional)").fill(id);
    await page.getByLabel(/The veteran agreed that service-station staff/).check();
    await page.getByRole("button", { name: "Save profile" }).click();
    await expect(page.getByText("File created", { exact: true })).toBeVisible();
    const fileUrl = page.url();
    await signOut(page);

    const veteran = await createAccount(request, { role: "veteran", locale: "en" });
    await signInAs(page, veteran, "en");
    await page.goto("/profile/claim");
    await page.getByLabel("National ID number").fill(id);
    await page.getByLabel("Name on the file").fill("Li Haitang");
    await page.getByRole("button", { name: "Find my file" }).click();
    await expect(page.getByText("No matching file was found. Check the ID number and name, or ask the station for a claim code.")).toBeVisible();
    await page.getByLabel("Name on the file").fill(name);
    await page.getByRole("button", { name: "Find my file" }).click();
    const found = page.getByRole("region", { name: /A file kept by a service station was found/ });
    await expect(found.getByText(`3205**********${id.slice(-4)}`)).toBeVisible();
    await found.getByRole("button", { name: "This is not mine" }).click();
    await expect(page.getByText("Noted: this file is not yours. The station will look into it.")).toBeVisible();
    await page.goto("/profile");
    await expect(page.getByRole("link", { name: "Claim your file" })).toBeVisible();
    await signOut(page);

    // The station still keeps it, without an account.
    await signInAs(page, staff, "en");
    await page.goto(fileUrl.replace(/\?.*$/, ""));
    await expect(page.getByRole("button", { name: "Create a claim code" })).toBeVisible();
  });
});
