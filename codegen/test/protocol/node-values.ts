/**
 * Smithy protocol tests give `params` as Smithy node values (timestamps as epoch seconds, blobs
 * as UTF-8 strings, special floats as "NaN"/"Infinity"). These helpers walk the IR to turn them
 * into the values a TypeScript caller passes or the client returns.
 */
import { Readable } from "node:stream";
import type { Member, ServiceIR, Shape } from "../../src/ir/types.js";
import { exactNumber } from "../../src/load/exact-numbers.js";

const utf8 = new TextEncoder();

/**
 * A node value as TypeScript: `streamInputs` turns streaming blobs into Node streams, as a caller
 * would send them (outputs are compared as bytes).
 */
export function toTs(ir: ServiceIR, targetId: string, value: unknown, streamInputs = false): unknown {
  if (value === null || value === undefined) return value;
  const shape = shapeOf(ir, targetId);
  switch (shape.kind) {
    case "timestamp":
      if (typeof value === "number") return new Date(value * 1000);
      if (typeof value === "string") return new Date(value);
      throw new TypeError(`timestamp ${shape.id}: unexpected node ${JSON.stringify(value)}`);
    case "blob": {
      const bytes = typeof value === "string" ? utf8.encode(value) : (value as Uint8Array);
      // A caller streams a streaming payload (unless its length must be known up front).
      if (streamInputs && shape.streaming && !("smithy.api#requiresLength" in shape.traits)) return Readable.from([bytes]);
      return bytes;
    }
    case "float":
    case "double":
      if (value === "NaN") return NaN;
      if (value === "Infinity") return Infinity;
      if (value === "-Infinity") return -Infinity;
      return value;
    case "bigInteger":
      return BigInt(value as number | string);
    case "bigDecimal":
      return String(value);
    case "list":
      return (value as unknown[]).map((item) => (item === null ? null : toTs(ir, shape.member.target, item, streamInputs)));
    case "map":
      return Object.fromEntries(
        Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, v === null ? null : toTs(ir, shape.value.target, v, streamInputs)]),
      );
    case "structure":
    case "union": {
      const out: Record<string, unknown> = {};
      for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
        // A null member is an unset one (only sparse lists and maps hold nulls).
        if (v === null) continue;
        const member = memberOf(shape, key);
        // A big number the model's loader kept exactly (a bigInteger past 2^63, a 24-digit bigDecimal) is read as its text;
        // a `long` stays the double a JavaScript client returns.
        const big = ["bigInteger", "bigDecimal"].includes(shapeOf(ir, member.target).kind);
        out[member.name] = toTs(ir, member.target, (big && exactNumber(value, key)) || v, streamInputs);
      }
      return out;
    }
    default:
      return value;
  }
}

export function shapeOf(ir: ServiceIR, id: string): Shape {
  const shape = ir.shapeById.get(id);
  if (!shape) throw new Error(`unknown shape ${id}`);
  return shape;
}

function memberOf(shape: Shape & { members: Member[] }, name: string): Member {
  const member = shape.members.find((m) => m.name === name);
  if (!member) throw new Error(`${shape.id} has no member ${name}`);
  return member;
}

/** Whether a structure's member targets a streaming blob (its value is a stream in the output). */
export function streamingMember(ir: ServiceIR, shape: Shape): Member | undefined {
  if (shape.kind !== "structure") return undefined;
  return shape.members.find((m) => {
    const t = ir.shapeById.get(m.target);
    return t?.kind === "blob" && t.streaming;
  });
}
