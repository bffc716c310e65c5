// Filtered downloads (issue 14): the directory's, a region page's and the coverage page's 下载 CSV
// carry the page's filters and give /data.csv's columns for those reports alone; ?headers=zh gives
// the codebook's Chinese labels as the header line.
import { test, expect, type APIRequestContext } from "@playwright/test";
import { LIAOCHENG } from "./helpers/charts";

async function csv(request: APIRequestContext, href: string) {
  const res = await request.get(href);
  expect(res.status(), href).toBe(200);
  expect(res.headers()["content-type"]).toContain("text/csv");
  const body = await res.body();
  expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const lines = body.subarray(3).toString("utf8").trim().split("\r\n");
  const header = lines[0].split(",");
  return { header, rows: lines.slice(1).map((l) => l.split(",")), col: (n: string) => header.indexOf(n) };
}

test("the directory's 下载 CSV carries its filters and holds only those reports", async ({ page, request }) => {
  const all = await csv(request, "/data.csv");
  await page.goto(`/agencies?r=371500&from=2020&to=2022&q=${encodeURIComponent("机关 聊城")}`);
  const href = await page.getByTestId("csv-download-keys").getAttribute("href");
  expect(href).toMatch(/^\/data\.csv\?/);
  const q = new URL(href!, "http://x").searchParams;
  expect([q.get("r"), q.get("from"), q.get("to"), q.get("q")]).toEqual(["371500", "2020", "2022", "机关 聊城"]);
  const some = await csv(request, href!);
  expect(some.header).toEqual(all.header);
  expect(some.rows.map((r) => [r[some.col("agency")], r[some.col("year")]]).sort()).toEqual([
    [LIAOCHENG, "2020"],
    [LIAOCHENG, "2021"],
    [LIAOCHENG, "2022"],
  ]);
  expect(all.rows.length).toBeGreaterThan(some.rows.length);
});

test("region and coverage pages link the CSV of what they show; headers=zh gives the codebook's labels", async ({ page, request }) => {
  await page.goto("/regions/370000?from=2023");
  const regionHref = await page.getByTestId("csv-download-keys").getAttribute("href");
  const region = await csv(request, regionHref!);
  expect(region.rows.length).toBeGreaterThan(0);
  for (const r of region.rows) {
    expect(r[region.col("region_code")]).toMatch(/^37/);
    expect(r[region.col("year")]).toBe("2023");
  }

  await page.goto("/coverage?y=2023");
  const covHref = await page.getByTestId("csv-download-keys").getAttribute("href");
  expect(covHref).toContain("y=2023");
  const cov = await csv(request, covHref!);
  expect(new Set(cov.rows.map((r) => r[cov.col("year")]))).toEqual(new Set(["2023"]));

  // Chinese headers: the codebook's label_zh of each column, in the same order; same rows.
  const zhHref = await page.getByTestId("csv-download-zh").getAttribute("href");
  expect(zhHref).toContain("headers=zh");
  const zh = await csv(request, zhHref!);
  const book = (await (await request.get("/data/codebook.csv")).text()).replace(/^\uFEFF/, "").trim().split("\r\n").slice(1);
  expect(zh.header).toEqual(book.map((l) => l.split(",")[1]));
  expect(zh.header[0]).toBe("机关名称");
  expect(zh.rows).toEqual(cov.rows);

  await page.goto("/data");
  await expect(page.getByTestId("download-data-zh")).toHaveAttribute("href", "/data.csv?headers=zh");
});
