/**
 * The tokens of the Smithy IDL 2.0 (spec: idl.rst, "Lexical notes").
 *
 * Tokens are made on demand, as the parser asks for them, so that a file
 * with a syntax error reports the first error a reader meets, as Smithy
 * does, rather than a lexical error further down.
 */
import { IdlSyntaxError } from "./errors.js";

export const enum T {
  SPACE,
  NEWLINE,
  COMMA,
  COMMENT,
  DOC_COMMENT,
  AT,
  STRING,
  TEXT_BLOCK,
  NUMBER,
  IDENTIFIER,
  DOLLAR,
  COLON,
  WALRUS,
  EQUAL,
  LPAREN,
  RPAREN,
  LBRACE,
  RBRACE,
  LBRACKET,
  RBRACKET,
  DOT,
  POUND,
  EOF,
}

const NAMES: Record<T, string> = {
  [T.SPACE]: "SPACE",
  [T.NEWLINE]: "NEWLINE",
  [T.COMMA]: "COMMA",
  [T.COMMENT]: "COMMENT",
  [T.DOC_COMMENT]: "DOC_COMMENT",
  [T.AT]: "AT",
  [T.STRING]: "STRING",
  [T.TEXT_BLOCK]: "TEXT_BLOCK",
  [T.NUMBER]: "NUMBER",
  [T.IDENTIFIER]: "IDENTIFIER",
  [T.DOLLAR]: "DOLLAR",
  [T.COLON]: "COLON",
  [T.WALRUS]: "WALRUS",
  [T.EQUAL]: "EQUAL",
  [T.LPAREN]: "LPAREN",
  [T.RPAREN]: "RPAREN",
  [T.LBRACE]: "LBRACE",
  [T.RBRACE]: "RBRACE",
  [T.LBRACKET]: "LBRACKET",
  [T.RBRACKET]: "RBRACKET",
  [T.DOT]: "DOT",
  [T.POUND]: "POUND",
  [T.EOF]: "EOF",
};

export interface Token {
  type: T;
  start: number;
  end: number;
  line: number;
  column: number;
  /** Decoded value of STRING / TEXT_BLOCK / NUMBER / DOC_COMMENT tokens, the text of IDENTIFIER. */
  value?: string | number;
}

/** `IDENTIFIER('foo')`, as Smithy names tokens in its messages. */
export function describe(token: Token, source: string): string {
  const name = NAMES[token.type];
  if (token.type === T.EOF) return "EOF";
  const text = source.slice(token.start, token.end);
  return `${name}('${JSON.stringify(text).slice(1, -1)}')`;
}

export function tokenName(type: T): string {
  return NAMES[type];
}

const isDigit = (c: number) => c >= 48 && c <= 57;
const isAlpha = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
const isIdentChar = (c: number) => isAlpha(c) || isDigit(c) || c === 95;

export class Lexer {
  private pos = 0;
  private line = 1;
  private lineStart = 0;

  constructor(
    readonly source: string,
    readonly file: string,
  ) {
    // A byte-order mark is not part of the model.
    if (source.charCodeAt(0) === 0xfeff) this.pos = 1;
  }

  error(message: string, line: number, column: number): IdlSyntaxError {
    return new IdlSyntaxError(message, this.file, line, column);
  }

