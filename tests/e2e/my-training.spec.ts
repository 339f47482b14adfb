import { expect, test, type Page } from "@playwright/test";
import { createAccount, createApplication, createJob, createTraining, openWorkspaceLink, signInAs, signOut, type Locale } from "./helpers";

const text = {
  "zh-CN": {
    enrol: "立即报名",
    joinWaitlist: "名额已满，加入候补",
    myTraining: "我的培训",
    enrolled: "已报名",
    waitlist1: "候补第 1 位",
    empty: "您还没有报名培训。",
    roster: (title: string) => `「${title}」的报名名单`,
    applied: (status: string) => `已申请 · ${status}`,
    interview: "面试",
  },
  en: {
    enrol: "Enrol now",
    joinWaitlist: "Full: join the waitlist",
    myTraining: "My training",
    enrolled: "Enrolled",
    waitlist1: "Waitlist, position 1",
    empty: "You have not enrolled on any course yet.",
    roster: (title: string) => `Enrolments for “${title}”`,
    applied: (status: string) => `Applied · ${status}`,
    interview: "Interview",
  },
};

async function enrolOn(page: Page, slotId: string, label: string) {
  await page.goto(`/training/${slotId}`);
  await page.getByRole("button", { name: label }).click();
  // Wait for the answer before leaving the page (the post must not be cut off by the next navigation).
  await expect(page.getByText(/报名成功|进入候补名单|You are enrolled!|you are on the waitlist at position/).first()).toBeVisible();
}

for (const locale of ["zh-CN", "en"] as const satisfies readonly Locale[]) {
  const l = text[locale];
  test.describe(`${locale}: who is on which course`, () => {
    test.use({ locale, extraHTTPHeaders: { "Accept-Language": locale === "en" ? "en" : "zh-CN,zh;q=0.9" } });

    test("veterans see their own training; the provider sees who enrolled and who waits", async ({ page, request }) => {
      const stamp = Date.now().toString().slice(-6);
      const provider = await createAccount(request, { role: "employer", locale, organization: { kind: "training_provider", name: `港城职业培训学校 ${stamp}` } });
      const course = await createTraining(request, { organizationId: provider.organizationId!, title: `叉车操作证 ${stamp}`, capacity: 1 });
      const first = await createAccount(request, { role: "veteran", locale, profile: { fullName: `蒋先到 ${stamp}` } });
      const second = await createAccount(request, { role: "veteran", locale, profile: { fullName: `沈后到 ${stamp}` } });

      await signInAs(page, first, locale);
      await openWorkspaceLink(page, l.myTraining);
      await expect(page.getByRole("heading", { level: 1, name: l.myTraining })).toBeVisible();
      await expect(page.getByText(l.empty)).toBeVisible();
      await enrolOn(page, course.id, l.enrol);
      await page.goto("/my-training");
      const mine = page.getByRole("listitem").filter({ has: page.getByRole("link", { name: course.title }) });
      await expect(mine.getByText(l.enrolled, { exact: true })).toBeVisible();
      await signOut(page);

      await signInAs(page, second, locale);
      await enrolOn(page, course.id, l.joinWaitlist);
      await page.goto("/my-training");
      await expect(page.getByRole("listitem").filter({ hasText: course.title }).getByText(l.waitlist1)).toBeVisible();
      await signOut(page);

      await signInAs(page, provider, locale);
      await page.goto("/employer/training");
      await page.getByRole("link", { name: l.roster(course.title) }).click();
      await expect(page.getByRole("heading", { level: 1, name: l.roster(course.title) })).toBeVisible();
      const rows = page.getByRole("row");
      await expect(rows.filter({ hasText: `蒋先到 ${stamp}` }).getByText(l.enrolled, { exact: true })).toBeVisible();
      await expect(rows.filter({ hasText: `沈后到 ${stamp}` }).getByText(l.waitlist1)).toBeVisible();
    });

    test("jobs already applied for are marked in search results, linked to the application", async ({ page, request }) => {
      const stamp = Date.now().toString().slice(-6);
      const employer = await createAccount(request, { role: "employer", organization: {} });
      const applied = await createJob(request, { organizationId: employer.organizationId!, title: `危化品运输驾驶员 ${stamp}`, skills: ["驾驶"] });
      const other = await createJob(request, { organizationId: employer.organizationId!, title: `危化品押运员 ${stamp}`, skills: ["驾驶"] });
      const veteran = await createAccount(request, { role: "veteran", locale, profile: { fullName: `韩已投 ${stamp}`, skills: ["驾驶"] } });
      await createApplication(request, { jobPostingId: applied.id, veteranProfileId: veteran.profileId!, status: "interview" });
      await signInAs(page, veteran, locale);
      await expect(async () => {
        await page.goto(`/jobs?q=${encodeURIComponent(stamp)}`);
        await expect(page.getByRole("link", { name: other.title, exact: true })).toBeVisible({ timeout: 1000 });
      }).toPass({ timeout: 30_000, intervals: [500, 1000, 2000] });
      const appliedCard = page.getByRole("listitem").filter({ has: page.getByRole("link", { name: applied.title, exact: true }) });
      const otherCard = page.getByRole("listitem").filter({ has: page.getByRole("link", { name: other.title, exact: true }) });
      await expect(appliedCard.getByRole("link", { name: new RegExp(l.interview) }).filter({ hasText: l.applied(l.interview) })).toBeVisible();
      await expect(otherCard.getByText(l.applied(l.interview))).toHaveCount(0);
      await appliedCard.getByText(l.applied(l.interview)).click();
      await expect(page).toHaveURL(/\/applications\/[0-9a-f-]{36}$/);

    });
  });
}
