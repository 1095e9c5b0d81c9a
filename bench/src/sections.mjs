// Sections of BENCHMARKS.md that separate scripts write (the Smithy language figures of
// idl-load.mjs and validate.mjs): each sits between `<!-- bench:<key> -->` and
// `<!-- /bench:<key> -->`, is replaced when its script runs again, and is kept as it is when
// `pnpm bench --write-md` rewrites the rest of the file.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { BENCHMARKS_MD } from "./paths.mjs";

const SECTION = /<!-- bench:([\w-]+) -->\n[\s\S]*?<!-- \/bench:\1 -->\n/g;

/** The script-written sections of a BENCHMARKS.md text, in order. */
export function scriptSections(text) {
  return [...text.matchAll(SECTION)].map((m) => m[0]);
}

/** Writes (or replaces) the section `key` of BENCHMARKS.md with `markdown`. */
export function writeSection(key, markdown) {
  const text = existsSync(BENCHMARKS_MD) ? readFileSync(BENCHMARKS_MD, "utf8") : "# Benchmarks\n";
  const block = `<!-- bench:${key} -->\n${markdown.trimEnd()}\n<!-- /bench:${key} -->\n`;
  const existing = scriptSections(text).find((s) => s.startsWith(`<!-- bench:${key} -->`));
  const next = existing ? text.replace(existing, block) : `${text.trimEnd()}\n\n${block}`;
  writeFileSync(BENCHMARKS_MD, next);
  return BENCHMARKS_MD;
}
