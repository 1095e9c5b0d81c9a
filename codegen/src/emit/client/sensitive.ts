/**
 * `protocols/sensitive.ts`: functions that copy a value with its `@sensitive`
 * parts replaced by `***SensitiveInformation***`, used by the logger.
 */
import { isEventStream } from "../../ir/shapes.js";
import type { ServiceIR, Shape } from "../../ir/types.js";
import { SourceFile } from "../../writer/source-file.js";
import { hasSensitive } from "./commands.js";
import { GEN, rel } from "./paths.js";
import { readProperty, writeProperty } from "../shared/property.js";
import { clientRuntime } from "../shared/runtime.js";

export function emitSensitiveFilters(ir: ServiceIR): SourceFile | undefined {
  const shapes = ir.shapes.filter((s) => ["structure", "union", "list", "map"].includes(s.kind) && hasSensitive(ir, s.id, new Set()));
  if (shapes.length === 0) return undefined;
  const file = new SourceFile(`src/gen/${GEN.sensitive.replace(".js", ".ts")}`);
  const redacted = clientRuntime(file, "SENSITIVE_STRING");
  const filterOf = (shape: Shape) => `${shape.name}FilterSensitiveLog`;
  for (const s of shapes) file.declare(filterOf(s));
  const valueOf = (targetId: string, sensitive: boolean, expr: string): string | undefined => {
    const target = ir.shapeById.get(targetId)!;
    if (sensitive || target.sensitive) return redacted;
    if (shapes.includes(target)) return `${filterOf(target)}(${expr})`;
    return undefined;
  };
  for (const shape of shapes) {
    file.blank();
    file.block(`export function ${filterOf(shape)}(value: any): any {`, () => {
      file.line("if (value == null) return value;");
      switch (shape.kind) {
        case "structure":
        case "union": {
          file.line("const copy = { ...value };");
          for (const m of shape.members) {
            const read = readProperty("value", m.name);
            // An event stream is logged by name, never iterated (that would consume its events).
            const v = isEventStream(ir.shapeById.get(m.target)) ? '"STREAMING_CONTENT"' : valueOf(m.target, m.sensitive, read);
            if (v) file.line(`if (${read} !== undefined) ${writeProperty("copy", m.name, v)};`);
          }
          if (shape.kind === "union") file.line("if (value.$unknown !== undefined) copy.$unknown = [value.$unknown[0], " + redacted + "];");
          file.line("return copy;");
          break;
        }
        case "list": {
          const v = valueOf(shape.member.target, shape.member.sensitive, "item") ?? "item";
          file.line(`return value.map((item: any) => ${v});`);
          break;
        }
        case "map": {
          const v = valueOf(shape.value.target, shape.value.sensitive, "item") ?? "item";
          const keySensitive = ir.shapeById.get(shape.key.target)?.sensitive;
          if (keySensitive) file.line(`return ${redacted};`);
          else file.line(`return Object.fromEntries(Object.entries(value).map(([key, item]: [string, any]) => [key, ${v}]));`);
          break;
        }
        default:
          break;
      }
    });
  }
  return file;
}
