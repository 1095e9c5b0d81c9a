/**
 * The committed generation config (`sdkgen.config.json`), in the spirit of
 * smithy-build: which services to generate, each from which model, and which
 * packages to write where.
 *
 * ```json
 * {
 *   "scope": "@connect-sdk",
 *   "turbo": true,
 *   "services": [
 *     { "model": "models/connect.smithy", "service": "com.amazonaws.connect#AmazonConnectService" },
 *     { "model": "models/connectcases.smithy", "operations": ["com.amazonaws.connectcases#GetCase"] }
 *   ]
 * }
 * ```
 *
 * A service's packages default to the repository's naming scheme: `<scope>/<kind>-<svc>` in
 * `<dir>/<svc>/<kind>` (dir defaults to `services`), where `<svc>` is the service's sdkId lowercased
 * without spaces or punctuation (as aws-sdk-js-v3 names `@aws-sdk/client-connectcases`), or the
 * entry's `name`. An entry's `packages` lists the kinds to generate, each with an optional
 * `name` and `dir`. The older single-service form (`model`, `service`, `packages` at the top, with
 * names and dirs spelled out) is read as a list of one.
 */
import { readFile } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { describeService } from "../ir/build.js";
import { loadModel } from "../load/files.js";
import { ModelError, type ModelProblem } from "../load/problems.js";
import { type TraitOverlay, overlayProblems } from "./overlay.js";

export type PackageKind = "types" | "client" | "test-fixtures";
export const PACKAGE_KINDS: readonly PackageKind[] = ["types", "client", "test-fixtures"];

export interface PackageTarget {
  name: string;
  dir: string;
}

/** One service to generate: what `generate`, `check` and `diff` work on. */
export interface GenerateConfig {
  /** The model: a `.smithy` or `.json` file, a folder of them, or a list of files and folders. */
  model: string | string[];
  service?: string;
  operations?: string[];
  /** The protocol to generate for (`awsJson1_0`, ...) when not the one chosen from the service's traits. */
  protocol?: string;
  packages: Partial<Record<PackageKind, PackageTarget>>;
  /** Traits applied to the model's shapes and members before generation (see `overlay.ts`). */
  traits?: TraitOverlay;
  /**
   * Leave out, with a warning, the operations that use a wire-affecting feature the generator does
   * not implement, instead of failing (`--skip-unsupported`; see `ir/support.ts`).
   */
  skipUnsupported?: boolean;
  /** The service's short name in package names and folders (`connect`, `connectcases`), when known. */
  name?: string;
  /**
   * Where the config lives: set in repo mode. With `turbo`, each generated package gets a
   * `turbo.json` whose `gen` task's inputs are this service's model files (see `turbo.ts`).
   */
  repo?: { root: string; configFile: string; turbo: boolean };
}

/** The whole config: every service, in the order they are listed. */
export interface ServicesConfig {
  file: string;
  services: GenerateConfig[];
}

export const CONFIG_FILE = "sdkgen.config.json";

interface RawPackage {
  name?: unknown;
  dir?: unknown;
}
interface RawService {
  name?: unknown;
  model?: unknown;
  service?: unknown;
  operations?: unknown;
  protocol?: unknown;
  traits?: unknown;
  packages?: unknown;
  skipUnsupported?: unknown;
}
interface RawConfig extends RawService {
  scope?: unknown;
  dir?: unknown;
  turbo?: unknown;
  services?: unknown;
}

