#!/usr/bin/env node
/**
 * sdkgen — generate TypeScript SDK packages from a Smithy JSON AST model.
 *
 *   sdkgen generate [--service s] [--package p]   repo mode: every service of sdkgen.config.json (or the one named)
 *   sdkgen generate --model m.json --out dir [--service id] [--operations a,b] [--protocol p]
 *   sdkgen check                         exit 1, listing files, when committed output is stale
 *   sdkgen diff <old> <new>              classify model changes as major/minor/patch (see diff/command.ts)
 *   sdkgen validate <files…>             Smithy-style validation events; exit 1 on ERROR or DANGER
 *   sdkgen ast <files…> / sdkgen idl <files…> --out dir   convert between IDL and JSON AST (see load/idl/command.ts)
 */
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { CONFIG_FILE, type GenerateConfig, loadServices, selectServices } from "./config/config.js";
import type { Emitter } from "./emit/shared/options.js";
import { DEFAULT_EMITTERS, check, configForModel, generateAndWrite } from "./generate.js";
import { ModelError, formatProblem } from "./load/problems.js";
import { OutputError } from "./output/write.js";
import { DIFF_USAGE, diffCommand } from "./diff/command.js";
import { VALIDATE_USAGE, validateCommand } from "./validate/command.js";
import { formatEvent } from "./validate/events.js";
import type { ServiceIR } from "./ir/types.js";
import { IDL_USAGE, idlCommand } from "./load/idl/command.js";

const USAGE = `Usage:
  sdkgen generate [--config sdkgen.config.json] [--service <name or shape id>] [--package <npm name>] [--skip-unsupported]
  sdkgen generate --model <file or folder> [--model …] --out <dir> [--service <shape id>] [--operations <id,id>] [--protocol <name>] [--skip-unsupported]
  sdkgen check [--config sdkgen.config.json] [--service <name or shape id>] [--skip-unsupported]
${DIFF_USAGE}
${VALIDATE_USAGE}
${IDL_USAGE}`;

const COMMANDS = ["generate", "check", "diff", "validate", "ast", "idl", "help"];

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === "diff") return diffCommand(rest);
  if (command === "validate") return validateCommand(rest);
  if (command === "ast" || command === "idl") return idlCommand(command, rest);
  if (command === "-h" || command === "--help") {
    console.log(USAGE);
    return 0;
  }
  if (command !== undefined && !COMMANDS.includes(command)) {
    console.error(`sdkgen: unknown command ${JSON.stringify(command)}; the commands are ${COMMANDS.join(", ")}\n${USAGE}`);
    return 2;
  }
  const { values } = parseArgs({
    args: rest,
    options: {
      config: { type: "string" },
      model: { type: "string", multiple: true },
      out: { type: "string" },
      service: { type: "string" },
      operations: { type: "string" },
      protocol: { type: "string" },
      package: { type: "string" },
      "skip-unsupported": { type: "boolean" },
      quiet: { type: "boolean", short: "q" },
      help: { type: "boolean", short: "h" },
    },
    strict: true,
  });
  if (values.help || !command || command === "help") {
    console.log(USAGE);
    return command ? 0 : 2;
  }
  const started = performance.now();
  const resolved = await resolveConfigs(values);
  const { emitters } = resolved;
  // --skip-unsupported applies to every service; without it, each service's config decides.
  const configs = values["skip-unsupported"] ? resolved.configs.map((c) => ({ ...c, skipUnsupported: true })) : resolved.configs;
  switch (command) {
    case "generate": {
      for (const config of configs) {
        const result = await generateAndWrite(config, emitters);
        printSkipped(result.ir);
        if (!values.quiet) {
          for (const w of result.warnings) console.error(formatEvent(w));
          const ms = Math.round(performance.now() - started);
          for (const p of result.packages) console.log(`${p.name}: ${p.files.length} files → ${p.dir}`);
          console.log(`${result.ir.service.sdkId}: ${result.ir.operations.length} operations, ${result.ir.shapes.length} shapes in ${ms} ms`);
        }
      }
      return 0;
    }
    case "check": {
      const drift = [];
      for (const config of configs) drift.push(...(await check(config, emitters)));
      if (drift.length === 0) {
        if (!values.quiet) console.log(`sdkgen check: the generated packages of ${configs.length} service(s) are up to date`);
        return 0;
      }
      console.error(`sdkgen check: ${drift.length} generated file(s) differ from the model; run \`pnpm generate\` and commit:`);
      for (const d of drift) console.error(`  ${d.kind.padEnd(7)} ${d.path}`);
      return 1;
    }
    default:
      console.error(`sdkgen: unknown command ${JSON.stringify(command)}\n${USAGE}`);
      return 2;
  }
}

