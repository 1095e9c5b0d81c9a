/**
 * A JMESPath parser (https://jmespath.org/specification.html) for the paths of `smithy.waiters`
 * acceptors. It follows the reference grammar (a Pratt parser with the binding powers of the
 * reference implementations), so `a[].b[].c` flattens and `a[*].b[*].c` nests exactly as they do.
 * The tree it returns is plain data: the client emitter compiles it to TypeScript at generation
 * time, so nothing interprets JMESPath at run time.
 *
 * Slices and expression references (`&expr`, only meaningful to `sort_by` and friends) parse,
 * so that a model using them gets a clear "not supported" message rather than a syntax error.
 */

export type JmesNode =
  | { type: "Field"; name: string }
  | { type: "Current" }
  | { type: "Literal"; value: unknown }
  | { type: "Subexpression"; left: JmesNode; right: JmesNode }
  | { type: "IndexExpression"; left: JmesNode; index: number }
  | { type: "Slice"; left: JmesNode }
  | { type: "Projection"; left: JmesNode; right: JmesNode }
  | { type: "ValueProjection"; left: JmesNode; right: JmesNode }
  | { type: "FilterProjection"; left: JmesNode; condition: JmesNode; right: JmesNode }
  | { type: "Flatten"; child: JmesNode }
  | { type: "Comparator"; op: ComparatorOp; left: JmesNode; right: JmesNode }
  | { type: "And" | "Or"; left: JmesNode; right: JmesNode }
  | { type: "Not"; child: JmesNode }
  | { type: "Pipe"; left: JmesNode; right: JmesNode }
  | { type: "Function"; name: string; args: JmesNode[] }
  | { type: "ExpressionReference"; child: JmesNode }
  | { type: "MultiSelectList"; items: JmesNode[] }
  | { type: "MultiSelectHash"; entries: { key: string; value: JmesNode }[] };

export type ComparatorOp = "==" | "!=" | "<" | "<=" | ">" | ">=";

/** A JMESPath syntax error, with the offset in the expression where it was found. */
export class JmesPathSyntaxError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(`${message} at offset ${offset}`);
    this.name = "JmesPathSyntaxError";
  }
}

type TokenType =
  | "UnquotedIdentifier"
  | "QuotedIdentifier"
  | "Literal"
  | "Number"
  | "Dot"
  | "Star"
  | "Flatten"
  | "Filter"
  | "Lbracket"
  | "Rbracket"
  | "Lbrace"
  | "Rbrace"
  | "Lparen"
  | "Rparen"
  | "Comma"
  | "Colon"
  | "Pipe"
  | "Or"
  | "And"
  | "Not"
  | "Current"
  | "Expref"
  | "EQ"
  | "NE"
  | "LT"
  | "LTE"
  | "GT"
  | "GTE"
  | "EOF";

interface Token {
  type: TokenType;
  value?: unknown;
  start: number;
}

/** The binding powers of the reference implementations (jmespath.js, jmespath.py). */
const BINDING_POWER: Record<TokenType, number> = {
  EOF: 0,
  UnquotedIdentifier: 0,
  QuotedIdentifier: 0,
  Literal: 0,
  Number: 0,
  Rbracket: 0,
  Rparen: 0,
  Comma: 0,
  Rbrace: 0,
  Colon: 0,
  Current: 0,
  Expref: 0,
  Pipe: 1,
  Or: 2,
  And: 3,
  EQ: 5,
  NE: 5,
  LT: 5,
  LTE: 5,
  GT: 5,
  GTE: 5,
  Flatten: 9,
  Star: 20,
  Filter: 21,
  Dot: 40,
  Not: 45,
  Lbrace: 50,
  Lbracket: 55,
  Lparen: 60,
};

const COMPARATORS: Partial<Record<TokenType, ComparatorOp>> = { EQ: "==", NE: "!=", LT: "<", LTE: "<=", GT: ">", GTE: ">=" };

