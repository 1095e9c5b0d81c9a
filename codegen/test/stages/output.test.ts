import { chmodSync, existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { configForModel, generateFromModel } from "../../src/generate.js";
import { loadModelFile } from "../../src/load/load.js";
import { LOCK_FILE, OutputError, checkPackages, writePackages } from "../../src/output/write.js";
import type { GeneratedPackage } from "../../src/writer/package.js";
import { CODEGEN_ROOT, tempDir } from "../helpers.js";

const WEATHER = join(CODEGEN_ROOT, "test/models/weather.json");

function pkg(dir: string, files: Record<string, string>, scaffold: Record<string, string> = {}): GeneratedPackage {
  return {
    kind: "types",
    name: "x",
    dir,
    files: Object.entries(files).map(([path, contents]) => ({ path, contents })),
    owned: ["src/gen", "package.json"],
    scaffold: Object.entries(scaffold).map(([path, contents]) => ({ path, contents })),
  };
}

describe("output: atomic write", () => {
  it("writes owned files, removes stale generated files, keeps hand-written ones and scaffolds once", async () => {
    const root = tempDir();
    const dir = join(root, "packages/types");
    await writePackages([pkg(dir, { "src/gen/a.ts": "a1", "src/gen/old.ts": "old", "package.json": "{}" }, { "src/index.ts": "scaffold" })]);
    writeFileSync(join(dir, "src/index.ts"), "mine");
    mkdirSync(join(dir, "src/extra"), { recursive: true });
    writeFileSync(join(dir, "src/extra/hand.ts"), "hand");
    await writePackages([pkg(dir, { "src/gen/a.ts": "a2", "package.json": "{}" }, { "src/index.ts": "scaffold" })]);
    expect(readFileSync(join(dir, "src/gen/a.ts"), "utf8")).toBe("a2");
    expect(existsSync(join(dir, "src/gen/old.ts"))).toBe(false);
    expect(readFileSync(join(dir, "src/index.ts"), "utf8")).toBe("mine");
    expect(readFileSync(join(dir, "src/extra/hand.ts"), "utf8")).toBe("hand");
    expect(readdirSync(join(root, "packages")).filter((n) => n.startsWith(".sdkgen-tmp"))).toEqual([]);
  });

  it("leaves the previous packages untouched when staging fails", async () => {
    const root = tempDir();
    const dir = join(root, "packages/types");
    await writePackages([pkg(dir, { "src/gen/a.ts": "before", "package.json": "{}" })]);
    // A file path that cannot be created (a file where a folder must go) fails the staging step.
    const broken = pkg(dir, { "src/gen/a.ts": "after", "src/gen/b.ts": "x", "src/gen/b.ts/c.ts": "y", "package.json": "{}" });
    await expect(writePackages([broken])).rejects.toThrow();
    expect(readFileSync(join(dir, "src/gen/a.ts"), "utf8")).toBe("before");
    expect(existsSync(join(dir, "src/gen/b.ts"))).toBe(false);
  });
});

describe("output: a failed write leaves nothing behind", () => {
  it("refuses an output folder that is a file, before writing anything", async () => {
    const root = tempDir();
    writeFileSync(join(root, "client"), "a file where a package folder must go");
    const error = await writePackages([pkg(join(root, "types"), { "package.json": "{}" }, { "src/index.ts": "s" }), pkg(join(root, "client"), { "package.json": "{}" })]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OutputError);
    expect((error as Error).message).toContain(`${join(root, "client")} exists and is not a folder`);
    expect(readdirSync(root)).toEqual(["client"]);
  });

  it("removes new package folders and scaffolded files again when the swap fails", async () => {
    const root = tempDir();
    const other = join(root, "other");
    mkdirSync(other);
    writeFileSync(join(other, "src"), "a file where src/ must go");
    const failing = [pkg(join(root, "fresh"), { "src/gen/a.ts": "a", "package.json": "{}" }, { "src/index.ts": "scaffold", "tsconfig.json": "{}" }), pkg(other, { "src/gen/b.ts": "b", "package.json": "{}" })];
    await expect(writePackages(failing)).rejects.toThrow();
    expect(existsSync(join(root, "fresh"))).toBe(false);
    expect(readdirSync(other)).toEqual(["src"]);
    expect(readdirSync(root).sort()).toEqual(["other"]);
  });
});

describe("output: concurrent runs and unusable folders", () => {
  it("20 runs at once into the same folder all succeed and leave what one complete run leaves", async () => {
    const model = await loadModelFile(WEATHER);
    const root = tempDir();
    const config = await configForModel(WEATHER, root);
    const { packages } = await generateFromModel(model, config);
    // Before the lock, a run could move aside (and then delete) the package another had just
    // placed: 6 of 20 runs left a package missing while every run reported success.
    const results = await Promise.allSettled(Array.from({ length: 20 }, () => writePackages(packages)));
    expect(results.filter((r) => r.status === "rejected")).toEqual([]);
    expect(await checkPackages(packages, root)).toEqual([]);
    expect(readdirSync(root).sort()).toEqual(["weather-client", "weather-types"]);
  });

  it("takes over a lock left by a process that no longer runs", async () => {
    const root = tempDir();
    const dir = join(root, "p");
    // A pid far above any pid_max: no such process.
    writeFileSync(join(root, LOCK_FILE), "2147483646 stale\n");
    await writePackages([pkg(dir, { "src/gen/a.ts": "a", "package.json": "{}" })]);
    expect(readFileSync(join(dir, "src/gen/a.ts"), "utf8")).toBe("a");
    expect(existsSync(join(root, LOCK_FILE))).toBe(false);
  });

  it.each(["/proc/sdkgen-test/out", "/proc/self"])("an unusable output folder (%s) is one OutputError, promptly (it used to spin forever)", async (dir) => {
    await expect(writePackages([pkg(join(dir, "p"), { "src/gen/a.ts": "a", "package.json": "{}" })])).rejects.toThrow(OutputError);
    await expect(writePackages([pkg(join(dir, "p"), { "src/gen/a.ts": "a", "package.json": "{}" })])).rejects.toThrow(/^cannot write x under \/proc\/\S+: E[A-Z]+ \(/);
  });

  it.skipIf(process.getuid?.() === 0)("a read-only output folder is one OutputError", async () => {
    const root = tempDir();
    chmodSync(root, 0o555);
    await expect(writePackages([pkg(join(root, "p"), { "src/gen/a.ts": "a", "package.json": "{}" })])).rejects.toThrow(/cannot write x under .*: EACCES/);
  });
});

describe("output: drift check", () => {
  it("lists changed, missing and extra files", async () => {
    const root = tempDir();
    const dir = join(root, "p");
    await writePackages([pkg(dir, { "src/gen/a.ts": "a", "src/gen/b.ts": "b", "package.json": "{}" })]);
    expect(await checkPackages([pkg(dir, { "src/gen/a.ts": "a", "src/gen/b.ts": "b", "package.json": "{}" })], root)).toEqual([]);
    writeFileSync(join(dir, "src/gen/a.ts"), "edited");
    writeFileSync(join(dir, "src/gen/stray.ts"), "stray");
    const drift = await checkPackages([pkg(dir, { "src/gen/a.ts": "a", "src/gen/b.ts": "b", "src/gen/c.ts": "c", "package.json": "{}" })], root);
    expect(drift).toEqual([
      { path: "p/src/gen/a.ts", kind: "changed" },
      { path: "p/src/gen/c.ts", kind: "missing" },
      { path: "p/src/gen/stray.ts", kind: "extra" },
    ]);
  });
});
