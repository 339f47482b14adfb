import { expect, test, type Page } from "@playwright/test";
import { createAccount, createJob, createTraining, signInAs, type Locale, type TestAccount } from "./helpers";

/**
 * Every link shown to a role works for that role: sign in as each role, open its pages (the navigation, and one
 * level of the pages those link to), collect every same-site link the pages show, and request each as that role.
 * None may answer 4xx/5xx or send a signed-in person to the sign-in page (a page the role cannot use).
 */
const MAX_PAGES = 24;
const SKIP = [/^\/signout/, /^\/set-locale/, /^\/dev\/mailbox\/.+/];

async function linksOn(page: Page): Promise<string[]> {
  return page.$$eval("a[href]", (anchors) =>
    anchors
      .map((a) => new URL((a as HTMLAnchorElement).href, location.href))
      .filter((u) => u.origin === location.origin)
      .map((u) => u.pathname + u.search),
  );
}

async function crawl(page: Page, start: string[]): Promise<{ checked: number; broken: string[] }> {
  const statusOf = new Map<string, string | null>();
  const broken: string[] = [];
  const visited = new Set<string>();
  const queue = [...start];
  while (queue.length && visited.size < MAX_PAGES) {
    const from = queue.shift()!;
    if (visited.has(from)) continue;
    visited.add(from);
    const response = await page.goto(from);
    expect(response?.status(), from).toBeLessThan(400);
    for (const href of await linksOn(page)) {
      if (SKIP.some((r) => r.test(href))) continue;
      if (!statusOf.has(href)) {
        const answer = await page.request.get(href);
        const landed = new URL(answer.url()).pathname;
        const problem = answer.status() >= 400 ? `${answer.status()}` : landed === "/signin" ? "sign-in page" : null;
        statusOf.set(href, problem);
        if (problem) broken.push(`${href} (shown on ${from}): ${problem}`);
        // Pages one step from the navigation are crawled too (a course, a job, an application…), not downloads.
        if (!problem && start.includes(from) && !/\.(csv|pdf|png|docx?)$|\/(cv|export|licence)(\?|$)/.test(href)) queue.push(href);
      }
    }
  }
  return { checked: statusOf.size, broken };
}

type Role = "veteran" | "employer" | "incubator" | "staff" | "admin";

/** A fresh account of the role; a park manager's park also has a course and a job (the dead edit links of old). */
async function accountFor(role: Role, locale: Locale, request: Parameters<typeof createAccount>[0]): Promise<{ account: TestAccount; extra: string[] }> {
  const stamp = Date.now().toString().slice(-6);
  if (role === "incubator") {
    const account = await createAccount(request, { role, locale, organization: { kind: "incubator_park", name: `张家港退役军人创业园 ${stamp}` } });
    const course = await createTraining(request, { organizationId: account.organizationId!, title: `创业培训 ${stamp}` });
    const job = await createJob(request, { organizationId: account.organizationId!, title: `园区运营专员 ${stamp}` });
    return { account, extra: [`/training/${course.id}`, `/jobs/${job.id}`] };
  }
  if (role === "employer") {
    const account = await createAccount(request, { role, locale, organization: { kind: "employer" } });
    const job = await createJob(request, { organizationId: account.organizationId!, title: `仓管员 ${stamp}` });
    return { account, extra: [`/jobs/${job.id}`] };
  }
  if (role === "veteran") return { account: await createAccount(request, { role, locale, profile: {} }), extra: [] };
  return { account: await createAccount(request, { role, locale }), extra: [] };
}

for (const locale of ["zh-CN", "en"] as const satisfies readonly Locale[]) {
  test.describe(`${locale}: every link shown works for the one it is shown to`, () => {
    test.use({ locale, extraHTTPHeaders: { "Accept-Language": locale === "en" ? "en" : "zh-CN,zh;q=0.9" } });

    for (const role of ["veteran", "employer", "incubator", "staff", "admin"] as const) {
      test(role, async ({ page, request }) => {
        test.setTimeout(240_000);
        const { account, extra } = await accountFor(role, locale, request);
        await signInAs(page, account, locale);
        const nav = await page.locator(".desktop-nav a[href], .site-header .header-actions a[href]").evaluateAll((as) =>
          as.map((a) => new URL((a as HTMLAnchorElement).href).pathname),
        );
        const start = [...new Set(["/", "/dashboard", ...extra, ...nav])];
        const { checked, broken } = await crawl(page, start);
        expect(broken).toEqual([]);
        expect(checked).toBeGreaterThan(10);
      });
    }
  });
}
