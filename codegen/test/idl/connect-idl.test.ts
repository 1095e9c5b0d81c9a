/**
 * ../shared/smithy/bench/connect-idl is the full Amazon Connect model written
 * as IDL by Smithy's serializer, with the AWS and Smithy trait definitions it
 * uses: loading it gives the model of ../shared/upstream/connect.json.
 */
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadModelSources } from "../../src/load/files.js";
import { modelDifferences } from "../../src/load/model-equal.js";
import type { SmithyModel } from "../../src/load/types.js";
import { REPO_ROOT } from "../helpers.js";

const SHARED = join(REPO_ROOT, "../shared");
const BENCH = join(SHARED, "smithy/bench/connect-idl");

describe.skipIf(!existsSync(BENCH))("connect-idl", () => {
  it("loads to the same model as upstream/connect.json", async () => {
    const { model, locations } = await loadModelSources([BENCH]);
    const upstream = JSON.parse(await readFile(join(SHARED, "upstream/connect.json"), "utf8")) as SmithyModel;
    // The trait definitions of the other files are the ones Smithy found on its classpath.
    const connect: SmithyModel = { ...model, shapes: Object.fromEntries(Object.entries(model.shapes).filter(([id]) => id.startsWith("com.amazonaws.connect#"))) };
    expect(modelDifferences(connect, upstream)).toEqual([]);
    expect(Object.keys(connect.shapes).length).toBe(Object.keys(upstream.shapes).length);
    const others = Object.keys(model.shapes).filter((id) => !id.startsWith("com.amazonaws.connect#"));
    expect(others.every((id) => /^(aws|smithy)\./.test(id))).toBe(true);
    // Locations point into the IDL: the service, and a member, 1-based.
    const service = locations.get("com.amazonaws.connect#AmazonConnectService");
    expect(service?.file).toBe(join(BENCH, "com.amazonaws.connect.smithy"));
    expect(service?.line).toBeGreaterThan(1);
    expect(locations.get("com.amazonaws.connect#StartAttachedFileUploadRequest$InstanceId")?.column).toBeGreaterThan(1);
  });
});
