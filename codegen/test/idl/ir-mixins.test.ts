/**
 * A member redeclared over a mixin's member to add traits reaches the model
 * as Smithy writes it, an `apply` of the inherited member; the generator must
 * keep those traits (it used to drop an apply to a member the shape only
 * inherits, which made a @required member optional in the client).
 */
import { describe, expect, it } from "vitest";
import { buildIR } from "../../src/ir/index.js";
import type { StructureShape } from "../../src/ir/types.js";
import { loadModelTexts } from "../../src/load/files.js";

const MODEL = `$version: "2"
namespace ex
use aws.api#service
use aws.protocols#restJson1

@service(sdkId: "Mix")
@restJson1
service Svc {
    version: "1"
    operations: [Op]
}

@http(method: "POST", uri: "/op")
operation Op {
    input := with [Base] {
        /// Now required.
        @required
        name: String
    }
}

@mixin
structure Base {
    @length(min: 1)
    name: String
    other: Integer
}
`;

describe("mixins and apply, into the IR", () => {
  it("a redeclared mixin member keeps the mixin's traits and gains its own", () => {
    const { model } = loadModelTexts([{ file: "mix.smithy", text: MODEL }]);
    expect(model.shapes["ex#OpInput$name"]).toEqual({ type: "apply", traits: { "smithy.api#documentation": "Now required.", "smithy.api#required": {} } });
    const input = buildIR(model).shapeById.get("ex#OpInput") as StructureShape;
    const name = input.members.find((m) => m.name === "name")!;
    expect(name.required).toBe(true);
    expect(name.documentation).toBe("Now required.");
    expect(input.members.map((m) => m.name)).toEqual(["name", "other"]);
  });
});
