import { describe, expect, it } from "vitest";
import { ModelError, formatProblem, parseModel } from "../../src/load/index.js";
import { buildIR } from "../../src/ir/index.js";
import { miniModel } from "../helpers.js";

function problemsOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ModelError);
    return (error as ModelError).problems.map((p) => formatProblem(p));
  }
  throw new Error("expected a ModelError");
}

describe("load: parse and validate", () => {
  it("accepts a valid model", () => {
    expect(parseModel(JSON.stringify(miniModel())).shapes["ex#Op"]?.type).toBe("operation");
  });

  it("rejects text that is not JSON, naming the position", () => {
    const [line, ...rest] = problemsOf(() => parseModel("{ not json", "bad.json"));
    expect(rest).toEqual([]);
    expect(line).toMatch(/^<model>:1:3: \$: not valid JSON: /);
  });

  it("rejects an unknown smithy version", () => {
    const model = { ...miniModel(), smithy: "3.0" };
    expect(problemsOf(() => parseModel(JSON.stringify(model)))).toEqual([
      '$.smithy: unknown smithy version "3.0"; expected "1.0" or "2.0"',
    ]);
  });

  it("rejects a dangling target with the shape id and JSON path", () => {
    const model = miniModel({}, { Missing: { target: "ex#Nope" } });
    expect(problemsOf(() => parseModel(JSON.stringify(model)))).toEqual([
      'ex#OpInput ($.shapes["ex#OpInput"].members.Missing.target): target ex#Nope does not exist in the model',
    ]);
  });

  it("rejects an unknown shape type", () => {
    const model = miniModel({ "ex#Weird": { type: "tuple" } });
    expect(problemsOf(() => parseModel(JSON.stringify(model)))).toEqual([
      'ex#Weird ($.shapes["ex#Weird"].type): unknown shape type "tuple"',
    ]);
  });

  it("reports every problem, one line each", () => {
    const model = miniModel({ "ex#A": { type: "list", member: { target: "ex#Gone" } }, "ex#B": { type: "blorp" } });
    model.smithy = "9";
    const lines = problemsOf(() => parseModel(JSON.stringify(model)));
    expect(lines).toHaveLength(3);
    expect(lines.every((l) => !l.includes("\n") && !/\bat .*:\d+:\d+/.test(l))).toBe(true);
  });

  it("rejects member names that collide after casing", () => {
    const model = miniModel({}, { Name: { target: "smithy.api#String" }, name: { target: "smithy.api#String" } });
    expect(problemsOf(() => parseModel(JSON.stringify(model)))).toEqual([
      'ex#OpInput ($.shapes["ex#OpInput"].members.name): member name name collides with Name after casing',
    ]);
  });
});

