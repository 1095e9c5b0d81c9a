/**
 * Errors bound to the service (not to an operation) are read like operation errors: the shapes
 * their members target get deserializers. (Found in real awsJson models, Verified Permissions and
 * BCM Pricing Calculator, whose clients referred to a `de_ValidationExceptionFieldList` never written.)
 */
import { describe, expect, it } from "vitest";
import { generateFromModel } from "../../src/generate.js";
import { buildIR } from "../../src/ir/build.js";
import { miniModel } from "../helpers.js";

function withServiceError() {
  const model = miniModel({
    "ex#Invalid": { type: "structure", members: { fields: { target: "ex#FieldList" } }, traits: { "smithy.api#error": "client" } },
    "ex#FieldList": { type: "list", member: { target: "ex#Field" } },
    "ex#Field": { type: "structure", members: { path: { target: "smithy.api#String" } } },
  });
  model.shapes["ex#Svc"]!.errors = [{ target: "ex#Invalid" }];
  return model;
}

describe("service-level errors", () => {
  it("mark the shapes their members reach as read from responses", () => {
    const ir = buildIR(withServiceError());
    expect(ir.shapeById.get("ex#FieldList")!.usage.output).toBe(true);
    expect(ir.shapeById.get("ex#Field")!.usage.output).toBe(true);
  });

  it("get the deserializers of those shapes in the client", async () => {
    const packages = { types: { name: "t", dir: "/unused/t" }, client: { name: "c", dir: "/unused/c" } };
    const result = await generateFromModel(withServiceError(), { model: "model.json", packages });
    const client = result.packages.find((p) => p.kind === "client")!;
    const json = client.files.find((f) => f.path === "src/gen/protocols/json.ts")!.contents;
    const errors = client.files.find((f) => f.path === "src/gen/protocols/errors.ts")!.contents;
    expect(errors).toContain("de_FieldList");
    expect(json).toContain("export function de_FieldList(");
    expect(json).toContain("export function de_Field(");
  });
});
