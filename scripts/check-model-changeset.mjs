#!/usr/bin/env node
// node scripts/check-model-changeset.mjs [--base <ref>] [--presence-only]
//
// CI guard: when anything under models/ changed since the base ref (committed, staged, unstaged
// or untracked), a changeset for a generated package must have been added in the same range.
// The base is --base, else the merge base with origin/main when that exists, else HEAD~1. A
// repository with a single commit, a shallow clone without the base, or no git at all passes
// with a note: there is nothing to compare against.
//
// A release counts as the record too: after `pnpm changeset version` has consumed the changesets,
// the version bump in a generated package's package.json (and its CHANGELOG entry) stands for them.
//
// When the generator is built (codegen/dist), the bumps are checked too: each package the model
// diff affects must be bumped at least as much as the diff calls for, so that a breaking model
// change cannot ship in a minor version — except that while a package is 0.x, a breaking change
// needs only a minor bump (npm's caret convention: ^0.3.1 accepts 0.3.x only). --presence-only
// skips that.
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join, relative, resolve, sep } from "node:path";
import { parseArgs } from "node:util";

const { values } = parseArgs({ options: { base: { type: "string" }, "presence-only": { type: "boolean" } }, strict: true });
const NAME = "check-model-changeset";
const RANK = { patch: 1, minor: 2, major: 3 };

function git(args, options = {}) {
  return execFileSync("git", args, { cwd: options.cwd ?? process.cwd(), encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], maxBuffer: 1 << 28 }).trim();
}
function tryGit(args, options) {
  try {
    return git(args, options);
  } catch {
    return undefined;
  }
}
function pass(message) {
  console.log(`${NAME}: ${message}`);
  process.exit(0);
}
function fail(lines) {
  for (const line of lines) console.error(line);
  process.exit(1);
}
const lines = (text) => (text ? text.split("\n").filter(Boolean) : []);

const root = tryGit(["rev-parse", "--show-toplevel"]);
if (!root) pass("not a git repository; skipped");
if (!tryGit(["rev-parse", "--verify", "-q", "HEAD^{commit}"], { cwd: root })) pass("no commits yet; skipped");

function resolveBase() {
  if (values.base) {
    const sha = tryGit(["rev-parse", "--verify", "-q", `${values.base}^{commit}`], { cwd: root });
    if (!sha) {
      console.error(`${NAME}: unknown base ref ${values.base}`);
      process.exit(2);
    }
    return { ref: values.base, sha };
  }
  if (tryGit(["rev-parse", "--verify", "-q", "origin/main^{commit}"], { cwd: root })) {
    const sha = tryGit(["merge-base", "HEAD", "origin/main"], { cwd: root });
    if (sha) return { ref: "merge-base(HEAD, origin/main)", sha };
  }
  const sha = tryGit(["rev-parse", "--verify", "-q", "HEAD~1^{commit}"], { cwd: root });
  return sha ? { ref: "HEAD~1", sha } : undefined;
}
const base = resolveBase();
if (!base) pass("single commit or shallow clone: no base to compare against; skipped");

// The configured services, with their packages by name: through the generator when it is built
// (which knows the default names of the services list), else the config's own names.
const configFile = join(root, "sdkgen.config.json");
const codegen = new URL("../codegen/dist/index.js", import.meta.url);
const services = await readServices();
const packageList = services.flatMap((s) => Object.values(s.packages ?? {}));
const generated = new Set(packageList.map((p) => p.name));

// What counts as a model change: anything under models/, and each configured model wherever it is.
const modelPaths = [...new Set(["models", ...services.flatMap((s) => (typeof s.model === "string" ? [s.model] : (s.model ?? []))).map((m) => relative(root, resolve(root, m)).split(sep).join("/"))])].filter(
  (p) => p && !p.startsWith(".."),
);
const changedModels = [
  ...lines(tryGit(["diff", "--name-only", base.sha, "--", ...modelPaths], { cwd: root })),
  ...lines(tryGit(["ls-files", "--others", "--exclude-standard", "--", ...modelPaths], { cwd: root })),
];
if (changedModels.length === 0) pass(`no changes under models/ since ${base.ref}`);

async function readServices() {
  if (!existsSync(configFile)) return [];
  if (existsSync(codegen)) {
    try {
      const { loadServices } = await import(codegen.href);
      return (await loadServices(configFile)).services;
    } catch {
      // A config the generator refuses: fall back to the names spelled out in it.
    }
  }
  const raw = JSON.parse(readFileSync(configFile, "utf8"));
  return (Array.isArray(raw.services) ? raw.services : [raw]).map((s) => ({
    ...s,
    packages: Object.fromEntries(Object.entries(s.packages ?? {}).filter(([, p]) => typeof p?.name === "string" && typeof p?.dir === "string").map(([k, p]) => [k, { ...p, dir: resolve(root, p.dir) }])),
  }));
}

// Each generated package's version at the base and now: a higher one now is a release since the base.
const versionsAtBase = {};
const released = new Map();
for (const p of packageList) {
  const file = `${relative(root, p.dir).split(sep).join("/").replace(/\/$/, "")}/package.json`;
  const before = versionOf(tryGit(["show", `${base.sha}:${file}`], { cwd: root }));
  const now = versionOf(existsSync(join(root, file)) ? readFileSync(join(root, file), "utf8") : undefined);
  versionsAtBase[p.name] = before ?? now;
  const bump = before && now ? bumpBetween(before, now) : undefined;
  if (bump) released.set(p.name, { from: before, to: now, bump });
}