/** Reads every service of the config; relative paths in it are resolved against its folder. */
export async function loadServices(file: string): Promise<ServicesConfig> {
  let raw: RawConfig;
  try {
    raw = JSON.parse(await readFile(file, "utf8")) as RawConfig;
  } catch (error) {
    throw new ModelError([{ path: "$", message: `cannot read config: ${(error as Error).message}` }], file);
  }
  const problems: ModelProblem[] = [];
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) throw new ModelError([{ path: "$", message: "the config must be a JSON object" }], file);
  const root = dirname(resolve(file));
  const listed = raw.services !== undefined;
  if (listed && (!Array.isArray(raw.services) || raw.services.length === 0)) {
    throw new ModelError([{ path: "$.services", message: "a non-empty list of services is required" }], file);
  }
  if (listed && (raw.model !== undefined || raw.packages !== undefined)) {
    problems.push({ path: "$", message: "`model` and `packages` belong to an entry of `services`, not the top level" });
  }
  if (raw.scope !== undefined && (typeof raw.scope !== "string" || !/^@[a-z0-9][a-z0-9._-]*$/.test(raw.scope))) {
    problems.push({ path: "$.scope", message: 'an npm scope such as "@connect-sdk"' });
  }
  if (raw.dir !== undefined && typeof raw.dir !== "string") problems.push({ path: "$.dir", message: "a folder path" });
  if (raw.turbo !== undefined && typeof raw.turbo !== "boolean") problems.push({ path: "$.turbo", message: "true or false" });
  const entries: [string, RawService][] = listed ? (raw.services as unknown[]).map((s, i) => [`$.services[${i}]`, s as RawService]) : [["$", raw]];
  const defaults = { scope: typeof raw.scope === "string" ? raw.scope : undefined, dir: typeof raw.dir === "string" ? raw.dir : "services" };
  const repo = { root, configFile: resolve(file), turbo: raw.turbo === true };
  const services: GenerateConfig[] = [];
  for (const [path, entry] of entries) {
    const service = await readService(entry, path, root, defaults, problems, listed);
    if (service) services.push({ ...service, repo });
  }
  // Two services writing the same package, or the same folder, would overwrite each other.
  const seen = new Map<string, string>();
  services.forEach((s, i) => {
    if (s.name !== undefined) claim(`service name ${JSON.stringify(s.name)}`, i);
    for (const target of Object.values(s.packages)) {
      claim(`package ${target.name}`, i);
      claim(`folder ${target.dir}`, i);
    }
  });
  function claim(what: string, index: number) {
    const path = listed ? `$.services[${index}]` : "$";
    const other = seen.get(what);
    if (other !== undefined && other !== path) problems.push({ path, message: `${what} is also generated by ${other}` });
    else seen.set(what, path);
  }
  if (problems.length) throw new ModelError(problems, file);
  return { file: resolve(file), services };
}

