import { readFile } from "node:fs/promises";
import { PRELUDE_NAMES } from "./idl/known-shapes.js";
import { type LossyNumber, decodeUtf8, jsonSyntaxProblem, jsonTextProblems, keepLossyNumbers } from "./json-text.js";
import { PRELUDE_SHAPES, isPreludeId } from "./prelude.js";
import { ModelError, type ModelProblem, shapePath } from "./problems.js";
import { SHAPE_TYPES, type AstMember, type AstShape, type SmithyModel } from "./types.js";

const SUPPORTED_VERSIONS = new Set(["1", "1.0", "2", "2.0"]);
const SHAPE_ID = /^[A-Za-z_][\w]*(\.[A-Za-z_][\w]*)*#[A-Za-z_][\w]*$/;
const MEMBER_ID = /^[A-Za-z_][\w]*(\.[A-Za-z_][\w]*)*#[A-Za-z_][\w]*\$[A-Za-z_][\w]*$/;

/** Reads and validates a Smithy JSON AST file. Throws {@link ModelError}. */
export async function loadModelFile(file: string): Promise<SmithyModel> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(file);
  } catch (error) {
    throw new ModelError([{ path: "$", message: `cannot read model file: ${(error as NodeJS.ErrnoException).code ?? String(error)}` }], file);
  }
  const decoded = decodeUtf8(bytes);
  if ("problem" in decoded) throw new ModelError([decoded.problem], file);
  return parseModel(decoded.text, file);
}

/** Parses and validates a Smithy JSON AST document. Throws {@link ModelError}. */
export function parseModel(text: string, file?: string): SmithyModel {
  return parseJson(text, file, true);
}

/**
 * Parses a JSON AST document that is one file of a model: its structure is
 * checked, but targets may be defined by the other files.
 */
export function parseModelStructure(text: string, file?: string): SmithyModel {
  return parseJson(text, file, false);
}

function parseJson(text: string, file: string | undefined, checkTargets: boolean): SmithyModel {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ModelError([jsonSyntaxProblem(text, error as Error)], file);
  }
  // JSON.parse keeps the last of two equal keys: the model would silently lose a shape or trait.
  const lossy: LossyNumber[] = [];
  const textProblems = jsonTextProblems(text, lossy);
  if (textProblems.length > 0) throw new ModelError(textProblems, file);
  // A bound beyond 2^53 (or a 30-digit decimal) keeps its exact text for the IR and `sdkgen ast`.
  keepLossyNumbers(json, lossy);
  const problems = validateModel(json, { checkTargets });
  if (problems.length > 0) throw new ModelError(problems, file);
  return json as SmithyModel;
}

/**
 * Structural validation of a JSON AST: version, shape types, shape ids and
 * member targets. Semantic checks that depend on the selected service (HTTP
 * bindings, protocols, naming) are made when the IR is built.
 */
