import { expect, test, type Page } from "@playwright/test";
import { createAccount, createJob, createTraining, signInAs } from "./helpers";

const results = (page: Page) => page.getByRole("list", { name: /找工作|Find jobs/ });
/** The result cards (not the skill lists inside them). */
const cardsOf = (list: ReturnType<typeof results>) => list.locator(":scope > li");

test.describe("zh-CN: job search", () => {
  test.use({ locale: "zh-CN", extraHTTPHeaders: { "Accept-Language": "zh-CN,zh;q=0.9" } });

  test("search 司机, narrow to 苏州市, keep the state in the URL, and go back", async ({ page }) => {
    await page.goto("/jobs");
    await expect(page.getByRole("heading", { level: 1, name: "找工作" })).toBeVisible();
    await page.getByLabel("搜索岗位").fill("司机");
    await page.getByRole("button", { name: "搜索" }).click();
    await expect(page).toHaveURL(/\/jobs\?q=%E5%8F%B8%E6%9C%BA$/);
    await expect(results(page).getByRole("link", { name: "集装箱牵引车司机（A2）" }).first()).toBeVisible();
    // the query word is highlighted in the titles
    await expect(results(page).locator("mark", { hasText: "司机" }).first()).toBeVisible();
    const allCount = await cardsOf(results(page)).count();

    // region tree: province → city → county, with counts
    await page.getByRole("link", { name: /^苏州市/ }).click();
    await expect(page).toHaveURL(/[?&]region=320500/);
    await expect(page).toHaveURL(/[?&]q=%E5%8F%B8%E6%9C%BA/);
    await expect(page.getByRole("list", { name: "当前条件" }).getByRole("link", { name: "去掉条件：苏州市" })).toBeVisible();
    const cards = cardsOf(results(page));
    const suzhouCount = await cards.count();
    expect(suzhouCount).toBeGreaterThan(0);
    expect(suzhouCount).toBeLessThanOrEqual(allCount);
    for (const text of await cards.allTextContents()) expect(text).toContain("苏州市");

    // a facet change searches at once (JavaScript) and adds a history entry
    await page.getByRole("radio", { name: /全职/ }).check();
    await expect(page).toHaveURL(/[?&]job_type=full_time/);
    await expect(page).toHaveURL(/[?&]region=320500/);

    await page.goBack();
    await expect(page).not.toHaveURL(/job_type=/);
    await expect(page).toHaveURL(/[?&]region=320500/);
    await expect(page.getByRole("radio", { name: /^不限/ }).nth(1)).toBeChecked();

    await page.goBack();
    await expect(page).toHaveURL(/\/jobs\?q=%E5%8F%B8%E6%9C%BA$/);
    await expect(page.getByLabel("搜索岗位")).toHaveValue("司机");
    await expect(cardsOf(results(page))).toHaveCount(allCount);

    // the shared URL reproduces the search
    await page.goto("/jobs?q=%E5%8F%B8%E6%9C%BA&region=320500");
    await expect(cardsOf(results(page))).toHaveCount(suzhouCount);

    // a result card opens the job's page
    const href = await results(page).getByRole("link", { name: "集装箱牵引车司机（A2）" }).first().getAttribute("href");
    expect(href).toMatch(/^\/jobs\/[0-9a-f-]{36}$/);
  });

  test("pages through all jobs and shows suggestions when nothing matches", async ({ page }) => {
    await page.goto("/jobs");
    await expect(page.getByRole("status").filter({ hasText: /共找到 \d+ 个岗位/ })).toBeVisible();
    await expect(cardsOf(results(page))).toHaveCount(20);
    await page.getByRole("link", { name: "下一页" }).click();
    await expect(page).toHaveURL(/[?&]page=2/);
    await expect(page.getByText(/第 2 \/ \d+ 页/)).toBeVisible();

    await page.goto("/jobs?q=%E5%8F%B8%E6%9C%BA&job_type=internship");
    await expect(page.getByText("没有找到符合条件的岗位。")).toBeVisible();
    await page.getByRole("link", { name: /去掉 实习（\d+ 个结果）/ }).click();
    await expect(page).not.toHaveURL(/job_type/);
    await expect(results(page).getByRole("link", { name: "集装箱牵引车司机（A2）" }).first()).toBeVisible();
  });

  test("training slots are searchable the same way", async ({ page, request }) => {
    // Its own two courses under one made-up word, one in 苏州 (张家港) and one in 嵊州 (绍兴): what other tests
    // created, and the order results come in, do not matter.
    const word = `xunlian${Date.now().toString(36)}`;
    const provider = await createAccount(request, { role: "employer", organization: { kind: "training_provider" } });
    const suzhou = await createTraining(request, { organizationId: provider.organizationId!, title: `叉车培训 ${word} 张家港`, regionCode: "320582" });
    const shengzhou = await createTraining(request, { organizationId: provider.organizationId!, title: `电工培训 ${word} 嵊州`, regionCode: "330683" });
    const list = page.getByRole("list", { name: "技能培训" });
    // the search outbox drains in the background
    await expect(async () => {
      await page.goto(`/training?q=${word}`);
      await expect(cardsOf(list)).toHaveCount(2, { timeout: 1000 });
    }).toPass({ timeout: 30_000, intervals: [500, 1000, 2000] });
    await expect(page.getByRole("heading", { level: 1, name: "技能培训" })).toBeVisible();
    await expect(list.getByRole("link", { name: suzhou.title })).toBeVisible();
    await expect(list.getByRole("link", { name: shengzhou.title })).toBeVisible();
    // the region tree narrows to 苏州市 and keeps the search word
    await page.getByRole("link", { name: /^苏州市/ }).click();
    await expect(page).toHaveURL(/[?&]region=320500/);
    await expect(page).toHaveURL(new RegExp(`[?&]q=${word}`));
    await expect(cardsOf(list)).toHaveCount(1);
    await expect(list.getByRole("link", { name: suzhou.title })).toBeVisible();
    await expect(cardsOf(list).first()).toContainText("苏州市");
  });

  test("a veteran saves the current search, turns alerts off and deletes it", async ({ page, request }) => {
    await signInAs(page, await createAccount(request, { role: "veteran" }), "zh-CN");
    await page.goto("/jobs?q=%E5%8F%B8%E6%9C%BA&region=320500");
    const name = `苏州司机 ${Date.now()}`;
    await page.getByLabel("名称").fill(name);
    await page.getByRole("button", { name: "保存并订阅提醒" }).click();
    await expect(page).toHaveURL(/\/saved-searches\?created=/);
    await expect(page.getByText(`搜索“${name}”已保存，每日提醒已开启。`)).toBeVisible();
    const item = page.getByRole("listitem").filter({ has: page.getByRole("heading", { name }) });
    await expect(item.getByText("每日提醒已开启")).toBeVisible();
    await item.getByRole("button", { name: "关闭提醒" }).click();
    await expect(item.getByText("每日提醒已关闭")).toBeVisible();
    // the saved search runs the same URL
    await item.getByRole("link", { name: "查看结果" }).click();
    await expect(page).toHaveURL(/\/jobs\?q=%E5%8F%B8%E6%9C%BA&region=320500$/);
    await page.goto("/saved-searches");
    await page
      .getByRole("listitem")
      .filter({ has: page.getByRole("heading", { name }) })
      .getByRole("button", { name: "删除" })
      .click();
    await expect(page.getByText("搜索已删除。")).toBeVisible();
    await expect(page.getByRole("heading", { name })).toHaveCount(0);
  });
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false, locale: "zh-CN", extraHTTPHeaders: { "Accept-Language": "zh-CN,zh;q=0.9" } });

  test("the plain GET form searches and filters", async ({ page, request }) => {
    // Its own posting under a made-up word: what other tests created, and the order results come in, do not matter.
    const word = `wujiaoben${Date.now().toString(36)}`;
    const employer = await createAccount(request, { role: "employer", organization: {} });
    const job = await createJob(request, { organizationId: employer.organizationId!, title: `集装箱牵引车司机 ${word}` });
    // the search outbox drains in the background
    await expect(async () => {
      await page.goto(`/jobs?q=${word}`);
      await expect(results(page).getByRole("link", { name: job.title })).toBeVisible({ timeout: 1000 });
    }).toPass({ timeout: 30_000 });
    await page.goto("/jobs");
    await page.getByLabel("搜索岗位").fill(word);
    await page.getByRole("button", { name: "搜索" }).click();
    await expect(page).toHaveURL(new RegExp(`[?&]q=${word}`));
    await expect(results(page).getByRole("link", { name: job.title })).toBeVisible();
    await page.getByRole("radio", { name: /8,000 元以上/ }).check();
    await page.getByRole("button", { name: "应用筛选" }).click();
    await expect(page).toHaveURL(/[?&]salary_min=8000/);
    await expect(page.getByRole("list", { name: "当前条件" }).getByRole("link", { name: /月薪 8,000 元以上/ })).toBeVisible();
  });
});

