/**
 * A parser for the Smithy IDL (2.0, and 1.0 files as Smithy reads them),
 * following the grammar of the spec's idl.rst.
 *
 * It yields one {@link ParsedFile} per file: the shapes it defines in JSON
 * AST form, but with relative shape ids still unresolved. Resolving them
 * needs every file of the model (a relative id names a shape of the current
 * namespace if one is defined in *any* file, else the prelude), so it is
 * done when the files are assembled (see ../assemble.ts).
 */
import type { AstMember, AstReference, AstShape } from "../types.js";
import { keepExactNumber } from "../exact-numbers.js";
import { IdlSyntaxError } from "./errors.js";
import { Lexer, T, type Token, describe, tokenName } from "./lexer.js";

export interface SourceLocation {
  file: string;
  /** 1-based */
  line: number;
  /** 1-based */
  column: number;
}

/** An unquoted shape id in a node value, resolved once the whole model is known. */
export class SyntacticId {
  constructor(
    readonly raw: string,
    readonly loc: SourceLocation,
  ) {}
}

/** A trait written without a value (`@sensitive`); its value depends on the trait's shape. */
export const ANNOTATION: unique symbol = Symbol("annotation");

export interface PendingTrait {
  /** As written: relative or absolute. */
  name: string;
  /** Names written by the parser itself (`@input` of inline input) are already absolute. */
  absolute?: boolean;
  value: unknown;
  loc: SourceLocation;
}

/** A shape id written in the file, to be resolved; `set` stores the result where it belongs. */
export interface PendingRef {
  raw: string;
  loc: SourceLocation;
  set: (id: string) => void;
}

export interface TraitHolder {
  /** The shape or member whose `traits` will be filled. */
  target: AstShape | AstMember;
  traits: PendingTrait[];
  /** For messages: `ns#Shape` or `ns#Shape$member`. */
  id: string;
}

export interface ElidedMember {
  shapeId: string;
  name: string;
  member: AstMember;
  loc: SourceLocation;
}

export interface ParsedShape {
  id: string;
  shape: AstShape;
  loc: SourceLocation;
  /** The resource named by `for`, resolved with the other refs. */
  forResource?: AstReference;
}

export interface ParsedApply {
  /** Resolved with the other refs. */
  target: AstReference;
  traits: PendingTrait[];
  loc: SourceLocation;
}

export interface ParsedFile {
  file: string;
  /** "1.0" or "2.0" (as given, e.g. "2"). */
  version: string;
  namespace: string | undefined;
  uses: Map<string, string>;
  metadata: { key: string; value: unknown; loc: SourceLocation }[];
  shapes: ParsedShape[];
  memberLocations: Map<string, SourceLocation>;
  applies: ParsedApply[];
  refs: PendingRef[];
  traitHolders: TraitHolder[];
  elided: ElidedMember[];
}

const SIMPLE_TYPES = new Set([
  "blob",
  "boolean",
  "document",
  "string",
  "byte",
  "short",
  "integer",
  "long",
  "float",
  "double",
  "bigInteger",
  "bigDecimal",
  "timestamp",
]);
const V1_DEFAULTS = new Map<string, unknown>([
  ["byte", 0],
  ["short", 0],
  ["integer", 0],
  ["long", 0],
  ["float", 0],
  ["double", 0],
  ["boolean", false],
]);
const AGGREGATE_TYPES = new Set(["list", "set", "map", "union", "structure"]);
const SERVICE_PROPS = new Set(["version", "operations", "resources", "errors", "rename"]);
const RESOURCE_PROPS = new Set([
  "identifiers",
  "properties",
  "create",
  "put",
  "read",
  "update",
  "delete",
  "list",
  "operations",
  "collectionOperations",
  "resources",
]);
const TRIVIA = (t: T) => t === T.SPACE || t === T.NEWLINE || t === T.COMMA || t === T.COMMENT || t === T.DOC_COMMENT;

export function parseIdl(source: string, file: string): ParsedFile {
  return new Parser(source, file).parse();
}

class Parser {
  private readonly lexer: Lexer;
  private tok: Token;
  /** Counts consumed tokens other than whitespace and comments, to tell which doc comments are adjacent. */
  private significant = 0;
  private docLines: string[] = [];
  private docAfter = -1;