// Changesets added since the base (committed or not), and the bump each gives each package.
const added = [
  ...lines(tryGit(["diff", "--name-only", "--diff-filter=A", base.sha, "--", ".changeset"], { cwd: root })),
  ...lines(tryGit(["ls-files", "--others", "--exclude-standard", "--", ".changeset"], { cwd: root })),
].filter((f) => f.endsWith(".md") && !f.endsWith("/README.md") && existsSync(join(root, f)));
const declared = new Map();
const relevant = [];
for (const file of added) {
  const bumps = frontMatter(readFileSync(join(root, file), "utf8"));
  const ours = Object.entries(bumps).filter(([name]) => generated.has(name));
  if (ours.length) relevant.push(file);
  for (const [name, bump] of ours) if ((RANK[bump] ?? 0) > (RANK[declared.get(name)] ?? 0)) declared.set(name, bump);
}

for (const [name, release] of released) if ((RANK[release.bump] ?? 0) > (RANK[declared.get(name)] ?? 0)) declared.set(name, release.bump);
const releases = [...released].map(([name, r]) => `${name} ${r.from} → ${r.to}`);
const records = [...relevant, ...releases.map((r) => `release ${r}`)].join(", ");

// Files under models/ can change while the model does not (it moved from JSON to IDL, or was
// reformatted): then there is nothing to release.
if (relevant.length === 0 && released.size === 0 && !values["presence-only"] && existsSync(codegen)) {
  const { runDiffs } = await import(codegen.href);
  let unchanged = false;
  try {
    unchanged = (await runDiffs({ base: base.sha, config: configFile, cwd: root })).every((r) => r.run && r.run.diff.changes.length === 0);
  } catch {
    // A model that cannot be compared needs a changeset like any other change.
  }
  if (unchanged) pass(`models/ changed since ${base.ref}, but the model is the same (sdkgen diff: no changes); no changeset needed`);
}

if (relevant.length === 0 && released.size === 0) {
  fail([
    `${NAME}: models/ changed since ${base.ref} but no changeset for a generated package (${[...generated].join(", ")}) was added:`,
    ...changedModels.map((f) => `  ${f}`),
    "Add one with `npx -y pnpm@10.34.9 changeset:model` (it classifies the model diff and writes the changesets), or `npx -y pnpm@10.34.9 changeset`.",
  ]);
}

// Are the bumps big enough for the model diff?
if (values["presence-only"] || !existsSync(codegen)) {
  pass(`models/ changed since ${base.ref}; recorded by ${records}`);
}
const { runDiffs, planChangesets } = await import(codegen.href);
// Per service; one new since the base (absent from the config there) has nothing to under-bump.
let plans;
try {
  const runs = await runDiffs({ base: base.sha, config: configFile, cwd: root });
  plans = runs.flatMap((r) => (r.run ? planChangesets(r.run.diff, r.config.packages, versionsAtBase) : []));
} catch (error) {
  pass(`recorded by ${records} (bumps not checked: ${error.message.split("\n")[0]})`);
}
const problems = [];
for (const plan of plans) {
  const have = declared.get(plan.package);
  const zeroX = plan.bump !== plan.diffBump ? ` (${plan.diffBump} changes, at ${plan.version})` : "";
  if (!have) problems.push(`  ${plan.package}: no changeset or release, but the model diff calls for a ${plan.bump} bump${zeroX}`);
  else if (RANK[have] < RANK[plan.bump]) {
    const by = released.has(plan.package) ? "changesets and releases bump" : "changesets bump";
    problems.push(`  ${plan.package}: ${by} it ${have}, but the model diff calls for ${plan.bump}${zeroX}:`);
    for (const c of plan.changes.filter((c) => c.severity === plan.diffBump).slice(0, 5)) problems.push(`    ${c.symbol}: ${c.message}`);
  }
}
if (problems.length) {
  fail([
    `${NAME}: the changesets and releases since ${base.ref} under-bump the generated packages:`,
    ...problems,
    "Run `npx -y pnpm@10.34.9 changeset:model` (or `sdkgen diff --base <ref>`) to see the changes and write matching changesets.",
  ]);
}
pass(`models/ changed since ${base.ref}; ${records} cover the model diff`);

/** `"pkg": bump` lines of a changeset's front matter. */
function frontMatter(text) {
  const match = /^---\r?\n([\s\S]*?)\r?\n---/.exec(text);
  const out = {};
  for (const line of match ? match[1].split(/\r?\n/) : []) {
    const m = /^\s*["']?([^"':]+)["']?\s*:\s*(major|minor|patch)\s*$/.exec(line);
    if (m) out[m[1].trim()] = m[2];
  }
  return out;
}

/** The `version` of a package.json's text, if it has one. */
function versionOf(text) {
  try {
    const version = JSON.parse(text ?? "").version;
    return typeof version === "string" ? version : undefined;
  } catch {
    return undefined;
  }
}

/** The semver bump from `from` to `to` (major, minor or patch), or undefined when `to` is not higher. */
function bumpBetween(from, to) {
  const parse = (v) => /^(\d+)\.(\d+)\.(\d+)/.exec(v)?.slice(1).map(Number);
  const a = parse(from);
  const b = parse(to);
  if (!a || !b) return undefined;
  if (b[0] !== a[0]) return b[0] > a[0] ? "major" : undefined;
  if (b[1] !== a[1]) return b[1] > a[1] ? "minor" : undefined;
  return b[2] > a[2] ? "patch" : undefined;
}
