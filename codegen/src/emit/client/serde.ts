/**
 * Expressions that convert one value between its TypeScript form and its
 * restJson1 wire form: JSON documents, headers, query strings and labels.
 */
import type { Member, ServiceIR, Shape, TimestampFormat } from "../../ir/types.js";
import type { SourceFile } from "../../writer/source-file.js";
import { GEN, rel } from "./paths.js";
import { type ClientRuntimeValue, clientRuntime } from "../shared/runtime.js";
import { cborIn, cborOut } from "./protocols/cbor.js";

export type Location = "json" | "header" | "query" | "label";

const DEFAULT_TIMESTAMP: Record<Location, TimestampFormat> = {
  json: "epoch-seconds",
  header: "http-date",
  query: "date-time",
  label: "date-time",
};

export class Serde {
  constructor(
    private readonly ir: ServiceIR,
    private readonly file: SourceFile,
  ) {}

  shape(id: string): Shape {
    const s = this.ir.shapeById.get(id);
    if (!s) throw new Error(`unknown shape ${id}`);
    return s;
  }

  /**
   * Whether the model has `bigInteger` or `bigDecimal` shapes: then JSON bodies are read with the
   * lossless parser (numbers past 2^53 stay exact) and documents turned back into plain JSON.
   */
  get lossless(): boolean {
    return (this.bigNumbers ??= this.ir.shapes.some((s) => s.kind === "bigInteger" || s.kind === "bigDecimal"));
  }

  private bigNumbers?: boolean;

  /** The expression that parses a JSON text. */
  parseJson(text: string): string {
    return this.lossless ? `${this.rt("parseJsonLossless")}(${text})` : `JSON.parse(${text})`;
  }

  /** Imports a helper of the runtime's `serde.ts` into the file being written. */
  rt(name: ClientRuntimeValue): string {
    return clientRuntime(this.file, name);
  }

  private core(name: string): string {
    return this.file.import("@smithy/core/serde", name);
  }

  private json(name: string): string {
    return this.file.path.endsWith(GEN.json.replace(".js", ".ts")) ? name : this.file.import(rel(this.file.path, GEN.json), name);
  }

  timestampFormat(member: Member | undefined, shape: Shape, location: Location): TimestampFormat {
    return member?.timestampFormat ?? (shape.kind === "timestamp" ? shape.timestampFormat : undefined) ?? DEFAULT_TIMESTAMP[location];
  }

  /** TS value → JSON value. `expr` is known not to be null or undefined. */
  toJson(targetId: string, expr: string, member?: Member): string {
    const shape = this.shape(targetId);
    // rpcv2Cbor builds the same document trees with CBOR's own leaves.
    const cbor = this.ir.service.protocol === "rpcv2Cbor" ? cborOut(this.file, shape, expr) : undefined;
    if (cbor !== undefined) return cbor;
    switch (shape.kind) {
      case "float":
      case "double":
        return `${this.rt("serializeFloat")}(${expr})`;
      case "timestamp":
        return this.timestampOut(this.timestampFormat(member, shape, "json"), expr, "json");
      case "blob":
        return `${this.rt("toBase64String")}(${expr})`;
      case "bigInteger":
      case "bigDecimal":
        // rpcv2Json sends them as strings of their digits.
        if (this.ir.service.protocol === "rpcv2Json") return `${this.rt("bigNumberString")}(${expr})`;
        // A bare JSON number, digit for digit (JSON.stringify would refuse a bigint, and write a NumericValue as an object).
        return `${this.rt("bigNumberJson")}(${expr})`;
      case "structure":
      case "union":
      case "list":
      case "map":
        return `${this.json(`se_${shape.name}`)}(${expr})`;
      default:
        return expr;
    }
  }

  /** JSON value → TS value; `expr` may be anything the service sent. */
  fromJson(targetId: string, expr: string, where: string, member?: Member): string {
    const shape = this.shape(targetId);
    const cbor = this.ir.service.protocol === "rpcv2Cbor" ? cborIn(this.file, shape, expr, where) : undefined;
    if (cbor !== undefined) return cbor;
    const w = JSON.stringify(where);
    switch (shape.kind) {
      case "string":
      case "enum":
        return `${this.rt("parseStringValue")}(${expr}, ${w})`;
      case "bigDecimal":
        return `${this.rt("parseBigDecimal")}(${expr}, ${w})`;
      case "boolean":
        return `${this.rt("parseBooleanValue")}(${expr}, ${w})`;
      case "byte":
      case "short":
      case "integer":
      case "long":
      case "intEnum":
        return `${this.rt("parseIntValue")}(${expr}, ${w})`;
      case "float":
      case "double":
        return `${this.rt("parseFloatValue")}(${expr}, ${w})`;
      case "bigInteger":
        return `${this.rt("parseBigInt")}(${expr}, ${w})`;
      case "timestamp":
        return this.timestampIn(this.timestampFormat(member, shape, "json"), expr);
      case "blob":
        return `${this.rt("fromBase64String")}(${expr})`;
      case "document":
        return this.lossless ? `(${this.rt("plainJson")}(${expr}) as any)` : expr;
      case "structure":
      case "union":
      case "list":
      case "map":
        // The path of the member, for the error when the value has the wrong type.
        return `${this.json(`de_${shape.name}`)}(${expr}, ${w})`;
    }
  }

