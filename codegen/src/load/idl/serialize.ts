/**
 * Writes a model as IDL 2.0, one file per namespace (`<namespace>.smithy`,
 * metadata in `metadata.smithy`), in the layout of Smithy's own IDL
 * serializer: `use` statements for the foreign shapes a file names,
 * documentation as `///` comments, structured trait bodies, `= value`
 * defaults and enum values, shapes grouped by kind and sorted by name.
 *
 * Reading the files back gives the same model (see model-equal.ts): every
 * shape id is written so that the IDL's relative id resolution finds the
 * same shape, and trait values are written as quoted node values, never as
 * syntactic shape ids.
 */
import type { AstMember, AstReference, AstShape, SmithyModel, Traits } from "../types.js";
import { exactNumber } from "../exact-numbers.js";
import { PRELUDE_NAMES, TRAIT_DEFINITIONS } from "./known-shapes.js";

const IDENTIFIER = /^(?:[A-Za-z]|_+[A-Za-z])[A-Za-z0-9_]*$/;

/** Shape kinds in the order the files list them. */
const GROUP: Record<string, number> = {
  service: 0,
  resource: 1,
  operation: 2,
  structure: 3,
  union: 3,
  list: 4,
  set: 4,
  map: 4,
};

export interface IdlOptions {
  /**
   * `kind` (default): shapes grouped by kind, then sorted by id, as Smithy writes them.
   * `model`: in the order of the model's `shapes`, for a hand-kept file whose order matters.
   */
  order?: "kind" | "model";
  /** `file` (default): metadata in its own `metadata.smithy`, as Smithy writes it; `inline`: at the top of each namespace's file (for a one-namespace model). */
  metadata?: "file" | "inline";
}

/** File name → IDL text. */
export function modelToIdl(model: SmithyModel, options: IdlOptions = {}): Map<string, string> {
  const files = new Map<string, string>();
  const metadataLines: string[] = [];
  for (const [key, value] of Object.entries(model.metadata ?? {})) {
    metadataLines.push(`metadata ${key === "" || !IDENTIFIER.test(key) ? JSON.stringify(key) : key} = ${node(value, "")}`);
  }
  if (metadataLines.length > 0 && options.metadata !== "inline") {
    files.set("metadata.smithy", `$version: "2.0"\n\n${metadataLines.join("\n")}\n`);
  }
  const byNamespace = new Map<string, string[]>();
  for (const id of Object.keys(model.shapes)) {
    const ns = namespaceOf(id);
    const list = byNamespace.get(ns) ?? [];
    list.push(id);
    byNamespace.set(ns, list);
  }
  for (const [ns, ids] of [...byNamespace].sort(([a], [b]) => compare(a, b))) {
    const metadata = options.metadata === "inline" ? metadataLines : [];
    files.set(`${ns}.smithy`, new NamespaceWriter(model, ns, ids, options.order ?? "kind", metadata).write());
  }
  return files;
}

function namespaceOf(id: string): string {
  return id.slice(0, id.indexOf("#"));
}