  private version = "1.0";
  private versionSet = false;
  private inputSuffix = "Input";
  private outputSuffix = "Output";
  private readonly controls = new Set<string>();
  private readonly out: ParsedFile;
  private readonly shapeIds = new Set<string>();

  constructor(
    private readonly source: string,
    private readonly file: string,
  ) {
    this.lexer = new Lexer(source, file);
    this.tok = this.lexer.next();
    this.out = {
      file,
      version: "1.0",
      namespace: undefined,
      uses: new Map(),
      metadata: [],
      shapes: [],
      memberLocations: new Map(),
      applies: [],
      refs: [],
      traitHolders: [],
      elided: [],
    };
  }

  // ---- tokens -------------------------------------------------------------

  /** The current token's type (a call, so that TypeScript does not narrow it across `advance()`). */
  private cur(): T {
    return this.tok.type;
  }

  private advance(): Token {
    const t = this.tok;
    if (t.type === T.DOC_COMMENT) this.addDoc(t.value as string);
    else if (!TRIVIA(t.type)) this.significant++;
    this.tok = this.lexer.next();
    return t;
  }

  /** A documentation comment line; lines with a significant token between them start a new block. */
  private readonly addDoc = (text: string): void => {
    if (this.docAfter !== this.significant) {
      this.docLines = [];
      this.docAfter = this.significant;
    }
    this.docLines.push(text);
  };

  private loc(t: Token = this.tok): SourceLocation {
    return { file: this.file, line: t.line, column: t.column };
  }

  private error(message: string, t: Token = this.tok, shapeId?: string): IdlSyntaxError {
    return new IdlSyntaxError(message, this.file, t.line, t.column, shapeId);
  }

  private found(): string {
    return describe(this.tok, this.source);
  }

  private expect(type: T, what?: string): Token {
    if (this.cur() !== type) throw this.error(`Expected ${what ?? tokenName(type)} but found ${this.found()}`);
    return this.advance();
  }

  private isIdent(text: string): boolean {
    return this.cur() === T.IDENTIFIER && this.tok.value === text;
  }

  /** [WS]: spaces, line breaks, commas and comments. */
  private ws(): void {
    if (!TRIVIA(this.cur())) return;
    if (this.tok.type === T.DOC_COMMENT) this.addDoc(this.tok.value as string);
    this.lexer.skipTrivia(this.addDoc);
    this.tok = this.lexer.next();
  }

  /** [SP]: spaces and tabs only. */
  private sp(): void {
    if (this.cur() === T.SPACE) this.advance();
  }

  private requireSp(): void {
    if (this.cur() !== T.SPACE) throw this.error(`Expected SPACE(' ') but found ${this.found()}`);
    this.advance();
  }

  /** BR: a line break (or a comment, which ends with one, or the end of the file), then any whitespace. */
  private br(): void {
    this.sp();
    const t = this.cur();
    if (t !== T.NEWLINE && t !== T.COMMENT && t !== T.DOC_COMMENT && t !== T.EOF) {
      throw this.error(`Expected a line break, but found ${this.found()}`);
    }
    this.ws();
  }

  /** The documentation comment lines right before the current token, if any. */
  private takeDocs(): string | undefined {
    if (this.docAfter !== this.significant || this.docLines.length === 0) return undefined;
    const text = this.docLines.join("\n");
    this.docLines = [];
    return text;
  }

  // ---- file ---------------------------------------------------------------

  parse(): ParsedFile {
    this.ws();
    while (this.cur() === T.DOLLAR) this.control();
    while (this.isIdent("metadata")) this.metadata();
    if (this.cur() === T.EOF) return this.finish();
    if (!this.isIdent("namespace")) throw this.error(`Expected a namespace definition but found ${this.found()}`);
    this.advance();
    this.requireSp();
    this.out.namespace = this.namespaceName();
    this.br();
    while (this.isIdent("use")) this.use();
    while (this.cur() !== T.EOF) {
      this.shapeOrApply();
      if (this.cur() !== T.EOF) this.br();
    }
    return this.finish();
  }

  private finish(): ParsedFile {
    this.out.version = this.version;
    return this.out;
  }

  private get v1(): boolean {
    return this.version.startsWith("1");
  }

