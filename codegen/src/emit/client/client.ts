/** The bare client, the aggregated client, the service description and the index. */
import { isEventStream } from "../../ir/shapes.js";
import type { ServiceIR } from "../../ir/types.js";
import { lowerFirst, operationMethodName } from "../../ir/naming.js";
import { SourceFile } from "../../writer/source-file.js";
import { docLines } from "../../writer/source-file.js";
import { baseExceptionName } from "./errors.js";
import { authOptions, authSchemeList, declareServiceSchemes, usesAuthSchemes } from "./auth.js";
import { commandFile } from "./commands.js";
import { paginatedOperations, paginationConfigName, paginatorName } from "./paginators.js";
import { GEN, rel } from "./paths.js";
import { validatedShapes, validatorName } from "./validation.js";
import { serviceWaiters } from "./waiters.js";
import { clientRuntime, clientRuntimeModule, clientRuntimeType, reexportClientRuntime } from "../shared/runtime.js";

export function emitServiceInfo(ir: ServiceIR, packageName: string): SourceFile {
  const file = new SourceFile(`src/gen/${GEN.service.replace(".js", ".ts")}`);
  const info = clientRuntimeType(file, "ServiceInfo");
  const rules = file.import(rel(file.path, GEN.endpointRules), "endpointRules");
  const exception = file.import(rel(file.path, GEN.exceptions), baseExceptionName(ir));
  file.declare("serviceInfo");
  file.doc("Set by the build (tsup `define`) from package.json.");
  file.line("declare const __PACKAGE_VERSION__: string | undefined;");
  file.blank();
  const auth = usesAuthSchemes(ir);
  if (auth) declareServiceSchemes(file, ir);
  file.block(`export const serviceInfo: ${info} = {`, () => {
    file.line(`sdkId: ${JSON.stringify(ir.service.sdkId)},`);
    file.line(`serviceName: ${JSON.stringify(ir.service.shapeName)},`);
    file.line(`clientName: ${JSON.stringify(`${ir.service.clientName}Client`)},`);
    file.line(`apiVersion: ${JSON.stringify(ir.service.version)},`);
    file.line(`signingName: ${JSON.stringify(ir.service.signingName)},`);
    file.line(`packageName: ${JSON.stringify(packageName)},`);
    file.line(`packageVersion: typeof __PACKAGE_VERSION__ === "string" ? __PACKAGE_VERSION__ : "0.0.0-dev",`);
    file.line(`endpoint: ${rules},`);
    file.line(`exception: ${exception},`);
    if (auth) file.line(`auth: /* @__PURE__ */ ${clientRuntime(file, "httpAuth")}(${authSchemeList(file, ir.service.auth)}),`);
  }, "};");
  return file;
}

export function clientFile(ir: ServiceIR): string {
  return `src/gen/${ir.service.clientName}Client.ts`;
}

