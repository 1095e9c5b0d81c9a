/**
 * rpcv2Cbor's leaf values: where CBOR's data model differs from JSON's, the expressions that
 * write and read a value (the `Serde` of `../serde.ts` asks here first for an rpcv2Cbor client).
 * Blobs are byte strings (not base64), timestamps tag 1, floats plain numbers (NaN and the
 * infinities included, not strings), and `bigInteger` / `bigDecimal` go to the codec as they
 * are (a bigint becomes a bignum when it needs one, a `NumericValue` a decimal fraction).
 */
import type { Shape } from "../../../ir/types.js";
import type { SourceFile } from "../../../writer/source-file.js";
import { clientRuntime } from "../../shared/runtime.js";

/** TS value → CBOR value; undefined when the JSON expression serves. */
export function cborOut(file: SourceFile, shape: Shape, expr: string): string | undefined {
  switch (shape.kind) {
    case "float":
    case "double":
    case "bigInteger":
    case "bigDecimal":
    case "document":
      return expr;
    case "timestamp":
      return `${clientRuntime(file, "cborTimestamp")}(${expr})`;
    case "blob":
      return `${clientRuntime(file, "cborBlob")}(${expr})`;
    default:
      return undefined;
  }
}

/** CBOR value → TS value; undefined when the JSON expression serves. */
export function cborIn(file: SourceFile, shape: Shape, expr: string, where: string): string | undefined {
  switch (shape.kind) {
    case "timestamp":
      return `${clientRuntime(file, "parseCborTimestamp")}(${expr}, ${JSON.stringify(where)})`;
    case "blob":
      return `${clientRuntime(file, "parseCborBlob")}(${expr}, ${JSON.stringify(where)})`;
    case "document":
      return expr;
    default:
      return undefined;
  }
}
