/**
 * JSON AST → IDL → JSON AST gives the same model: for a sample of the real
 * AWS models in ../shared/aws-models (the whole folder: scripts/idl-roundtrip.mjs),
 * for the models of Smithy's IDL corpus, and for our own test models.
 */
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadModelTexts } from "../../src/load/files.js";
import { modelToIdl } from "../../src/load/idl/serialize.js";
import { parseModel } from "../../src/load/load.js";
import { modelDifferences } from "../../src/load/model-equal.js";
import type { SmithyModel } from "../../src/load/types.js";
import { CODEGEN_ROOT, REPO_ROOT } from "../helpers.js";

const AWS = join(REPO_ROOT, "../shared/aws-models");
const CORPUS = join(REPO_ROOT, "../shared/smithy/idl/valid");

function roundTrip(model: SmithyModel): SmithyModel {
  const files = modelToIdl(model);
  return loadModelTexts([...files].map(([file, text]) => ({ file, text })), { validate: false }).model;
}

/** Every 40th model, so that the sample spreads over the alphabet. */
const sample = existsSync(AWS)
  ? readdirSync(AWS)
      .filter((f) => f.endsWith(".json"))
      .sort()
      .filter((_, i) => i % 40 === 0)
  : [];

describe("IDL round trip", () => {
  it.skipIf(sample.length === 0).each(sample)("aws-models/%s", (name) => {
    const model = parseModel(readFileSync(join(AWS, name), "utf8"), name);
    expect(modelDifferences(model, roundTrip(model))).toEqual([]);
  });

  it.each(["weather.json"].filter((f) => existsSync(join(CODEGEN_ROOT, "test/models", f))))("test/models/%s", (name) => {
    const model = parseModel(readFileSync(join(CODEGEN_ROOT, "test/models", name), "utf8"), name);
    expect(modelDifferences(model, roundTrip(model))).toEqual([]);
  });

  it.skipIf(!existsSync(CORPUS))("every model of the idl corpus (valid/*.ast.json)", () => {
    const walk = (dir: string): string[] => readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]));
    const files = walk(CORPUS).filter((f) => f.endsWith(".ast.json"));
    expect(files.length).toBeGreaterThan(10);
    for (const file of files) {
      const model = JSON.parse(readFileSync(file, "utf8")) as SmithyModel;
      expect(modelDifferences(model, roundTrip(model)), file).toEqual([]);
    }
  });

  it("writes one file per namespace, metadata apart, with use statements for foreign shapes", () => {
    const files = modelToIdl({
      smithy: "2.0",
      metadata: { suppressions: [{ id: "X", namespace: "*" }] },
      shapes: {
        "ex#Svc": { type: "service", version: "1", traits: { "aws.protocols#restJson1": {}, "smithy.api#documentation": "Docs\n\nmore" } },
        "ex#S": { type: "structure", members: { a: { target: "other#T", traits: { "smithy.api#default": "x" } } } },
        "other#T": { type: "string" },
      },
    });
    expect([...files.keys()]).toEqual(["metadata.smithy", "ex.smithy", "other.smithy"]);
    const ex = files.get("ex.smithy")!;
    expect(ex).toContain("use aws.protocols#restJson1\nuse other#T\n");
    expect(ex).toContain("/// Docs\n///\n/// more\n@restJson1\nservice Svc {");
    expect(ex).toContain('    a: T = "x"');
  });
});
