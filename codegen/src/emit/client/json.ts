/**
 * `protocols/json.ts`: one serializer (`se_X`) per aggregate shape sent to the
 * service and one deserializer (`de_X`) per aggregate shape it returns. They
 * are plain exported functions, so a bundler keeps only those reachable from
 * the commands an application uses.
 */
import { childTargets, isEventStream } from "../../ir/shapes.js";
import type { ListShape, MapShape, ServiceIR, StructureShape, UnionShape } from "../../ir/types.js";
import { SourceFile } from "../../writer/source-file.js";
import { typeOfShape } from "../shared/typescript.js";
import { GEN } from "./paths.js";
import { Serde } from "./serde.js";
import { literalKey, readPresent, readProperty, writeProperty } from "../shared/property.js";

type Aggregate = StructureShape | UnionShape | ListShape | MapShape;

export function emitJsonSerde(ir: ServiceIR, typesPackage: string): SourceFile {
  const file = new SourceFile(`src/gen/${GEN.json.replace(".js", ".ts")}`);
  const serde = new Serde(ir, file);
  // Operation inputs and outputs are (de)serialized member by member in their command file; they
  // get functions here only when some member also targets them. Errors have their own file.
  const nested = new Set(ir.shapes.flatMap(childTargets));
  const aggregates = ir.shapes.filter(
    (s): s is Aggregate => ["structure", "union", "list", "map"].includes(s.kind) && !(s.kind === "structure" && s.error) && !isEventStream(s) && nested.has(s.id),
  );
  for (const shape of aggregates) file.declare(`se_${shape.name}`, `de_${shape.name}`);
  const typeRef = (shape: Aggregate, open: boolean) => typeOfShape(ir, file, shape, { from: typesPackage, open });
  for (const shape of aggregates) {
    if (shape.usage.input) {
      file.blank();
      // Serializers take the open form: a shape that is also an output holds open enums.
      emitSerializer(file, serde, shape, typeRef(shape, true));
    }
    if (shape.usage.output) {
      file.blank();
      emitDeserializer(file, serde, shape, typeRef(shape, true));
    }
  }
  return file;
}

function emitSerializer(file: SourceFile, serde: Serde, shape: Aggregate, type: string): void {
  const name = `se_${shape.name}`;
  switch (shape.kind) {
    case "structure":
      file.block(`export function ${name}(input: ${type}): Record<string, unknown> {`, () => {
        if (shape.members.length === 0) {
          file.line("return {};");
          return;
        }
        file.line("const out: Record<string, unknown> = {};");
        file.statements(shape.members, (m) => {
          // Nested members with a @default are always sent: the caller's value, or the default.
          const fallback = m.idempotencyToken ? serde.idempotencyToken() : serde.defaultValue(m);
          const read = readProperty("input", m.name);
          const present = readPresent("input", m.name);
          const value = fallback === undefined ? undefined : `${read} ?? ${fallback}`;
          // toJson wraps a value in a call or leaves it as is, so `a ?? b` needs no parentheses.
          if (value) file.line(`${writeProperty("out", m.jsonName, serde.toJson(m.target, value, m), true)};`);
          else file.line(`if (${read} != null) ${writeProperty("out", m.jsonName, serde.toJson(m.target, present, m), true)};`);
        });
        file.line("return out;");
      });
      break;
    case "union":
      file.block(`export function ${name}(input: ${type}): Record<string, unknown> {`, () => {
        for (const m of shape.members) {
          const read = readProperty("input", m.name);
          file.line(`if (${read} !== undefined) return { ${literalKey(m.jsonName, true)}: ${serde.toJson(m.target, readPresent("input", m.name), m)} };`);
        }
        file.line("if (input.$unknown !== undefined) return { [input.$unknown[0]]: input.$unknown[1] };");
        file.line(`throw new TypeError("A ${shape.name} union must have exactly one member set.");`);
      });
      break;
    case "list": {
      const item = serde.toJson(shape.member.target, "item", shape.member);
      file.block(`export function ${name}(input: ${type}): unknown[] {`, () => {
        if (shape.sparse) file.line(`return input.map((item) => (item === null ? null : ${item}));`);
        else file.line(`return input.filter((item) => item != null).map((item) => ${item});`);
      });
      break;
    }
    case "map": {
      const value = serde.toJson(shape.value.target, "value", shape.value);
      file.block(`export function ${name}(input: ${type}): Record<string, unknown> {`, () => {
        file.line("const out: Record<string, unknown> = {};");
        file.block("for (const [key, value] of Object.entries(input)) {", () => {
          const set = serde.rt("setEntry");
          if (shape.sparse) file.line(`${set}(out, key, value === null ? null : ${value});`);
          else file.line(`if (value != null) ${set}(out, key, ${value});`);
        });
        file.line("return out;");
      });
      break;
    }
  }
}

