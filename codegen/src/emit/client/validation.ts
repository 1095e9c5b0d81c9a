/**
 * `validation/validators.ts`: one validator per aggregate shape sent to the
 * service (`validate<Shape>`), checking a value against the model's
 * constraints and returning every violation with its member path. They are
 * plain exported functions: a command references only its input's validator,
 * and runs it only when the client has `validateInput: true`. The
 * test-fixtures package uses the same functions in its fake service.
 */
import type { Constraints, ListShape, Range, MapShape, Member, ServiceIR, Shape, StructureShape, UnionShape } from "../../ir/types.js";
import { isEventStream } from "../../ir/shapes.js";
import { SourceFile } from "../../writer/source-file.js";
import { regexLiteral } from "../shared/pattern.js";
import { GEN, rel } from "./paths.js";
import { readProperty } from "../shared/property.js";
import { type ClientRuntimeName, type ClientRuntimeValue, clientRuntime, clientRuntimeType } from "../shared/runtime.js";

type Aggregate = StructureShape | UnionShape | ListShape | MapShape;

export function validatorName(shape: Shape): string {
  return `validate${shape.name}`;
}

/** The aggregate shapes that get a validator: everything an input can contain, errors excepted. */
export function validatedShapes(ir: ServiceIR): Aggregate[] {
  return ir.shapes.filter(
    (s): s is Aggregate => s.usage.input && (s.kind === "structure" || s.kind === "union" || s.kind === "list" || s.kind === "map") && !(s.kind === "structure" && s.error) && !isEventStream(s),
  );
}

export function emitValidators(ir: ServiceIR): SourceFile {
  const file = new SourceFile(`src/gen/${GEN.validators.replace(".js", ".ts")}`);
  const emitter = new ValidatorEmitter(ir, file);
  return emitter.emit();
}

class ValidatorEmitter {
  private readonly patterns = new Map<string, string>();
  private readonly enums = new Map<string, string>();
  private readonly constants: string[] = [];

  constructor(
    private readonly ir: ServiceIR,
    private readonly file: SourceFile,
  ) {}

  private rt(name: ClientRuntimeValue): string {
    return clientRuntime(this.file, name);
  }

  private rtType(name: ClientRuntimeName): string {
    return clientRuntimeType(this.file, name);
  }

  emit(): SourceFile {
    const shapes = validatedShapes(this.ir);
    for (const s of shapes) this.file.declare(validatorName(s));
    const body = new SourceFile(this.file.path);
    const violation = this.rtType("ConstraintViolation");
    for (const shape of shapes) {
      body.blank();
      this.emitValidator(body, shape, violation);
    }
    // Constants (regexes, enum value sets) first, then the validators.
    for (const c of this.constants) this.file.line(c);
    if (this.constants.length) this.file.blank();
    const text = body.toString().split("\n");
    // Drop the header and blank lines SourceFile adds to the scratch file.
    const start = text.findIndex((l, i) => i > 0 && l !== "");
    for (const line of text.slice(start)) this.file.line(line);
    return this.file;
  }

  private pattern(pattern: string, owner: string): string {
    const literal = regexLiteral(pattern);
    let name = this.patterns.get(literal);
    if (!name) {
      name = `PATTERN_${owner}`;
      for (let i = 2; [...this.patterns.values()].includes(name); i++) name = `PATTERN_${owner}${i}`;
      this.patterns.set(literal, name);
      this.file.declare(name);
      this.constants.push(`const ${name} = ${literal};`);
    }
    return name;
  }

  private enumValues(shape: Shape & { values: { value: string | number }[] }): string {
    let name = this.enums.get(shape.id);
    if (!name) {
      name = `VALUES_${shape.name}`;
      this.enums.set(shape.id, name);
      this.file.declare(name);
      this.constants.push(`const ${name} = ${list(shape.values.map((v) => v.value))};`);
    }
    return name;
  }

  private emitValidator(out: SourceFile, shape: Aggregate, violation: string): void {
    const name = validatorName(shape);
    const lengthParam = shape.kind === "list" || shape.kind === "map";
    out.doc(`Checks a \`${shape.name}\` against the model's constraints; returns every violation (appended to \`out\`).`);
    const extra = lengthParam ? `, length: ${this.rtType("Bounds")} | undefined = ${bounds(shape.constraints.length) ?? "undefined"}` : "";
    out.block(`export function ${name}(value: unknown, path = "", out: ${violation}[] = []${extra}): ${violation}[] {`, () => {
      switch (shape.kind) {
        case "structure": {
          if (shape.members.length === 0) {
            out.line(`${this.rt("asStructure")}(value, path, out);`);
            break;
          }
          out.line(`const object = ${this.rt("asStructure")}(value, path, out);`);
          out.line("if (!object) return out;");
          out.statements(shape.members, (m) => this.memberCheck(out, m, readProperty("object", m.name), `\`\${path}/${m.name}\``, needsPresence(m)));
          break;
        }
        case "union": {
          out.line(`const object = ${this.rt("asUnion")}(value, path, out, ${list(shape.members.map((m) => m.name))});`);
          out.line("if (!object) return out;");
          for (const m of shape.members) this.memberCheck(out, m, readProperty("object", m.name), `\`\${path}/${m.name}\``, false);
          break;
        }
        case "list": {
          const opts = [`length`, ...(shape.constraints.uniqueItems ? ["uniqueItems: true"] : []), ...(shape.sparse ? ["sparse: true"] : [])];
          out.line(`const list = ${this.rt("asList")}(value, path, out, { ${opts.join(", ")} });`);
          out.line("if (!list) return out;");
          out.block("list.forEach((item, i) => {", () => {
            this.memberCheck(out, shape.member, "item", `${this.rt("childPath")}(path, i)`, false);
          }, "});");
          break;
        }
        case "map": {
          const opts = ["length", ...(shape.sparse ? ["sparse: true"] : [])];
          out.line(`const map = ${this.rt("asMap")}(value, path, out, { ${opts.join(", ")} });`);
          out.line("if (!map) return out;");
          out.block("for (const [key, item] of Object.entries(map)) {", () => {
            out.line(`const at = ${this.rt("childPath")}(path, key);`);
            this.keyCheck(out, shape.key);
            this.memberCheck(out, shape.value, "item", "at", false);
          });
          break;
        }
      }
      out.line("return out;");
    });
  }

