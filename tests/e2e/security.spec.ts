import { expect, test } from "@playwright/test";
import { createAccount, signInAs } from "./helpers";

test.describe("security at the edge", () => {
  test("pages carry CSP with frame-ancestors, nosniff and no framework banner", async ({ request }) => {
    const response = await request.get("/");
    const headers = response.headers();
    expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
    expect(headers["content-security-policy"]).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+'/);
    expect(headers["x-content-type-options"]).toBe("nosniff");
    expect(headers["x-powered-by"]).toBeUndefined();
  });

  test("a form post from another site is refused", async ({ request }) => {
    const response = await request.post("/signin", {
      headers: { Origin: "https://evil.example", "Content-Type": "application/x-www-form-urlencoded" },
      data: "email=a%40b.c&password=x",
    });
    expect(response.status()).toBe(403);
    expect(await response.text()).toContain("Cross-site request refused");
  });

  test("a post without the CSRF token gets a clear 403 in the visitor's language", async ({ page }) => {
    await page.setExtraHTTPHeaders({ "Accept-Language": "zh-CN" });
    await page.goto("/signin");
    await page.evaluate(() => document.querySelector<HTMLInputElement>('form#signin input[name="csrf"]')?.remove());
    // Submit without client-side JavaScript handling, as a plain browser would.
    await page.evaluate(() => {
      const form = document.querySelector<HTMLFormElement>("form#signin")!;
      (form.querySelector('input[name="email"]') as HTMLInputElement).value = "nobody@example.com";
      (form.querySelector('input[name="password"]') as HTMLInputElement).value = "Not-the-password-1";
      HTMLFormElement.prototype.submit.call(form);
    });
    await expect(page.getByText("表单已过期或来源不明，请刷新页面后重试")).toBeVisible();
  });

  test("an oversized body gets 413 with a message", async ({ request }) => {
    const response = await request.post("/signin", {
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      data: "x=" + "a".repeat(7 * 1024 * 1024),
    });
    expect(response.status()).toBe(413);
    expect(await response.text()).toContain("Request body too large");
  });

  test("signing out is not possible with a GET", async ({ page, request }) => {
    await signInAs(page, await createAccount(request, { role: "veteran" }), "zh-CN");
    await page.goto("/signout");
    await page.goto("/dashboard");
    await expect(page).toHaveURL(/\/dashboard/);
  });
});

test("a forged X-Forwarded-For does not get around the sign-in rate limit", async ({ page }) => {
  await page.goto("/signin");
  const token = await page.locator('form#signin input[name="csrf"]').inputValue();
  const email = `ratelimit-${Date.now()}@example.com`;
  let last = 0;
  for (let i = 0; i < 11; i++) {
    const response = await page.request.post("/signin", {
      headers: { "X-Forwarded-For": `203.0.113.${i + 1}`, Origin: new URL(page.url()).origin },
      form: { csrf: token, email, password: "wrong-password-1" },
      maxRedirects: 0,
    });
    last = response.status();
  }
  expect(last).toBe(429);
});
