/**
 * Semantic checks on the shapes and operations of one service: models that
 * Smithy rejects and that the emitters would otherwise turn into wrong code
 * (a JSON key written twice, two members fighting over a header) or into an
 * internal error (a pattern that is not a regex, a list that contains itself).
 * Every check reports {@link ModelProblem}s with the shape id and JSON path.
 */
import { type ModelProblem, shapePath } from "../load/problems.js";
import { translatePattern } from "../load/regex.js";
import type { AstMember, AstShape, Traits } from "../load/types.js";
import type { ResolvedModel } from "./resolve.js";
import type { Member, Operation, Shape } from "./types.js";

const LENGTH = "smithy.api#length";
const RANGE = "smithy.api#range";
const PATTERN = "smithy.api#pattern";
const ENUM_VALUE = "smithy.api#enumValue";

export function validateShapes(model: ResolvedModel, shapes: ReadonlyMap<string, Shape>, problems: ModelProblem[]): void {
  for (const shape of [...shapes.values()].sort((a, b) => compare(a.id, b.id))) {
    const ast = model.get(shape.id);
    if (!ast) continue; // synthetic input/output structures
    checkConstraints(shape.id, ast.traits ?? {}, [], problems);
    for (const member of membersOf(shape)) {
      const astMember = astMemberOf(ast, member.name, shape.kind);
      if (astMember) checkConstraints(shape.id, astMember.traits ?? {}, memberPath(shape.kind, member.name), problems);
    }
    if (shape.kind === "structure" || shape.kind === "union") checkBindings(shape.id, shape.kind, shape.members, problems);
    if (shape.kind === "enum" || shape.kind === "intEnum") checkEnum(shape.id, ast, problems);
  }
  checkCollectionRecursion(shapes, problems);
}

/** Smithy's conflicting-routes rule: one method and equivalent uri patterns (same literals, labels in the same places). */
export function checkRoutes(operations: readonly Operation[], problems: ModelProblem[]): void {
  const routes = new Map<string, Operation>();
  for (const op of [...operations].sort((a, b) => compare(a.id, b.id))) {
    const path = op.http.segments.map((s) => (s.kind === "literal" ? `/${s.value}` : s.greedy ? "/{+}" : "/{}")).join("");
    const query = op.http.queryLiterals.map(([k, v]) => `${k}=${v ?? ""}`).sort().join("&");
    const key = `${op.http.method} ${path}?${query}`;
    const other = routes.get(key);
    if (other) {
      problems.push({
        shapeId: op.id,
        path: shapePath(op.id, "traits", "smithy.api#http", "uri"),
        message: `${op.http.method} ${op.http.uri} conflicts with ${other.id} (${other.http.method} ${other.http.uri}): same method and an equivalent uri pattern`,
      });
    } else routes.set(key, op);
  }
}

function membersOf(shape: Shape): Member[] {
  switch (shape.kind) {
    case "structure":
    case "union":
      return shape.members;
    case "list":
      return [shape.member];
    case "map":
      return [shape.key, shape.value];
    default:
      return [];
  }
}

function astMemberOf(ast: AstShape, name: string, kind: Shape["kind"]): AstMember | undefined {
  if (kind === "structure" || kind === "union") return ast.members?.[name];
  if (name === "member") return ast.member;
  if (name === "key") return ast.key;
  if (name === "value") return ast.value;
  return undefined;
}

function memberPath(kind: Shape["kind"], name: string): string[] {
  return kind === "structure" || kind === "union" ? ["members", name] : [name];
}

