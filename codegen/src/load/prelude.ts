import type { AstShape } from "./types.js";

/**
 * The simple shapes of Smithy's prelude (`smithy.api#...`) that models may
 * target without defining them.
 */
const simple = (type: AstShape["type"], traits?: AstShape["traits"]): AstShape => ({ type, ...(traits ? { traits } : {}) });

export const PRELUDE_SHAPES: Readonly<Record<string, AstShape>> = {
  "smithy.api#Blob": simple("blob"),
  "smithy.api#Boolean": simple("boolean"),
  "smithy.api#String": simple("string"),
  "smithy.api#Byte": simple("byte"),
  "smithy.api#Short": simple("short"),
  "smithy.api#Integer": simple("integer"),
  "smithy.api#Long": simple("long"),
  "smithy.api#Float": simple("float"),
  "smithy.api#Double": simple("double"),
  "smithy.api#BigInteger": simple("bigInteger"),
  "smithy.api#BigDecimal": simple("bigDecimal"),
  "smithy.api#Timestamp": simple("timestamp"),
  "smithy.api#Document": simple("document"),
  "smithy.api#PrimitiveBoolean": simple("boolean", { "smithy.api#default": false }),
  "smithy.api#PrimitiveByte": simple("byte", { "smithy.api#default": 0 }),
  "smithy.api#PrimitiveShort": simple("short", { "smithy.api#default": 0 }),
  "smithy.api#PrimitiveInteger": simple("integer", { "smithy.api#default": 0 }),
  "smithy.api#PrimitiveLong": simple("long", { "smithy.api#default": 0 }),
  "smithy.api#PrimitiveFloat": simple("float", { "smithy.api#default": 0 }),
  "smithy.api#PrimitiveDouble": simple("double", { "smithy.api#default": 0 }),
  "smithy.api#Unit": { type: "structure", members: {}, traits: { "smithy.api#unitType": {} } },
};

export const UNIT = "smithy.api#Unit";

export function isPreludeId(id: string): boolean {
  return id.startsWith("smithy.api#");
}