/**
 * The operations left out as unsupported, one line each: a warning even with --quiet, since the
 * client lacks operations of the model.
 */
function printSkipped(ir: ServiceIR): void {
  if (ir.skipped.length === 0) return;
  const byFeature = new Map<string, string[]>();
  for (const s of ir.skipped) {
    const key = `${s.featureName} (${s.shapeId})`;
    byFeature.set(key, [...(byFeature.get(key) ?? []), s.operation.split("#")[1]!]);
  }
  const count = new Set(ir.skipped.map((s) => s.operation)).size;
  console.error(`sdkgen: warning: ${ir.service.sdkId}: ${count} operation(s) left out, for features the generator does not implement:`);
  for (const [feature, operations] of byFeature) console.error(`  ${feature}: ${operations.join(", ")}`);
}

interface Resolved {
  configs: GenerateConfig[];
  emitters: readonly Emitter[];
}

async function resolveConfigs(values: { config?: string; model?: string[]; out?: string; service?: string; operations?: string; protocol?: string; package?: string }): Promise<Resolved> {
  const operations = values.operations?.split(",").map((s) => s.trim()).filter(Boolean);
  if (values.model) {
    if (!values.out) throw new UsageError("--model needs --out <dir>");
    if (values.package) throw new UsageError("--package picks a package of the config; with --model, there is none");
    const config = await configForModel(values.model.length === 1 ? values.model[0]! : values.model, values.out, values.service, operations);
    // One of the service's protocols other than the one it would be generated for (see ir/protocol.ts).
    if (values.protocol !== undefined) config.protocol = values.protocol;
    return { configs: [config], emitters: DEFAULT_EMITTERS };
  }
  if (values.protocol !== undefined) throw new UsageError("--protocol applies with --model; in sdkgen.config.json, set a service's \"protocol\"");
  const file = resolve(values.config ?? CONFIG_FILE);
  if (!existsSync(file)) throw new UsageError(`no ${CONFIG_FILE} here; pass --config, or --model and --out`);
  const all = await loadServices(file);
  // --package names one generated package: its service, and only its emitter.
  const configs = selectServices(all, values.package ?? values.service);
  let emitters = DEFAULT_EMITTERS;
  if (values.package) {
    const kind = Object.entries(configs[0]!.packages).find(([, p]) => p.name === values.package)?.[0];
    emitters = DEFAULT_EMITTERS.filter((e) => e.kind === kind);
  }
  if (operations) {
    if (configs.length > 1) throw new UsageError("--operations applies to one service; name it with --service");
    return { configs: [{ ...configs[0]!, operations }], emitters };
  }
  return { configs, emitters };
}

class UsageError extends Error {}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof ModelError) {
      for (const p of error.problems) console.error(formatProblem(p, error.file));
      console.error(`sdkgen: ${error.problems.length} problem(s); nothing was written`);
      process.exitCode = 1;
    } else if (error instanceof OutputError) {
      console.error(`sdkgen: ${error.message}; nothing was written`);
      process.exitCode = 1;
    } else if (error instanceof RangeError && /call stack/i.test(error.message)) {
      // A last line of defence: the loader refuses JSON nested too deeply and the IR is built
      // without recursion, but a model must never end in "internal error".
      console.error("sdkgen: the model nests shapes or values too deeply to generate (stack overflow); nothing was written");
      process.exitCode = 1;
    } else if (error instanceof UsageError || (error as { code?: string }).code?.startsWith("ERR_PARSE_ARGS")) {
      console.error(`sdkgen: ${(error as Error).message}\n${USAGE}`);
      process.exitCode = 2;
    } else {
      console.error(`sdkgen: internal error: ${(error as Error).message}`);
      if (process.env.SDKGEN_DEBUG) console.error(error);
      process.exitCode = 70;
    }
  },
);
