/**
 * The committed generation config (`sdkgen.config.json`), in the spirit of
 * smithy-build: which model, which service and operations, and which
 * packages to write where.
 */
import { readFile } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { ModelError } from "../load/problems.js";

export interface PackageTarget {
  name: string;
  dir: string;
}

export interface GenerateConfig {
  /** The model: a `.smithy` or `.json` file, a folder of them, or a list of files and folders. */
  model: string | string[];
  service?: string;
  operations?: string[];
  packages: Partial<Record<"types" | "client" | "test-fixtures", PackageTarget>>;
}

export const CONFIG_FILE = "sdkgen.config.json";

/** Reads the config; relative paths in it are resolved against its folder. */
export async function loadConfig(file: string): Promise<GenerateConfig> {
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(file, "utf8"));
  } catch (error) {
    throw new ModelError([{ path: "$", message: `cannot read config: ${(error as Error).message}` }], file);
  }
  const c = raw as Partial<GenerateConfig>;
  const problems = [];
  const modelOk = typeof c.model === "string" || (Array.isArray(c.model) && c.model.length > 0 && c.model.every((m) => typeof m === "string"));
  if (!modelOk) problems.push({ path: "$.model", message: "the model is required: a file or folder path, or a list of them" });
  if (typeof c.packages !== "object" || c.packages === null) problems.push({ path: "$.packages", message: "an object of package targets is required" });
  else {
    for (const [kind, target] of Object.entries(c.packages)) {
      if (!["types", "client", "test-fixtures"].includes(kind)) problems.push({ path: `$.packages.${kind}`, message: "unknown package kind (types, client, test-fixtures)" });
      else if (typeof target?.name !== "string" || typeof target?.dir !== "string") problems.push({ path: `$.packages.${kind}`, message: "needs `name` and `dir`" });
    }
  }
  if (problems.length) throw new ModelError(problems, file);
  const base = dirname(resolve(file));
  const packages: GenerateConfig["packages"] = {};
  for (const [kind, target] of Object.entries(c.packages!)) {
    packages[kind as keyof GenerateConfig["packages"]] = { name: target!.name, dir: resolve(base, target!.dir) };
  }
  const model = typeof c.model === "string" ? resolve(base, c.model) : c.model!.map((m) => resolve(base, m));
  return { model, service: c.service, operations: c.operations, packages };
}
