/**
 * `sdkgen diff`: compares two models and prints the changes by severity.
 *
 * Exit codes: 0 compared (nothing at or above `--fail-on`), 1 changes at or
 * above `--fail-on` (or a model with problems), 2 usage or source errors.
 */
import { existsSync } from "node:fs";
import { relative, resolve } from "node:path";
import { parseArgs } from "node:util";
import { CONFIG_FILE, loadConfig } from "../config/config.js";
import { buildIR } from "../ir/build.js";
import type { ServiceIR } from "../ir/types.js";
import { ModelError } from "../load/problems.js";
import { diffIR } from "./compare.js";
import { diffToJson, formatDiff } from "./report.js";
import { type ModelSource, SourceError, modelAtRef, readModelFile, readModelSource } from "./source.js";
import { type ModelDiff, hasChangesAtLeast, isSeverity, severityRank } from "./types.js";

export const DIFF_USAGE = `  sdkgen diff <old model> <new model> [--service <id>] [--operations <id,id>] [--config <file>]
  sdkgen diff [--base <ref>] [<new model>] [--config sdkgen.config.json]
      models are files or <git ref>:<path>; --base reads the configured model at <ref> (default HEAD)
      [--json] [--fail-on major|minor|patch]   exit 1 when a change at or above that severity is found`;

export interface DiffRun {
  diff: ModelDiff;
  labels: { old: string; new: string };
}

export interface DiffArgs {
  old?: string;
  new?: string;
  base?: string;
  config?: string;
  service?: string;
  operations?: string[];
  cwd?: string;
}

/**
 * Resolves the two models the way the command does and compares them:
 * two sources, or the configured model at `base` (default `HEAD`) against
 * `new` (default: the configured model on disk).
 */
export async function runDiff(args: DiffArgs): Promise<DiffRun> {
  const cwd = args.cwd ?? process.cwd();
  if (args.old !== undefined) {
    if (args.new === undefined) throw new SourceError("two models are needed: <old model> <new model>");
    const config = args.config ? await loadConfig(resolve(cwd, args.config)) : undefined;
    const service = args.service ?? config?.service;
    const operations = args.operations ?? config?.operations;
    const before = await readModelSource(args.old, cwd);
    const after = await readModelSource(args.new, cwd);
    return compare(before, after, { service, operations }, { service, operations });
  }
  const configFile = resolve(cwd, args.config ?? CONFIG_FILE);
  if (!existsSync(configFile)) throw new SourceError(`no ${CONFIG_FILE} in ${cwd}; pass two models, or --config`);
  const config = await loadConfig(configFile);
  const ref = args.base ?? "HEAD";
  const before = modelAtRef(ref, configFile, config.model);
  const label = (typeof config.model === "string" ? [config.model] : config.model).map((m) => relative(cwd, m) || m).join(", ");
  const after = args.new !== undefined ? await readModelSource(args.new, cwd) : { label, model: await readModelFile(config.model, label) };
  const service = args.service ?? config.service;
  return compare(
    before,
    after,
    { service: args.service ?? before.config?.service ?? service, operations: args.operations ?? (before.config ? before.config.operations : config.operations) },
    { service, operations: args.operations ?? config.operations },
  );
}

/** The command: parses `args` (what follows `diff`), prints the report, returns the exit code. */
export async function diffCommand(args: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      strict: true,
      options: {
        base: { type: "string" },
        config: { type: "string" },
        service: { type: "string" },
        operations: { type: "string" },
        json: { type: "boolean" },
        "fail-on": { type: "string" },
        help: { type: "boolean", short: "h" },
      },
    });
  } catch (error) {
    return usage((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    console.log(`Usage:\n${DIFF_USAGE}`);
    return 0;
  }
  const failOn = values["fail-on"];
  if (failOn !== undefined && !isSeverity(failOn)) return usage(`--fail-on must be major, minor or patch, not ${JSON.stringify(failOn)}`);
  if (positionals.length > 2) return usage("at most two models");
  if (values.base !== undefined && positionals.length > 1) return usage("--base takes at most one model (the new one)");
  const twoModels = positionals.length === 2;
  let run: DiffRun;
  try {
    run = await runDiff({
      old: twoModels ? positionals[0] : undefined,
      new: twoModels ? positionals[1] : positionals[0],
      base: values.base,
      config: values.config,
      service: values.service,
      operations: values.operations?.split(",").map((s) => s.trim()).filter(Boolean),
    });
  } catch (error) {
    if (error instanceof SourceError) {
      console.error(`sdkgen diff: ${error.message}`);
      return 2;
    }
    throw error;
  }
  process.stdout.write(values.json ? diffToJson(run.diff, run.labels) : formatDiff(run.diff, run.labels));
  if (failOn && hasChangesAtLeast(run.diff, failOn)) {
    const n = run.diff.changes.filter((c) => severityRank(c.severity) >= severityRank(failOn)).length;
    console.error(`sdkgen diff: ${n} change(s) at or above ${failOn} (--fail-on ${failOn})`);
    return 1;
  }
  return 0;
}

function usage(message: string): number {
  console.error(`sdkgen diff: ${message}\nUsage:\n${DIFF_USAGE}`);
  return 2;
}

type Selection = { service?: string; operations?: readonly string[] };

function compare(before: ModelSource, after: ModelSource, oldSelection: Selection, newSelection: Selection): DiffRun {
  return { diff: diffIR(build(before, oldSelection), build(after, newSelection)), labels: { old: before.label, new: after.label } };
}

/** The IR of one side; its problems are reported against that side's label. */
function build(source: ModelSource, selection: Selection): ServiceIR {
  try {
    return buildIR(source.model, selection);
  } catch (error) {
    if (error instanceof ModelError) throw new ModelError(error.problems, error.file ?? source.label);
    throw error;
  }
}
