import { expect, test, type Page } from "@playwright/test";
import { createAccount, openWorkspaceLink, signInAs, type Locale } from "./helpers";

/** How far the page scrolls sideways (0 when nothing is wider than the screen). */
async function sidewaysOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

/** The header's items all sit on one line: every direct child of the header row has the same vertical middle. */
async function headerRows(page: Page): Promise<number> {
  return page.locator(".header-row").evaluate((row) => {
    const middles = new Set<number>();
    for (const child of Array.from(row.children)) {
      const box = child.getBoundingClientRect();
      if (box.width === 0 || getComputedStyle(child).display === "none") continue;
      middles.add(Math.round((box.top + box.bottom) / 2 / 8));
    }
    return middles.size;
  });
}

const LONG_NAME = "欧阳振华（张家港市杨舍镇退役军人服务站）";

for (const locale of ["zh-CN", "en"] as const satisfies readonly Locale[]) {
  const accept = locale === "en" ? "en" : "zh-CN,zh;q=0.9";
  const workspace = locale === "en" ? "My workspace" : "我的工作台";

  test.describe(`${locale}, 1440 px: the header is one row`, () => {
    test.use({ locale, viewport: { width: 1440, height: 900 }, extraHTTPHeaders: { "Accept-Language": accept } });

    test("for the role with the most pages, with a long name; headings keep their distance", async ({ page, request }) => {
      const admin = await createAccount(request, { role: "admin", locale, displayName: LONG_NAME });
      await signInAs(page, admin, locale);
      for (const path of ["/dashboard", "/jobs", "/staff/outcomes", "/admin/users"]) {
        await page.goto(path);
        expect(await headerRows(page), path).toBe(1);
        const header = (await page.locator(".site-header").boundingBox())!;
        expect(header.height, path).toBeLessThan(72);
        const heading = (await page.getByRole("heading", { level: 1 }).first().boundingBox())!;
        expect(heading.y - (header.y + header.height), path).toBeGreaterThanOrEqual(16);
      }
    });

    test("the workspace menu lists the role's pages, opens from the keyboard and closes with Escape", async ({ page, request }) => {
      const employer = await createAccount(request, { role: "employer", locale, organization: {} });
      await signInAs(page, employer, locale);
      const nav = page.getByRole("navigation", { name: locale === "en" ? "Main navigation" : "主导航" });
      const jobsLink = nav.getByRole("link", { name: locale === "en" ? "Job postings" : "岗位管理" });
      await expect(jobsLink).toBeHidden();
      const summary = nav.getByText(workspace, { exact: true });
      await summary.focus();
      await page.keyboard.press("Enter");
      await expect(jobsLink).toBeVisible();
      await expect(nav.getByRole("link", { name: locale === "en" ? "Candidates" : "人才搜索" })).toBeVisible();
      await page.keyboard.press("Escape");
      await expect(jobsLink).toBeHidden();
      // Following a link closes the menu on the new page.
      await openWorkspaceLink(page, locale === "en" ? "Job postings" : "岗位管理");
      await expect(page).toHaveURL(/\/employer\/jobs$/);
      await expect(jobsLink).toBeHidden();
    });

    test("the development mailbox is not in the navigation; the footer names it as development only", async ({ page, request }) => {
      const veteran = await createAccount(request, { role: "veteran", locale });
      await signInAs(page, veteran, locale);
      await page.goto("/jobs");
      await expect(page.getByRole("banner").getByRole("link", { name: /邮箱|mailbox/i })).toHaveCount(0);
      const footerLink = page.getByRole("contentinfo").getByRole("link", { name: locale === "en" ? "Dev mailbox (development only)" : "开发邮箱（仅开发环境可见）" });
      await expect(footerLink).toBeVisible();
    });
  });

  test.describe(`${locale}, 390 px: nothing is wider than the phone`, () => {
    test.use({ locale, viewport: { width: 390, height: 844 }, extraHTTPHeaders: { "Accept-Language": accept } });

    test("staff and admin pages with a long name; the menu button holds every section", async ({ page, request }) => {
      const staff = await createAccount(request, { role: "admin", locale, displayName: LONG_NAME });
      await signInAs(page, staff, locale);
      for (const path of ["/dashboard", "/staff/outcomes", "/staff/outcomes?from=2020-01-01&region=320000", "/staff/veterans", "/staff/postings", "/admin/users", "/jobs", "/training", "/fairs", "/parks"]) {
        await page.goto(path);
        expect(await sidewaysOverflow(page), path).toBeLessThanOrEqual(1);
      }
      await page.getByText(locale === "en" ? "Menu" : "菜单", { exact: true }).click();
      const menu = page.getByRole("navigation", { name: locale === "en" ? "Main navigation" : "主导航" });
      await expect(menu.getByRole("link", { name: locale === "en" ? "Outcomes" : "工作成效" })).toBeVisible();
      expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(1);
      await menu.getByRole("link", { name: locale === "en" ? "Veteran files" : "退役军人档案" }).click();
      await expect(page).toHaveURL(/\/staff\/veterans$/);
      await expect(menu.getByRole("link", { name: locale === "en" ? "Outcomes" : "工作成效" })).toBeHidden();
    });
  });
}
