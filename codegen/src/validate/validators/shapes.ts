/**
 * Validators of shapes on their own: targets, recursion, member-name
 * conflicts, enums, constraint traits, defaults, unions and Unit.
 */
import { translatePattern } from "../../load/regex.js";
import { type Context, INTEGRAL, describe, has, ref, refMap, refs, trait } from "../context.js";
import { isObject, type VMember, type VShape } from "../model.js";
import { checkValue } from "../values.js";

/** Smithy's TargetValidator: every relationship resolves, to a shape of the right kind. */
export function targets(ctx: Context): void {
  const { model } = ctx;
  for (const shape of model.own()) {
    for (const m of shape.members.values()) {
      if ((shape.type === "enum" || shape.type === "intEnum") && m.target === "smithy.api#Unit") continue;
      const target = model.shapes.get(m.target);
      if (!target) {
        const member = model.members.get(m.target);
        if (member) ctx.error("Target", m.id, `Members cannot target member shapes, but found (member: \`${member.id}\`)`);
        else ctx.error("Target", m.id, `member shape targets an unresolved shape \`${m.target}\`${suggest(ctx, m.target)}`);
        continue;
      }
      if (["operation", "service", "resource"].includes(target.type)) {
        ctx.error("Target", m.id, `Members cannot target ${target.type} shapes, but found ${describe(target)}`);
      } else if (has(target, "mixin")) {
        ctx.error("Target", m.id, `Illegal MEMBER_TARGET reference to mixin \`${target.id}\`; shapes marked with the mixin trait can only be referenced to apply them as a mixin.`);
      } else if (has(target, "trait")) {
        ctx.error("Target", m.id, `Found a MEMBER_TARGET reference to trait definition \`${target.id}\`. Trait definitions cannot be targeted by members or referenced by shapes in any other context other than applying them as traits.`);
      } else if (shape.type === "map" && m.name === "key" && target.type !== "string" && target.type !== "enum") {
        ctx.error("Target", shape.id, `Map key member targets ${describe(target)}, but is expected to target a string`);
      }
    }
    const check = (rel: string, id: string, kinds: string[], what: string, aOrAn = "a") => {
      const target = model.shapes.get(id);
      if (!target) {
        ctx.error("Target", shape.id, `${shape.type} shape has ${/^[aeiou]/.test(rel) ? "an" : "a"} \`${rel}\` relationship to an unresolved shape \`${id}\`${suggest(ctx, id)}`);
        return undefined;
      }
      if (!kinds.includes(target.type)) {
        ctx.error("Target", shape.id, `${shape.type} shape \`${rel}\` relationships must target ${aOrAn} ${what} shape, but found ${describe(target)}`);
        return undefined;
      }
      if (has(target, "mixin")) {
        ctx.error("Target", shape.id, `Illegal ${rel.toUpperCase()} reference to mixin \`${target.id}\`; shapes marked with the mixin trait can only be referenced to apply them as a mixin.`);
        return undefined;
      }
      return target;
    };
    const p = shape.props;
    switch (shape.type) {
      case "operation": {
        for (const rel of ["input", "output"] as const) {
          const id = ref(p[rel]);
          if (!id) continue;
          const target = check(rel, id, ["structure"], "structure");
          if (target && has(target, "error")) ctx.error("Target", shape.id, `Operation ${rel} targets an invalid structure \`${target.id}\` that is marked with the \`error\` trait.`);
        }
        for (const id of refs(p.errors)) {
          const target = check("error", id, ["structure"], "structure");
          if (target && !has(target, "error")) ctx.error("Target", shape.id, `\`${target.id}\` cannot be bound as an error because it is not marked with the \`error\` trait.`);
        }
        break;
      }
      case "service":
        for (const id of refs(p.operations)) check("operation", id, ["operation"], "operation", "an");
        for (const id of refs(p.resources)) check("resource", id, ["resource"], "resource");
        for (const id of refs(p.errors)) {
          const target = check("error", id, ["structure"], "structure");
          if (target && !has(target, "error")) ctx.error("Target", shape.id, `\`${target.id}\` cannot be bound as an error because it is not marked with the \`error\` trait.`);
        }
        break;
      case "resource":
        for (const [, id] of refMap(p.identifiers)) check("identifier", id, ["string", "enum"], "string");
        for (const rel of ["create", "put", "read", "update", "delete", "list"]) {
          const id = ref(p[rel]);
          if (!id) continue;
          const target = model.shapes.get(id);
          if (!target) ctx.error("Target", shape.id, `resource shape has a \`${rel}\` relationship to an unresolved shape \`${id}\``);
          else if (target.type !== "operation") ctx.error("Target", shape.id, `Resource ${rel} lifecycle operation must target an operation, but found ${describe(target)}`);
        }
        for (const id of refs(p.operations)) check("operation", id, ["operation"], "operation", "an");
        for (const id of refs(p.collectionOperations)) check("collection_operation", id, ["operation"], "operation", "an");
        for (const id of refs(p.resources)) check("resource", id, ["resource"], "resource");
        for (const [, id] of refMap(p.properties)) {
          const target = model.shapes.get(id);
          if (!target) ctx.error("Target", shape.id, `resource shape has a \`property\` relationship to an unresolved shape \`${id}\``);
        }
        break;
      default:
        break;
    }
  }
}

