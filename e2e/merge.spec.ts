import { test, expect } from "@playwright/test";
import { seed003As } from "./helpers/variants";
import { removeAgencies, storeText } from "./helpers/reports";

// Two names of one agency: merged by hand into one page holding both histories, and undone.

test.afterAll(() => removeAgencies(["区司法局", "缙云县司法局"]));

test("merging two agencies gives one page with both histories; the merge can be undone", async ({ page, request }) => {
  test.slow(); // four page loads and two server actions
  const short = await storeText(request, seed003As("区司法局").replaceAll("2023", "2022"));
  const full = await storeText(request, seed003As("缙云县司法局"));
  await page.goto(`/agencies/${full.agencyId}`);
  const tools = page.getByTestId("agency-tools");
  await tools.locator('input[name="merge-search"]').fill("区司法局");
  await tools.getByTestId("merge-candidates").getByRole("button", { name: /^区司法局/ }).click();
  await tools.locator('input[name="merge-reason"]').fill("同一机关的简称");
  await tools.getByRole("button", { name: "并入“区司法局”" }).click();
  await expect(page.getByTestId("agency-tools-message")).toContainText("已把“区司法局”并入本机关");
  const versions = page.getByTestId("table-versions");
  await expect(versions).toContainText("2022 年");
  await expect(versions).toContainText("2023 年");

  await page.goto(`/agencies/${short.agencyId}`);
  await expect(page.getByTestId("merged-notice")).toContainText("缙云县司法局");

  await page.goto(`/agencies/${full.agencyId}`);
  await page.getByTestId("merge-history").getByRole("button", { name: "撤销合并" }).click();
  await expect(page.getByTestId("agency-tools-message")).toContainText("已撤销合并");
  await expect(page.getByTestId("table-versions")).not.toContainText("2022 年");
});
