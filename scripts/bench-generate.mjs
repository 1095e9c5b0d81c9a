#!/usr/bin/env node
// Times `sdkgen generate --model <m> --out <tmp>` on the whole upstream models
// (a fresh node process per run, as a user would run it) and prints the median
// wall time and the cost per operation.
//
//   node scripts/bench-generate.mjs [--runs 5]
//
// Needs a built generator (`cd codegen && npx tsup`). The models are read from
// $CONNECT_SDK_SHARED/upstream (default: ../shared next to the repo).
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

const repo = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const shared = process.env.CONNECT_SDK_SHARED ?? resolve(repo, "../shared");
const cli = join(repo, "codegen/dist/cli.js");
const { values } = parseArgs({ options: { runs: { type: "string", default: "5" } } });
const runs = Math.max(1, Number(values.runs) || 5);

const MODELS = [
  { label: "connect (whole)", file: join(shared, "upstream/connect.json") },
  { label: "connectcases (whole)", file: join(shared, "upstream/connectcases.json") },
];

if (!existsSync(cli)) {
  console.error(`bench-generate: ${cli} not found; build it with \`cd codegen && npx tsup\``);
  process.exit(1);
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};

let failed = false;
for (const { label, file } of MODELS) {
  if (!existsSync(file)) {
    console.log(`${label}: model not found at ${file} (set CONNECT_SDK_SHARED)`);
    failed = true;
    continue;
  }
  const model = JSON.parse(readFileSync(file, "utf8"));
  const operations = Object.values(model.shapes).filter((s) => s.type === "operation").length;
  const samples = [];
  for (let i = 0; i < runs; i++) {
    const out = mkdtempSync(join(tmpdir(), "sdkgen-bench-"));
    try {
      const started = process.hrtime.bigint();
      const res = spawnSync(process.execPath, [cli, "generate", "--quiet", "--model", file, "--out", out], { encoding: "utf8" });
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      if (res.status !== 0) {
        console.log(`${label}: sdkgen failed (exit ${res.status}): ${(res.stderr || res.stdout).split("\n")[0]}`);
        failed = true;
        break;
      }
      samples.push(ms);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  }
  if (samples.length === 0) continue;
  const m = median(samples);
  console.log(
    `${label}: ${operations} operations, median ${m.toFixed(0)} ms over ${samples.length} runs ` +
      `(min ${Math.min(...samples).toFixed(0)}, max ${Math.max(...samples).toFixed(0)}), ${(m / operations).toFixed(2)} ms/operation`,
  );
}
process.exitCode = failed ? 1 : 0;