async function readService(
  c: RawService,
  path: string,
  root: string,
  defaults: { scope?: string; dir: string },
  problems: ModelProblem[],
  listed: boolean,
): Promise<Omit<GenerateConfig, "repo"> | undefined> {
  const before = problems.length;
  if (typeof c !== "object" || c === null || Array.isArray(c)) {
    problems.push({ path, message: "a service entry must be an object" });
    return undefined;
  }
  const modelOk = typeof c.model === "string" || (Array.isArray(c.model) && c.model.length > 0 && c.model.every((m) => typeof m === "string"));
  if (!modelOk) problems.push({ path: `${path}.model`, message: "the model is required: a file or folder path, or a list of them" });
  if (c.service !== undefined && typeof c.service !== "string") problems.push({ path: `${path}.service`, message: "a service shape id" });
  if (c.operations !== undefined && !(Array.isArray(c.operations) && c.operations.every((o) => typeof o === "string"))) {
    problems.push({ path: `${path}.operations`, message: "a list of operation shape ids" });
  }
  if (c.skipUnsupported !== undefined && typeof c.skipUnsupported !== "boolean") problems.push({ path: `${path}.skipUnsupported`, message: "true or false" });
  // Which protocols exist and which the service declares is checked with the model, by buildIR.
  if (c.protocol !== undefined && typeof c.protocol !== "string") problems.push({ path: `${path}.protocol`, message: "a protocol name, e.g. \"awsJson1_0\"" });
  if (c.name !== undefined && (typeof c.name !== "string" || !/^[a-z0-9][a-z0-9-]*$/.test(c.name))) {
    problems.push({ path: `${path}.name`, message: "lowercase letters, digits and dashes, as in a package name" });
  }
  // The single-service form always spelled its packages out; in a list they are optional.
  let rawPackages: Record<string, RawPackage | undefined>;
  if (c.packages === undefined && listed) rawPackages = Object.fromEntries(PACKAGE_KINDS.map((k) => [k, {}]));
  else if (typeof c.packages !== "object" || c.packages === null || Array.isArray(c.packages)) {
    problems.push({ path: `${path}.packages`, message: "an object of package targets is required" });
    rawPackages = {};
  } else rawPackages = c.packages as Record<string, RawPackage | undefined>;
  for (const [kind, target] of Object.entries(rawPackages)) {
    if (!(PACKAGE_KINDS as readonly string[]).includes(kind)) problems.push({ path: `${path}.packages.${kind}`, message: "unknown package kind (types, client, test-fixtures)" });
    else if (typeof target !== "object" || target === null) problems.push({ path: `${path}.packages.${kind}`, message: "an object with an optional `name` and `dir`" });
    else if (!listed && (typeof target.name !== "string" || typeof target.dir !== "string")) problems.push({ path: `${path}.packages.${kind}`, message: "needs `name` and `dir`" });
    else if ((target.name !== undefined && typeof target.name !== "string") || (target.dir !== undefined && typeof target.dir !== "string")) {
      problems.push({ path: `${path}.packages.${kind}`, message: "`name` and `dir` are strings" });
    }
  }
  problems.push(...overlayProblems(c.traits).map((p) => ({ ...p, path: path === "$" ? p.path : p.path.replace(/^\$/, path) })));
  if (problems.length > before) return undefined;

  const model = typeof c.model === "string" ? resolve(root, c.model) : (c.model as string[]).map((m) => resolve(root, m));
  // The short name is needed only for the default package names and folders: then it comes from
  // the service's sdkId, which means reading the model.
  const needsName = Object.values(rawPackages).some((t) => t!.name === undefined || t!.dir === undefined);
  let name = c.name as string | undefined;
  if (name === undefined && needsName) {
    name = serviceName(describeService(await loadModel(model), c.service as string | undefined).sdkId);
    if (!name) {
      problems.push({ path: `${path}.name`, message: "the service's sdkId gives no package name; set `name`" });
      return undefined;
    }
  }
  const packages: GenerateConfig["packages"] = {};
  for (const kind of PACKAGE_KINDS) {
    const target = rawPackages[kind];
    if (!target) continue;
    const npmName = typeof target.name === "string" ? target.name : `${defaults.scope ? `${defaults.scope}/` : ""}${kind}-${name}`;
    const dir = typeof target.dir === "string" ? target.dir : `${defaults.dir}/${name}/${kind}`;
    packages[kind] = { name: npmName, dir: resolve(root, dir) };
  }
  return {
    model,
    ...(typeof c.service === "string" ? { service: c.service } : {}),
    ...(c.operations ? { operations: c.operations as string[] } : {}),
    ...(typeof c.protocol === "string" ? { protocol: c.protocol } : {}),
    packages,
    ...(c.traits ? { traits: c.traits as TraitOverlay } : {}),
    ...(c.skipUnsupported === true ? { skipUnsupported: true } : {}),
    ...(name !== undefined ? { name } : {}),
  };
}

/** `Connect Cases` → `connectcases`: the sdkId lowercased, without spaces or punctuation. */
export function serviceName(sdkId: string): string {
  return sdkId.toLowerCase().replace(/[^a-z0-9]+/g, "");
}

/**
 * The services `select` names: by short name (`connectcases`), service shape id, or the name of
 * one of its packages. Without `select`, every service.
 */
export function selectServices(config: ServicesConfig, select?: string): GenerateConfig[] {
  if (select === undefined) return config.services;
  const found = config.services.filter(
    (s) => s.name === select || s.service === select || Object.values(s.packages).some((p) => p.name === select),
  );
  if (found.length === 0) {
    const known = config.services.map((s) => s.name ?? s.service ?? String(s.model)).join(", ");
    throw new ModelError([{ path: "$", message: `no configured service is ${JSON.stringify(select)} (the services: ${known})` }], config.file);
  }
  return found;
}

/**
 * One service of the config: the one `select` names, or the only one. A config of several services
 * needs `select`.
 */
export async function loadConfig(file: string, select?: string): Promise<GenerateConfig> {
  const config = await loadServices(file);
  const found = selectServices(config, select);
  if (found.length > 1) {
    const known = found.map((s) => s.name ?? s.service).join(", ");
    throw new ModelError([{ path: "$.services", message: `${found.length} services are configured (${known}); name one` }], file);
  }
  return found[0]!;
}