/** "Did you mean" suggestions, as Smithy makes them: same-namespace shapes within a small edit distance. */
function suggest(ctx: Context, id: string): string {
  const [ns, name] = id.split("#") as [string, string];
  const candidates: string[] = [];
  for (const shape of ctx.model.own()) {
    const [otherNs, otherName] = shape.id.split("#") as [string, string];
    if (otherNs !== ns || has(shape, "trait")) continue;
    if (levenshtein(name.toLowerCase(), otherName.toLowerCase()) <= 2) candidates.push(shape.id);
  }
  return candidates.length ? `. Did you mean ${candidates.sort().join(", ")}?` : "";
}

function levenshtein(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 2) return 3;
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length]!;
}

/**
 * Smithy's ShapeRecursionValidator: a list or map may only contain itself
 * through a structure or union; a structure may not reach itself through
 * required members only (no finite value could be built); a union may not
 * have only members that lead back to itself.
 */
export function recursion(ctx: Context): void {
  const { model } = ctx;
  // Lists and maps.
  for (const shape of model.own()) {
    if (shape.type !== "list" && shape.type !== "map") continue;
    const path = findPath(ctx, shape.id, (s) => (s.type === "list" || s.type === "map" ? [...s.members.values()].filter((m) => m.name !== "key") : []));
    if (path) {
      ctx.error("ShapeRecursion", shape.id, `Found invalid shape recursion: ${path.join(" > ")}. A recursive list, set, or map shape is only valid if an intermediate reference is through a union or structure.`);
    }
  }
  // Structures through required members without defaults.
  for (const shape of model.own()) {
    if (shape.type !== "structure" || has(shape, "mixin")) continue;
    const path = findPath(ctx, shape.id, (s) => (s.type === "structure" ? [...s.members.values()].filter((m) => has(m, "required") && !has(m, "default")) : []));
    if (path) {
      ctx.error("ShapeRecursion", shape.id, `Found invalid shape recursion: ${path.join(" > ")}. A structure cannot be mutually recursive through all required members.`);
    }
  }
  // Unions whose every member leads back to themselves.
  const buildable = new Map<string, boolean>();
  const canBuild = (id: string, seen: Set<string>): boolean => {
    const known = buildable.get(id);
    if (known !== undefined) return known;
    const shape = model.shapes.get(id);
    if (!shape) return true;
    if (seen.has(id)) return false;
    seen.add(id);
    let ok: boolean;
    if (shape.type === "union") ok = [...shape.members.values()].some((m) => canBuild(m.target, seen));
    else if (shape.type === "structure") ok = [...shape.members.values()].every((m) => !has(m, "required") || has(m, "default") || canBuild(m.target, seen));
    else ok = true; // lists and maps can be empty
    seen.delete(id);
    return ok;
  };
  for (const shape of model.own()) {
    if (shape.type !== "union" || has(shape, "mixin") || shape.members.size === 0) continue;
    const ok = canBuild(shape.id, new Set());
    if (!ok) ctx.error("ShapeRecursion", shape.id, "It is impossible to create instances of this recursive union");
  }
}

/** A cycle from `start` back to itself through `next`, as `a$member > b > b$member > a`. */
function findPath(ctx: Context, start: string, next: (s: VShape) => VMember[]): string[] | undefined {
  const seen = new Set<string>();
  const path: string[] = [];
  const visit = (id: string): boolean => {
    const shape = ctx.model.shapes.get(id);
    if (!shape) return false;
    for (const m of next(shape)) {
      path.push(m.id, m.target);
      if (m.target === start) return true;
      if (!seen.has(m.target)) {
        seen.add(m.target);
        if (visit(m.target)) return true;
      }
      path.length -= 2;
    }
    return false;
  };
  return visit(start) ? path : undefined;
}

