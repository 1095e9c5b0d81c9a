#!/usr/bin/env node
// pnpm changeset:model [--base <ref>] [--config sdkgen.config.json] [--service <name>] [--dry-run]
//
// For every service in sdkgen.config.json (or the one --service names), diffs its model against
// its version at <ref> (default HEAD, i.e. the last commit: run it before committing a model change;
// use --base HEAD~1 after committing) and writes one changeset per affected generated package into
// .changeset/, with the bump the diff calls for (see codegen/src/diff) and a summary for the
// package's consumers. A service the config at <ref> did not list is new: each of its packages
// gets a "first release" changeset (minor, as the first releases of the others had).
//
// While a package is 0.x, a breaking change bumps its minor version (npm's caret convention: ^0.3.1
// accepts 0.3.x only), not its major; from 1.0.0 on, the bump is the diff's.
//
// Files are named model-<package>-<base sha>.md: running it again against the same base replaces
// them (and removes those of packages no longer affected), so it can be rerun as the model evolves.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { parseArgs } from "node:util";

const codegen = new URL("../codegen/dist/index.js", import.meta.url);
if (!existsSync(codegen)) {
  console.error("changeset:model: the generator is not built; run `cd codegen && npx tsup` (or `pnpm test`) first");
  process.exit(2);
}
const { runDiffs, planChangesets, renderChangeset, CONFIG_FILE, SourceError, ModelError, formatProblem } = await import(codegen.href);

const { values } = parseArgs({
  options: { base: { type: "string" }, config: { type: "string" }, service: { type: "string" }, "dry-run": { type: "boolean" }, help: { type: "boolean", short: "h" } },
  strict: true,
});
if (values.help) {
  console.log("Usage: pnpm changeset:model [--base <ref>] [--config sdkgen.config.json] [--service <name>] [--dry-run]");
  process.exit(0);
}

const base = values.base ?? "HEAD";
const configFile = resolve(values.config ?? CONFIG_FILE);
const root = dirname(configFile);

try {
  const runs = await runDiffs({ base, config: configFile, service: values.service });
  const sha = execFileSync("git", ["rev-parse", "--short", `${base}^{commit}`], { cwd: root, encoding: "utf8" }).trim();
  const dir = join(root, ".changeset");
  const fileFor = (name) => `model-${name.replace(/^@/, "").replace(/[^A-Za-z0-9]+/g, "-")}-${sha}.md`;
  let unchanged = 0;
  for (const { config, run } of runs) {
    const packages = Object.values(config.packages);
    const plans = run ? planChangesets(run.diff, config.packages, currentVersions(config.packages)) : packages.map((p) => firstRelease(p, config));
    if (run && run.diff.changes.length === 0) {
      console.log(`changeset:model: ${run.labels.new} has no changes against ${run.labels.old}; nothing to write.`);
      unchanged++;
    } else if (run) {
      const { diff, labels } = run;
      console.log(`changeset:model: ${labels.old} → ${labels.new}: ${diff.counts.major} major, ${diff.counts.minor} minor, ${diff.counts.patch} patch`);
    } else {
      console.log(`changeset:model: ${config.name ?? config.service} is a new service (not in the config at ${base}): first releases of ${packages.map((p) => p.name).join(", ")}`);
    }
    if (!values["dry-run"]) {
      mkdirSync(dir, { recursive: true });
      const planned = new Set(plans.map((p) => fileFor(p.package)));
      const stale = packages.map((p) => fileFor(p.name)).filter((f) => !planned.has(f));
      for (const file of readdirSync(dir)) if (stale.includes(file)) rmSync(join(dir, file));
    }
    for (const plan of plans) {
      const file = fileFor(plan.package);
      if (values["dry-run"]) {
        console.log(`\n--- .changeset/${file}\n${renderChangeset(plan)}`);
      } else {
        writeFileSync(join(dir, file), renderChangeset(plan));
        const why = plan.bump !== plan.diffBump ? ` (${plan.diffBump} change; ${plan.package} is at ${plan.version}, and 0.x bumps the minor)` : "";
        console.log(`  wrote .changeset/${file}: ${plan.package} ${plan.bump}${why}`);
      }
    }
  }
  if (unchanged === runs.length && base === "HEAD") console.log("  (Already committed the model change? Pass --base HEAD~1.)");
} catch (error) {
  if (error instanceof SourceError) {
    console.error(`changeset:model: ${error.message}`);
    process.exit(2);
  }
  if (error instanceof ModelError) {
    for (const p of error.problems) console.error(formatProblem(p, error.file));
    process.exit(1);
  }
  throw error;
}

/** The changeset of a package of a service that is new since the base: its first release. */
function firstRelease(target, config) {
  const models = (typeof config.model === "string" ? [config.model] : config.model).map((m) => relative(root, m)).join(", ");
  return { package: target.name, bump: "minor", diffBump: "minor", summary: `First release, generated from ${models}.\n`, changes: [] };
}

/** Package name → the version in its package.json (absent when the package is not generated yet). */
function currentVersions(packages) {
  const out = {};
  for (const p of Object.values(packages)) {
    try {
      out[p.name] = JSON.parse(readFileSync(resolve(root, p.dir, "package.json"), "utf8")).version;
    } catch {
      // Not generated yet: it starts at its first version, and takes the diff's bump.
    }
  }
  return out;
}
