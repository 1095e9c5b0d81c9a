#!/usr/bin/env node
/**
 * How long `sdkgen` takes to parse and load the full Amazon Connect model
 * written as IDL (../shared/smithy/bench/connect-idl: 1.3 MB plus the trait
 * definitions it uses), and how much memory it needs. Not a test.
 *
 *   node bench/src/idl-load.mjs [--rounds N]
 *
 * Three figures, each in fresh processes (the median of N):
 *   - first load: read + parse + merge + check, the first time in a process (what a CLI run pays);
 *   - warm load: the same once the code is optimised (the 5th load in a process);
 *   - `sdkgen ast` end to end: the whole process, Node start-up and JSON output included.
 * Peak memory is the resident set size of the `sdkgen ast` process. Load times come with their CPU
 * time, the steadier figure on a shared machine.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { cpus } from "node:os";
import { fileURLToPath } from "node:url";
import { writeSection } from "./sections.mjs";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const SHARED = process.env.CONNECT_SDK_SHARED ?? fileURLToPath(new URL("../../../shared", import.meta.url));
const MODEL = `${SHARED}/smithy/bench/connect-idl`;
const CLI = `${ROOT}codegen/dist/cli.js`;
const DIST = `${ROOT}codegen/dist/index.js`;
const roundsAt = process.argv.indexOf("--rounds");
const rounds = roundsAt > 0 ? Number(process.argv[roundsAt + 1]) : 7;

if (!existsSync(CLI)) throw new Error("build the generator first: pnpm --filter @connect-sdk/codegen build");
if (!existsSync(MODEL)) throw new Error(`no ${MODEL}`);

const child = `
  const { loadModelSources } = await import(${JSON.stringify(DIST)});
  const times = [];
  const cpu = [];
  for (let i = 0; i < 5; i++) {
    const c = process.cpuUsage();
    const t = performance.now();
    const { model } = await loadModelSources([${JSON.stringify(MODEL)}]);
    times.push(performance.now() - t);
    const u = process.cpuUsage(c);
    cpu.push((u.user + u.system) / 1000);
    if (Object.keys(model.shapes).length < 2500) throw new Error("incomplete model");
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
  const r = spawnSync("/usr/bin/time", ["-f", "%M", process.execPath, CLI, "ast", MODEL], { encoding: "utf8", maxBuffer: 1 << 28 });
  endToEnd.push(performance.now() - t);
  if (r.status !== 0) throw new Error(r.stderr);
  rss.push(Number(r.stderr.trim().split("\n").pop()));
}
const ms = (x) => `${Math.round(x)} ms`;
console.log(`connect-idl (${rounds} processes, medians)`);
// CPU time (all threads, GC included) is printed too: on a busy machine it is the steadier figure.
console.log(`  parse + load, first in a process : ${ms(median(runs.map((r) => r.first)))} (CPU ${ms(median(runs.map((r) => r.firstCpu)))})`);
console.log(`  parse + load, warm               : ${ms(median(runs.map((r) => r.warm)))} (CPU ${ms(median(runs.map((r) => r.warmCpu)))})`);
console.log(`  sdkgen ast, whole process        : ${ms(median(endToEnd))}`);
console.log(`  peak RSS of sdkgen ast           : ${Math.round(median(rss) / 1024)} MiB`);

const firstCpu = median(runs.map((r) => r.firstCpu));
writeSection(
  "idl-load",
  `## The Smithy language: loading the full Connect model as IDL

\`node bench/src/idl-load.mjs\` (${new Date().toISOString().slice(0, 10)}, ${cpus().length} cores, node ${process.version}): \`../shared/smithy/bench/connect-idl\`
(1.3 MB of IDL plus the trait definitions it uses), read, parsed, merged and checked by \`sdkgen\`; medians of ${rounds}
fresh processes. Target: parse and load in ≤ 0.3 s.

| Measure | wall | CPU |
|---|---:|---:|
| parse + load, first in a process | ${ms(median(runs.map((r) => r.first)))} | ${ms(firstCpu)} |
| parse + load, warm | ${ms(median(runs.map((r) => r.warm)))} | ${ms(median(runs.map((r) => r.warmCpu)))} |
| \`sdkgen ast\`, whole process (Node start-up, JSON output) | ${ms(median(endToEnd))} | |
| peak RSS of \`sdkgen ast\` | ${Math.round(median(rss) / 1024)} MiB | |

Target ≤ 0.3 s (first load, CPU): ${firstCpu <= 300 ? "pass" : "FAIL"}. The Smithy CLI (a JVM program) could not be measured beside
it: no Smithy jar is on this machine and no Maven repository is reachable from it.`,
);
