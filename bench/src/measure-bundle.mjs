// 1. Bundle size: esbuild bundles + minifies (ESM) the entry that constructs the client and
// sends one command, for the browser and for node (module-first: mainFields module,main).
// Reports raw, gzip (level 9) and brotli (quality 11) bytes. Each node bundle is then run
// once in node to prove that it still works (the entry asserts the parsed output; Node 20
// has fetch, WebCrypto and TextEncoder, so the browser bundle runs there too).
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { brotliCompressSync, constants as zlib, gzipSync } from "node:zlib";
import * as esbuild from "esbuild";
import { CACHE_DIR } from "./paths.mjs";
import { firstLine, run } from "./util.mjs";

export const PLATFORMS = {
  browser: { platform: "browser" },
  node: { platform: "node", mainFields: ["module", "main"] },
};

export function sizes(bytes) {
  return {
    raw: bytes.byteLength,
    gzip: gzipSync(bytes, { level: 9 }).byteLength,
    brotli: brotliCompressSync(bytes, {
      params: {
        [zlib.BROTLI_PARAM_QUALITY]: 11,
        [zlib.BROTLI_PARAM_SIZE_HINT]: bytes.byteLength,
      },
    }).byteLength,
  };
}

/** The biggest packages in a bundle, from esbuild's metafile (bytes of minified output). */
function topPackages(metafile, limit = 8) {
  const byPackage = new Map();
  for (const output of Object.values(metafile.outputs)) {
    for (const [file, { bytesInOutput }] of Object.entries(output.inputs)) {
      const m = file.match(/node_modules\/((?:@[^/]+\/)?[^/]+)\/(?!.*node_modules\/)/);
      const name = m ? m[1] : file.includes("services/connect/client/") ? "(services/connect/client)" : "(bench scenario)";
      byPackage.set(name, (byPackage.get(name) ?? 0) + bytesInOutput);
    }
  }
  return Object.fromEntries([...byPackage].sort((a, b) => b[1] - a[1]).slice(0, limit));
}

async function bundleOne(entry, platform) {
  const result = await esbuild.build({
    entryPoints: [entry],
    bundle: true,
    minify: true,
    format: "esm",
    target: "es2022",
    write: false,
    metafile: true,
    logLevel: "silent",
    legalComments: "none",
    define: { "process.env.NODE_ENV": '"production"' },
    ...PLATFORMS[platform],
  });
  return { code: result.outputFiles[0].contents, metafile: result.metafile };
}

/** Runs a bundle in a fresh node process; returns null when it worked, else the error line. */
function smokeRun(file) {
  const res = run(process.execPath, [file], { timeout: 60_000 });
  return res.status === 0 ? null : firstLine(res.stderr || res.stdout || `exit ${res.status}`);
}

/**
 * @param entries { [id]: { entry } } from prepareEntries(), incl. "baseline"
 * @param ids the SDK ids to measure (others are reported n/a by the caller)
 * @returns { [platform]: { [id]: { raw, gzip, brotli, top, runs } | { error } } }
 */
export async function measureBundles(entries, ids, { prefix = "" } = {}) {
  const outDir = join(CACHE_DIR, "bundles");
  mkdirSync(outDir, { recursive: true });
  const results = {};
  for (const platform of Object.keys(PLATFORMS)) {
    results[platform] = {};
    for (const id of [...ids, "baseline"]) {
      try {
        const { code, metafile } = await bundleOne(entries[id].entry, platform);
        const file = join(outDir, `${prefix}${id}-${platform}.mjs`);
        writeFileSync(file, code);
        const row = { ...sizes(code), top: topPackages(metafile) };
        if (id !== "baseline") {
          const error = smokeRun(file);
          row.runs = error === null;
          if (error) row.runError = error;
        }
        results[platform][id] = row;
      } catch (error) {
        results[platform][id] = { error: firstLine(error) };
      }
    }
  }
  return results;
}
