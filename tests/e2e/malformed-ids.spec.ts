import { expect, test } from "@playwright/test";
import { csrfToken, signIn, signUpEmployer, signUpVeteran, uniqueEmail } from "./helpers";

// A malformed id in a URL is "not found" (404), never a database error (500); a malformed Origin header is refused
// like a foreign one (403). Each test makes its own accounts.

const MALFORMED = ["xyz", "abc", "-".repeat(36), "00000000-0000-0000-0000-00000000000g"];

test("anonymous pages answer 404 for malformed ids", async ({ request }) => {
  const pages = [
    ["/training/", "routes/training_.$id"],
    ["/jobs/", "routes/jobs_.$id"],
    ["/orgs/", "routes/orgs.$id"],
  ];
  for (const id of MALFORMED) {
    for (const [prefix, routeId] of pages) {
      const response = await request.get(prefix + id);
      expect(response.status(), prefix + id).toBe(404);
      // the client-side navigation's data request too
      const data = await request.get(`${prefix}${id}?_data=${encodeURIComponent(routeId)}`);
      expect(data.status(), `${prefix}${id} (data)`).toBe(404);
    }
  }
});

test("a veteran gets 404 for a malformed job to apply to and a malformed slot to enrol in", async ({ page }) => {
  const email = uniqueEmail("ids-veteran");
  await signUpVeteran(page, { name: "周立", email });
  await signIn(page, email, { locale: "zh-CN" });
  for (const id of MALFORMED) {
    const apply = await page.request.get(`/jobs/${id}/apply`);
    expect(apply.status(), `/jobs/${id}/apply`).toBe(404);
  }
  await page.goto("/training");
  const csrf = await csrfToken(page);
  for (const id of MALFORMED) {
    const enrol = await page.request.post(`/training/${id}`, { form: { csrf, intent: "enrol" } });
    expect(enrol.status(), `POST /training/${id}`).toBe(404);
  }
  await page.goto("/training/xyz");
  await expect(page.getByRole("heading", { name: "页面不存在" })).toBeVisible();
});

test("an employer gets 404 for a malformed training slot, job or application to edit", async ({ page }) => {
  const email = uniqueEmail("ids-employer");
  await signUpEmployer(page, { name: "吴敏", email, organization: `编号测试公司${Date.now()}` });
  await signIn(page, email, { locale: "zh-CN" });
  for (const id of MALFORMED) {
    for (const path of [`/employer/training/${id}/edit`, `/employer/jobs/${id}/edit`, `/employer/applications/${id}`, `/employer/jobs/${id}/applications`, `/employer/candidates/${id}`]) {
      const response = await page.request.get(path);
      expect(response.status(), path).toBe(404);
    }
  }
});

test("a malformed Origin header is refused with 403, not a 500", async ({ request }) => {
  for (const origin of ["not a url", "http://[", "://", "http://exa mple.com"]) {
    const response = await request.post("/signin", {
      headers: { Origin: origin, "Content-Type": "application/x-www-form-urlencoded" },
      data: "email=a%40b.c&password=x",
    });
    expect(response.status(), origin).toBe(403);
  }
});