  next(): Token {
    const s = this.source;
    const start = this.pos;
    const line = this.line;
    const column = start - this.lineStart + 1;
    if (start >= s.length) return { type: T.EOF, start, end: start, line, column };
    const c = s.charCodeAt(start);
    switch (c) {
      case 32:
      case 9: {
        let i = start + 1;
        while (i < s.length && (s.charCodeAt(i) === 32 || s.charCodeAt(i) === 9)) i++;
        return this.make(T.SPACE, start, i, line, column);
      }
      case 10:
        return this.newline(start, start + 1);
      case 13:
        if (s.charCodeAt(start + 1) === 10) return this.newline(start, start + 2);
        throw this.error("Unexpected character: '\\r'", line, column);
      case 44:
        return this.make(T.COMMA, start, start + 1, line, column);
      case 64:
        return this.make(T.AT, start, start + 1, line, column);
      case 36:
        return this.make(T.DOLLAR, start, start + 1, line, column);
      case 58:
        if (s.charCodeAt(start + 1) === 61) return this.make(T.WALRUS, start, start + 2, line, column);
        return this.make(T.COLON, start, start + 1, line, column);
      case 61:
        return this.make(T.EQUAL, start, start + 1, line, column);
      case 40:
        return this.make(T.LPAREN, start, start + 1, line, column);
      case 41:
        return this.make(T.RPAREN, start, start + 1, line, column);
      case 123:
        return this.make(T.LBRACE, start, start + 1, line, column);
      case 125:
        return this.make(T.RBRACE, start, start + 1, line, column);
      case 91:
        return this.make(T.LBRACKET, start, start + 1, line, column);
      case 93:
        return this.make(T.RBRACKET, start, start + 1, line, column);
      case 46:
        return this.make(T.DOT, start, start + 1, line, column);
      case 35:
        return this.make(T.POUND, start, start + 1, line, column);
      case 47: {
        if (s.charCodeAt(start + 1) !== 47) throw this.error("Unexpected character: '/'", line, column);
        let i = start + 2;
        while (i < s.length && s.charCodeAt(i) !== 10 && !(s.charCodeAt(i) === 13 && s.charCodeAt(i + 1) === 10)) i++;
        // `///` is documentation only as the first thing on its line; after a statement it is a comment.
        if (s.charCodeAt(start + 2) === 47 && s.slice(this.lineStart, start).trim() === "") {
          // `///`: documentation; one leading space of the text is dropped.
          let text = s.slice(start + 3, i);
          if (text.startsWith(" ")) text = text.slice(1);
          return this.make(T.DOC_COMMENT, start, i, line, column, text);
        }
        return this.make(T.COMMENT, start, i, line, column);
      }
      case 34:
        if (s.charCodeAt(start + 1) === 34 && s.charCodeAt(start + 2) === 34) return this.textBlock(start, line, column);
        return this.quoted(start, line, column);
      default:
        if (c === 45 || isDigit(c)) return this.number(start, line, column);
        if (isAlpha(c) || c === 95) {
          let i = start;
          while (s.charCodeAt(i) === 95) i++;
          if (!isAlpha(s.charCodeAt(i))) {
            const bad = i < s.length ? s[i] : "[EOF]";
            throw this.error(`Expected a valid identifier character, but found '${bad}'`, line, i - this.lineStart + 1);
          }
          while (i < s.length && isIdentChar(s.charCodeAt(i))) i++;
          return this.make(T.IDENTIFIER, start, i, line, column, s.slice(start, i));
        }
        throw this.error(`Unexpected character: '${String.fromCodePoint(s.codePointAt(start)!)}'`, line, column);
    }
  }

  /**
   * Moves past whitespace, commas and comments without making tokens (most
   * of a file's tokens are these), handing each documentation comment's text
   * to `onDoc`. Stops at anything else, including a character `next()` must
   * report.
   */
  skipTrivia(onDoc: (text: string) => void): void {
    const s = this.source;
    let i = this.pos;
    for (;;) {
      const c = s.charCodeAt(i);
      if (c === 32 || c === 9 || c === 44) {
        i++;
      } else if (c === 10) {
        i++;
        this.line++;
        this.lineStart = i;
      } else if (c === 13 && s.charCodeAt(i + 1) === 10) {
        i += 2;
        this.line++;
        this.lineStart = i;
      } else if (c === 47 && s.charCodeAt(i + 1) === 47) {
        const start = i;
        i += 2;
        while (i < s.length && s.charCodeAt(i) !== 10 && !(s.charCodeAt(i) === 13 && s.charCodeAt(i + 1) === 10)) i++;
        if (s.charCodeAt(start + 2) === 47 && s.slice(this.lineStart, start).trim() === "") {
          let text = s.slice(start + 3, i);
          if (text.startsWith(" ")) text = text.slice(1);
          onDoc(text);
        }
      } else {
        break;
      }
    }
    this.pos = i;
  }

  private make(type: T, start: number, end: number, line: number, column: number, value?: string | number): Token {
    this.pos = end;
    return { type, start, end, line, column, value };
  }

  private newline(start: number, end: number): Token {
    const token: Token = { type: T.NEWLINE, start, end, line: this.line, column: start - this.lineStart + 1 };
    this.pos = end;
    this.line++;
    this.lineStart = end;
    return token;
  }

  /** Moves past `end`, counting the line breaks inside a multi-line token. */
  private advance(start: number, end: number): void {
    for (let i = start; i < end; i++) {
      if (this.source.charCodeAt(i) === 10) {
        this.line++;
        this.lineStart = i + 1;
      }
    }
    this.pos = end;
  }

  private eofError(): IdlSyntaxError {
    // Where Smithy reports a missing closing quote: at the end of the file.
    const s = this.source;
    let line = 1;
    let lineStart = 0;
    for (let i = 0; i < s.length; i++) {
      if (s.charCodeAt(i) === 10) {
        line++;
        lineStart = i + 1;
      }
    }
    return this.error("Expected: '\"', but found '[EOF]'", line, s.length - lineStart + 1);
  }

  private quoted(start: number, line: number, column: number): Token {
    const s = this.source;
    let i = start + 1;
    for (;;) {
      if (i >= s.length) throw this.eofError();
      const c = s.charCodeAt(i);
      if (c === 34) break;
      i += c === 92 ? 2 : 1;
    }
    const raw = s.slice(start + 1, i);
    let value: string;
    try {
      value = unescape(raw);
    } catch (error) {
      throw this.error(`Error parsing quoted string: ${(error as Error).message}`, line, column);
    }
    this.advance(start, i + 1);
    return { type: T.STRING, start, end: i + 1, line, column, value };
  }

