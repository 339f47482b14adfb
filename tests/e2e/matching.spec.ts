import { expect, test } from "@playwright/test";
import { signIn } from "./helpers";

test.describe("matching", () => {
  test.use({ locale: "zh-CN", extraHTTPHeaders: { "Accept-Language": "zh-CN" } });

  test("the demo veteran (a former driver) sees driving jobs near home first, with reasons", async ({ page }) => {
    await signIn(page, "veteran@demo.rongye.cn", { locale: "zh-CN" });
    const matches = page.getByRole("region", { name: "为您推荐的岗位" });
    await expect(matches).toBeVisible();
    const first = matches.getByRole("listitem").first();
    await expect(first.getByRole("link")).toContainText(/司机|驾驶/);
    await expect(first.getByRole("list", { name: "推荐理由" })).toContainText("技能匹配");
    await expect(first.getByRole("list", { name: "推荐理由" })).toContainText("同一区县");
  });

  test("the demo employer sees ranked candidates for a live job, contact details masked", async ({ page }) => {
    await signIn(page, "employer@demo.rongye.cn", { locale: "zh-CN" });
    await page.goto("/employer/candidates");
    await expect(page.getByRole("heading", { name: "人才搜索" })).toBeVisible();
    const list = page.getByRole("list", { name: "匹配的人才" });
    await expect(list.getByRole("listitem").first()).toBeVisible();
    await expect(list).toContainText("匹配度");
    await expect(list).not.toContainText(/1[3-9]\d{9}/); // no phone numbers
    await expect(list).not.toContainText("@");
  });
});