export function emitClient(ir: ServiceIR, clientPackage: string): SourceFile {
  const name = `${ir.service.clientName}Client`;
  const file = new SourceFile(clientFile(ir));
  file.declare(name, `${name}Config`, `${name}ResolvedConfig`, "ServiceInputTypes", "ServiceOutputTypes");
  const smithyClient = clientRuntime(file, "Client");
  const checkOptional = file.importType("@smithy/types", "CheckOptionalClientConfig");
  const httpOptions = file.importType("@smithy/types", "HttpHandlerOptions");
  const inputConfig = clientRuntimeType(file, "ClientInputConfig");
  const resolvedConfig = clientRuntimeType(file, "ResolvedClientConfig");
  const resolve = clientRuntime(file, "resolveClientConfig");
  // A service whose event streams need HTTP/2 gets Node's HTTP/2 handler by default.
  const platform = eventStreamsNeedHttp2(ir) ? `${clientRuntime(file, "http2PlatformDefaults")}()` : clientRuntime(file, "platformDefaults");
  const service = file.import(rel(file.path, GEN.service), "serviceInfo");

  const inputs = ir.operations.map((op) => file.importType(rel(file.path, commandFile(op).replace("src/gen/", "").replace(".ts", ".js")), `${op.name}CommandInput`));
  const outputs = ir.operations.map((op) => file.importType(rel(file.path, commandFile(op).replace("src/gen/", "").replace(".ts", ".js")), `${op.name}CommandOutput`));
  const ccp = Object.entries(ir.service.clientContextParams).sort(([a], [b]) => (a < b ? -1 : 1));

  // `aws.protocols#httpChecksum`: the checksum options and their resolution, only where the model has it.
  const checksums = ir.operations.some((op) => op.httpChecksum);
  const options = authOptions(ir);
  const authConfig = options.length ? `, Pick<${clientRuntimeType(file, "AuthInputConfig")}, ${options.map((o) => JSON.stringify(o)).join(" | ")}>` : "";
  const checksumConfig = checksums ? `, ${clientRuntimeType(file, "ChecksumInputConfig")}` : "";
  file.doc(`What \`new ${name}(config)\` accepts.`);
  file.block(`export interface ${name}Config extends ${inputConfig}${checksumConfig}${authConfig} {`, () => {
    for (const [param, def] of ccp) {
      file.doc(def.documentation);
      file.line(`${lowerFirst(param)}?: ${def.type === "boolean" ? "boolean" : def.type === "stringArray" ? "string[]" : "string"} | undefined;`);
    }
  });
  file.blank();
  file.doc(`The configuration of a constructed {@link ${name}}: every option resolved to a value or a provider.`);
  file.line(`export interface ${name}ResolvedConfig extends ${resolvedConfig} {}`);
  file.blank();
  file.doc("Every command input this client accepts.");
  file.line(`export type ServiceInputTypes = ${inputs.join(" | ") || "never"};`);
  file.blank();
  file.doc("Every command output this client returns.");
  file.line(`export type ServiceOutputTypes = ${outputs.join(" | ") || "never"};`);
  file.blank();
  const intro = ir.service.documentation ? docLines(ir.service.documentation).join("\n") : `A client for ${ir.service.sdkId}.`;
  file.doc(
    `${intro}\n\nThe bare client: send commands with \`client.send(new XCommand(input))\`, so that bundlers keep only the commands you import.`,
    [
      "@example",
      "```ts",
      `import { ${name} } from "${clientPackage}";`,
      "",
      `const client = new ${name}({ region: "us-west-2" });`,
      "```",
    ],
  );
  file.block(`export class ${name} extends ${smithyClient}<${httpOptions}, ServiceInputTypes, ServiceOutputTypes, ${name}ResolvedConfig> {`, () => {
    file.line(`declare readonly config: ${name}ResolvedConfig;`);
    file.blank();
    file.block(`constructor(...[configuration]: ${checkOptional}<${name}Config>) {`, () => {
      if (checksums) {
        const resolveChecksums = clientRuntime(file, "resolveChecksumConfig");
        file.line(`const config = ${resolveChecksums}(${resolve}(configuration ?? {}, ${service}, ${platform}), configuration ?? {}, ${platform});`);
      } else file.line(`const config = ${resolve}(configuration ?? {}, ${service}, ${platform});`);
      file.line("super(config);");
    });
    file.blank();
    file.doc("Releases the HTTP handler's sockets. The client must not be used afterwards.");
    file.block("override destroy(): void {", () => file.line("super.destroy();"));
  });
  return file;
}

export function emitAggregatedClient(ir: ServiceIR): SourceFile {
  const client = `${ir.service.clientName}Client`;
  const name = ir.service.clientName;
  const file = new SourceFile(`src/gen/${name}.ts`);
  file.declare(name);
  const base = file.import(rel(file.path, clientFile(ir).replace("src/gen/", "").replace(".ts", ".js")), client);
  const httpOptions = file.importType("@smithy/types", "HttpHandlerOptions");
  file.doc(`${client} with one method per operation. Convenient, but it pulls every command into your bundle: prefer {@link ${client}} with commands where size matters.`);
  file.block(`export class ${name} extends ${base} {`, () => {
    ir.operations.forEach((op, i) => {
      if (i > 0) file.blank();
      const module = rel(file.path, commandFile(op).replace("src/gen/", "").replace(".ts", ".js"));
      const cmd = file.import(module, `${op.name}Command`);
      const input = file.importType(module, `${op.name}CommandInput`);
      const output = file.importType(module, `${op.name}CommandOutput`);
      const method = operationMethodName(op.name);
      const callback = `${clientRuntimeType(file, "Callback")}<${output}>`;
      // The overloads of the AWS SDKs: a promise, or a Node-style callback (with or without options).
      file.doc(`Sends {@link ${op.name}Command}.`, op.deprecated ? ["@deprecated"] : []);
      file.line(`${method}(input: ${input}, options?: ${httpOptions}): Promise<${output}>;`);
      file.line(`${method}(input: ${input}, callback: ${callback}): void;`);
      file.line(`${method}(input: ${input}, options: ${httpOptions}, callback: ${callback}): void;`);
      file.line(`${method}(`);
      file.indent(() => {
        file.line(`input: ${input},`);
        file.line(`optionsOrCallback?: ${httpOptions} | ${callback},`);
        file.line(`callback?: ${callback},`);
      });
      file.block(`): Promise<${output}> | void {`, () => {
        file.line("// send() sorts out the same overloads; without a callback it returns the promise.");
        file.line(`return this.send(new ${cmd}(input), optionsOrCallback as ${httpOptions}, callback!);`);
      });
    });
  });
  return file;
}

