/**
 * Loading a model from files: `.smithy` (IDL) and `.json` (JSON AST) files,
 * and folders of them, merged into one model (see assemble.ts).
 */
import { readFile, readdir, stat } from "node:fs/promises";
import { extname, join, resolve } from "node:path";
import { type LoadedModel, type ModelSource, type SourceLocations, assemble } from "./assemble.js";
import { IdlSyntaxError } from "./idl/errors.js";
import { parseIdl } from "./idl/parser.js";
import { loadModelFile, parseModelStructure, validateModel } from "./load.js";
import type { SmithyModel } from "./types.js";
import { ModelError } from "./problems.js";

export type { LoadedModel, SourceLocations };
export type { SourceLocation } from "./idl/parser.js";

const MODEL_EXTENSIONS = new Set([".smithy", ".json"]);

/**
 * Reads, parses and merges model files. `paths` are files or folders
 * (searched recursively for `.smithy` and `.json` files, in name order).
 * Throws `ModelError` (with file:line:column for IDL problems).
 */
export async function loadModelSources(paths: readonly string[], options: { validate?: boolean } = {}): Promise<LoadedModel> {
  if (paths.length === 0) throw new ModelError([{ path: "$", message: "no model files given" }]);
  // A file named twice (itself and through its folder) is read once: its metadata lists must not double.
  const files = [...new Set((await Promise.all(paths.map((p) => expand(resolve(p), p)))).flat())];
  if (files.length === 0) throw new ModelError([{ path: "$", message: `no .smithy or .json model files in ${paths.join(", ")}` }]);
  const texts = await Promise.all(files.map((f) => readText(f)));
  return loadModelTexts(files.map((file, i) => ({ file, text: texts[i]! })), options);
}

/** Like {@link loadModelSources}, from texts already read (`file` names each and decides IDL or JSON by extension). */
export function loadModelTexts(inputs: readonly { file: string; text: string }[], options: { validate?: boolean } = {}): LoadedModel {
  const sources: ModelSource[] = inputs.map(({ file, text }) => parseSource(file, text));
  const loaded = assemble(sources);
  if (options.validate !== false) {
    const problems = validateModel(loaded.model).map((p) => {
      const loc = p.shapeId ? loaded.locations.get(p.shapeId) : undefined;
      return loc ? { ...p, location: loc } : p;
    });
    if (problems.length > 0) throw new ModelError(problems, inputs.length === 1 ? inputs[0]!.file : undefined);
  }
  return loaded;
}

function parseSource(file: string, text: string): ModelSource {
  if (extname(file) === ".json") {
    const model = parseModelStructure(text, file);
    return { kind: "json", file, model, locations: jsonLocations(text, file, Object.keys(model.shapes)) };
  }
  try {
    return { kind: "idl", parsed: parseIdl(text, file) };
  } catch (error) {
    if (error instanceof IdlSyntaxError) {
      const shape = error.shapeId ? { shapeId: error.shapeId } : {};
      throw new ModelError([{ ...shape, path: "$", message: error.message, location: { file, line: error.line, column: error.column } }], file);
    }
    throw error;
  }
}

/** The line and column of each shape's key in a JSON AST document. */
function jsonLocations(text: string, file: string, ids: readonly string[]): SourceLocations {
  const wanted = new Set(ids);
  const out: SourceLocations = new Map();
  const re = /"((?:[^"\\]|\\.)*#(?:[^"\\]|\\.)*)"\s*:\s*\{/g;
  let line = 1;
  let lineStart = 0;
  let scanned = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const id = m[1]!;
    if (!wanted.has(id) || out.has(id)) continue;
    for (let i = scanned; i < m.index; i++) {
      if (text.charCodeAt(i) === 10) {
        line++;
        lineStart = i + 1;
      }
    }
    scanned = m.index;
    out.set(id, { file, line, column: m.index - lineStart + 1 });
  }
  return out;
}

async function expand(path: string, label: string): Promise<string[]> {
  let info;
  try {
    info = await stat(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ModelError([{ path: "$", message: `cannot read model ${label}: ${code === "ENOENT" ? "no such file or folder" : (code ?? String(error))}` }], path);
  }
  if (info.isFile()) return [path];
  const out: string[] = [];
  const entries = (await readdir(path, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const full = join(path, entry.name);
    if (entry.isDirectory()) out.push(...(await expand(full, full)));
    else if (MODEL_EXTENSIONS.has(extname(entry.name))) out.push(full);
  }
  return out;
}

async function readText(file: string): Promise<string> {
  try {
    return await readFile(file, "utf8");
  } catch (error) {
    throw new ModelError([{ path: "$", message: `cannot read model file: ${(error as NodeJS.ErrnoException).code ?? String(error)}` }], file);
  }
}

/**
 * The model named by `--model` or the config's `model`: one file, a folder,
 * or a list of them. A single JSON AST file is read as it always was (the
 * document as written, `apply` entries and all); anything else is loaded
 * and merged by {@link loadModelSources}.
 */
export async function loadModel(model: string | readonly string[]): Promise<SmithyModel> {
  const paths = typeof model === "string" ? [model] : model;
  if (paths.length === 1 && extname(paths[0]!) === ".json") return loadModelFile(paths[0]!);
  return (await loadModelSources(paths)).model;
}
