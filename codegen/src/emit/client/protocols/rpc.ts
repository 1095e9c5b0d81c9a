/**
 * The RPC protocols' part of the client. In awsJson1_0 and awsJson1_1 every operation is a
 * `POST /` whose `X-Amz-Target` header names it (`<ServiceShapeName>.<Operation>`); in Smithy's
 * rpcv2Json and rpcv2Cbor it is a `POST /service/<ServiceShapeName>/operation/<Operation>` with a
 * `smithy-protocol: rpc-v2-json` (`rpc-v2-cbor`) header. The body is the whole input as one JSON
 * (CBOR) document (`{}` for an empty one; RPC v2 sends no body for a `Unit` input). Members are
 * never bound to headers, the path or the query, and `@jsonName` is not used (the IR gives every
 * member its own name; RPC v2 also ignores `@timestampFormat`, which the IR leaves out).
 *
 * JSON responses are read as restJson1's bodies are, CBOR ones by {@link emitCborDeserializer};
 * errors take their code from the body's `__type` first (see the runtime's
 * `readJsonRpcErrorResponse`, `readRpcV2JsonErrorResponse` and `readRpcV2CborErrorResponse`).
 */
import type { Operation, Protocol, ServiceIR } from "../../../ir/types.js";
import type { SourceFile } from "../../../writer/source-file.js";
import { literalKey, readPresent, readProperty, writeProperty } from "../../shared/property.js";
import { type ClientRuntimeValue, clientRuntime, clientRuntimeType } from "../../shared/runtime.js";
import { GEN, rel } from "../paths.js";
import type { Serde } from "../serde.js";

const CONTENT_TYPES: Partial<Record<Protocol, string>> = {
  awsJson1_0: "application/x-amz-json-1.0",
  awsJson1_1: "application/x-amz-json-1.1",
  rpcv2Json: "application/json",
  rpcv2Cbor: "application/cbor",
};

/** Whether the protocol is one of the RPC protocols this module writes. */
export function isRpc(protocol: Protocol): boolean {
  return protocol in CONTENT_TYPES;
}

const ERROR_READERS: Partial<Record<Protocol, ClientRuntimeValue>> = {
  awsJson1_0: "readJsonRpcErrorResponse",
  awsJson1_1: "readJsonRpcErrorResponse",
  rpcv2Json: "readRpcV2JsonErrorResponse",
  rpcv2Cbor: "readRpcV2CborErrorResponse",
};

/** Writes `se_<Op>Command`, the function that turns the input into the HTTP request. */
export function emitRpcSerializer(ir: ServiceIR, file: SourceFile, serde: Serde, op: Operation, name: string, inputType: string): void {
  const ctx = clientRuntimeType(file, "SerdeContext");
  const httpRequest = file.importType("@smithy/types", "HttpRequest");
  const protocol = ir.service.protocol;
  const rpcv2 = protocol === "rpcv2Json" || protocol === "rpcv2Cbor";
  // The IR's synthetic input of an operation whose input is `smithy.api#Unit`.
  const unitInput = op.input.id.includes("$");
  const headers: Record<string, string> = {};
  if (!(rpcv2 && unitInput)) headers["content-type"] = CONTENT_TYPES[protocol]!;
  if (rpcv2) {
    headers["smithy-protocol"] = protocol === "rpcv2Cbor" ? "rpc-v2-cbor" : "rpc-v2-json";
    headers.accept = CONTENT_TYPES[protocol]!;
  } else headers["x-amz-target"] = `${ir.service.shapeName}.${op.name}`;
  // Tells a service that moved from awsQuery to send its old error codes (x-amzn-query-error).
  if (ir.service.awsQueryCompatible) headers["x-amzn-query-mode"] = "true";

  file.doc(`Serializes {@link ${inputType}} into the HTTP request of ${op.name}.`);
  file.block(`export async function ${name}(input: ${inputType}, context: ${ctx}): Promise<${httpRequest}> {`, () => {
    const literal = Object.entries(headers).map(([k, v]) => `${JSON.stringify(k)}: ${JSON.stringify(v)}`);
    file.line(`const headers: Record<string, string> = { ${literal.join(", ")} };`);
    const parts = [`method: "POST"`, `path: ${JSON.stringify(rpcv2 ? `/service/${ir.service.shapeName}/operation/${op.name}` : "/")}`, "headers"];
    if (rpcv2 && unitInput) {
      file.line(`return ${clientRuntime(file, "buildRequest")}(context, { ${parts.join(", ")} });`);
      return;
    }
    parts.push("body");
    file.line("const document: Record<string, unknown> = {};");
    file.statements(op.input.members, (m) => {
      if (m.idempotencyToken) {
        const value = `${readProperty("input", m.name)} ?? context.generateIdempotencyToken()`;
        file.line(`${writeProperty("document", m.jsonName, serde.toJson(m.target, value, m), true)};`);
      } else {
        file.line(`if (${readProperty("input", m.name)} != null) ${writeProperty("document", m.jsonName, serde.toJson(m.target, readPresent("input", m.name), m), true)};`);
      }
    });
    file.line(`const body = ${clientRuntime(file, protocol === "rpcv2Cbor" ? "serializeCbor" : "stringifyJson")}(document);`);
    if (op.hostPrefix) {
      const prefix = op.hostPrefix.replace(/\{(\w+)\}/g, (_m, label: string) => `\${${clientRuntime(file, "requireValue")}(${readProperty("input", label)}, ${JSON.stringify(label)}, "host prefix")}`);
      parts.push(`hostPrefix: \`${prefix}\``);
    }
    // gzip is the one encoding the runtime knows; the compression code is imported only here.
    if (op.requestCompression.includes("gzip")) parts.push(`compress: ${clientRuntime(file, "gzipRequestBody")}`);
    if (op.checksumRequired && !op.httpChecksum) parts.push(`contentMd5: ${clientRuntime(file, "defaultMd5")}`);
    file.line(`return ${clientRuntime(file, "buildRequest")}(context, { ${parts.join(", ")} });`);
  });
}