/** Smithy's ShapeIdConflictValidator: shape ids (members included) unique ignoring case. */
export function shapeIdConflicts(ctx: Context): void {
  const groups = new Map<string, string[]>();
  const add = (id: string) => {
    const key = id.toLowerCase();
    const list = groups.get(key);
    if (list) list.push(id);
    else groups.set(key, [id]);
  };
  for (const shape of ctx.model.shapes.values()) {
    add(shape.id);
    for (const m of shape.members.values()) add(m.id);
  }
  for (const ids of groups.values()) {
    if (ids.length < 2) continue;
    for (const id of ids) {
      const others = ids.filter((o) => o !== id).sort();
      ctx.error("ShapeIdConflict", id, `Shape ID \`${id}\` conflicts with other shape IDs in the model: [${others.map((o) => `\`${o}\``).join(", ")}]`);
    }
  }
}

/** Smithy's EnumShapeValidator and EnumTraitValidator. */
export function enums(ctx: Context): void {
  for (const shape of ctx.model.own()) {
    if (shape.type === "enum" || shape.type === "intEnum") {
      const seen = new Map<string, string>();
      const kind = shape.type;
      for (const m of shape.members.values()) {
        const value = m.traits["smithy.api#enumValue"];
        if (kind === "enum") {
          const v = value === undefined ? m.name : value;
          if (typeof v !== "string") {
            ctx.error("EnumShape", m.id, `enum members can only be assigned string values, but found: ${JSON.stringify(v)}`);
            continue;
          }
          if (v === "") {
            ctx.error("EnumShape", m.id, "enum values may not be empty.");
            continue;
          }
          if (seen.has(v)) ctx.error("EnumShape", m.id, `Multiple enum members found with duplicate value \`${v}\``);
          else seen.set(v, m.name);
        } else {
          if (value === undefined) {
            ctx.error("EnumShape", m.id, "intEnum members must be assigned an integer value");
            continue;
          }
          if (typeof value !== "number") {
            ctx.error("EnumShape", m.id, `intEnum members require integer values, but found: ${JSON.stringify(value)}`);
            continue;
          }
          if (!Number.isInteger(value)) {
            ctx.error("EnumShape", m.id, `intEnum members do not support floating point values: ${value}`);
            continue;
          }
          const key = String(value);
          if (seen.has(key)) ctx.error("EnumShape", m.id, `Multiple intEnum members found with duplicate value \`${key}\``);
          else seen.set(key, m.name);
        }
        if (!/^[A-Za-z_][A-Za-z_0-9]*$/.test(m.name)) ctx.error("EnumShape", m.id, `Invalid enum member name \`${m.name}\``);
      }
      if (shape.members.size === 0 && !has(shape, "mixin")) ctx.error("EnumShape", shape.id, `${kind} shapes must have at least one member`);
    }
    const legacy = trait<unknown>(shape, "enum");
    if (legacy !== undefined && shape.type === "string") {
      if (!Array.isArray(legacy)) continue;
      const named = legacy.filter((v) => isObject(v) && v.name !== undefined).length;
      const names = new Set<string>();
      const values = new Set<string>();
      legacy.forEach((v, i) => {
        if (!isObject(v)) return;
        if (named > 0 && v.name === undefined) {
          ctx.error("EnumTrait", shape.id, `\`${String(v.value)}\` enum value body is missing the \`name\` property; if any enum trait value contains a \`name\` property, then all values must contain the \`name\` property.`);
        }
        if (typeof v.name === "string") {
          if (!/^[a-zA-Z_]+[a-zA-Z_0-9]*$/.test(v.name)) {
            ctx.error("TraitValue", shape.id, `Error validating trait \`enum\`.${i}.name: String value provided for \`smithy.api#EnumConstantBodyName\` must match regular expression: ^[a-zA-Z_]+[a-zA-Z_0-9]*$`);
          }
          if (names.has(v.name)) ctx.error("EnumTrait", shape.id, `Duplicate enum trait values found with the same \`name\` property of '${v.name}'`);
          names.add(v.name);
        }
        if (typeof v.value === "string") {
          if (values.has(v.value)) ctx.error("EnumTrait", shape.id, `Duplicate enum trait values found with the same \`value\` property of '${v.value}'`);
          values.add(v.value);
          if (v.value === "") {
            ctx.error("TraitValue", shape.id, `Error validating trait \`enum\`.${i}.value: String value provided for \`smithy.api#NonEmptyString\` must be >= 1 characters, but the provided value is only 0 characters.`);
          }
        }
      });
    }
  }
}

/** Smithy's RangeTraitValidator, LengthTraitValidator and the @pattern checks (translation included). */
export function constraints(ctx: Context): void {
  for (const shape of ctx.model.own()) {
    checkConstraints(ctx, shape, shape);
    for (const m of shape.members.values()) checkConstraints(ctx, m, ctx.model.target(m));
  }
}

