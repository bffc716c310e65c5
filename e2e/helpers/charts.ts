// Small helpers the chart specs share: an agency's id from the directory, a chart's data table.
import fs from "node:fs";
import path from "node:path";
import { expect, type Page } from "@playwright/test";

export const LIAOCHENG = "聊城市机关事务管理局";
export const JINYUN = "缙云县人民政府办公室";

/** The hand-checked Liaocheng goldens (2019–2023): table-3 totals by row. */
export const liaochengGoldens: Array<{ year: number; table3: Record<string, number[] | null> }> = JSON.parse(
  fs.readFileSync(path.join(process.cwd(), "tests", "fixtures", "seeds", "expected", "001_6174489a5f7162cb.json"), "utf8"),
).reports;

export async function agencyIdOf(page: Page, name: string): Promise<number> {
  await page.goto(`/agencies?q=${encodeURIComponent(name)}`);
  const href = await page.getByTestId("agency-list").getByRole("link", { name, exact: true }).getAttribute("href");
  return Number(href!.split("/").pop());
}

/** Opens a chart's data table (hidden by default) and returns it. */
export async function openChartTable(page: Page, id: string) {
  const table = page.getByTestId(`table-${id}`);
  const toggle = page.getByTestId(`toggle-table-${id}`);
  if ((await toggle.count()) && (await toggle.getAttribute("aria-expanded")) !== "true") await toggle.click();
  await expect(table).toBeVisible();
  return table;
}
