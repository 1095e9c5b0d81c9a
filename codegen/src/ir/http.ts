/** Parses `smithy.api#http` and checks it against the input's label members. */
import { type ModelProblem, shapePath } from "../load/problems.js";
import type { HttpTrait, Member, UriSegment } from "./types.js";

export function parseHttpTrait(operationId: string, raw: unknown, problems: ModelProblem[]): HttpTrait | undefined {
  const path = shapePath(operationId, "traits", "smithy.api#http");
  if (typeof raw !== "object" || raw === null) {
    problems.push({ shapeId: operationId, path, message: "restJson1 operations need the smithy.api#http trait" });
    return undefined;
  }
  const { method, uri, code } = raw as { method?: unknown; uri?: unknown; code?: unknown };
  if (typeof method !== "string" || typeof uri !== "string" || !uri.startsWith("/")) {
    problems.push({ shapeId: operationId, path, message: "smithy.api#http needs a `method` and a `uri` starting with /" });
    return undefined;
  }
  const [pathPart = "", queryPart] = uri.split("?", 2) as [string, string | undefined];
  const segments: UriSegment[] = [];
  for (const piece of pathPart.split("/").slice(1)) {
    const label = /^\{([A-Za-z_][\w]*)(\+)?\}$/.exec(piece);
    if (label) segments.push({ kind: "label", name: label[1]!, greedy: label[2] === "+" });
    else if (piece.includes("{") || piece.includes("}")) {
      problems.push({ shapeId: operationId, path: `${path}.uri`, message: `malformed uri segment ${JSON.stringify(piece)}` });
    } else segments.push({ kind: "literal", value: piece });
  }
  const queryLiterals: [string, string | null][] = [];
  if (queryPart) {
    for (const pair of queryPart.split("&")) {
      if (!pair) continue;
      const eq = pair.indexOf("=");
      queryLiterals.push(eq < 0 ? [pair, null] : [pair.slice(0, eq), pair.slice(eq + 1)]);
    }
  }
  return { method: method.toUpperCase(), uri, code: typeof code === "number" ? code : 200, segments, queryLiterals };
}

/** Every `{label}` needs an `httpLabel` member and every `httpLabel` member needs a `{label}`. */
export function checkLabels(operationId: string, inputId: string, http: HttpTrait, members: Member[], problems: ModelProblem[]): void {
  const labelMembers = new Map(members.filter((m) => m.http.location === "label").map((m) => [m.name, m]));
  for (const segment of http.segments) {
    if (segment.kind !== "label") continue;
    const member = labelMembers.get(segment.name);
    if (!member) {
      problems.push({
        shapeId: operationId,
        path: shapePath(operationId, "traits", "smithy.api#http", "uri"),
        message: `uri label {${segment.name}} has no input member with @httpLabel in ${inputId}`,
      });
    } else {
      if (member.http.location === "label") member.http.greedy = segment.greedy;
      labelMembers.delete(segment.name);
    }
  }
  for (const member of labelMembers.values()) {
    problems.push({
      shapeId: inputId,
      path: shapePath(inputId, "members", member.name, "traits", "smithy.api#httpLabel"),
      message: `@httpLabel member ${member.name} has no {${member.name}} label in the uri of ${operationId}`,
    });
  }
}
