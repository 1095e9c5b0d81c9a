// A newcomer's first commands: `pnpm install` links every command without "Failed to create bin"
// warnings and without pnpm's update banner, `pnpm demo` shows its result rather than a build log, and
// the README's commands work on a machine that has only Node.js (npx -y pnpm@…, not a bare `pnpm`).
import { execFileSync, spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { pnpmCommand } from "../../scripts/release/pack.mjs";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const tracked = new Set(execFileSync("git", ["ls-files"], { cwd: ROOT, encoding: "utf8" }).split("\n"));
const manifests = ["codegen/package.json", ...execFileSync("git", ["ls-files", "packages/*/package.json", "services/*/*/package.json"], { cwd: ROOT, encoding: "utf8" }).trim().split("\n")];
const bins = manifests.flatMap((file) => {
  const manifest = JSON.parse(readFileSync(join(ROOT, file), "utf8"));
  return Object.entries<string>(manifest.bin ?? {}).map(([command, path]) => ({ command, manifest: file, type: manifest.type as string, file: join(dirname(file), path) }));
});
const temp = mkdtempSync(join(tmpdir(), "connect-sdk-newcomer-"));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

describe("pnpm install", () => {
  it("links every command to a committed launcher, so that nothing is missing before the build", () => {
    expect(bins.map((b) => b.command).sort()).toEqual(["connect-attach", "connect-fake", "connectcases-fake", "sdkgen"]);
    for (const bin of bins) {
      expect(bin.file, bin.command).not.toMatch(/(^|\/)dist\//);
      expect(tracked.has(bin.file), `${bin.file} is committed`).toBe(true);
      expect(readFileSync(join(ROOT, bin.file), "utf8")).toMatch(/^#!\/usr\/bin\/env node\n/);
      expect(statSync(join(ROOT, bin.file)).mode & 0o111, `${bin.file} is executable`).not.toBe(0);
      const files: string[] = JSON.parse(readFileSync(join(ROOT, bin.manifest), "utf8")).files ?? [];
      expect(files, `${bin.manifest} publishes bin/`).toContain("bin");
    }
  });

  it("a launcher whose package is not built says so in one line and exits 1", () => {
    for (const bin of bins) {
      // The launcher alone, in a package folder without dist/.
      const pkg = join(temp, bin.command);
      mkdirSync(join(pkg, "bin"), { recursive: true });
      writeFileSync(join(pkg, "package.json"), JSON.stringify({ name: bin.command, type: bin.type ?? "commonjs" }));
      copyFileSync(join(ROOT, bin.file), join(pkg, "bin", basename(bin.file)));
      const r = spawnSync(process.execPath, [join(pkg, "bin", basename(bin.file)), "--help"], { encoding: "utf8" });
      expect(r.stderr, bin.command).toMatch(new RegExp(`^${bin.command}: .*not built yet.*\\n$`));
      expect(r.status, bin.command).toBe(1);
    }
  });

  it("pnpm shows no update banner: .npmrc turns its update check off", () => {
    expect(readFileSync(join(ROOT, ".npmrc"), "utf8")).toMatch(/^update-notifier=false$/m);
    const [command, pre] = pnpmCommand() as [string, string[]];
    const r = spawnSync(command, [...pre, "config", "get", "update-notifier"], { cwd: ROOT, encoding: "utf8" });
    expect(r.stdout.trim()).toBe("false");
  }, 300_000);
});

describe("pnpm demo", () => {
  const quietly = join(ROOT, "scripts/quietly.mjs");

  it("builds quietly: one line when the build succeeds", () => {
    expect(JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")).scripts.demo).toMatch(/^node scripts\/quietly\.mjs "[^"]+" turbo run build && node scripts\/demo\.mjs$/);
    const r = spawnSync(process.execPath, [quietly, "Building", process.execPath, "-e", "for (let i = 0; i < 250; i++) console.log('build log line', i)"], { encoding: "utf8" });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^Building… done \(\d+\.\d s\)\n\n$/);
    expect(r.stderr).toBe("");
  });

  it("shows the whole log, and fails with the build's exit code, when the build fails", () => {
    const r = spawnSync(process.execPath, [quietly, "Building", process.execPath, "-e", "console.log('compiling'); console.error('error TS2322: nope'); process.exit(3)"], { encoding: "utf8" });
    expect(r.status).toBe(3);
    expect(r.stdout).toMatch(/^Building… failed\n/);
    expect(r.stderr).toContain("compiling\nerror TS2322: nope");
  });
});

describe("the README", () => {
  it("runs pnpm as npx -y pnpm@<version>, never as a bare `pnpm` a fresh machine does not have", () => {
    const readme = readFileSync(join(ROOT, "README.md"), "utf8");
    const pinned = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")).packageManager;
    const shell = [...readme.matchAll(/^```(?:sh|console)\n([\s\S]*?)^```$/gm)].flatMap((m) => m[1]!.split("\n"));
    expect(shell.length).toBeGreaterThan(5);
    expect(shell.filter((line) => /^(\$ )?pnpm\b/.test(line.trim()))).toEqual([]);
    expect(readme).toContain(`npx -y ${pinned} install && npx -y ${pinned} demo`);
    for (const command of readme.matchAll(/npx -y (pnpm@[\w.]+)/g)) expect(command[1], relative(ROOT, "README.md")).toBe(pinned);
  });
});