describe("IR validation of a parsed model", () => {
  it("rejects a uri label without an input member", () => {
    const model = miniModel();
    (model.shapes["ex#OpInput"]!.members!.Id!.traits as Record<string, unknown>) = { "smithy.api#required": {} };
    const lines = problemsOf(() => buildIR(model));
    expect(lines).toContain('ex#Op ($.shapes["ex#Op"].traits["smithy.api#http"].uri): uri label {Id} has no input member with @httpLabel in ex#OpInput');
  });

  it("rejects an @httpLabel member missing from the uri", () => {
    const model = miniModel({}, { Other: { target: "smithy.api#String", traits: { "smithy.api#required": {}, "smithy.api#httpLabel": {} } } });
    expect(problemsOf(() => buildIR(model))).toEqual([
      'ex#OpInput ($.shapes["ex#OpInput"].members.Other.traits["smithy.api#httpLabel"]): @httpLabel member Other has no {Other} label in the uri of ex#Op',
    ]);
  });

  it("rejects a service without a supported protocol", () => {
    const model = miniModel();
    model.shapes["ex#Svc"]!.traits = { "aws.protocols#restXml": {} };
    expect(problemsOf(() => buildIR(model))).toEqual([
      'ex#Svc ($.shapes["ex#Svc"].traits): service has no supported protocol (supported: awsJson1_0, awsJson1_1, restJson1, rpcv2Cbor, rpcv2Json); found aws.protocols#restXml',
    ]);
  });

  it("rejects shape names that collide after casing", () => {
    const model = miniModel(
      {
        "ex#Thing": { type: "structure", members: {} },
        "other#thing": { type: "structure", members: {} },
      },
      { A: { target: "ex#Thing" }, B: { target: "other#thing" } },
    );
    expect(problemsOf(() => buildIR(model))).toEqual([
      'other#thing ($.shapes["other#thing"]): TypeScript name thing collides with ex#Thing after casing; add a "rename" entry on the service',
    ]);
  });

  it("resolves a collision through the service's rename", () => {
    const model = miniModel(
      { "ex#Thing": { type: "structure", members: {} }, "other#Thing": { type: "structure", members: {} } },
      { A: { target: "ex#Thing" }, B: { target: "other#Thing" } },
    );
    model.shapes["ex#Svc"]!.rename = { "other#Thing": "OtherThing" };
    expect(buildIR(model).shapeById.get("other#Thing")?.name).toBe("OtherThing");
  });

  it("renames a shape whose name collides with a generated symbol instead of rejecting the model", () => {
    const model = miniModel(
      {
        "ex#MiniClient": { type: "structure", members: {} },
        "ex#Mini": { type: "structure", members: {} },
        "ex#MiniServiceException": { type: "structure", members: {} },
        "ex#OpCommand": { type: "structure", members: {} },
        "ex#OpCommandInput": { type: "structure", members: {} },
        "ex#serviceinputtypes": { type: "structure", members: {} },
        "ex#Object_": { type: "structure", members: {} },
        "ex#Object": { type: "structure", members: {} },
      },
      {
        A: { target: "ex#MiniClient" }, B: { target: "ex#Mini" }, C: { target: "ex#MiniServiceException" }, D: { target: "ex#OpCommand" },
        E: { target: "ex#OpCommandInput" }, F: { target: "ex#serviceinputtypes" }, G: { target: "ex#Object_" }, H: { target: "ex#Object" },
      },
    );
    const ir = buildIR(model);
    const name = (id: string) => ir.shapeById.get(id)?.name;
    expect([name("ex#MiniClient"), name("ex#Mini"), name("ex#MiniServiceException"), name("ex#OpCommand"), name("ex#OpCommandInput")]).toEqual([
      "MiniClient_", "Mini_", "MiniServiceException_", "OpCommand_", "OpCommandInput_",
    ]);
    expect(name("ex#serviceinputtypes")).toBe("serviceinputtypes_");
    // `Object` is escaped to `Object_`, which the model already uses: the made-up name yields.
    expect([name("ex#Object_"), name("ex#Object")]).toEqual(["Object_", "Object__"]);
  });

  it("renames a synthetic operation input that a model shape already names", () => {
    const model = miniModel({ "ex#Op2Input": { type: "structure", members: {} }, "ex#Op2": { type: "operation", traits: { "smithy.api#http": { method: "POST", uri: "/op2" } } } }, { A: { target: "ex#Op2Input" } });
    (model.shapes["ex#Svc"]!.operations as { target: string }[]).push({ target: "ex#Op2" });
    const ir = buildIR(model);
    expect(ir.shapeById.get("ex#Op2Input")?.name).toBe("Op2Input");
    expect(ir.operations.find((o) => o.name === "Op2")?.input.name).toBe("Op2Input_");
  });

  it("asks for --service when a model has several services", () => {
    const model = miniModel({ "ex#Svc2": { type: "service", version: "1", traits: { "aws.protocols#restJson1": {} } } });
    expect(problemsOf(() => buildIR(model))[0]).toContain("the model has 2 services (ex#Svc, ex#Svc2); choose one with --service");
  });
});

