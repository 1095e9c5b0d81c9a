/**
 * Assembles a model from several sources — parsed IDL files and JSON AST
 * documents — as the spec's "Merging model files" says: shape ids resolved
 * against the whole model, metadata merged (lists concatenated, equal values
 * kept, anything else a conflict), a shape defined twice only when both
 * definitions are identical, and `apply` statements from any file.
 */
import { cloneExact, exactNumber } from "./exact-numbers.js";
import { ANNOTATION, type ParsedFile, type PendingTrait, type SourceLocation, SyntacticId, defineValue } from "./idl/parser.js";
import { PRELUDE_NAMES, TRAIT_DEFINITIONS } from "./idl/known-shapes.js";
import { ModelError, type ModelProblem } from "./problems.js";
import type { AstMember, AstShape, SmithyModel, Traits } from "./types.js";

export type { SourceLocation };

/** Where each shape (`ns#Shape`) and member (`ns#Shape$member`) is defined. */
export type SourceLocations = Map<string, SourceLocation>;

export interface LoadedModel {
  model: SmithyModel;
  locations: SourceLocations;
}

export type ModelSource = { kind: "idl"; parsed: ParsedFile } | { kind: "json"; file: string; model: SmithyModel; locations?: SourceLocations };

class LoadProblem extends Error {
  constructor(
    message: string,
    readonly loc?: SourceLocation,
    readonly shapeId?: string,
  ) {
    super(message);
  }
}

export function assemble(sources: readonly ModelSource[]): LoadedModel {
  try {
    return new Assembler(sources).run();
  } catch (error) {
    if (error instanceof LoadProblem) {
      const problem: ModelProblem = {
        path: "$",
        message: error.message,
        ...(error.shapeId ? { shapeId: error.shapeId } : {}),
        ...(error.loc ? { location: error.loc } : {}),
      };
      throw new ModelError([problem], error.loc?.file);
    }
    throw error;
  }
}

class Assembler {
  private readonly shapes = new Map<string, AstShape>();
  private readonly locations: SourceLocations = new Map();
  private readonly metadata: Record<string, unknown> = {};
  private readonly metadataFrom = new Map<string, SourceLocation | undefined>();
  /** Every shape id the model defines, with its type: for resolving relative ids and coercing annotations. */
  private readonly known = new Map<string, string>();

  constructor(private readonly sources: readonly ModelSource[]) {}

