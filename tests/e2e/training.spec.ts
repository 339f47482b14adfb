import { expect, test, type Page } from "@playwright/test";
import { createAccount, createTraining, readLatestMail, signInAs, pickRegion } from "./helpers";

/** The seats line of a course page, "剩余 12 / 共 30 个": [left, capacity]. */
async function seatsLeft(page: Page): Promise<[number, number]> {
  const text = (await page.getByTestId("seats-left").textContent()) ?? "";
  const match = text.match(/^剩余 (\d+) \/ 共 (\d+) 个$/);
  if (!match) throw new Error(`unexpected seats text: ${text}`);
  return [Number(match[1]), Number(match[2])];
}

test.describe("zh-CN: a veteran enrols in a course and cancels", () => {
  test.use({ locale: "zh-CN", extraHTTPHeaders: { "Accept-Language": "zh-CN,zh;q=0.9" } });

  test("enrol, see the seat taken and the mail, then cancel and get the seat back", async ({ page, request }) => {
    const stamp = Date.now().toString().slice(-6);
    const provider = await createAccount(request, { role: "employer", organization: {} });
    const course = await createTraining(request, {
      organizationId: provider.organizationId!,
      title: `叉车司机（N1）上岗证培训班 ${stamp}`,
      capacity: 30,
      feeFen: 180_000,
      subsidyFen: 180_000,
    });
    const COURSE = course.title;
    const veteran = await createAccount(request, { role: "veteran", profile: { skills: ["叉车"] } });
    await signInAs(page, veteran, "zh-CN");
    await page.goto(`/training/${course.id}`);
    await expect(page.getByRole("heading", { level: 1, name: COURSE })).toBeVisible();
    // 30 seats, fee fully subsidised
    await expect(page.getByTestId("seats-left")).toHaveText(/^剩余 \d+ \/ 共 30 个$/);
    const [left, capacity] = await seatsLeft(page);
    expect(left).toBeGreaterThan(0);
    await expect(page.getByText("退役军人免费（全额补贴）").first()).toBeVisible();

    await page.getByRole("button", { name: "立即报名" }).click();
    await expect(page.getByText("报名成功！名额已为您保留，确认邮件已发送。")).toBeVisible();
    await expect(page.getByTestId("seats-left")).toHaveText(`剩余 ${left - 1} / 共 ${capacity} 个`);
    await expect(page.getByText("您已报名本课程，名额已为您保留。")).toBeVisible();

    const mail = await readLatestMail(page, veteran.email, /报名成功/);
    expect(mail).toContain(COURSE);
    await page.goBack();
    await page.goBack();

    await page.getByRole("button", { name: "取消报名" }).click();
    await expect(page.getByText("已取消报名。")).toBeVisible();
    await expect(page.getByTestId("seats-left")).toHaveText(`剩余 ${left} / 共 ${capacity} 个`);
    await expect(page.getByRole("button", { name: "立即报名" })).toBeVisible();
  });
});

test.describe("en: an employer posts a training course", () => {
  test.use({ locale: "en-US", extraHTTPHeaders: { "Accept-Language": "en-US,en;q=0.9" } });

  test("create a slot with a validation round-trip, then see it listed and on its public page", async ({ page, request }) => {
    await signInAs(page, await createAccount(request, { role: "employer", locale: "en", organization: {} }), "en");
    await page.goto("/employer/training");
    await expect(page.getByRole("heading", { level: 1, name: "Training courses" })).toBeVisible();
    await page.getByRole("link", { name: "Post a course" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Post a training course" })).toBeVisible();

    const title = `Forklift refresher ${Date.now()}`;
    await page.getByLabel("Course title", { exact: true }).fill(title);
    await page.getByLabel("About the course", { exact: true }).fill("Two days of practice for N1 licence holders.");
    await pickRegion(page, "江苏省", "苏州市", "张家港市"); // English pages show English names; the helper picks by code
    await page.getByLabel("Place", { exact: true }).fill("Gangcheng training yard");
    await page.getByLabel("Starts", { exact: true }).fill("2030-06-03T09:00");
    await page.getByLabel("Ends", { exact: true }).fill("2030-06-01T17:00");
    await page.getByLabel("Seats", { exact: true }).fill("12");
    await page.getByLabel("Fee (yuan)", { exact: true }).fill("800.505");
    await page.getByLabel("Subsidy for veterans (yuan)", { exact: true }).fill("800");
    await page.getByLabel("Forklift operation", { exact: true }).check();
    await page.getByRole("button", { name: "Post course" }).click();
    await expect(page.getByText("The end must be after the start")).toBeVisible();
    await expect(page.getByText("Enter an amount in yuan with up to 2 decimals, e.g. 1800 or 1800.50")).toBeVisible();

    await page.getByLabel("Ends", { exact: true }).fill("2030-06-04T17:00");
    await page.getByLabel("Fee (yuan)", { exact: true }).fill("800");
    await page.getByRole("button", { name: "Post course" }).click();
    await expect(page.getByText("The course is posted.")).toBeVisible();
    const row = page.getByRole("row").filter({ hasText: title });
    await expect(row).toContainText("0 / 12");

    await row.getByRole("link", { name: "View" }).click();
    await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
    await expect(page.getByTestId("seats-left")).toHaveText("12 of 12 left");
    await expect(page.getByText("Free for veterans (fully subsidised)").first()).toBeVisible();
    await expect(page.getByText("Forklift operation")).toBeVisible();
    await expect(page.getByText("Only veteran accounts can enrol in training.")).toBeVisible();

    // edit: the untouched region picker keeps the region; capacity is checked
    await page.getByRole("link", { name: "Edit course" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Edit training course" })).toBeVisible();
    await expect(page.getByLabel("Course title", { exact: true })).toHaveValue(title);
    await expect(page.getByLabel("Fee (yuan)", { exact: true })).toHaveValue("800");
    await expect(page.getByLabel("Forklift operation", { exact: true })).toBeChecked();
    await page.getByLabel("Seats", { exact: true }).fill("0");
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect(page.getByText("Seats must be a whole number from 1 to 10,000")).toBeVisible();
    await page.getByLabel("Seats", { exact: true }).fill("20");
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect(page.getByText("The course is saved.")).toBeVisible();
    await expect(page.getByRole("row").filter({ hasText: title })).toContainText("0 / 20");
  });
});
