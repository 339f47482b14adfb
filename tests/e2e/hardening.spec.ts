import http from "node:http";
import { expect, test } from "@playwright/test";
import { csrfToken, DEMO_PASSWORD, signIn, signUpVeteran, uniqueEmail } from "./helpers";

test.describe("hardening (issue 7)", () => {
  test("a signed-in veteran's pages and their _data are private, no-store", async ({ page }) => {
    const email = uniqueEmail("nostore");
    await signUpVeteran(page, { name: "缓存测试", email });
    await signIn(page, email, { locale: "zh-CN" });
    for (const url of ["/profile", "/profile?_data=routes%2Fprofile", "/dashboard", "/dashboard?_data=root"]) {
      const response = await page.request.get(url);
      expect(response.status(), url).toBeLessThan(400);
      expect(response.headers()["cache-control"], url).toBe("private, no-store");
    }
  });

  test("sign-in does not send the browser to another site (tab-smuggled redirect)", async ({ page }) => {
    const email = uniqueEmail("redirect");
    await signUpVeteran(page, { name: "跳转测试", email });
    await page.goto("/signin?redirectTo=%2F%09%2Fevil.example");
    await page.getByLabel("电子邮箱").fill(email);
    await page.getByLabel(/^密码$/).fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "登录" }).click();
    await expect(page).toHaveURL(/\/dashboard$/);
    expect(new URL(page.url()).host).toBe(new URL(test.info().project.use.baseURL!).host);
  });

  test("the language switch does not redirect to another site", async ({ page }) => {
    await page.goto("/");
    const response = await page.request.post("/set-locale", {
      headers: { Origin: new URL(page.url()).origin },
      form: { csrf: await csrfToken(page), locale: "en", redirectTo: "/\t/evil.example" },
      maxRedirects: 0,
    });
    expect(response.status()).toBe(302);
    expect(response.headers()["location"]).toBe("/");
  });

  test("a chunked body with no Content-Length is refused with 413 once past the limit", async () => {
    const base = new URL(test.info().project.use.baseURL!);
    const status = await new Promise<number>((resolve, reject) => {
      let answered = false;
      const req = http.request(
        { host: base.hostname, port: base.port, method: "POST", path: "/signin", headers: { "Content-Type": "application/x-www-form-urlencoded" } },
        (res) => {
          answered = true;
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on("error", (error) => (answered ? undefined : reject(error)));
      const chunk = Buffer.alloc(64 * 1024, "a");
      let sent = 0;
      const pump = () => {
        while (!answered && sent < 200 * 1024 * 1024) {
          sent += chunk.length;
          if (!req.write(chunk)) return void req.once("drain", pump);
        }
        if (!answered) req.end();
      };
      pump();
    });
    expect(status).toBe(413);
  });
});