  private control(): void {
    this.advance();
    const key = this.nodeKey();
    this.sp();
    this.expect(T.COLON, "COLON(':')");
    this.sp();
    const valueToken = this.tok;
    const value = this.nodeValue();
    if (this.controls.has(key)) throw this.error(`Duplicate control statement \`${key}\``, valueToken);
    this.controls.add(key);
    switch (key) {
      case "version": {
        if (typeof value !== "string" || !/^[12](\.\d+)?$/.test(value)) {
          throw this.error(`Unsupported Smithy version number: ${JSON.stringify(value)}`, valueToken);
        }
        this.version = value.includes(".") ? value : `${value}.0`;
        this.versionSet = true;
        break;
      }
      case "operationInputSuffix":
      case "operationOutputSuffix":
        if (typeof value !== "string") throw this.error(`Expected a string for \`${key}\``, valueToken);
        if (key === "operationInputSuffix") this.inputSuffix = value;
        else this.outputSuffix = value;
        break;
      default:
        // Unknown control statements are ignored (Smithy warns).
        break;
    }
    this.br();
  }

  private metadata(): void {
    this.advance();
    this.requireSp();
    const keyToken = this.tok;
    const key = this.nodeKey();
    this.sp();
    this.expect(T.EQUAL, "EQUAL('=')");
    this.sp();
    const value = this.nodeValue();
    this.out.metadata.push({ key, value, loc: this.loc(keyToken) });
    this.br();
  }

  private use(): void {
    this.advance();
    this.requireSp();
    const at = this.tok;
    const id = this.shapeId({ member: true, absolute: true });
    if (id.includes("$")) throw this.error("Use statements cannot use members", at);
    const name = id.slice(id.indexOf("#") + 1);
    const existing = this.out.uses.get(name);
    if (existing !== undefined && existing !== id) throw this.error(`Cannot use name \`${id}\` because it conflicts with \`${existing}\``, at);
    this.out.uses.set(name, id);
    this.br();
  }

  // ---- shape ids ----------------------------------------------------------

  private namespaceName(): string {
    let text = this.expect(T.IDENTIFIER).value as string;
    while (this.cur() === T.DOT) {
      this.advance();
      text += `.${this.expect(T.IDENTIFIER).value as string}`;
    }
    return text;
  }

  /** ShapeId: `ns.a#Name$member` or a relative `Name`, as written (tokens must touch). */
  private shapeId(options: { member?: boolean; absolute?: boolean } = {}): string {
    let text = this.namespaceName();
    const dotted = text.includes(".");
    if (this.cur() === T.POUND) {
      this.advance();
      text += `#${this.expect(T.IDENTIFIER).value as string}`;
    } else if (dotted || options.absolute) {
      this.expect(T.POUND, "POUND('#')");
    }
    if (options.member && this.cur() === T.DOLLAR) {
      this.advance();
      text += `$${this.expect(T.IDENTIFIER).value as string}`;
    }
    return text;
  }

  private ref(set: (id: string) => void, options?: { member?: boolean }): void {
    const at = this.tok;
    const raw = this.shapeId(options);
    this.out.refs.push({ raw, loc: this.loc(at), set });
  }

  private reference(): AstReference {
    const r: AstReference = { target: "" };
    this.ref((id) => (r.target = id));
    return r;
  }

  // ---- node values --------------------------------------------------------

  private nodeKey(): string {
    const t = this.tok;
    if (t.type === T.IDENTIFIER || t.type === T.STRING) {
      this.advance();
      return t.value as string;
    }
    throw this.error(`Expected one of IDENTIFIER, STRING('"'); but found ${this.found()}`);
  }

  private nodeValue(): unknown {
    const t = this.tok;
    switch (t.type) {
      case T.STRING:
      case T.TEXT_BLOCK:
      case T.NUMBER:
        this.advance();
        return t.value;
      case T.LBRACKET: {
        this.advance();
        this.ws();
        const items: unknown[] = [];
        while (this.cur() !== T.RBRACKET) {
          items.push(this.nodeValue());
          this.ws();
        }
        this.advance();
        return items;
      }
      case T.LBRACE: {
        this.advance();
        this.ws();
        const obj: Record<string, unknown> = {};
        while (this.cur() !== T.RBRACE) {
          const keyToken = this.tok;
          const key = this.nodeKey();
          this.ws();
          this.expect(T.COLON, "COLON(':')");
          this.ws();
          const valueToken = this.tok;
          const value = this.nodeValue();
          if (Object.hasOwn(obj, key)) throw this.error(`Duplicate member of object: \`${key}\``, keyToken);
          defineValue(obj, key, value);
          // The lexer's value is a double: a bound beyond 2^53 keeps its literal text too.
          if (valueToken.type === T.NUMBER) keepExactNumber(obj, key, this.source.slice(valueToken.start, valueToken.end));
          this.ws();
        }
        this.advance();
        return obj;
      }
      case T.IDENTIFIER: {
        if (t.value === "true" || t.value === "false" || t.value === "null") {
          this.advance();
          return t.value === "true" ? true : t.value === "false" ? false : null;
        }
        const raw = this.shapeId({ member: true });
        return new SyntacticId(raw, this.loc(t));
      }
      default:
        throw this.error(
          `Expected one of STRING('"'), TEXT_BLOCK('"""'), NUMBER, IDENTIFIER, LBRACE('{'), LBRACKET('['); but found ${this.found()}`,
        );
    }
  }

