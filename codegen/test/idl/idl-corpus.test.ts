/**
 * Smithy's own IDL test corpus (../shared/smithy/idl, see its SOURCES.md):
 * every `valid/X.smithy` loads to the model of `X.ast.json` (or `X.json`),
 * compared as a model; every `invalid/` file is rejected, at the line and
 * column its first-line comment gives. Cases listed in corpus-skips.json are
 * skipped with their reason.
 */
import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadModelTexts } from "../../src/load/files.js";
import { modelDifferences } from "../../src/load/model-equal.js";
import { ModelError } from "../../src/load/problems.js";
import type { SmithyModel } from "../../src/load/types.js";
import { REPO_ROOT } from "../helpers.js";

const CORPUS = join(REPO_ROOT, "../shared/smithy/idl");
const SHARED = join(CORPUS, "valid/__shared.json");
const skips = (JSON.parse(readFileSync(new URL("./corpus-skips.json", import.meta.url), "utf8")) as { skips: Record<string, string> }).skips;

function walk(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? walk(path) : [path];
    });
}

const counts = { passed: 0, failed: 0, skipped: 0 };
function track(name: string, run: () => void): void {
  if (Object.hasOwn(skips, name)) {
    counts.skipped++;
    it.skip(`${name} (${skips[name]})`, () => {});
    return;
  }
  it(name, () => {
    try {
      run();
      counts.passed++;
    } catch (error) {
      counts.failed++;
      throw error;
    }
  });
}

const read = (file: string) => ({ file, text: readFileSync(file, "utf8") });

/** Loads a valid case alone, or with __shared.json when it needs shapes from there. */
function loadValid(file: string): SmithyModel {
  const shared = JSON.parse(readFileSync(SHARED, "utf8")) as SmithyModel;
  const text = readFileSync(file, "utf8");
  const needsShared = Object.keys(shared.shapes).some((id) => text.includes(id.slice(0, id.indexOf("#"))));
  const model = loadModelTexts(needsShared ? [read(file), read(SHARED)] : [read(file)], { validate: false }).model;
  if (needsShared) for (const id of Object.keys(shared.shapes)) delete model.shapes[id];
  return model;
}

describe.skipIf(!existsSync(CORPUS))("smithy idl corpus", () => {
  describe("valid: loads to the model of its .ast.json", () => {
    for (const file of walk(join(CORPUS, "valid")).filter((f) => f.endsWith(".smithy"))) {
      const expectedFile = [file.replace(/\.smithy$/, ".ast.json"), file.replace(/\.smithy$/, ".json")].find((f) => existsSync(f));
      if (!expectedFile) continue;
      track(relative(CORPUS, file), () => {
        const expected = JSON.parse(readFileSync(expectedFile, "utf8")) as SmithyModel;
        const model = loadValid(file);
        expect(modelDifferences(model, expected)).toEqual([]);
      });
    }
  });

  describe("invalid: rejected at the line and column of its first-line comment", () => {
    for (const file of walk(join(CORPUS, "invalid")).filter((f) => f.endsWith(".smithy"))) {
      track(relative(CORPUS, file), () => {
        const text = readFileSync(file, "utf8");
        const expected = /line (\d+), column (\d+)/.exec(text.split("\n")[0]!);
        const inputs = [read(file)];
        const json = file.replace(/\.smithy$/, ".json");
        if (existsSync(json)) inputs.push(read(json));
        let error: unknown;
        try {
          loadModelTexts(inputs);
        } catch (e) {
          error = e;
        }
        expect(error, "the file must be rejected").toBeInstanceOf(ModelError);
        if (expected) {
          const location = (error as ModelError).problems[0]?.location;
          expect(location && `${location.line}:${location.column}`, (error as Error).message).toBe(`${expected[1]}:${expected[2]}`);
        }
      });
    }
  });

  afterAll(() => {
    console.log(`smithy idl corpus: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
  });
});
