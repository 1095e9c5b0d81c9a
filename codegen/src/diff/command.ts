/**
 * `sdkgen diff`: compares two models and prints the changes by severity.
 *
 * Exit codes: 0 compared (nothing at or above `--fail-on`), 1 changes at or
 * above `--fail-on` (or a model with problems), 2 usage or source errors.
 */
import { existsSync } from "node:fs";
import { relative, resolve } from "node:path";
import { parseArgs } from "node:util";
import { CONFIG_FILE, type GenerateConfig, type ServicesConfig, loadServices, selectServices } from "../config/config.js";
import { type TraitOverlay, applyTraitOverlay } from "../config/overlay.js";
import type { SmithyModel } from "../load/types.js";
import { buildIR } from "../ir/build.js";
import type { ServiceIR } from "../ir/types.js";
import { ModelError } from "../load/problems.js";
import { diffIR } from "./compare.js";
import { diffToJson, formatDiff } from "./report.js";
import { type ModelSource, SourceError, modelAtRef, readModelFile, readModelSource } from "./source.js";
import { type ModelDiff, hasChangesAtLeast, isSeverity, severityRank } from "./types.js";

export const DIFF_USAGE = `  sdkgen diff <old model> <new model> [--service <id>] [--operations <id,id>] [--config <file>]
  sdkgen diff [--base <ref>] [<new model>] [--config sdkgen.config.json] [--service <name or shape id>]
      models are files or <git ref>:<path>; --base reads each configured service's model at <ref> (default HEAD)
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

/** The diff of one configured service; `run` is undefined when the service is new since the base. */
export interface ServiceDiffRun {
  config: GenerateConfig;
  run?: DiffRun;
}

/**
 * Resolves the two models the way the command does and compares them:
 * two sources, or the configured model at `base` (default `HEAD`) against
 * `new` (default: the configured model on disk). A config of several services
 * needs `service` (a short name, shape id or package name) to pick one; see
 * {@link runDiffs} for all of them.
 */
export async function runDiff(args: DiffArgs): Promise<DiffRun> {
  const cwd = args.cwd ?? process.cwd();
  if (args.old !== undefined) {
    if (args.new === undefined) throw new SourceError("two models are needed: <old model> <new model>");
    const config = args.config ? await pickService(await readConfig(resolve(cwd, args.config)), args.service, true) : undefined;
    const service = config && args.service !== undefined && isSelector(config, args.service) ? config.service : (args.service ?? config?.service);
    const operations = args.operations ?? config?.operations;
    // The config's trait overlay applies to both models, as generation would apply it.
    const before = withOverlay(await readModelSource(args.old, cwd), config?.traits, true);
    const after = withOverlay(await readModelSource(args.new, cwd), config?.traits, false);
    return compare(before, after, { service, operations }, { service, operations });
  }
  const configFile = resolve(cwd, args.config ?? CONFIG_FILE);
  if (!existsSync(configFile)) throw new SourceError(`no ${CONFIG_FILE} in ${cwd}; pass two models, or --config`);
  const config = await pickService(await readConfig(configFile), args.service, false);
  const one = await diffService(config!, configFile, args, cwd);
  if (!one.run) throw new SourceError(`${config!.name ?? config!.service ?? "the service"} is not in the config at ${args.base ?? "HEAD"}: it is new, so there is nothing to compare`);
  return one.run;
}

/**
 * Every configured service (or the one `args.service` names): its model at `base` against the
 * working tree. A service the config at `base` does not list yet comes back without `run`.
 */
export async function runDiffs(args: Omit<DiffArgs, "old">): Promise<ServiceDiffRun[]> {
  const cwd = args.cwd ?? process.cwd();
  const configFile = resolve(cwd, args.config ?? CONFIG_FILE);
  if (!existsSync(configFile)) throw new SourceError(`no ${CONFIG_FILE} in ${cwd}; pass two models, or --config`);
  const all = await readConfig(configFile);
  const services = args.service !== undefined && all.services.some((s) => isSelector(s, args.service!)) ? selectServices(all, args.service) : all.services;
  const runs: ServiceDiffRun[] = [];
  for (const config of services) runs.push(await diffService(config, configFile, services.length === 1 ? args : { ...args, service: undefined }, cwd));
  return runs;
}

async function diffService(config: GenerateConfig, configFile: string, args: DiffArgs, cwd: string): Promise<ServiceDiffRun> {
  const ref = args.base ?? "HEAD";
  const atRef = modelAtRef(ref, configFile, { model: config.model, service: config.service, name: config.name });
  if (!atRef) return { config };
  const label = (typeof config.model === "string" ? [config.model] : config.model).map((m) => relative(cwd, m) || m).join(", ");
  // Each side through the trait overlay it is generated with: the config's at the ref (the
  // current one when the config did not exist there; targets the older model lacks are skipped).
  const before = withOverlay(atRef, atRef.config ? atRef.config.traits : config.traits, true);
  const after = withOverlay(
    args.new !== undefined ? await readModelSource(args.new, cwd) : { label, model: await readModelFile(config.model, label) },
    config.traits,
    false,
  );
  // `--service` overrides the shape id only when it is not what picked the configured service.
  const override = args.service !== undefined && !isSelector(config, args.service) ? args.service : undefined;
  const service = override ?? config.service;
  const run = compare(
    before,
    after,
    { service: override ?? atRef.config?.service ?? service, operations: args.operations ?? (atRef.config ? atRef.config.operations : config.operations) },
    { service, operations: args.operations ?? config.operations },
  );
  return { config, run };
}

async function readConfig(file: string): Promise<ServicesConfig> {
  return loadServices(file);
}

/** Does `select` name this configured service (short name, shape id or package name)? */
function isSelector(config: GenerateConfig, select: string): boolean {
  return config.name === select || config.service === select || Object.values(config.packages).some((p) => p.name === select);
}

/**
 * The configured service `select` names, or the only one. With several and none named: an error,
 * or (`optional`) undefined, for a diff of two files that needs no config.
 */
async function pickService(all: ServicesConfig, select: string | undefined, optional: boolean): Promise<GenerateConfig | undefined> {
  const named = select !== undefined ? all.services.filter((s) => isSelector(s, select)) : [];
  if (named.length === 1) return named[0];
  if (all.services.length === 1) return all.services[0];
  if (optional) return undefined;
  const known = all.services.map((s) => s.name ?? s.service).join(", ");
  throw new SourceError(`${all.services.length} services are configured (${known}); name one with --service`);
}

function withOverlay<T extends { label: string; model: SmithyModel }>(source: T, traits: TraitOverlay | undefined, lenient: boolean): T {
  return { ...source, model: applyTraitOverlay(source.model, traits, { lenient, source: CONFIG_FILE }) };
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
  const common = {
    base: values.base,
    config: values.config,
    service: values.service,
    operations: values.operations?.split(",").map((s) => s.trim()).filter(Boolean),
  };
  let runs: { title?: string; run?: DiffRun; name: string }[];
  try {
    if (twoModels) runs = [{ run: await runDiff({ ...common, old: positionals[0], new: positionals[1] }), name: "" }];
    else {
      const all = await runDiffs({ ...common, new: positionals[0] });
      runs = all.map((r) => ({ run: r.run, name: r.config.name ?? r.config.service ?? String(r.config.model), ...(all.length > 1 ? { title: r.config.name ?? r.config.service } : {}) }));
    }
  } catch (error) {
    if (error instanceof SourceError) {
      console.error(`sdkgen diff: ${error.message}`);
      return 2;
    }
    throw error;
  }
  // One service prints as before; several print one report each (JSON: an object by service).
  if (values.json) {
    const json = runs.map((r) => (r.run ? diffToJson(r.run.diff, r.run.labels) : `${JSON.stringify({ new: true })}\n`));
    process.stdout.write(runs.length === 1 ? json[0]! : `{\n${runs.map((r, i) => `${JSON.stringify(r.name)}: ${json[i]!.trim()}`).join(",\n")}\n}\n`);
  } else {
    for (const r of runs) {
      if (r.title !== undefined) process.stdout.write(`== ${r.title}\n`);
      process.stdout.write(r.run ? formatDiff(r.run.diff, r.run.labels) : `${r.name}: a new service, not in the config at ${values.base ?? "HEAD"}: its packages are new\n`);
    }
  }
  let failed = 0;
  for (const r of runs) {
    if (failOn && r.run && hasChangesAtLeast(r.run.diff, failOn)) failed += r.run.diff.changes.filter((c) => severityRank(c.severity) >= severityRank(failOn)).length;
  }
  if (failOn && failed > 0) {
    console.error(`sdkgen diff: ${failed} change(s) at or above ${failOn} (--fail-on ${failOn})`);
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
    // Every operation is compared, whether or not the generator implements what it uses.
    return buildIR(source.model, { ...selection, ignoreUnsupported: true });
  } catch (error) {
    if (error instanceof ModelError) throw new ModelError(error.problems, error.file ?? source.label);
    throw error;
  }
}