/**
 * The expression that reads an error response of an RPC service in `throwServiceError`. For
 * an `awsQueryCompatible` service it first writes `QUERY_ERROR_CODES`: the codes of the
 * service's awsQuery API (each error's `aws.protocols#awsQueryError` code, and its name, which
 * is its code without the trait) to the error names the dispatch switches on.
 */
export function rpcErrorRead(ir: ServiceIR, file: SourceFile): string {
  const read = clientRuntime(file, ERROR_READERS[ir.service.protocol]!);
  if (!ir.service.awsQueryCompatible) return `${read}(response, context)`;
  const codes = new Map<string, string>();
  for (const e of ir.errors) codes.set(e.id.split("#")[1]!, e.id.split("#")[1]!);
  for (const e of ir.errors) {
    const trait = e.traits["aws.protocols#awsQueryError"] as { code?: unknown } | undefined;
    if (typeof trait?.code === "string") codes.set(trait.code, e.id.split("#")[1]!);
  }
  file.declare("QUERY_ERROR_CODES");
  file.doc("awsQuery error code → the error it stands for: this service answered in awsQuery before, and still says its old codes in `x-amzn-query-error`.");
  file.block("const QUERY_ERROR_CODES: Readonly<Record<string, string>> = {", () => {
    // Keys are quoted, and a `__proto__` key computed: each is an own property.
    for (const [code, name] of codes) file.line(`${literalKey(code, true)}: ${JSON.stringify(name)},`);
  }, "};");
  file.blank();
  return `${read}(response, context, QUERY_ERROR_CODES)`;
}

/**
 * Writes `de_<Op>Command` for rpcv2Cbor: the body is one CBOR map of the output's members (every
 * member is bound to the body in an RPC protocol); members the service leaves out take their
 * `@default`, as in the JSON deserializers.
 */
export function emitCborDeserializer(file: SourceFile, serde: Serde, op: Operation, name: string, outputType: string): void {
  const ctx = clientRuntimeType(file, "SerdeContext");
  const httpResponse = file.importType("@smithy/types", "HttpResponse");
  const output = op.output;
  file.doc(`Parses the HTTP response of ${op.name} into {@link ${outputType}}, or throws the modelled error it carries.`);
  file.block(`export async function ${name}(response: ${httpResponse}, context: ${ctx}): Promise<${outputType}> {`, () => {
    const dispatch = file.import(rel(file.path, GEN.errorDispatch), "throwServiceError");
    file.line(`${clientRuntime(file, "normalizeHeaderNames")}(response);`);
    file.line(`if (response.statusCode >= 300) return ${dispatch}(response, context);`);
    file.line(`const output = { $metadata: ${clientRuntime(file, "metadataOf")}(response) } as ${outputType};`);
    const parse = clientRuntime(file, "parseCborDocument");
    if (output.members.length === 0) {
      file.line(`await ${parse}(response, context);`);
      file.line("return output;");
      return;
    }
    file.line(`const data: any = ${clientRuntime(file, "expectObject")}((await ${parse}(response, context)) ?? {}, ${JSON.stringify(output.name)});`);
    file.statements(output.members, (m) => {
      const key = readProperty("data", m.jsonName, true);
      const parsed = `${serde.fromJson(m.target, key, `${output.name}.${m.name}`, m)}!`;
      const fallback = serde.defaultValue(m);
      if (fallback !== undefined) file.line(`${writeProperty("output", m.name, `${key} != null ? ${parsed} : ${fallback}`)};`);
      else file.line(`if (${key} != null) ${writeProperty("output", m.name, parsed)};`);
    });
    file.line("return output;");
  });
}