  // ---- traits -------------------------------------------------------------

  /** TraitStatements: `*(Trait [WS])`. */
  private traitStatements(): PendingTrait[] {
    const traits: PendingTrait[] = [];
    while (this.cur() === T.AT) {
      traits.push(this.trait());
      this.ws();
    }
    return traits;
  }

  private trait(): PendingTrait {
    const at = this.advance();
    const name = this.shapeId();
    const loc = this.loc(at);
    if (this.cur() !== T.LPAREN) return { name, value: ANNOTATION, loc };
    this.advance();
    this.ws();
    if (this.cur() === T.RPAREN) {
      this.advance();
      return { name, value: ANNOTATION, loc };
    }
    const first = this.tok;
    let value: unknown;
    if (first.type === T.STRING || first.type === T.IDENTIFIER) {
      // A structure (`key: value, ...`) or a single node value; the token after the first decides.
      let single: unknown;
      let simpleKey = true;
      if (first.type === T.STRING) {
        this.advance();
        single = first.value;
      } else if (first.value === "true" || first.value === "false" || first.value === "null") {
        this.advance();
        single = first.value === "true" ? true : first.value === "false" ? false : null;
      } else {
        const raw = this.shapeId({ member: true });
        simpleKey = raw === first.value;
        single = new SyntacticId(raw, this.loc(first));
      }
      this.ws();
      if (this.cur() === T.COLON && simpleKey) {
        value = this.traitStructure(first.value as string, first);
      } else {
        if (first.type === T.IDENTIFIER && simpleKey && this.cur() !== T.RPAREN) {
          throw this.error(`Expected COLON(':') but found ${this.found()}`);
        }
        value = single;
        this.expect(T.RPAREN, "RPAREN(')')");
      }
    } else {
      value = this.nodeValue();
      this.ws();
      this.expect(T.RPAREN, "RPAREN(')')");
    }
    return { name, value, loc };
  }

  /** After the first key of a structured trait body, at its colon. */
  private traitStructure(firstKey: string, firstToken: Token): Record<string, unknown> {
    const obj: Record<string, unknown> = {};
    let key = firstKey;
    let keyToken = firstToken;
    for (;;) {
      this.expect(T.COLON, "COLON(':')");
      this.ws();
      const valueToken = this.tok;
      const value = this.nodeValue();
      if (Object.hasOwn(obj, key)) throw this.error(`Duplicate member of object: \`${key}\``, keyToken);
      defineValue(obj, key, value);
      if (valueToken.type === T.NUMBER) keepExactNumber(obj, key, this.source.slice(valueToken.start, valueToken.end));
      this.ws();
      if (this.cur() === T.RPAREN) {
        this.advance();
        return obj;
      }
      keyToken = this.tok;
      key = this.nodeKey();
      this.ws();
    }
  }

  // ---- shapes -------------------------------------------------------------

  private shapeOrApply(): void {
    const docs = this.takeDocs();
    const traits = this.traitStatements();
    if (this.isIdent("apply")) {
      if (traits.length > 0) throw this.error("Traits applied to apply statement");
      this.apply();
      return;
    }
    if (docs !== undefined) traits.unshift({ name: "smithy.api#documentation", absolute: true, value: docs, loc: traits[0]?.loc ?? this.loc() });
    this.shape(traits);
  }