function nameOf(id: string): string {
  const hash = id.indexOf("#");
  const dollar = id.indexOf("$");
  return id.slice(hash + 1, dollar < 0 ? undefined : dollar);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

class Writer {
  private readonly lines: string[] = [];
  line(text = ""): void {
    this.lines.push(text);
  }
  text(): string {
    return `${this.lines.join("\n")}\n`;
  }
}

class NamespaceWriter {
  private readonly uses = new Map<string, string>();
  /** Names defined in this namespace (a relative name resolves to them first). */
  private readonly local = new Set<string>();

  constructor(
    private readonly model: SmithyModel,
    private readonly ns: string,
    private readonly ids: string[],
    private readonly order: "kind" | "model",
    private readonly metadata: readonly string[],
  ) {
    for (const id of Object.keys(model.shapes)) if (namespaceOf(id) === ns && model.shapes[id]!.type !== "apply") this.local.add(nameOf(id));
  }

  write(): string {
    const body = new Writer();
    const shapes = this.ids.filter((id) => this.model.shapes[id]!.type !== "apply");
    const applies = this.ids.filter((id) => this.model.shapes[id]!.type === "apply");
    if (this.order === "kind") shapes.sort((a, b) => (GROUP[this.model.shapes[a]!.type] ?? 5) - (GROUP[this.model.shapes[b]!.type] ?? 5) || compare(a, b));
    const out: string[] = [];
    for (const id of shapes) out.push(this.shape(id, this.model.shapes[id]!));
    for (const id of this.order === "kind" ? applies.sort(compare) : applies) out.push(this.apply(id, this.model.shapes[id]!.traits ?? {}));
    body.line('$version: "2.0"');
    body.line();
    if (this.metadata.length > 0) {
      for (const line of this.metadata) body.line(line);
      body.line();
    }
    body.line(`namespace ${this.ns}`);
    body.line();
    if (this.uses.size > 0) {
      for (const id of [...this.uses.values()].sort(compare)) body.line(`use ${id}`);
      body.line();
    }
    return body.text() + out.join("\n");
  }

  /** The shortest way to write `id` here that resolves back to it. */
  private ref(id: string): string {
    const dollar = id.indexOf("$");
    const root = dollar < 0 ? id : id.slice(0, dollar);
    const member = dollar < 0 ? "" : id.slice(dollar);
    const ns = namespaceOf(root);
    const name = nameOf(root);
    const used = this.uses.get(name);
    if (used === root) return name + member;
    if (used === undefined) {
      if (ns === this.ns && (this.local.has(name) || !PRELUDE_NAMES.has(name))) return name + member;
      if (ns === "smithy.api" && PRELUDE_NAMES.has(name) && !this.local.has(name)) return name + member;
      if (ns !== this.ns && ns !== "smithy.api" && !this.local.has(name) && !PRELUDE_NAMES.has(name)) {
        this.uses.set(name, root);
        return name + member;
      }
    }
    return id;
  }

  private traitLines(traits: Traits | undefined, indent: string, docComments: boolean): string[] {
    const lines: string[] = [];
    if (!traits) return lines;
    const docs = traits["smithy.api#documentation"];
    const asComment = docComments && typeof docs === "string" && !/[\r\u0000-\u0008\u000b-\u001f]/.test(docs);
    if (asComment) for (const l of (docs as string).split("\n")) lines.push(l === "" ? `${indent}///` : `${indent}/// ${l}`);
    for (const [name, value] of Object.entries(traits)) {
      if (name === "smithy.api#documentation" && asComment) continue;
      lines.push(indent + this.trait(name, value, indent));
    }
    return lines;
  }

  private trait(name: string, value: unknown, indent: string): string {
    const ref = `@${this.ref(name)}`;
    const type = this.model.shapes[name]?.type ?? TRAIT_DEFINITIONS.get(name);
    if (isPlainObject(value)) {
      const entries = Object.entries(value);
      if (entries.length === 0) return type === "list" || type === "set" ? `${ref}({})` : ref;
      const inner = `${indent}    `;
      const body = entries.map(([k, v]) => `${inner}${keyText(k)}: ${member(value as object, k, v, inner)}`).join("\n");
      return `${ref}(\n${body}\n${indent})`;
    }
    return `${ref}(${node(value, indent)})`;
  }

  private shape(id: string, shape: AstShape): string {
    const lines = this.traitLines(shape.traits, "", true);
    const name = nameOf(id);
    const mixins = shape.mixins?.length ? ` with [${shape.mixins.map((m) => this.ref(m.target)).join(", ")}]` : "";
    switch (shape.type) {
      case "service":
      case "resource":
      case "operation": {
        const props = this.entityProperties(shape);
        lines.push(props.length > 0 ? `${shape.type} ${name}${mixins} {` : `${shape.type} ${name}${mixins} {}`);
        if (props.length > 0) {
          lines.push(...props.map((p) => `    ${p}`));
          lines.push("}");
        }
        break;
      }
      case "structure":
      case "union":
      case "list":
      case "set":
      case "map":
      case "enum":
      case "intEnum": {
        const members = shape.type === "list" || shape.type === "set" ? (shape.member ? { member: shape.member } : {}) : shape.type === "map" ? { ...(shape.key ? { key: shape.key } : {}), ...(shape.value ? { value: shape.value } : {}) } : (shape.members ?? {});
        const entries = Object.entries(members);
        // IDL 2.0 has no `set`: a set is written as the list with @uniqueItems it means.
        const type = shape.type === "set" ? "list" : shape.type;
        if (entries.length === 0) {
          lines.push(`${type} ${name}${mixins} {}`);
          break;
        }
        lines.push(`${type} ${name}${mixins} {`);
        for (const [memberName, member] of entries) lines.push(...this.member(shape, memberName, member));
        lines.push("}");
        break;
      }
      default:
        lines.push(`${shape.type} ${name}${mixins}`);
    }
    return `${lines.join("\n")}\n`;
  }

  private member(shape: AstShape, name: string, member: AstMember): string[] {
    const traits = { ...(member.traits ?? {}) };
    let assignment = "";
    if (shape.type === "enum" || shape.type === "intEnum") {
      const value = traits["smithy.api#enumValue"];
      if (value !== undefined && (typeof value === "string" || typeof value === "number")) {
        delete traits["smithy.api#enumValue"];
        if (!(shape.type === "enum" && value === name)) assignment = ` = ${node(value, "    ")}`;
      }
      const lines = this.traitLines(traits, "    ", true);
      lines.push(`    ${name}${assignment}`);
      return lines;
    }
    if (Object.hasOwn(traits, "smithy.api#default")) {
      assignment = ` = ${node(traits["smithy.api#default"], "    ")}`;
      delete traits["smithy.api#default"];
    }
    const lines = this.traitLines(traits, "    ", true);
    lines.push(`    ${name}: ${this.ref(member.target)}${assignment}`);
    return lines;
  }

  private entityProperties(shape: AstShape): string[] {
    const props: string[] = [];
    const list = (key: string, refs: AstReference[] | undefined) => {
      if (refs === undefined) return;
      if (refs.length === 0) props.push(`${key}: []`);
      else props.push(`${key}: [`, ...refs.map((r) => `    ${this.ref(r.target)}`), "]");
    };
    const map = (key: string, refs: Record<string, AstReference> | undefined) => {
      if (refs === undefined) return;
      const entries = Object.entries(refs);
      if (entries.length === 0) props.push(`${key}: {}`);
      else props.push(`${key}: {`, ...entries.map(([k, r]) => `    ${keyText(k)}: ${this.ref(r.target)}`), "}");
    };
    const one = (key: string, ref: AstReference | undefined) => {
      if (ref !== undefined) props.push(`${key}: ${this.ref(ref.target)}`);
    };
    if (shape.type === "service") {
      if (shape.version !== undefined) props.push(`version: ${JSON.stringify(shape.version)}`);
      list("operations", shape.operations);
      list("resources", shape.resources);
      list("errors", shape.errors);
      if (shape.rename !== undefined) {
        const entries = Object.entries(shape.rename);
        if (entries.length === 0) props.push("rename: {}");
        // Keys are quoted, absolute shape ids: the IDL resolves them like any other id.
        else props.push("rename: {", ...entries.map(([from, to]) => `    ${JSON.stringify(from)}: ${JSON.stringify(to)}`), "}");
      }
    } else if (shape.type === "resource") {
      map("identifiers", shape.identifiers);
      map("properties", shape.properties);
      for (const key of ["create", "put", "read", "update", "delete", "list"] as const) one(key, shape[key]);
      list("operations", shape.operations);
      list("collectionOperations", shape.collectionOperations);
      list("resources", shape.resources);
    } else {
      one("input", shape.input);
      one("output", shape.output);
      if (shape.errors?.length) list("errors", shape.errors);
    }
    return props;
  }

  private apply(id: string, traits: Traits): string {
    const target = this.ref(id);
    const lines = this.traitLines(traits, "    ", false);
    if (lines.length === 1) return `apply ${target} ${lines[0]!.trim()}\n`;
    return `apply ${target} {\n${lines.join("\n")}\n}\n`;
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function keyText(k: string): string {
  return IDENTIFIER.test(k) ? k : JSON.stringify(k);
}

/** A node value; strings are always quoted (an unquoted one would be a shape id). */
function node(value: unknown, indent: string): string {
  if (value === null) return "null";
  if (typeof value === "string") return JSON.stringify(value);
  // A number too large for a double (1.8e308 in a model) reads as Infinity; written back as one.
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : value > 0 ? "1e999" : "-1e999";
  if (typeof value === "boolean") return String(value);
  const inner = `${indent}    `;
  if (Array.isArray(value)) {
    if (value.length === 0) return "[]";
    return `[\n${value.map((v) => inner + node(v, inner)).join("\n")}\n${indent}]`;
  }
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length === 0) return "{}";
  return `{\n${entries.map(([k, v]) => `${inner}${keyText(k)}: ${member(value as object, k, v, inner)}`).join("\n")}\n${indent}}`;
}

/** An object's member value; a number a double rounded (a bound beyond 2^53) is written as the literal the model gave. */
function member(holder: object, key: string, value: unknown, indent: string): string {
  return (typeof value === "number" && exactNumber(holder, key)) || node(value, indent);
}
