/**
 * Validation of model files, for `sdkgen validate` and the generate path:
 * the files are loaded (IDL and JSON AST, merged), and a problem the loader
 * cannot get past (an IDL syntax error, a duplicate shape) becomes a `Model`
 * ERROR event instead of an exception.
 */
import { readFile, stat } from "node:fs/promises";
import { extname } from "node:path";
import { loadModelSources } from "../load/files.js";
import { ModelError } from "../load/problems.js";
import type { SmithyModel } from "../load/types.js";
import type { SourceLocations, ValidationEvent } from "./events.js";
import { validateModel } from "./index.js";

export interface FileValidation {
  events: ValidationEvent[];
  /** The model as loaded, when loading got that far. */
  model?: SmithyModel;
  locations?: SourceLocations;
}

/** Loads and validates model files and folders. Never throws for a bad model. */
export async function validateFiles(paths: readonly string[]): Promise<FileValidation> {
  // A single JSON AST file is checked as raw JSON, so structural problems get Smithy's loader events
  // rather than stopping at the first one.
  if (paths.length === 1 && extname(paths[0]!) === ".json" && (await isFile(paths[0]!))) {
    let text: string;
    try {
      text = await readFile(paths[0]!, "utf8");
    } catch (error) {
      return { events: [modelEvent(`cannot read ${paths[0]}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`)] };
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      return { events: [modelEvent(`${paths[0]}: not valid JSON: ${(error as Error).message}`)] };
    }
    return { events: validateModel(json), model: json as SmithyModel };
  }
  try {
    const { model, locations } = await loadModelSources(paths, { validate: false });
    return { events: validateModel(model, locations), model, locations };
  } catch (error) {
    if (!(error instanceof ModelError)) throw error;
    return {
      events: error.problems.map((p) => ({
        severity: "ERROR" as const,
        eventId: "Model",
        message: p.message,
        ...(p.shapeId ? { shapeId: p.shapeId } : {}),
        ...(p.location ? { location: p.location } : {}),
      })),
    };
  }
}

function modelEvent(message: string): ValidationEvent {
  return { severity: "ERROR", eventId: "Model", message };
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}
