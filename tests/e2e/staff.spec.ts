import { expect, test, type Locator } from "@playwright/test";
import { createAccount, openWorkspaceLink, pickRegion, signInAs, signOut } from "./helpers";

/**
 * Put a whole document into a textarea as a paste would. `fill` types ~140 kB of JSON too slowly to finish on a
 * loaded machine; the form reads the textarea's value on submit, so setting it and firing `input` is equivalent.
 */
async function paste(textarea: Locator, text: string) {
  await textarea.evaluate((el, value) => {
    (el as HTMLTextAreaElement).value = value;
    el.dispatchEvent(new Event("input", { bubbles: true }));
  }, text);
}

test.describe("zh-CN: staff verification queue and taxonomy", () => {
  test.use({ locale: "zh-CN", extraHTTPHeaders: { "Accept-Language": "zh-CN,zh;q=0.9" } });

  test("staff verify a pending organisation; its waiting jobs go live and its page shows it verified", async ({ page, request }) => {
    // An organisation of its own, so no other spec can have verified it or given it more jobs.
    const stamp = Date.now().toString().slice(-6);
    const organization = `常熟虞山团餐服务有限公司 ${stamp}`;
    const employer = await createAccount(request, { role: "employer", displayName: "钱晓梅", organization: { name: organization, verificationStatus: "pending" } });
    await signInAs(page, employer, "zh-CN");
    // Jobs posted before verification wait for it.
    for (const title of [`团餐厨师 ${stamp}`, `食堂帮厨 ${stamp}`]) {
      await page.goto("/employer/jobs/new");
      await page.getByLabel("岗位名称").fill(title);
      await page.getByLabel("岗位描述").fill("负责园区食堂团餐制作，部队炊事员优先。");
      await page.getByLabel("岗位类别").selectOption({ label: "餐饮" });
      await page.getByLabel("技能要求").fill("烹饪");
      await pickRegion(page, "江苏省", "苏州市", "张家港市");
      await page.getByLabel("招聘人数").fill("2");
      await page.getByRole("button", { name: "提交发布" }).click();
      await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
      await expect(page.getByText("此岗位当前状态为“待审核”，仅本单位和服务人员可见。")).toBeVisible();
    }
    await signOut(page);

    await signInAs(page, await createAccount(request, { role: "staff" }), "zh-CN");
    await openWorkspaceLink(page, "单位认证");
    await expect(page.getByRole("heading", { level: 1, name: "单位认证" })).toBeVisible();

    const card = page.getByRole("article", { name: organization });
    await expect(card).toBeVisible();
    await expect(card.getByText("待认证", { exact: true })).toBeVisible();

    // Not approving without a reason is refused next to the reason field.
    await card.getByRole("button", { name: "不通过" }).click();
    await expect(card.getByText("请填写不通过的原因")).toBeVisible();

    await card.getByRole("button", { name: "通过认证" }).click();
    await expect(page.getByText(`“${organization}”已通过认证，2 个等待中的岗位已发布。`)).toBeVisible();
    await expect(page.getByRole("article", { name: organization })).toHaveCount(0);

    await page.getByRole("link", { name: "已认证" }).click();
    const verified = page.getByRole("article", { name: organization });
    await expect(verified).toBeVisible();
    await verified.getByRole("button", { name: "授予“退役军人就业创业示范基地”" }).click();
    await expect(page.getByText("已授予标识。")).toBeVisible();

    await page.getByRole("article", { name: organization }).getByRole("link", { name: "查看单位主页" }).click();
    await expect(page.getByRole("heading", { level: 1, name: organization })).toBeVisible();
    await expect(page.getByText("已认证", { exact: true })).toBeVisible();
    await expect(page.getByText("退役军人就业创业示范基地")).toBeVisible();
    const jobs = page.getByRole("region", { name: "在招岗位" }).getByRole("listitem");
    await expect(jobs).toHaveCount(2);
    await expect(jobs.first().getByRole("link")).toHaveAttribute("href", /^\/jobs\/[0-9a-f-]{36}$/);
  });

  test("staff add a synonym to the skills taxonomy and a new version is active", async ({ page, request }) => {
    test.slow(); // the whole taxonomy (~140 kB of JSON) goes through the textarea twice
    await signInAs(page, await createAccount(request, { role: "staff" }), "zh-CN");
    await page.goto("/staff/taxonomy");
    await expect(page.getByRole("heading", { level: 1, name: "技能对照表" })).toBeVisible();
    const active = page.getByText(/^当前版本：/);
    const before = (await active.textContent()) ?? "";

    // Broken JSON is refused and nothing changes.
    await page.getByLabel("对照表 JSON").fill("{ not json");
    await page.getByRole("button", { name: "校验并保存新版本" }).click();
    await expect(page.getByText("内容不是有效的 JSON 对象")).toBeVisible();
    await expect(active).toHaveText(before);

    const synonym = page.getByRole("region", { name: "添加同义词" });
    await synonym.getByLabel("条目").selectOption({ index: 1 });
    await synonym.getByLabel("同义词").fill("开大车的老兵");
    await synonym.getByRole("button", { name: "添加并保存新版本" }).click();
    await expect(page.getByText(/^已保存并启用版本 \d{4}\.\d{2}-\d+。$/)).toBeVisible();
    await expect(active).not.toHaveText(before);
    await expect(page.getByRole("table").getByText("使用中")).toHaveCount(1);
    const afterSynonym = (await active.textContent()) ?? "";

    // The whole document: a reference to an unknown skill is reported by path and not saved.
    const textarea = page.getByLabel("对照表 JSON");
    const doc = JSON.parse(await textarea.inputValue()) as { specialties: { skills: string[] }[]; skills: { synonyms: { en: string[] } }[] };
    expect(JSON.stringify(doc)).toContain("开大车的老兵");
    const broken = structuredClone(doc);
    broken.specialties[0].skills = ["no_such_skill"];
    await paste(textarea, JSON.stringify(broken, null, 2));
    await page.getByRole("button", { name: "校验并保存新版本" }).click();
    await expect(page.getByText("对照表有错误，未保存，当前版本保持不变")).toBeVisible();
    await expect(page.getByText("未定义的技能“no_such_skill”")).toBeVisible();
    await expect(active).toHaveText(afterSynonym);

    doc.skills[0].synonyms.en.push("big rig veteran");
    await paste(textarea, JSON.stringify(doc, null, 2));
    await page.getByRole("button", { name: "校验并保存新版本" }).click();
    await expect(page.getByText(/^已保存并启用版本 \d{4}\.\d{2}-\d+。$/)).toBeVisible();
    await expect(active).not.toHaveText(afterSynonym);
    await expect(page.getByLabel("对照表 JSON")).toHaveValue(/big rig veteran/);
  });
});

