/**
 * The model the validators read: the JSON AST checked the way Smithy's loader
 * checks it (each problem an event with the `Model` id, never an exception),
 * `apply` statements applied, mixins flattened into the shapes that use them,
 * and the prelude's shapes added, so that a validator sees every member a
 * shape really has and every trait it really carries.
 */
import { PRELUDE_SHAPES } from "../load/prelude.js";
import type { ValidationEvent } from "./events.js";

export type Traits = Record<string, unknown>;

export interface VMember {
  kind: "member";
  /** `ns#Shape$name` */
  id: string;
  name: string;
  container: string;
  target: string;
  traits: Traits;
  /** The mixin the member came from, when it was not defined on the shape itself. */
  fromMixin?: string;
}

export interface VShape {
  kind: "shape";
  id: string;
  /** `set` is read as `list` (Smithy 2.0 does the same). */
  type: string;
  traits: Traits;
  /** Traits written on the shape itself (not inherited from a mixin). */
  localTraits: Traits;
  /** structure, union, enum, intEnum members, list `member`, map `key` and `value`, in order. */
  members: Map<string, VMember>;
  mixins: string[];
  /** The shape's other properties (operation input, service operations, resource identifiers, ...). */
  props: Record<string, unknown>;
  prelude: boolean;
}

export const SHAPE_ID = /^[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*#[A-Za-z_][A-Za-z0-9_]*(?:\$[A-Za-z_][A-Za-z0-9_]*)?$/;

const SIMPLE = new Set(["blob", "boolean", "string", "byte", "short", "integer", "long", "float", "double", "bigInteger", "bigDecimal", "timestamp", "document"]);
const TYPES = new Set([...SIMPLE, "enum", "intEnum", "list", "set", "map", "structure", "union", "service", "operation", "resource", "apply"]);

/** Properties each shape type may have in the JSON AST (others are warned about, as Smithy does). */
const PROPERTIES: Record<string, string[]> = {
  simple: ["type", "traits", "mixins"],
  enum: ["type", "traits", "mixins", "members"],
  list: ["type", "traits", "mixins", "member"],
  map: ["type", "traits", "mixins", "key", "value"],
  structure: ["type", "traits", "mixins", "members"],
  service: ["type", "traits", "mixins", "version", "operations", "resources", "errors", "rename"],
  operation: ["type", "traits", "mixins", "input", "output", "errors"],
  resource: ["type", "traits", "mixins", "identifiers", "properties", "create", "put", "read", "update", "delete", "list", "operations", "collectionOperations", "resources"],
  apply: ["type", "traits"],
};

function propertyGroup(type: string): string {
  if (SIMPLE.has(type)) return "simple";
  if (type === "intEnum") return "enum";
  if (type === "set") return "list";
  if (type === "union") return "structure";
  return type;
}

export class ValidationModel {
  readonly shapes = new Map<string, VShape>();
  readonly members = new Map<string, VMember>();
  metadata: Record<string, unknown> = {};
  version = "2.0";

  get(id: string): VShape | VMember | undefined {
    return this.shapes.get(id) ?? this.members.get(id);
  }

  /** The shape a member targets (undefined when unresolved). */
  target(member: VMember): VShape | undefined {
    return this.shapes.get(member.target);
  }

  /** The shape, or for a member the shape it targets. */
  resolve(shape: VShape | VMember): VShape | undefined {
    return shape.kind === "member" ? this.shapes.get(shape.target) : shape;
  }

  /** Shapes defined by the model itself (prelude left out), in id order. */
  *own(): Iterable<VShape> {
    for (const shape of this.sortedShapes()) if (!shape.prelude) yield shape;
  }

  private sorted?: VShape[];
  sortedShapes(): VShape[] {
    this.sorted ??= [...this.shapes.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    return this.sorted;
  }
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function typeName(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  return typeof value === "object" ? "object" : typeof value;
}

/** The short name Smithy's loader messages use for a trait: `tags` for `smithy.api#tags`. */
export function traitName(id: string): string {
  return id.startsWith("smithy.api#") ? id.slice("smithy.api#".length) : id;
}

/**
 * Checks and assembles a JSON AST document (or several, already merged).
 * Events go to `events`; what can be assembled is.
 */
export function assembleModel(json: unknown, events: ValidationEvent[]): ValidationModel {
  const model = new ValidationModel();
  const error = (message: string, shapeId?: string) => events.push({ severity: "ERROR", eventId: "Model", message, ...(shapeId ? { shapeId } : {}) });
  const warn = (message: string, shapeId?: string) => events.push({ severity: "WARNING", eventId: "Model", message, ...(shapeId ? { shapeId } : {}) });

  addPrelude(model);
  if (!isObject(json)) {
    error(`Expected a JSON object for the model; found ${typeName(json)}`);
    return model;
  }
  const version = json.smithy;
  if (typeof version !== "string" || !/^(?:1|1\.0|2|2\.0)$/.test(version)) {
    error(`Unsupported Smithy version number: ${typeof version === "string" ? version : JSON.stringify(version)}`);
  } else model.version = version.startsWith("1") ? "1.0" : "2.0";
  const extra = Object.keys(json).filter((k) => !["smithy", "metadata", "shapes"].includes(k));
  if (extra.length) warn(`Expected an object with possible properties of \`metadata\`, \`shapes\`, \`smithy\`, but found additional properties: ${extra.map((k) => `\`${k}\``).join(", ")}`);
  if (json.metadata !== undefined) {
    if (isObject(json.metadata)) model.metadata = json.metadata;
    else error(`Expected \`metadata\` to be an object; found ${typeName(json.metadata)}`);
  }
  if (json.shapes === undefined) return model;
  if (!isObject(json.shapes)) {
    error(`Expected \`shapes\` to be an object; found ${typeName(json.shapes)}`);
    return model;
  }

  const defined = new Map<string, Record<string, unknown>>();
  const applies: [string, Traits][] = [];
  for (const [id, raw] of Object.entries(json.shapes)) {
    if (!SHAPE_ID.test(id)) {
      error(`Invalid shape ID: ${id}`);
      continue;
    }
    if (!isObject(raw)) {
      error(`Expected shape to be an object; found ${typeName(raw)}`, id);
      continue;
    }
    const type = raw.type;
    if (typeof type !== "string" || !TYPES.has(type)) {
      error(`Invalid shape \`type\`: ${JSON.stringify(type)}`, id);
      continue;
    }
    if (type !== "apply" && id.includes("$")) {
      error(`Shapes of type \`${type}\` cannot contain a member in their shape ID. Found \`${id}\``, id);
      continue;
    }
    const allowed = PROPERTIES[propertyGroup(type)]!;
    const unknown = Object.keys(raw).filter((k) => !allowed.includes(k));
    if (unknown.length) {
      warn(`Expected an object with possible properties of ${[...allowed].sort().map((k) => `\`${k}\``).join(", ")}, but found additional properties: ${unknown.map((k) => `\`${k}\``).join(", ")}`, id);
    }
    const traits = readTraits(raw.traits, id, error);
    if (type === "apply") {
      applies.push([id, traits]);
      continue;
    }
    if (!checkShape(id, type, raw, error)) continue;
    defined.set(id, { ...raw, traits });
  }

  // Mixins are resolved in dependency order; a cycle or a missing mixin stops the shapes that need it.
  const built = new Map<string, VShape | null>();
  const visiting: string[] = [];
  const build = (id: string): VShape | null => {
    const done = built.get(id);
    if (done !== undefined) return done;
    const raw = defined.get(id)!;
    visiting.push(id);
    let ok = true;
    const mixinShapes: VShape[] = [];
    for (const ref of (raw.mixins as { target: string }[] | undefined) ?? []) {
      const target = ref.target;
      if (visiting.includes(target)) {
        ok = false;
        continue;
      }
      if (!defined.has(target) && !PRELUDE_SHAPES[target]) {
        error(`Cannot apply mixin to ${id}: ${target} not found`, id);
        ok = false;
        continue;
      }
      const mixin = defined.has(target) ? build(target) : model.shapes.get(target)!;
      if (!mixin) {
        if (!cycleMembers.has(id)) error(`Cannot apply mixin to ${id}: ${target} not found`, id);
        ok = false;
        continue;
      }
      if (mixin.traits["smithy.api#mixin"] === undefined) {
        // Only a shape marked @mixin can be mixed in; anything else would silently copy members.
        error(`Cannot apply mixin to ${id}: ${target} is not a mixin (it has no @mixin trait)`, id);
        ok = false;
        continue;
      }
      mixinShapes.push(mixin);
    }
    visiting.pop();
    const shape = ok ? createShape(id, raw, mixinShapes, model, events) : null;
    built.set(id, shape);
    return shape;
  };
  const cycleMembers = findMixinCycles(defined, error);
  for (const id of cycleMembers) built.set(id, null);
  for (const id of defined.keys()) build(id);

  for (const [id, traits] of applies) applyTraits(model, id, traits, events);
  return model;
}

function readTraits(raw: unknown, id: string, error: (m: string, s?: string) => void): Traits {
  if (raw === undefined) return {};
  if (!isObject(raw)) {
    error(`Expected \`traits\` to be an object; found ${typeName(raw)}`, id);
    return {};
  }
  const out: Traits = {};
  for (const [name, value] of Object.entries(raw)) {
    if (!SHAPE_ID.test(name) || name.includes("$")) error(`Invalid shape ID: ${name}`, id);
    else out[name] = value;
  }
  return out;
}