  private apply(): void {
    const at = this.advance();
    this.requireSp();
    const target: AstReference = { target: "" };
    this.ref((id) => (target.target = id), { member: true });
    if (!TRIVIA(this.cur())) throw this.error(`Expected one or more whitespace characters, but found ${this.found()}`);
    this.ws();
    let traits: PendingTrait[];
    if (this.cur() === T.LBRACE) {
      this.advance();
      this.ws();
      traits = this.traitStatements();
      this.expect(T.RBRACE, "RBRACE('}')");
    } else if (this.cur() === T.AT) {
      traits = [this.trait()];
    } else {
      throw this.error(`Expected one of AT('@'), LBRACE('{'); but found ${this.found()}`);
    }
    this.out.applies.push({ target, traits, loc: this.loc(at) });
  }

  private shape(traits: PendingTrait[]): void {
    const typeToken = this.tok;
    if (typeToken.type !== T.IDENTIFIER) throw this.error(`Expected IDENTIFIER but found ${this.found()}`);
    const type = typeToken.value as string;
    const known =
      SIMPLE_TYPES.has(type) ||
      AGGREGATE_TYPES.has(type) ||
      type === "enum" ||
      type === "intEnum" ||
      type === "service" ||
      type === "resource" ||
      type === "operation";
    if (!known) throw this.error(`Unknown shape type: ${type}`);
    this.advance();
    this.requireSp();
    const nameToken = this.tok;
    const name = this.expect(T.IDENTIFIER).value as string;
    const id = this.defineId(name, nameToken);
    const loc = this.loc(nameToken);

    if ((type === "enum" || type === "intEnum") && this.v1) throw this.error(`${type} shapes cannot be used in Smithy version 1.0`, typeToken);
    if (type === "set" && !this.v1) throw this.error("Set shapes are not supported in Smithy IDL 2.0; use a list with @uniqueItems", typeToken);

    if (this.v1 && traits.some((t) => t.name === "mixin" || t.name === "smithy.api#mixin")) {
      throw this.error(`Mixins can only be used in Smithy 2.0 or later. Attempted to apply a @mixin trait to \`${id}\` in a model file using version \`${this.version}\`.`, typeToken);
    }
    if (SIMPLE_TYPES.has(type)) {
      const shape: AstShape = { type: type as AstShape["type"] };
      // IDL 1.0 numbers and booleans are not nullable unless boxed; Smithy 2 says so with a default.
      if (this.v1 && V1_DEFAULTS.has(type) && !traits.some((t) => t.name === "box" || t.name === "smithy.api#box")) {
        traits.push({ name: "smithy.api#default", absolute: true, value: V1_DEFAULTS.get(type), loc });
      }
      this.sp();
      this.mixins(shape);
      this.addShape(id, shape, loc, traits);
      return;
    }
    if (type === "enum" || type === "intEnum") {
      const shape: AstShape = { type, members: {} };
      this.sp();
      this.mixins(shape);
      this.ws();
      this.addShape(id, shape, loc, traits);
      this.enumMembers(id, shape);
      return;
    }
    if (AGGREGATE_TYPES.has(type)) {
      const shape: AstShape = { type: (type === "set" ? "list" : type) as AstShape["type"] };
      if (type === "set") traits.push({ name: "smithy.api#uniqueItems", absolute: true, value: {}, loc });
      const parsed = this.addShape(id, shape, loc, traits);
      this.sp();
      if (this.isIdent("for")) parsed.forResource = this.forResource();
      this.mixins(shape);
      this.ws();
      this.members(id, shape, nameToken);
      return;
    }
    const shape: AstShape = { type: type as AstShape["type"] };
    this.sp();
    this.mixins(shape);
    this.ws();
    this.addShape(id, shape, loc, traits);
    if (type === "operation") this.operationBody(name, shape);
    else this.entityBody(id, shape);
  }

  private defineId(name: string, at: Token): string {
    const id = `${this.out.namespace}#${name}`;
    const used = this.out.uses.get(name);
    if (used !== undefined && used !== id) throw this.error(`Shape name \`${name}\` conflicts with imported shape \`${used}\``, at);
    if (this.shapeIds.has(id)) throw this.error(`Duplicate shape definition: \`${id}\``, at, id);
    this.shapeIds.add(id);
    return id;
  }

  private addShape(id: string, shape: AstShape, loc: SourceLocation, traits: PendingTrait[]): ParsedShape {
    const parsed: ParsedShape = { id, shape, loc };
    this.out.shapes.push(parsed);
    if (traits.length > 0) this.out.traitHolders.push({ target: shape, traits, id });
    return parsed;
  }

