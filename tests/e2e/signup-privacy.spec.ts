import { expect, test, type Page } from "@playwright/test";
import { readLatestMail, uniqueEmail } from "./helpers";

test.use({ locale: "zh-CN", extraHTTPHeaders: { "Accept-Language": "zh-CN,zh;q=0.9" } });

async function signUp(page: Page, email: string, name: string): Promise<string> {
  await page.goto("/signup");
  await page.getByLabel("姓名或称呼").fill(name);
  await page.getByLabel("电子邮箱").fill(email);
  await page.getByLabel("密码", { exact: true }).fill("junren2026");
  await page.getByLabel("确认密码").fill("junren2026");
  await page.getByLabel("我已阅读并同意《用户协议》和《个人信息保护政策》").check();
  await page.getByRole("button", { name: "注册" }).click();
  await expect(page.getByRole("heading", { name: "请查收验证邮件" })).toBeVisible();
  return (await page.getByRole("status").textContent()) ?? "";
}

test("signing up with a registered address looks like any sign-up; the owner is mailed instead", async ({ browser }) => {
  const email = uniqueEmail("owner");
  const first = await browser.newPage();
  const answerNew = await signUp(first, email, "张建军");

  const stranger = await browser.newPage();
  const answerTaken = await signUp(stranger, email, "冒名者");
  expect(answerTaken).toBe(answerNew);
  await expect(stranger.getByText("该邮箱已注册")).toHaveCount(0);

  const mail = await readLatestMail(stranger, email, /有人尝试用您的邮箱注册戎业/);
  expect(mail).toContain("张建军");
  expect(mail).toContain("/forgot-password");
});
