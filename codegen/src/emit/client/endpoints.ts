/**
 * `endpoint/rules.ts`: the service's endpoint rule set compiled to TypeScript
 * (each rule an `if` on its conditions, tried in order, as the rules engine
 * evaluates them), and how its parameters bind to the client configuration.
 * The functions the rules call come from the runtime's `endpoints.ts`, so a
 * bundle holds neither the rule set as data nor an interpreter for it.
 */
import type { EndpointRuleSet, ServiceIR } from "../../ir/types.js";
import { lowerFirst } from "../../ir/naming.js";
import { SourceFile } from "../../writer/source-file.js";
import { GEN } from "./paths.js";
import { type ClientRuntimeValue, clientRuntime, clientRuntimeType } from "../shared/runtime.js";

export function emitEndpointRules(ir: ServiceIR): SourceFile {
  const file = new SourceFile(`src/gen/${GEN.endpointRules.replace(".js", ".ts")}`);
  const rulesType = clientRuntimeType(file, "EndpointRules");
  const paramsType = clientRuntimeType(file, "EndpointParams");
  const endpointV2 = file.importType("@smithy/types", "EndpointV2");
  const ruleSet = ir.service.endpointRuleSet;
  file.declare("endpointRules", "resolveRules", "cache");
  const builtIns: Record<string, string> = {};
  const clientContext: Record<string, string> = {};
  if (ruleSet) {
    for (const [name, p] of Object.entries(ruleSet.parameters)) if (p.builtIn) builtIns[name] = p.builtIn;
  } else {
    builtIns.Region = "AWS::Region";
    builtIns.Endpoint = "SDK::Endpoint";
  }
  for (const name of Object.keys(ir.service.clientContextParams).sort()) clientContext[name] = lowerFirst(name);

  if (ruleSet) {
    file.doc(`The \`smithy.rules#endpointRuleSet\` of ${ir.service.id} (version ${ruleSet.version}), compiled.`);
    file.block(`function resolveRules(params: ${paramsType}): ${endpointV2} {`, () => new RuleCompiler(file, ir.service.id, ruleSet).compile());
    file.blank();
  }
  file.doc("Resolved endpoints by parameters: the rules are pure, so each distinct set is evaluated once.");
  file.line(`const cache = new Map<string, ${endpointV2}>();`);
  file.blank();
  file.doc(`How ${ir.service.sdkId} picks the endpoint of a request.`);
  file.block(`export const endpointRules: ${rulesType} = {`, () => {
    file.block(`resolve(params: ${paramsType}, context): ${endpointV2} {`, () => {
      file.line("const key = JSON.stringify(params);");
      file.line("const cached = cache.get(key);");
      file.line("if (cached) return cached;");
      if (ruleSet) {
        file.line("const endpoint = resolveRules(params);");
      } else {
        const prefix = ir.service.endpointPrefix ?? ir.service.sdkId.toLowerCase().replace(/\s+/g, "");
        file.line("const url = typeof params.Endpoint === \"string\" ? params.Endpoint : `https://" + prefix + ".${params.Region}.amazonaws.com`;");
        file.line("const endpoint: " + endpointV2 + " = { url: new URL(url) };");
      }
      file.line("context.logger?.debug?.(`endpoint: ${endpoint.url.href} for ${key}`);");
      file.line("if (cache.size > 50) cache.clear();");
      file.line("cache.set(key, endpoint);");
      file.line("return endpoint;");
    }, "},");
    file.line(`builtIns: ${JSON.stringify(builtIns)},`);
    file.line(`clientContextParams: ${JSON.stringify(clientContext)},`);
  }, "};");
  return file;
}

// The rule-set JSON, as far as the compiler reads it.
type Expr = string | number | boolean | { ref: string } | FnCall;
interface FnCall {
  fn: string;
  argv: Expr[];
  assign?: string;
}
interface Rule {
  type: "endpoint" | "error" | "tree";
  conditions: FnCall[];
  documentation?: string;
  endpoint?: { url: Expr; properties?: Record<string, unknown>; headers?: Record<string, Expr[]> };
  error?: Expr;
  rules?: Rule[];
}

/**
 * The static type of a compiled expression, so that the generated code type-checks without casts
 * where TypeScript can follow it: `string?` is a string parameter not yet known to be set; the
 * object kinds allow plain property access for `getAttr`.
 */
type Kind = "boolean" | "boolean?" | "string" | "string?" | "string[]" | "string[]?" | "unknown" | "PartitionResult" | "ParsedUrl" | "ParsedArn";
interface Compiled {
  code: string;
  kind: Kind;
  /** A bare identifier or call: needs no parentheses inside `!`, `&&` or member access. */
  atomic: boolean;
}

