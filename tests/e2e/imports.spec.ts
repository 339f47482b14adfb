import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { createAccount, openWorkspaceLink, signInAs } from "./helpers";

const FIXTURES = path.resolve(path.dirname(new URL(import.meta.url).pathname), "../fixtures");

test.describe("zh-CN: staff bulk import of jobs", () => {
  test.use({ locale: "zh-CN", extraHTTPHeaders: { "Accept-Language": "zh-CN,zh;q=0.9" } });

  test("a dry run reports what would happen; the real import runs to 100% and the jobs exist", async ({ page, request }) => {
    await signInAs(page, await createAccount(request, { role: "staff" }), "zh-CN");
    await openWorkspaceLink(page, "批量导入");
    await expect(page.getByRole("heading", { level: 1, name: "批量导入" })).toBeVisible();

    // Dry run first.
    await page.getByLabel("导入内容").selectOption({ label: "岗位" });
    await page.getByLabel("CSV 文件").setInputFiles(path.join(FIXTURES, "jobs.csv"));
    await page.getByLabel("仅校验（试运行，不写入任何数据）").check();
    await page.getByRole("button", { name: "开始导入" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "试运行结果 · 岗位" })).toBeVisible();
    await expect(page.getByRole("status").filter({ hasText: "已处理 8 / 8 行（100%）" })).toBeVisible();
    await expect(page.getByText("新建 8 条")).toBeVisible();
    await expect(page.getByText("出错 0 行")).toBeVisible();
    await expect(page.getByText("这是试运行：以上为将会新建和更新的数量，没有写入任何数据。")).toBeVisible();
    await expect(page.getByText("导入完成，没有出错的行。")).toBeVisible();

    // Then for real.
    await page.getByRole("link", { name: "再导入一个文件" }).click();
    const recent = page.getByRole("table");
    await expect(recent.getByText("试运行")).toBeVisible();
    await page.getByLabel("CSV 文件").setInputFiles(path.join(FIXTURES, "jobs.csv"));
    await page.getByRole("button", { name: "开始导入" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "导入结果 · 岗位" })).toBeVisible();
    const bar = page.getByRole("progressbar", { name: "导入进度" });
    await expect(bar).toHaveAttribute("value", "8");
    await expect(bar).toHaveAttribute("max", "8");
    await expect(page.getByRole("status").filter({ hasText: "已处理 8 / 8 行（100%）" })).toBeVisible();
    await expect(page.getByText("新建 8 条")).toBeVisible();
    await expect(page.getByText("更新 0 条")).toBeVisible();
    await expect(page.getByText("导入完成，没有出错的行。")).toBeVisible();

    // The dry run wrote nothing, the real run did: importing again updates the same eight.
    await page.getByRole("link", { name: "再导入一个文件" }).click();
    await page.getByLabel("CSV 文件").setInputFiles(path.join(FIXTURES, "jobs.csv"));
    await page.getByRole("button", { name: "开始导入" }).click();
    await expect(page.getByRole("status").filter({ hasText: "已处理 8 / 8 行（100%）" })).toBeVisible();
    await expect(page.getByText("新建 0 条")).toBeVisible();
    await expect(page.getByText("更新 8 条")).toBeVisible();
  });
});

test.describe("en: staff bulk import error reports", () => {
  test.use({ locale: "en-US", extraHTTPHeaders: { "Accept-Language": "en-US,en;q=0.9" } });

  test("bad rows are listed with line, column and message; a bad file and a missing file are refused", async ({ page, request }) => {
    await signInAs(page, await createAccount(request, { role: "staff", locale: "en" }), "en");
    await reportsInEnglish(page);
  });
});

async function reportsInEnglish(page: Page) {
  await page.goto("/staff/imports");
  await expect(page.getByRole("heading", { level: 1, name: "Bulk import" })).toBeVisible();

  // No file chosen: the error sits next to the file field.
  await page.getByRole("button", { name: "Start import" }).click();
  await expect(page.getByText("Choose a CSV file to upload")).toBeVisible();

  await page.getByLabel("What to import").selectOption({ label: "Jobs" });
  await page.getByLabel("CSV file").setInputFiles(path.join(FIXTURES, "jobs-bad.csv"));
  await page.getByRole("button", { name: "Start import" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Import result · Jobs" })).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: "5 of 5 rows processed (100%)" })).toBeVisible();
  await expect(page.getByText("2 created", { exact: true })).toBeVisible();
  await expect(page.getByText("3 rows failed", { exact: true })).toBeVisible();
  await expect(page.getByText("1 row with warnings", { exact: true })).toBeVisible();
  await expect(page.getByText("Import finished; 3 rows failed and nothing of them was written.")).toBeVisible();

  const report = page.getByRole("region", { name: "Error report" });
  await expect(report.getByText("4 problems")).toBeVisible();
  await expect(report.getByRole("row").filter({ hasText: "This row has 4 fields; the header has 12 columns" }).getByRole("cell").nth(1)).toHaveText("whole row");
  await expect(report.getByRole("row").filter({ hasText: "“abc” is not a monthly salary" }).getByRole("cell").nth(0)).toHaveText("7");
  // A row that can be stored truthfully is stored; what differs from the file is a warning, listed apart.
  const warnings = page.getByRole("region", { name: "Warnings (imported)" });
  const skills = warnings.getByRole("row").filter({ hasText: "Not in the skills taxonomy yet; kept as written: 会飞" });
  await expect(skills.getByRole("cell").nth(0)).toHaveText("4");
  await expect(skills.getByRole("cell").nth(1)).toHaveText("skills");
  await expect(report.getByText("会飞")).toHaveCount(0);

  // A file that cannot be imported at all.
  await page.getByRole("link", { name: "Import another file" }).click();
  await page.getByLabel("CSV file").setInputFiles(path.join(FIXTURES, "jobs-missing-columns.csv"));
  await page.getByLabel("Validate only (dry run, writes nothing)").check();
  await page.getByRole("button", { name: "Start import" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Dry run result · Jobs" })).toBeVisible();
  await expect(page.getByText("The file could not be imported; nothing was written.")).toBeVisible();
  await expect(page.getByRole("cell", { name: "Missing required columns: category, region_code" })).toBeVisible();
}
