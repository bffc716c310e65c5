// Context on every chart (unit, source, 数据更新于), the keyboard from the first year, the tap
// readout, tooltips with totals in legend order, the table without JavaScript, and exports that
// carry the source line with nothing cut at the edges.
import fs from "node:fs";
import { test, expect } from "@playwright/test";
import { agencyIdOf, JINYUN, LIAOCHENG } from "./helpers/charts";

test("every agency chart states unit, source and 数据更新于", async ({ page }) => {
  const id = await agencyIdOf(page, LIAOCHENG);
  await page.goto(`/agencies/${id}`);
  for (const chart of ["applications", "outcomes", "refusals", "carry", "review"]) {
    const context = page.getByTestId(`context-${chart}`);
    await expect(context).toContainText("单位：件");
    await expect(context).toContainText(`来源：${LIAOCHENG} 5 份年报`);
    await expect(context).toContainText("数据更新于");
  }
});

test("keyboard: the first → shows the first year; a tap shows a year; the tooltip lists legend order and the total", async ({ page }) => {
  const id = await agencyIdOf(page, LIAOCHENG);
  await page.goto(`/agencies/${id}`);
  const plot = page.getByTestId("plot-outcomes");
  await expect(plot.locator(".recharts-bar-rectangle").first()).toBeVisible({ timeout: 60_000 });
  await plot.focus();
  await page.keyboard.press("ArrowRight");
  const readout = page.getByTestId("readout-outcomes");
  await expect(readout).toContainText("2019 年");
  await expect(readout).toContainText("合计：");
  await page.keyboard.press("ArrowRight");
  await expect(readout).toContainText("2020 年");
  await page.keyboard.press("End");
  await expect(readout).toContainText("2023 年");

  // Hover: the tooltip's series follow the legend's order, then the total.
  const box = (await plot.boundingBox())!;
  await page.mouse.move(box.x + box.width * 0.9, box.y + box.height * 0.5);
  const tip = plot.locator(".recharts-tooltip-wrapper");
  await expect(tip).toContainText("合计：");
  const legend = await page.getByTestId("legend-outcomes").getByRole("button").allTextContents();
  const listed = await tip.locator("li").allTextContents();
  expect(listed.map((t) => t.split("：")[0])).toEqual(legend.filter((l) => listed.some((t) => t.startsWith(l))));
  // A click (a tap on a phone) picks the year under it.
  await page.mouse.click(box.x + box.width * 0.9, box.y + box.height * 0.5);
  await expect(readout).toContainText("2023 年");
});

test("without JavaScript every chart's data table is shown", async ({ browser }) => {
  const ctx = await browser.newContext({ javaScriptEnabled: false, locale: "zh-CN" });
  const page = await ctx.newPage();
  await page.goto(`/agencies?q=${encodeURIComponent(LIAOCHENG)}`);
  const href = await page.getByTestId("agency-list").getByRole("link", { name: LIAOCHENG, exact: true }).getAttribute("href");
  await page.goto(href!);
  for (const chart of ["applications", "outcomes", "review"]) await expect(page.getByTestId(`table-${chart}`)).toBeVisible();
  await ctx.close();
});

test("the compare PNG carries the source line and nothing touches its edges", async ({ page }) => {
  const a = await agencyIdOf(page, LIAOCHENG);
  const b = await agencyIdOf(page, JINYUN);
  await page.goto(`/compare?a=${a},${b}&s=grant_rate`);
  const chart = page.getByTestId("chart-compare");
  // Recharts arrives after the page: on a busy machine that can take a while.
  await expect(chart.locator(".recharts-line").first()).toBeVisible({ timeout: 60_000 });

  const svgDownload = page.waitForEvent("download");
  await page.getByTestId("svg-compare").click();
  const svg = fs.readFileSync((await (await svgDownload).path())!, "utf8");
  expect(svg).toContain("来源：2 个机关");
  expect(svg).toContain("数据更新于");
  expect(svg).toContain("2023");

  const pngDownload = page.waitForEvent("download");
  await page.getByTestId("png-compare").click();
  const png = fs.readFileSync((await (await pngDownload).path())!);
  // Decode in the page and check a band along every edge is plain white: nothing runs off it.
  const edges = await page.evaluate(async (b64) => {
    const img = new Image();
    img.src = `data:image/png;base64,${b64}`;
    await img.decode();
    const c = document.createElement("canvas");
    c.width = img.width;
    c.height = img.height;
    const ctx = c.getContext("2d")!;
    ctx.drawImage(img, 0, 0);
    const band = 12; // 6 px of the image at 2×
    const { data, width, height } = ctx.getImageData(0, 0, c.width, c.height);
    let inked = 0;
    for (let y = 0; y < height; y++)
      for (let x = 0; x < width; x++) {
        if (x >= band && x < width - band && y >= band && y < height - band) continue;
        const i = (y * width + x) * 4;
        if (data[i] < 250 || data[i + 1] < 250 || data[i + 2] < 250) inked++;
      }
    // And something was drawn inside.
    let inside = 0;
    for (let i = 0; i < data.length; i += 4) if (data[i] < 200) inside++;
    // The source and 数据更新于 lines are the image's last text: ink in its bottom tenth.
    let bottom = 0;
    for (let y = Math.floor(height * 0.9); y < height - band; y++)
      for (let x = band; x < width - band; x++) if (data[(y * width + x) * 4] < 160) bottom++;
    return { inked, inside, bottom, width, height };
  }, png.toString("base64"));
  expect(edges.inked).toBe(0);
  expect(edges.inside).toBeGreaterThan(1000);
  expect(edges.bottom).toBeGreaterThan(200);
});