  private forResource(): AstReference {
    const at = this.advance();
    if (this.v1) throw this.error("Structures can only be bound to resources with Smithy version 2 or later", at);
    this.requireSp();
    const ref = this.reference();
    this.sp();
    return ref;
  }

  /** `with [A, B]`, if present. */
  private mixins(shape: AstShape): void {
    if (!this.isIdent("with")) return;
    const at = this.advance();
    if (this.v1) throw this.error("Mixins can only be used with Smithy version 2 or later", at);
    this.ws();
    this.expect(T.LBRACKET, "LBRACKET('[')");
    this.ws();
    const mixins: AstReference[] = [];
    do {
      mixins.push(this.reference());
      this.ws();
    } while (this.cur() !== T.RBRACKET);
    this.advance();
    shape.mixins = mixins;
  }

  /** `[SP] = [SP] NodeValue [SP] [Comma] BR`, when the current token (after spaces) is `=`. */
  private valueAssignment(): { value: unknown; token: Token } | undefined {
    this.sp();
    if (this.cur() !== T.EQUAL) return undefined;
    const eq = this.advance();
    if (this.v1) throw this.error("@default assignment is only supported in IDL version 2 or later", eq);
    this.sp();
    const token = this.tok;
    const value = this.nodeValue();
    this.sp();
    if (this.cur() === T.COMMA) this.advance();
    this.br();
    return { value, token };
  }

  private members(shapeId: string, shape: AstShape, nameToken: Token): void {
    this.expect(T.LBRACE, "LBRACE('{')");
    this.ws();
    const members: Record<string, AstMember> = {};
    while (this.cur() !== T.RBRACE) {
      const docs = this.takeDocs();
      const traits = this.traitStatements();
      const nameAt = this.tok;
      let name: string;
      const member: AstMember = { target: "" };
      if (this.cur() === T.DOLLAR) {
        this.advance();
        if (this.v1) throw this.error("Members can only elide targets in IDL version 2 or later", nameAt);
        name = this.expect(T.IDENTIFIER).value as string;
        this.out.elided.push({ shapeId, name, member, loc: this.loc(nameAt) });
      } else {
        name = this.expect(T.IDENTIFIER).value as string;
        this.sp();
        this.expect(T.COLON, "COLON(':')");
        this.sp();
        this.ref((id) => (member.target = id));
      }
      if (Object.hasOwn(members, name)) throw this.error(`Found conflicting member name, \`${name}\``, nameAt, shapeId);
      const memberId = `${shapeId}$${name}`;
      const assigned = this.valueAssignment();
      if (assigned) {
        if (traits.some((t) => t.name === "default" || t.name === "smithy.api#default")) {
          throw this.error("A member cannot have both a default value assignment and a @default trait", assigned.token);
        }
        traits.push({ name: "smithy.api#default", absolute: true, value: assigned.value, loc: this.loc(assigned.token) });
      } else {
        this.ws();
      }
      if (docs !== undefined) traits.unshift({ name: "smithy.api#documentation", absolute: true, value: docs, loc: this.loc(nameAt) });
      if (traits.length > 0) this.out.traitHolders.push({ target: member, traits, id: memberId });
      defineValue(members, name, member);
      this.out.memberLocations.set(memberId, this.loc(nameAt));
    }
    this.advance();
    this.placeMembers(shape, members, nameToken);
  }

  private placeMembers(shape: AstShape, members: Record<string, AstMember>, nameToken: Token): void {
    const names = Object.keys(members);
    const mixed = shape.mixins !== undefined && shape.mixins.length > 0;
    if (shape.type === "list" || shape.type === "set") {
      for (const n of names) if (n !== "member") throw this.error(`Invalid member \`${n}\` of a list: only \`member\` is allowed`, nameToken);
      if (members.member) shape.member = members.member;
      else if (!mixed) throw this.error(`Missing required member of shape \`${this.out.namespace}#${nameToken.value as string}\`: member`, nameToken);
    } else if (shape.type === "map") {
      for (const n of names) if (n !== "key" && n !== "value") throw this.error(`Invalid member \`${n}\` of a map: only \`key\` and \`value\` are allowed`, nameToken);
      if (members.key) shape.key = members.key;
      if (members.value) shape.value = members.value;
      if (!mixed && (!members.key || !members.value)) {
        throw this.error(`Missing required member of shape \`${this.out.namespace}#${nameToken.value as string}\`: ${members.key ? "value" : "key"}`, nameToken);
      }
    } else {
      shape.members = members;
    }
  }