  private textBlock(start: number, line: number, column: number): Token {
    const s = this.source;
    let i = start + 3;
    for (;;) {
      if (i >= s.length) throw this.eofError();
      const c = s.charCodeAt(i);
      if (c === 34 && s.charCodeAt(i + 1) === 34 && s.charCodeAt(i + 2) === 34) break;
      i += c === 92 ? 2 : 1;
    }
    const raw = s.slice(start + 3, i);
    let value: string;
    try {
      value = textBlockValue(raw);
    } catch (error) {
      throw this.error(`Error parsing text block: ${(error as Error).message}`, line, column);
    }
    this.advance(start, i + 3);
    return { type: T.TEXT_BLOCK, start, end: i + 3, line, column, value };
  }

  private number(start: number, line: number, column: number): Token {
    const s = this.source;
    let i = start;
    if (s.charCodeAt(i) === 45) {
      i++;
      if (!isDigit(s.charCodeAt(i))) throw this.error("Invalid number '-': '-' must be followed by a digit", line, column);
    }
    if (s.charCodeAt(i) === 48) i++;
    else while (isDigit(s.charCodeAt(i))) i++;
    if (s.charCodeAt(i) === 46) {
      i++;
      if (!isDigit(s.charCodeAt(i))) throw this.error(`Invalid number '${s.slice(start, i)}': '.' must be followed by a digit`, line, column);
      while (isDigit(s.charCodeAt(i))) i++;
    }
    if (s.charCodeAt(i) === 101 || s.charCodeAt(i) === 69) {
      i++;
      if (s.charCodeAt(i) === 43 || s.charCodeAt(i) === 45) i++;
      if (!isDigit(s.charCodeAt(i))) throw this.error(`Invalid number '${s.slice(start, i)}': exponent must be followed by a digit`, line, column);
      while (isDigit(s.charCodeAt(i))) i++;
    }
    const text = s.slice(start, i);
    this.pos = i;
    return { type: T.NUMBER, start, end: i, line, column, value: Number(text) };
  }
}

/** Expands the escapes of a quoted string (spec: EscapedChar); an escaped line break is removed. */
export function unescape(raw: string): string {
  if (raw.indexOf("\\") < 0) return raw.indexOf("\r") < 0 ? raw : raw.replace(/\r\n/g, "\n");
  let out = "";
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i]!;
    if (c === "\r" && raw[i + 1] === "\n") continue;
    if (c !== "\\") {
      out += c;
      continue;
    }
    const e = raw[++i];
    switch (e) {
      case '"':
      case "\\":
      case "/":
        out += e;
        break;
      case "b":
        out += "\b";
        break;
      case "f":
        out += "\f";
        break;
      case "n":
        out += "\n";
        break;
      case "r":
        out += "\r";
        break;
      case "t":
        out += "\t";
        break;
      case "\n":
        break;
      case "\r":
        if (raw[i + 1] === "\n") i++;
        break;
      case "u": {
        if (i + 4 > raw.length - 1) throw new Error("Invalid unclosed unicode escape found in string");
        let code = 0;
        for (let k = 1; k <= 4; k++) {
          const h = raw[i + k]!;
          const d = parseInt(h, 16);
          if (!/^[0-9A-Fa-f]$/.test(h) || Number.isNaN(d)) throw new Error(`Invalid unicode escape character: \`${h}\``);
          code = code * 16 + d;
        }
        out += String.fromCharCode(code);
        i += 4;
        break;
      }
      default:
        throw new Error(`Invalid escape found in string: \`\\${e ?? ""}\``);
    }
  }
  return out;
}

/**
 * The value of a text block (spec: "Incidental white space removal"):
 * re-indented by the common leading whitespace, trailing spaces removed,
 * then escapes expanded.
 */
export function textBlockValue(raw: string): string {
  const text = raw.replace(/\r\n/g, "\n");
  if (text.length === 0) throw new Error("Text block is empty");
  const firstBreak = text.indexOf("\n");
  if (firstBreak < 0 || text.slice(0, firstBreak).trim() !== "") throw new Error("Text block must start with a new line");
  const lines = text.slice(firstBreak + 1).split("\n");
  let indent = Infinity;
  lines.forEach((line, i) => {
    const blank = line.trim() === "";
    if (blank && i !== lines.length - 1) return;
    let n = 0;
    while (n < line.length && (line[n] === " " || line[n] === "\t")) n++;
    indent = Math.min(indent, n);
  });
  if (indent === Infinity) indent = 0;
  const out = lines.map((line) => {
    const stripped = line.trim() === "" ? "" : line.slice(indent);
    return stripped.replace(/[ \t]+$/, "");
  });
  return unescape(out.join("\n"));
}
