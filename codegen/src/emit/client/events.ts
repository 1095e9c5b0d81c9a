/**
 * `protocols/events.ts`, for services with event streams (`@streaming` unions): per stream the
 * service sends, the reader of its messages (`de_<Union>`: event type → union member, exception
 * type → modelled error); per stream the caller sends, the writer of its messages (`se_<Union>`).
 * Each event structure binds its members to the message: `@eventHeader` members to headers, the
 * `@eventPayload` member to the body, or else the other members to a JSON body (restJson1).
 */
import { eventBindings, isEventStream } from "../../ir/shapes.js";
import type { Member, ServiceIR, Shape, StructureShape, UnionShape } from "../../ir/types.js";
import { SourceFile } from "../../writer/source-file.js";
import { literalKey, readPresent, readProperty, writeProperty } from "../shared/property.js";
import { clientRuntime, clientRuntimeType } from "../shared/runtime.js";
import { typeOfShape } from "../shared/typescript.js";
import { GEN, rel } from "./paths.js";
import { Serde } from "./serde.js";

export function eventStreams(ir: ServiceIR): UnionShape[] {
  return ir.shapes.filter(isEventStream);
}

/** The name of the reader (`de_`) or writer (`se_`) of an event stream. */
export function eventStreamFunction(shape: UnionShape, direction: "de" | "se"): string {
  return `${direction}_${shape.name}`;
}

export function emitEventStreams(ir: ServiceIR, typesPackage: string): SourceFile | undefined {
  const streams = eventStreams(ir);
  if (streams.length === 0) return undefined;
  const file = new SourceFile(`src/gen/${GEN.events.replace(".js", ".ts")}`);
  const serde = new Serde(ir, file);
  const events = new Map<string, StructureShape>();
  for (const stream of streams) {
    file.declare(...(stream.usage.output ? [eventStreamFunction(stream, "de")] : []), ...(stream.usage.input ? [eventStreamFunction(stream, "se")] : []));
    for (const m of stream.members) events.set(m.target, serde.shape(m.target) as StructureShape);
  }
  const type = (shape: Shape) => typeOfShape(ir, file, shape, { from: typesPackage, open: true });
  const message = clientRuntimeType(file, "EventMessage");

  for (const stream of streams) {
    if (stream.usage.output) {
      file.blank();
      const reader = clientRuntimeType(file, "EventStreamReader");
      const errors = stream.members.filter((m) => (serde.shape(m.target) as StructureShape).error);
      const plain = stream.members.filter((m) => !errors.includes(m));
      file.doc(`Reads the messages of the {@link ${stream.name}} event stream (unknown event types are skipped).`);
      file.block(`export const ${eventStreamFunction(stream, "de")}: ${reader}<${file.importType(typesPackage, stream.name)}> = {`, () => {
        for (const [method, members, value] of [
          ["event", plain, (m: Member) => `{ ${literalKey(m.name)}: ${eventReader(m.target, events)}(message) }`],
          ["exception", errors, (m: Member) => `${eventReader(m.target, events)}(message)`],
        ] as const) {
          if (members.length === 0) {
            file.line(`${method}: () => undefined,`);
            continue;
          }
          file.block(`${method}(type, message) {`, () => {
            file.block("switch (type) {", () => {
              for (const m of members) {
                file.line(`case ${JSON.stringify(m.name)}:`);
                file.indent(() => file.line(`return ${value(m)};`));
              }
              file.line("default:");
              file.indent(() => file.line("return undefined;"));
            });
          }, "},");
        }
      }, "};");
    }
    if (stream.usage.input) {
      file.blank();
      file.doc(`Writes one event of the {@link ${stream.name}} event stream as its message.`);
      const streamType = file.importType(typesPackage, stream.name);
      file.block(`export function ${eventStreamFunction(stream, "se")}(event: ${streamType}): ${message} {`, () => {
        for (const m of stream.members) {
          const read = readProperty("event", m.name);
          file.line(`if (${read} !== undefined) return ${eventWriter(m.target, events)}(${JSON.stringify(m.name)}, ${readPresent("event", m.name)});`);
        }
        file.line(`throw new TypeError(\`An event of the ${stream.name} stream must have one of its members set (${stream.members.map((m) => m.name).join(", ")}).\`);`);
      });
    }
  }

  // One reader and one writer per event structure, as the streams need them.
  const reads = new Set(streams.filter((s) => s.usage.output).flatMap((s) => s.members.map((m) => m.target)));
  const writes = new Set(streams.filter((s) => s.usage.input).flatMap((s) => s.members.map((m) => m.target)));
  for (const event of events.values()) {
    if (reads.has(event.id)) {
      file.blank();
      emitEventReader(file, serde, event, type(event), message);
    }
    if (writes.has(event.id)) {
      file.blank();
      emitEventWriter(file, serde, event, type(event), message);
    }
  }
  return file;
}

function eventReader(target: string, events: Map<string, StructureShape>): string {
  return `de_${events.get(target)!.name}_event`;
}

function eventWriter(target: string, events: Map<string, StructureShape>): string {
  return `se_${events.get(target)!.name}_event`;
}

/** How an `@eventHeader` member's value is typed on the wire. */
function headerKind(shape: Shape): "boolean" | "number" | "string" | "blob" | "timestamp" {
  switch (shape.kind) {
    case "boolean":
      return "boolean";
    case "byte":
    case "short":
    case "integer":
    case "long":
    case "intEnum":
      return "number";
    case "string":
    case "enum":
      return "string";
    case "blob":
      return "blob";
    case "timestamp":
      return "timestamp";
    default:
      throw new Error(`${shape.id} (${shape.kind}) cannot be an event header`);
  }
}

