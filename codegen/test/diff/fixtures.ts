/** Small model pairs for the diff tests: a base model, and `variant(edit)` for a changed copy. */
import { diffModels } from "../../src/diff/index.js";
import type { Change, ModelDiff } from "../../src/diff/index.js";
import type { SmithyModel } from "../../src/load/types.js";
import { miniModel } from "../helpers.js";

type Shapes = Record<string, any>;

/**
 * One operation `ex#Op` (POST /things/{Id}) with:
 * - input `ex#OpInput`: Id (label), Name (length 1..10), Count (range 1..100), Mode (input-only enum), When (timestamp),
 *   Token (header X-Token), Tags (list), Shared (structure used in input and output)
 * - output `ex#OpOutput`: Status (required, output-only enum), Value, Detail (structure), Shared
 * - error `ex#NotFound` (404)
 */
export function baseModel(): SmithyModel {
  return miniModel(
    {
      "ex#Op": {
        type: "operation",
        input: { target: "ex#OpInput" },
        output: { target: "ex#OpOutput" },
        errors: [{ target: "ex#NotFound" }],
        traits: { "smithy.api#http": { method: "POST", uri: "/things/{Id}", code: 200 }, "smithy.api#documentation": "Does the thing." },
      },
      "ex#OpOutput": {
        type: "structure",
        members: {
          Status: { target: "ex#Status", traits: { "smithy.api#required": {} } },
          Value: { target: "smithy.api#String" },
          Detail: { target: "ex#Detail" },
          Shared: { target: "ex#Shared" },
        },
      },
      "ex#Mode": { type: "enum", members: { FAST: { target: "smithy.api#Unit", traits: { "smithy.api#enumValue": "fast" } }, SLOW: { target: "smithy.api#Unit", traits: { "smithy.api#enumValue": "slow" } } } },
      "ex#Status": { type: "enum", members: { OK: { target: "smithy.api#Unit", traits: { "smithy.api#enumValue": "ok" } }, FAILED: { target: "smithy.api#Unit", traits: { "smithy.api#enumValue": "failed" } } } },
      "ex#Name": { type: "string", traits: { "smithy.api#length": { min: 1, max: 10 }, "smithy.api#documentation": "A name." } },
      "ex#TagList": { type: "list", member: { target: "smithy.api#String" } },
      "ex#Detail": { type: "structure", members: { Note: { target: "smithy.api#String" }, Size: { target: "smithy.api#Long" } } },
      "ex#Shared": { type: "structure", members: { Kind: { target: "ex#Kind" }, Label: { target: "smithy.api#String" } } },
      "ex#Kind": { type: "enum", members: { A: { target: "smithy.api#Unit", traits: { "smithy.api#enumValue": "a" } }, B: { target: "smithy.api#Unit", traits: { "smithy.api#enumValue": "b" } } } },
      "ex#NotFound": { type: "structure", members: { message: { target: "smithy.api#String" } }, traits: { "smithy.api#error": "client", "smithy.api#httpError": 404 } },
    },
    {
      Name: { target: "ex#Name" },
      Count: { target: "smithy.api#Integer", traits: { "smithy.api#range": { min: 1, max: 100 } } },
      Mode: { target: "ex#Mode" },
      When: { target: "smithy.api#Timestamp" },
      Token: { target: "smithy.api#String", traits: { "smithy.api#httpHeader": "X-Token" } },
      Tags: { target: "ex#TagList" },
      Shared: { target: "ex#Shared" },
    },
  );
}

/** A copy of the base model changed by `edit` (which gets the shapes to mutate). */
export function variant(edit: (shapes: Shapes) => void, base: SmithyModel = baseModel()): SmithyModel {
  const copy = structuredClone(base);
  edit(copy.shapes as Shapes);
  return copy;
}

export function diffOf(edit: (shapes: Shapes) => void): ModelDiff {
  const base = baseModel();
  return diffModels(base, variant(edit, base));
}

/** The changes as `severity code location` strings, for compact assertions. */
export function summary(diff: ModelDiff): string[] {
  return diff.changes.map((c: Change) => `${c.severity} ${c.code} ${c.member === undefined ? c.shapeId : `${c.shapeId}$${c.member}`}`);
}

export const UNIT = "smithy.api#Unit";
