/**
 * The part of Smithy's selector language that trait definitions use to say
 * where a trait may be applied: shape types, `*`, attributes (`[trait|x]`,
 * `[trait|x=v]`, `[id|member=v]`, `[id|name=v]`, `[id|namespace=v]`), the
 * functions `:is`, `:not` and `:test`, and the neighbour steps `>`,
 * `-[rel, ...]->` and `~>`. A selector outside that subset is reported as
 * unsupported by {@link parseSelector} (the caller then skips the check rather
 * than guess).
 */
import type { ValidationModel, VMember, VShape } from "./model.js";

export type Node = VShape | VMember;

type Step =
  | { kind: "type"; name: string }
  | { kind: "any" }
  | { kind: "attr"; path: string[]; op?: string; values?: string[]; caseInsensitive: boolean }
  | { kind: "fn"; name: "is" | "not" | "test"; args: Step[][] }
  | { kind: "neighbor"; rels?: string[] }
  | { kind: "recursive" };

export class SelectorSyntaxError extends Error {}

const cache = new Map<string, Step[][] | SelectorSyntaxError>();

/** Parses a selector; throws {@link SelectorSyntaxError} for syntax outside the supported subset. */
export function parseSelector(text: string): Step[][] {
  const cached = cache.get(text);
  if (cached instanceof SelectorSyntaxError) throw cached;
  if (cached) return cached;
  try {
    const parser = new Parser(text);
    const result = parser.list();
    parser.end();
    cache.set(text, result);
    return result;
  } catch (error) {
    const e = error instanceof SelectorSyntaxError ? error : new SelectorSyntaxError(String(error));
    cache.set(text, e);
    throw e;
  }
}

/** The shapes and members of `model` that `selector` matches. */
export function select(model: ValidationModel, selector: string): Set<Node> {
  const all: Node[] = [...model.shapes.values(), ...model.members.values()];
  const out = new Set<Node>();
  for (const chain of parseSelector(selector)) for (const n of run(model, chain, all)) out.add(n);
  return out;
}

/** What `selector` matches when evaluated from `start` only (as `@traitValidators` evaluate theirs). */
export function selectFrom(model: ValidationModel, selector: string, start: readonly Node[]): Set<Node> {
  const out = new Set<Node>();
  for (const chain of parseSelector(selector)) for (const n of run(model, chain, start)) out.add(n);
  return out;
}

function run(model: ValidationModel, chain: Step[], input: Iterable<Node>): Node[] {
  let current = [...input];
  for (const step of chain) {
    if (current.length === 0) return current;
    current = apply(model, step, current);
  }
  return current;
}

function apply(model: ValidationModel, step: Step, input: Node[]): Node[] {
  switch (step.kind) {
    case "any":
      return input;
    case "type":
      return input.filter((n) => isType(n, step.name));
    case "attr":
      return input.filter((n) => attribute(n, step));
    case "fn": {
      if (step.name === "is") {
        const out = new Set<Node>();
        for (const chain of step.args) for (const n of run(model, chain, input)) out.add(n);
        return [...out];
      }
      const test = (n: Node) => step.args.some((chain) => run(model, chain, [n]).length > 0);
      return input.filter((n) => (step.name === "test" ? test(n) : !test(n)));
    }
    case "neighbor": {
      const out = new Set<Node>();
      for (const n of input) for (const [rel, next] of neighbors(model, n)) if (!step.rels || step.rels.includes(rel)) out.add(next);
      return [...out];
    }
    case "recursive": {
      const out = new Set<Node>();
      const queue = [...input];
      while (queue.length) {
        const n = queue.pop()!;
        for (const [, next] of neighbors(model, n)) {
          if (!out.has(next)) {
            out.add(next);
            queue.push(next);
          }
        }
      }
      return [...out];
    }
  }
}

const SIMPLE = new Set(["blob", "boolean", "string", "byte", "short", "integer", "long", "float", "double", "bigInteger", "bigDecimal", "timestamp", "document", "enum", "intEnum"]);
const NUMBER = new Set(["byte", "short", "integer", "long", "float", "double", "bigInteger", "bigDecimal", "intEnum"]);

function isType(n: Node, name: string): boolean {
  if (n.kind === "member") return name === "member";
  const t = n.type;
  switch (name) {
    case "number":
      return NUMBER.has(t);
    case "simpleType":
      return SIMPLE.has(t);
    case "dataType":
      return SIMPLE.has(t) || ["list", "map", "structure", "union"].includes(t);
    case "collection":
    case "list":
    case "set":
      return t === "list";
    case "string":
      return t === "string" || t === "enum";
    case "integer":
      return t === "integer" || t === "intEnum";
    default:
      return t === name;
  }
}

function attribute(n: Node, step: Extract<Step, { kind: "attr" }>): boolean {
  const [head, ...rest] = step.path;
  let value: string | undefined;
  let present: boolean;
  if (head === "trait") {
    const name = rest[0]!;
    const id = name.includes("#") ? name : `smithy.api#${name}`;
    const trait = n.traits[id];
    present = trait !== undefined;
    if (present && rest.length > 1) {
      let v: unknown = trait;
      for (const key of rest.slice(1)) v = typeof v === "object" && v !== null ? (v as Record<string, unknown>)[key] : undefined;
      present = v !== undefined;
      value = v === undefined ? undefined : typeof v === "string" ? v : JSON.stringify(v);
    } else if (present) value = typeof trait === "string" ? trait : typeof trait === "object" && trait !== null && Object.keys(trait).length === 0 ? "true" : JSON.stringify(trait);
  } else if (head === "id") {
    const [ns, rel] = n.id.split("#") as [string, string];
    const [name, member] = rel.split("$");
    const part = rest[0];
    value = part === undefined ? n.id : part === "namespace" ? ns : part === "name" ? name : part === "member" ? member : undefined;
    present = value !== undefined;
  } else throw new SelectorSyntaxError(`unsupported attribute ${step.path.join("|")}`);
  if (!step.op) return present;
  if (value === undefined) return false;
  const v = step.caseInsensitive ? value.toLowerCase() : value;
  return step.values!.some((raw) => {
    const w = step.caseInsensitive ? raw.toLowerCase() : raw;
    switch (step.op) {
      case "=":
        return v === w;
      case "!=":
        return v !== w;
      case "^=":
        return v.startsWith(w);
      case "$=":
        return v.endsWith(w);
      case "*=":
        return v.includes(w);
      default:
        return false;
    }
  });
}

