import { expect, test, type Locator } from "@playwright/test";
import type { APIRequestContext } from "@playwright/test";
import { createAccount, readLatestMail, signInAs } from "./helpers";

/** A veteran of its own with a driver's file (name 陈志强, phone 13800000001), as the demo veteran had. */
function newVeteran(request: APIRequestContext, locale: "zh-CN" | "en" = "zh-CN") {
  return createAccount(request, {
    role: "veteran",
    locale,
    displayName: "陈志强",
    profile: { fullName: "陈志强", phone: "13800000001", skills: ["A2驾照", "物流"], desiredRoles: ["货车司机"], visibility: "verified_employers" },
  });
}

/** Start from nothing but the name: untick every skill and desired role the file already holds. */
async function untickAll(group: Locator) {
  const boxes = group.getByRole("checkbox");
  for (let i = 0; i < (await boxes.count()); i++) await boxes.nth(i).uncheck();
}

test.describe("zh-CN: a veteran builds a profile from a specialty alone", () => {
  test.use({ locale: "zh-CN", extraHTTPHeaders: { "Accept-Language": "zh-CN,zh;q=0.9" } });

  test("types 汽车驾驶员, accepts the suggested skills as they appear, saves", async ({ page, request }) => {
    await signInAs(page, await newVeteran(request), "zh-CN");
    await page.goto("/profile");
    await expect(page.getByRole("heading", { level: 1, name: "我的档案" })).toBeVisible();
    await untickAll(page.getByRole("group", { name: "我的技能" }));
    await untickAll(page.getByRole("group", { name: "意向岗位" }));

    const specialty = page.getByLabel("军事专业（兵种）");
    await specialty.fill("");
    await specialty.pressSequentially("汽车驾驶员", { delay: 20 });
    // As-you-type suggestions through /resources/specialty.
    await expect(page.getByText("匹配专业：汽车驾驶员")).toBeVisible();
    await page.getByRole("button", { name: "采用“汽车驾驶员”" }).click();
    const skills = page.getByRole("group", { name: "我的技能" });
    await expect(skills.getByRole("checkbox", { name: /^驾驶/ })).toBeChecked();
    await expect(skills.getByRole("checkbox", { name: /^重型货车驾驶/ })).toBeChecked();
    await expect(page.getByRole("group", { name: "意向岗位" }).getByRole("checkbox", { name: /^货车司机/ })).toBeChecked();

    await page.getByRole("button", { name: "保存档案" }).click();
    await expect(page.getByText("档案已保存")).toBeVisible();
    await expect(page.getByText(/档案完整度 \d+%/)).toBeVisible();
    const saved = page.getByRole("group", { name: "我的技能" });
    await expect(saved.getByRole("checkbox", { name: /^驾驶/ })).toBeChecked();
    await expect(saved.getByRole("checkbox", { name: /^物流/ })).toBeChecked();
    await expect(page.getByRole("group", { name: "意向岗位" }).getByRole("checkbox", { name: /^货车司机/ })).toBeChecked();
  });

  test("a bad national ID is explained next to the field, in Chinese", async ({ page, request }) => {
    await signInAs(page, await newVeteran(request), "zh-CN");
    await page.goto("/profile");
    await page.getByLabel("身份证号（选填）").fill("320582199001011239");
    await page.getByRole("button", { name: "保存档案" }).click();
    await expect(page.getByText("身份证号校验位不正确，请核对")).toBeVisible();
  });
});

test.describe("zh-CN: data rights", () => {
  test.use({ locale: "zh-CN", extraHTTPHeaders: { "Accept-Language": "zh-CN,zh;q=0.9" } });

  test("exports the file as JSON, and account deletion asks for the password", async ({ page, request }) => {
    const veteran = await newVeteran(request);
    await signInAs(page, veteran, "zh-CN");
    const response = await page.request.get("/profile/export");
    expect(response.status()).toBe(200);
    expect(response.headers()["content-disposition"]).toMatch(/attachment; filename="rongye-data-\d{4}-\d{2}-\d{2}\.json"/);
    const data = await response.json();
    expect(data.account.email).toBe(veteran.email);
    expect(data.profile.fullName).toBe("陈志强");
    expect(data.profile).not.toHaveProperty("nationalIdEncrypted");

    await page.goto("/profile/delete");
    await expect(page.getByRole("heading", { level: 1, name: "注销账户" })).toBeVisible();
    await page.getByRole("button", { name: "永久注销" }).click();
    await expect(page.getByText("请确认您了解注销后数据无法恢复")).toBeVisible();
    await page.getByLabel("请输入密码确认").fill("wrong-password-1");
    await page.getByLabel("我了解注销后数据无法恢复").check();
    await page.getByRole("button", { name: "永久注销" }).click();
    await expect(page.getByText("邮箱或密码不正确")).toBeVisible();
    await page.goto("/profile");
    await expect(page.getByRole("heading", { level: 1, name: "我的档案" })).toBeVisible();
  });
});

