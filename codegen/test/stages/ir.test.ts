import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { buildIR } from "../../src/ir/index.js";
import type { StructureShape, UnionShape } from "../../src/ir/types.js";
import { ModelError, formatProblem, parseModel } from "../../src/load/index.js";
import { CODEGEN_ROOT, miniModel } from "../helpers.js";

const weather = parseModel(readFileSync(join(CODEGEN_ROOT, "test/models/weather.json"), "utf8"));

describe("IR", () => {
  const ir = buildIR(weather);

  it("binds operations from the service and its resources, sorted", () => {
    expect(ir.operations.map((o) => o.name)).toEqual(["GetCity", "GetForecast", "ListCities", "PutReading", "UploadLog"]);
  });

  it("holds exactly the closure of the selected operations", () => {
    const only = buildIR(weather, { operations: ["PutReading"] });
    expect(only.shapes.map((s) => s.id).sort()).toEqual(
      [
        "example.weather#Blob",
        "example.weather#PutReadingInput",
        "example.weather#Secret",
        "example.weather#ServiceUnavailable",
        "example.weather#TooManyRequests",
        "example.weather#PutReading$PutReadingOutput",
        "smithy.api#Integer",
        "smithy.api#String",
      ].sort(),
    );
  });

  it("flattens mixins: mixin members first, the mixin itself left out", () => {
    const out = ir.shapeById.get("example.weather#GetCityOutput") as StructureShape;
    expect(out.members.map((m) => m.name)).toEqual(["name", "coordinates", "founded", "neighbours", "kind", "rank", "etag", "status"]);
    expect(out.members[0]?.required).toBe(true);
    expect(out.members[0]?.documentation).toBe("The display name.");
    expect(ir.shapeById.has("example.weather#Named")).toBe(false);
  });

  it("merges member traits over target traits", () => {
    const input = ir.shapeById.get("example.weather#PutReadingInput") as StructureShape;
    const apiKey = input.members.find((m) => m.name === "ApiKey")!;
    expect(apiKey.sensitive).toBe(true); // from the target
    expect(apiKey.http).toEqual({ location: "header", name: "X-Api-Key" }); // from the member
    const days = (ir.shapeById.get("example.weather#GetForecastInput") as StructureShape).members.find((m) => m.name === "Days")!;
    expect(days.constraints.range).toEqual({ min: 1, max: 14 });
  });

  it("resolves every HTTP binding", () => {
    const input = ir.shapeById.get("example.weather#GetForecastInput") as StructureShape;
    expect(Object.fromEntries(input.members.map((m) => [m.name, m.http.location]))).toEqual({
      CityId: "label",
      Path: "label",
      Days: "query",
      Since: "query",
      Units: "query",
      Extra: "queryParams",
      IfModifiedSince: "header",
      Tags: "header",
      Meta: "prefixHeaders",
    });
    expect(input.members.find((m) => m.name === "Path")!.http).toEqual({ location: "label", name: "Path", greedy: true });
    const op = ir.operations.find((o) => o.name === "GetForecast")!;
    expect(op.http.queryLiterals).toEqual([["detail", "full"]]);
  });

  it("marks recursive shapes and orders dependencies first", () => {
    expect(ir.shapeById.get("example.weather#CitySummary")?.recursive).toBe(true);
    expect(ir.shapeById.get("example.weather#Coordinates")?.recursive).toBe(false);
    const order = ir.shapes.map((s) => s.id);
    expect(order.indexOf("example.weather#Day")).toBeLessThan(order.indexOf("example.weather#DayList"));
    expect(order.indexOf("example.weather#Precipitation")).toBeLessThan(order.indexOf("example.weather#Day"));
  });

  it("tracks whether shapes travel to or from the service", () => {
    expect(ir.shapeById.get("example.weather#Forecast")?.usage).toEqual({ input: false, output: true });
    expect(ir.shapeById.get("example.weather#StringMap")?.usage).toEqual({ input: true, output: false });
  });

  it("reads errors, jsonName, unions and Unit outputs", () => {
    expect(ir.errors.map((e) => [e.name, e.error])).toEqual([
      ["NoSuchCity", { fault: "client", httpStatus: 404, retryable: undefined }],
      ["ServiceUnavailable", { fault: "server", httpStatus: 503, retryable: undefined }],
      ["TooManyRequests", { fault: "client", httpStatus: 429, retryable: { throttling: true } }],
    ]);
    const coords = (ir.shapeById.get("example.weather#GetCityOutput") as StructureShape).members.find((m) => m.name === "coordinates")!;
    expect(coords.jsonName).toBe("coords");
    expect((ir.shapeById.get("example.weather#Precipitation") as UnionShape).members.map((m) => m.name)).toEqual(["rain", "snow", "none"]);
    expect(ir.operations.find((o) => o.name === "PutReading")!.output.members).toEqual([]);
  });

  it("escapes reserved words in type names", () => {
    const model = miniModel({ "ex#Date": { type: "structure", members: {} } }, { When: { target: "ex#Date" } });
    expect(buildIR(model).shapeById.get("ex#Date")?.name).toBe("Date_");
  });

  it("folds apply statements into their targets", () => {
    const model = miniModel({ "ex#OpInput$Id": { type: "apply", traits: { "smithy.api#documentation": "Applied." } } });
    const input = buildIR(model).shapeById.get("ex#OpInput") as StructureShape;
    expect(input.members[0]?.documentation).toBe("Applied.");
  });

  it("merges an operation's paginated trait over the service's", () => {
    expect(ir.operations.find((o) => o.name === "ListCities")!.pagination).toEqual({ inputToken: "nextToken", outputToken: "nextToken", pageSize: "pageSize", items: "items" });
    expect(ir.operations.filter((o) => o.pagination).map((o) => o.name)).toEqual(["ListCities"]);
  });

  describe("paginated trait", () => {
    const paged = (trait: Record<string, unknown>, output: Record<string, unknown> = {}) => {
      const model = miniModel(
        {
          "ex#OpOutput": { type: "structure", members: { Next: { target: "smithy.api#String" }, Page: { target: "ex#Page" }, Items: { target: "ex#Names" }, ...output } },
          "ex#Page": { type: "structure", members: { Token: { target: "smithy.api#String" }, Entries: { target: "ex#Names" } } },
          "ex#Names": { type: "list", member: { target: "smithy.api#String" } },
        },
        { Token: { target: "smithy.api#String", traits: { "smithy.api#httpQuery": "token" } }, Size: { target: "smithy.api#Integer", traits: { "smithy.api#httpQuery": "size" } } },
      );
      (model.shapes["ex#Op"]!.traits as Record<string, unknown>)["smithy.api#paginated"] = trait;
      return model;
    };
    const problems = (trait: Record<string, unknown>) => {
      try {
        buildIR(paged(trait));
      } catch (error) {
        expect(error).toBeInstanceOf(ModelError);
        return (error as ModelError).problems.map((p) => formatProblem(p));
      }
      throw new Error("expected a ModelError");
    };

    it("follows nested output paths", () => {
      const op = buildIR(paged({ inputToken: "Token", outputToken: "Page.Token", items: "Page.Entries", pageSize: "Size" })).operations[0]!;
      expect(op.pagination).toEqual({ inputToken: "Token", outputToken: "Page.Token", items: "Page.Entries", pageSize: "Size" });
    });

    it("reports members that are missing or of the wrong type, with the trait's JSON path", () => {
      expect(problems({ inputToken: "Nope", outputToken: "Next" })).toEqual([
        expect.stringMatching(/ex#Op.*\$\.shapes\["ex#Op"\]\.traits\["smithy\.api#paginated"\]\.inputToken.*inputToken Nope: ex#OpInput has no member Nope/),
      ]);
      expect(problems({ inputToken: "Token", outputToken: "Page.Missing" })).toEqual([expect.stringContaining("outputToken Page.Missing: ex#Page has no member Missing")]);
      expect(problems({ inputToken: "Token", outputToken: "Next", pageSize: "Token" })).toEqual([expect.stringContaining("pageSize Token must target byte or short or integer or long, not string")]);
      expect(problems({ inputToken: "Token", outputToken: "Next", items: "Next" })).toEqual([expect.stringContaining("items Next must target list or map, not string")]);
      expect(problems({ inputToken: "Page.Token", outputToken: "Next" })).toEqual([expect.stringContaining("inputToken must name a top-level input member")]);
      expect(problems({ inputToken: "Token" })).toEqual([expect.stringContaining("paginated needs both inputToken and outputToken")]);
    });
  });
});
