// 4. Install footprint: what a user's `npm install --omit=dev` brings in.
//   ours:   `pnpm pack` services/connect/client and every workspace package it depends on through a
//           `workspace:` range (pnpm pack rewrites those ranges to versions), then install all
//           the tarballs into a temp project outside the workspace. npm `overrides` point the
//           client's dependency on them at the tarballs, so nothing is looked up on the registry
//           under our names.
//   theirs: `npm install @aws-sdk/client-connect@3.1136.0` into another temp project.
// Counted: every directory holding a package.json at a package root in node_modules (scoped
// and nested node_modules included), and the bytes of node_modules (`du -sb`, apparent size).
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CASES_CLIENT_DIR, CLIENT_DIR, PNPM, REPO_ROOT } from "./paths.mjs";
import { run, runOrThrow } from "./util.mjs";

export const THEIRS_SPEC = "@aws-sdk/client-connect@3.1136.0";
/** The AWS SDK's Cases client for the two-client rows: no 3.1136.0 was published; this is the nearest newer release. */
export const THEIRS_CASES_SPEC = "@aws-sdk/client-connectcases@3.1138.0";
const NPM_FLAGS = ["install", "--omit=dev", "--no-audit", "--no-fund", "--loglevel=error"];

/** Every package directory under a node_modules folder, recursively. */
export function countPackages(nodeModules) {
  let count = 0;
  if (!existsSync(nodeModules)) return 0;
  for (const name of readdirSync(nodeModules)) {
    if (name.startsWith(".")) continue; // .bin, .package-lock.json
    const dir = join(nodeModules, name);
    const children = name.startsWith("@") ? readdirSync(dir).map((n) => join(dir, n)) : [dir];
    for (const pkgDir of children) {
      if (!statSync(pkgDir).isDirectory()) continue;
      if (existsSync(join(pkgDir, "package.json"))) count++;
      count += countPackages(join(pkgDir, "node_modules"));
    }
  }
  return count;
}

/** Apparent size in bytes (du -sb); falls back to summing file sizes if du isn't GNU du. */
export function diskBytes(dir) {
  const res = run("du", ["-sb", dir]);
  if (res.status === 0) return Number(res.stdout.split(/\s/)[0]);
  let total = 0;
  const walk = (d) => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, entry.name);
      if (entry.isDirectory()) walk(p);
      else if (entry.isFile()) total += statSync(p).size;
    }
  };
  walk(dir);
  return total;
}

/** name → directory of every workspace package (packages/*, services/<service>/<package>, codegen). */
function workspacePackages() {
  const dirs = [join(REPO_ROOT, "codegen")];
  const packagesDir = join(REPO_ROOT, "packages");
  if (existsSync(packagesDir)) dirs.push(...readdirSync(packagesDir).map((n) => join(packagesDir, n)));
  const servicesDir = join(REPO_ROOT, "services");
  if (existsSync(servicesDir)) {
    for (const service of readdirSync(servicesDir)) dirs.push(...readdirSync(join(servicesDir, service)).map((n) => join(servicesDir, service, n)));
  }
  const byName = new Map();
  for (const dir of dirs) {
    const pkgPath = join(dir, "package.json");
    if (existsSync(pkgPath)) byName.set(JSON.parse(readFileSync(pkgPath, "utf8")).name, dir);
  }
  return byName;
}

/** services/connect/client plus, transitively, the workspace packages its runtime dependencies name. */
function packagesToPack(roots = [CLIENT_DIR]) {
  const workspace = workspacePackages();
  const todo = [...roots];
  const seen = new Map(); // name -> dir
  while (todo.length) {
    const dir = todo.pop();
    const pkg = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
    if (seen.has(pkg.name)) continue;
    seen.set(pkg.name, dir);
    const deps = { ...pkg.dependencies, ...pkg.optionalDependencies, ...pkg.peerDependencies };
    for (const [name, range] of Object.entries(deps)) {
      if (!String(range).startsWith("workspace:")) continue;
      const depDir = workspace.get(name);
      if (!depDir) throw new Error(`${pkg.name} depends on ${name}@${range}, not found in the workspace`);
      todo.push(depDir);
    }
  }
  return seen;
}

function npmInstall(projectDir, dependencies, overrides) {
  writeFileSync(
    join(projectDir, "package.json"),
    JSON.stringify({ name: "connect-sdk-bench-install", version: "0.0.0", private: true, dependencies, overrides }, null, 2),
  );
  const res = runOrThrow("npm", NPM_FLAGS, { cwd: projectDir, timeout: 300_000 });
  const nodeModules = join(projectDir, "node_modules");
  return { packages: countPackages(nodeModules), bytes: diskBytes(nodeModules), installMs: res.ms };
}

function installOurs(workDir, roots) {
  const tarballs = {};
  for (const [name, dir] of packagesToPack(roots)) {
    const res = runOrThrow(PNPM.cmd, [...PNPM.args, "pack", "--pack-destination", workDir], { cwd: dir, timeout: 120_000 });
    const file = res.stdout
      .trim()
      .split("\n")
      .reverse()
      .find((l) => l.trim().endsWith(".tgz"));
    if (!file) throw new Error(`pnpm pack in ${dir} printed no tarball name`);
    tarballs[name] = `file:${join(workDir, file.trim().split("/").pop())}`;
  }
  const projectDir = join(workDir, "project");
  runOrThrow("mkdir", ["-p", projectDir]);
  // "$name" = "the spec of my own dependency on name", i.e. the tarball.
  const overrides = Object.fromEntries(Object.keys(tarballs).map((name) => [name, `$${name}`]));
  return { ...npmInstall(projectDir, tarballs, overrides), tarballs: Object.keys(tarballs) };
}

function installTheirs(workDir, specs) {
  const dependencies = Object.fromEntries(specs.map((spec) => [spec.slice(0, spec.lastIndexOf("@")), spec.split("@").pop()]));
  return npmInstall(workDir, dependencies);
}

/**
 * @param ids the SDK ids to measure
 * @returns { [id]: { packages, bytes, installMs } | { error } }
 */
export function measureInstall(ids, { keep = false, pair = false } = {}) {
  const results = {};
  for (const id of ids) {
    const workDir = mkdtempSync(join(tmpdir(), `connect-sdk-bench-install-${id}-`));
    try {
      // pair: the Connect and the Cases client together, as one app installs them.
      results[id] =
        id === "ours"
          ? installOurs(workDir, pair ? [CLIENT_DIR, CASES_CLIENT_DIR] : [CLIENT_DIR])
          : installTheirs(workDir, pair ? [THEIRS_SPEC, THEIRS_CASES_SPEC] : [THEIRS_SPEC]);
    } catch (error) {
      results[id] = { error: error.message.split("\n")[0] };
    } finally {
      if (keep) results[id].dir = workDir;
      else rmSync(workDir, { recursive: true, force: true });
    }
  }
  return results;
}