function checkConstraints(ctx: Context, node: VShape | VMember, target: VShape | undefined): void {
  const range = node.traits["smithy.api#range"];
  if (isObject(range)) {
    const { min, max } = range as { min?: unknown; max?: unknown };
    if (target && INTEGRAL.has(target.type)) {
      for (const [key, bound] of [
        ["max", max],
        ["min", min],
      ] as const) {
        if (typeof bound === "number" && !Number.isInteger(bound)) {
          const what = node.kind === "member" ? `Member \`${node.id}\`` : `Shape \`${node.id}\``;
          const of = node.kind === "member" ? `its target (\`${target.id}\`)` : `its shape (\`${target.type}\`)`;
          ctx.error("RangeTrait", node.id, `${what} is marked with the \`range\` trait, but its \`${key}\` property is a decimal (${bound}) when ${of} does not support decimals.`);
        }
      }
    }
    if (typeof min === "number" && typeof max === "number" && min > max) ctx.error("RangeTrait", node.id, "A range trait is applied with a `min` value greater than its `max` value.");
    if (min === undefined && max === undefined) ctx.error("RangeTrait", node.id, "A range trait must have at least one of `min` or `max`.");
  }
  const length = node.traits["smithy.api#length"];
  if (isObject(length)) {
    const { min, max } = length as { min?: unknown; max?: unknown };
    if (typeof max === "number" && max < 0) ctx.error("LengthTrait", node.id, "A length trait is applied with a negative `max` value.");
    if (typeof min === "number" && min < 0) ctx.error("LengthTrait", node.id, "A length trait is applied with a negative `min` value.");
    if (typeof min === "number" && typeof max === "number" && min > max) ctx.error("LengthTrait", node.id, "A length trait is applied with a `min` value greater than its `max` value.");
    if (min === undefined && max === undefined) ctx.error("LengthTrait", node.id, "A length trait must have at least one of `min` or `max`.");
  }
  const pattern = node.traits["smithy.api#pattern"];
  if (typeof pattern === "string") {
    const translated = translatePattern(pattern);
    if (!translated.ok) {
      if (translated.invalid) ctx.error("Model", node.id, `Error creating trait \`pattern\`: invalid regular expression ${JSON.stringify(pattern)}: ${translated.reason}`);
      else {
        ctx.emit(
          "WARNING",
          "PatternTrait",
          node.id,
          `The @pattern ${JSON.stringify(pattern)} uses ${translated.reason}; it has no exact JavaScript equivalent, so generated clients and fixtures do not check or generate it`,
        );
      }
    }
  }
}

/** Smithy's DefaultTraitValidator (and the `null` default rule). */
export function defaults(ctx: Context): void {
  for (const shape of ctx.model.own()) {
    const check = (node: VShape | VMember) => {
      if (!Object.hasOwn(node.traits, "smithy.api#default")) return;
      const value = node.traits["smithy.api#default"];
      if (value === null) {
        if (node.kind !== "member") ctx.error("DefaultTrait", node.id, "The @default trait can be set to null only on members");
        return;
      }
      const target = ctx.model.resolve(node);
      if (!target) return;
      switch (target.type) {
        case "list":
          if (!Array.isArray(value) || value.length > 0) {
            ctx.error("DefaultTrait", node.id, "The @default value of a list must be an empty list");
            return;
          }
          break;
        case "map":
          if (!isObject(value) || Object.keys(value).length > 0) {
            ctx.error("DefaultTrait", node.id, "The @default value of a map must be an empty map");
            return;
          }
          break;
        case "document":
          if (Array.isArray(value) && value.length > 0) ctx.error("DefaultTrait", node.id, "The @default value of a document cannot be a non-empty array");
          else if (isObject(value) && Object.keys(value).length > 0) ctx.error("DefaultTrait", node.id, "The @default value of a document cannot be a non-empty object");
          return;
        default:
          break;
      }
      const problems = checkValue(ctx.model, value, node);
      for (const p of problems) {
        // As in Smithy, a zero default outside a @range is only a warning: models converted from
        // Smithy 1.0 carry `@default(0)` on every primitive number.
        const zeroRange = value === 0 && / must be (?:greater|less) than or equal to /.test(p);
        ctx.emit(zeroRange ? "WARNING" : "ERROR", "DefaultTrait", node.id, `Error validating @default trait: ${p}`);
      }
    };
    check(shape);
    for (const m of shape.members.values()) check(m);
  }
}

/** Unions need a member; only union, enum and intEnum members may target Unit. */
export function unions(ctx: Context): void {
  for (const shape of ctx.model.own()) {
    if (shape.type === "union" && shape.members.size === 0 && !has(shape, "mixin")) ctx.error("Union", shape.id, "Tagged unions must have one or more members");
    if (shape.type === "union" || shape.type === "enum" || shape.type === "intEnum") continue;
    for (const m of shape.members.values()) {
      if (m.target === "smithy.api#Unit") ctx.error("UnitType", m.id, "Only members of a union, enum, or intEnum can reference smithy.api#Unit");
    }
  }
}