const OBJECT_KINDS = new Set<Kind>(["PartitionResult", "ParsedUrl", "ParsedArn"]);
const RESERVED = new Set(
  ("break case catch class const continue debugger default delete do else enum export extends false finally for function if import in instanceof new null " +
    "return super switch this throw true try typeof var void while with yield let static implements interface package private protected public await " +
    "undefined NaN Infinity URL params cache endpointRules resolveRules").split(" "),
);

class RuleCompiler {
  /** Rule-set name (parameter or assigned reference) → local variable and its kind. */
  private scope = new Map<string, { local: string; kind: Kind }>();

  constructor(
    private readonly file: SourceFile,
    private readonly serviceId: string,
    private readonly ruleSet: EndpointRuleSet,
  ) {}

  compile(): void {
    const f = this.file;
    const error = this.rt("EndpointError");
    for (const [name, p] of Object.entries(this.ruleSet.parameters)) {
      const local = this.local(name);
      const type = p.type.toLowerCase() === "boolean" ? "boolean" : p.type.toLowerCase() === "stringarray" ? "string[]" : "string";
      const set = p.default !== undefined && p.default !== null;
      if (set) f.line(`const ${local} = (params.${name} ?? ${JSON.stringify(p.default)}) as ${type};`);
      else f.line(`const ${local} = params.${name} as ${type} | undefined;`);
      if (p.required && !set) f.line(`if (${local} == null) throw new ${error}(${JSON.stringify(`Missing required parameter: '${name}'`)});`);
      this.scope.set(name, { local, kind: (p.required || set ? type : `${type}?`) as Kind });
    }
    this.rules(this.ruleSet.rules as Rule[]);
  }

  /** Emits the rules in order; returns whether they always end in a `return` or `throw`. */
  private rules(rules: Rule[]): boolean {
    for (const [i, rule] of rules.entries()) {
      if (rule.documentation) this.file.line(`// ${rule.documentation.replace(/\s+/g, " ").trim()}`);
      // A rule that starts by binding a name declares it in the enclosing block: it needs a block
      // of its own when a later sibling binds the same name.
      const first = rule.conditions?.[0]?.assign;
      const clash = first !== undefined && rules.slice(i + 1).some((r) => (r.conditions ?? []).some((c) => c.assign === first));
      if (this.rule(rule, clash)) return true;
    }
    this.file.line(`throw new ${this.rt("EndpointError")}("Rules evaluation failed");`);
    return true;
  }

  /** One rule: its conditions as nested `if`s around its body. Returns whether it always terminates. */
  private rule(rule: Rule, scoped: boolean): boolean {
    const saved = new Map(this.scope);
    const conditions = rule.conditions ?? [];
    let depth = 0;
    let pending: string[] = [];
    const flush = () => {
      if (!pending.length) return;
      this.line(`if (${pending.join(" && ")}) {`, depth);
      depth++;
      pending = [];
    };
    if (scoped) {
      this.line("{", depth);
      depth++;
    }
    for (const condition of conditions) {
      const value = this.expr(condition);
      if (condition.assign) {
        flush();
        const local = this.local(condition.assign);
        this.line(`const ${local} = ${value.code};`, depth);
        pending.push(test({ code: local, kind: value.kind, atomic: true }));
        this.scope.set(condition.assign, { local, kind: value.kind.replace("?", "") as Kind });
      } else {
        pending.push(test(value));
        this.narrow(condition);
      }
    }
    flush();
    this.body(rule, depth);
    for (let d = depth - 1; d >= 0; d--) this.line("}", d);
    this.scope = saved;
    return conditions.length === 0;
  }

  /** After `isSet(x)` holds, `x` is known to be set (TypeScript narrows the same way). */
  private narrow(condition: FnCall): void {
    if (condition.fn !== "isSet") return;
    const arg = condition.argv[0];
    if (typeof arg === "object" && "ref" in arg) {
      const entry = this.scope.get(arg.ref);
      if (entry) this.scope.set(arg.ref, { ...entry, kind: entry.kind.replace("?", "") as Kind });
    }
  }

  private body(rule: Rule, depth: number): void {
    const error = this.rt("EndpointError");
    const at = (text: string) => this.line(text, depth);
    if (rule.type === "error") {
      at(`throw new ${error}(${this.asString(rule.error!)});`);
    } else if (rule.type === "endpoint") {
      const e = rule.endpoint!;
      const parts = [`url: new URL(${this.asString(e.url)})`];
      if (e.properties != null) {
        // Rule sets add members (`disableDoubleEncoding`, ...) that the @smithy/types types do not list.
        const properties = this.property(e.properties);
        parts.push(`properties: ${properties === "{}" ? properties : `${this.rt("endpointProperties")}(${properties})`}`);
      }
      if (e.headers != null) {
        const headers = Object.entries(e.headers).map(([k, values]) => `${JSON.stringify(k)}: [${values.map((v) => this.asString(v)).join(", ")}]`);
        parts.push(`headers: {${headers.length ? ` ${headers.join(", ")} ` : ""}}`);
      }
      at(`return { ${parts.join(", ")} };`);
    } else if (rule.type === "tree") {
      this.nested(depth, () => this.rules(rule.rules ?? []));
    } else {
      throw new Error(`${this.serviceId}: unknown endpoint rule type ${JSON.stringify((rule as { type: unknown }).type)}`);
    }
  }