  run(): LoadedModel {
    for (const source of this.sources) {
      if (source.kind === "idl") for (const s of source.parsed.shapes) this.known.set(s.id, s.shape.type);
      else for (const [id, shape] of Object.entries(source.model.shapes)) if (shape.type !== "apply") this.known.set(id, shape.type);
    }
    const applies: { target: string; traits: Traits; loc?: SourceLocation; pending?: PendingTrait[] }[] = [];
    for (const source of this.sources) {
      if (source.kind === "json") {
        this.mergeMetadata(source.model.metadata ?? {}, { file: source.file, line: 1, column: 1 });
        for (const [id, shape] of Object.entries(source.model.shapes)) {
          const loc = source.locations?.get(id) ?? { file: source.file, line: 1, column: 1 };
          if (shape.type === "apply") applies.push({ target: id, traits: shape.traits ?? {}, loc });
          else this.define(id, cloneExact(shape), loc);
        }
        if (source.locations) for (const [id, loc] of source.locations) if (!this.locations.has(id)) this.locations.set(id, loc);
        continue;
      }
      const file = source.parsed;
      const resolve = (raw: string) => this.resolveId(raw, file);
      for (const ref of file.refs) ref.set(resolve(ref.raw));
      for (const holder of file.traitHolders) holder.target.traits = this.buildTraits(holder.traits, holder.id, file);
      const metadata: Record<string, unknown> = {};
      for (const m of file.metadata) {
        const value = this.resolveNode(m.value, file);
        if (Object.hasOwn(metadata, m.key)) {
          metadata[m.key] = mergeMetadataValue(m.key, metadata[m.key], value, m.loc);
        } else defineValue(metadata, m.key, value);
      }
      this.mergeMetadata(metadata, file.metadata[0]?.loc ?? { file: file.file, line: 1, column: 1 });
      for (const s of file.shapes) {
        if (s.shape.type === "service" && s.shape.rename) s.shape.rename = renameFromSlots(s.shape.rename);
        this.define(s.id, s.shape, s.loc);
      }
      for (const [id, loc] of file.memberLocations) this.locations.set(id, loc);
      for (const a of file.applies) applies.push({ target: a.target.target, traits: {}, loc: a.loc, pending: a.traits });
      this.pendingFiles.push(file);
    }
    for (const file of this.pendingFiles) {
      for (const s of file.shapes) {
        if (s.forResource) {
          const resource = this.shapes.get(s.forResource.target);
          if (resource !== undefined && resource.type !== "resource") {
            throw new LoadProblem(
              `The target of the \`for\` production must be a resource shape, but found a ${resource.type} shape: ${s.forResource.target}`,
              s.loc,
              s.id,
            );
          }
          this.resources.set(s.id, s.forResource.target);
        }
      }
    }
    for (const file of this.pendingFiles) for (const e of file.elided) this.elide(e.shapeId, e.name, e.member, e.loc);
    this.checkMixins();
    for (const file of this.pendingFiles) {
      for (const s of file.shapes) {
        if (s.shape.type === "operation") {
          // Smithy's semantic model: input and output come from the mixins when not given, else are
          // Unit; no errors is none.
          s.shape.input ??= { target: this.inheritedOperationTarget(s.shape, "input", new Set()) ?? "smithy.api#Unit" };
          s.shape.output ??= { target: this.inheritedOperationTarget(s.shape, "output", new Set()) ?? "smithy.api#Unit" };
          if (s.shape.errors?.length === 0) delete s.shape.errors;
        }
      }
    }
    applies.unshift(...this.redeclaredMembers());
    for (const file of this.pendingFiles) {
      for (const s of file.shapes) {
        if (s.shape.type !== "intEnum") continue;
        for (const [name, member] of Object.entries(s.shape.members ?? {})) {
          if (member.traits === undefined || !Object.hasOwn(member.traits, "smithy.api#enumValue")) {
            const id = `${s.id}$${name}`;
            throw new LoadProblem(`intEnum members must be assigned an integer value: \`${id}\``, this.locations.get(id) ?? s.loc, id);
          }
        }
      }
    }
    for (const a of applies) {
      const file = this.pendingFiles.find((f) => f.file === a.loc?.file);
      const traits = a.pending ? this.buildTraits(a.pending, a.target, file) : a.traits;
      this.apply(a.target, traits, a.loc);
    }
    const shapes: Record<string, AstShape> = {};
    for (const [id, shape] of this.shapes) shapes[id] = shape;
    const model: SmithyModel = { smithy: "2.0", ...(Object.keys(this.metadata).length ? { metadata: this.metadata } : {}), shapes };
    return { model, locations: this.locations };
  }

  private readonly pendingFiles: ParsedFile[] = [];
  private readonly resources = new Map<string, string>();

  // ---- ids ----------------------------------------------------------------

  /** Relative shape id resolution (spec: "Relative shape ID resolution"). */
  private resolveId(raw: string, file: ParsedFile): string {
    if (raw.includes("#")) return raw;
    const dollar = raw.indexOf("$");
    const root = dollar < 0 ? raw : raw.slice(0, dollar);
    const member = dollar < 0 ? "" : raw.slice(dollar);
    const used = file.uses.get(root);
    if (used !== undefined) return used + member;
    if (file.namespace !== undefined && this.known.has(`${file.namespace}#${root}`)) return `${file.namespace}#${root}${member}`;
    if (PRELUDE_NAMES.has(root)) return `smithy.api#${root}${member}`;
    return `${file.namespace ?? "smithy.api"}#${root}${member}`;
  }