test.describe("en, without JavaScript: the suggest button re-renders the form with suggestions", () => {
  test.use({ locale: "en-GB", extraHTTPHeaders: { "Accept-Language": "en-GB,en;q=0.9" }, javaScriptEnabled: false });

  test("types 汽车驾驶员, presses Suggest skills, keeps the ticked suggestions, saves", async ({ page, request }) => {
    await signInAs(page, await newVeteran(request, "en"), "en");
    await page.goto("/profile");
    await expect(page.getByRole("heading", { level: 1, name: "My profile" })).toBeVisible();
    await untickAll(page.getByRole("group", { name: "My skills" }));
    await untickAll(page.getByRole("group", { name: "Desired roles" }));
    await page.getByLabel("Military specialty").fill("汽车驾驶员");
    await page.getByRole("button", { name: "Suggest skills" }).click();

    await expect(page.getByText("Matched specialty: Motor vehicle driver")).toBeVisible();
    const skills = page.getByRole("group", { name: "My skills" });
    await expect(skills.getByRole("checkbox", { name: /^Driving/ })).toBeChecked();
    await expect(skills.getByRole("checkbox", { name: /^Heavy truck driving/ })).toBeChecked();
    await expect(page.getByRole("group", { name: "Desired roles" }).getByRole("checkbox", { name: /^Truck driver/ })).toBeChecked();
    await expect(page.getByLabel("Military specialty")).toHaveValue("汽车驾驶员");

    await page.getByRole("button", { name: "Save profile" }).click();
    await expect(page.getByText("Profile saved")).toBeVisible();
    await expect(page.getByRole("group", { name: "My skills" }).getByRole("checkbox", { name: /^Driving/ })).toBeChecked();
    await expect(page.getByRole("group", { name: "Desired roles" }).getByRole("checkbox", { name: /^Truck driver/ })).toBeChecked();
  });
});

test.describe("zh-CN: assisted mode and contact privacy", () => {
  test.use({ locale: "zh-CN", extraHTTPHeaders: { "Accept-Language": "zh-CN,zh;q=0.9" } });

  test("staff open and create files; an employer asks for contact details; the veteran accepts", async ({ browser, request }) => {
    const veteranAccount = await newVeteran(request);
    // An employer of its own: the demo employer's organisation may already see this veteran's contact details
    // (the veteran applies to its jobs in another spec), so a new organisation asks, verified by staff here.
    const organization = `张家港远航冷链运输有限公司 ${Date.now().toString().slice(-6)}`;
    const employerAccount = await createAccount(request, { role: "employer", displayName: "孙立新", organization: { name: organization, verificationStatus: "pending" } });
    const employer = await (await browser.newContext()).newPage();

    const staff = await (await browser.newContext()).newPage();
    await signInAs(staff, await createAccount(request, { role: "staff" }), "zh-CN");
    await staff.goto("/staff/organizations");
    await staff.getByRole("article", { name: organization }).getByRole("button", { name: "通过认证" }).click();
    await expect(staff.getByText(`“${organization}”已通过认证，0 个等待中的岗位已发布。`)).toBeVisible();

    await staff.goto(`/staff/veterans/${veteranAccount.profileId}`);
    await expect(staff.getByRole("heading", { name: "档案：陈志强" })).toBeVisible();
    await expect(staff.getByText("您对本档案的每次查看都会记入审计日志。")).toBeVisible();
    const profileId = staff.url().split("/staff/veterans/")[1].split("?")[0];

    await staff.goto("/staff/veterans/new");
    await staff.getByLabel("姓名").fill("赵大勇");
    await staff.getByLabel("军事专业（兵种）").fill("炊事员");
    await staff.getByRole("button", { name: "保存档案" }).click();
    await expect(staff.getByText("请确认退役军人本人已同意代为办理")).toBeVisible();
    await staff.getByLabel(/退役军人本人已同意由服务站工作人员代为填写/).check();
    await staff.getByRole("button", { name: "保存档案" }).click();
    await expect(staff.getByText("档案已建立")).toBeVisible();
    await expect(staff.getByRole("heading", { name: "档案：赵大勇" })).toBeVisible();
    await expect(staff.getByText(/代办授权 · 代为建档 · v2026-01/)).toBeVisible();

    // The veteran's account in Chinese before the request is sent, so its mail is in Chinese.
    const veteran = await (await browser.newContext()).newPage();
    await signInAs(veteran, veteranAccount, "zh-CN");

    await signInAs(employer, employerAccount, "zh-CN");
    await employer.goto(`/employer/candidates/${profileId}`);
    await expect(employer.getByRole("heading", { name: "候选人 陈**" })).toBeVisible();
    await expect(employer.getByText("志强")).toHaveCount(0);
    await expect(employer.getByText("联系方式在候选人投递贵单位岗位或同意联系请求后显示。")).toBeVisible();
    await employer.getByLabel("留言（选填）").fill("我们车队在招牵引车司机");
    await employer.getByRole("button", { name: "请求联系方式" }).click();
    await expect(employer.getByText("已发送联系请求，等待候选人答复。")).toBeVisible();

    const mail = await readLatestMail(veteran, veteranAccount.email, /希望获取您的联系方式/);
    expect(mail).toContain("我们车队在招牵引车司机");
    await veteran.goto("/contact-requests");
    await expect(veteran.getByRole("heading", { name: `来自 ${organization}` })).toBeVisible();
    await veteran.getByRole("button", { name: `同意 · ${organization}` }).click();
    await expect(veteran.getByText("已同意，对方现在可以看到您的联系方式。")).toBeVisible();

    await employer.reload();
    await expect(employer.getByText("候选人已同意联系请求")).toBeVisible();
    await expect(employer.getByText("13800000001")).toBeVisible();
  });
});
