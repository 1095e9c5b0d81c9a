/**
 * `commands/<Name>Command.ts`: the command class, and the serializer and
 * deserializer of its HTTP request and response — all an application needs
 * for one operation sits in one file.
 */
import { childTargets, isEventStream } from "../../ir/shapes.js";
import type { HttpChecksum, Member, Operation, ServiceIR, StructureShape, UnionShape } from "../../ir/types.js";
import { eventStreamFunction } from "./events.js";
import { SourceFile } from "../../writer/source-file.js";
import { readPresent, readProperty, writeProperty } from "../shared/property.js";
import { exampleObject } from "../shared/example-value.js";
import { docTags, isOptional } from "../shared/typescript.js";
import { serviceCustomizations } from "./customizations.js";
import { authSchemeList, operationAuth } from "./auth.js";
import { GEN, rel } from "./paths.js";
import { Serde } from "./serde.js";
import { emitCborDeserializer, emitRpcSerializer, isRpc } from "./protocols/rpc.js";
import { validatorName } from "./validation.js";
import { type ClientRuntimeValue, clientRuntime, clientRuntimeType } from "../shared/runtime.js";

export interface CommandNames {
  client: string;
  clientFile: string;
  typesPackage: string;
  /** The client package's npm name, for the examples' imports. */
  clientPackage: string;
}

export function commandFile(op: Operation): string {
  return `src/gen/commands/${op.name}Command.ts`;
}

