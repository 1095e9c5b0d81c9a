/**
 * The `smithy.waiters#waitable` trait, read and checked: its shape (waiter names, delays, the
 * acceptor states and matchers) and the syntax of each matcher's JMESPath path. Whether a path
 * selects members the operation really has is checked where it is compiled (the client emitter).
 */
import { type ModelProblem, shapePath } from "../load/problems.js";
import { type JmesNode, JmesPathSyntaxError, parseJmesPath } from "./jmespath.js";
import type { Acceptor, PathComparator, Waiter } from "./types.js";

const TRAIT = "smithy.waiters#waitable";
const STATES = ["success", "failure", "retry"] as const;
const COMPARATORS: readonly PathComparator[] = ["stringEquals", "booleanEquals", "allStringEquals", "anyStringEquals"];
/** The delays Smithy's waiter spec gives a waiter that names none, in seconds. */
const DEFAULT_MIN_DELAY = 2;
const DEFAULT_MAX_DELAY = 120;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const isDelay = (v: unknown): v is number => typeof v === "number" && Number.isInteger(v) && v >= 1;

/** The waiters of one operation, or undefined when it has no `waitable` trait. */
export function readWaiters(operationId: string, trait: unknown, hasOutput: boolean, problems: ModelProblem[]): Waiter[] | undefined {
  if (trait === undefined) return undefined;
  const at = (...path: (string | number)[]) => shapePath(operationId, "traits", TRAIT, ...path);
  const problem = (path: string, message: string) => problems.push({ shapeId: operationId, path, message });
  if (!isObject(trait)) {
    problem(at(), "waitable must be a map of waiter names to waiters");
    return undefined;
  }
  const waiters: Waiter[] = [];
  for (const [name, value] of Object.entries(trait)) {
    if (!/^[A-Z][A-Za-z0-9]*$/.test(name)) problem(at(name), `waiter name ${JSON.stringify(name)} must be UpperCamelCase letters and digits`);
    if (!isObject(value)) {
      problem(at(name), "a waiter must be an object with acceptors");
      continue;
    }
    const minDelay = value.minDelay ?? DEFAULT_MIN_DELAY;
    const maxDelay = value.maxDelay ?? DEFAULT_MAX_DELAY;
    if (!isDelay(minDelay)) problem(at(name, "minDelay"), `minDelay must be an integer of at least 1, not ${JSON.stringify(minDelay)}`);
    if (!isDelay(maxDelay)) problem(at(name, "maxDelay"), `maxDelay must be an integer of at least 1, not ${JSON.stringify(maxDelay)}`);
    if (isDelay(minDelay) && isDelay(maxDelay) && minDelay > maxDelay) problem(at(name), `minDelay ${minDelay} is greater than maxDelay ${maxDelay}`);
    const list = value.acceptors;
    if (!Array.isArray(list) || list.length === 0) {
      problem(at(name, "acceptors"), "a waiter needs a non-empty list of acceptors");
      continue;
    }
    const acceptors = list.map((a, i) => readAcceptor(a, hasOutput, (message, ...path) => problem(at(name, "acceptors", i, ...path), message)));
    if (!acceptors.some((a) => a?.state === "success")) problem(at(name, "acceptors"), "a waiter needs at least one acceptor with the state success");
    waiters.push({
      name,
      ...(typeof value.documentation === "string" ? { documentation: value.documentation } : {}),
      minDelay: isDelay(minDelay) ? minDelay : DEFAULT_MIN_DELAY,
      maxDelay: isDelay(maxDelay) ? maxDelay : DEFAULT_MAX_DELAY,
      deprecated: value.deprecated === true,
      acceptors: acceptors.filter((a): a is Acceptor => a !== undefined),
    });
  }
  return waiters;
}

function readAcceptor(value: unknown, hasOutput: boolean, problem: (message: string, ...path: (string | number)[]) => void): Acceptor | undefined {
  if (!isObject(value)) return void problem("an acceptor must be an object with a state and a matcher");
  const state = value.state;
  if (!STATES.includes(state as (typeof STATES)[number])) return void problem(`state must be one of ${STATES.join(", ")}, not ${JSON.stringify(state)}`, "state");
  const matcher = value.matcher;
  const keys = isObject(matcher) ? Object.keys(matcher) : [];
  if (!isObject(matcher) || keys.length !== 1) return void problem("a matcher must set exactly one of output, inputOutput, success, errorType", "matcher");
  const kind = keys[0]!;
  const body = matcher[kind];
  const base = { state: state as Acceptor["state"] };
  switch (kind) {
    case "success":
      if (typeof body !== "boolean") return void problem("success must be true or false", "matcher", kind);
      return { ...base, matcher: { kind: "success", value: body } };
    case "errorType":
      if (typeof body !== "string" || body === "") return void problem("errorType must be an error name or shape id", "matcher", kind);
      // An absolute shape id matches on its name part (the spec's rule).
      return { ...base, matcher: { kind: "errorType", name: body.includes("#") ? body.slice(body.indexOf("#") + 1) : body } };
    case "output":
    case "inputOutput": {
      if (!isObject(body)) return void problem(`${kind} must be a path matcher (path, comparator, expected)`, "matcher", kind);
      if (kind === "output" && !hasOutput) return void problem("an output matcher needs an operation with output", "matcher", kind);
      const { path, comparator, expected } = body;
      if (typeof path !== "string") return void problem("path must be a JMESPath expression", "matcher", kind, "path");
      if (!COMPARATORS.includes(comparator as PathComparator)) return void problem(`comparator must be one of ${COMPARATORS.join(", ")}, not ${JSON.stringify(comparator)}`, "matcher", kind, "comparator");
      if (typeof expected !== "string") return void problem("expected must be a string", "matcher", kind, "expected");
      if (comparator === "booleanEquals" && expected !== "true" && expected !== "false") return void problem(`booleanEquals expects "true" or "false", not ${JSON.stringify(expected)}`, "matcher", kind, "expected");
      let ast: JmesNode;
      try {
        ast = parseJmesPath(path);
      } catch (error) {
        if (!(error instanceof JmesPathSyntaxError)) throw error;
        return void problem(`path ${JSON.stringify(path)} is not valid JMESPath: ${error.message}`, "matcher", kind, "path");
      }
      return { ...base, matcher: { kind, path, ast, comparator: comparator as PathComparator, expected } };
    }
    default:
      return void problem(`unknown matcher ${JSON.stringify(kind)}`, "matcher");
  }
}

/** Waiter names must be unique in a service, ignoring case (the spec's rule: they become function names). */
export function checkWaiterNames(operations: readonly { id: string; waiters?: readonly Waiter[] }[], problems: ModelProblem[]): void {
  const seen = new Map<string, string>();
  for (const op of operations) {
    for (const w of op.waiters ?? []) {
      const key = w.name.toLowerCase();
      const other = seen.get(key);
      if (other) problems.push({ shapeId: op.id, path: shapePath(op.id, "traits", TRAIT, w.name), message: `waiter ${w.name} has the name of a waiter of ${other} (names are compared ignoring case)` });
      else seen.set(key, op.id);
    }
  }
}
