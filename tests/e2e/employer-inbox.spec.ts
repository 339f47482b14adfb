import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { createAccount, createApplication, createJob, signInAs, signOut, type Locale } from "./helpers";

/** An employer with two jobs: one new application, one waiting 20 days and one at interview on the first job. */
async function employerWithApplications(request: APIRequestContext, locale: Locale) {
  const stamp = `${Date.now().toString().slice(-6)}${Math.floor(Math.random() * 100)}`;
  const employer = await createAccount(request, { role: "employer", locale, organization: { name: `港城冷链物流 ${stamp}` } });
  const driver = await createJob(request, { organizationId: employer.organizationId!, title: `冷链配送司机 ${stamp}` });
  const quiet = await createJob(request, { organizationId: employer.organizationId!, title: `仓库夜班保安 ${stamp}` });
  const applicant = async (name: string) => (await createAccount(request, { role: "veteran", profile: { fullName: name } })).profileId!;
  const fresh = await createApplication(request, { jobPostingId: driver.id, veteranProfileId: await applicant(`周新投 ${stamp}`) });
  const overdue = await createApplication(request, { jobPostingId: driver.id, veteranProfileId: await applicant(`吴久等 ${stamp}`), daysAgo: 20 });
  await createApplication(request, { jobPostingId: driver.id, veteranProfileId: await applicant(`郑面试 ${stamp}`), status: "interview", daysAgo: 5 });
  return { employer, driver, quiet, fresh, overdue, stamp };
}

async function overflow(page: Page) {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

const text = {
  "zh-CN": {
    fresh: "新收到的申请",
    overdue: "超过 14 天未回复",
    total: "3 份申请",
    waiting: "2 份待处理",
    none: "暂无申请",
    interview: "面试 1",
    pipeline: (title: string) => `「${title}」的申请`,
  },
  en: {
    fresh: "New applications",
    overdue: "Waiting more than 14 days",
    total: "3 applications",
    waiting: "2 to answer",
    none: "No applications yet",
    interview: "Interview 1",
    pipeline: (title: string) => `Applications for “${title}”`,
  },
};

for (const locale of ["zh-CN", "en"] as const) {
  const l = text[locale];
  test.describe(`${locale}: an employer finds its applications in the app`, () => {
    test.use({ locale, extraHTTPHeaders: { "Accept-Language": locale === "en" ? "en" : "zh-CN,zh;q=0.9" } });

    test("the dashboard lists new and overdue applications; each job row counts them and links to its pipeline", async ({ page, request }) => {
      const w = await employerWithApplications(request, locale);
      await signInAs(page, w.employer, locale);
      await page.goto("/dashboard");
      const fresh = page.getByRole("region", { name: new RegExp(`^${l.fresh}`) });
      const overdue = page.getByRole("region", { name: new RegExp(`^${l.overdue}`) });
      await expect(fresh.getByRole("link", { name: `周新投 ${w.stamp} · ${w.driver.title}` })).toBeVisible();
      await expect(fresh.getByRole("link")).toHaveCount(1);
      await expect(overdue.getByRole("link", { name: `吴久等 ${w.stamp} · ${w.driver.title}` })).toBeVisible();
      await expect(overdue.getByRole("link")).toHaveCount(1);
      await overdue.getByRole("link", { name: `吴久等 ${w.stamp} · ${w.driver.title}` }).click();
      await expect(page).toHaveURL(new RegExp(`/employer/applications/${w.overdue.id}$`));

      await page.goto("/employer/jobs");
      const row = page.getByRole("row").filter({ hasText: w.driver.title });
      await expect(row.getByText(l.waiting)).toBeVisible();
      await expect(row.getByRole("list").getByText(l.interview)).toBeVisible();
      await expect(page.getByRole("row").filter({ hasText: w.quiet.title }).getByText(l.none)).toBeVisible();
      await row.getByRole("link", { name: new RegExp(`${l.total}$`) }).click();
      await expect(page.getByRole("heading", { level: 1, name: l.pipeline(w.driver.title) })).toBeVisible();
    });
  });

  test.describe(`${locale}, 390 px: lists are cards on a phone`, () => {
    test.use({ locale, viewport: { width: 390, height: 844 }, extraHTTPHeaders: { "Accept-Language": locale === "en" ? "en" : "zh-CN,zh;q=0.9" } });

    test("the employer's job list: each job a card with its actions on screen", async ({ page, request }) => {
      const w = await employerWithApplications(request, locale);
      await signInAs(page, w.employer, locale);
      await page.goto("/employer/jobs");
      expect(await overflow(page)).toBeLessThanOrEqual(1);
      const card = page.locator("tr").filter({ hasText: w.driver.title });
      const box = (await card.boundingBox())!;
      expect(box.width).toBeLessThanOrEqual(390);
      // Chinese titles are not broken one character per line: the title cell is as wide as the card.
      const title = (await card.locator("td").first().boundingBox())!;
      expect(title.width).toBeGreaterThan(box.width * 0.8);
      for (const button of await card.getByRole("button").all()) {
        const b = (await button.boundingBox())!;
        expect(b.x + b.width).toBeLessThanOrEqual(390);
      }
    });

    test("the veteran's applications and the staff's veteran files are cards too", async ({ page, request }) => {
      const w = await employerWithApplications(request, locale);
      const veteran = await createAccount(request, { role: "veteran", locale, profile: { fullName: `冯卡片 ${w.stamp}` } });
      await createApplication(request, { jobPostingId: w.quiet.id, veteranProfileId: veteran.profileId! });
      await signInAs(page, veteran, locale);
      await page.goto("/applications");
      expect(await overflow(page)).toBeLessThanOrEqual(1);
      const card = page.locator("tr").filter({ hasText: w.quiet.title });
      const title = (await card.locator("td").first().boundingBox())!;
      expect(title.width).toBeGreaterThan(300);

      const staff = await createAccount(request, { role: "staff", locale });
      await signOut(page);
      await signInAs(page, staff, locale);
      await page.goto(`/staff/veterans?q=${encodeURIComponent(`冯卡片 ${w.stamp}`)}`);
      expect(await overflow(page)).toBeLessThanOrEqual(1);
      const row = page.locator("tr").filter({ hasText: `冯卡片 ${w.stamp}` });
      expect(((await row.locator("td").first().boundingBox())!).width).toBeGreaterThan(300);
    });
  });
}
