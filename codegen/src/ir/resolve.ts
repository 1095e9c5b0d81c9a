/**
 * Normalises the raw AST into flat shapes: `apply` statements folded into
 * their targets, mixins flattened into the shapes that use them.
 */
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
    if (shape.type !== "apply") shapes.set(id, structuredClone(shape));
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
      for (const [name, m] of Object.entries(mixin.members ?? {})) members[name] = structuredClone(m);
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
  }
}
