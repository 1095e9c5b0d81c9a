// The two SDKs under test, and the small generated files through which every
// measurement loads them by their package name (as a user would).
//
// Our client is not (yet) a dependency of this package, so `.cache/node_modules/@connect-sdk/client-connect`
// is a symlink to services/connect/client: node and esbuild then resolve the bare specifier with the
// package's own `exports`, and its dependencies from services/connect/client/node_modules.
import { existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { pathToFileURL } from "node:url";
import { CACHE_DIR, CASES_CLIENT_DIR, CLIENT_DIR } from "./paths.mjs";
import { firstLine, run } from "./util.mjs";

export const SDKS = [
  { id: "ours", label: "@connect-sdk/client-connect", specifier: "@connect-sdk/client-connect", cases: "@connect-sdk/client-connectcases" },
  { id: "theirs", label: "@aws-sdk/client-connect@3.1136.0", specifier: "@aws-sdk/client-connect", cases: "@aws-sdk/client-connectcases" },
];

/** Every file path named by a package.json `exports` value (any condition). */
function exportTargets(value) {
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.flatMap(exportTargets);
  if (value && typeof value === "object") return Object.values(value).flatMap(exportTargets);
  return [];
}

/**
 * Is services/connect/client built? Returns { ok: true } or { ok: false, reason }.
 * Checks dist/ and every file that `exports["."]` (or main/module) points at.
 */
export function checkOurClient() {
  const pkgPath = join(CLIENT_DIR, "package.json");
  if (!existsSync(pkgPath)) return { ok: false, reason: "services/connect/client/package.json does not exist" };
  if (!existsSync(join(CLIENT_DIR, "dist"))) return { ok: false, reason: "services/connect/client/dist is missing" };
  const pkg = JSON.parse(readFileSync(pkgPath, "utf8"));
  const root = pkg.exports && typeof pkg.exports === "object" && "." in pkg.exports ? pkg.exports["."] : pkg.exports;
  const targets = [...exportTargets(root ?? []), pkg.main, pkg.module].filter(Boolean);
  if (targets.length === 0) return { ok: false, reason: "services/connect/client/package.json names no entry point" };
  const missing = [...new Set(targets)].filter((t) => !existsSync(join(CLIENT_DIR, t)));
  if (missing.length) return { ok: false, reason: `services/connect/client is missing ${missing.join(", ")}` };
  return { ok: true, version: pkg.version };
}

function write(file, text) {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
}

/**
 * Writes, for each SDK:
 *   .cache/entry-<id>.mjs  import + construct + one send (cold start runs it, esbuild bundles it)
 *   .cache/sdk-<id>.mjs    re-exports the two classes (the throughput child imports it)
 * and the symlink for our client. Returns { [id]: { entry, sdkModuleUrl } }.
 */
export function prepareEntries() {
  rmSync(join(CACHE_DIR, "node_modules"), { recursive: true, force: true });
  for (const [name, dir] of [["client-connect", CLIENT_DIR], ["client-connectcases", CASES_CLIENT_DIR]]) {
    const link = join(CACHE_DIR, "node_modules", "@connect-sdk", name);
    mkdirSync(dirname(link), { recursive: true });
    if (existsSync(dir)) symlinkSync(relative(dirname(link), dir), link, "dir");
  }

  const scenario = "../src/scenario.mjs";
  const files = {};
  for (const sdk of SDKS) {
    const entry = join(CACHE_DIR, `entry-${sdk.id}.mjs`);
    write(
      entry,
      `import { ConnectClient, StartAttachedFileUploadCommand } from "${sdk.specifier}";\n` +
        `import { runOnce } from "${scenario}";\n\n` +
        `await runOnce(ConnectClient, StartAttachedFileUploadCommand);\n`,
    );
    const sdkModule = join(CACHE_DIR, `sdk-${sdk.id}.mjs`);
    write(sdkModule, `export { ConnectClient, StartAttachedFileUploadCommand } from "${sdk.specifier}";\n`);
    const allModule = join(CACHE_DIR, `all-${sdk.id}.mjs`);
    write(allModule, `export * from "${sdk.specifier}";\n`);
    // The two-client app: the Connect and the Cases client of the same SDK, one send each.
    const pairEntry = join(CACHE_DIR, `pair-${sdk.id}.mjs`);
    write(
      pairEntry,
      `import { ConnectClient, StartAttachedFileUploadCommand } from "${sdk.specifier}";\n` +
        `import { ConnectCasesClient, CreateRelatedItemCommand } from "${sdk.cases}";\n` +
        `import { runPairOnce } from "${scenario}";\n\n` +
        `await runPairOnce(ConnectClient, StartAttachedFileUploadCommand, ConnectCasesClient, CreateRelatedItemCommand);\n`,
    );
    files[sdk.id] = { entry, pairEntry, sdkModuleUrl: pathToFileURL(sdkModule).href, allModuleUrl: pathToFileURL(allModule).href };
  }
  // The scenario alone (stub handler + input, no SDK): the floor every bundle includes.
  const baseline = join(CACHE_DIR, "entry-baseline.mjs");
  write(baseline, `import { createStubHandler, INPUT } from "${scenario}";\n\nconsole.log(createStubHandler(), INPUT);\n`);
  files.baseline = { entry: baseline };
  return files;
}

/**
 * How many operations each client offers (its exported `…Command` classes), so that the
 * table says what is being compared. Returns { [id]: number | { error } }.
 */
export function countCommands(entries, ids) {
  const counts = {};
  for (const id of ids) {
    const script = `const m = await import(${JSON.stringify(entries[id].allModuleUrl)});
      console.log(Object.keys(m).filter((k) => /^[A-Z]\\w*Command$/.test(k) && typeof m[k] === "function").length);`;
    const res = run(process.execPath, ["--input-type=module", "-e", script], { timeout: 60_000 });
    counts[id] = res.status === 0 ? Number(res.stdout.trim()) : { error: firstLine(res.stderr || `exit ${res.status}`) };
  }
  return counts;
}
