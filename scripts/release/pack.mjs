// Packing and inspecting the publishable packages: shared by `pnpm release` (scripts/release.mjs)
// and the consumer test (e2e/). Plain Node, no dependencies.
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import { basename, dirname, join, posix, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { gunzipSync } from "node:zlib";

/** @typedef {{ name: string, version: string, dir: string, manifest: Record<string, any> }} WorkspacePackage */
/** @typedef {{ name: string, version: string, dir: string, tarball: string, size: number }} PackedPackage */

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

/** How to run the repo's pinned pnpm: the one running us when there is one, else `npx pnpm@<packageManager>`. */
export function pnpmCommand() {
  const execPath = process.env.npm_execpath;
  if (execPath && /pnpm/.test(basename(execPath)) && /\.c?js$/.test(execPath)) return [process.execPath, [execPath]];
  const pinned = JSON.parse(readFileSync(join(REPO_ROOT, "package.json"), "utf8")).packageManager ?? "pnpm";
  return ["npx", ["-y", pinned]];
}

export function runPnpm(args, options = {}) {
  const [cmd, pre] = pnpmCommand();
  return execFileSync(cmd, [...pre, ...args], { cwd: REPO_ROOT, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], maxBuffer: 64 << 20, ...options });
}

/**
 * The folders that may hold a workspace package, sorted: the hand-written `packages/*` and the generated
 * `services/<service>/<package>` (the globs of pnpm-workspace.yaml).
 * @returns {string[]}
 */
export function packageDirs() {
  const list = (dir) => (existsSync(dir) ? readdirSync(dir).sort().map((entry) => join(dir, entry)) : []);
  return [...list(join(REPO_ROOT, "packages")), ...list(join(REPO_ROOT, "services")).flatMap(list)];
}

/**
 * The workspace packages that would be published: every non-private package of packageDirs(),
 * in dependency order (a package after the packages it depends on).
 * @returns {WorkspacePackage[]}
 */
export function publishablePackages() {
  return inDependencyOrder(packageDirs());
}

/**
 * Everything `pnpm release` packs and publishes: the publishable packages (the runtimes, the SDK
 * packages, attachments) and the generator, `@connect-sdk/codegen` (codegen/, outside the SDK
 * package folders), in dependency order: the runtimes before the generator and the clients that
 * depend on them, so that no package is published before what it depends on.
 * @returns {WorkspacePackage[]}
 */
export function releasePackages() {
  return inDependencyOrder([...packageDirs(), join(REPO_ROOT, "codegen")]);
}

/**
 * The non-private packages of `dirs`, each after the packages (of `dirs`) it depends on.
 * @param {string[]} dirs
 * @returns {WorkspacePackage[]}
 */
function inDependencyOrder(dirs) {
  /** @type {WorkspacePackage[]} */
  const found = [];
  for (const dir of dirs) {
    let pkg;
    try {
      pkg = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
    } catch {
      continue;
    }
    if (pkg.private) continue;
    found.push({ name: pkg.name, version: pkg.version, dir, manifest: pkg });
  }
  const names = new Set(found.map((p) => p.name));
  /** @type {WorkspacePackage[]} */
  const ordered = [];
  const visit = (p, stack = []) => {
    if (ordered.includes(p)) return;
    if (stack.includes(p)) throw new Error(`dependency cycle: ${[...stack, p].map((x) => x.name).join(" → ")}`);
    for (const dep of Object.keys({ ...p.manifest.dependencies, ...p.manifest.peerDependencies })) {
      if (names.has(dep)) visit(found.find((x) => x.name === dep), [...stack, p]);
    }
    ordered.push(p);
  };
  for (const p of found) visit(p);
  return ordered;
}

/**
 * The generator, `@connect-sdk/codegen` (codegen/, outside the SDK package folders), with the
 * workspace packages it depends on (its runtime packages), in dependency order: what a team
 * installs to run `npx sdkgen generate` on its own model.
 * @returns {WorkspacePackage[]}
 */
