/**
 * The last stage: write packages atomically, or compare them with disk.
 *
 * Everything is first written to a staging folder beside the output; only
 * when every file is staged are the owned paths swapped in (old ones moved
 * aside, new ones renamed into place, old ones deleted). A failure before the
 * swap leaves the previous packages untouched; a failure during it restores
 * what was moved aside.
 *
 * Runs into the same output take turns: the swap happens under a lock file in
 * the output folder, so two `sdkgen generate` at once (two terminals, a watch
 * and a build) both finish and leave what one complete run leaves, instead of
 * one moving aside, and then deleting, what the other had just put in place.
 */
import { existsSync, statSync } from "node:fs";
import { mkdir, mkdtemp, open, readFile, readdir, rename, rm, unlink, writeFile } from "node:fs/promises";
import { randomUUID } from "node:crypto";
import { dirname, join, relative } from "node:path";
import type { GeneratedPackage } from "../writer/package.js";

/** The output folders cannot take the packages (a path in the way is a file, say); nothing was written. */
export class OutputError extends Error {
  override readonly name = "OutputError";
}

/** The lock file a run holds, in the packages' common parent, while it swaps them in. */
export const LOCK_FILE = ".sdkgen.lock";

export async function writePackages(packages: GeneratedPackage[]): Promise<void> {
  if (packages.length === 0) return;
  for (const pkg of packages) {
    // Every folder on the way to the package must be a folder (or not exist yet).
    for (let dir = pkg.dir; dir !== dirname(dir); dir = dirname(dir)) {
      if (existsSync(dir) && !statSync(dir).isDirectory()) throw new OutputError(`cannot write ${pkg.name} to ${pkg.dir}: ${dir} exists and is not a folder`);
    }
  }
  const root = commonParent(packages.map((p) => p.dir));
  try {
    await makeDirs(root);
    const release = await lock(join(root, LOCK_FILE));
    try {
      await swapIn(root, packages);
    } finally {
      await release();
    }
  } catch (error) {
    if (error instanceof OutputError) throw error;
    const e = error as NodeJS.ErrnoException;
    if (typeof e.code !== "string") throw error;
    // EACCES, EROFS, ENOSPC, ENOENT under /proc…: one line saying where, not a stack trace.
    const names = packages.map((p) => p.name).join(", ");
    throw new OutputError(`cannot write ${names} under ${root}: ${e.code}${e.path ? ` (${e.path})` : ""}`);
  }
}

async function swapIn(root: string, packages: GeneratedPackage[]): Promise<void> {
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
        await makeDirs(pkg.dir);
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
          await makeDirs(dirname(target));
          await rename(staged, target);
          placed.push(target);
        }
      }
      for (const file of pkg.scaffold) {
        const target = join(pkg.dir, file.path);
        if (!existsSync(target)) {
          await makeDirs(dirname(target));
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

/**
 * `mkdir -p`, one level at a time. Node's `mkdir(…, { recursive: true })` never returns for a
 * path under `/proc` (it retries the parent forever); this fails with the first level's error.
 */
async function makeDirs(dir: string): Promise<void> {
  const missing: string[] = [];
  for (let d = dir; !existsSync(d) && d !== dirname(d); d = dirname(d)) missing.push(d);
  for (const d of missing.reverse()) {
    await mkdir(d).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== "EEXIST") throw error;
    });
  }
}

/** How long a run waits for another to finish its swap (which takes seconds) before giving up. */
const LOCK_WAIT_MS = 10 * 60_000;

/**
 * Takes the lock file (created exclusively, holding our pid) and returns its release. A lock left
 * by a process that no longer runs is taken over; one held longer than {@link LOCK_WAIT_MS} is an
 * error naming the file.
 */
async function lock(file: string): Promise<() => Promise<void>> {
  const token = `${process.pid} ${randomUUID()}\n`;
  const started = Date.now();
  for (let attempt = 0; ; attempt++) {
    try {
      const handle = await open(file, "wx");
      await handle.writeFile(token);
      await handle.close();
      return async () => {
        // Only our own lock: never one a later run took over.
        if ((await readFile(file, "utf8").catch(() => "")) === token) await unlink(file).catch(() => undefined);
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    const holder = await readFile(file, "utf8").catch(() => "");
    const pid = Number(holder.split(" ")[0]);
    if (holder && Number.isInteger(pid) && pid > 0 && !isRunning(pid)) {
      await unlink(file).catch(() => undefined);
      continue;
    }
    if (Date.now() - started > LOCK_WAIT_MS) {
      throw new OutputError(`another sdkgen run (pid ${pid || "unknown"}) has held ${file} for ${Math.round(LOCK_WAIT_MS / 60_000)} minutes; delete the file if no run is active`);
    }
    await new Promise((done) => setTimeout(done, Math.min(200, 10 * 2 ** Math.min(attempt, 5))));
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
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
