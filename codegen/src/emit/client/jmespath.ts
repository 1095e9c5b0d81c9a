/**
 * Compiles a waiter's JMESPath path (parsed by `ir/jmespath.ts`) to a TypeScript expression over
 * the operation's typed input and output. The compiler follows the model: it knows at each step
 * whether it holds a structure, a list, a map or a scalar, so `cluster.status` becomes
 * `output.cluster?.status`, and a path that selects a member the shape does not have, or does
 * something the data model rules out (a field of a list, `length()` of a number), is a generation
 * error naming the waiter, not code that quietly never matches. The emitted code is type-checked
 * with the client, against the generated types.
 *
 * What needs JMESPath's own rules (projections that drop nulls, truthiness, deep `==`, `<` on
 * numbers only, `length()`) calls the small typed helpers of the client runtime (`waiters.ts`).
 */
import type { JmesNode } from "../../ir/jmespath.js";
import type { Member, ServiceIR, Shape, StructureShape } from "../../ir/types.js";
import type { SourceFile } from "../../writer/source-file.js";
import { type ClientRuntimeValue, clientRuntime } from "../shared/runtime.js";
import { propertyKey } from "../shared/typescript.js";

/** What the compiler knows about a value. */
export type JmesType =
  | { k: "shape"; shape: Shape }
  | { k: "array"; of: JmesType }
  | { k: "string" }
  | { k: "number" }
  | { k: "boolean" }
  | { k: "null" }
  /** The root of an `inputOutput` path: `{ input, output }`. */
  | { k: "io"; input: StructureShape; output: StructureShape }
  /** Mixed: `a || b` of different kinds, a list of different kinds. */
  | { k: "any" };

type Kind = "object" | "array" | "string" | "number" | "boolean" | "null" | "any" | "opaque";

export interface Compiled {
  code: string;
  type: JmesType;
  /** Never null (the operation's input and output): its fields are read with `.`, not `?.`. */
  defined?: boolean;
  /** A boolean that is never null (`==`, `!`, `contains()`): its code is its own truthiness. */
  strict?: boolean;
}

/** A path the compiler refuses: the message says why (the caller names the waiter and acceptor). */
export class JmesCompileError extends Error {}

export function kindOf(type: JmesType): Kind {
  switch (type.k) {
    case "shape":
      switch (type.shape.kind) {
        case "string":
        case "enum":
          return "string";
        case "byte":
        case "short":
        case "integer":
        case "long":
        case "float":
        case "double":
        case "intEnum":
          return "number";
        case "boolean":
          return "boolean";
        case "list":
          return "array";
        case "map":
        case "structure":
        case "union":
          return "object";
        // Timestamps are epoch seconds to JMESPath but Dates here; blobs are base64 strings to it
        // but bytes here; big numbers and documents have no exact JMESPath counterpart.
        default:
          return "opaque";
      }
    case "array":
      return "array";
    case "io":
      return "object";
    default:
      return type.k;
  }
}

function describe(type: JmesType): string {
  return type.k === "shape" ? `${type.shape.kind} ${type.shape.id}` : type.k === "io" ? "object" : type.k;
}

export class JmesCompiler {
  private params = 0;
  /** Set once compiled code calls a function that can raise a JMESPath type error (`length(null)`). */
  raises = false;

  constructor(
    private readonly ir: ServiceIR,
    private readonly file: SourceFile,
  ) {}

  private helper(name: ClientRuntimeValue): string {
    return clientRuntime(this.file, name);
  }

  private shape(id: string): Shape {
    const shape = this.ir.shapeById.get(id);
    if (!shape) throw new Error(`unknown shape ${id}`);
    return shape;
  }

  /** The type of a list's items. */
  itemType(type: JmesType): JmesType {
    if (type.k === "array") return type.of;
    if (type.k === "shape" && type.shape.kind === "list") return { k: "shape", shape: this.shape(type.shape.member.target) };
    throw new JmesCompileError(`${describe(type)} is not a list`);
  }

  private fresh(): string {
    return `item${++this.params}`;
  }

