// First-load JS of every page route, gzipped, from the production build. Next 16 no longer prints
// sizes, so it is read from the build's manifests: the scripts every page loads (build-manifest
// rootMainFiles) plus the chunks of the route's own segments (layout, page, error and not-found
// boundaries: entryJSFiles of its client reference manifest) — exactly the <script> tags of the
// served HTML but the nomodule polyfills modern browsers skip. Chunks a page imports lazily
// (next/dynamic, import()) are not in that set, as they are not loaded with the page.
import fs from "node:fs";
import path from "node:path";
import vm from "node:vm";
import zlib from "node:zlib";
import { buildIfStale } from "../build-if-stale";
import type { BenchSection, Measure } from "./types";

const NEXT = ".next";
/** Issue 20: every route's first load within 150 KB gzipped. */
const GOAL_KB = 150;

const readJson = <T>(file: string): T => JSON.parse(fs.readFileSync(path.join(NEXT, file), "utf8")) as T;

/** entryJSFiles of a route's client reference manifest (a script assigning globalThis.__RSC_MANIFEST). */
function entryFiles(route: string): string[] {
  const file = path.join(NEXT, "server", "app", route === "/" ? "" : route, "page_client-reference-manifest.js");
  if (!fs.existsSync(file)) return [];
  type Manifest = { entryJSFiles?: Record<string, string[]> };
  const sandbox = { __RSC_MANIFEST: {} as Record<string, Manifest>, globalThis: {} };
  sandbox.globalThis = sandbox;
  vm.runInNewContext(fs.readFileSync(file, "utf8"), sandbox);
  return Object.values(sandbox.__RSC_MANIFEST).flatMap((m) => Object.values(m.entryJSFiles ?? {}).flat());
}

const gzipSizes = new Map<string, number>();
function gzipKB(file: string): number {
  if (!gzipSizes.has(file)) gzipSizes.set(file, zlib.gzipSync(fs.readFileSync(path.join(NEXT, file))).length / 1024);
  return gzipSizes.get(file)!;
}

export const section: BenchSection = {
  name: "bundle",
  async run(ctx) {
    if (!buildIfStale(ctx.log)) throw new Error("next build failed");
    const main = readJson<{ rootMainFiles: string[] }>("build-manifest.json").rootMainFiles;
    const routes = Object.entries(readJson<Record<string, string>>("app-path-routes-manifest.json"))
      .filter(([entry]) => entry.endsWith("/page") && !entry.startsWith("/_"))
      .map(([, route]) => route)
      .sort();
    const rows: Measure[] = [];
    for (const route of routes) {
      const files = [...new Set([...main, ...entryFiles(route)])];
      const kb = files.reduce((s, f) => s + gzipKB(f), 0);
      const shared = main.reduce((s, f) => s + gzipKB(f), 0);
      // Where the bytes are: the scripts every page shares, and this route's largest own script.
      const own = files.filter((f) => !main.includes(f)).sort((a, b) => gzipKB(b) - gzipKB(a))[0];
      const note = `gzip, ${files.length} scripts; shared by every page ${shared.toFixed(0)} KB${own ? `; largest own ${path.basename(own)} ${gzipKB(own).toFixed(0)} KB` : ""}`;
      rows.push({ section: "bundle", measure: `first-load JS ${route}`, value: kb, unit: "KB", goal: { op: "<=", value: GOAL_KB }, note });
    }
    if (!rows.some((r) => r.measure.endsWith("/agencies/[id]"))) throw new Error("no /agencies/[id] route in the build manifests");
    return rows;
  },
};