export function emitCommand(ir: ServiceIR, op: Operation, names: CommandNames): SourceFile {
  const file = new SourceFile(commandFile(op));
  const command = `${op.name}Command`;
  const inputType = `${command}Input`;
  const outputType = `${command}Output`;
  const se = `se_${command}`;
  const de = `de_${command}`;
  file.declare(command, inputType, outputType, se, de, "operation");
  const serde = new Serde(ir, file);
  const fromClient = (name: string, type = true) => file.import(rel(file.path, names.clientFile), name, { type });

  const inputShape = file.importType(names.typesPackage, op.input.name);
  const outputShape = file.importType(names.typesPackage, op.output.name);
  const metadataBearer = file.importType("@smithy/types", "MetadataBearer");

  // A streaming blob takes what can be sent (bytes, a string, a stream, a Blob) on input and
  // comes back as a stream with `transformToString()` and friends on output, whatever the shape
  // type says when one structure serves both, as in the AWS SDKs.
  const streams = (shape: StructureShape, shapeType: string, typeName: string) => {
    const members = shape.members.filter((m) => {
      const target = serde.shape(m.target);
      return target.kind === "blob" && target.streaming;
    });
    if (!members.length) return { base: shapeType, members: [] as string[] };
    const type = file.importType("@smithy/types", typeName);
    const omitted = members.map((m) => JSON.stringify(m.name)).join(" | ");
    return { base: `Omit<${shapeType}, ${omitted}>`, members: members.map((m) => `${m.name}${isOptional(m) ? "?" : ""}: ${type};`) };
  };
  const inputStreams = streams(op.input, inputShape, "StreamingBlobPayloadInputTypes");
  const outputStreams = streams(op.output, outputShape, "StreamingBlobPayloadOutputTypes");
  file.doc(`The input of {@link ${command}}.`);
  if (inputStreams.members.length) file.block(`export interface ${inputType} extends ${inputStreams.base} {`, () => inputStreams.members.forEach((m) => file.line(m)));
  else file.line(`export interface ${inputType} extends ${inputShape} {}`);
  file.blank();
  file.doc(`The output of {@link ${command}}, with the response metadata.`);
  if (outputStreams.members.length) file.block(`export interface ${outputType} extends ${outputStreams.base}, ${metadataBearer} {`, () => outputStreams.members.forEach((m) => file.line(m)));
  else file.line(`export interface ${outputType} extends ${outputShape}, ${metadataBearer} {}`);
  file.blank();

  // The command class
  const $Command = clientRuntime(file, "Command");
  const resolvedConfig = fromClient(`${names.client}ClientResolvedConfig`);
  const serviceIn = fromClient("ServiceInputTypes");
  const serviceOut = fromClient("ServiceOutputTypes");
  const errorsDoc = op.errors.map((e) => `@throws {@link ${e.name}} ${firstSentence(e.documentation) ?? `(${e.error!.fault} fault, HTTP ${e.error!.httpStatus})`}`);
  file.doc(op.documentation, [
    ...docTags(op),
    "@example",
    "```ts",
    `import { ${names.client}Client, ${command}, type ${inputType} } from "${names.clientPackage}";`,
    "",
    `const client = new ${names.client}Client({ region: "us-west-2" });`,
    ...`const input: ${inputType} = ${exampleObject(ir, op.input.id)};`.split("\n"),
    `const output = await client.send(new ${command}(input));`,
    "```",
    ...errorsDoc,
    `@throws {@link ${names.client}ServiceException} for any other error the service returns.`,
  ]);
  file.block(`export class ${command} extends ${$Command}<${inputType}, ${outputType}, ${resolvedConfig}, ${serviceIn}, ${serviceOut}> {`, () => {
    file.block(`constructor(readonly input: ${inputType}) {`, () => file.line("super();"));
    file.blank();
    const stack = file.importType("@smithy/types", "MiddlewareStack");
    const handler = file.importType("@smithy/types", "Handler");
    const httpOptions = file.importType("@smithy/types", "HttpHandlerOptions");
    file.doc("Builds the handler of one call; used by `client.send`.");
    file.block(
      `resolveMiddleware(clientStack: ${stack}<${serviceIn}, ${serviceOut}>, config: ${resolvedConfig}, options?: ${httpOptions}): ${handler}<${inputType}, ${outputType}> {`,
      () => file.line("return this.resolveOperation(operation, clientStack, config, options);"),
    );
  });
  file.blank();

  // What the runtime needs to run the operation.
  const operationType = clientRuntimeType(file, "Operation");
  const validator = file.import(rel(file.path, GEN.validators), validatorName(op.input));
  const sensitive = sensitiveFilters(ir, op);
  file.doc(`How ${op.name} is sent and read.`);
  file.block(`const operation: ${operationType}<${inputType}, ${outputType}> = {`, () => {
    file.line(`name: ${JSON.stringify(op.name)},`);
    file.line(`serialize: ${se},`);
    file.line(`deserialize: ${de},`);
    file.line(`validate: ${validator},`);
    file.line(`endpoint: ${endpointInstructions(op)},`);
    const middleware = [
      ...serviceCustomizations(ir).map((name) => clientRuntime(file, name)),
      ...(op.httpChecksum ? [`${clientRuntime(file, "httpChecksumMiddleware")}(${literal(checksumMiddlewareConfig(op.httpChecksum, op.checksumRequired))})`] : []),
    ];
    if (middleware.length) file.line(`middleware: [${middleware.join(", ")}],`);
    const auth = operationAuth(ir, op);
    if (auth) file.line(`auth: ${authSchemeList(file, auth)},`);
    if (sensitive.input) file.line(`inputFilterSensitiveLog: ${file.import(rel(file.path, GEN.sensitive), sensitive.input)},`);
    if (sensitive.output) file.line(`outputFilterSensitiveLog: ${file.import(rel(file.path, GEN.sensitive), sensitive.output)},`);
  }, "};");

  file.blank();
  // The protocol's request and response. RPC protocols bind every member to the body: their JSON
  // responses are read as restJson1's bodies are, and rpcv2Cbor's by a deserializer of its own.
  if (isRpc(ir.service.protocol)) emitRpcSerializer(ir, file, serde, op, se, inputType);
  else emitSerializer(ir, file, serde, op, se, inputType);
  file.blank();
  if (ir.service.protocol === "rpcv2Cbor") emitCborDeserializer(file, serde, op, de, outputType);
  else emitDeserializer(ir, file, serde, op, de, outputType);
  return file;
}