  private nested(depth: number, body: () => void): void {
    let run = body;
    for (let i = 0; i < depth; i++) {
      const inner = run;
      run = () => this.file.indent(inner);
    }
    run();
  }

  private line(text: string, depth: number): void {
    this.nested(depth, () => this.file.line(text));
  }

  /** An expression used as a string: templates become template literals. */
  private asString(expr: Expr): string {
    const c = this.expr(expr);
    return c.kind === "string" ? c.code : `String(${c.code})`;
  }

  private property(value: unknown): string {
    if (Array.isArray(value)) return `[${value.map((v) => this.property(v)).join(", ")}]`;
    if (typeof value === "string") return this.template(value).code;
    if (typeof value === "boolean") return String(value);
    if (value && typeof value === "object") {
      const entries = Object.entries(value).map(([k, v]) => `${JSON.stringify(k)}: ${this.property(v)}`);
      return `{${entries.length ? ` ${entries.join(", ")} ` : ""}}`;
    }
    throw new Error(`${this.serviceId}: unexpected endpoint property ${JSON.stringify(value)}`);
  }

  private expr(expr: Expr): Compiled {
    if (typeof expr === "boolean" || typeof expr === "number") return { code: JSON.stringify(expr), kind: typeof expr === "boolean" ? "boolean" : "unknown", atomic: true };
    if (typeof expr === "string") return this.template(expr);
    if ("ref" in expr) return this.ref(expr.ref);
    return this.call(expr);
  }

  private ref(name: string): Compiled {
    const entry = this.scope.get(name);
    if (!entry) throw new Error(`${this.serviceId}: endpoint rules reference ${JSON.stringify(name)} before it is defined`);
    return { code: entry.local, kind: entry.kind, atomic: true };
  }

  /** `"https://{Region}.{PartitionResult#dnsSuffix}"` → a template literal. */
  private template(text: string): Compiled {
    const parts: string[] = [];
    let literal = "";
    let hasPlaceholder = false;
    for (let i = 0; i < text.length; i++) {
      const ch = text[i]!;
      if ((ch === "{" || ch === "}") && text[i + 1] === ch) {
        literal += ch;
        i++;
      } else if (ch === "{") {
        const close = text.indexOf("}", i);
        if (close < 0) throw new Error(`${this.serviceId}: unterminated template ${JSON.stringify(text)}`);
        const name = text.slice(i + 1, close);
        const hash = name.indexOf("#");
        const value = hash < 0 ? this.ref(name) : this.getAttr(this.ref(name.slice(0, hash)), name.slice(hash + 1));
        parts.push(escapeTemplate(literal), `\${${value.kind === "string" || value.kind === "boolean" ? value.code : `${value.code} ?? ""`}}`);
        literal = "";
        hasPlaceholder = true;
        i = close;
      } else literal += ch;
    }
    if (!hasPlaceholder) return { code: JSON.stringify(literal), kind: "string", atomic: true };
    parts.push(escapeTemplate(literal));
    return { code: `\`${parts.join("")}\``, kind: "string", atomic: true };
  }

  private getAttr(target: Compiled, path: string): Compiled {
    if (OBJECT_KINDS.has(target.kind) && /^[A-Za-z_$][\w$]*$/.test(path)) {
      const kind: Kind = path === "resourceId" ? "string[]" : path === "isIp" || path.startsWith("supports") ? "boolean" : "string";
      return { code: `${target.code}.${path}`, kind, atomic: true };
    }
    return { code: `${this.rt("getAttr")}(${target.code}, ${JSON.stringify(path)})`, kind: "unknown", atomic: true };
  }

