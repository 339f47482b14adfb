// Trusted staff imports (issue 8 item 4) and the unknown terms they bring in (item 1): with the publish checkbox the
// file's organisations are verified and its postings searchable at once; without it they wait for review. A skill
// the taxonomy does not know is listed on /staff/taxonomy/terms, where staff map it to a skill.
import { expect, test, type Page } from "@playwright/test";
import { createAccount, signInAs } from "./helpers";

const HEADER = "external_id,organization,title,description,category,skills,region_code,salary_min,salary_max,job_type,headcount,veteran_preferred";
const HAN_DIGITS = "零一二三四五六七八九";

function unique() {
  const digits = String(Date.now()).slice(-7) + String(Math.floor(Math.random() * 90 + 10));
  return { latin: `QA${digits}`, han: [...digits].map((d) => HAN_DIGITS[Number(d)]).join("") };
}

/** A two-row jobs file of one new organisation, every name unique to this test run. */
function jobsFile(id: { latin: string; han: string }, skill: string) {
  const org = `担保测试物业${id.han}有限公司`;
  const rows = [
    `${id.latin}-1,${org},门岗保安 ${id.latin},负责门岗值守。,安保服务,保安员证；${skill},320582,5000,6500,全职,2,是`,
    `${id.latin}-2,${org},消防控制室值班员 ${id.latin},消防控制室值班。,消防,消防设施操作员,320582,5500,7000,全职,1,是`,
  ];
  return { org, file: { name: `jobs-${id.latin}.csv`, mimeType: "text/csv", buffer: Buffer.from("\uFEFF" + [HEADER, ...rows].join("\r\n") + "\r\n") } };
}

async function importJobs(page: Page, file: { name: string; mimeType: string; buffer: Buffer }, labels: { kind: string; jobs: string; file: string; publish: string; start: string }, publish: boolean) {
  await page.goto("/staff/imports");
  await page.getByLabel(labels.kind).selectOption({ label: labels.jobs });
  await page.getByLabel(labels.file).setInputFiles(file);
  if (publish) await page.getByLabel(labels.publish).check();
  await page.getByRole("button", { name: labels.start }).click();
}

test.describe("zh-CN: a trusted staff import publishes at once", () => {
  test.use({ locale: "zh-CN", extraHTTPHeaders: { "Accept-Language": "zh-CN,zh;q=0.9" } });

  test("the publish checkbox verifies the organisation, the postings are searchable, and the unknown skill is mapped by staff", async ({ page, request }) => {
    test.setTimeout(120_000); // an import, a search wait and a taxonomy version that re-configures the indexes
    await signInAs(page, await createAccount(request, { role: "staff" }), "zh-CN");
    const id = unique();
    const skill = `舞台灯光调${id.han}`;
    const { file } = jobsFile(id, skill);
    await importJobs(page, file, { kind: "导入内容", jobs: "岗位", file: "CSV 文件", publish: "我为文件中的单位担保：认证这些单位并立即发布岗位", start: "开始导入" }, true);
    await expect(page.getByRole("heading", { level: 1, name: "导入结果 · 岗位" })).toBeVisible();
    await expect(page.getByRole("status").filter({ hasText: "已处理 2 / 2 行（100%）" })).toBeVisible();
    // the run is marked as vouched for (the organisation's verification is in the audit log with the run)
    await expect(page.getByRole("definition").filter({ hasText: "担保发布" })).toBeVisible();
    await expect(page.getByText(`技能库中暂无，已按原文保存：${skill}`)).toBeVisible();

    // Published and in the index within the outbox's drain interval.
    await expect(async () => {
      await page.goto(`/jobs?q=${id.latin}`);
      await expect(page.getByRole("link", { name: `门岗保安 ${id.latin}` })).toBeVisible({ timeout: 1000 });
    }).toPass({ timeout: 15_000 });
    await expect(page.getByRole("link", { name: `消防控制室值班员 ${id.latin}` })).toBeVisible();
    // a word none of the shown jobs has is said on the page
    await page.goto(`/jobs?q=${encodeURIComponent(`${id.latin} 挖掘机`)}`);
    await expect(page.getByRole("status").filter({ hasText: "没有岗位同时符合全部搜索词，下列结果未匹配：挖掘机" })).toBeVisible();

    // The unknown skill is listed with its posting; staff map it to an existing skill.
    await page.goto("/staff/taxonomy/terms");
    await expect(page.getByRole("heading", { level: 1, name: "未收录的词" })).toBeVisible();
    const card = page.getByRole("listitem").filter({ has: page.getByRole("heading", { level: 2, name: skill }) });
    await expect(card.getByText(`门岗保安 ${id.latin}`)).toBeVisible();
    // 390 px wide: the list and its forms fit without sideways scrolling
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.setViewportSize({ width: 1280, height: 800 });
    await card.getByLabel("归入已有技能 — 技能").selectOption({ value: "security_monitoring" });
    await card.getByRole("button", { name: "归入" }).click();
    // Saving the version re-configures every search index of the server with the new synonyms: after the rest of
    // the suite has filled them, on a loaded machine, that takes longer than the default 10 s.
    await expect(page.getByRole("status").filter({ hasText: `“${skill}”已归入“安防监控”` })).toBeVisible({ timeout: 45_000 });
    await expect(page.getByRole("heading", { level: 2, name: skill })).toHaveCount(0);
  });
});

test.describe("en: without the checkbox the postings wait for review", () => {
  test.use({ locale: "en-US", extraHTTPHeaders: { "Accept-Language": "en-US,en;q=0.9" } });

  test("an import without vouching stores the postings but keeps them out of search", async ({ page, request }) => {
    await signInAs(page, await createAccount(request, { role: "staff", locale: "en" }), "en");
    const id = unique();
    const { file } = jobsFile(id, "巡逻");
    await importJobs(page, file, { kind: "What to import", jobs: "Jobs", file: "CSV file", publish: "I vouch for the organisations in this file: verify them and publish their jobs at once", start: "Start import" }, false);
    await expect(page.getByRole("heading", { level: 1, name: "Import result · Jobs" })).toBeVisible();
    await expect(page.getByRole("status").filter({ hasText: "2 of 2 rows processed (100%)" })).toBeVisible();
    await expect(page.getByText("2 created", { exact: true })).toBeVisible();
    await expect(page.getByText("Vouched", { exact: true })).toHaveCount(0);
    await page.goto(`/jobs?q=${id.latin}`);
    await expect(page.getByText("No jobs match your search.")).toBeVisible();
  });
});
