/**
 * The `client` package: a Smithy client on the `@smithy/*` runtime with one
 * file per command, typed errors, endpoint rules, SigV4 and retries.
 */
import { readdirSync, readFileSync } from "node:fs";
import type { ServiceIR } from "../../ir/types.js";
import type { GeneratedFile, GeneratedPackage } from "../../writer/package.js";
import { GENERATED_HEADER } from "../../writer/source-file.js";
import type { EmitOptions, Emitter } from "../shared/options.js";
import { packageJson, scaffoldFiles } from "../shared/package-files.js";
import { templatesDir } from "../shared/templates.js";
import { emitAggregatedClient, emitClient, emitIndex, emitServiceInfo } from "./client.js";
import { emitCommand } from "./commands.js";
import { emitEndpointRules, usesPartitions } from "./endpoints.js";
import { emitErrorDispatch, emitExceptions } from "./errors.js";
import { emitJsonSerde } from "./json.js";
import { emitPaginationInterfaces, emitPaginator, paginatedOperations } from "./paginators.js";
import { emitPartitions } from "./partitions.js";
import { clientReadme } from "./readme.js";
import { emitSensitiveFilters } from "./sensitive.js";
import { emitValidators } from "./validation.js";

/**
 * What the client needs once installed: the types package (added below) and `@smithy/types`
 * (for its declarations). Everything else is bundled into its `dist` by its build.
 */
const CLIENT_DEPENDENCIES = ["@smithy/types"];

/** For the package's own tests: its bundle-size budget (esbuild) and aws-sdk-client-mock compatibility. */
const CLIENT_TEST_DEPENDENCIES = ["aws-sdk-client-mock", "esbuild"];

/**
 * The runtime pieces the build bundles (tree-shaken) into `dist`: needed to build and test the
 * package, not to use it. `@aws-sdk/credential-provider-node` becomes the `credentials` entry point.
 */
const CLIENT_BUNDLED_DEPENDENCIES = [
  "@aws-sdk/credential-provider-node",
  "@smithy/core",
  "@smithy/fetch-http-handler",
  "@smithy/node-http-handler",
  "@smithy/signature-v4",
];

export const clientEmitter: Emitter = {
  kind: "client",
  emit(ir: ServiceIR, options: EmitOptions): GeneratedPackage {
    const types = options.packages.types;
    const names = { client: ir.service.clientName, clientFile: `${ir.service.clientName}Client.js`, typesPackage: types, clientPackage: options.packages.client };
    const sensitive = emitSensitiveFilters(ir);
    const sources = [
      emitClient(ir, options.packages.client),
      emitAggregatedClient(ir),
      emitServiceInfo(ir, options.packages.client),
      emitEndpointRules(ir),
      ...(usesPartitions(ir) ? [emitPartitions(ir)] : []),
      emitExceptions(ir, types),
      emitErrorDispatch(ir, types),
      emitJsonSerde(ir, types),
      ...(sensitive ? [sensitive] : []),
      emitValidators(ir),
      ...ir.operations.map((op) => emitCommand(ir, op, names)),
      ...(paginatedOperations(ir).length ? [emitPaginationInterfaces(ir, names.clientFile)] : []),
      ...paginatedOperations(ir).map((op) => emitPaginator(ir, op, names.clientFile, options.packages.client)),
      emitIndex(ir, types, Boolean(sensitive)),
    ];
    const files: GeneratedFile[] = sources.map((f) => ({ path: f.path, contents: f.toString() }));
    files.push(...runtimeTemplates());
    const dependencies: Record<string, string> = { [types]: "workspace:^" };
    for (const dep of CLIENT_DEPENDENCIES) dependencies[dep] = options.runtimeVersions[dep]!;
    const devDependencies: Record<string, string> = {};
    for (const dep of [...CLIENT_BUNDLED_DEPENDENCIES, ...CLIENT_TEST_DEPENDENCIES]) devDependencies[dep] = options.runtimeVersions[dep]!;
    files.push(
      packageJson(
        {
          kind: "client",
          name: options.packages.client,
          description: `A client for ${ir.service.title ?? ir.service.sdkId} (${ir.service.sdkId} ${ir.service.version}) on the @smithy runtime, generated from its Smithy model.`,
          dependencies,
          devDependencies,
          browser: true,
          nodeEntries: ["credentials"],
          keywords: ["aws", ir.service.sdkId.toLowerCase(), "smithy", "sdk", "client"],
        },
        options,
      ),
      { path: "README.md", contents: clientReadme(ir, options) },
    );
    files.sort((a, b) => (a.path < b.path ? -1 : 1));
    return {
      kind: "client",
      name: options.packages.client,
      dir: options.dirs.client!,
      files,
      owned: ["src/gen", "package.json", "README.md"],
      scaffold: scaffoldFiles(true, { credentials: "src/gen/runtime/credentials.ts" }),
    };
  },
};

/** The hand-written runtime files, copied into `src/gen/runtime` with the generated-code header. */
function runtimeTemplates(): GeneratedFile[] {
  const dir = `${templatesDir()}/client/runtime`;
  return readdirSync(dir)
    .filter((f) => f.endsWith(".ts"))
    .sort()
    .map((f) => ({
      path: `src/gen/runtime/${f}`,
      contents: `${GENERATED_HEADER}\n// Copied from @connect-sdk/codegen/templates/client/runtime/${f}.\n\n${readFileSync(`${dir}/${f}`, "utf8")}`,
    }));
}
