import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { SmithyModel } from "../src/load/types.js";

export const CODEGEN_ROOT = fileURLToPath(new URL("../", import.meta.url));
export const REPO_ROOT = fileURLToPath(new URL("../../", import.meta.url));
export const CLI = join(CODEGEN_ROOT, "dist/cli.js");

export function tempDir(prefix = "sdkgen-test-"): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** A minimal valid restJson1 model with one operation; `extra` shapes are merged in. */
export function miniModel(extra: Record<string, unknown> = {}, opInput: Record<string, unknown> = {}): SmithyModel {
  return {
    smithy: "2.0",
    shapes: {
      "ex#Svc": {
        type: "service",
        version: "1",
        operations: [{ target: "ex#Op" }],
        traits: { "aws.protocols#restJson1": {}, "aws.api#service": { sdkId: "Mini" } },
      },
      "ex#Op": {
        type: "operation",
        input: { target: "ex#OpInput" },
        output: { target: "ex#OpOutput" },
        traits: { "smithy.api#http": { method: "POST", uri: "/things/{Id}", code: 200 } },
      },
      "ex#OpInput": {
        type: "structure",
        members: {
          Id: { target: "smithy.api#String", traits: { "smithy.api#required": {}, "smithy.api#httpLabel": {} } },
          ...opInput,
        },
      },
      "ex#OpOutput": { type: "structure", members: {} },
      ...extra,
    } as SmithyModel["shapes"],
  };
}