/** The structure of one shape's JSON: required members and reference objects. False when it cannot be built. */
function checkShape(id: string, type: string, raw: Record<string, unknown>, error: (m: string, s?: string) => void): boolean {
  let ok = true;
  const ref = (value: unknown, name: string, inArray: boolean): boolean => {
    if (isObject(value) && typeof value.target === "string") {
      if (!SHAPE_ID.test(value.target)) {
        error(`Invalid shape ID: ${value.target}`, id);
        return false;
      }
      return true;
    }
    if (isObject(value)) error(`Missing required member of shape \`${id}\`: target`, id);
    else if (inArray) error(`Expected object, but found ${typeName(value)}.`, id);
    else error(`Expected \`${name}\` to be an object; found ${typeName(value)}`, id);
    return false;
  };
  const refs = (value: unknown, name: string) => {
    if (value === undefined) return;
    if (!Array.isArray(value)) {
      error(`Expected \`${name}\` to be an array; found ${typeName(value)}`, id);
      ok = false;
      return;
    }
    for (const item of value) if (!ref(item, name, true)) ok = false;
  };
  const refMap = (value: unknown, name: string) => {
    if (value === undefined) return;
    if (!isObject(value)) {
      error(`Expected \`${name}\` to be an object; found ${typeName(value)}`, id);
      ok = false;
      return;
    }
    for (const item of Object.values(value)) if (!ref(item, name, true)) ok = false;
  };
  refs(raw.mixins, "mixins");
  switch (type) {
    case "list":
    case "set":
      if (raw.member === undefined) {
        // A mixin may supply the member.
        if (!raw.mixins) {
          error(`Missing required member of shape \`${id}\`: member`, id);
          ok = false;
        }
      } else if (!ref(raw.member, "member", false)) ok = false;
      break;
    case "map":
      for (const key of ["key", "value"]) {
        if (raw[key] === undefined) {
          if (!raw.mixins) {
            error(`Missing required member of shape \`${id}\`: ${key}`, id);
            ok = false;
          }
        } else if (!ref(raw[key], key, false)) ok = false;
      }
      break;
    case "structure":
    case "union":
    case "enum":
    case "intEnum":
      if (raw.members !== undefined) {
        if (!isObject(raw.members)) {
          error(`Expected \`members\` to be an object; found ${typeName(raw.members)}`, id);
          ok = false;
        } else {
          for (const [name, m] of Object.entries(raw.members)) {
            if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) {
              error(`Invalid member name: ${name}`, id);
              ok = false;
            } else if (!ref(m, name, false)) ok = false;
          }
        }
      }
      break;
    case "operation":
      for (const key of ["input", "output"]) if (raw[key] !== undefined && !ref(raw[key], key, false)) ok = false;
      refs(raw.errors, "errors");
      break;
    case "service":
      refs(raw.operations, "operations");
      refs(raw.resources, "resources");
      refs(raw.errors, "errors");
      if (raw.rename !== undefined && !isObject(raw.rename)) {
        error(`Expected \`rename\` to be an object; found ${typeName(raw.rename)}`, id);
        ok = false;
      }
      break;
    case "resource":
      refMap(raw.identifiers, "identifiers");
      refMap(raw.properties, "properties");
      for (const key of ["create", "put", "read", "update", "delete", "list"]) if (raw[key] !== undefined && !ref(raw[key], key, false)) ok = false;
      refs(raw.operations, "operations");
      refs(raw.collectionOperations, "collectionOperations");
      refs(raw.resources, "resources");
      break;
    default:
      break;
  }
  return ok;
}