function emitDeserializer(file: SourceFile, serde: Serde, shape: Aggregate, type: string): void {
  const name = `de_${shape.name}`;
  switch (shape.kind) {
    case "structure":
      file.block(`export function ${name}(data: any, where = ${JSON.stringify(shape.name)}): ${type} {`, () => {
        file.line(`${serde.rt("expectObject")}(data, where);`);
        file.line(`const out = {} as ${type};`);
        file.statements(shape.members, (m) => {
          const key = readProperty("data", m.jsonName, true);
          const parsed = `${serde.fromJson(m.target, key, `${shape.name}.${m.name}`, m)}!`;
          const fallback = serde.defaultValue(m);
          // A member with a @default that the service left out takes the default.
          if (fallback !== undefined) file.line(`${writeProperty("out", m.name, `${key} != null ? ${parsed} : ${fallback}`)};`);
          else file.line(`if (${key} != null) ${writeProperty("out", m.name, parsed)};`);
        });
        file.line("return out;");
      });
      break;
    case "union":
      file.block(`export function ${name}(data: any, where = ${JSON.stringify(shape.name)}): ${type} {`, () => {
        file.line(`${serde.rt("expectObject")}(data, where);`);
        for (const m of shape.members) {
          const key = readProperty("data", m.jsonName, true);
          file.line(`if (${key} != null) return { ${literalKey(m.name)}: ${serde.fromJson(m.target, key, `${shape.name}.${m.name}`, m)}! };`);
        }
        // A member this client does not know (even with a null value) comes back as `$unknown`.
        file.line(`return ${serde.rt("unknownUnionMember")}(data, where);`);
      });
      break;
    case "list": {
      const item = serde.fromJson(shape.member.target, "item", `${shape.name}[]`, shape.member);
      file.block(`export function ${name}(data: any, where = ${JSON.stringify(shape.name)}): ${type} {`, () => {
        file.line(`if (!Array.isArray(data)) throw ${serde.rt("fault")}(where, "a list", data);`);
        if (shape.sparse) file.line(`return data.map((item: any) => (item === null ? null : ${item}!));`);
        else file.line(`return data.filter((item: any) => item != null).map((item: any) => ${item}!);`);
      });
      break;
    }
    case "map": {
      const value = serde.fromJson(shape.value.target, "value", `${shape.name}{}`, shape.value);
      file.block(`export function ${name}(data: any, where = ${JSON.stringify(shape.name)}): ${type} {`, () => {
        file.line(`const out: ${type} = {};`);
        // Checked first: Object.entries would read a string as a map of its characters.
        file.block(`for (const [key, value] of Object.entries<any>(${serde.rt("expectObject")}(data, where))) {`, () => {
          const set = serde.rt("setEntry");
          if (shape.sparse) file.line(`${set}(out, key, value === null ? null : ${value});`);
          else file.line(`if (value != null) ${set}(out, key, ${value});`);
        });
        file.line("return out;");
      });
      break;
    }
  }
}