  compile(node: JmesNode, current: Compiled): Compiled {
    switch (node.type) {
      case "Current":
        return current;
      case "Literal":
        return this.literal(node.value);
      case "Field":
        return this.field(node.name, current);
      case "Subexpression":
        return this.compile(node.right, this.compile(node.left, current));
      case "Pipe": {
        const left = this.compile(node.left, current);
        return this.compile(node.right, { code: `(${left.code})`, type: left.type });
      }
      case "IndexExpression": {
        const left = this.compile(node.left, current);
        if (kindOf(left.type) !== "array") throw new JmesCompileError(`[${node.index}] indexes a ${describe(left.type)}, not a list`);
        return { code: `${left.code}?.at(${node.index})`, type: this.itemType(left.type) };
      }
      case "Flatten": {
        const child = this.compile(node.child, current);
        if (kindOf(child.type) !== "array") throw new JmesCompileError(`[] flattens a ${describe(child.type)}, not a list`);
        const item = this.itemType(child.type);
        const itemKind = kindOf(item);
        if (itemKind === "any") throw new JmesCompileError("[] flattens a list of mixed items");
        // A list of lists loses one level; a list of anything else is unchanged (the projection
        // around a flatten drops its nulls).
        if (itemKind !== "array") return child;
        return { code: `${this.helper("jmesFlatten")}(${child.code})`, type: { k: "array", of: this.itemType(item) } };
      }
      case "Projection": {
        if (node.left.type === "Slice") throw new JmesCompileError("slices ([a:b]) are not supported in waiter paths");
        const left = this.compile(node.left, current);
        if (kindOf(left.type) !== "array") throw new JmesCompileError(`[*] projects a ${describe(left.type)}, not a list`);
        return this.project(left.code, this.itemType(left.type), node.right);
      }
      case "ValueProjection": {
        const left = this.compile(node.left, current);
        if (left.type.k !== "shape" || left.type.shape.kind !== "map") {
          throw new JmesCompileError(`.* projects the values of a ${describe(left.type)}; only maps are supported (a structure's members have different types)`);
        }
        const value: JmesType = { k: "shape", shape: this.shape(left.type.shape.value.target) };
        return this.project(`${this.helper("jmesValues")}(${left.code})`, value, node.right);
      }
      case "FilterProjection": {
        const left = this.compile(node.left, current);
        if (kindOf(left.type) !== "array") throw new JmesCompileError(`[?…] filters a ${describe(left.type)}, not a list`);
        const item = this.itemType(left.type);
        const param = this.fresh();
        const condition = this.compile(node.condition, { code: param, type: item });
        const filtered = `${left.code}?.filter((${param}) => ${this.truthy(condition)})`;
        return this.project(filtered, item, node.right);
      }
      case "Comparator":
        return this.comparator(node.op, this.compile(node.left, current), this.compile(node.right, current));
      case "And":
      case "Or": {
        const left = this.compile(node.left, current);
        const right = this.compile(node.right, current);
        const type = kindOf(left.type) === kindOf(right.type) ? left.type : ({ k: "any" } as const);
        if (kindOf(left.type) === "boolean" && kindOf(right.type) === "boolean") {
          // On booleans (and null) JMESPath's operators are JavaScript's.
          return { code: `(${left.code} ${node.type === "And" ? "&&" : "||"} ${right.code})`, type, strict: Boolean(left.strict && right.strict) };
        }
        return { code: `${this.helper(node.type === "And" ? "jmesAnd" : "jmesOr")}(${left.code}, ${right.code})`, type };
      }
      case "Not": {
        const child = this.compile(node.child, current);
        return { code: `!${this.truthy(child)}`, type: { k: "boolean" }, strict: true };
      }
      case "Function":
        return this.call(node.name, node.args.map((a) => this.compile(a, current)));
      case "MultiSelectList": {
        const param = this.fresh();
        const items = node.items.map((item) => this.compile(item, { code: param, type: current.type }));
        const kinds = new Set(items.map((i) => kindOf(i.type)));
        const of: JmesType = kinds.size === 1 ? items[0]!.type : { k: "any" };
        return { code: `${this.helper("jmesApply")}(${current.code}, (${param}) => [${items.map((i) => i.code).join(", ")}])`, type: { k: "array", of } };
      }
      case "MultiSelectHash":
        throw new JmesCompileError("multi-select hashes ({a: b}) are not supported in waiter paths");
      case "ExpressionReference":
        throw new JmesCompileError("expression references (&expr) are not supported in waiter paths");
      case "Slice":
        throw new JmesCompileError("slices ([a:b]) are not supported in waiter paths");
    }
  }

  /** `rhs` applied to each item of `list` (code of a list or undefined), nulls dropped. */
  private project(list: string, item: JmesType, rhs: JmesNode): Compiled {
    const param = this.fresh();
    const right = this.compile(rhs, { code: param, type: item });
    if (kindOf(right.type) === "opaque") throw new JmesCompileError(`a projection yields ${describe(right.type)} values, which JMESPath sees differently from this client`);
    return { code: `${this.helper("jmesProject")}(${list}, (${param}) => ${right.code})`, type: { k: "array", of: right.type } };
  }