  /** A scalar TS value → the string sent in a header, query parameter or label. */
  toText(targetId: string, expr: string, location: Exclude<Location, "json">, member?: Member): string {
    const shape = this.shape(targetId);
    switch (shape.kind) {
      case "timestamp":
        return this.timestampOut(this.timestampFormat(member, shape, location), expr, location);
      case "blob":
        return `${this.rt("toBase64String")}(${expr})`;
      case "string":
        if (location === "header" && shape.mediaType) return `${this.rt("toBase64String")}(${expr})`;
        return expr;
      case "enum":
        return expr;
      default:
        return `String(${expr})`;
    }
  }

  /** A header (or query) string → TS value. */
  fromText(targetId: string, expr: string, where: string, location: Exclude<Location, "json">, member?: Member): string {
    const shape = this.shape(targetId);
    const w = JSON.stringify(where);
    switch (shape.kind) {
      case "string":
        if (shape.mediaType) return `${this.rt("utf8")}.decode(${this.rt("fromBase64String")}(${expr})!)`;
        return expr;
      case "enum":
        return expr;
      case "bigDecimal":
        return `${this.rt("parseBigDecimal")}(${expr}, ${w})`;
      case "boolean":
        return `${this.rt("parseBooleanValue")}(${expr}, ${w})`;
      case "byte":
      case "short":
      case "integer":
      case "long":
      case "intEnum":
        return `${this.rt("parseIntValue")}(${expr}, ${w})`;
      case "float":
      case "double":
        return `${this.rt("parseFloatValue")}(${expr}, ${w})`;
      case "bigInteger":
        return `${this.rt("parseBigInt")}(${expr}, ${w})`;
      case "timestamp":
        return this.timestampIn(this.timestampFormat(member, shape, location), expr);
      case "blob":
        return `${this.rt("fromBase64String")}(${expr})`;
      default:
        throw new Error(`${shape.id} (${shape.kind}) cannot be read from a ${location}`);
    }
  }

  private timestampOut(format: TimestampFormat, expr: string, location: Location): string {
    switch (format) {
      case "epoch-seconds":
        return location === "json" ? `${this.rt("toEpochSeconds")}(${expr})` : `String(${this.rt("toEpochSeconds")}(${expr}))`;
      case "date-time":
        return `${this.rt("toDateTime")}(${expr})`;
      case "http-date":
        return `${this.rt("toHttpDate")}(${expr})`;
    }
  }

  private timestampIn(format: TimestampFormat, expr: string): string {
    switch (format) {
      case "epoch-seconds":
        return `${this.rt("fromEpochSeconds")}(${expr})`;
      case "date-time":
        return `${this.rt("fromDateTime")}(${expr})`;
      case "http-date":
        return `${this.rt("fromHttpDate")}(${expr})`;
    }
  }

  /**
   * The TypeScript value of a member's `@default`, or undefined when the client
   * applies none (no default, `@default(null)`, or `@clientOptional`).
   */
  defaultValue(member: Member): string | undefined {
    if (member.default === undefined || member.default === null || member.clientOptional) return undefined;
    const value = member.default;
    const shape = this.shape(member.target);
    switch (shape.kind) {
      case "timestamp":
        return typeof value === "number" ? `new Date(${value * 1000})` : `new Date(${JSON.stringify(value)})`;
      case "blob":
        // Blob defaults are base64 in the model.
        return value === "" ? "new Uint8Array()" : `${this.rt("fromBase64String")}(${JSON.stringify(value)})!`;
      case "bigInteger":
        return `BigInt(${JSON.stringify(String(value))})`;
      case "bigDecimal":
        return `new ${this.core("NumericValue")}(${JSON.stringify(String(value))}, "bigDecimal")`;
      case "float":
      case "double":
        return value === "NaN" || value === "Infinity" ? String(value) : value === "-Infinity" ? "-Infinity" : JSON.stringify(value);
      default:
        return JSON.stringify(value);
    }
  }

  /** The `@smithy/core/serde` idempotency token generator. */
  idempotencyToken(): string {
    return `${this.core("generateIdempotencyToken")}()`;
  }
}
