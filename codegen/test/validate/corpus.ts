/**
 * Smithy's errorfiles corpus (../shared/smithy/errorfiles): each model file
 * beside a `.errors` file listing the events Smithy emits for it. A case
 * passes when the ERROR and DANGER events of `sdkgen validate` match the
 * file's, compared by event id and shape id.
 */
import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { validateFiles } from "../../src/validate/files.js";

const codegenRoot = fileURLToPath(new URL("../..", import.meta.url));
export const sharedDir = process.env.CONNECT_SDK_SHARED ?? resolve(codegenRoot, "../../shared");
export const errorfilesDir = join(sharedDir, "smithy/errorfiles");

export interface Case {
  /** Path under errorfiles/, without extension: `validators/length-trait`. */
  name: string;
  model: string;
  errors: string;
}

export function listCases(dir = errorfilesDir): Case[] {
  const out: Case[] = [];
  const walk = (d: string) => {
    for (const entry of readdirSync(d).sort()) {
      const path = join(d, entry);
      if (statSync(path).isDirectory()) walk(path);
      else if (entry.endsWith(".errors")) {
        const base = path.slice(0, -".errors".length);
        const model = [".smithy", ".json"].map((ext) => base + ext).find((p) => existsSync(p));
        if (model) out.push({ name: relative(dir, base), model, errors: path });
      }
    }
  };
  walk(dir);
  return out;
}

/** `ERROR|EventId|shape` keys of the ERROR and DANGER lines of a `.errors` file. */
export function expectedKeys(errorsFile: string): string[] {
  const keys = new Set<string>();
  for (const line of readFileSync(errorsFile, "utf8").split("\n")) {
    const m = /^\[(ERROR|DANGER)\] (\S+?): /.exec(line);
    if (!m) continue;
    const bar = line.lastIndexOf(" | ");
    keys.add(`${m[1]}|${line.slice(bar + 3).trim()}|${m[2]}`);
  }
  return [...keys].sort();
}

/** The keys `sdkgen validate` produces for a case. */
export async function actualKeys(c: Case): Promise<string[]> {
  const { events } = await validateFiles([c.model]);
  const keys = new Set<string>();
  for (const e of events) if (e.severity === "ERROR" || e.severity === "DANGER") keys.add(`${e.severity}|${e.eventId}|${e.shapeId ?? "-"}`);
  return [...keys].sort();
}