/** Shapes in a mixin cycle, each reported with the others of its cycle. */
function findMixinCycles(defined: Map<string, Record<string, unknown>>, error: (m: string, s?: string) => void): Set<string> {
  const mixinsOf = (id: string) => ((defined.get(id)?.mixins as { target: string }[] | undefined) ?? []).map((m) => m.target).filter((t) => defined.has(t));
  // Tarjan's strongly connected components over the mixin graph.
  let index = 0;
  const indexes = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const inCycle = new Set<string>();
  const strong = (v: string) => {
    indexes.set(v, index);
    low.set(v, index++);
    stack.push(v);
    onStack.add(v);
    for (const w of mixinsOf(v)) {
      if (!indexes.has(w)) {
        strong(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, indexes.get(w)!));
    }
    if (low.get(v) === indexes.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || mixinsOf(v).includes(v)) {
        for (const id of component) {
          inCycle.add(id);
          const others = component.filter((o) => o !== id).sort().reverse();
          error(`Unable to resolve mixins; cycles detected between this shape and [${others.join(", ")}]`, id);
        }
      }
    }
  };
  for (const id of defined.keys()) if (!indexes.has(id)) strong(id);
  return inCycle;
}

function addPrelude(model: ValidationModel): void {
  for (const [id, ast] of Object.entries(PRELUDE_SHAPES)) {
    model.shapes.set(id, { kind: "shape", id, type: ast.type, traits: { ...(ast.traits ?? {}) }, localTraits: { ...(ast.traits ?? {}) }, members: new Map(), mixins: [], props: {}, prelude: true });
  }
}

