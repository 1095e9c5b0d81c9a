/** Small read-only questions about IR shapes, shared by the IR's own stages and later ones. */
import type { Member, Shape } from "./types.js";

/** The ids of the shapes a shape refers to directly (members, list member, map key and value). */
export function childTargets(shape: Shape): string[] {
  switch (shape.kind) {
    case "structure":
    case "union":
      return shape.members.map((m) => m.target);
    case "list":
      return [shape.member.target];
    case "map":
      return [shape.key.target, shape.value.target];
    default:
      return [];
  }
}

/** Whether a member may be left out (not `@required`, or `@clientOptional`). */
export function isOptional(member: Member): boolean {
  return !member.required || member.clientOptional;
}
