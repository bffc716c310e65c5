// Upload → chart (issue 20, goal 4): in a real Chromium on the running production server, a
// report file is dropped on /upload and previewed; the clock starts when 保存 is pressed and stops
// when the agency page's applications chart is drawn (its SVG has a mark), the saved notice's link
// followed as a user would. Each run uploads a report not stored yet (a fresh line at its end).
import fs from "node:fs";
import path from "node:path";
import { chromium } from "@playwright/test";
import type { Measure } from "./types";

const RUNS = 5;
const GOAL_MS = 2_000;
const SAMPLE = path.join(process.cwd(), "prisma", "samples", "003_21c4dbd6a9801aef.txt");
const AGENCY = "缙云县人民政府办公室";

export async function uploadToChart(base: string, reports: number, log: (l: string) => void): Promise<Measure[]> {
  const executablePath = process.env.CHROMIUM_PATH ?? (fs.existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined);
  const browser = await chromium.launch({ executablePath, args: executablePath ? ["--no-sandbox", "--disable-gpu"] : [] });
  const ms: number[] = [];
  try {
    const text = fs.readFileSync(SAMPLE, "utf8").replaceAll(AGENCY, "缙云县交通运输局");
    for (let i = 0; i < RUNS; i++) {
      const page = await browser.newPage({ locale: "zh-CN" });
      await page.goto(`${base}/upload`);
      const name = `bench-${Date.now()}-${i}.txt`;
      await page.getByTestId("file-input").setInputFiles({ name, mimeType: "text/plain", buffer: Buffer.from(`${text}\n（基准测试 ${new Date().toISOString()} #${i}）\n`) });
      const row = page.getByTestId("upload-row").filter({ hasText: name });
      await row.and(page.locator('[data-status="ready"]')).waitFor({ timeout: 120_000 });
      const t = performance.now();
      await row.getByRole("button", { name: "保存" }).click();
      await page.getByTestId("saved-notice").getByRole("link").first().click({ timeout: 60_000 });
      await page.locator('[data-testid="chart-applications"] svg.recharts-surface path').first().waitFor({ timeout: 60_000 });
      ms.push(performance.now() - t);
      log(`upload → chart: ${ms.at(-1)!.toFixed(0)} ms`);
      await page.close();
    }
  } finally {
    await browser.close();
  }
  ms.sort((a, b) => a - b);
  const note = `Chromium, pressing 保存 to the agency chart drawn, ${RUNS} uploads of a one-report text file, ${reports.toLocaleString("en-US")} reports stored`;
  return [
    { section: "http", measure: "upload → chart drawn, median", value: ms[Math.floor(ms.length / 2)], unit: "ms", goal: { op: "<=", value: GOAL_MS }, note },
    { section: "http", measure: "upload → chart drawn, slowest", value: ms.at(-1)!, unit: "ms", note },
  ];
}
