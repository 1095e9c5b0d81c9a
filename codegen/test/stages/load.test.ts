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
    expect(line).toMatch(/^\$: not valid JSON: .*(position|line)/);
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
    model.shapes["ex#Svc"]!.traits = { "aws.protocols#awsJson1_1": {} };
    expect(problemsOf(() => buildIR(model))).toEqual([
      'ex#Svc ($.shapes["ex#Svc"].traits): service has no supported protocol: aws.protocols#restJson1 is required (found aws.protocols#awsJson1_1)',
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

  it("rejects a shape whose name collides with a generated symbol", () => {
    const model = miniModel({ "ex#MiniClient": { type: "structure", members: {} } }, { A: { target: "ex#MiniClient" } });
    expect(problemsOf(() => buildIR(model))[0]).toContain("TypeScript name MiniClient collides with (generated MiniClient)");
  });

  it("asks for --service when a model has several services", () => {
    const model = miniModel({ "ex#Svc2": { type: "service", version: "1", traits: { "aws.protocols#restJson1": {} } } });
    expect(problemsOf(() => buildIR(model))[0]).toContain("the model has 2 services (ex#Svc, ex#Svc2); choose one with --service");
  });
});