test.describe("en: rejecting with a reason", () => {
  test.use({ locale: "en-GB", extraHTTPHeaders: { "Accept-Language": "en-GB,en;q=0.9" } });

  test("staff reject a pending organisation with a reason, which shows in the not-approved list", async ({ page, request }) => {
    const organization = `吴江盛泽供应链管理有限公司 ${Date.now().toString().slice(-6)}`;
    await createAccount(request, { role: "employer", organization: { name: organization, verificationStatus: "pending" } });
    await signInAs(page, await createAccount(request, { role: "staff", locale: "en" }), "en");
    await page.goto("/staff/organizations");
    await expect(page.getByRole("heading", { level: 1, name: "Organisation verification" })).toBeVisible();

    const card = page.getByRole("article", { name: organization });
    await card.getByRole("button", { name: "Do not approve" }).click();
    await expect(card.getByText("Please give the reason it is not approved")).toBeVisible();
    await card.getByLabel("Reason for not approving").fill("The business licence uploaded has expired; please provide a current one.");
    await card.getByRole("button", { name: "Do not approve" }).click();
    await expect(page.getByText(`“${organization}” is marked not approved; the organisation has been told why.`)).toBeVisible();

    await page.getByRole("link", { name: "Not approved" }).click();
    const rejected = page.getByRole("article", { name: organization });
    await expect(rejected.getByText("The business licence uploaded has expired; please provide a current one.")).toBeVisible();
    await expect(rejected.getByRole("button", { name: "Verify" })).toBeVisible();
  });
});

test.describe("employer: organisation profile", () => {
  test.use({ locale: "zh-CN", extraHTTPHeaders: { "Accept-Language": "zh-CN,zh;q=0.9" } });

  test("an employer edits its organisation's profile and sees it on the public page", async ({ page, request }) => {
    const organization = `张家港港城智运物流有限公司 ${Date.now().toString().slice(-6)}`;
    await signInAs(page, await createAccount(request, { role: "employer", organization: { name: organization } }), "zh-CN");
    await openWorkspaceLink(page, "单位信息");
    await expect(page.getByRole("heading", { level: 1, name: "单位信息" })).toBeVisible();
    await expect(page.getByLabel("单位名称")).toHaveValue(organization);
    await expect(page.getByText("已认证单位修改名称后需要重新认证。")).toBeVisible();

    await page.getByLabel("网站").fill("not a url");
    await page.getByRole("button", { name: "保存单位信息" }).click();
    await expect(page.getByText("请输入以 http:// 或 https:// 开头的网址")).toBeVisible();

    await page.getByLabel("网站").fill("https://example.com/gangcheng");
    await page.getByLabel("单位简介").fill("港口集装箱短驳、保税仓储和城市配送。欢迎驾驶、汽修专业的退役军人加入。");
    await page.getByLabel("单位类型").selectOption({ label: "用人单位" });
    await page.getByRole("button", { name: "保存单位信息" }).click();
    await expect(page.getByText("单位信息已保存。")).toBeVisible();

    await page.getByRole("link", { name: "查看单位主页" }).click();
    await expect(page.getByRole("heading", { level: 1, name: organization })).toBeVisible();
    await expect(page.getByText("欢迎驾驶、汽修专业的退役军人加入。", { exact: false })).toBeVisible();
    await expect(page.getByRole("link", { name: "https://example.com/gangcheng" })).toBeVisible();
    await expect(page.getByText("已认证", { exact: true })).toBeVisible();
    await expect(page.getByRole("link", { name: "编辑单位信息" })).toBeVisible();

    // Another organisation's page offers no editing to this employer.
    await page.goto("/staff/organizations");
    await expect(page.getByRole("heading", { name: "没有权限" })).toBeVisible();
  });
});
