/**
 * A node value (a `@default`, a trait value) checked against the shape that
 * types it: kind, numeric width, enum values and the constraint traits, with
 * messages worded as Smithy's node validator words them.
 */
import { translatePattern } from "../load/regex.js";
import { SHAPE_ID, isObject, type ValidationModel, type VMember, type VShape } from "./model.js";
import { SelectorSyntaxError, select } from "./selector.js";

const INT_BOUNDS: Record<string, [number, number]> = {
  byte: [-128, 127],
  short: [-32768, 32767],
  integer: [-2147483648, 2147483647],
  long: [Number.MIN_SAFE_INTEGER * 1024, Number.MAX_SAFE_INTEGER * 1024],
};

/** Problems with `value` as a value of `node` (a shape, or a member and its target); empty when it fits. */
export function checkValue(model: ValidationModel, value: unknown, node: VShape | VMember, depth = 0): string[] {
  const out: string[] = [];
  const shape = node.kind === "member" ? model.shapes.get(node.target) : node;
  if (!shape || depth > 32) return out;
  const traits = node.kind === "member" ? { ...shape.traits, ...node.traits } : shape.traits;
  const id = shape.id;
  const type = shape.type;
  const kind = (v: unknown) => (v === null ? "null" : Array.isArray(v) ? "array" : typeof v === "object" ? "object" : typeof v);
  const expect = (what: string) => out.push(`Expected ${what} value for ${type} shape, \`${id}\`; found ${kind(value)} value${typeof value === "object" ? "" : `, \`${String(value)}\``}`);
  switch (type) {
    case "string":
    case "enum": {
      if (typeof value !== "string") {
        expect("string");
        break;
      }
      const values = type === "enum" ? [...shape.members.values()].map((m) => (m.traits["smithy.api#enumValue"] as string | undefined) ?? m.name) : Array.isArray(traits["smithy.api#enum"]) ? (traits["smithy.api#enum"] as { value: string }[]).map((e) => e.value) : undefined;
      if (values && !values.includes(value)) out.push(`String value provided for \`${id}\` must be one of the following values: ${[...values].sort().map((v) => `\`${v}\``).join(", ")}`);
      const length = traits["smithy.api#length"];
      if (isObject(length)) {
        const n = [...value].length;
        if (typeof length.min === "number" && n < length.min) out.push(`String value provided for \`${id}\` must be >= ${length.min} characters, but the provided value is only ${n} characters.`);
        if (typeof length.max === "number" && n > length.max) out.push(`String value provided for \`${id}\` must be <= ${length.max} characters, but the provided value is ${n} characters.`);
      }
      const idRef = traits["smithy.api#idRef"];
      if (isObject(idRef)) {
        const problem = checkIdRef(model, value, idRef);
        if (problem) out.push(typeof idRef.errorMessage === "string" ? idRef.errorMessage : problem);
      }
      const pattern = traits["smithy.api#pattern"];
      if (typeof pattern === "string") {
        const t = translatePattern(pattern);
        if (t.ok && !new RegExp(t.source, "u").test(value)) out.push(`String value provided for \`${id}\` must match regular expression: ${pattern}`);
      }
      break;
    }
    case "blob":
      if (typeof value !== "string") expect("string");
      break;
    case "boolean":
      if (typeof value !== "boolean") expect("boolean");
      break;
    case "timestamp":
      // A timestamp value is epoch seconds or a date-time string.
      if (typeof value !== "number" && !(typeof value === "string" && !Number.isNaN(Date.parse(value)))) expect("number");
      break;
    case "byte":
    case "short":
    case "integer":
    case "long":
    case "bigInteger":
    case "intEnum":
    case "float":
    case "double":
    case "bigDecimal": {
      if (typeof value !== "number") {
        if (!(typeof value === "string" && ["NaN", "Infinity", "-Infinity"].includes(value) && (type === "float" || type === "double"))) expect("number");
        break;
      }
      const bounds = INT_BOUNDS[type];
      if (bounds) {
        if (!Number.isInteger(value)) out.push(`${type} shapes must not have floating point values, but found \`${value}\` provided for \`${id}\``);
        else if (value > bounds[1]) out.push(`${type} value must be < ${bounds[1]}, but found ${value}`);
        else if (value < bounds[0]) out.push(`${type} value must be > ${bounds[0]}, but found ${value}`);
      }
      if (type === "intEnum") {
        const values = [...shape.members.values()].map((m) => m.traits["smithy.api#enumValue"]);
        if (!values.includes(value)) out.push(`Integer value provided for \`${id}\` must be one of the following values: ${values.map((v) => `\`${String(v)}\``).join(", ")}`);
      }
      const range = traits["smithy.api#range"];
      if (isObject(range)) {
        if (typeof range.min === "number" && value < range.min) out.push(`Value provided for \`${id}\` must be greater than or equal to ${range.min}, but found ${value}`);
        if (typeof range.max === "number" && value > range.max) out.push(`Value provided for \`${id}\` must be less than or equal to ${range.max}, but found ${value}`);
      }
      break;
    }
    case "list": {
      if (!Array.isArray(value)) {
        expect("array");
        break;
      }
      const length = traits["smithy.api#length"];
      if (isObject(length)) {
        if (typeof length.min === "number" && value.length < length.min) out.push(`Value provided for \`${id}\` must have at least ${length.min} elements, but the provided value only has ${value.length} elements`);
        if (typeof length.max === "number" && value.length > length.max) out.push(`Value provided for \`${id}\` must have no more than ${length.max} elements, but the provided value has ${value.length} elements`);
      }
      const member = shape.members.get("member");
      if (member) for (const item of value) if (item !== null || traits["smithy.api#sparse"] === undefined) out.push(...checkValue(model, item, member, depth + 1));
      break;
    }
    case "map": {
      if (!isObject(value)) {
        expect("object");
        break;
      }
      const n = Object.keys(value).length;
      const length = traits["smithy.api#length"];
      if (isObject(length)) {
        if (typeof length.min === "number" && n < length.min) out.push(`Value provided for \`${id}\` must have at least ${length.min} entries, but the provided value only has ${n} entries`);
        if (typeof length.max === "number" && n > length.max) out.push(`Value provided for \`${id}\` must have no more than ${length.max} entries, but the provided value has ${n} entries`);
      }
      const key = shape.members.get("key");
      const val = shape.members.get("value");
      for (const [k, v] of Object.entries(value)) {
        if (key) out.push(...checkValue(model, k, key, depth + 1));
        if (val && !(v === null && traits["smithy.api#sparse"] !== undefined)) out.push(...checkValue(model, v, val, depth + 1));
      }
      break;
    }
    case "structure": {
      if (!isObject(value)) {
        expect("object");
        break;
      }
      for (const [name, v] of Object.entries(value)) {
        const m = shape.members.get(name);
        if (!m) out.push(`Invalid structure member \`${name}\` found for \`${id}\``);
        else out.push(...checkValue(model, v, m, depth + 1));
      }
      for (const m of shape.members.values()) {
        if (m.traits["smithy.api#required"] !== undefined && !(m.name in value) && m.traits["smithy.api#default"] === undefined) {
          out.push(`Missing required structure member \`${m.name}\` for \`${id}\``);
        }
      }
      break;
    }
    case "union": {
      if (!isObject(value)) {
        expect("object");
        break;
      }
      const entries = Object.entries(value);
      if (entries.length !== 1) out.push(`union values must contain a value for exactly one member`);
      for (const [name, v] of entries) {
        const m = shape.members.get(name);
        if (!m) out.push(`Invalid union member \`${name}\` found for \`${id}\``);
        else out.push(...checkValue(model, v, m, depth + 1));
      }
      break;
    }
    default:
      break;
  }
  return out;
}

/** `@idRef`: the value is a shape id, of a shape that exists (when `failWhenMissing`) and matches the selector. */
function checkIdRef(model: ValidationModel, value: string, idRef: Record<string, unknown>): string | undefined {
  if (!SHAPE_ID.test(value)) return `Invalid shape ID: ${value}`;
  const shape = model.get(value);
  if (!shape) return idRef.failWhenMissing === true ? `Shape ID \`${value}\` was not found in the model` : undefined;
  const selector = typeof idRef.selector === "string" ? idRef.selector : "*";
  if (selector === "*") return undefined;
  try {
    if (!select(model, selector).has(shape)) return `Shape ID \`${value}\` does not match selector \`${selector}\``;
  } catch (error) {
    if (!(error instanceof SelectorSyntaxError)) throw error;
  }
  return undefined;
}