/** `aws.protocols#httpChecksum` as the AWS SDK's `getFlexibleChecksumsPlugin` takes it. */
function checksumMiddlewareConfig(trait: HttpChecksum, httpChecksumRequired: boolean): Record<string, unknown> {
  return {
    // `@httpChecksumRequired` too: the checksum that replaces Content-MD5 is required, whatever the option.
    requestChecksumRequired: trait.requestChecksumRequired || httpChecksumRequired,
    ...(trait.requestAlgorithmMember ? { requestAlgorithmMember: trait.requestAlgorithmMember } : {}),
    ...(trait.requestValidationModeMember ? { requestValidationModeMember: trait.requestValidationModeMember } : {}),
    ...(trait.responseAlgorithms.length ? { responseAlgorithms: trait.responseAlgorithms } : {}),
  };
}

/** A JSON value as a TypeScript literal: `{ name: "x", list: ["a"] }`. */
function literal(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(literal).join(", ")}]`;
  if (value === null || typeof value !== "object") return JSON.stringify(value);
  const entries = Object.entries(value).map(([k, v]) => `${/^[A-Za-z_$][\w$]*$/.test(k) ? k : JSON.stringify(k)}: ${literal(v)}`);
  return entries.length ? `{ ${entries.join(", ")} }` : "{}";
}

function firstSentence(text: string | undefined): string | undefined {
  if (!text) return undefined;
  // `[^<>]` keeps this linear on text full of unclosed `<`.
  const plain = text.replace(/<[^<>]+>/g, " ").replace(/\s+/g, " ").trim();
  const m = /^(.*?[.!?])(\s|$)/.exec(plain);
  return (m ? m[1] : plain)?.slice(0, 200);
}

function endpointInstructions(op: Operation): string {
  const parts: string[] = [];
  if (Object.keys(op.staticContextParams).length) parts.push(`staticParams: ${JSON.stringify(op.staticContextParams)}`);
  if (Object.keys(op.contextParams).length) parts.push(`contextParams: ${JSON.stringify(op.contextParams)}`);
  return `{${parts.length ? ` ${parts.join(", ")} ` : ""}}`;
}

export function sensitiveFilters(ir: ServiceIR, op: Operation): { input?: string; output?: string } {
  return {
    input: hasSensitive(ir, op.input.id, new Set()) ? `${op.input.name}FilterSensitiveLog` : undefined,
    output: hasSensitive(ir, op.output.id, new Set()) ? `${op.output.name}FilterSensitiveLog` : undefined,
  };
}

/**
 * Whether a value of shape `id` can hold sensitive data. `seen` is kept for callers of the old
 * recursive form and is unused: the answer comes from {@link sensitiveShapes}, computed once.
 */
export function hasSensitive(ir: ServiceIR, id: string, _seen?: Set<string>): boolean {
  return sensitiveShapes(ir).has(id);
}

const SENSITIVE = new WeakMap<ServiceIR, ReadonlySet<string>>();

/**
 * The shapes that are sensitive or contain a sensitive member at any depth, found in time linear
 * in the model: from the sensitive shapes up the references, breadth-first. (Asking each shape
 * on its own walked the whole closure per shape: minutes for a chain of 5,000 structures.)
 */
function sensitiveShapes(ir: ServiceIR): ReadonlySet<string> {
  const cached = SENSITIVE.get(ir);
  if (cached) return cached;
  const parents = new Map<string, string[]>();
  const found = new Set<string>();
  for (const shape of ir.shapeById.values()) {
    const direct = shape.sensitive || ((shape.kind === "structure" || shape.kind === "union") && shape.members.some((m) => m.sensitive));
    if (direct) found.add(shape.id);
    for (const target of childTargets(shape)) {
      const list = parents.get(target);
      if (list) list.push(shape.id);
      else parents.set(target, [shape.id]);
    }
  }
  const queue = [...found];
  while (queue.length > 0) {
    for (const parent of parents.get(queue.pop()!) ?? []) {
      if (!found.has(parent)) {
        found.add(parent);
        queue.push(parent);
      }
    }
  }
  SENSITIVE.set(ir, found);
  return found;
}

/** Bindings that apply to requests only (Smithy's HTTP binding traits). */
const REQUEST_ONLY: ReadonlySet<Member["http"]["location"]> = new Set(["label", "query", "queryParams"]);

function byLocation(shape: StructureShape, location: Member["http"]["location"]): Member[] {
  return shape.members.filter((m) => m.http.location === location);
}

function emitSerializer(ir: ServiceIR, file: SourceFile, serde: Serde, op: Operation, name: string, inputType: string): void {
  const rt = (n: ClientRuntimeValue) => clientRuntime(file, n);
  const ctx = clientRuntimeType(file, "SerdeContext");
  const httpRequest = file.importType("@smithy/types", "HttpRequest");
  const input = op.input;
  const value = (m: Member) => (m.idempotencyToken ? `${readProperty("input", m.name)} ?? context.generateIdempotencyToken()` : readPresent("input", m.name));

  file.doc(`Serializes {@link ${inputType}} into the HTTP request of ${op.name}.`);
  file.block(`export async function ${name}(input: ${inputType}, context: ${ctx}): Promise<${httpRequest}> {`, () => {
    // Path
    const pathParts = op.http.segments.map((seg) => {
      if (seg.kind === "literal") return seg.value;
      const member = input.members.find((m) => m.name === seg.name)!;
      const required = `${rt("requireValue")}(${readProperty("input", member.name)}, ${JSON.stringify(member.name)}, "URI")`;
      const text = serde.toText(member.target, required, "label", member);
      return `\${${rt(seg.greedy ? "encodeGreedyLabel" : "encodeLabel")}(${text}, ${JSON.stringify(member.name)})}`;
    });
    file.line(`const path = \`/${pathParts.join("/")}\`;`);

    // Query
    const queryMembers = byLocation(input, "query");
    const queryParams = byLocation(input, "queryParams");
    const hasQuery = queryMembers.length + queryParams.length + op.http.queryLiterals.length > 0;
    if (hasQuery) {
      file.line(`const query: ${clientRuntimeType(file, "QueryBag")} = {};`);
      for (const [k, v] of op.http.queryLiterals) file.line(`query[${JSON.stringify(k)}] = ${JSON.stringify(v)};`);
      for (const m of queryParams) {
        const map = serde.shape(m.target);
        if (map.kind !== "map") continue;
        const valueShape = serde.shape(map.value.target);
        file.block(`for (const [key, value] of Object.entries(${readProperty("input", m.name)} ?? {})) {`, () => {
          // Explicit @httpQuery members win over the catch-all map.
          const bound = queryMembers.map((q) => (q.http as { name: string }).name);
          if (bound.length) file.line(`if (${JSON.stringify(bound)}.includes(key)) continue;`);
          if (valueShape.kind === "list") {
            file.line(`if (value == null) continue;`);
            file.line(`query[key] = value.map((item) => ${serde.toText(valueShape.member.target, "item", "query", valueShape.member)});`);
          } else file.line(`if (value != null) query[key] = ${serde.toText(map.value.target, "value", "query", map.value)};`);
        });
      }
      for (const m of queryMembers) {
        const qname = JSON.stringify((m.http as { name: string }).name);
        const target = serde.shape(m.target);
        const v = m.idempotencyToken ? `(${value(m)})` : value(m);
        const required = m.required && !m.idempotencyToken;
        const guard = m.idempotencyToken || required ? "" : `if (${readProperty("input", m.name)} != null) `;
        if (required) {
          const checked = `${rt("requireValue")}(${readProperty("input", m.name)}, ${JSON.stringify(m.name)}, "query string")`;
          if (target.kind === "list") {
            file.line(`query[${qname}] = ${checked}.map((item) => ${serde.toText(target.member.target, "item", "query", target.member)});`);
          } else file.line(`query[${qname}] = ${serde.toText(m.target, checked, "query", m)};`);
        } else if (target.kind === "list") {
          file.line(`${guard}query[${qname}] = ${v}.map((item) => ${serde.toText(target.member.target, "item", "query", target.member)});`);
        } else file.line(`${guard}query[${qname}] = ${serde.toText(m.target, v, "query", m)};`);
      }
    }

    // Headers
    const headerMembers = byLocation(input, "header");
    const prefixMembers = byLocation(input, "prefixHeaders");
    const payload = byLocation(input, "payload")[0];
    const bodyMembers = byLocation(input, "body");
    const contentType = requestContentType(serde, payload, bodyMembers);
    file.line(`const headers: Record<string, string> = {${contentType ? ` "content-type": ${JSON.stringify(contentType)} ` : ""}};`);
    for (const m of prefixMembers) {
      const prefix = (m.http as { prefix: string }).prefix.toLowerCase();
      file.block(`for (const [key, value] of Object.entries(${readProperty("input", m.name)} ?? {})) {`, () => {
        file.line(`if (value != null) headers[${JSON.stringify(prefix)} + key.toLowerCase()] = value;`);
      });
    }
    for (const m of headerMembers) {
      const hname = JSON.stringify((m.http as { name: string }).name.toLowerCase());
      const target = serde.shape(m.target);
      const guard = m.idempotencyToken ? "" : `if (${readProperty("input", m.name)} != null) `;
      if (target.kind === "list") {
        const item = serde.toText(target.member.target, "item", "header", target.member);
        const itemShape = serde.shape(target.member.target);
        const join = itemShape.kind === "timestamp" ? `.join(", ")` : "";
        file.line(
          join
            ? `${guard}headers[${hname}] = ${readPresent("input", m.name)}.map((item) => ${item})${join};`
            : `${guard}headers[${hname}] = ${rt("joinHeaderList")}(${readPresent("input", m.name)}.map((item) => ${item}));`,
        );
      } else file.line(`${guard}headers[${hname}] = ${serde.toText(m.target, value(m), "header", m)};`);
    }

    // Body
    let body: string | undefined;
    if (payload && isEventStream(serde.shape(payload.target))) {
      // An input event stream: its messages are encoded as the caller's iterable yields them, and
      // signed one by one when the request is (see the runtime's signing middleware).
      const writer = file.import(rel(file.path, GEN.events), eventStreamFunction(serde.shape(payload.target) as UnionShape, "se"));
      file.line(`headers["x-amz-content-sha256"] = "STREAMING-AWS4-HMAC-SHA256-EVENTS";`);
      file.line(`const body = ${rt("writeEventStream")}(${readProperty("input", payload.name)}, context, ${writer});`);
      body = "body";
    } else if (payload) {
      const target = serde.shape(payload.target);
      const structure = target.kind === "structure";
      if (structure) {
        // An unset structure payload is sent as an empty object.
        body = `${rt("stringifyJson")}(${readProperty("input", payload.name)} === undefined ? {} : ${serde.toJson(payload.target, `${readProperty("input", payload.name)}`, payload)})`;
      } else if (target.kind === "union") {
        body = `${readProperty("input", payload.name)} === undefined ? undefined : ${rt("stringifyJson")}(${serde.toJson(payload.target, `${readProperty("input", payload.name)}`, payload)})`;
      } else if (target.kind === "document") {
        body = `${readProperty("input", payload.name)} === undefined ? undefined : JSON.stringify(${readProperty("input", payload.name)})`;
      } else body = `${readProperty("input", payload.name)}`;
      file.line(`const body = ${body};`);
      // A blob payload keeps its content type even when there is no body, as the AWS SDK sends it
      // (Lambda's Invoke without a Payload is `application/octet-stream`).
      if (!structure && target.kind !== "blob") file.line(`if (body === undefined) delete headers["content-type"];`);
      body = "body";
    } else if (bodyMembers.length) {
      file.line("const document: Record<string, unknown> = {};");
      file.statements(bodyMembers, (m) => {
        if (m.idempotencyToken) file.line(`${writeProperty("document", m.jsonName, serde.toJson(m.target, value(m), m), true)};`);
        else file.line(`if (${readProperty("input", m.name)} != null) ${writeProperty("document", m.jsonName, serde.toJson(m.target, readPresent("input", m.name), m), true)};`);
      });
      file.line(`const body = ${rt("stringifyJson")}(document);`);
      body = "body";
    }

    // Host prefix
    let hostPrefix: string | undefined;
    if (op.hostPrefix) {
      hostPrefix = "`" + op.hostPrefix.replace(/\{(\w+)\}/g, (_m, label: string) => `\${${rt("requireValue")}(${readProperty("input", label)}, ${JSON.stringify(label)}, "host prefix")}`) + "`";
    }
    const parts = [`method: ${JSON.stringify(op.http.method)}`, "path", ...(hasQuery ? ["query"] : []), "headers", ...(body ? ["body"] : []), ...(hostPrefix ? [`hostPrefix: ${hostPrefix}`] : [])];
    // gzip is the one encoding the runtime knows; the compression code is imported only here.
    if (op.requestCompression.includes("gzip")) parts.push(`compress: ${clientRuntime(file, "gzipRequestBody")}`);
    // With `aws.protocols#httpChecksum` too, its checksum (CRC32 by default) stands for Content-MD5,
    // as in the AWS SDK since flexible checksums became the default.
    if (op.checksumRequired && !op.httpChecksum) parts.push(`contentMd5: ${clientRuntime(file, "defaultMd5")}`);
    file.line(`return ${rt("buildRequest")}(context, { ${parts.join(", ")} });`);
  });
}