/** `@length` and `@range` bounds in order (lengths not negative); `@pattern` a regular expression. */
function checkConstraints(shapeId: string, traits: Traits, at: string[], problems: ModelProblem[]): void {
  for (const trait of [LENGTH, RANGE]) {
    const value = traits[trait];
    if (value === undefined) continue;
    const path = shapePath(shapeId, ...at, "traits", trait);
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
      problems.push({ shapeId, path, message: `${trait} must be an object with min and/or max` });
      continue;
    }
    const { min, max } = value as { min?: unknown; max?: unknown };
    let numbers = true;
    for (const [key, bound] of [["min", min], ["max", max]] as const) {
      if (bound === undefined) continue;
      if (typeof bound !== "number" || !Number.isFinite(bound)) {
        problems.push({ shapeId, path: `${path}.${key}`, message: `${trait} ${key} must be a number, not ${JSON.stringify(bound)}` });
        numbers = false;
      } else if (trait === LENGTH && bound < 0) {
        problems.push({ shapeId, path: `${path}.${key}`, message: `${trait} ${key} must not be negative (${bound})` });
      }
    }
    if (numbers && typeof min === "number" && typeof max === "number" && min > max) {
      problems.push({ shapeId, path, message: `${trait} min ${min} is greater than max ${max}` });
    }
  }
  const pattern = traits[PATTERN];
  if (pattern !== undefined) {
    const path = shapePath(shapeId, ...at, "traits", PATTERN);
    if (typeof pattern !== "string") {
      problems.push({ shapeId, path, message: `${PATTERN} must be a string` });
    } else {
      // Only a pattern that is no regex at all is an error; one that is valid Java but has no exact
      // JavaScript equivalent is left out of the generated code, with a warning from the validate stage.
      const translated = translatePattern(pattern);
      if (!translated.ok && translated.invalid) {
        problems.push({ shapeId, path, message: `invalid @pattern ${JSON.stringify(pattern)}: ${regexError(pattern) ?? translated.reason}` });
      }
    }
  }
}

