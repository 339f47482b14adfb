import { expect, test, type Page } from "@playwright/test";
import { createAccount, signIn, signInAs, signOut } from "./helpers";

/** The page never scrolls sideways at 390 px. */
async function expectNoOverflow(page: Page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
}

test.describe("zh-CN, 390 px: stations and staff scope", () => {
  test.use({ locale: "zh-CN", viewport: { width: 390, height: 844 }, extraHTTPHeaders: { "Accept-Language": "zh-CN,zh;q=0.9" } });

  test("an admin creates a county centre and assigns a staff member, who then sees that county's files and no other", async ({ page, request }) => {
    const stamp = Date.now().toString().slice(-6);
    const stationName = `新城区退役军人服务中心 ${stamp}`;
    const staff = await createAccount(request, { role: "staff", station: "none", displayName: `王静 ${stamp}` });
    const inB = await createAccount(request, { role: "veteran", profile: { fullName: `西安老兵 ${stamp}`, regionCode: "610102", visibility: "hidden" } });
    const inA = await createAccount(request, { role: "veteran", profile: { fullName: `张家港老兵 ${stamp}`, regionCode: "320582", visibility: "hidden" } });

    // Before an assignment the staff member acts nowhere.
    await signInAs(page, staff, "zh-CN");
    const before = await page.goto("/staff/veterans");
    expect(before?.status()).toBe(403);
    await expect(page.getByText("您的账户还没有分配到服务站")).toBeVisible();
    await signOut(page);

    await signIn(page, "admin@demo.rongye.cn", { locale: "zh-CN" });
    await page.goto("/admin/stations");
    await expect(page.getByRole("heading", { level: 1, name: "服务站与工作人员" })).toBeVisible();
    // A county centre needs a county code: a town code is refused next to the field.
    await page.getByLabel("名称").fill(stationName);
    await page.getByLabel("类型").selectOption({ label: "县（区）退役军人服务中心" });
    await page.getByLabel("地区代码").fill("610102001");
    await page.getByRole("button", { name: "新建服务站" }).click();
    await expect(page.getByText("县级服务中心请填写 6 位县（区）代码")).toBeVisible();
    await page.getByLabel("地区代码").fill("610102");
    await page.getByRole("button", { name: "新建服务站" }).click();
    await expect(page.getByText(`已新建：${stationName}`)).toBeVisible();
    await expect(page.getByRole("rowheader", { name: stationName })).toBeVisible();

    await page.getByLabel("工作人员账户").selectOption({ label: `王静 ${stamp} (${staff.email})` });
    await page.getByLabel("服务站", { exact: true }).selectOption({ label: stationName });
    await page.getByRole("button", { name: "保存分配" }).click();
    await expect(page.getByText("已保存分配。")).toBeVisible();
    await expect(page.getByRole("row", { name: new RegExp(stationName) })).toContainText(`王静 ${stamp}`);
    await expectNoOverflow(page);
    await signOut(page);

    await signInAs(page, staff, "zh-CN");
    await page.goto("/staff/veterans");
    await expect(page.getByText(`${stationName} · 陕西省 西安市 新城区及下辖地区`)).toBeVisible();
    await page.getByLabel("姓名或手机号").fill(stamp);
    await page.getByRole("button", { name: "查找" }).click();
    await expect(page.getByRole("link", { name: `西安老兵 ${stamp}` })).toBeVisible();
    await expect(page.getByRole("link", { name: `张家港老兵 ${stamp}` })).toHaveCount(0);
    await expectNoOverflow(page);
    // The other county's file does not exist for this staff member, even by its address.
    const outside = await page.goto(`/staff/veterans/${inA.profileId}`);
    expect(outside?.status()).toBe(404);
    const inside = await page.goto(`/staff/veterans/${inB.profileId}`);
    expect(inside?.status()).toBe(200);
    await expect(page.getByRole("heading", { level: 1, name: new RegExp(`西安老兵 ${stamp}`) })).toBeVisible();
  });
});

test.describe("en: a county centre's staff against another county", () => {
  test.use({ locale: "en", extraHTTPHeaders: { "Accept-Language": "en" } });

  test("files, outcome figures and exports of another county answer 404; their own county's work", async ({ page, request }) => {
    const stamp = Date.now().toString().slice(-6);
    const staff = await createAccount(request, { role: "staff", locale: "en", station: { tier: "county", regionCode: "320582", name: `Zhangjiagang centre ${stamp}` } });
    const inB = await createAccount(request, { role: "veteran", profile: { fullName: `Xi'an veteran ${stamp}`, regionCode: "610102", visibility: "hidden", phone: "13900001111" } });
    const inA = await createAccount(request, { role: "veteran", profile: { fullName: `Zhangjiagang veteran ${stamp}`, regionCode: "320582", visibility: "hidden" } });
    await signInAs(page, staff, "en");

    await page.goto("/staff/veterans");
    await expect(page.getByText(`Zhangjiagang centre ${stamp} · `)).toBeVisible();
    await page.getByLabel("Name or phone").fill(stamp);
    await page.getByRole("button", { name: "Search" }).click();
    await expect(page.getByRole("link", { name: `Zhangjiagang veteran ${stamp}` })).toBeVisible();
    await expect(page.getByRole("link", { name: `Xi'an veteran ${stamp}` })).toHaveCount(0);
    // Not by the phone number either.
    await page.getByLabel("Name or phone").fill("13900001111");
    await page.getByRole("button", { name: "Search" }).click();
    await expect(page.getByRole("link", { name: `Xi'an veteran ${stamp}` })).toHaveCount(0);

    expect((await page.goto(`/staff/veterans/${inB.profileId}`))?.status()).toBe(404);
    expect((await page.goto(`/staff/veterans/${inA.profileId}`))?.status()).toBe(200);

    // Figures: their own county by default, another county's are not found, exports too.
    await page.goto("/staff/outcomes?from=2020-01-01");
    await expect(page.getByRole("heading", { name: "Outcomes", level: 1 })).toBeVisible();
    await expect(page.getByRole("navigation", { name: "Region levels" }).getByText(/张家港市|Zhangjiagang/)).toBeVisible();
    expect((await page.goto("/staff/outcomes?region=610102&from=2020-01-01"))?.status()).toBe(404);
    const exported = await page.request.get("/staff/outcomes/export?region=610102&from=2020-01-01&format=csv");
    expect(exported.status()).toBe(404);
    const own = await page.request.get("/staff/outcomes/export?region=320582&from=2020-01-01&format=csv");
    expect(own.status()).toBe(200);
  });
});
