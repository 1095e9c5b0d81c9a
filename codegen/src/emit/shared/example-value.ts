/**
 * Values for the code examples in documentation (TSDoc `@example`, READMEs): a literal of an input
 * structure with its required members, each a placeholder of the member's type. The examples are
 * type-checked as written (see the repository's examples test), so a value must satisfy the
 * generated type; it need not satisfy the model's constraints (`"..."` for an ARN).
 */
import type { Member, ServiceIR, Shape } from "../../ir/types.js";
import { isOptional, propertyKey } from "./typescript.js";

/** Below this depth a structure is written with its required members; deeper ones are cut short. */
const MAX_DEPTH = 4;

/**
 * The required members of the structure `shapeId` as an object literal, one member per line
 * (`indent` before each), or `{}` when it has none.
 */
export function exampleObject(ir: ServiceIR, shapeId: string, indent = "  "): string {
  const shape = ir.shapeById.get(shapeId);
  if (!shape || shape.kind !== "structure") return "{}";
  const members = shape.members.filter((m) => !isOptional(m));
  if (members.length === 0) return "{}";
  const outer = indent.slice(2);
  return `{\n${members.map((m) => `${indent}${propertyKey(m.name)}: ${exampleValue(ir, m, 1)},`).join("\n")}\n${outer}}`;
}

function exampleValue(ir: ServiceIR, member: Member, depth: number): string {
  const shape = ir.shapeById.get(member.target);
  return shape ? valueOf(ir, shape, member, depth) : "undefined";
}

function valueOf(ir: ServiceIR, shape: Shape, member: Member, depth: number): string {
  switch (shape.kind) {
    case "string":
      return JSON.stringify("...");
    case "boolean":
      return "false";
    case "byte":
    case "short":
    case "integer":
    case "long":
    case "float":
    case "double": {
      const min = member.constraints.range?.min ?? shape.constraints.range?.min;
      return String(min !== undefined && min > 1 ? min : 1);
    }
    case "bigInteger":
      return "1n";
    case "bigDecimal":
      return JSON.stringify("1");
    case "timestamp":
      return "new Date()";
    case "blob":
      return shape.streaming ? JSON.stringify("...") : "new Uint8Array()";
    case "document":
      return "{}";
    case "enum":
    case "intEnum": {
      const first = shape.values[0];
      return first === undefined ? "undefined" : JSON.stringify(first.value);
    }
    case "list":
      return "[]";
    case "map":
      return "{}";
    case "union": {
      const first = shape.members[0];
      return first && depth < MAX_DEPTH ? `{ ${propertyKey(first.name)}: ${exampleValue(ir, first, depth + 1)} }` : "{}";
    }
    case "structure": {
      const required = depth < MAX_DEPTH ? shape.members.filter((m) => !isOptional(m)) : [];
      return required.length ? `{ ${required.map((m) => `${propertyKey(m.name)}: ${exampleValue(ir, m, depth + 1)}`).join(", ")} }` : "{}";
    }
  }
}