  private resolveNode(value: unknown, file: ParsedFile | undefined): unknown {
    if (value instanceof SyntacticId) return file ? this.resolveId(value.raw, file) : value.raw;
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        const v = value[i];
        if (typeof v === "object" && v !== null) value[i] = this.resolveNode(v, file);
      }
      return value;
    }
    if (typeof value === "object" && value !== null) {
      const obj = value as Record<string, unknown>;
      for (const key of Object.keys(obj)) {
        const v = obj[key];
        if (typeof v === "object" && v !== null) defineValue(obj, key, this.resolveNode(v, file));
      }
    }
    return value;
  }

  // ---- traits -------------------------------------------------------------

  private buildTraits(pending: readonly PendingTrait[], ownerId: string, file: ParsedFile | undefined): Traits {
    const traits: Traits = {};
    for (const t of pending) {
      const name = t.absolute || !file ? t.name : this.resolveId(t.name, file);
      const value = t.value === ANNOTATION ? this.annotationValue(name) : this.resolveNode(t.value, file);
      if (Object.hasOwn(traits, name)) {
        defineValue(traits, name, mergeTraitValue(name, traits[name], value, ownerId, t.loc));
      } else defineValue(traits, name, value);
    }
    return traits;
  }

  /** `@foo` with no value: `[]` for a list trait, `{}` otherwise (Smithy's coercion of an annotation). */
  private annotationValue(trait: string): unknown {
    const type = this.known.get(trait) ?? TRAIT_DEFINITIONS.get(trait);
    return type === "list" || type === "set" ? [] : {};
  }

  // ---- shapes -------------------------------------------------------------

  private define(id: string, shape: AstShape, loc: SourceLocation): void {
    const existing = this.shapes.get(id);
    if (existing !== undefined) {
      if (deepEqual(existing, shape)) return;
      const first = this.locations.get(id);
      const where = first ? ` (first defined at ${formatLocation(first)})` : "";
      throw new LoadProblem(`Conflicting shape definition for \`${id}\`${where}`, loc, id);
    }
    this.shapes.set(id, shape);
    this.locations.set(id, loc);
  }

  /** The members a shape has, its mixins' first (spec: mixins). */
  private allMembers(id: string, seen = new Set<string>()): Map<string, AstMember> {
    const out = new Map<string, AstMember>();
    const shape = this.shapes.get(id);
    if (!shape || seen.has(id)) return out;
    seen.add(id);
    for (const m of shape.mixins ?? []) for (const [k, v] of this.allMembers(m.target, seen)) out.set(k, v);
    for (const [k, v] of Object.entries(localMembers(shape))) out.set(k, v);
    return out;
  }

  private elide(shapeId: string, name: string, member: AstMember, loc: SourceLocation): void {
    if (member.target !== "") return;
    const resourceId = this.resources.get(shapeId);
    if (resourceId !== undefined) {
      const resource = this.shapes.get(resourceId);
      const target = own(resource?.identifiers, name)?.target ?? own(resource?.properties, name)?.target;
      if (target !== undefined) {
        member.target = target;
        return;
      }
    }
    const shape = this.shapes.get(shapeId);
    for (const mixin of [...(shape?.mixins ?? [])].reverse()) {
      const inherited = this.allMembers(mixin.target).get(name);
      if (inherited) {
        if (inherited.target === "") this.elideInherited(mixin.target, name);
        member.target = inherited.target;
        if (member.target !== "") return;
      }
    }
    throw new LoadProblem(`Unable to resolve the elided member \`${name}\` of \`${shapeId}\`: no bound resource identifier or property, and no mixin member, has that name`, loc, `${shapeId}$${name}`);
  }

  /** Resolves an elided member of a mixin before a shape mixing it in needs its target. */
  private elideInherited(shapeId: string, name: string): void {
    for (const file of this.pendingFiles) {
      for (const e of file.elided) if (e.name === name && this.allMembers(shapeId).get(name) === e.member) this.elide(e.shapeId, e.name, e.member, e.loc);
    }
  }

  /** An operation's input or output as its mixins give it (the last mixin that has one wins). */
  private inheritedOperationTarget(shape: AstShape, key: "input" | "output", seen: Set<AstShape>): string | undefined {
    if (seen.has(shape)) return undefined;
    seen.add(shape);
    let found: string | undefined;
    for (const m of shape.mixins ?? []) {
      const mixin = this.shapes.get(m.target);
      if (!mixin) continue;
      const target = mixin[key]?.target ?? this.inheritedOperationTarget(mixin, key, seen);
      if (target !== undefined) found = target;
    }
    return found;
  }

  /** The path back to `id` through mixins, when a shape mixes itself in (directly or not). */
  private mixinCycle(id: string, path: string[]): string[] | undefined {
    if (path.includes(id)) return path[0] === id ? [...path, id] : undefined;
    for (const m of this.shapes.get(id)?.mixins ?? []) {
      const found = this.mixinCycle(m.target, [...path, id]);
      if (found) return found;
    }
    return undefined;
  }

  /**
   * Mixins mix into shapes of their own type; a member may be redeclared over
   * a mixin's member only with the same target, and two mixins may not bring
   * the same member with different targets.
   */
  private checkMixins(): void {
    for (const [id, shape] of this.shapes) {
      if (shape.type === "resource" && shape.traits && Object.hasOwn(shape.traits, "smithy.api#mixin") && Object.keys({ ...shape.identifiers, ...shape.properties }).length > 0) {
        throw new LoadProblem(
          `Resource shapes with the mixin trait may not define any properties. Resource mixin shape \`${id}\` defines one or more properties.`,
          this.locations.get(id),
          id,
        );
      }
      if (!shape.mixins?.length) continue;
      const listed = new Set<string>();
      for (const m of shape.mixins) {
        if (listed.has(m.target)) throw new LoadProblem(`Duplicate mixin \`${m.target}\` on \`${id}\``, this.locations.get(id), id);
        listed.add(m.target);
        const mixin = this.shapes.get(m.target);
        if (mixin !== undefined && !(mixin.traits && Object.hasOwn(mixin.traits, "smithy.api#mixin"))) {
          throw new LoadProblem(`Attempted to use \`${m.target}\` as a mixin of \`${id}\`, but it is not marked with the @mixin trait`, this.locations.get(id), id);
        }
      }
      const cycle = this.mixinCycle(id, []);
      if (cycle) throw new LoadProblem(`Mixin cycle: ${cycle.join(" -> ")}`, this.locations.get(id), id);
      const wrongType = shape.mixins.filter((m) => {
        const mixin = this.shapes.get(m.target);
        return mixin !== undefined && mixin.type !== shape.type;
      });
      if (wrongType.length > 0) {
        throw new LoadProblem(
          `Mixins may only be mixed into shapes of the same type. The following mixins were applied to the ${shape.type} shape \`${id}\` which are not ${shape.type} shapes: [${wrongType.map((m) => `\`${m.target}\``).join(", ")}]`,
          this.locations.get(id),
          id,
        );
      }
      const local = localMembers(shape);
      const seen = new Map<string, { target: string; from: string }>();
      for (const mixin of shape.mixins) {
        for (const [name, inherited] of this.allMembers(mixin.target)) {
          const redeclared = own(local, name);
          const earlier = seen.get(name);
          if ((redeclared && redeclared.target !== inherited.target) || (earlier && earlier.target !== inherited.target)) {
            throw new LoadProblem(
              `Member conflicts with an inherited mixin member: \`${mixin.target}$${name}\``,
              this.locations.get(`${id}$${name}`) ?? this.locations.get(id),
              `${id}$${name}`,
            );
          }
          seen.set(name, { target: inherited.target, from: mixin.target });
        }
      }
    }
  }

  /**
   * A member redeclared over a mixin's member (same target) is the inherited
   * member: as Smithy serializes it, the redeclaration goes away and the
   * traits it introduces become an `apply` of that member.
   */
  private redeclaredMembers(): { target: string; traits: Traits; loc?: SourceLocation }[] {
    const out: { target: string; traits: Traits; loc?: SourceLocation }[] = [];
    for (const [id, shape] of this.shapes) {
      if (!shape.mixins?.length) continue;
      const inherited = new Map<string, AstMember>();
      for (const mixin of shape.mixins) for (const [k, v] of this.allMembers(mixin.target)) inherited.set(k, v);
      const local = localMembers(shape);
      for (const [name, own] of Object.entries(local)) {
        const base = inherited.get(name);
        if (!base) continue;
        const introduced: Traits = {};
        const baseTraits = this.inheritedTraits(shape, name);
        for (const [t, v] of Object.entries(own.traits ?? {})) if (!Object.hasOwn(baseTraits, t) || !deepEqual(baseTraits[t], v)) defineValue(introduced, t, v);
        if (shape.type === "list" || shape.type === "set") delete shape.member;
        else if (shape.type === "map") delete shape[name as "key" | "value"];
        else delete shape.members![name];
        if (Object.keys(introduced).length > 0) out.push({ target: `${id}$${name}`, traits: introduced, loc: this.locations.get(`${id}$${name}`) });
      }
    }
    return out;
  }

  /** The traits a member inherits from all of a shape's mixins (later mixins win). */
  private inheritedTraits(shape: AstShape, name: string): Traits {
    const traits: Traits = {};
    for (const mixin of shape.mixins ?? []) {
      const member = this.allMembers(mixin.target).get(name);
      if (member?.traits) Object.assign(traits, member.traits);
    }
    return traits;
  }

  private apply(target: string, traits: Traits, loc: SourceLocation | undefined): void {
    if (Object.keys(traits).length === 0) return;
    const dollar = target.indexOf("$");
    const shapeId = dollar < 0 ? target : target.slice(0, dollar);
    const shape = this.shapes.get(shapeId);
    if (!shape) {
      // Traits applied to a shape the model does not define stay an `apply` entry, as in the JSON AST.
      const entry = (this.shapes.get(target) as AstShape | undefined) ?? { type: "apply" as const };
      if (entry.type !== "apply") return;
      entry.traits = mergeTraits(entry.traits ?? {}, traits, target, loc);
      this.shapes.set(target, entry);
      return;
    }
    if (dollar < 0) {
      shape.traits = mergeTraits(shape.traits ?? {}, traits, target, loc);
      return;
    }
    const name = target.slice(dollar + 1);
    const local = localMembers(shape);
    const member = own(local, name);
    if (!member) {
      if (!this.allMembers(shapeId).has(name)) throw new LoadProblem(`Cannot apply traits to \`${target}\`: the shape has no such member`, loc, target);
      // Traits applied to an inherited member stay an `apply` entry, as Smithy serializes them.
      const entry = this.shapes.get(target) ?? { type: "apply" as const };
      entry.traits = mergeTraits(entry.traits ?? {}, traits, target, loc);
      this.shapes.set(target, entry);
      return;
    }
    member.traits = mergeTraits(member.traits ?? {}, traits, target, loc);
  }

  // ---- metadata -----------------------------------------------------------

  private mergeMetadata(metadata: Record<string, unknown>, loc: SourceLocation): void {
    for (const [key, value] of Object.entries(metadata)) {
      if (Object.hasOwn(this.metadata, key)) {
        defineValue(this.metadata, key, mergeMetadataValue(key, this.metadata[key], value, loc, this.metadataFrom.get(key)));
      } else {
        defineValue(this.metadata, key, value);
        this.metadataFrom.set(key, loc);
      }
    }
  }
}