export function validateModel(json: unknown, options: { checkTargets?: boolean } = {}): ModelProblem[] {
  const checkTargets = options.checkTargets ?? true;
  const problems: ModelProblem[] = [];
  if (!isObject(json)) return [{ path: "$", message: "a Smithy JSON AST must be an object" }];
  const version = json.smithy;
  if (typeof version !== "string" || !SUPPORTED_VERSIONS.has(version)) {
    problems.push({ path: "$.smithy", message: `unknown smithy version ${JSON.stringify(version)}; expected "1.0" or "2.0"` });
  }
  if (!isObject(json.shapes)) {
    problems.push({ path: "$.shapes", message: "missing or not an object" });
    return problems;
  }
  const shapes = json.shapes as Record<string, unknown>;
  const exists = (id: string) =>
    !checkTargets || Object.hasOwn(shapes, id) || Object.hasOwn(PRELUDE_SHAPES, id) || (id.startsWith("smithy.api#") && PRELUDE_NAMES.has(id.slice(11)));

  for (const id of Object.keys(shapes).sort()) {
    const shape = shapes[id];
    // An `apply` entry may name a member (`ns#Shape$member`), e.g. traits added to a mixed-in member.
    const applyToMember = isObject(shape) && shape.type === "apply" && MEMBER_ID.test(id);
    if (!SHAPE_ID.test(id) && !applyToMember) problems.push({ shapeId: id, path: shapePath(id), message: "not a valid absolute shape id" });
    if (!isObject(shape)) {
      problems.push({ shapeId: id, path: shapePath(id), message: "a shape must be an object" });
      continue;
    }
    if (typeof shape.type !== "string" || !SHAPE_TYPES.has(shape.type)) {
      problems.push({ shapeId: id, path: shapePath(id, "type"), message: `unknown shape type ${JSON.stringify(shape.type)}` });
      continue;
    }
    if (shape.traits !== undefined && !isObject(shape.traits)) {
      problems.push({ shapeId: id, path: shapePath(id, "traits"), message: "traits must be an object" });
    }
    const checkRef = (ref: unknown, ...path: (string | number)[]) => {
      if (!isObject(ref) || typeof ref.target !== "string") {
        problems.push({ shapeId: id, path: shapePath(id, ...path), message: "expected an object with a string `target`" });
      } else if (!exists(ref.target)) {
        problems.push({ shapeId: id, path: shapePath(id, ...path, "target"), message: `target ${ref.target} does not exist in the model` });
      }
    };
    const s = shape as unknown as AstShape;
    switch (s.type) {
      case "list":
      case "set":
        checkRef(s.member, "member");
        break;
      case "map":
        checkRef(s.key, "key");
        checkRef(s.value, "value");
        break;
      case "structure":
      case "union":
      case "enum":
      case "intEnum":
        if (s.members !== undefined && !isObject(s.members)) {
          problems.push({ shapeId: id, path: shapePath(id, "members"), message: "members must be an object" });
          break;
        }
        for (const [name, member] of Object.entries(s.members ?? {})) {
          if (!/^[A-Za-z_][\w]*$/.test(name)) {
            problems.push({ shapeId: id, path: shapePath(id, "members", name), message: `invalid member name ${JSON.stringify(name)}` });
          }
          checkRef(member as AstMember, "members", name);
        }
        checkCaseCollisions(id, Object.keys(s.members ?? {}), problems);
        break;
      case "operation":
        if (s.input !== undefined) checkRef(s.input, "input");
        if (s.output !== undefined) checkRef(s.output, "output");
        (s.errors ?? []).forEach((e, i) => checkRef(e, "errors", i));
        break;
      case "service":
        (s.operations ?? []).forEach((e, i) => checkRef(e, "operations", i));
        (s.resources ?? []).forEach((e, i) => checkRef(e, "resources", i));
        (s.errors ?? []).forEach((e, i) => checkRef(e, "errors", i));
        break;
      case "resource":
        for (const key of ["create", "put", "read", "update", "delete", "list"] as const) {
          if (s[key] !== undefined) checkRef(s[key], key);
        }
        (s.operations ?? []).forEach((e, i) => checkRef(e, "operations", i));
        (s.collectionOperations ?? []).forEach((e, i) => checkRef(e, "collectionOperations", i));
        (s.resources ?? []).forEach((e, i) => checkRef(e, "resources", i));
        break;
      default:
        break;
    }
    (s.mixins ?? []).forEach((m, i) => checkRef(m, "mixins", i));
  }
  return problems;
}

/** Smithy member names are unique ignoring case; generated code relies on it. */
function checkCaseCollisions(shapeId: string, names: string[], problems: ModelProblem[]): void {
  const seen = new Map<string, string>();
  for (const name of names) {
    const key = name.toLowerCase();
    const other = seen.get(key);
    if (other !== undefined) {
      problems.push({ shapeId, path: shapePath(shapeId, "members", name), message: `member name ${name} collides with ${other} after casing` });
    } else seen.set(key, name);
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export { isPreludeId };
