/**
 * The last stage: write packages atomically, or compare them with disk.
 *
 * Everything is first written to a staging folder beside the output; only
 * when every file is staged are the owned paths swapped in (old ones moved
 * aside, new ones renamed into place, old ones deleted). A failure before the
 * swap leaves the previous packages untouched; a failure during it restores
 * what was moved aside.
 */
import { existsSync, statSync } from "node:fs";
import { mkdir, mkdtemp, readFile, readdir, rename, rm, writeFile } from "node:fs/promises";
import { dirname, join, relative } from "node:path";
import type { GeneratedPackage } from "../writer/package.js";

/** The output folders cannot take the packages (a path in the way is a file, say); nothing was written. */
export class OutputError extends Error {
  override readonly name = "OutputError";
}

export async function writePackages(packages: GeneratedPackage[]): Promise<void> {
  if (packages.length === 0) return;
  for (const pkg of packages) {
    // Every folder on the way to the package must be a folder (or not exist yet).
    for (let dir = pkg.dir; dir !== dirname(dir); dir = dirname(dir)) {
      if (existsSync(dir) && !statSync(dir).isDirectory()) throw new OutputError(`cannot write ${pkg.name} to ${pkg.dir}: ${dir} exists and is not a folder`);
    }
  }
  const root = commonParent(packages.map((p) => p.dir));
  await mkdir(root, { recursive: true });
  const staging = await mkdtemp(join(root, ".sdkgen-tmp-"));
  const moved: { from: string; to: string }[] = [];
  /** What the swap put in place (owned paths, new scaffold files, new package folders): removed again if it fails. */
  const placed: string[] = [];
  try {
    for (const [i, pkg] of packages.entries()) {
      for (const file of [...pkg.files, ...pkg.scaffold]) {
        const path = join(staging, String(i), file.path);
        await mkdir(dirname(path), { recursive: true });
        // A script with a shebang (a bin launcher) is written executable, as git and npm expect it.
        await writeFile(path, file.contents, { mode: file.contents.startsWith("#!") ? 0o755 : 0o644 });
      }
    }
    for (const [i, pkg] of packages.entries()) {
      if (!existsSync(pkg.dir)) {
        await mkdir(pkg.dir, { recursive: true });
        placed.push(pkg.dir);
      }
      for (const owned of pkg.owned) {
        const target = join(pkg.dir, owned);
        const staged = join(staging, String(i), owned);
        if (existsSync(target)) {
          const aside = join(staging, "old", String(i), owned);
          await mkdir(dirname(aside), { recursive: true });
          await rename(target, aside);
          moved.push({ from: target, to: aside });
        }
        if (existsSync(staged)) {
          await mkdir(dirname(target), { recursive: true });
          await rename(staged, target);
          placed.push(target);
        }
      }
      for (const file of pkg.scaffold) {
        const target = join(pkg.dir, file.path);
        if (!existsSync(target)) {
          await mkdir(dirname(target), { recursive: true });
          await rename(join(staging, String(i), file.path), target);
          placed.push(target);
        }
      }
    }
  } catch (error) {
    for (const path of placed.reverse()) await rm(path, { recursive: true, force: true });
    for (const { from, to } of moved.reverse()) await rename(to, from).catch(() => undefined);
    throw error;
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

export interface Drift {
  path: string;
  kind: "changed" | "missing" | "extra";
}

/** Lists owned files that differ from what the generator produces now. */
export async function checkPackages(packages: GeneratedPackage[], cwd = process.cwd()): Promise<Drift[]> {
  const drift: Drift[] = [];
  for (const pkg of packages) {
    const expected = new Map(pkg.files.map((f) => [f.path, f.contents]));
    const onDisk = new Set<string>();
    for (const owned of pkg.owned) {
      for (const file of await listFiles(join(pkg.dir, owned))) onDisk.add(relative(pkg.dir, file).split("\\").join("/"));
    }
    for (const [path, contents] of expected) {
      const full = join(pkg.dir, path);
      const display = relative(cwd, full);
      if (!onDisk.has(path)) drift.push({ path: display, kind: "missing" });
      else if ((await readFile(full, "utf8")) !== contents) drift.push({ path: display, kind: "changed" });
    }
    for (const path of onDisk) if (!expected.has(path)) drift.push({ path: relative(cwd, join(pkg.dir, path)), kind: "extra" });
  }
  return drift.sort((a, b) => (a.path < b.path ? -1 : 1));
}

async function listFiles(path: string): Promise<string[]> {
  if (!existsSync(path)) return [];
  const entries = await readdir(path, { withFileTypes: true }).catch(() => undefined);
  if (!entries) return [path];
  const out: string[] = [];
  for (const e of entries) {
    const full = join(path, e.name);
    if (e.isDirectory()) out.push(...(await listFiles(full)));
    else out.push(full);
  }
  return out;
}

function commonParent(dirs: string[]): string {
  const split = dirs.map((d) => dirname(d).split(/[\\/]/));
  const first = split[0]!;
  let n = first.length;
  for (const parts of split) {
    let i = 0;
    while (i < n && parts[i] === first[i]) i++;
    n = i;
  }
  return first.slice(0, n).join("/") || "/";
}
