// Locations used by every measurement. Nothing here touches the file system.
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const BENCH_DIR = resolve(dirname(fileURLToPath(import.meta.url)), "..");
export const REPO_ROOT = resolve(BENCH_DIR, "..");
/** Scratch space for generated entry files, bundles and the symlink to our client (git-ignored). */
export const CACHE_DIR = join(BENCH_DIR, ".cache");
export const RESULTS_FILE = join(BENCH_DIR, "results.json");
export const BENCHMARKS_MD = join(REPO_ROOT, "BENCHMARKS.md");

/** Our client package; CONNECT_SDK_BENCH_CLIENT_DIR points the bench at another build of it. */
export const CLIENT_DIR = resolve(process.env.CONNECT_SDK_BENCH_CLIENT_DIR ?? join(REPO_ROOT, "services", "connect", "client"));
/** The Cases client, measured together with the Connect client (the two-client rows). */
export const CASES_CLIENT_DIR = resolve(join(REPO_ROOT, "services", "connectcases", "client"));
export const CODEGEN_CLI = join(REPO_ROOT, "codegen", "dist", "cli.js");
/** The read-only folder with upstream models, beside the repo unless CONNECT_SDK_SHARED says otherwise. */
export const SHARED_DIR = resolve(process.env.CONNECT_SDK_SHARED ?? join(REPO_ROOT, "..", "shared"));
export const CONNECT_MODEL = join(SHARED_DIR, "upstream", "connect.json");

/** How to run the pinned pnpm (it isn't necessarily on PATH). */
export const PNPM = { cmd: "npx", args: ["-y", "pnpm@10.34.9"] };
