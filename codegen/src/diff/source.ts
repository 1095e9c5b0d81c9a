/**
 * Where the models of a diff come from: a file, or a file as it was at a git
 * ref (`HEAD~1:models/connect.smithy`, read with `git show`).
 */
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, realpathSync, statSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { basename, dirname, extname, posix, relative, resolve, sep } from "node:path";
import { loadModel, loadModelTexts } from "../load/files.js";
import { type TraitOverlay, overlayProblems } from "../config/overlay.js";
import { parseModel } from "../load/load.js";
import type { SmithyModel } from "../load/types.js";

/** A model source that cannot be read: a bad ref, a path missing at a ref, no git repository. */
export class SourceError extends Error {
  override name = "SourceError";
}

export interface ModelSource {
  /** How to name the source in a report, e.g. `HEAD~1:models/connect.smithy`. */
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
  if (spec) return { label: arg, model: modelFromGit(spec.ref, [spec.path], cwd, arg) };
  return { label: arg, model: await readModelFile(resolve(cwd, arg), arg) };
}

/**
 * The model made of `paths` (files or folders, `.smithy` or `.json`) as they
 * were at `ref`. A single JSON file is read as such; anything else is
 * loaded like `--model` reads files on disk.
 */
function modelFromGit(ref: string, paths: readonly string[], cwd: string, label: string): SmithyModel {
  if (paths.length === 1 && extname(paths[0]!) === ".json") return parseModel(gitShow(ref, paths[0]!, cwd), label);
  const files: string[] = [];
  for (const path of paths) {
    const listed = gitListFiles(ref, path, path.startsWith("./") ? cwd : gitTopLevel(cwd)).filter((f) => f.endsWith(".smithy") || f.endsWith(".json"));
    if (listed.length === 0) throw new SourceError(`cannot read ${ref}:${path} from git: no .smithy or .json files there`);
    files.push(...listed);
  }
  return loadModelTexts(files.map((f) => ({ file: `${ref}:${f}`, text: gitShow(ref, f, cwd) }))).model;
}

function gitListFiles(ref: string, path: string, cwd: string): string[] {
  try {
    const out = execFileSync("git", ["ls-tree", "-r", "--name-only", "--full-name", ref, "--", path], { cwd, encoding: "utf8", maxBuffer: 1 << 30, stdio: ["ignore", "pipe", "pipe"] });
    return out.split("\n").filter(Boolean).sort();
  } catch (error) {
    throw new SourceError(`cannot read ${ref}:${path} from git: ${gitMessage(error)}`);
  }
}

/**
 * A model file named on the command line: {@link SourceError} when it cannot
 * be read (missing, a folder), `ModelError` when it is not a valid model.
 */
export async function readModelFile(file: string | readonly string[], label: string = String(file)): Promise<SmithyModel> {
  if (typeof file !== "string" || extname(file) !== ".json") {
    const paths = typeof file === "string" ? [file] : file;
    for (const p of paths) {
      const name = p === file ? label : p;
      if (!existsSync(p)) throw new SourceError(`cannot read model ${name}: no such file or folder`);
      if (statSync(p).isDirectory() && !hasModelFiles(p)) throw new SourceError(`cannot read model ${name}: a folder without .smithy or .json files`);
    }
    return loadModel(paths);
  }
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

/** What `modelAtRef` needs of the current config's service: how to find it in the config at the ref. */
export interface ServiceAtRef {
  model: string | readonly string[];
  service?: string;
  name?: string;
}

/**
 * The model of a configured service as it was at `ref`: the config is read at that ref too (the
 * model's path may have moved). The service is found there by its shape id, short name or model
 * path; when the config did not exist there, the current model's path is used. Returns undefined
 * when the config at the ref lists services but not this one: the service is new since `ref`.
 */
export function modelAtRef(ref: string, configFile: string, current: ServiceAtRef | string | readonly string[]): ModelAtRef | undefined {
  const wanted: ServiceAtRef = typeof current === "string" || Array.isArray(current) ? { model: current as string | readonly string[] } : (current as ServiceAtRef);
  const top = gitTopLevel(dirname(resolve(configFile)));
  const configPath = gitPath(top, configFile);
  const currentPaths = (typeof wanted.model === "string" ? [wanted.model] : wanted.model).map((m) => gitPath(top, m));
  let modelPaths = currentPaths;
  let config: ModelAtRef["config"];
  let raw: Record<string, unknown> | undefined;
  try {
    raw = JSON.parse(gitShow(ref, configPath, top)) as Record<string, unknown>;
  } catch {
    // No (readable) config at that ref: the model is where it is now.
  }
  if (raw) {
    const entries = (Array.isArray(raw.services) ? raw.services : [raw]).filter((e): e is Record<string, unknown> => typeof e === "object" && e !== null);
    const pathsOf = (e: Record<string, unknown>) =>
      (typeof e.model === "string" ? [e.model] : Array.isArray(e.model) ? e.model.filter((m): m is string => typeof m === "string") : []).map((m) =>
        posix.normalize(posix.join(posix.dirname(configPath), m)),
      );
    const sameModel = (e: Record<string, unknown>) => pathsOf(e).join("\n") === currentPaths.join("\n");
    const entry =
      (wanted.service !== undefined ? entries.find((e) => e.service === wanted.service) : undefined) ??
      (wanted.name !== undefined ? entries.find((e) => e.name === wanted.name) : undefined) ??
      entries.find(sameModel) ??
      // The single-service form names one service: it is this one if nothing says otherwise.
      (!Array.isArray(raw.services) && (entries[0]?.service === undefined || wanted.service === undefined) ? entries[0] : undefined);
    if (!entry) return undefined;
    const atRef = pathsOf(entry);
    if (atRef.length > 0) modelPaths = atRef;
    config = {
      service: typeof entry.service === "string" ? entry.service : undefined,
      operations: Array.isArray(entry.operations) ? entry.operations.filter((o): o is string => typeof o === "string") : undefined,
      // An overlay that was malformed at that ref is left out rather than failing the diff.
      traits: entry.traits !== undefined && overlayProblems(entry.traits).length === 0 ? (entry.traits as TraitOverlay) : undefined,
    };
  }
  const label = `${ref}:${modelPaths.join(",")}`;
  return { label, model: modelFromGit(ref, modelPaths, top, label), config };
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

function hasModelFiles(dir: string): boolean {
  return readdirSync(dir, { withFileTypes: true }).some((e) =>
    e.isDirectory() ? hasModelFiles(resolve(dir, e.name)) : e.name.endsWith(".smithy") || e.name.endsWith(".json"),
  );
}