  private call(call: FnCall): Compiled {
    const args = call.argv.map((a) => this.expr(a));
    const str = (c: Compiled) => (c.kind === "string" ? c.code : `${c.code} as string`);
    const arity = (n: number) => {
      if (args.length !== n) throw new Error(`${this.serviceId}: endpoint function ${call.fn} takes ${n} arguments, got ${args.length}`);
    };
    const paren = (c: Compiled) => (c.atomic ? c.code : `(${c.code})`);
    switch (call.fn) {
      case "isSet":
        arity(1);
        return { code: `${paren(args[0]!)} != null`, kind: "boolean", atomic: false };
      case "not":
        arity(1);
        return { code: `!${paren(args[0]!)}`, kind: "boolean", atomic: true };
      case "booleanEquals":
      case "stringEquals": {
        arity(2);
        // A literal reads better on the right: `UseFIPS === true`.
        const [a, b] = isLiteral(call.argv[0]!) && !isLiteral(call.argv[1]!) ? [args[1]!, args[0]!] : [args[0]!, args[1]!];
        return { code: `${paren(a)} === ${paren(b)}`, kind: "boolean", atomic: false };
      }
      case "getAttr": {
        arity(2);
        const path = call.argv[1];
        if (typeof path !== "string") throw new Error(`${this.serviceId}: getAttr needs a literal path`);
        return this.getAttr(args[0]!, path);
      }
      case "aws.partition":
        arity(1);
        // The AWS partition table is the runtime's (`AWS_PARTITIONS`): the same for every service.
        return { code: `${this.rt("awsPartition")}(${str(args[0]!)})`, kind: "PartitionResult", atomic: true };
      case "parseURL":
        arity(1);
        return { code: `${this.rt("parseURL")}(${str(args[0]!)})`, kind: "ParsedUrl", atomic: true };
      case "aws.parseArn":
        arity(1);
        return { code: `${this.rt("parseArn")}(${str(args[0]!)})`, kind: "ParsedArn", atomic: true };
      case "substring":
        arity(4);
        return { code: `${this.rt("substring")}(${args.map((a, i) => (i === 0 ? `${a.code} as string | undefined` : a.code)).join(", ")})`, kind: "string?", atomic: true };
      case "uriEncode":
        arity(1);
        return { code: `${this.rt("uriEncode")}(${str(args[0]!)})`, kind: "string", atomic: true };
      case "isValidHostLabel":
      case "aws.isVirtualHostableS3Bucket": {
        const fn = call.fn === "isValidHostLabel" ? "isValidHostLabel" : "isVirtualHostableS3Bucket";
        const rest = args.slice(1).map((a) => (a.kind === "boolean" ? a.code : `${a.code} as boolean`));
        return { code: `${this.rt(fn)}(${[str(args[0]!), ...rest].join(", ")})`, kind: "boolean", atomic: true };
      }
      case "split":
        arity(3);
        return { code: `${this.rt("split")}(${str(args[0]!)}, ${str(args[1]!)}, ${args[2]!.code} as number)`, kind: "string[]", atomic: true };
      case "coalesce":
        return { code: `${this.rt("coalesce")}(${args.map((a) => a.code).join(", ")})`, kind: "unknown", atomic: true };
      case "ite":
        arity(3);
        return { code: `${paren(args[0]!)} ? ${paren(args[1]!)} : ${paren(args[2]!)}`, kind: "unknown", atomic: false };
      default:
        throw new Error(`${this.serviceId}: the endpoint rule set calls ${JSON.stringify(call.fn)}, which the generator does not support`);
    }
  }

  private rt(name: ClientRuntimeValue): string {
    return clientRuntime(this.file, name);
  }

  /** A valid, unshadowed local name for a rule-set name. */
  private local(name: string): string {
    let local = /^[A-Za-z_$][\w$]*$/.test(name) ? name : name.replace(/[^\w$]/g, "_").replace(/^(\d)/, "_$1");
    if (RESERVED.has(local) || RUNTIME_NAMES.has(local)) local = `${local}_`;
    return local;
  }
}

const RUNTIME_NAMES = new Set(["EndpointError", "endpointProperties", "awsPartition", "getAttr", "parseURL", "parseArn", "substring", "uriEncode", "isValidHostLabel", "isVirtualHostableS3Bucket", "split", "coalesce"]);

/** The rules engine's truth: any value but `false`, `null` and `undefined` (the empty string counts as true). */
function test(value: Compiled): string {
  switch (value.kind) {
    case "boolean":
      return value.code;
    case "PartitionResult":
    case "ParsedUrl":
    case "ParsedArn":
    case "string":
    case "string?":
    case "string[]":
    case "string[]?":
      return value.atomic ? `${value.code} != null` : `(${value.code}) != null`;
    default:
      return value.atomic ? `(!!${value.code} || ${value.code} === "")` : `(!!(${value.code}) || (${value.code}) === "")`;
  }
}

function isLiteral(expr: Expr): boolean {
  return typeof expr !== "object";
}

function escapeTemplate(text: string): string {
  return text.replace(/\\/g, "\\\\").replace(/`/g, "\\`").replace(/\$\{/g, "\\${");
}