export function emitIndex(ir: ServiceIR, typesPackage: string, hasSensitive: boolean): SourceFile {
  const file = new SourceFile("src/gen/index.ts");
  const client = `${ir.service.clientName}Client`;
  file.exportFrom([client, `type ${client}Config`, `type ${client}ResolvedConfig`, "type ServiceInputTypes", "type ServiceOutputTypes"], `./${client}.js`);
  file.line(`export { ${ir.service.clientName} } from "./${ir.service.clientName}.js";`);
  // As the AWS SDK clients export them: the command base class and the metadata type.
  file.exportFrom(["Client as __Client", "Command as $Command", "type Callback", "type Operation"], clientRuntimeModule("Client"));
  reexportClientRuntime(file, ["EndpointInstructions"]);
  file.exportFrom(["type MetadataBearer as __MetadataBearer"], "@smithy/types");
  for (const op of ir.operations) {
    file.exportFrom([`${op.name}Command`, `type ${op.name}CommandInput`, `type ${op.name}CommandOutput`], `./commands/${op.name}Command.js`);
  }
  const paginated = paginatedOperations(ir);
  if (paginated.length) file.exportFrom([`type ${paginationConfigName(ir)}`], "./pagination/Interfaces.js");
  for (const op of paginated) file.exportFrom([paginatorName(op)], `./pagination/${op.name}Paginator.js`);
  if (paginated.length) reexportClientRuntime(file, ["PaginationLoopError"]);
  const waiters = serviceWaiters(ir);
  for (const { waiter } of waiters) file.exportFrom([`waitFor${waiter.name}`, `waitUntil${waiter.name}`], `./waiters/waitFor${waiter.name}.js`);
  // WaiterState (to read a result's state) and WaiterResult, unless a model shape of the same name is exported below.
  const shapeNames = new Set(ir.shapes.map((s) => s.name));
  if (waiters.length) reexportClientRuntime(file, (["WaiterState", "WaiterResult"] as const).filter((n) => !shapeNames.has(n)));
  file.exportFrom([baseExceptionName(ir), ...ir.errors.map((e) => e.name)], "./models/errors.js");
  reexportClientRuntime(file, [
    "ServiceException", "ExceptionOptionType", "ServiceExceptionOptions", "InputValidationError", "SerdeContext", "RegionError",
    "TimeoutError", "TransportError", "redactPresignedUrls", "ConstraintViolationError", "Bounds", "ConstraintKind", "ConstraintViolation", "Validator",
    "ClientInputConfig", "EndpointInput", "EndpointParams", "EndpointRules", "HttpHandler", "HttpHandlerUserOptions", "ResolvedClientConfig", "ServiceInfo",
  ]);
  const validators = validatedShapes(ir).map(validatorName).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  if (validators.length) file.exportFrom(validators, "./validation/validators.js");

  const errorIds = new Set(ir.errors.map((e) => e.id));
  const typeNames: string[] = [];
  const valueNames: string[] = [];
  for (const s of ir.shapes) {
    if (errorIds.has(s.id)) continue;
    if (s.kind === "enum" || s.kind === "intEnum") valueNames.push(s.name);
    else if (s.kind === "structure" || s.kind === "union") typeNames.push(s.name);
  }
  if (ir.shapes.some((s) => s.kind === "document")) typeNames.push("DocumentType");
  const sorted = (xs: string[]) => [...xs].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  file.doc(`The modelled shapes, re-exported from ${typesPackage} so one import serves both.`);
  if (valueNames.length) file.exportFrom(sorted(valueNames), typesPackage);
  if (typeNames.length) file.exportFrom(sorted(typeNames), typesPackage, { type: true });
  void hasSensitive;
  return file;
}

/**
 * Whether the service's event streams need HTTP/2: it has some, and its `aws.protocols#restJson1`
 * trait lists `h2` first in `eventStreamHttp` (which defaults to `http`, itself `["http/1.1"]`).
 * Transcribe Streaming's and Lex Runtime V2's bidirectional streams do.
 */
export function eventStreamsNeedHttp2(ir: ServiceIR): boolean {
  const protocol = (ir.service.traits["aws.protocols#restJson1"] ?? {}) as { http?: unknown; eventStreamHttp?: unknown };
  const versions = Array.isArray(protocol.eventStreamHttp) ? protocol.eventStreamHttp : Array.isArray(protocol.http) ? protocol.http : ["http/1.1"];
  return versions[0] === "h2" && ir.shapes.some(isEventStream);
}