export function generatorPackages() {
  const dir = join(REPO_ROOT, "codegen");
  const manifest = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
  const codegen = { name: manifest.name, version: manifest.version, dir, manifest };
  const all = publishablePackages();
  const wanted = new Set(Object.keys(manifest.dependencies ?? {}));
  for (const p of [...all].reverse()) {
    if (wanted.has(p.name)) for (const dep of Object.keys({ ...p.manifest.dependencies, ...p.manifest.peerDependencies })) wanted.add(dep);
  }
  return [...all.filter((p) => wanted.has(p.name)), codegen];
}

/**
 * `pnpm pack`s each package into `destination`; pnpm rewrites `workspace:` ranges in the packed package.json.
 * @param {WorkspacePackage[]} packages
 * @param {string} destination
 * @returns {PackedPackage[]}
 */
export function packAll(packages, destination) {
  return packages.map((p) => {
    const out = runPnpm(["pack", "--pack-destination", destination, "--json"], { cwd: p.dir });
    const info = JSON.parse(out.slice(out.indexOf("{")));
    const tarball = resolve(destination, basename(info.filename));
    return { name: p.name, version: p.version, dir: p.dir, tarball, size: statSync(tarball).size };
  });
}

/**
 * The files of a .tgz (a gzipped ustar archive, as npm and pnpm write them): path → contents.
 * @param {string} file
 * @returns {Map<string, Buffer>}
 */
export function readTarball(file) {
  const data = gunzipSync(readFileSync(file));
  const files = new Map();
  let offset = 0;
  let longName;
  while (offset + 512 <= data.length) {
    const header = data.subarray(offset, offset + 512);
    if (header.every((b) => b === 0)) break;
    const field = (start, length) => header.subarray(start, start + length).toString("utf8").replace(/\0.*$/s, "");
    const size = parseInt(field(124, 12).trim() || "0", 8);
    const type = field(156, 1) || "0";
    const prefix = field(345, 155);
    const body = data.subarray(offset + 512, offset + 512 + size);
    offset += 512 + Math.ceil(size / 512) * 512;
    if (type === "x") {
      const path = /(?:^|\n)\d+ path=([^\n]*)\n/.exec(body.toString("utf8"));
      if (path) longName = path[1];
      continue;
    }
    if (type === "L") {
      longName = body.toString("utf8").replace(/\0.*$/s, "");
      continue;
    }
    const name = longName ?? (prefix ? `${prefix}/${field(0, 100)}` : field(0, 100));
    longName = undefined;
    if (type === "0" || type === "\0") files.set(name, Buffer.from(body));
  }
  return files;
}

const TEST_FILE = /(^|\/)(__tests__|__mocks__|tests?)\/|\.(test|spec)\.[cm]?[jt]sx?$|(^|\/)vitest\.config\./;
const DEPENDENCY_FIELDS = ["dependencies", "devDependencies", "peerDependencies", "optionalDependencies"];

/**
 * What must not be published: test files, source maps whose `sources` leave the package (or name
 * files it doesn't ship), `sourceMappingURL`s to maps it doesn't ship, and `workspace:` ranges.
 * `files` maps paths relative to the package root to contents. Returns one message per problem.
 * @param {Map<string, Buffer>} files
 * @returns {string[]}
 */