  private keyCheck(out: SourceFile, key: Member): void {
    const target = this.ir.shapeById.get(key.target)!;
    if (target.kind === "enum") {
      out.line(`${this.rt("checkEnum")}(key, at, out, ${this.enumValues(target)}, true);`);
      return;
    }
    const c = key.constraints;
    if (!c.length && !c.pattern) return;
    const opts = [...(c.length ? [`length: ${bounds(c.length)}`] : []), ...(c.pattern ? [`pattern: ${this.pattern(c.pattern, target.name)}`] : []), "mapKey: true"];
    out.line(`${this.rt("checkString")}(key, at, out, { ${opts.join(", ")} });`);
  }

  /** Checks one member's value; `required` adds the presence check. */
  private memberCheck(out: SourceFile, m: Member, expr: string, path: string, required: boolean): void {
    const check = this.valueCheck(m, expr, path);
    if (required) {
      const present = `${this.rt("checkRequired")}(${expr}, ${path}, out)`;
      out.line(check ? `if (${present}) ${check};` : `${present};`);
    } else if (check) out.line(`if (${expr} != null) ${check};`);
  }

  /** The statement checking a present value, or undefined when nothing can be wrong with it. */
  private valueCheck(m: Member, expr: string, path: string): string | undefined {
    const target = this.ir.shapeById.get(m.target)!;
    const c: Constraints = m.constraints;
    switch (target.kind) {
      case "string": {
        const opts = [...(c.length ? [`length: ${bounds(c.length)}`] : []), ...(c.pattern ? [`pattern: ${this.pattern(c.pattern, patternOwner(target, m))}`] : [])];
        return `${this.rt("checkString")}(${expr}, ${path}, out${opts.length ? `, { ${opts.join(", ")} }` : ""})`;
      }
      case "enum":
      case "intEnum":
        return `${this.rt("checkEnum")}(${expr}, ${path}, out, ${this.enumValues(target)})`;
      case "byte":
      case "short":
      case "integer":
      case "long":
      case "float":
      case "double":
      case "bigInteger":
      case "bigDecimal":
      {
        // Big numbers and bounds a double cannot hold need the exact decimal compare; the others
        // take the plain check, so that a client without them does not carry that compare.
        const exact = target.kind === "bigInteger" || target.kind === "bigDecimal" || c.range?.minText !== undefined || c.range?.maxText !== undefined;
        return `${this.rt(exact ? "checkExactNumber" : "checkNumber")}(${expr}, ${path}, out, ${JSON.stringify(target.kind)}${c.range ? `, ${rangeBounds(c.range)}` : ""})`;
      }
      case "boolean":
        return `${this.rt("checkBoolean")}(${expr}, ${path}, out)`;
      case "timestamp":
        return `${this.rt("checkTimestamp")}(${expr}, ${path}, out)`;
      case "blob":
        if (target.streaming) return undefined;
        return `${this.rt("checkBlob")}(${expr}, ${path}, out${c.length ? `, ${bounds(c.length)}` : ""})`;
      case "document":
        return `${this.rt("checkDocument")}(${expr}, ${path}, out)`;
      case "structure":
      case "union":
        // The events of an input stream come later, from the caller's iterable.
        if (isEventStream(target)) return undefined;
        return `${validatorName(target)}(${expr}, ${path}, out)`;
      case "list":
      case "map": {
        const own = bounds(c.length);
        const inherited = bounds(target.constraints.length);
        return `${validatorName(target)}(${expr}, ${path}, out${own !== inherited ? `, ${own ?? "undefined"}` : ""})`;
      }
    }
  }
}

/** Required members are checked for presence, except idempotency tokens (the client fills them) and members with a default. */
export function needsPresence(m: Member): boolean {
  return m.required && !m.idempotencyToken && m.default === undefined;
}

function patternOwner(target: Shape, m: Member): string {
  return m.traits["smithy.api#pattern"] === target.traits["smithy.api#pattern"] ? target.name : `${m.container.split("#")[1]}_${m.name}`;
}

function bounds(b: { min?: number; max?: number } | undefined): string | undefined {
  if (!b) return undefined;
  const parts = [...(b.min !== undefined ? [`min: ${b.min}`] : []), ...(b.max !== undefined ? [`max: ${b.max}`] : [])];
  return parts.length ? `{ ${parts.join(", ")} }` : undefined;
}

/**
 * `@range` bounds; one a double cannot hold (beyond 2^53, a 30-digit decimal) is written as its
 * exact decimal text, which the runtime compares exactly with a bigint or NumericValue.
 */
function rangeBounds(r: Range): string | undefined {
  const bound = (key: "min" | "max") => {
    const text = r[`${key}Text`];
    if (text !== undefined) return [`${key}: ${JSON.stringify(text)}`];
    return r[key] !== undefined ? [`${key}: ${r[key]}`] : [];
  };
  const parts = [...bound("min"), ...bound("max")];
  return parts.length ? `{ ${parts.join(", ")} }` : undefined;
}

function list(values: (string | number)[]): string {
  return `[${values.map((v) => JSON.stringify(v)).join(", ")}]`;
}
