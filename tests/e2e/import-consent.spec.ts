import path from "node:path";
import { expect, test } from "@playwright/test";
import { createAccount, signInAs } from "./helpers";

const FIXTURES = path.resolve(path.dirname(new URL(import.meta.url).pathname), "../fixtures");
const VETERANS = path.join(FIXTURES, "veterans.csv");

// tests/fixtures/veterans.csv: lines 2, 3 and 5 ask to be visible and say consent yes; line 6 asks to be visible and
// says no; line 4 asks for nothing.

test.describe("zh-CN: a veterans import without the staff attestation", () => {
  test.use({ locale: "zh-CN", extraHTTPHeaders: { "Accept-Language": "zh-CN,zh;q=0.9" } });

  test("stores every file hidden and says on each line why", async ({ page, request }) => {
    await signInAs(page, await createAccount(request, { role: "staff" }), "zh-CN");
    await page.goto("/staff/imports");
    await page.getByLabel("导入内容").selectOption({ label: "退役军人档案" });
    await page.getByLabel("CSV 文件").setInputFiles(VETERANS);
    await expect(page.getByLabel(/我确认：文件中 consent 列为“是”的每一位退役军人/)).not.toBeChecked();
    await page.getByRole("button", { name: "开始导入" }).click();
    await expect(page.getByRole("status").filter({ hasText: "已处理 5 / 5 行（100%）" })).toBeVisible();

    const warnings = page.getByRole("region", { name: "警告（已导入）" });
    const notAttested = warnings.getByRole("row").filter({ hasText: "没有工作人员确认本文件的同意记录属实" });
    await expect(notAttested).toHaveCount(3);
    await expect(notAttested.first().getByRole("cell").nth(1)).toHaveText("consent");
    const missing = warnings.getByRole("row").filter({ hasText: "没有退役军人本人的同意" });
    await expect(missing).toHaveCount(1);
    await expect(missing.getByRole("cell").nth(0)).toHaveText("6");
  });
});

test.describe("en: a veterans import with the staff attestation", () => {
  test.use({ locale: "en-US", extraHTTPHeaders: { "Accept-Language": "en-US,en;q=0.9" } });

  test("only the row without consent is held back, and the report says so", async ({ page, request }) => {
    await signInAs(page, await createAccount(request, { role: "staff", locale: "en" }), "en");
    await page.goto("/staff/imports");
    await page.getByLabel("What to import").selectOption({ label: "Veteran files" });
    await page.getByLabel("CSV file").setInputFiles(VETERANS);
    await page.getByLabel(/I attest that every veteran whose consent column says yes/).check();
    await page.getByRole("button", { name: "Start import" }).click();
    await expect(page.getByRole("status").filter({ hasText: "5 of 5 rows processed (100%)" })).toBeVisible();

    const warnings = page.getByRole("region", { name: "Warnings (imported)" });
    await expect(warnings.getByRole("row").filter({ hasText: "no staff member attested" })).toHaveCount(0);
    const missing = warnings.getByRole("row").filter({ hasText: "carries no consent from the veteran" });
    await expect(missing).toHaveCount(1);
    await expect(missing.getByRole("cell").nth(0)).toHaveText("6");
    await expect(missing.getByRole("cell").nth(1)).toHaveText("consent");
  });
});