/** `obj[key]` when it is the object's own property (never `Object.prototype` for `__proto__`). */
function own<V>(obj: Record<string, V> | undefined, key: string): V | undefined {
  return obj !== undefined && Object.hasOwn(obj, key) ? obj[key] : undefined;
}

function localMembers(shape: AstShape): Record<string, AstMember> {
  if (shape.type === "list" || shape.type === "set") return shape.member ? { member: shape.member } : {};
  if (shape.type === "map") return { ...(shape.key ? { key: shape.key } : {}), ...(shape.value ? { value: shape.value } : {}) };
  return shape.members ?? {};
}

function renameFromSlots(rename: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const slot of Object.values(rename)) {
    const { from, to } = slot as { from: string; to: string };
    defineValue(out, from, to);
  }
  return out;
}

function mergeMetadataValue(key: string, a: unknown, b: unknown, loc: SourceLocation, first?: SourceLocation): unknown {
  if (Array.isArray(a) && Array.isArray(b)) return [...a, ...b];
  if (deepEqual(a, b)) return a;
  const where = first ? ` (first defined at ${formatLocation(first)})` : "";
  throw new LoadProblem(`Metadata conflict for key \`${key}\`${where}`, loc);
}

function mergeTraitValue(name: string, a: unknown, b: unknown, ownerId: string, loc: SourceLocation | undefined): unknown {
  if (Array.isArray(a) && Array.isArray(b)) return [...a, ...b];
  if (deepEqual(a, b)) return a;
  throw new LoadProblem(`Conflicting \`${name}\` trait values applied to \`${ownerId}\``, loc, ownerId);
}

function mergeTraits(existing: Traits, added: Traits, ownerId: string, loc: SourceLocation | undefined): Traits {
  for (const [name, value] of Object.entries(added)) {
    if (Object.hasOwn(existing, name)) defineValue(existing, name, mergeTraitValue(name, existing[name], value, ownerId, loc));
    else defineValue(existing, name, value);
  }
  return existing;
}

export function formatLocation(loc: SourceLocation): string {
  return `${loc.file}:${loc.line}:${loc.column}`;
}

/** Structural equality of JSON values, key order ignored. */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!deepEqual(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  for (const k of ka) {
    if (!Object.hasOwn(b, k)) return false;
    if (!deepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k])) return false;
    // Two bounds beyond 2^53 that a double rounds alike still differ. A number read without its
    // text (a model from plain JSON.parse) is only what the double says, and compares as that.
    const [ea, eb] = [exactNumber(a, k), exactNumber(b, k)];
    if (ea !== undefined && eb !== undefined && ea !== eb) return false;
  }
  return true;
}
