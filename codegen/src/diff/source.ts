/**
 * Where the models of a diff come from: a file, or a file as it was at a git
 * ref (`HEAD~1:models/connect.json`, read with `git show`).
 */
import { execFileSync } from "node:child_process";
import { existsSync, realpathSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { basename, dirname, posix, relative, resolve, sep } from "node:path";
import { type TraitOverlay, overlayProblems } from "../config/overlay.js";
import { parseModel } from "../load/load.js";
import type { SmithyModel } from "../load/types.js";

/** A model source that cannot be read: a bad ref, a path missing at a ref, no git repository. */
export class SourceError extends Error {
  override name = "SourceError";
}

export interface ModelSource {
  /** How to name the source in a report, e.g. `HEAD~1:models/connect.json`. */
  label: string;
  model: SmithyModel;
}

export interface ModelAtRef extends ModelSource {
  /** The service and operations named by sdkgen.config.json at the ref, when it existed there. */
  config?: { service?: string; operations?: string[]; traits?: TraitOverlay };
}

/**
 * Reads `arg` as a model file, or as `<ref>:<path>` when no such file exists
 * (git resolves the path from the repository root, or from `cwd` when it
 * starts with `./`). Throws `ModelError` for a bad model, {@link SourceError}
 * when git cannot provide it.
 */
export async function readModelSource(arg: string, cwd: string = process.cwd()): Promise<ModelSource> {
  const spec = parseGitSpec(arg, cwd);
  if (spec) return { label: arg, model: parseModel(gitShow(spec.ref, spec.path, cwd), arg) };
  return { label: arg, model: await readModelFile(resolve(cwd, arg), arg) };
}

/**
 * A model file named on the command line: {@link SourceError} when it cannot
 * be read (missing, a folder), `ModelError` when it is not a valid model.
 */
export async function readModelFile(file: string, label: string = file): Promise<SmithyModel> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === "ENOENT" ? "no such file" : code === "EISDIR" ? "it is a folder" : (code ?? String(error));
    throw new SourceError(`cannot read model file ${label}: ${why}`);
  }
  return parseModel(text, file);
}

/** `<ref>:<path>` split in two; undefined when `arg` names an existing file or is not of that form. */
export function parseGitSpec(arg: string, cwd: string = process.cwd()): { ref: string; path: string } | undefined {
  if (existsSync(resolve(cwd, arg))) return undefined;
  const colon = arg.indexOf(":");
  if (colon <= 0 || colon === arg.length - 1) return undefined;
  return { ref: arg.slice(0, colon), path: arg.slice(colon + 1) };
}

/**
 * The model named by the config file as it was at `ref`: the config is read
 * at that ref too (its `model` path may have moved); when the config did not
 * exist there, `currentModel`'s path is used.
 */
export function modelAtRef(ref: string, configFile: string, currentModel: string): ModelAtRef {
  const top = gitTopLevel(dirname(resolve(configFile)));
  const configPath = gitPath(top, configFile);
  let modelPath = gitPath(top, currentModel);
  let config: ModelAtRef["config"];
  try {
    const raw = JSON.parse(gitShow(ref, configPath, top)) as { model?: unknown; service?: unknown; operations?: unknown; traits?: unknown };
    if (typeof raw.model === "string") modelPath = posix.normalize(posix.join(posix.dirname(configPath), raw.model));
    config = {
      service: typeof raw.service === "string" ? raw.service : undefined,
      operations: Array.isArray(raw.operations) ? raw.operations.filter((o): o is string => typeof o === "string") : undefined,
      // An overlay that was malformed at that ref is left out rather than failing the diff.
      traits: raw.traits !== undefined && overlayProblems(raw.traits).length === 0 ? (raw.traits as TraitOverlay) : undefined,
    };
  } catch {
    // No (readable) config at that ref: the model is where it is now.
  }
  const label = `${ref}:${modelPath}`;
  return { label, model: parseModel(gitShow(ref, modelPath, top), label), config };
}

/** `git show <ref>:<path>`, run in `cwd`. */
export function gitShow(ref: string, path: string, cwd: string): string {
  try {
    return execFileSync("git", ["show", `${ref}:${path}`], { cwd, encoding: "utf8", maxBuffer: 1 << 30, stdio: ["ignore", "pipe", "pipe"] });
  } catch (error) {
    throw new SourceError(`cannot read ${ref}:${path} from git: ${gitMessage(error)}`);
  }
}

export function gitTopLevel(cwd: string): string {
  try {
    return execFileSync("git", ["rev-parse", "--show-toplevel"], { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }).trim();
  } catch (error) {
    throw new SourceError(`${cwd} is not in a git repository: ${gitMessage(error)}`);
  }
}

/** `file` relative to the repository root, with forward slashes, as `git show` wants it. */
function gitPath(top: string, file: string): string {
  return relative(real(top), real(resolve(file))).split(sep).join("/");
}

function real(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    // Not there (yet): resolve the folders that are.
    return dirname(path) === path ? path : resolve(real(dirname(path)), basename(path));
  }
}

function gitMessage(error: unknown): string {
  const stderr = String((error as { stderr?: unknown }).stderr ?? "").trim();
  return stderr.split("\n")[0] || (error as Error).message;
}
