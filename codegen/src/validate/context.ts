/** What every validator gets: the assembled model and a way to report an event. */
import type { Severity, ValidationEvent } from "./events.js";
import type { ValidationModel, VMember, VShape } from "./model.js";

export class Context {
  readonly events: ValidationEvent[] = [];
  constructor(readonly model: ValidationModel) {}

  emit(severity: Severity, eventId: string, shapeId: string | undefined, message: string): void {
    this.events.push({ severity, eventId, message, ...(shapeId ? { shapeId } : {}) });
  }

  error(eventId: string, shapeId: string | undefined, message: string): void {
    this.emit("ERROR", eventId, shapeId, message);
  }
}

export type Validator = (ctx: Context) => void;

export const PRELUDE = "smithy.api#";

export function ref(value: unknown): string | undefined {
  return value && typeof value === "object" && typeof (value as { target?: unknown }).target === "string" ? (value as { target: string }).target : undefined;
}

export function refs(value: unknown): string[] {
  return Array.isArray(value) ? value.map(ref).filter((v): v is string => v !== undefined) : [];
}

export function refMap(value: unknown): [string, string][] {
  if (!value || typeof value !== "object" || Array.isArray(value)) return [];
  return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) => {
    const t = ref(v);
    return t ? [[k, t] as [string, string]] : [];
  });
}

export function describe(shape: VShape | VMember): string {
  return `(${shape.kind === "member" ? "member" : shape.type}: \`${shape.id}\`)`;
}

export function has(shape: VShape | VMember | undefined, trait: string): boolean {
  return shape !== undefined && shape.traits[trait.includes("#") ? trait : PRELUDE + trait] !== undefined;
}

export function trait<T = unknown>(shape: VShape | VMember | undefined, name: string): T | undefined {
  return shape?.traits[name.includes("#") ? name : PRELUDE + name] as T | undefined;
}

export function operationInput(model: { shapes: Map<string, VShape> }, op: VShape): VShape | undefined {
  return model.shapes.get(ref(op.props.input) ?? "smithy.api#Unit");
}

export function operationOutput(model: { shapes: Map<string, VShape> }, op: VShape): VShape | undefined {
  return model.shapes.get(ref(op.props.output) ?? "smithy.api#Unit");
}

export const NUMERIC = new Set(["byte", "short", "integer", "long", "float", "double", "bigInteger", "bigDecimal", "intEnum"]);
export const INTEGRAL = new Set(["byte", "short", "integer", "long", "bigInteger", "intEnum"]);