function requestContentType(serde: Serde, payload: Member | undefined, bodyMembers: Member[]): string | undefined {
  if (payload) {
    const target = serde.shape(payload.target);
    const mediaType = target.kind === "blob" || target.kind === "string" ? target.mediaType : undefined;
    if (isEventStream(target)) return "application/vnd.amazon.eventstream";
    switch (target.kind) {
      case "blob":
        return mediaType ?? "application/octet-stream";
      case "string":
      case "enum":
        return mediaType ?? "text/plain";
      default:
        return "application/json";
    }
  }
  return bodyMembers.length ? "application/json" : undefined;
}

function emitDeserializer(ir: ServiceIR, file: SourceFile, serde: Serde, op: Operation, name: string, outputType: string): void {
  const rt = (n: ClientRuntimeValue) => clientRuntime(file, n);
  const ctx = clientRuntimeType(file, "SerdeContext");
  const httpResponse = file.importType("@smithy/types", "HttpResponse");
  const output = op.output;
  file.doc(`Parses the HTTP response of ${op.name} into {@link ${outputType}}, or throws the modelled error it carries.`);
  file.block(`export async function ${name}(response: ${httpResponse}, context: ${ctx}): Promise<${outputType}> {`, () => {
    const dispatch = file.import(rel(file.path, GEN.errorDispatch), "throwServiceError");
    // Header names are case-insensitive; custom request handlers may not lower-case them.
    file.line(`${rt("normalizeHeaderNames")}(response);`);
    file.line(`if (response.statusCode >= 300) return ${dispatch}(response, context);`);
    const metadataOf = clientRuntime(file, "metadataOf");
    file.line(`const output = { $metadata: ${metadataOf}(response) } as ${outputType};`);
    for (const m of byLocation(output, "header")) {
      const hname = JSON.stringify((m.http as { name: string }).name.toLowerCase());
      const target = serde.shape(m.target);
      const h = `response.headers[${hname}]`;
      if (target.kind === "list") {
        const itemShape = serde.shape(target.member.target);
        const split = itemShape.kind === "timestamp" && serde.timestampFormat(target.member, itemShape, "header") === "http-date" ? "splitHttpDateList" : "splitHeaderList";
        const item = serde.fromText(target.member.target, "item", `${output.name}.${m.name}`, "header", target.member);
        file.line(`if (${h} !== undefined) ${writeProperty("output", m.name, `${rt(split)}(${h}).map((item) => ${item}!)`)};`);
      } else {
        file.line(`if (${h} !== undefined) ${writeProperty("output", m.name, `${serde.fromText(m.target, h, `${output.name}.${m.name}`, "header", m)}!`)};`);
      }
    }
    for (const m of byLocation(output, "prefixHeaders")) {
      const prefix = JSON.stringify((m.http as { prefix: string }).prefix.toLowerCase());
      file.block(`for (const [key, value] of Object.entries(response.headers)) {`, () => {
        file.block(`if (key.toLowerCase().startsWith(${prefix})) {`, () => {
          file.line(`if (${readProperty("output", m.name)} === undefined) ${writeProperty("output", m.name, "{}")};`);
          file.line(`${readProperty("output", m.name)}![key.slice(${prefix}.length)] = value;`);
        });
      });
    }
    for (const m of byLocation(output, "responseCode")) file.line(`${writeProperty("output", m.name, "response.statusCode")};`);
    const payload = byLocation(output, "payload")[0];
    // `@httpLabel`, `@httpQuery` and `@httpQueryParams` bind members of a request only: in a
    // response they mean nothing, and the member is in the body like any other.
    const bodyMembers = output.members.filter((m) => REQUEST_ONLY.has(m.http.location) || m.http.location === "body");
    if (payload && isEventStream(serde.shape(payload.target))) {
      // The initial response is the HTTP response's headers: a required one missing is a
      // malformed response, found before the caller waits on the events.
      for (const m of byLocation(output, "header").filter((m) => !isOptional(m))) {
        file.line(`if (${readProperty("output", m.name)} === undefined) throw new TypeError(${JSON.stringify(`The required header ${(m.http as { name: string }).name} is missing.`)});`);
      }
      const reader = file.import(rel(file.path, GEN.events), eventStreamFunction(serde.shape(payload.target) as UnionShape, "de"));
      file.line(`${writeProperty("output", payload.name, `${rt("readEventStream")}(response, context, ${reader})`)};`);
    } else if (payload) {
      const target = serde.shape(payload.target);
      if (target.kind === "blob" && target.streaming) {
        const mixin = file.import("@smithy/core/serde", "sdkStreamMixin");
        file.line(`${writeProperty("output", payload.name, `${mixin}(response.body) as any`)};`);
      } else if (target.kind === "blob") {
        // An empty body is an empty blob, not an absent one, as in the AWS SDK.
        file.line(`${writeProperty("output", payload.name, `await ${rt("collectBody")}(response.body, context)`)};`);
      } else if (target.kind === "string" || target.kind === "enum") {
        file.line(`const text = await ${rt("collectBodyString")}(response.body, context);`);
        file.line(`if (text !== "") ${writeProperty("output", payload.name, "text")};`);
      } else {
        const parse = file.import(rel(file.path, GEN.errorDispatch), "parseJsonDocument");
        file.line(`const data = await ${parse}(response, context);`);
        if (target.kind === "document") file.line(`if (data !== undefined) ${writeProperty("output", payload.name, `${serde.fromJson(payload.target, "data", `${output.name}.${payload.name}`, payload)} as any`)};`);
        else file.line(`if (data !== undefined) ${writeProperty("output", payload.name, serde.fromJson(payload.target, "data", `${output.name}.${payload.name}`, payload))};`);
      }
    } else if (bodyMembers.length) {
      const parse = file.import(rel(file.path, GEN.errorDispatch), "parseJsonDocument");
      file.line(`const data: any = ${rt("expectObject")}((await ${parse}(response, context)) ?? {}, ${JSON.stringify(output.name)});`);
      file.statements(bodyMembers, (m) => {
        const key = readProperty("data", m.jsonName, true);
        const parsed = `${serde.fromJson(m.target, key, `${output.name}.${m.name}`, m)}!`;
        const fallback = serde.defaultValue(m);
        if (fallback !== undefined) file.line(`${writeProperty("output", m.name, `${key} != null ? ${parsed} : ${fallback}`)};`);
        else file.line(`if (${key} != null) ${writeProperty("output", m.name, parsed)};`);
      });
    } else {
      file.line(`await ${rt("collectBody")}(response.body, context);`);
    }
    file.line("return output;");
  });
}