  private field(name: string, current: Compiled): Compiled {
    const type = current.type;
    if (type.k === "io") {
      if (name === "input") return { code: "input", defined: true, type: { k: "shape", shape: type.input } };
      if (name === "output") return { code: "output", defined: true, type: { k: "shape", shape: type.output } };
      throw new JmesCompileError(`an inputOutput path starts with input or output, not ${name}`);
    }
    if (type.k === "shape" && (type.shape.kind === "structure" || type.shape.kind === "union")) {
      const member: Member | undefined = type.shape.members.find((m) => m.name === name);
      if (!member) throw new JmesCompileError(`${type.shape.id} has no member ${name}`);
      // `x.__proto__` of an object without that member is Object.prototype, not null.
      if (name === "__proto__") throw new JmesCompileError("a member named __proto__ cannot be selected in a waiter path");
      const key = propertyKey(member.name);
      const dot = current.defined ? "" : "?.";
      return { code: key.startsWith('"') ? `${current.code}${dot}[${key}]` : `${current.code}${dot || "."}${key}`, type: { k: "shape", shape: this.shape(member.target) } };
    }
    if (type.k === "shape" && type.shape.kind === "map") {
      return { code: `${current.code}?.[${JSON.stringify(name)}]`, type: { k: "shape", shape: this.shape(type.shape.value.target) } };
    }
    throw new JmesCompileError(`${name} selects a field of a ${describe(type)}, which has none`);
  }

  private literal(value: unknown): Compiled {
    if (value === null) return { code: "undefined", type: { k: "null" } };
    if (typeof value === "string") return { code: JSON.stringify(value), type: { k: "string" } };
    if (typeof value === "number") return { code: String(value), type: { k: "number" } };
    if (typeof value === "boolean") return { code: String(value), type: { k: "boolean" } };
    throw new JmesCompileError(`literal ${JSON.stringify(value)}: only strings, numbers, booleans and null are supported`);
  }

  /** A JavaScript condition that is JMESPath's truthiness of `value`. */
  truthy(value: Compiled): string {
    if (value.strict) return value.code;
    // A boolean or null: only `true` is true.
    if (kindOf(value.type) === "boolean") return `(${value.code} === true)`;
    return `${this.helper("jmesTruthy")}(${value.code})`;
  }

  private comparator(op: "==" | "!=" | "<" | "<=" | ">" | ">=", left: Compiled, right: Compiled): Compiled {
    const lk = kindOf(left.type);
    const rk = kindOf(right.type);
    for (const [side, kind] of [[left, lk], [right, rk]] as const) {
      if (kind === "opaque") throw new JmesCompileError(`${op} compares a ${describe(side.type)}, which JMESPath sees differently from this client`);
    }
    if (op === "==" || op === "!=") {
      const negate = op === "!=";
      // `x == null`: an unset member and a sparse list's null alike.
      if (lk === "null" || rk === "null") {
        const other = lk === "null" ? right : left;
        return { code: `(${other.code} ${negate ? "!=" : "=="} null)`, type: { k: "boolean" }, strict: true };
      }
      const scalar = (k: Kind) => k === "string" || k === "number" || k === "boolean";
      if (scalar(lk) && scalar(rk)) {
        if (lk !== rk) throw new JmesCompileError(`${op} compares a ${lk} with a ${rk}, which are never equal`);
        return { code: `(${left.code} ${negate ? "!==" : "==="} ${right.code})`, type: { k: "boolean" }, strict: true };
      }
      return { code: `${negate ? "!" : ""}${this.helper("jmesEquals")}(${left.code}, ${right.code})`, type: { k: "boolean" }, strict: true };
    }
    for (const [side, kind] of [[left, lk], [right, rk]] as const) {
      if (kind !== "number" && kind !== "any") throw new JmesCompileError(`${op} orders a ${describe(side.type)}; JMESPath orders numbers only`);
    }
    return { code: `${this.helper("jmesCompare")}(${left.code}, ${JSON.stringify(op)}, ${right.code})`, type: { k: "boolean" } };
  }

  private call(name: string, args: Compiled[]): Compiled {
    const arity = (n: number) => {
      if (args.length !== n) throw new JmesCompileError(`${name}() takes ${n} argument${n === 1 ? "" : "s"}, not ${args.length}`);
    };
    this.raises = true;
    switch (name) {
      case "length": {
        arity(1);
        const kind = kindOf(args[0]!.type);
        if (kind !== "string" && kind !== "array" && kind !== "object" && kind !== "any") throw new JmesCompileError(`length() of a ${describe(args[0]!.type)}`);
        return { code: `${this.helper("jmesLength")}(${args[0]!.code})`, type: { k: "number" } };
      }
      case "contains": {
        arity(2);
        const kind = kindOf(args[0]!.type);
        if (kind !== "string" && kind !== "array" && kind !== "any") throw new JmesCompileError(`contains() searches a ${describe(args[0]!.type)}; it needs a list or a string`);
        if (kindOf(args[1]!.type) === "opaque") throw new JmesCompileError(`contains() looks for a ${describe(args[1]!.type)}, which JMESPath sees differently from this client`);
        return { code: `${this.helper("jmesContains")}(${args[0]!.code}, ${args[1]!.code})`, type: { k: "boolean" }, strict: true };
      }
      default:
        throw new JmesCompileError(`the function ${name}() is not supported in waiter paths (supported: length, contains)`);
    }
  }
}

