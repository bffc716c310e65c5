import { expect, type Page } from "@playwright/test";

/** Pastes a report's text on /upload and waits for its preview; returns the upload row. */
export async function pasteReport(page: Page, text: string) {
  await page.goto("/upload");
  await page.getByLabel("或粘贴报告全文").fill(text);
  await page.getByRole("button", { name: "读取粘贴的文字" }).click();
  const row = page.getByTestId("upload-row").first();
  await expect(row).toHaveAttribute("data-status", "ready", { timeout: 30_000 });
  return row;
}