function emitEventReader(file: SourceFile, serde: Serde, event: StructureShape, type: string, message: string): void {
  const name = `de_${event.name}_event`;
  file.declare(name);
  const { headers, payload, body } = eventBindings(event.members);
  const rt = (n: Parameters<typeof clientRuntime>[1]) => clientRuntime(file, n);
  const cls = event.error ? file.import(rel(file.path, GEN.exceptions), event.name) : undefined;
  file.block(`function ${name}(message: ${message}): ${cls ?? type} {`, () => {
    file.line(`const out = {} as ${cls ? `Record<string, any>` : type};`);
    for (const m of headers) {
      const value = `${rt("eventHeader")}(message, ${JSON.stringify(m.name)}, ${JSON.stringify(headerKind(serde.shape(m.target)))})`;
      file.line(`const ${headerLocal(m)} = ${value};`);
      file.line(`if (${headerLocal(m)} !== undefined) ${writeProperty("out", m.name, headerLocal(m))};`);
    }
    const where = (m: Member) => `${event.name}.${m.name}`;
    if (payload) {
      const target = serde.shape(payload.target);
      if (target.kind === "blob") file.line(`${writeProperty("out", payload.name, "message.body")};`);
      else if (target.kind === "string" || target.kind === "enum") file.line(`${writeProperty("out", payload.name, `${rt("eventText")}(message)`)};`);
      else {
        file.line(`const text = ${rt("eventText")}(message);`);
        file.line(`if (text.trim() !== "") ${writeProperty("out", payload.name, serde.fromJson(payload.target, serde.parseJson("text"), where(payload), payload))};`);
      }
    } else if (body.length) {
      file.line(`const text = ${rt("eventText")}(message);`);
      file.line(`const data: any = text.trim() === "" ? {} : ${rt("expectObject")}(${serde.parseJson("text")}, ${JSON.stringify(event.name)});`);
      for (const m of body) {
        const key = readProperty("data", m.jsonName, true);
        file.line(`if (${key} != null) ${writeProperty("out", m.name, `${serde.fromJson(m.target, key, where(m), m)}!`)};`);
      }
    }
    if (cls) {
      // A modelled error: the exception class, as an error response of the operation would give it.
      file.line(`return new ${cls}({ ...out, $metadata: {}, message: typeof out.message === "string" ? out.message : ${JSON.stringify(event.name)} } as any);`);
    } else file.line("return out;");
  });
}

function headerLocal(m: Member): string {
  return `header_${m.name.replace(/[^\w$]/g, "_")}`;
}

function emitEventWriter(file: SourceFile, serde: Serde, event: StructureShape, type: string, message: string): void {
  const name = `se_${event.name}_event`;
  file.declare(name);
  const { headers, payload, body } = eventBindings(event.members);
  const rt = (n: Parameters<typeof clientRuntime>[1]) => clientRuntime(file, n);
  const headersType = headers.length ? clientRuntimeType(file, "EventHeaders") : "";
  file.block(`function ${name}(type: string, event: ${type}): ${message} {`, () => {
    if (headers.length) file.line(`const headers: ${headersType} = {};`);
    for (const m of headers) {
      const read = readProperty("event", m.name);
      const value = readPresent("event", m.name);
      const target = serde.shape(m.target);
      const header = (() => {
        switch (target.kind) {
          case "boolean":
            return `{ type: "boolean", value: ${value} }`;
          case "byte":
            return `{ type: "byte", value: ${value} }`;
          case "short":
            return `{ type: "short", value: ${value} }`;
          case "integer":
          case "intEnum":
            return `{ type: "integer", value: ${value} }`;
          case "long":
            return `${rt("longHeader")}(${value})`;
          case "blob":
            return `{ type: "binary", value: ${value} }`;
          case "timestamp":
            return `{ type: "timestamp", value: ${value} }`;
          default:
            return `{ type: "string", value: ${value} }`;
        }
      })();
      file.line(`if (${read} !== undefined) headers[${JSON.stringify(m.name)}] = ${header};`);
    }
    let bodyExpr: string | undefined;
    if (payload) {
      const target = serde.shape(payload.target);
      const read = readProperty("event", payload.name);
      const value = readPresent("event", payload.name);
      if (target.kind === "blob") bodyExpr = `${read} === undefined ? undefined : { contentType: ${JSON.stringify(target.mediaType ?? "application/octet-stream")}, bytes: ${value} }`;
      else if (target.kind === "string" || target.kind === "enum") {
        bodyExpr = `${read} === undefined ? undefined : { contentType: ${JSON.stringify((target.kind === "string" && target.mediaType) || "text/plain")}, bytes: ${value} }`;
      } else {
        bodyExpr = `${read} === undefined ? undefined : { contentType: "application/json", bytes: ${rt("stringifyJson")}(${serde.toJson(payload.target, value, payload)}) }`;
      }
    } else if (body.length) {
      file.line("const document: Record<string, unknown> = {};");
      for (const m of body) {
        file.line(`if (${readProperty("event", m.name)} != null) ${writeProperty("document", m.jsonName, serde.toJson(m.target, readPresent("event", m.name), m), true)};`);
      }
      bodyExpr = `{ contentType: "application/json", bytes: ${rt("stringifyJson")}(document) }`;
    }
    // An error the caller sends goes as an `exception` message.
    const kind = event.error ? `, "exception"` : "";
    file.line(`return ${rt("eventMessage")}(type, ${headers.length ? "headers" : "{}"}${bodyExpr ? `, ${bodyExpr}` : kind ? ", undefined" : ""}${kind});`);
  });
}
