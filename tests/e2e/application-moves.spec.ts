import { expect, test } from "@playwright/test";
import { createAccount, createApplication, createJob, signInAs, type Locale } from "./helpers";

const text = {
  "zh-CN": {
    note: "附言（申请人可见，可选）",
    interview: "邀请面试",
    offer: "发放录用意向",
    notAFit: "不合适",
    confirmNotAFit: "确认不合适",
    question: /确定这位申请人不合适吗/,
    moved: "状态已更新，申请人会收到邮件通知。",
    history: "处理记录",
    rejected: "未通过",
    withdraw: "撤回申请",
    confirmWithdraw: "确认撤回",
    withdrawn: "申请已撤回。",
  },
  en: {
    note: "Note (the applicant sees it; optional)",
    interview: "Invite to interview",
    offer: "Make an offer",
    notAFit: "Not a fit",
    confirmNotAFit: "Yes, not a fit",
    question: /Mark this applicant as not a fit\?/,
    moved: "Status updated; the applicant has been emailed.",
    history: "History",
    rejected: "Not selected",
    withdraw: "Withdraw application",
    confirmWithdraw: "Yes, withdraw",
    withdrawn: "Your application has been withdrawn.",
  },
};

for (const locale of ["zh-CN", "en"] as const satisfies readonly Locale[]) {
  const l = text[locale];
  test.describe(`${locale}: moving an application`, () => {
    test.use({ locale, extraHTTPHeaders: { "Accept-Language": locale === "en" ? "en" : "zh-CN,zh;q=0.9" } });

    test("the note box is empty after a move, the next move sends no old note, and 'not a fit' asks first", async ({ page, request }) => {
      const employer = await createAccount(request, { role: "employer", locale, organization: {} });
      const job = await createJob(request, { organizationId: employer.organizationId!, title: `港区理货员 ${Date.now()}` });
      const veteran = await createAccount(request, { role: "veteran", profile: { fullName: "褚明远" } });
      const application = await createApplication(request, { jobPostingId: job.id, veteranProfileId: veteran.profileId! });
      await signInAs(page, employer, locale);
      await page.goto(`/employer/applications/${application.id}`);

      const note = "周三上午九点到港区二号门面试，请带退役证。";
      await page.getByLabel(l.note).fill(note);
      await page.getByRole("button", { name: l.interview, exact: true }).click();
      await expect(page.getByText(l.moved)).toBeVisible();
      await expect(page.getByLabel(l.note)).toHaveValue("");
      await page.getByRole("button", { name: l.offer, exact: true }).click();
      await expect(page.getByText(l.moved)).toBeVisible();
      const history = page.getByRole("list", { name: l.history });
      // viewed, interview, offer after "applied": the interview note appears once, not again with the offer.
      await expect(history.getByRole("listitem")).toHaveCount(4);
      await expect(history.getByText(note)).toHaveCount(1);
      // The note is one-time: a reload does not show it again.
      await page.reload();
      await expect(page.getByText(l.moved)).toHaveCount(0);

      // Not a fit: the first click only asks; nothing changes until the confirmation.
      await page.getByText(l.notAFit, { exact: true }).click();
      await expect(page.getByText(l.question)).toBeVisible();
      await expect(history.getByRole("listitem")).toHaveCount(4);
      await page.getByRole("button", { name: l.confirmNotAFit }).click();
      await expect(page.getByText(l.moved)).toBeVisible();
      await expect(history.getByRole("listitem")).toHaveCount(5);
      await expect(page.getByText(l.rejected, { exact: true }).first()).toBeVisible();
    });

    test("a veteran's withdrawal asks first", async ({ page, request }) => {
      const employer = await createAccount(request, { role: "employer", organization: {} });
      const job = await createJob(request, { organizationId: employer.organizationId!, title: `冷库叉车工 ${Date.now()}` });
      const veteran = await createAccount(request, { role: "veteran", locale, profile: { fullName: "卫国平" } });
      const application = await createApplication(request, { jobPostingId: job.id, veteranProfileId: veteran.profileId! });
      await signInAs(page, veteran, locale);
      await page.goto(`/applications/${application.id}`);
      // The disclosure that opens the confirmation (the section's heading has the same words in Chinese).
      await page.locator("summary", { hasText: l.withdraw }).click();
      await expect(page.getByRole("button", { name: l.confirmWithdraw })).toBeVisible();
      await page.getByRole("button", { name: l.confirmWithdraw }).click();
      await expect(page.getByText(l.withdrawn)).toBeVisible();
      await expect(page.locator("summary", { hasText: l.withdraw })).toHaveCount(0);
    });
  });
}
