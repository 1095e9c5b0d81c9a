/** Small read-only questions about IR shapes, shared by the IR's own stages and later ones. */
import type { Member, Shape, UnionShape } from "./types.js";

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

/** Whether a shape is an event stream: a union with `@streaming`, whose members are the events. */
export function isEventStream(shape: Shape | undefined): shape is UnionShape {
  return shape?.kind === "union" && "smithy.api#streaming" in shape.traits;
}

/** The `@eventHeader` and `@eventPayload` members of an event structure, and the others (its implicit JSON body). */
export function eventBindings(members: readonly Member[]): { headers: Member[]; payload?: Member; body: Member[] } {
  const headers = members.filter((m) => "smithy.api#eventHeader" in m.traits);
  const payload = members.find((m) => "smithy.api#eventPayload" in m.traits);
  const body = payload ? [] : members.filter((m) => !("smithy.api#eventHeader" in m.traits));
  return { headers, payload, body };
}
