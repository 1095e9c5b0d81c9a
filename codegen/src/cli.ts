#!/usr/bin/env node
/**
 * sdkgen — generate TypeScript SDK packages from a Smithy JSON AST model.
 *
 *   sdkgen generate                      repo mode, from sdkgen.config.json
 *   sdkgen generate --model m.json --out dir [--service id] [--operations a,b]
 *   sdkgen check                         exit 1, listing files, when committed output is stale
 *   sdkgen diff <old> <new>              classify model changes as major/minor/patch (see diff/command.ts)
 *   sdkgen validate <files…>             Smithy-style validation events; exit 1 on ERROR or DANGER
 *   sdkgen ast <files…> / sdkgen idl <files…> --out dir   convert between IDL and JSON AST (see load/idl/command.ts)
 */
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { CONFIG_FILE, type GenerateConfig, loadConfig } from "./config/config.js";
import { check, configForModel, generateAndWrite } from "./generate.js";
import { ModelError, formatProblem } from "./load/problems.js";
import { OutputError } from "./output/write.js";
import { DIFF_USAGE, diffCommand } from "./diff/command.js";
import { VALIDATE_USAGE, validateCommand } from "./validate/command.js";
import { formatEvent } from "./validate/events.js";
import { IDL_USAGE, idlCommand } from "./load/idl/command.js";

const USAGE = `Usage:
  sdkgen generate [--config sdkgen.config.json]
  sdkgen generate --model <file or folder> [--model …] --out <dir> [--service <shape id>] [--operations <id,id>]
  sdkgen check [--config sdkgen.config.json]
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
  const config = await resolveConfig(values);
  switch (command) {
    case "generate": {
      const result = await generateAndWrite(config);
      if (!values.quiet) {
        for (const w of result.warnings) console.error(formatEvent(w));
        const ms = Math.round(performance.now() - started);
        for (const p of result.packages) console.log(`${p.name}: ${p.files.length} files → ${p.dir}`);
        console.log(`${result.ir.service.sdkId}: ${result.ir.operations.length} operations, ${result.ir.shapes.length} shapes in ${ms} ms`);
      }
      return 0;
    }
    case "check": {
      const drift = await check(config);
      if (drift.length === 0) {
        if (!values.quiet) console.log("sdkgen check: generated packages are up to date");
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

async function resolveConfig(values: { config?: string; model?: string[]; out?: string; service?: string; operations?: string }): Promise<GenerateConfig> {
  const operations = values.operations?.split(",").map((s) => s.trim()).filter(Boolean);
  if (values.model) {
    if (!values.out) throw new UsageError("--model needs --out <dir>");
    return configForModel(values.model.length === 1 ? values.model[0]! : values.model, values.out, values.service, operations);
  }
  const file = resolve(values.config ?? CONFIG_FILE);
  if (!existsSync(file)) throw new UsageError(`no ${CONFIG_FILE} here; pass --config, or --model and --out`);
  const config = await loadConfig(file);
  return { ...config, ...(values.service ? { service: values.service } : {}), ...(operations ? { operations } : {}) };
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