/** Builds a shape with its mixins' members and traits flattened in. */
function createShape(id: string, raw: Record<string, unknown>, mixins: VShape[], model: ValidationModel, events: ValidationEvent[]): VShape {
  const type = raw.type === "set" ? "list" : (raw.type as string);
  const localTraits = raw.traits as Traits;
  const traits: Traits = {};
  const members = new Map<string, VMember>();
  for (const mixin of mixins) {
    const mixinTrait = mixin.traits["smithy.api#mixin"];
    const localOnly = new Set<string>(["smithy.api#mixin", ...(isObject(mixinTrait) && Array.isArray(mixinTrait.localTraits) ? (mixinTrait.localTraits as string[]) : [])]);
    for (const [name, value] of Object.entries(mixin.traits)) if (!localOnly.has(name)) traits[name] = value;
    for (const m of mixin.members.values()) {
      members.set(m.name, { kind: "member", id: `${id}$${m.name}`, name: m.name, container: id, target: m.target, traits: { ...m.traits }, fromMixin: m.fromMixin ?? mixin.id });
    }
  }
  Object.assign(traits, localTraits);
  if (raw.type === "set") traits["smithy.api#uniqueItems"] ??= {};
  const addMember = (name: string, ref: { target: string; traits?: unknown }) => {
    const own = isObject(ref.traits) ? (ref.traits as Traits) : {};
    const inherited = members.get(name);
    if (inherited && inherited.target !== ref.target) {
      events.push({
        severity: "ERROR",
        eventId: "Model",
        shapeId: `${id}$${name}`,
        message: `Member \`${name}\` conflicts with an inherited mixin member: the mixin member targets \`${inherited.target}\`, this one \`${ref.target}\``,
      });
    }
    members.set(name, { kind: "member", id: `${id}$${name}`, name, container: id, target: ref.target, traits: { ...(inherited?.traits ?? {}), ...own } });
  };
  if (raw.members && isObject(raw.members)) for (const [name, ref] of Object.entries(raw.members)) addMember(name, ref as { target: string });
  if (raw.member) addMember("member", raw.member as { target: string });
  if (raw.key) addMember("key", raw.key as { target: string });
  if (raw.value) addMember("value", raw.value as { target: string });
  // An enum member without a target targets Unit in the AST; Smithy gives it the String/Integer semantics.
  const props: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(raw)) if (!["type", "traits", "mixins", "members", "member", "key", "value"].includes(k)) props[k] = v;
  const shape: VShape = { kind: "shape", id, type, traits, localTraits, members, mixins: mixins.map((m) => m.id), props, prelude: false };
  model.shapes.set(id, shape);
  for (const m of members.values()) model.members.set(m.id, m);
  return shape;
}

/** `apply`: traits added to a shape or member defined elsewhere; list traits concatenate, others must agree. */
function applyTraits(model: ValidationModel, id: string, traits: Traits, events: ValidationEvent[]): void {
  const shape = model.get(id);
  if (!shape) {
    for (const name of Object.keys(traits)) events.push({ severity: "ERROR", eventId: "Model", message: `Trait \`${traitName(name)}\` applied to unknown shape \`${id}\`` });
    return;
  }
  if (shape.kind === "shape" && shape.prelude) {
    for (const name of Object.keys(traits)) events.push({ severity: "ERROR", eventId: "Model", shapeId: id, message: `Cannot apply \`${name}\` to an immutable prelude shape defined in \`smithy.api\`.` });
    return;
  }
  for (const [name, value] of Object.entries(traits)) {
    const existing = shape.traits[name];
    if (existing === undefined) shape.traits[name] = value;
    else if (Array.isArray(existing) && Array.isArray(value)) shape.traits[name] = [...existing, ...value];
    else if (JSON.stringify(existing) !== JSON.stringify(value)) {
      events.push({ severity: "ERROR", eventId: "Model", shapeId: id, message: `Conflicting \`${name}\` trait found on shape \`${id}\`.` });
    }
    if (shape.kind === "shape") shape.localTraits[name] = shape.traits[name];
  }
}