/** Why `pattern` does not compile with the `u` flag (as the generated validators use it). */
function regexError(pattern: string): string | undefined {
  try {
    new RegExp(pattern, "u");
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

/**
 * One JSON key per body member; one member per query parameter and per header
 * (case-insensitive); at most one `@httpPayload`, and none beside body members.
 */
function checkBindings(shapeId: string, kind: "structure" | "union", members: readonly Member[], problems: ModelProblem[]): void {
  const jsonKeys = new Map<string, Member>();
  const queries = new Map<string, string>();
  const headers = new Map<string, string>();
  const payloads: Member[] = [];
  const body: Member[] = [];
  const at = (m: Member, ...rest: string[]) => shapePath(shapeId, "members", m.name, ...rest);
  for (const m of members) {
    const http = kind === "union" ? ({ location: "body" } as const) : m.http;
    switch (http.location) {
      case "body": {
        body.push(m);
        const other = jsonKeys.get(m.jsonName);
        if (other !== undefined) {
          // Point at the @jsonName that made the clash: this member's, or else the other's.
          const [culprit, clashes] = m.jsonName !== m.name || other.jsonName === other.name ? [m, other] : [other, m];
          const path = culprit.jsonName === culprit.name ? at(culprit) : at(culprit, "traits", "smithy.api#jsonName");
          problems.push({ shapeId, path, message: `members ${clashes.name} and ${culprit.name} both have the JSON key ${JSON.stringify(m.jsonName)}; the serializer would write it twice` });
        } else jsonKeys.set(m.jsonName, m);
        break;
      }
      case "query": {
        const other = queries.get(http.name);
        if (other !== undefined) {
          problems.push({ shapeId, path: at(m, "traits", "smithy.api#httpQuery"), message: `member ${m.name} binds the query parameter ${JSON.stringify(http.name)}, which member ${other} already binds` });
        } else queries.set(http.name, m.name);
        break;
      }
      case "header": {
        const key = http.name.toLowerCase();
        const other = headers.get(key);
        if (other !== undefined) {
          problems.push({ shapeId, path: at(m, "traits", "smithy.api#httpHeader"), message: `member ${m.name} binds the header ${JSON.stringify(http.name)}, which member ${other} already binds (header names are case-insensitive)` });
        } else headers.set(key, m.name);
        break;
      }
      case "payload":
        payloads.push(m);
        break;
      default:
        break;
    }
  }
  const [payload, ...extra] = payloads;
  for (const m of extra) {
    problems.push({ shapeId, path: at(m, "traits", "smithy.api#httpPayload"), message: `member ${m.name} is a second @httpPayload; ${payload!.name} is already the payload` });
  }
  if (payload && body.length) {
    problems.push({
      shapeId,
      path: at(payload, "traits", "smithy.api#httpPayload"),
      message: `${payload.name} is the @httpPayload, so no other member may be in the body, but ${body.map((m) => m.name).join(", ")} ${body.length === 1 ? "is" : "are"}; bind ${body.length === 1 ? "it" : "them"} to a label, query or header, or move ${body.length === 1 ? "it" : "them"} into the payload`,
    });
  }
}

/** Enum values are unique; `enum` values strings, `intEnum` values integers. */
function checkEnum(shapeId: string, ast: AstShape, problems: ModelProblem[]): void {
  const seen = new Map<string | number, string>();
  const entries: { name: string; value: unknown; path: string }[] = [];
  if (ast.type === "string") {
    const legacy = (ast.traits?.["smithy.api#enum"] ?? []) as { name?: string; value?: unknown }[];
    legacy.forEach((v, i) => entries.push({ name: v.name ?? String(v.value), value: v.value, path: shapePath(shapeId, "traits", "smithy.api#enum", i, "value") }));
  } else {
    for (const [name, m] of Object.entries(ast.members ?? {})) {
      const traits = m.traits ?? {};
      const explicit = ENUM_VALUE in traits;
      entries.push({ name, value: explicit ? traits[ENUM_VALUE] : name, path: shapePath(shapeId, "members", name, ...(explicit ? ["traits", ENUM_VALUE] : [])) });
      if (ast.type === "intEnum" && !explicit) {
        problems.push({ shapeId, path: shapePath(shapeId, "members", name), message: `intEnum member ${name} needs an integer @enumValue` });
        entries.pop();
      }
    }
  }
  for (const { name, value, path } of entries) {
    if (ast.type === "intEnum" ? !Number.isInteger(value) : typeof value !== "string") {
      problems.push({ shapeId, path, message: `enum member ${name} has the value ${JSON.stringify(value)}; expected ${ast.type === "intEnum" ? "an integer" : "a string"}` });
      continue;
    }
    const other = seen.get(value as string | number);
    if (other !== undefined) {
      problems.push({ shapeId, path, message: `enum member ${name} has the value ${JSON.stringify(value)}, which member ${other} already has` });
    } else seen.set(value as string | number, name);
  }
}

/**
 * Smithy forbids recursion that does not pass through a structure or union: a
 * list or map whose elements are (through other lists and maps) itself has no
 * finite value and no TypeScript type.
 */
function checkCollectionRecursion(shapes: ReadonlyMap<string, Shape>, problems: ModelProblem[]): void {
  const next = (shape: Shape): Member[] => (shape.kind === "list" ? [shape.member] : shape.kind === "map" ? [shape.value] : []);
  const state = new Map<string, "visiting" | "done">();
  const stack: string[] = [];
  const reported = new Set<string>();
  const visit = (shape: Shape) => {
    state.set(shape.id, "visiting");
    stack.push(shape.id);
    for (const member of next(shape)) {
      const target = shapes.get(member.target);
      if (!target || (target.kind !== "list" && target.kind !== "map")) continue;
      const s = state.get(target.id);
      if (s === "visiting") {
        const cycle = [...stack.slice(stack.indexOf(target.id)), target.id];
        if (!reported.has(shape.id)) {
          reported.add(shape.id);
          problems.push({
            shapeId: shape.id,
            path: shapePath(shape.id, member.name, "target"),
            message: `${shape.kind} ${shape.id} contains itself (${cycle.join(" → ")}) without passing through a structure or union; Smithy forbids this recursion`,
          });
        }
      } else if (s === undefined) visit(target);
    }
    stack.pop();
    state.set(shape.id, "done");
  };
  for (const shape of [...shapes.values()].sort((a, b) => compare(a.id, b.id))) {
    if ((shape.kind === "list" || shape.kind === "map") && !state.has(shape.id)) visit(shape);
  }
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