/** A shape's relationships, as the selector's `>` and `-[rel]->` see them. */
export function neighbors(model: ValidationModel, n: Node): [string, Node][] {
  const out: [string, Node][] = [];
  const push = (rel: string, id: unknown) => {
    const target = typeof id === "string" ? model.shapes.get(id) : undefined;
    if (target) out.push([rel, target]);
  };
  if (n.kind === "member") {
    push("member_target", n.target);
    return out;
  }
  for (const m of n.members.values()) out.push(["member", m]);
  for (const mixin of n.mixins) push("mixin", mixin);
  const ref = (v: unknown) => (v && typeof v === "object" ? (v as { target?: unknown }).target : undefined);
  const refs = (v: unknown) => (Array.isArray(v) ? v.map(ref) : []);
  const p = n.props;
  switch (n.type) {
    case "operation":
      push("input", ref(p.input) ?? "smithy.api#Unit");
      push("output", ref(p.output) ?? "smithy.api#Unit");
      for (const e of refs(p.errors)) push("error", e);
      break;
    case "service":
      for (const o of refs(p.operations)) push("operation", o);
      for (const r of refs(p.resources)) push("resource", r);
      for (const e of refs(p.errors)) push("error", e);
      break;
    case "resource":
      for (const v of Object.values((p.identifiers as Record<string, unknown>) ?? {})) push("identifier", ref(v));
      for (const v of Object.values((p.properties as Record<string, unknown>) ?? {})) push("property", ref(v));
      for (const rel of ["create", "put", "read", "update", "delete", "list"]) if (p[rel]) push(rel, ref(p[rel]));
      for (const o of refs(p.operations)) push("operation", o);
      for (const o of refs(p.collectionOperations)) push("collection_operation", o);
      for (const r of refs(p.resources)) push("resource", r);
      break;
    default:
      break;
  }
  return out;
}

class Parser {
  private i = 0;
  constructor(private readonly s: string) {}

  end(): void {
    this.ws();
    if (this.i < this.s.length) throw new SelectorSyntaxError(`unexpected ${JSON.stringify(this.s.slice(this.i))}`);
  }

  private ws(): void {
    while (this.i < this.s.length && /\s/.test(this.s[this.i]!)) this.i++;
  }

  list(): Step[][] {
    const chains = [this.chain()];
    this.ws();
    while (this.s[this.i] === ",") {
      this.i++;
      chains.push(this.chain());
      this.ws();
    }
    return chains;
  }

  private chain(): Step[] {
    const steps: Step[] = [];
    for (;;) {
      this.ws();
      const c = this.s[this.i];
      if (c === undefined || c === "," || c === ")") break;
      steps.push(this.step());
    }
    if (steps.length === 0) throw new SelectorSyntaxError("empty selector");
    return steps;
  }

  private step(): Step {
    const rest = this.s.slice(this.i);
    if (rest.startsWith(">")) {
      this.i++;
      return { kind: "neighbor" };
    }
    if (rest.startsWith("~>")) {
      this.i += 2;
      return { kind: "recursive" };
    }
    if (rest.startsWith("-[")) {
      const end = rest.indexOf("]->");
      if (end < 0) throw new SelectorSyntaxError("unclosed -[");
      this.i += end + 3;
      return { kind: "neighbor", rels: rest.slice(2, end).split(",").map((r) => r.trim()) };
    }
    if (rest.startsWith("*")) {
      this.i++;
      return { kind: "any" };
    }
    if (rest.startsWith("[")) return this.attr();
    if (rest.startsWith(":")) {
      const m = /^:(is|not|test)\(/.exec(rest);
      if (!m) throw new SelectorSyntaxError(`unsupported function ${rest.slice(0, 10)}`);
      this.i += m[0].length;
      const args = this.list();
      this.ws();
      if (this.s[this.i] !== ")") throw new SelectorSyntaxError("unclosed function");
      this.i++;
      return { kind: "fn", name: m[1] as "is" | "not" | "test", args };
    }
    const m = /^[A-Za-z]+/.exec(rest);
    if (!m) throw new SelectorSyntaxError(`unexpected ${JSON.stringify(rest.slice(0, 10))}`);
    this.i += m[0].length;
    return { kind: "type", name: m[0] };
  }

  private attr(): Step {
    const end = this.s.indexOf("]", this.i);
    if (end < 0) throw new SelectorSyntaxError("unclosed [");
    const body = this.s.slice(this.i + 1, end).trim();
    this.i = end + 1;
    const m = /^([A-Za-z0-9_.#|$]+?)\s*(?:(\^=|\$=|\*=|!=|=)\s*(.+?))?\s*(i)?$/.exec(body);
    if (!m) throw new SelectorSyntaxError(`unsupported attribute [${body}]`);
    const path = m[1]!.split("|");
    const values = m[3]?.split(",").map((v) => v.trim().replace(/^(["'])(.*)\1$/, "$2"));
    return { kind: "attr", path, ...(m[2] ? { op: m[2], values } : {}), caseInsensitive: m[4] === "i" };
  }
}
