import { expect, test } from "@playwright/test";
import { firstLink, readLatestMail, uniqueEmail, pickRegion } from "./helpers";

test.describe("zh-CN: sign up → verify by mail → sign in → switch language → sign out", () => {
  test.use({ locale: "zh-CN", extraHTTPHeaders: { "Accept-Language": "zh-CN,zh;q=0.9" } });

  test("a veteran completes the whole account journey in Chinese", async ({ page }) => {
    const email = uniqueEmail("laowang");
    await page.goto("/");
    await expect(page.getByRole("heading", { level: 1, name: "让每一位退役军人都有用武之地" })).toBeVisible();
    await page.getByRole("banner").getByRole("link", { name: "注册" }).click();
    await expect(page.getByRole("heading", { name: "注册账户" })).toBeVisible();

    // Bad input: field-level messages in Chinese, and what was typed is kept.
    await page.getByLabel("姓名或称呼").fill("王建国");
    await page.getByLabel("电子邮箱").fill("not-an-email");
    await page.getByLabel("密码", { exact: true }).fill("short");
    await page.getByRole("button", { name: "注册" }).click();
    await expect(page.getByText("请输入有效的电子邮箱地址")).toBeVisible();
    await expect(page.getByText("密码至少需要 8 位")).toBeVisible();
    await expect(page.getByText("请阅读并同意用户协议和个人信息保护政策")).toBeVisible();
    await expect(page.getByLabel("姓名或称呼")).toHaveValue("王建国");

    await page.getByLabel("电子邮箱").fill(email);
    await page.getByLabel("密码", { exact: true }).fill("junren2026");
    await page.getByLabel("确认密码").fill("junren2026");
    await page.getByLabel("我已阅读并同意《用户协议》和《个人信息保护政策》").check();
    await page.getByRole("button", { name: "注册" }).click();
    await expect(page.getByRole("heading", { name: "请查收验证邮件" })).toBeVisible();

    // Signing in before verifying is refused with a clear message.
    await page.goto("/signin");
    await page.getByLabel("电子邮箱").fill(email);
    await page.getByLabel("密码").fill("junren2026");
    await page.getByRole("button", { name: "登录" }).click();
    await expect(page.getByText("邮箱尚未验证，请先点击验证邮件中的链接")).toBeVisible();

    const mail = await readLatestMail(page, email, /验证/);
    await page.goto(firstLink(mail, "/verify-email?token="));
    await page.getByRole("button", { name: "确认验证" }).click();
    await expect(page.getByText("邮箱验证成功，现在可以登录了。")).toBeVisible();

    await page.getByLabel("电子邮箱").fill(email);
    await page.getByLabel("密码").fill("junren2026");
    await page.getByRole("button", { name: "登录" }).click();
    await expect(page.getByRole("heading", { name: "王建国，欢迎回来" })).toBeVisible();

    await page.getByRole("button", { name: /切换语言/ }).click();
    await expect(page.getByRole("heading", { name: "Welcome back, 王建国" })).toBeVisible();
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    // The choice persists across pages and reloads.
    await page.reload();
    await expect(page.getByRole("heading", { name: "Welcome back, 王建国" })).toBeVisible();

    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page.getByText("You have signed out.")).toBeVisible();
    await page.goto("/dashboard");
    await expect(page).toHaveURL(/\/signin\?redirectTo=%2Fdashboard/);
  });
});

test.describe("en: the same journey in English", () => {
  test.use({ locale: "en-GB", extraHTTPHeaders: { "Accept-Language": "en-GB,en;q=0.9" } });

  test("an employer signs up, verifies, signs in, switches to Chinese and signs out", async ({ page }) => {
    const email = uniqueEmail("hr");
    await page.goto("/signup");
    await expect(page.getByRole("heading", { name: "Create an account" })).toBeVisible();
    await page.getByRole("radio", { name: "Employer" }).check();
    await page.getByLabel("Name", { exact: true }).fill("Li Ming");
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password", { exact: true }).fill("employer2026");
    await page.getByLabel("Confirm password").fill("employer2026");
    await page.getByLabel(/I have read and accept/).check();
    await page.getByRole("button", { name: "Sign up" }).click();
    // Employers must name their organisation.
    await expect(page.getByText("This field is required")).toBeVisible();
    await page.getByLabel("Organisation name").fill("Zhangjiagang Harbour Logistics Co.");
    await pickRegion(page, "江苏省", "苏州市", "张家港市"); // English pages show English names; the helper picks by code
    await page.getByRole("button", { name: "Sign up" }).click();
    await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();

    const mail = await readLatestMail(page, email, /verify/i);
    await page.goto(firstLink(mail, "/verify-email?token="));
    await page.getByRole("button", { name: "Verify" }).click();
    await expect(page.getByText("Your email is verified. You can sign in now.")).toBeVisible();

    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill("employer2026");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("heading", { name: "Welcome back, Li Ming" })).toBeVisible();
    await expect(page.getByText(/Zhangjiagang Harbour Logistics Co\.” is waiting for verification/)).toBeVisible();

    await page.getByRole("button", { name: /Switch language/ }).click();
    await expect(page.getByRole("heading", { name: "Li Ming，欢迎回来" })).toBeVisible();
    await page.getByRole("button", { name: "退出登录" }).click();
    await expect(page.getByText("您已退出登录。")).toBeVisible();
  });

  test("unknown pages get a 404 in the visitor's language", async ({ page }) => {
    const response = await page.goto("/no-such-page");
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  });
});

test.describe("zh-CN pages", () => {
  test.use({ locale: "zh-CN", extraHTTPHeaders: { "Accept-Language": "zh-CN" } });
  test("the home page shows seeded jobs, fairs and parks, and a 404 in Chinese", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { name: "最新岗位" })).toBeVisible();
  await expect(page.getByRole("region", { name: "最新岗位" }).getByRole("listitem").first()).toBeVisible();
  await expect(page.getByRole("region", { name: "近期招聘会" }).getByRole("listitem").first()).toBeVisible();
  const response = await page.goto("/no-such-page");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "页面不存在" })).toBeVisible();
  });
});

test("a tampered session cookie is refused with a message, not an error", async ({ browser, baseURL }) => {
  const context = await browser.newContext({ locale: "en-US", extraHTTPHeaders: { "Accept-Language": "en" } });
  await context.addCookies([{ name: "__session", value: "forged.value", url: baseURL! }]);
  const page = await context.newPage();
  const response = await page.goto("/");
  expect(response?.status()).toBe(200);
  await expect(page.getByText("Your session expired or was tampered with. Please sign in again.")).toBeVisible();
});
