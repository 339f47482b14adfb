import { expect, type Page } from "@playwright/test";

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
