#!/usr/bin/env node
// `pnpm release [--dry-run] [--allow-dirty] [--out <dir>]`
//
// From a clean tree: builds the generator, fails if the committed generated code is stale, builds
// every publishable package, `pnpm pack`s each into <out> (default dist/release), and checks each
// tarball with publint (strict) and attw (node16), and for what must never be published: test
// files, source maps pointing outside the package, `workspace:` ranges. The packages are the
// runtimes (@connect-sdk/client-runtime, test-kit, build-preset), the generator
// (@connect-sdk/codegen), the SDK packages of every service and attachments, in dependency order.
// With --dry-run it stops there; without it, it publishes those very tarballs, in that order
// (versions come from `changeset version`).
import { execFileSync } from "node:child_process";
import { mkdirSync, readdirSync, rmSync } from "node:fs";
import { basename, join, relative, resolve } from "node:path";
import { REPO_ROOT, formatSize, inspectTarball, lintTarball, packAll, releasePackages, runPnpm } from "./release/pack.mjs";

const args = process.argv.slice(2);
const dryRun = args.includes("--dry-run");
const allowDirty = args.includes("--allow-dirty");
const outArg = args.indexOf("--out");
const outDir = resolve(REPO_ROOT, outArg >= 0 ? args[outArg + 1] : "dist/release");
const unknown = args.filter((a, i) => !["--dry-run", "--allow-dirty", "--out"].includes(a) && args[i - 1] !== "--out");
if (unknown.length) fail(`unknown argument(s): ${unknown.join(" ")}\nusage: pnpm release [--dry-run] [--allow-dirty] [--out <dir>]`);
if (allowDirty && !dryRun) fail("--allow-dirty is only for --dry-run: a publish must come from a clean tree");

const env = { ...process.env, TURBO_TELEMETRY_DISABLED: "1", TURBO_NO_UPDATE_NOTIFIER: "1" };
const step = (message) => console.log(`\n▸ ${message}`);
function run(cmd, argv) {
  try {
    execFileSync(cmd, argv, { cwd: REPO_ROOT, stdio: "inherit", env });
  } catch (error) {
    fail(`\`${basename(cmd)} ${argv.join(" ")}\` failed (exit ${error.status ?? error.signal})`);
  }
}

function fail(message) {
  console.error(`release: ${message}`);
  process.exit(1);
}

function dirtyFiles() {
  return execFileSync("git", ["status", "--porcelain", "--untracked-files=normal"], { cwd: REPO_ROOT, encoding: "utf8" })
    .split("\n")
    .filter(Boolean);
}

const dirty = dirtyFiles();
if (dirty.length && !allowDirty) fail(`the working tree is not clean (${dirty.length} change(s)); commit first:\n${dirty.slice(0, 20).join("\n")}`);

const packages = releasePackages();
if (packages.length === 0) fail("no publishable packages under codegen/, packages/ or services/");
console.log(`${dryRun ? "Dry run" : "Release"}: ${packages.map((p) => `${p.name}@${p.version}`).join(", ")}`);
const pending = readdirSync(join(REPO_ROOT, ".changeset")).filter((f) => f.endsWith(".md") && f !== "README.md");
if (pending.length) {
  const message = `${pending.length} changeset(s) not applied yet (${pending.join(", ")}): run \`pnpm changeset version\` and commit first`;
  if (dryRun) console.warn(`note: ${message}; packing the current versions`);
  else fail(message);
}

const turbo = join(REPO_ROOT, "node_modules/.bin/turbo");
step("build the generator and check the committed generated code is current");
run(turbo, ["run", "@connect-sdk/codegen#build", "--output-logs=errors-only"]);
run(process.execPath, [join(REPO_ROOT, "codegen/dist/cli.js"), "check"]);

step("build the packages");
run(turbo, ["run", "build", "--output-logs=errors-only", ...packages.flatMap((p) => ["--filter", p.name])]);
if (!allowDirty && dirtyFiles().length) fail(`the build changed tracked files:\n${dirtyFiles().join("\n")}`);

step(`pack into ${relative(REPO_ROOT, outDir) || "."}/`);
rmSync(outDir, { recursive: true, force: true });
mkdirSync(outDir, { recursive: true });
const packed = packAll(packages, outDir);

step("check each tarball (publint --strict, attw --profile node16 or esm-only, contents)");
let failed = 0;
const rows = [];
for (const t of packed) {
  const { files, problems } = inspectTarball(t.tarball);
  const lint = lintTarball(t.tarball);
  for (const l of lint) if (!l.ok) problems.push(`${l.tool} failed:\n${l.output}`);
  const ranges = Object.entries(JSON.parse(files.get("package.json").toString("utf8")).dependencies ?? {})
    .filter(([dep]) => packages.some((p) => p.name === dep))
    .map(([dep, range]) => `${dep}@${range}`);
  rows.push([basename(t.tarball), formatSize(t.size), String(files.size), lint.map((l) => `${l.tool} ${l.ok ? "ok" : "FAILED"}`).join(", "), ranges.join(", ") || "—"]);
  if (problems.length) {
    failed++;
    console.error(`\n✗ ${t.name}:\n  ${problems.join("\n  ")}`);
  }
}
const header = ["tarball", "size", "files", "checks", "workspace deps as packed"];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
for (const row of [header, widths.map((w) => "-".repeat(w)), ...rows]) console.log(row.map((c, i) => c.padEnd(widths[i])).join("  "));
if (failed) fail(`${failed} package(s) failed the checks; nothing was published`);

if (dryRun) {
  console.log(`\nDry run: ${packed.length} tarball(s) in ${relative(REPO_ROOT, outDir)}/ passed every check; nothing was published.`);
} else {
  // The tarballs just checked, one by one in dependency order: a runtime is on the registry before
  // the generator and the clients whose dependencies name it.
  step("publish");
  for (const t of packed) runPnpm(["publish", t.tarball, "--access", "public"], { stdio: "inherit", env });
}
