#!/usr/bin/env node
// `pnpm bench`: measures @connect-sdk/client-connect against @aws-sdk/client-connect@3.1136.0 and
// prints one table; writes bench/results.json (and BENCHMARKS.md with --write-md).
//
// Options:
//   --only=bundle,cold,warm,install,gen,pair   run only these measurements (pair: the Connect and
//                                         Cases clients together: bundle, cold start, install)
//   --quick                               fewer rounds/runs (for trying the bench itself)
//   --theirs-only                         run without our client (its rows are n/a)
//   --write-md                            also rewrite BENCHMARKS.md from the results
//   --keep-temp                           keep the temp npm projects of the install measurement
import { createRequire } from "node:module";
import { cpus, loadavg, platform, release, totalmem } from "node:os";
import { writeFileSync } from "node:fs";
import { relative } from "node:path";
import { measureBundles } from "./measure-bundle.mjs";
import { measureColdStart } from "./measure-cold-start.mjs";
import { measureGeneration } from "./measure-generation.mjs";
import { measureInstall, THEIRS_CASES_SPEC, THEIRS_SPEC } from "./measure-install.mjs";
import { measureThroughput } from "./measure-throughput.mjs";
import { BENCH_DIR, RESULTS_FILE, REPO_ROOT } from "./paths.mjs";
import { buildRows, renderTable, summary } from "./report.mjs";
import { checkOurClient, countCommands, prepareEntries } from "./sdks.mjs";
import { writeBenchmarksMd } from "./update-benchmarks-md.mjs";
import { firstLine, log } from "./util.mjs";

const ALL = ["bundle", "cold", "warm", "install", "gen", "pair"];
const argv = process.argv.slice(2);
const flag = (name) => argv.includes(`--${name}`);
const only = argv.find((a) => a.startsWith("--only="))?.slice("--only=".length).split(",") ?? ALL;
const unknown = only.filter((o) => !ALL.includes(o));
if (unknown.length) {
  console.error(`unknown measurement(s): ${unknown.join(", ")} (known: ${ALL.join(", ")})`);
  process.exit(2);
}
const quick = flag("quick");

// --- preconditions -------------------------------------------------------------------------
const require = createRequire(`${BENCH_DIR}/package.json`);
for (const dep of ["esbuild", "@aws-sdk/client-connect", "@aws-sdk/client-connectcases", "@smithy/protocol-http"]) {
  try {
    require.resolve(dep);
  } catch {
    console.error(`bench: ${dep} is not installed. Run \`npx -y pnpm@10.34.9 install\` at the repo root first.`);
    process.exit(1);
  }
}

const client = checkOurClient();
if (!client.ok && !flag("theirs-only")) {
  console.error(
    [
      "",
      `bench: our client is not built (${client.reason}).`,
      "Build the workspace first, at the repo root:",
      "",
      "    npx -y pnpm@10.34.9 install && npx -y pnpm@10.34.9 build",
      "",
      "(see the README's quick start), then run `pnpm bench` again.",
      "To measure @aws-sdk/client-connect alone, run `pnpm bench --theirs-only`.",
      "",
    ].join("\n"),
  );
  process.exit(1);
}
const measureOurs = client.ok && !flag("theirs-only");
const ids = measureOurs ? ["ours", "theirs"] : ["theirs"];
if (!measureOurs) log(`our client: not measured (${client.ok ? "--theirs-only" : client.reason}); its rows are n/a`);

// --- measurements --------------------------------------------------------------------------
const cores = cpus().length;
const loadAtStart = loadavg()[0];
if (loadAtStart > cores / 2) {
  log(`warning: 1-minute load average is ${loadAtStart.toFixed(2)} on ${cores} cores; timings will be noisy`);
}
const entries = prepareEntries();
const measurements = { operations: countCommands(entries, ids) };
const started = Date.now();

async function step(name, key, fn) {
  if (!only.includes(name)) return;
  const t0 = Date.now();
  log(`${key}…`);
  try {
    measurements[key] = await fn();
  } catch (error) {
    measurements[key] = { error: firstLine(error) };
  }
  log(`${key} done in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}

await step("bundle", "bundle", () => measureBundles(entries, ids));
await step("cold", "coldStart", () =>
  measureColdStart(entries, ids, quick ? { rounds: 5, warmup: 1 } : { rounds: 20, warmup: 2 }),
);
await step("warm", "throughput", () =>
  measureThroughput(entries, ids, quick ? { runs: 3, runMs: 500, warmupMs: 1000 } : { runs: 7, runMs: 1000, warmupMs: 2000 }),
);
await step("install", "install", () => measureInstall(ids, { keep: flag("keep-temp") }));
await step("gen", "generation", () => measureGeneration({ repeat: quick ? 1 : 3 }));
// An app that uses the Connect and the Cases client together, against the AWS SDK's two clients.
await step("pair", "pair", async () => {
  const pairEntries = { baseline: entries.baseline };
  for (const id of ids) pairEntries[id] = { entry: entries[id].pairEntry };
  return {
    bundle: await measureBundles(pairEntries, ids, { prefix: "pair-" }),
    coldStart: measureColdStart(pairEntries, ids, quick ? { rounds: 5, warmup: 1 } : { rounds: 20, warmup: 2 }),
    install: measureInstall(ids, { keep: flag("keep-temp"), pair: true }),
  };
});

// --- report --------------------------------------------------------------------------------
const { rows, notes } = buildRows(measurements);
if (loadAtStart > cores / 2) notes.push(`the machine was busy at the start (load average ${loadAtStart.toFixed(2)} on ${cores} cores)`);
const cpu = cpus();
const results = {
  date: new Date().toISOString(),
  machine: {
    cpu: cpu[0]?.model ?? "unknown",
    cores: cpu.length,
    memoryGiB: Math.round(totalmem() / 1024 ** 3),
    os: `${platform()} ${release()}`,
    node: process.version,
    loadAverage: { start: Number(loadAtStart.toFixed(2)), end: Number(loadavg()[0].toFixed(2)) },
  },
  sdks: {
    ours: measureOurs ? `@connect-sdk/client-connect@${client.version}` : `not measured: ${client.ok ? "--theirs-only" : client.reason}`,
    theirs: THEIRS_SPEC,
    theirsCases: THEIRS_CASES_SPEC,
  },
  options: { only, quick },
  durationSeconds: Math.round((Date.now() - started) / 1000),
  rows,
  notes,
  measurements,
};
writeFileSync(RESULTS_FILE, JSON.stringify(results, null, 2) + "\n");

console.log("");
console.log(renderTable(rows, { oursLabel: "ours", theirsLabel: "theirs" }));
console.log("");
console.log(`ours = ${results.sdks.ours}; theirs = ${THEIRS_SPEC}`);
for (const note of notes) console.log(`note: ${note}`);
console.log(summary(rows));
console.log(
  `${results.machine.cpu}, ${results.machine.cores} cores, node ${results.machine.node}; ` +
    `${results.durationSeconds} s; wrote ${relative(REPO_ROOT, RESULTS_FILE)}`,
);

if (flag("write-md")) {
  const file = writeBenchmarksMd(results);
  console.log(`wrote ${relative(REPO_ROOT, file)}`);
}
