/**
 * The `client` package: a Smithy client on the `@smithy/*` runtime with one
 * file per command, typed errors, endpoint rules, SigV4 and retries.
 */
import type { ServiceIR } from "../../ir/types.js";
import type { GeneratedFile, GeneratedPackage } from "../../writer/package.js";
import { SourceFile } from "../../writer/source-file.js";
import type { EmitOptions, Emitter } from "../shared/options.js";
import { devToolDependencies, packageJson, scaffoldFiles } from "../shared/package-files.js";
import { dependenciesOf, reexportClientRuntime, runtimeRange } from "../shared/runtime.js";
import { emitAggregatedClient, emitClient, emitIndex, emitServiceInfo } from "./client.js";
import { emitCommand } from "./commands.js";
import { emitEndpointRules } from "./endpoints.js";
import { emitErrorDispatch, emitExceptions } from "./errors.js";
import { emitEventStreams } from "./events.js";
import { emitJsonSerde } from "./json.js";
import { emitPaginationInterfaces, emitPaginator, paginatedOperations } from "./paginators.js";
import { clientReadme } from "./readme.js";
import { emitSensitiveFilters } from "./sensitive.js";
import { emitValidators } from "./validation.js";
import { emitWaiters } from "./waiters.js";

/** For the package's own tests: its bundle-size budget (esbuild) and aws-sdk-client-mock compatibility. */
const CLIENT_TEST_DEPENDENCIES = ["aws-sdk-client-mock", "esbuild"];

export const clientEmitter: Emitter = {
  kind: "client",
  emit(ir: ServiceIR, options: EmitOptions): GeneratedPackage {
    const types = options.packages.types;
    const names = { client: ir.service.clientName, clientFile: `${ir.service.clientName}Client.js`, typesPackage: types, clientPackage: options.packages.client };
    const sensitive = emitSensitiveFilters(ir);
    const events = emitEventStreams(ir, types);
    const sources = [
      emitClient(ir, options.packages.client),
      emitAggregatedClient(ir),
      emitServiceInfo(ir, options.packages.client),
      emitEndpointRules(ir),
      emitExceptions(ir, types),
      emitErrorDispatch(ir, types),
      emitJsonSerde(ir, types),
      ...(events ? [events] : []),
      ...(sensitive ? [sensitive] : []),
      emitValidators(ir),
      ...ir.operations.map((op) => emitCommand(ir, op, names)),
      ...(paginatedOperations(ir).length ? [emitPaginationInterfaces(ir, names.clientFile)] : []),
      ...paginatedOperations(ir).map((op) => emitPaginator(ir, op, names.clientFile, options.packages.client)),
      ...emitWaiters(ir, names.clientFile, options.packages.client),
      emitIndex(ir, types, Boolean(sensitive)),
    ];
    const credentials = emitCredentialsEntry();
    const files: GeneratedFile[] = [...sources, credentials].map((f) => ({ path: f.path, contents: f.toString() }));
    // What the code imports: the types package, the client runtime, @smithy/types.
    const dependencies = dependenciesOf([...sources, credentials], { [types]: options.siblingRange(types) });
    // The default credential chain stays optional, as in the runtime: a client given credentials (or
    // running in a browser) never needs it.
    const chain = "@aws-sdk/credential-provider-node";
    const peerDependencies = { [chain]: runtimeRange(chain) };
    const devDependencies: Record<string, string> = { ...devToolDependencies(options, CLIENT_TEST_DEPENDENCIES), ...peerDependencies };
    files.push(
      packageJson(
        {
          kind: "client",
          name: options.packages.client,
          description: `A client for ${ir.service.title ?? ir.service.sdkId} (${ir.service.sdkId} ${ir.service.version}) on the @smithy runtime, generated from its Smithy model.`,
          dependencies,
          peerDependencies,
          peerDependenciesMeta: { [chain]: { optional: true } },
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
      scaffold: scaffoldFiles({ browser: true, entries: { credentials: "src/gen/credentials.ts" } }),
    };
  },
};

/**
 * The package's `credentials` entry point (Node only): the AWS default credential chain, which the
 * client loads by this name on first use when it is given no credentials (see the client runtime's
 * `platform.ts`). It needs `@aws-sdk/credential-provider-node`, an optional peer dependency.
 */
function emitCredentialsEntry(): SourceFile {
  const file = new SourceFile("src/gen/credentials.ts");
  reexportClientRuntime(file, ["defaultProvider", "DefaultProviderInit"]);
  return file;
}
