/**
 * Equality of two models as models, not as text: key order is free, and
 * the spellings the JSON AST allows for the same thing are equal (an
 * operation without input has input `smithy.api#Unit`, `"errors": []` is no
 * errors and their order does not matter, `"traits": {}` is no traits, an
 * enum member without `@enumValue` has its name as value).
 */
import { deepEqual } from "./assemble.js";
import type { AstMember, AstShape, SmithyModel } from "./types.js";

export function modelsEqual(a: SmithyModel, b: SmithyModel): boolean {
  return modelDifferences(a, b).length === 0;
}

/** The shape ids (and `metadata`) whose definitions differ, sorted. */
export function modelDifferences(a: SmithyModel, b: SmithyModel): string[] {
  a = withoutRedundantApplies(a);
  b = withoutRedundantApplies(b);
  const out: string[] = [];
  if (!deepEqual(a.metadata ?? {}, b.metadata ?? {})) out.push("metadata");
  const ids = new Set([...Object.keys(a.shapes), ...Object.keys(b.shapes)]);
  for (const id of [...ids].sort()) {
    const x = a.shapes[id];
    const y = b.shapes[id];
    if (!x || !y || !deepEqual(normalizeShape(x), normalizeShape(y))) out.push(id);
  }
  return out;
}

export function normalizeShape(shape: AstShape): unknown {
  const out: Record<string, unknown> = { ...shape };
  if (out.traits !== undefined && Object.keys(out.traits as object).length === 0) delete out.traits;
  if (shape.type === "operation") {
    out.input = shape.input ?? { target: "smithy.api#Unit" };
    out.output = shape.output ?? { target: "smithy.api#Unit" };
    if (shape.errors?.length) out.errors = shape.errors.map((e) => e.target).sort();
    else delete out.errors;
  }
  for (const key of ["operations", "resources", "collectionOperations", "mixins"] as const) {
    const list = shape[key];
    if (list !== undefined && list.length === 0) delete out[key];
  }
  for (const key of ["identifiers", "properties", "rename"] as const) {
    const map = shape[key];
    if (map !== undefined && Object.keys(map).length === 0) delete out[key];
  }
  if (shape.type === "structure" || shape.type === "union" || shape.type === "enum" || shape.type === "intEnum") {
    const members: Record<string, unknown> = {};
    for (const [name, m] of Object.entries(shape.members ?? {})) {
      const traits = { ...(m.traits ?? {}) };
      if (shape.type === "enum" && !Object.hasOwn(traits, "smithy.api#enumValue")) traits["smithy.api#enumValue"] = name;
      members[name] = normalizeMember({ ...m, traits });
    }
    out.members = members;
  }
  for (const key of ["member", "key", "value"] as const) if (shape[key]) out[key] = normalizeMember(shape[key]);
  return out;
}

function normalizeMember(member: AstMember): unknown {
  if (member.traits !== undefined && Object.keys(member.traits).length === 0) return { target: member.target };
  return member;
}

/**
 * An `apply` of a mixed-in member that only restates traits the member
 * inherits from its shape's mixins changes nothing (Smithy's serializer
 * writes some); such traits, and then such entries, are left out.
 */
function withoutRedundantApplies(model: SmithyModel): SmithyModel {
  let shapes: Record<string, AstShape> | undefined;
  for (const [id, shape] of Object.entries(model.shapes)) {
    const dollar = id.indexOf("$");
    if (shape.type !== "apply" || dollar < 0) continue;
    const owner = model.shapes[id.slice(0, dollar)];
    if (!owner?.mixins?.length) continue;
    const inherited = inheritedTraits(model, owner, id.slice(dollar + 1), new Set());
    const kept = Object.entries(shape.traits ?? {}).filter(([t, v]) => !Object.hasOwn(inherited, t) || !deepEqual(inherited[t], v));
    shapes ??= { ...model.shapes };
    if (kept.length === 0) delete shapes[id];
    else shapes[id] = { type: "apply", traits: Object.fromEntries(kept) };
  }
  return shapes ? { ...model, shapes } : model;
}

function inheritedTraits(model: SmithyModel, shape: AstShape, member: string, seen: Set<AstShape>): Record<string, unknown> {
  const traits: Record<string, unknown> = {};
  if (seen.has(shape)) return traits;
  seen.add(shape);
  for (const m of shape.mixins ?? []) {
    const mixin = model.shapes[m.target];
    if (!mixin) continue;
    Object.assign(traits, inheritedTraits(model, mixin, member, seen));
    const own = (mixin.members && Object.hasOwn(mixin.members, member) ? mixin.members[member] : undefined) ?? (member === "member" ? mixin.member : member === "key" ? mixin.key : member === "value" ? mixin.value : undefined);
    Object.assign(traits, own?.traits ?? {}, model.shapes[`${m.target}$${member}`]?.traits ?? {});
  }
  return traits;
}
