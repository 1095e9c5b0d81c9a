/**
 * The committed generation config (`sdkgen.config.json`), in the spirit of
 * smithy-build: which model, which service and operations, and which
 * packages to write where.
 */
import { readFile } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { ModelError } from "../load/problems.js";
import { type TraitOverlay, overlayProblems } from "./overlay.js";

export interface PackageTarget {
  name: string;
  dir: string;
}

export interface GenerateConfig {
  /** Path of the Smithy JSON AST model. */
  model: string;
  service?: string;
  operations?: string[];
  packages: Partial<Record<"types" | "client" | "test-fixtures", PackageTarget>>;
  /** Traits applied to the model's shapes and members before generation (see `overlay.ts`). */
  traits?: TraitOverlay;
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
  if (typeof c.model !== "string") problems.push({ path: "$.model", message: "the model file path is required" });
  if (typeof c.packages !== "object" || c.packages === null) problems.push({ path: "$.packages", message: "an object of package targets is required" });
  else {
    for (const [kind, target] of Object.entries(c.packages)) {
      if (!["types", "client", "test-fixtures"].includes(kind)) problems.push({ path: `$.packages.${kind}`, message: "unknown package kind (types, client, test-fixtures)" });
      else if (typeof target?.name !== "string" || typeof target?.dir !== "string") problems.push({ path: `$.packages.${kind}`, message: "needs `name` and `dir`" });
    }
  }
  problems.push(...overlayProblems(c.traits));
  if (problems.length) throw new ModelError(problems, file);
  const base = dirname(resolve(file));
  const packages: GenerateConfig["packages"] = {};
  for (const [kind, target] of Object.entries(c.packages!)) {
    packages[kind as keyof GenerateConfig["packages"]] = { name: target!.name, dir: resolve(base, target!.dir) };
  }
  return { model: resolve(base, c.model!), service: c.service, operations: c.operations, packages, ...(c.traits ? { traits: c.traits } : {}) };
}