const SIMPLE: Record<string, TokenType> = {
  ".": "Dot",
  "*": "Star",
  ",": "Comma",
  ":": "Colon",
  "{": "Lbrace",
  "}": "Rbrace",
  "]": "Rbracket",
  "(": "Lparen",
  ")": "Rparen",
  "@": "Current",
};

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const at = (offset: number) => text[i + offset];
  while (i < text.length) {
    const start = i;
    const c = text[i]!;
    if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(i))![0];
      tokens.push({ type: "UnquotedIdentifier", value: m, start });
      i += m.length;
    } else if (SIMPLE[c]) {
      tokens.push({ type: SIMPLE[c]!, start });
      i++;
    } else if (/[-0-9]/.test(c)) {
      const m = /^-?[0-9]+/.exec(text.slice(i));
      if (!m) throw new JmesPathSyntaxError("a '-' must start a number", start);
      tokens.push({ type: "Number", value: Number(m[0]), start });
      i += m[0].length;
    } else if (c === "[") {
      if (at(1) === "]") {
        tokens.push({ type: "Flatten", start });
        i += 2;
      } else if (at(1) === "?") {
        tokens.push({ type: "Filter", start });
        i += 2;
      } else {
        tokens.push({ type: "Lbracket", start });
        i++;
      }
    } else if (c === "'") {
      const end = closing(text, i, "'");
      tokens.push({ type: "Literal", value: text.slice(i + 1, end).replace(/\\'/g, "'"), start });
      i = end + 1;
    } else if (c === '"') {
      const end = closing(text, i, '"');
      tokens.push({ type: "QuotedIdentifier", value: parseJson(text.slice(i, end + 1), start), start });
      i = end + 1;
    } else if (c === "`") {
      const end = closing(text, i, "`");
      tokens.push({ type: "Literal", value: parseJson(text.slice(i + 1, end).replace(/\\`/g, "`").trim(), start), start });
      i = end + 1;
    } else if (c === "|" || c === "&") {
      const doubled = at(1) === c;
      tokens.push({ type: doubled ? (c === "|" ? "Or" : "And") : c === "|" ? "Pipe" : "Expref", start });
      i += doubled ? 2 : 1;
    } else if (c === "<" || c === ">" || c === "=" || c === "!") {
      const eq = at(1) === "=";
      const type = ({ "<": eq ? "LTE" : "LT", ">": eq ? "GTE" : "GT", "=": eq ? "EQ" : undefined, "!": eq ? "NE" : "Not" } as const)[c];
      if (!type) throw new JmesPathSyntaxError("'=' must be '=='", start);
      tokens.push({ type, start });
      i += eq ? 2 : 1;
    } else if (/\s/.test(c)) {
      i++;
    } else {
      throw new JmesPathSyntaxError(`unexpected character ${JSON.stringify(c)}`, start);
    }
  }
  tokens.push({ type: "EOF", start: text.length });
  return tokens;
}

/** The offset of the quote closing the one at `open` (a backslash escapes the next character). */
function closing(text: string, open: number, quote: string): number {
  for (let i = open + 1; i < text.length; i++) {
    if (text[i] === "\\") i++;
    else if (text[i] === quote) return i;
  }
  throw new JmesPathSyntaxError(`unclosed ${quote}`, open);
}

function parseJson(text: string, offset: number): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new JmesPathSyntaxError(`invalid JSON ${text}`, offset);
  }
}

/** Parses a JMESPath expression; throws {@link JmesPathSyntaxError}. */
export function parseJmesPath(text: string): JmesNode {
  return new Parser(tokenize(text)).parse();
}

const CURRENT: JmesNode = { type: "Current" };

class Parser {
  private index = 0;

  constructor(private readonly tokens: Token[]) {}

  parse(): JmesNode {
    const node = this.expression(0);
    if (this.peek() !== "EOF") this.fail(`unexpected ${this.peek()}`);
    return node;
  }

  private peek(offset = 0): TokenType {
    return this.tokens[this.index + offset]!.type;
  }

  private advance(): Token {
    return this.tokens[this.index++]!;
  }

  private expect(type: TokenType): Token {
    if (this.peek() !== type) this.fail(`expected ${type}, found ${this.peek()}`);
    return this.advance();
  }

  private fail(message: string): never {
    throw new JmesPathSyntaxError(message, this.tokens[this.index]!.start);
  }

  private expression(rbp: number): JmesNode {
    let left = this.nud(this.advance());
    while (rbp < BINDING_POWER[this.peek()]) left = this.led(this.advance(), left);
    return left;
  }

  private nud(token: Token): JmesNode {
    switch (token.type) {
      case "Literal":
        return { type: "Literal", value: token.value };
      case "UnquotedIdentifier":
        return { type: "Field", name: token.value as string };
      case "QuotedIdentifier":
        if (this.peek() === "Lparen") this.fail("a quoted identifier cannot name a function");
        return { type: "Field", name: token.value as string };
      case "Not":
        return { type: "Not", child: this.expression(BINDING_POWER.Not) };
      case "Star":
        return { type: "ValueProjection", left: CURRENT, right: this.peek() === "Rbracket" ? CURRENT : this.projectionRhs(BINDING_POWER.Star) };
      case "Filter":
        return this.led(token, CURRENT);
      case "Lbrace":
        return this.multiSelectHash();
      case "Flatten":
        return { type: "Projection", left: { type: "Flatten", child: CURRENT }, right: this.projectionRhs(BINDING_POWER.Flatten) };
      case "Lbracket":
        if (this.peek() === "Number" || this.peek() === "Colon") return this.indexExpression(CURRENT);
        if (this.peek() === "Star" && this.peek(1) === "Rbracket") {
          this.advance();
          this.advance();
          return { type: "Projection", left: CURRENT, right: this.projectionRhs(BINDING_POWER.Star) };
        }
        return this.multiSelectList();
      case "Current":
        return CURRENT;
      case "Expref":
        return { type: "ExpressionReference", child: this.expression(BINDING_POWER.Expref) };
      case "Lparen": {
        const inner = this.expression(0);
        this.expect("Rparen");
        return inner;
      }
      default:
        this.index--;
        return this.fail(`unexpected ${token.type}`);
    }
  }

  private led(token: Token, left: JmesNode): JmesNode {
    switch (token.type) {
      case "Dot":
        if (this.peek() === "Star") {
          this.advance();
          return { type: "ValueProjection", left, right: this.projectionRhs(BINDING_POWER.Dot) };
        }
        return { type: "Subexpression", left, right: this.dotRhs(BINDING_POWER.Dot) };
      case "Pipe":
        return { type: "Pipe", left, right: this.expression(BINDING_POWER.Pipe) };
      case "Or":
        return { type: "Or", left, right: this.expression(BINDING_POWER.Or) };
      case "And":
        return { type: "And", left, right: this.expression(BINDING_POWER.And) };
      case "Lparen": {
        if (left.type !== "Field") this.fail("only a name can be called as a function");
        const args: JmesNode[] = [];
        while (this.peek() !== "Rparen") {
          args.push(this.expression(0));
          if (this.peek() === "Comma") this.advance();
          else if (this.peek() !== "Rparen") this.fail(`expected ',' or ')', found ${this.peek()}`);
        }
        this.advance();
        return { type: "Function", name: left.name, args };
      }
      case "Filter": {
        const condition = this.expression(0);
        this.expect("Rbracket");
        const right = this.peek() === "Flatten" ? CURRENT : this.projectionRhs(BINDING_POWER.Filter);
        return { type: "FilterProjection", left, condition, right };
      }
      case "Flatten":
        return { type: "Projection", left: { type: "Flatten", child: left }, right: this.projectionRhs(BINDING_POWER.Flatten) };
      case "Lbracket":
        if (this.peek() === "Number" || this.peek() === "Colon") return this.indexExpression(left);
        this.expect("Star");
        this.expect("Rbracket");
        return { type: "Projection", left, right: this.projectionRhs(BINDING_POWER.Star) };
      default: {
        const op = COMPARATORS[token.type];
        if (!op) {
          this.index--;
          return this.fail(`unexpected ${token.type}`);
        }
        return { type: "Comparator", op, left, right: this.expression(BINDING_POWER[token.type]) };
      }
    }
  }

  /** `[0]`, `[-1]`, or a slice `[a:b:c]` (parsed, then refused by the compiler). */
  private indexExpression(left: JmesNode): JmesNode {
    if (this.peek() === "Number" && this.peek(1) === "Rbracket") {
      const index = this.advance().value as number;
      this.advance();
      return { type: "IndexExpression", left, index };
    }
    while (this.peek() === "Number" || this.peek() === "Colon") this.advance();
    this.expect("Rbracket");
    return { type: "Projection", left: { type: "Slice", left }, right: this.projectionRhs(BINDING_POWER.Star) };
  }

  private projectionRhs(rbp: number): JmesNode {
    const next = this.peek();
    if (BINDING_POWER[next] < 10) return CURRENT;
    if (next === "Lbracket" || next === "Filter") return this.expression(rbp);
    if (next === "Dot") {
      this.advance();
      return this.dotRhs(rbp);
    }
    return this.fail(`unexpected ${next} after a projection`);
  }

  private dotRhs(rbp: number): JmesNode {
    const next = this.peek();
    if (next === "UnquotedIdentifier" || next === "QuotedIdentifier" || next === "Star") return this.expression(rbp);
    if (next === "Lbracket") {
      this.advance();
      return this.multiSelectList();
    }
    if (next === "Lbrace") {
      this.advance();
      return this.multiSelectHash();
    }
    return this.fail(`unexpected ${next} after '.'`);
  }

  private multiSelectList(): JmesNode {
    const items: JmesNode[] = [];
    do {
      items.push(this.expression(0));
    } while (this.peek() === "Comma" && this.advance());
    this.expect("Rbracket");
    return { type: "MultiSelectList", items };
  }

  private multiSelectHash(): JmesNode {
    const entries: { key: string; value: JmesNode }[] = [];
    do {
      const key = this.advance();
      if (key.type !== "UnquotedIdentifier" && key.type !== "QuotedIdentifier") {
        this.index--;
        this.fail(`expected a key, found ${key.type}`);
      }
      this.expect("Colon");
      entries.push({ key: key.value as string, value: this.expression(0) });
    } while (this.peek() === "Comma" && this.advance());
    this.expect("Rbrace");
    return { type: "MultiSelectHash", entries };
  }
}
