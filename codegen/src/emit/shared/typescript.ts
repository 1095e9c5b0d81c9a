/** TypeScript type expressions for IR shapes, shared by the emitters. */
import type { Member, ServiceIR, Shape } from "../../ir/types.js";
import type { SourceFile } from "../../writer/source-file.js";
import { isEventStream } from "../../ir/shapes.js";
export { isOptional } from "../../ir/shapes.js";

export interface TypeRefOptions {
  /** Module the named shape types come from; undefined when they are local. */
  from?: string;
  /** Whether the reference sits in a shape that can come back from the service. */
  open: boolean;
}

/** The type of a member's value (without `| undefined`). */
export function typeOf(ir: ServiceIR, file: SourceFile, targetId: string, options: TypeRefOptions): string {
  const shape = ir.shapeById.get(targetId);
  if (!shape) throw new Error(`unknown shape ${targetId}`);
  // A member targeting an event stream holds the events, sent or read one by one.
  if (isEventStream(shape)) return `AsyncIterable<${named(file, shape, options)}>`;
  return typeOfShape(ir, file, shape, options);
}

function named(file: SourceFile, shape: Shape, options: TypeRefOptions): string {
  return options.from ? file.importType(options.from, shape.name) : shape.name;
}

export function typeOfShape(ir: ServiceIR, file: SourceFile, shape: Shape, options: TypeRefOptions): string {
  switch (shape.kind) {
    case "string":
      return "string";
    case "boolean":
      return "boolean";
    case "byte":
    case "short":
    case "integer":
    case "long":
    case "float":
    case "double":
      return "number";
    case "bigInteger":
      return "bigint";
    case "bigDecimal":
      // Exact, as smithy-typescript types it.
      return file.importType("@smithy/core/serde", "NumericValue");
    case "timestamp":
      return "Date";
    case "blob":
      if (shape.streaming) {
        return file.importType("@smithy/types", options.open ? "StreamingBlobPayloadOutputTypes" : "StreamingBlobPayloadInputTypes");
      }
      return "Uint8Array";
    case "document":
      return options.from ? file.importType(options.from, "DocumentType") : "DocumentType";
    case "enum": {
      const name = named(file, shape, options);
      return options.open ? `${name} | (string & {})` : name;
    }
    case "intEnum": {
      const name = named(file, shape, options);
      return options.open ? `${name} | (number & {})` : name;
    }
    case "list": {
      const inner = typeOf(ir, file, shape.member.target, options);
      const item = shape.sparse ? `${inner} | null` : inner;
      return /[|&\s]/.test(item) ? `(${item})[]` : `${item}[]`;
    }
    case "map": {
      const inner = typeOf(ir, file, shape.value.target, options);
      return `Record<string, ${shape.sparse ? `${inner} | null` : inner}>`;
    }
    case "structure":
    case "union":
      return named(file, shape, options);
  }
}

/** A member is optional unless it is required and not `clientOptional`. */

/** Whether the IR uses `document` anywhere. */
export function usesDocuments(ir: ServiceIR): boolean {
  return ir.shapes.some((s) => s.kind === "document");
}

export function usesStreaming(ir: ServiceIR): boolean {
  return ir.shapes.some((s) => s.kind === "blob" && s.streaming);
}

/** TSDoc tags for a shape or member. */
export function docTags(item: { deprecated?: { message?: string; since?: string }; sensitive?: boolean }): string[] {
  const tags: string[] = [];
  if (item.sensitive) tags.push("This value is sensitive: the client redacts it from logs.");
  if (item.deprecated) {
    // The message and version are model text on the tag's one line: newlines folded, so that
    // none of it starts a line of its own (and becomes a tag); SourceFile.doc escapes the rest.
    const oneLine = (s: string | undefined) => (typeof s === "string" ? s.replace(/\s+/g, " ").trim() : "");
    const message = oneLine(item.deprecated.message);
    const since = oneLine(item.deprecated.since);
    tags.push(`@deprecated${message ? ` ${message}` : ""}${since ? ` (since ${since})` : ""}`);
  }
  return tags;
}

/** A property name as written in an interface or object literal. */
export function propertyKey(name: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(name) ? name : JSON.stringify(name);
}