  private enumMembers(shapeId: string, shape: AstShape): void {
    this.expect(T.LBRACE, "LBRACE('{')");
    this.ws();
    const members: Record<string, AstMember> = {};
    while (this.cur() !== T.RBRACE) {
      const docs = this.takeDocs();
      const traits = this.traitStatements();
      const nameAt = this.tok;
      const name = this.expect(T.IDENTIFIER).value as string;
      if (Object.hasOwn(members, name)) throw this.error(`Found conflicting member name, \`${name}\``, nameAt, shapeId);
      const memberId = `${shapeId}$${name}`;
      const member: AstMember = { target: "smithy.api#Unit" };
      const assigned = this.valueAssignment();
      if (!assigned) this.ws();
      if (assigned) {
        const v = assigned.value;
        if (shape.type === "enum" && typeof v !== "string") {
          throw this.error(`${memberId}: enum members can only be assigned string values, but found: ${JSON.stringify(nodeForMessage(v))}`, assigned.token);
        }
        if (shape.type === "intEnum") {
          if (typeof v !== "number" || !Number.isInteger(v) || /[.eE]/.test(this.source.slice(assigned.token.start, assigned.token.end))) {
            throw this.error(`${memberId}: intEnum members can only be assigned integer values, but found: ${JSON.stringify(nodeForMessage(v))}`, assigned.token);
          }
          if (v > 2147483647 || v < -2147483648) throw this.error(`${memberId}: intEnum members must fit within an integer, but found: ${v}`, assigned.token);
        }
        if (traits.some((t) => t.name === "enumValue" || t.name === "smithy.api#enumValue")) {
          throw this.error(`${memberId}: a member cannot have both a value assignment and an @enumValue trait`, assigned.token);
        }
        traits.push({ name: "smithy.api#enumValue", absolute: true, value: v, loc: this.loc(assigned.token) });
      } else if (shape.type === "enum" && !traits.some((t) => t.name === "enumValue" || t.name === "smithy.api#enumValue")) {
        // Smithy gives a string enum member without a value its own name as value.
        traits.push({ name: "smithy.api#enumValue", absolute: true, value: name, loc: this.loc(nameAt) });
      }
      if (docs !== undefined) traits.unshift({ name: "smithy.api#documentation", absolute: true, value: docs, loc: this.loc(nameAt) });
      if (traits.length > 0) this.out.traitHolders.push({ target: member, traits, id: memberId });
      defineValue(members, name, member);
      this.out.memberLocations.set(memberId, this.loc(nameAt));
    }
    if (Object.keys(members).length === 0 && !shape.mixins?.length) throw this.error(`${shapeId}: ${shape.type} shapes must have at least one member`);
    this.advance();
    shape.members = members;
  }

  private operationBody(name: string, shape: AstShape): void {
    this.expect(T.LBRACE, "LBRACE('{')");
    this.ws();
    const seen = new Set<string>();
    while (this.cur() !== T.RBRACE) {
      const keyToken = this.tok;
      if (keyToken.type !== T.IDENTIFIER) throw this.error(`Expected IDENTIFIER but found ${this.found()}`);
      const key = keyToken.value as string;
      if (key !== "input" && key !== "output" && key !== "errors") {
        throw this.error(`Expected one of \`input\`, \`output\`, \`errors\`; but found \`${key}\``);
      }
      if (seen.has(key)) throw this.error(`Duplicate operation ${key} property`, keyToken);
      seen.add(key);
      this.advance();
      this.ws();
      if (key === "errors") {
        this.expect(T.COLON, "COLON(':')");
        this.ws();
        this.expect(T.LBRACKET, "LBRACKET('[')");
        this.ws();
        const errors: AstReference[] = [];
        while (this.cur() !== T.RBRACKET) {
          errors.push(this.reference());
          this.ws();
        }
        this.advance();
        shape.errors = errors;
      } else if (this.cur() === T.WALRUS) {
        const walrus = this.advance();
        if (this.v1) throw this.error("Inline input and output can only be used with Smithy version 2 or later", walrus);
        this.ws();
        const ioName = name + (key === "input" ? this.inputSuffix : this.outputSuffix);
        shape[key] = { target: this.inlineStructure(ioName, key, walrus) };
      } else {
        this.expect(T.COLON, "COLON(':')");
        this.ws();
        shape[key] = this.reference();
      }
      this.ws();
    }
    this.advance();
  }