test.describe("en: job search", () => {
  test.use({ locale: "en-GB", extraHTTPHeaders: { "Accept-Language": "en-GB,en;q=0.9" } });

  test("search “driver” finds the driving jobs through synonyms", async ({ page }) => {
    await page.goto("/jobs");
    await expect(page.getByRole("heading", { level: 1, name: "Find jobs" })).toBeVisible();
    await page.getByLabel("Search jobs").fill("driver");
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(/\/jobs\?q=driver$/);
    await expect(page.getByRole("status").filter({ hasText: /\d+ jobs found/ })).toBeVisible();
    await expect(results(page).getByRole("link", { name: "集装箱牵引车司机（A2）" }).first()).toBeVisible();
    await expect(page.getByRole("group", { name: "Region" })).toBeVisible();
  });

  test("the public API answers JSON with CORS", async ({ request }) => {
    const res = await request.get("/api/jobs?q=driver&region=3205");
    expect(res.status()).toBe(200);
    expect(res.headers()["access-control-allow-origin"]).toBe("*");
    const body = await res.json();
    expect(body.total).toBeGreaterThan(0);
    expect(body.hits[0]).toEqual(
      expect.objectContaining({ id: expect.any(String), title: expect.any(String), url: expect.stringMatching(/\/jobs\/[0-9a-f-]{36}$/) }),
    );
    for (const hit of body.hits) expect(hit.region_code.startsWith("3205")).toBe(true);
    const bad = await request.get("/api/jobs?page=0");
    expect(bad.status()).toBe(400);
    expect((await bad.json()).message).toContain("page");
  });
});
