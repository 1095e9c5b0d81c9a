/**
 * Smithy `@pattern` handling for the emitters. The engine itself is the test kit's
 * (`@connect-sdk/test-kit/pattern`, a light entry point), so the generator and the generated
 * arbitraries read patterns the same way.
 */
import { compilePattern } from "@connect-sdk/test-kit/pattern";

export {
  type CompiledPattern,
  accepts,
  codePointLength,
  compilePattern,
  distinctStrings,
  exampleString,
  violatingString,
} from "@connect-sdk/test-kit/pattern";

/**
 * The pattern as a JavaScript regex literal with the `u` flag (identity
 * escapes that only non-Unicode mode allows, such as `\_`, are repaired).
 */
export function regexLiteral(pattern: string): string {
  const { source, flags } = compilePattern(pattern);
  return `/${literalBody(source)}/${flags}`;
}

/** A regex source written so it can sit between the slashes of a literal. */
function literalBody(source: string): string {
  if (source === "") return "(?:)";
  let out = "";
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!;
    if (c === "\\" && i + 1 < source.length) {
      out += c + source[++i];
      continue;
    }
    if (c === "/") out += "\\/";
    else if (c === "\n") out += "\\n";
    else if (c === "\r") out += "\\r";
    else if (c === "\u2028") out += "\\u2028";
    else if (c === "\u2029") out += "\\u2029";
    else out += c;
  }
  return out;
}
