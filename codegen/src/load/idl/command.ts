/**
 * `sdkgen ast <files…>` prints the JSON AST of a model (IDL and/or JSON
 * files and folders, merged; the prelude left out), and
 * `sdkgen idl <files…> --out DIR` writes it as IDL, one file per namespace.
 */
import { mkdir, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { loadModelSources } from "../files.js";
import { modelToIdl } from "./serialize.js";
import { stringifyExact } from "../exact-numbers.js";

export const IDL_USAGE = `  sdkgen ast <model files or folders…>          print the JSON AST of a model (.smithy and .json, merged)
  sdkgen idl <model files or folders…> --out <dir> [--keep-order] [--inline-metadata]
      write the model as IDL, one file per namespace; --keep-order keeps the model's shape order
      (default: grouped by kind, as Smithy writes), --inline-metadata puts metadata in each file`;

/** Runs `ast` or `idl` with the arguments after the command; returns the exit code. */
export async function idlCommand(command: "ast" | "idl", args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    strict: true,
    options: {
      out: { type: "string" },
      "keep-order": { type: "boolean" },
      "inline-metadata": { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) {
    console.log(IDL_USAGE);
    return 0;
  }
  if (positionals.length === 0) {
    console.error(`sdkgen ${command}: name the model files or folders\n${IDL_USAGE}`);
    return 2;
  }
  if (command === "ast" && values.out !== undefined) {
    console.error(`sdkgen ast: prints to stdout; it takes no --out\n${IDL_USAGE}`);
    return 2;
  }
  if (command === "idl" && values.out === undefined) {
    console.error(`sdkgen idl: --out <dir> is required\n${IDL_USAGE}`);
    return 2;
  }
  const { model } = await loadModelSources(positionals);
  if (command === "ast") {
    process.stdout.write(`${stringifyExact(model, 4)}\n`);
    return 0;
  }
  const out = resolve(values.out!);
  await mkdir(out, { recursive: true });
  const files = modelToIdl(model, { order: values["keep-order"] ? "model" : "kind", metadata: values["inline-metadata"] ? "inline" : "file" });
  for (const [name, text] of files) await writeFile(join(out, name), text);
  console.log(`sdkgen idl: ${files.size} file(s) → ${out}`);
  return 0;
}