  private inlineStructure(name: string, kind: "input" | "output", at: Token): string {
    const docs = this.takeDocs();
    const traits = this.traitStatements();
    if (docs !== undefined) traits.unshift({ name: "smithy.api#documentation", absolute: true, value: docs, loc: this.loc(at) });
    traits.push({ name: `smithy.api#${kind}`, absolute: true, value: {}, loc: this.loc(at) });
    const id = this.defineId(name, at);
    const shape: AstShape = { type: "structure" };
    const parsed = this.addShape(id, shape, this.loc(at), traits);
    if (this.isIdent("for")) {
      parsed.forResource = this.forResource();
      this.ws();
    }
    this.mixins(shape);
    this.ws();
    this.members(id, shape, { ...at, value: name });
    return id;
  }

  /** service and resource bodies: a node object whose values name shapes. */
  private entityBody(id: string, shape: AstShape): void {
    if (this.cur() !== T.LBRACE) throw this.error(`Expected LBRACE('{') but found ${this.found()}`);
    const bodyToken = this.tok;
    const body = this.nodeValue() as Record<string, unknown>;
    const allowed = shape.type === "service" ? SERVICE_PROPS : RESOURCE_PROPS;
    const bad = (message: string) => this.error(`${id}: ${message}`, bodyToken);
    const refList = (key: string, value: unknown): AstReference[] => {
      if (!Array.isArray(value)) throw bad(`\`${key}\` must be a list of shape ids`);
      return value.map((v) => this.idRef(v, () => bad(`\`${key}\` must be a list of shape ids`)));
    };
    const refMap = (key: string, value: unknown): Record<string, AstReference> => {
      if (!isObject(value)) throw bad(`\`${key}\` must be an object of shape ids`);
      const out: Record<string, AstReference> = {};
      for (const [k, v] of Object.entries(value)) defineValue(out, k, this.idRef(v, () => bad(`\`${key}\` must be an object of shape ids`)));
      return out;
    };
    for (const [key, value] of Object.entries(body)) {
      if (!allowed.has(key)) throw bad(`unknown ${shape.type} property \`${key}\``);
      switch (key) {
        case "version":
          if (typeof value !== "string") throw bad("`version` must be a string");
          shape.version = value;
          break;
        case "rename": {
          if (!isObject(value)) throw bad("`rename` must be an object");
          const rename: Record<string, string> = {};
          for (const [from, to] of Object.entries(value)) {
            if (typeof to !== "string") throw bad("`rename` values must be strings");
            const slot = { from, to };
            this.out.refs.push({ raw: from, loc: this.loc(bodyToken), set: (resolved) => (slot.from = resolved) });
            // Filled once the keys are resolved (see assemble).
            (rename as Record<string, unknown>)[from] = slot;
          }
          shape.rename = rename;
          break;
        }
        case "identifiers":
        case "properties":
          if (key === "properties" && this.v1) throw bad("Resource properties can only be used with Smithy version 2 or later.");
          shape[key] = refMap(key, value);
          break;
        case "operations":
        case "resources":
        case "errors":
        case "collectionOperations":
          shape[key] = refList(key, value);
          break;
        default:
          shape[key as "create"] = this.idRef(value, () => bad(`\`${key}\` must be a shape id`));
      }
    }
  }

  private idRef(value: unknown, fail: () => Error): AstReference {
    if (value instanceof SyntacticId) {
      const r: AstReference = { target: "" };
      this.out.refs.push({ raw: value.raw, loc: value.loc, set: (id) => (r.target = id) });
      return r;
    }
    if (typeof value === "string" && value.includes("#")) return { target: value };
    throw fail();
  }
}

/** Sets a property even when it is named `__proto__`. */
export function defineValue(obj: Record<string, unknown>, key: string, value: unknown): void {
  if (key === "__proto__") Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
  else obj[key] = value;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value) && !(value instanceof SyntacticId);
}

function nodeForMessage(value: unknown): unknown {
  return value instanceof SyntacticId ? value.raw : value;
}
