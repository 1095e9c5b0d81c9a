/**
 * Normalises the raw AST into flat shapes: `apply` statements folded into
 * their targets, mixins flattened into the shapes that use them.
 */
import { cloneExact } from "../load/exact-numbers.js";
import { PRELUDE_SHAPES } from "../load/prelude.js";
import type { AstMember, AstShape, SmithyModel, Traits } from "../load/types.js";

/** Traits a mixin does not pass on to the shapes that mix it in. */
const LOCAL_TRAITS = new Set(["smithy.api#mixin"]);

export interface ResolvedModel {
  shapes: ReadonlyMap<string, AstShape>;
  get(id: string): AstShape | undefined;
}

export function resolveModel(model: SmithyModel): ResolvedModel {
  const shapes = new Map<string, AstShape>();
  for (const [id, shape] of Object.entries(PRELUDE_SHAPES)) shapes.set(id, shape);
  for (const [id, shape] of Object.entries(model.shapes)) {
    if (shape.type !== "apply") shapes.set(id, cloneExact(shape));
  }
  applyStatements(model, shapes);
  const flattened = new Map<string, AstShape>();
  const flatten = (id: string, stack: string[]): AstShape => {
    const done = flattened.get(id);
    if (done) return done;
    const shape = shapes.get(id)!;
    if (!shape.mixins?.length || stack.includes(id)) {
      flattened.set(id, shape);
      return shape;
    }
    const traits: Traits = {};
    const members: Record<string, AstMember> = {};
    for (const ref of shape.mixins) {
      const mixin = flatten(ref.target, [...stack, id]);
      for (const [k, v] of Object.entries(mixin.traits ?? {})) if (!LOCAL_TRAITS.has(k)) traits[k] = v;
      for (const [name, m] of Object.entries(mixin.members ?? {})) members[name] = cloneExact(m);
    }
    Object.assign(traits, shape.traits ?? {});
    for (const [name, m] of Object.entries(shape.members ?? {})) {
      // A member redeclared by the shape keeps the mixin's traits unless overridden.
      members[name] = { target: m.target, traits: { ...(members[name]?.traits ?? {}), ...(m.traits ?? {}) } };
    }
    const out: AstShape = { ...shape, traits, mixins: undefined };
    if (shape.members !== undefined || Object.keys(members).length > 0) out.members = members;
    flattened.set(id, out);
    return out;
  };
  for (const id of shapes.keys()) flatten(id, []);
  return { shapes: flattened, get: (id) => flattened.get(id) };
}

function applyStatements(model: SmithyModel, shapes: Map<string, AstShape>): void {
  for (const [id, shape] of Object.entries(model.shapes)) {
    if (shape.type !== "apply") continue;
    const [shapeId, memberName] = id.split("$") as [string, string | undefined];
    const target = shapes.get(shapeId);
    if (!target) continue;
    if (memberName === undefined) {
      target.traits = { ...(target.traits ?? {}), ...(shape.traits ?? {}) };
      continue;
    }
    const member =
      target.members?.[memberName] ??
      (memberName === "member" ? target.member : memberName === "key" ? target.key : memberName === "value" ? target.value : undefined);
    if (member) member.traits = { ...(member.traits ?? {}), ...(shape.traits ?? {}) };
    else {
      // Traits applied to a member the shape gets from a mixin (Smithy writes a redeclared member
      // that way): redeclare it here, so that flattening keeps the mixin's traits and adds these.
      const inherited = inheritedMemberTarget(shapes, target, memberName, new Set());
      if (inherited !== undefined && target.members !== undefined) target.members[memberName] = { target: inherited, traits: { ...(shape.traits ?? {}) } };
      else if (inherited !== undefined && ["structure", "union", "enum", "intEnum"].includes(target.type)) target.members = { [memberName]: { target: inherited, traits: { ...(shape.traits ?? {}) } } };
    }
  }
}

function inheritedMemberTarget(shapes: Map<string, AstShape>, shape: AstShape, name: string, seen: Set<AstShape>): string | undefined {
  if (seen.has(shape)) return undefined;
  seen.add(shape);
  let found: string | undefined;
  for (const ref of shape.mixins ?? []) {
    const mixin = shapes.get(ref.target);
    if (!mixin) continue;
    const own = mixin.members !== undefined && Object.hasOwn(mixin.members, name) ? mixin.members[name]!.target : undefined;
    found = own ?? inheritedMemberTarget(shapes, mixin, name, seen) ?? found;
  }
  return found;
}