describe("IR validation: models the generated code would get wrong", () => {
  const S = "smithy.api#String";
  const withTraits = (traits: Record<string, unknown>) => ({ target: S, traits });
  const problemsOfModel = (model: ReturnType<typeof miniModel>) => problemsOf(() => buildIR(model));

  it("rejects two body members with the same JSON key, pointing at the @jsonName", () => {
    const model = miniModel({}, { Tags: { target: S }, FileName: withTraits({ "smithy.api#jsonName": "Tags" }) });
    expect(problemsOfModel(model)).toEqual([
      'ex#OpInput ($.shapes["ex#OpInput"].members.FileName.traits["smithy.api#jsonName"]): members Tags and FileName both have the JSON key "Tags"; the serializer would write it twice',
    ]);
  });

  it("rejects a JSON key clash in a nested structure, but not between a header and a body member", () => {
    const model = miniModel(
      { "ex#Nested": { type: "structure", members: { a: withTraits({ "smithy.api#jsonName": "b" }), b: { target: S } } } },
      { N: { target: "ex#Nested" }, H: withTraits({ "smithy.api#httpHeader": "N", "smithy.api#jsonName": "N" }) },
    );
    expect(problemsOfModel(model)).toEqual([
      'ex#Nested ($.shapes["ex#Nested"].members.a.traits["smithy.api#jsonName"]): members b and a both have the JSON key "b"; the serializer would write it twice',
    ]);
  });

  it("rejects two members bound to one query parameter", () => {
    const model = miniModel({}, { A: withTraits({ "smithy.api#httpQuery": "q" }), B: withTraits({ "smithy.api#httpQuery": "q" }) });
    expect(problemsOfModel(model)).toEqual([
      'ex#OpInput ($.shapes["ex#OpInput"].members.B.traits["smithy.api#httpQuery"]): member B binds the query parameter "q", which member A already binds',
    ]);
  });

  it("rejects two members bound to one header, ignoring case", () => {
    const model = miniModel({}, { A: withTraits({ "smithy.api#httpHeader": "X-Thing" }), B: withTraits({ "smithy.api#httpHeader": "x-thing" }) });
    expect(problemsOfModel(model)).toEqual([
      'ex#OpInput ($.shapes["ex#OpInput"].members.B.traits["smithy.api#httpHeader"]): member B binds the header "x-thing", which member A already binds (header names are case-insensitive)',
    ]);
  });

  it("rejects two @httpPayload members, and body members beside a payload", () => {
    const two = miniModel({}, { A: withTraits({ "smithy.api#httpPayload": {} }), B: withTraits({ "smithy.api#httpPayload": {} }) });
    expect(problemsOfModel(two)).toEqual([
      'ex#OpInput ($.shapes["ex#OpInput"].members.B.traits["smithy.api#httpPayload"]): member B is a second @httpPayload; A is already the payload',
    ]);
    const mixed = miniModel({}, { A: withTraits({ "smithy.api#httpPayload": {} }), B: { target: S }, H: withTraits({ "smithy.api#httpHeader": "h" }) });
    expect(problemsOfModel(mixed)).toEqual([
      'ex#OpInput ($.shapes["ex#OpInput"].members.A.traits["smithy.api#httpPayload"]): A is the @httpPayload, so no other member may be in the body, but B is; bind it to a label, query or header, or move it into the payload',
    ]);
  });

  it("rejects inverted @range and @length bounds and negative lengths, on shapes and members", () => {
    const model = miniModel(
      {
        "ex#Count": { type: "integer", traits: { "smithy.api#range": { min: 5, max: 1 } } },
        "ex#Name": { type: "string", traits: { "smithy.api#length": { min: -1 } } },
      },
      { C: { target: "ex#Count" }, N: { target: "ex#Name" }, M: withTraits({ "smithy.api#length": { min: 3, max: 2 } }) },
    );
    expect(problemsOfModel(model)).toEqual([
      'ex#Count ($.shapes["ex#Count"].traits["smithy.api#range"]): smithy.api#range min 5 is greater than max 1',
      'ex#Name ($.shapes["ex#Name"].traits["smithy.api#length"].min): smithy.api#length min must not be negative (-1)',
      'ex#OpInput ($.shapes["ex#OpInput"].members.M.traits["smithy.api#length"]): smithy.api#length min 3 is greater than max 2',
    ]);
  });

  it("rejects an @pattern that is not a regex, with the syntax error", () => {
    const model = miniModel({ "ex#Code": { type: "string", traits: { "smithy.api#pattern": "^[a-z" } } }, { C: { target: "ex#Code" } });
    expect(problemsOfModel(model)).toEqual([
      'ex#Code ($.shapes["ex#Code"].traits["smithy.api#pattern"]): invalid @pattern "^[a-z": Invalid regular expression: /^[a-z/u: Unterminated character class',
    ]);
  });

  it("rejects duplicate enum and intEnum values, and intEnum members without an integer value", () => {
    const model = miniModel(
      {
        "ex#Color": { type: "enum", members: { RED: { target: "smithy.api#Unit", traits: { "smithy.api#enumValue": "red" } }, ROUGE: { target: "smithy.api#Unit", traits: { "smithy.api#enumValue": "red" } } } },
        "ex#Level": {
          type: "intEnum",
          members: {
            LOW: { target: "smithy.api#Unit", traits: { "smithy.api#enumValue": 1 } },
            ONE: { target: "smithy.api#Unit", traits: { "smithy.api#enumValue": 1 } },
            HIGH: { target: "smithy.api#Unit" },
          },
        },
        "ex#Legacy": { type: "string", traits: { "smithy.api#enum": [{ value: "a" }, { value: "a", name: "A2" }] } },
      },
      { C: { target: "ex#Color" }, L: { target: "ex#Level" }, G: { target: "ex#Legacy" } },
    );
    expect(problemsOfModel(model)).toEqual([
      'ex#Color ($.shapes["ex#Color"].members.ROUGE.traits["smithy.api#enumValue"]): enum member ROUGE has the value "red", which member RED already has',
      'ex#Legacy ($.shapes["ex#Legacy"].traits["smithy.api#enum"][1].value): enum member A2 has the value "a", which member a already has',
      'ex#Level ($.shapes["ex#Level"].members.HIGH): intEnum member HIGH needs an integer @enumValue',
      'ex#Level ($.shapes["ex#Level"].members.ONE.traits["smithy.api#enumValue"]): enum member ONE has the value 1, which member LOW already has',
    ]);
  });

  it("rejects two operations with one method and an equivalent uri (labels named differently)", () => {
    const model = miniModel({
      "ex#Op2": { type: "operation", input: { target: "ex#Op2Input" }, traits: { "smithy.api#http": { method: "POST", uri: "/things/{Key}", code: 200 } } },
      "ex#Op2Input": { type: "structure", members: { Key: withTraits({ "smithy.api#required": {}, "smithy.api#httpLabel": {} }) } },
      "ex#Op3": { type: "operation", traits: { "smithy.api#http": { method: "POST", uri: "/things/{Id}?x=1", code: 200 } }, input: { target: "ex#OpInput" } },
      "ex#Op4": { type: "operation", traits: { "smithy.api#http": { method: "PUT", uri: "/things/{Id}", code: 200 } }, input: { target: "ex#OpInput" } },
    });
    model.shapes["ex#Svc"]!.operations!.push({ target: "ex#Op2" }, { target: "ex#Op3" }, { target: "ex#Op4" });
    expect(problemsOfModel(model)).toEqual([
      'ex#Op2 ($.shapes["ex#Op2"].traits["smithy.api#http"].uri): POST /things/{Key} conflicts with ex#Op (POST /things/{Id}): same method and an equivalent uri pattern',
    ]);
  });

  it.each([
    ["", "it has no ASCII letters or digits"],
    ["  ", "it has no ASCII letters or digits"],
    ["日本", "it has no ASCII letters or digits"],
    ["123 Service", "123ServiceClient would start with a digit"],
  ])("rejects the sdkId %j, which gives no TypeScript client name", (sdkId, why) => {
    const model = miniModel();
    model.shapes["ex#Svc"]!.traits!["aws.api#service"] = { sdkId };
    expect(problemsOfModel(model)).toEqual([
      `ex#Svc ($.shapes["ex#Svc"].traits["aws.api#service"].sdkId): sdkId ${JSON.stringify(sdkId)} gives no valid TypeScript client name (${why}); use an sdkId that starts with an ASCII letter, e.g. "Svc"`,
    ]);
  });

  it("rejects lists and maps that contain themselves without a structure in between", () => {
    const model = miniModel(
      {
        "ex#Self": { type: "list", member: { target: "ex#Self" } },
        "ex#A": { type: "list", member: { target: "ex#M" } },
        "ex#M": { type: "map", key: { target: S }, value: { target: "ex#A" } },
        "ex#Tree": { type: "structure", members: { children: { target: "ex#Trees" } } },
        "ex#Trees": { type: "list", member: { target: "ex#Tree" } },
      },
      { S: { target: "ex#Self" }, A: { target: "ex#A" }, T: { target: "ex#Tree" } },
    );
    expect(problemsOfModel(model)).toEqual([
      'ex#M ($.shapes["ex#M"].value.target): map ex#M contains itself (ex#A → ex#M → ex#A) without passing through a structure or union; Smithy forbids this recursion',
      'ex#Self ($.shapes["ex#Self"].member.target): list ex#Self contains itself (ex#Self → ex#Self) without passing through a structure or union; Smithy forbids this recursion',
    ]);
  });
});
