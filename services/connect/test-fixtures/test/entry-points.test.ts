// What each entry point loads: fast-check is an optional peer dependency, needed only by the
// `./arbitraries` entry point, so that users of the fake, the mock handler or the examples need
// not install it.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";

// The package builds as CommonJS, so its tests resolve from __filename.
const require = createRequire(__filename);
const packageJsonPath = require.resolve("@connect-sdk/test-fixtures-connect/package.json");
const packageDir = dirname(packageJsonPath);
const manifest = JSON.parse(readFileSync(packageJsonPath, "utf8"));

/** The modules under node_modules/fast-check that loading `specifier` loads, in a fresh Node process (CommonJS and ESM). */
function fastCheckModulesLoadedBy(specifier: string): { cjs: number; esm: number } {
  const cjs = `require(${JSON.stringify(specifier)}); console.log(Object.keys(require.cache).filter((f) => f.includes("fast-check")).length);`;
  // ESM has no module cache to inspect: a resolve hook counts what is imported.
  const esm = [
    `import { registerHooks } from "node:module";`,
    `let n = 0;`,
    `registerHooks({ resolve(s, c, next) { const r = next(s, c); if (r.url.includes("fast-check")) n++; return r; } });`,
    `await import(${JSON.stringify(specifier)});`,
    `console.log(n);`,
  ].join("\n");
  const run = (args: string[]) => Number(execFileSync(process.execPath, args, { cwd: packageDir, encoding: "utf8" }).trim());
  const canHook = typeof (require("node:module") as { registerHooks?: unknown }).registerHooks === "function";
  return { cjs: run(["-e", cjs]), esm: canHook ? run(["--input-type=module", "-e", esm]) : esmImportsOf(specifier) };
}

/** Fallback where node:module has no registerHooks (Node < 22.15): the built ESM file's imports. */
function esmImportsOf(specifier: string): number {
  const entry = specifier.endsWith("/arbitraries") ? "arbitraries.mjs" : "index.mjs";
  return (readFileSync(join(packageDir, "dist", entry), "utf8").match(/from\s+["']fast-check["']/g) ?? []).length;
}

describe("entry points", () => {
  it("the main entry point does not load fast-check", () => {
    expect(fastCheckModulesLoadedBy("@connect-sdk/test-fixtures-connect")).toEqual({ cjs: 0, esm: 0 });
  }, 300_000);

  it("the ./arbitraries entry point does, and exports the model's arbitraries and their building blocks", () => {
    const loaded = fastCheckModulesLoadedBy("@connect-sdk/test-fixtures-connect/arbitraries");
    expect(loaded.cjs).toBeGreaterThan(0);
    expect(loaded.esm).toBeGreaterThan(0);
    const arbitraries = require("@connect-sdk/test-fixtures-connect/arbitraries");
    expect(typeof arbitraries.arbitraries.StartAttachedFileUploadRequest).toBe("function");
    expect(typeof arbitraries.patternString).toBe("function");
    expect(require("@connect-sdk/test-fixtures-connect").arbitraries).toBeUndefined();
  }, 300_000);

  it("declares fast-check an optional peer dependency", () => {
    expect(manifest.peerDependencies["fast-check"]).toBeDefined();
    expect(manifest.peerDependenciesMeta?.["fast-check"]).toEqual({ optional: true });
    expect(Object.keys(manifest.exports)).toContain("./arbitraries");
  });

  it("its bin is a committed launcher that runs dist/bin.js", () => {
    const launcher = manifest.bin["connect-fake"];
    expect(launcher).toBe("./bin/connect-fake.js");
    expect(manifest.files).toContain("bin");
    expect(readFileSync(join(packageDir, launcher), "utf8")).toMatch(/^#!\/usr\/bin\/env node\n[\s\S]*"dist", "bin\.js"/);
  });
});
