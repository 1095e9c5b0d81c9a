#!/usr/bin/env node
/**
 * How long `sdkgen`'s validate stage takes on the full Amazon Connect model
 * (../shared/upstream/connect.json, 370 operations), and how much memory
 * `sdkgen validate` needs. Not a test.
 *
 *   node bench/src/validate.mjs [--rounds N]
 *
 * Figures, each the median over N fresh processes:
 *   - first validation: Smithy's validators over the parsed JSON AST (JSON parsing not included),
 *     the first time in a process (what a CLI run pays), with its CPU time, the steadier figure on
 *     a shared machine;
 *   - warm validation: the same once the code is optimised (the 5th run in a process);
 *   - `sdkgen validate` end to end: the whole process (Node start-up, reading and parsing the file);
 *     peak memory is that process's resident set size.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { cpus } from "node:os";
import { fileURLToPath } from "node:url";
import { writeSection } from "./sections.mjs";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const SHARED = process.env.CONNECT_SDK_SHARED ?? fileURLToPath(new URL("../../../shared", import.meta.url));
const MODEL = `${SHARED}/upstream/connect.json`;
const CLI = `${ROOT}codegen/dist/cli.js`;
const DIST = `${ROOT}codegen/dist/index.js`;
const roundsAt = process.argv.indexOf("--rounds");
const rounds = roundsAt > 0 ? Number(process.argv[roundsAt + 1]) : 7;

if (!existsSync(CLI)) throw new Error("build the generator first: pnpm --filter @connect-sdk/codegen build");
if (!existsSync(MODEL)) throw new Error(`no ${MODEL}`);

const child = `
  const { readFileSync } = await import("node:fs");
  const { validateSmithyModel } = await import(${JSON.stringify(DIST)});
  const text = readFileSync(${JSON.stringify(MODEL)}, "utf8");
  const times = [];
  const cpu = [];
  for (let i = 0; i < 5; i++) {
    const json = JSON.parse(text);
    const c = process.cpuUsage();
    const t = performance.now();
    const events = validateSmithyModel(json);
    times.push(performance.now() - t);
    const u = process.cpuUsage(c);
    cpu.push((u.user + u.system) / 1000);
    if (events.some((e) => e.severity === "ERROR")) throw new Error("the Connect model should validate");
  }
  console.log(JSON.stringify({ first: times[0], warm: times[4], firstCpu: cpu[0], warmCpu: cpu[4] }));
`;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const runs = [];
for (let i = 0; i < rounds; i++) runs.push(JSON.parse(execFileSync(process.execPath, ["--input-type=module", "-e", child], { encoding: "utf8" })));

const endToEnd = [];
const rss = [];
for (let i = 0; i < rounds; i++) {
  const t = performance.now();
  const r = spawnSync("/usr/bin/time", ["-f", "%M", process.execPath, CLI, "validate", MODEL], { encoding: "utf8" });
  endToEnd.push(performance.now() - t);
  if (r.status !== 0) throw new Error(r.stdout + r.stderr);
  rss.push(Number(r.stderr.trim().split("\n").pop()));
}
const ms = (x) => `${Math.round(x)} ms`;
console.log(`validate upstream/connect.json (${rounds} processes, medians)`);
console.log(`  first validation:        ${ms(median(runs.map((r) => r.first)))} (cpu ${ms(median(runs.map((r) => r.firstCpu)))})`);
console.log(`  warm validation:         ${ms(median(runs.map((r) => r.warm)))} (cpu ${ms(median(runs.map((r) => r.warmCpu)))})`);
console.log(`  sdkgen validate, total:  ${ms(median(endToEnd))}`);
console.log(`  peak RSS (sdkgen validate): ${(median(rss) / 1024).toFixed(0)} MiB`);

const firstCpu = median(runs.map((r) => r.firstCpu));
writeSection(
  "validate",
  `## The Smithy language: validating the full Connect model

\`node bench/src/validate.mjs\` (${new Date().toISOString().slice(0, 10)}, ${cpus().length} cores, node ${process.version}): Smithy's validators as
\`sdkgen validate\` runs them, over \`../shared/upstream/connect.json\` (370 operations), JSON parsing not included;
medians of ${rounds} fresh processes. Target: ≤ 0.5 s.

| Measure | wall | CPU |
|---|---:|---:|
| first validation in a process | ${ms(median(runs.map((r) => r.first)))} | ${ms(firstCpu)} |
| warm validation | ${ms(median(runs.map((r) => r.warm)))} | ${ms(median(runs.map((r) => r.warmCpu)))} |
| \`sdkgen validate\`, whole process | ${ms(median(endToEnd))} | |
| peak RSS of \`sdkgen validate\` | ${(median(rss) / 1024).toFixed(0)} MiB | |

Target ≤ 0.5 s (first validation, CPU): ${firstCpu <= 500 ? "pass" : "FAIL"}. As above, the Smithy CLI could not be run here.`,
);