export function inspectPackageFiles(files) {
  const problems = [];
  const paths = [...files.keys()];
  for (const path of paths) if (TEST_FILE.test(path)) problems.push(`ships a test file: ${path}`);
  for (const path of paths.filter((p) => p.endsWith(".map"))) {
    let map;
    try {
      map = JSON.parse(files.get(path).toString("utf8"));
    } catch {
      problems.push(`${path}: not a JSON source map`);
      continue;
    }
    /** @type {Record<string, string[]>} */
    const bad = { "is an absolute path or URL": [], "points outside the package": [], "is not in the package": [] };
    for (const [i, source] of (map.sources ?? []).entries()) {
      if (/^[a-z][a-z0-9+.-]*:/i.test(source) || source.startsWith("/")) {
        bad["is an absolute path or URL"].push(source);
        continue;
      }
      const target = posix.normalize(posix.join(posix.dirname(path), map.sourceRoot ?? "", source));
      if (target.startsWith("../") || target === "..") bad["points outside the package"].push(source);
      else if (!files.has(target) && !(map.sourcesContent ?? [])[i]) bad["is not in the package"].push(source);
    }
    // One line per source, or a count and a few examples when a bundle names many.
    for (const [what, sources] of Object.entries(bad)) {
      if (sources.length <= 3) for (const source of sources) problems.push(`${path}: source ${source} ${what}`);
      else problems.push(`${path}: ${sources.length} sources ${what.replace(/^is /, "are ").replace(/^points /, "point ")}, e.g. ${sources.slice(0, 3).join(", ")}`);
    }
  }
  for (const path of paths.filter((p) => /\.[cm]?js$|\.d\.[cm]?ts$/.test(p))) {
    const url = /\/\/# sourceMappingURL=(\S+)\s*$/.exec(files.get(path).toString("utf8"))?.[1];
    if (!url || url.startsWith("data:")) continue;
    const target = posix.normalize(posix.join(posix.dirname(path), url));
    if (!files.has(target)) problems.push(`${path}: sourceMappingURL ${url} names a file the package doesn't ship`);
  }
  const manifest = files.get("package.json");
  if (!manifest) problems.push("no package.json");
  else {
    const pkg = JSON.parse(manifest.toString("utf8"));
    for (const field of DEPENDENCY_FIELDS) {
      for (const [dep, range] of Object.entries(pkg[field] ?? {})) {
        if (String(range).startsWith("workspace:")) problems.push(`package.json ${field}.${dep} is ${range}`);
      }
    }
  }
  return problems;
}

/**
 * Inspects a tarball: its files under `package/`, checked with `inspectPackageFiles`.
 * @param {string} tarball
 * @returns {{ files: Map<string, Buffer>, problems: string[] }}
 */
export function inspectTarball(tarball) {
  const files = new Map();
  for (const [path, contents] of readTarball(tarball)) files.set(path.replace(/^package\//, ""), contents);
  return { files, problems: inspectPackageFiles(files) };
}

/**
 * Reads an installed package folder (node_modules/<name>) into the same path → contents map.
 * @param {string} dir
 * @returns {Map<string, Buffer>}
 */
export function readPackageDir(dir) {
  const files = new Map();
  const walk = (sub) => {
    for (const entry of readdirSync(join(dir, sub), { withFileTypes: true })) {
      const rel = sub ? `${sub}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        if (rel !== "node_modules") walk(rel);
      } else files.set(rel, readFileSync(join(dir, rel)));
    }
  };
  walk("");
  return files;
}

/** Runs publint (strict) and attw (node16 profile; esm-only for an ESM-only package) on a tarball: `{ tool, ok, output }` each. */
export function lintTarball(tarball, bin = (name) => join(REPO_ROOT, "node_modules/.bin", name)) {
  const results = [];
  // An ESM-only package (the generator: `"type": "module"`, no `require` condition) is checked as one:
  // attw's `esm-only` profile does not count `require()` of it from CommonJS as a problem.
  const manifest = JSON.parse(inspectTarball(tarball).files.get("package.json")?.toString("utf8") ?? "{}");
  const esmOnly = manifest.type === "module" && !JSON.stringify(manifest.exports ?? {}).includes('"require"');
  for (const [tool, args] of [
    ["publint", ["run", tarball, "--strict"]],
    ["attw", [tarball, "--profile", esmOnly ? "esm-only" : "node16", "--format", "table-flipped"]],
  ]) {
    try {
      execFileSync(bin(tool), args, { cwd: dirname(tarball), encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
      results.push({ tool, ok: true });
    } catch (error) {
      const output = `${error.stdout ?? ""}${error.stderr ?? ""}`.trim();
      results.push({ tool, ok: false, output });
    }
  }
  return results;
}

export function formatSize(bytes) {
  return bytes < 1024 ? `${bytes} B` : `${(bytes / 1024).toFixed(1)} kB`;
}
