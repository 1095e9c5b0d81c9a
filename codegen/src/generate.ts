/**
 * The pipeline: load → IR → one emitter per package → (write | check).
 * Each stage lives in its own folder and can be used alone; this file only
 * strings them together.
 */
import { readFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import type { GenerateConfig } from "./config/config.js";
import { applyTraitOverlay } from "./config/overlay.js";
import { withTurboWiring } from "./config/turbo.js";
import { clientEmitter } from "./emit/client/emit.js";
import { fixturesEmitter } from "./emit/fixtures/emit.js";
import type { EmitOptions, Emitter } from "./emit/shared/options.js";
import { DEFAULT_VERSION } from "./emit/shared/package-files.js";
import { runtimePackages } from "./emit/shared/runtime.js";
import { RUNTIME_VERSIONS } from "./emit/shared/versions.js";
import { typesEmitter } from "./emit/types/emit.js";
import { buildIR, describeService } from "./ir/build.js";
import { packageSlug } from "./ir/naming.js";
import type { ServiceIR } from "./ir/types.js";
import { loadModel } from "./load/files.js";
import { ModelError, shapePath } from "./load/problems.js";
import type { SmithyModel } from "./load/types.js";
import { type Drift, checkPackages, writePackages } from "./output/write.js";
import { type ValidationEvent, validateModel } from "./validate/index.js";
import type { GeneratedPackage } from "./writer/package.js";

/** The emitters, in the order their packages depend on each other. More can be registered by callers. */
export const DEFAULT_EMITTERS: readonly Emitter[] = [typesEmitter, clientEmitter, fixturesEmitter];

export interface GenerateResult {
  ir: ServiceIR;
  packages: GeneratedPackage[];
  /** Validation warnings (Smithy's WARNING events), for the caller to show. */
  warnings: ValidationEvent[];
}

/** Runs the pipeline in memory. Throws `ModelError` for a bad model. */
export async function generate(config: GenerateConfig, emitters: readonly Emitter[] = DEFAULT_EMITTERS): Promise<GenerateResult> {
  const model = await loadModel(config.model);
  return generateFromModel(model, config, emitters);
}

export async function generateFromModel(model: SmithyModel, config: GenerateConfig, emitters: readonly Emitter[] = DEFAULT_EMITTERS): Promise<GenerateResult> {
  // The config's trait overlay is part of the model the packages are generated from.
  const overlaid = applyTraitOverlay(model, config.traits);
  const ir = buildIR(overlaid, { service: config.service, operations: config.operations, protocol: config.protocol, skipUnsupported: config.skipUnsupported === true });
  // Smithy's validation after the IR's own checks (whose messages point at JSON paths): a model Smithy
  // rejects is not generated; its warnings (an untranslatable @pattern, ...) travel with the result.
  const events = validateModel(overlaid);
  const errors = events.filter((e) => e.severity === "ERROR" || e.severity === "DANGER");
  if (errors.length) {
    throw new ModelError(errors.map((e) => ({ ...(e.shapeId ? { shapeId: e.shapeId } : {}), path: e.shapeId ? shapePath(e.shapeId.split("$")[0]!) : "$", message: `${e.message} [${e.severity} ${e.eventId}]` })));
  }
  const warnings = events.filter((e) => e.severity === "WARNING");
  const selected = emitters.filter((e) => config.packages[e.kind as keyof GenerateConfig["packages"]]);
  const dirs: Record<string, string> = {};
  const existingVersions: Record<string, string | undefined> = {};
  for (const e of selected) {
    const dir = config.packages[e.kind as keyof GenerateConfig["packages"]]!.dir;
    dirs[e.kind] = dir;
    existingVersions[e.kind] = await readVersion(dir);
  }
  const workspace = runtimePackages().get("@connect-sdk/client-runtime")!.workspace;
  const versionOf = (name: string) => {
    const kind = (Object.keys(config.packages) as (keyof GenerateConfig["packages"])[]).find((k) => config.packages[k]?.name === name);
    return kind ? existingVersions[kind] : undefined;
  };
  const options: EmitOptions = {
    packages: {
      types: config.packages.types?.name ?? "types",
      client: config.packages.client?.name ?? "client",
      testFixtures: config.packages["test-fixtures"]?.name ?? "test-fixtures",
    },
    dirs,
    existingVersions,
    runtimeVersions: RUNTIME_VERSIONS,
    // Inside a pnpm workspace that holds the runtime packages (this repository), the generated
    // packages link each other; elsewhere they depend on the versions they will be published at.
    siblingRange: (name) => (workspace ? "workspace:^" : `^${versionOf(name) ?? DEFAULT_VERSION}`),
  };
  return { ir, packages: withTurboWiring(selected.map((e) => e.emit(ir, options)), config), warnings };
}

/** Generates and writes atomically. */
export async function generateAndWrite(config: GenerateConfig, emitters?: readonly Emitter[]): Promise<GenerateResult> {
  const result = await generate(config, emitters);
  await writePackages(result.packages);
  return result;
}

/** Generates in memory and lists what differs from disk. */
export async function check(config: GenerateConfig, emitters?: readonly Emitter[]): Promise<Drift[]> {
  const result = await generate(config, emitters);
  return checkPackages(result.packages);
}

/** Config for `sdkgen generate --model m.json --out dir` (or several --model files and folders): packages named from the service's sdkId. */
export async function configForModel(modelFile: string | string[], outDir: string, service?: string, operations?: string[]): Promise<GenerateConfig> {
  // Only the service is needed to name the packages; the IR (and its checks) is built by `generate`.
  const described = describeService(await loadModel(modelFile), service);
  const slug = packageSlug(described.sdkId);
  return {
    model: typeof modelFile === "string" ? resolve(modelFile) : modelFile.map((f) => resolve(f)),
    service: described.id,
    operations,
    packages: {
      types: { name: `${slug}-types`, dir: join(resolve(outDir), `${slug}-types`) },
      client: { name: `${slug}-client`, dir: join(resolve(outDir), `${slug}-client`) },
    },
  };
}

async function readVersion(dir: string): Promise<string | undefined> {
  try {
    const pkg = JSON.parse(await readFile(join(dir, "package.json"), "utf8")) as { version?: string };
    return pkg.version;
  } catch {
    return undefined;
  }
}
