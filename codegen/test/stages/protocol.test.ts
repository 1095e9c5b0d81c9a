/**
 * The protocol as a plug-in: chosen from the service's protocol traits in priority order,
 * overridable per service in sdkgen.config.json, and a one-line problem when unsupported.
 */
import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadServices } from "../../src/config/config.js";
import { generateFromModel } from "../../src/generate.js";
import { buildIR } from "../../src/ir/build.js";
import { ModelError, formatProblem } from "../../src/load/problems.js";
import type { SmithyModel } from "../../src/load/types.js";
import { CLI, miniModel, tempDir } from "../helpers.js";

function withProtocols(traits: Record<string, unknown>): SmithyModel {
  const model = miniModel({}, { Renamed: { target: "smithy.api#String", traits: { "smithy.api#jsonName": "renamed", "smithy.api#httpHeader": "x-renamed" } } });
  model.shapes["ex#Svc"]!.traits = { "aws.api#service": { sdkId: "Mini" }, ...traits };
  return model;
}

function problemsOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ModelError);
    return (error as ModelError).problems.map((p) => formatProblem(p));
  }
  throw new Error("expected a ModelError");
}

describe("choosing the protocol", () => {
  it("takes the first the service declares in the AWS SDK's order", () => {
    const both = { "aws.protocols#restJson1": {}, "aws.protocols#awsJson1_1": {} };
    expect(buildIR(withProtocols(both)).service.protocol).toBe("awsJson1_1");
    expect(buildIR(withProtocols({ "aws.protocols#awsJson1_0": {}, "aws.protocols#awsJson1_1": {} })).service.protocol).toBe("awsJson1_0");
    expect(buildIR(withProtocols({ "aws.protocols#restXml": {}, "aws.protocols#restJson1": {} })).service.protocol).toBe("restJson1");
  });

  it("puts rpcv2Cbor first", () => {
    expect(buildIR(withProtocols({ "aws.protocols#awsJson1_0": {}, "smithy.protocols#rpcv2Cbor": {} })).service.protocol).toBe("rpcv2Cbor");
  });

  it("skips a declared protocol the generator cannot write yet for the next one", () => {
    expect(buildIR(withProtocols({ "aws.protocols#awsQuery": {}, "aws.protocols#awsJson1_0": {} })).service.protocol).toBe("awsJson1_0");
  });

  it("takes the config's protocol when the service declares it", () => {
    const both = { "aws.protocols#restJson1": {}, "aws.protocols#awsJson1_1": {} };
    expect(buildIR(withProtocols(both), { protocol: "restJson1" }).service.protocol).toBe("restJson1");
  });

  it("rejects a configured protocol the service does not declare, or that does not exist, in one line", () => {
    const model = withProtocols({ "aws.protocols#restJson1": {} });
    expect(problemsOf(() => buildIR(model, { protocol: "awsJson1_0" }))).toEqual([
      'ex#Svc ($.shapes["ex#Svc"].traits): the configured protocol awsJson1_0 is not one of the service\'s (restJson1)',
    ]);
    expect(problemsOf(() => buildIR(model, { protocol: "grpc" }))).toEqual([
      'ex#Svc ($.shapes["ex#Svc"].traits): the configured protocol "grpc" is not a protocol (one of rpcv2Cbor, awsJson1_0, awsJson1_1, restJson1, restXml, awsQuery, ec2Query, rpcv2Json)',
    ]);
  });

  it("reports a service whose only protocols are not supported yet in one line", () => {
    expect(problemsOf(() => buildIR(withProtocols({ "aws.protocols#awsQuery": {} })))).toEqual([
      'ex#Svc ($.shapes["ex#Svc"].traits): service has no supported protocol (supported: awsJson1_0, awsJson1_1, restJson1, rpcv2Cbor, rpcv2Json); found aws.protocols#awsQuery',
    ]);
  });

  it("reads `protocol` from a service's entry in sdkgen.config.json", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "model.json"), JSON.stringify(withProtocols({ "aws.protocols#awsJson1_0": {} })));
    const file = join(dir, "sdkgen.config.json");
    writeFileSync(file, JSON.stringify({ services: [{ model: "model.json", name: "mini", protocol: "awsJson1_0" }] }));
    expect((await loadServices(file)).services[0]!.protocol).toBe("awsJson1_0");
    writeFileSync(file, JSON.stringify({ services: [{ model: "model.json", name: "mini", protocol: 10 }] }));
    await expect(loadServices(file)).rejects.toThrow(/\$\.services\[0\]\.protocol: a protocol name/);
  });
});

describe("an awsJson service's IR", () => {
  const ir = buildIR(withProtocols({ "aws.protocols#awsJson1_1": {} }));
  const op = ir.operations[0]!;

  it("sends every operation as a POST to / and binds every member to the body", () => {
    expect(op.http).toMatchObject({ method: "POST", uri: "/", segments: [] });
    expect(op.input.members.map((m) => m.http.location)).toEqual(["body", "body"]);
  });

  it("does not rename members with @jsonName (restJson1 does)", () => {
    expect(op.input.members.find((m) => m.name === "Renamed")!.jsonName).toBe("Renamed");
    const rest = buildIR(withProtocols({ "aws.protocols#restJson1": {} }));
    expect(rest.operations[0]!.input.members.find((m) => m.name === "Renamed")!.http).toEqual({ location: "header", name: "x-renamed" });
  });
});

describe("an RPC v2 service's IR", () => {
  it("ignores @timestampFormat (RPC v2 always sends epoch seconds); awsJson keeps it", () => {
    const model = withProtocols({ "smithy.protocols#rpcv2Cbor": {} });
    (model.shapes["ex#OpInput"] as { members: Record<string, unknown> }).members.When = { target: "smithy.api#Timestamp", traits: { "smithy.api#timestampFormat": "date-time" } };
    const when = (ir: ReturnType<typeof buildIR>) => ir.operations[0]!.input.members.find((m) => m.name === "When")!.timestampFormat;
    expect(when(buildIR(model))).toBeUndefined();
    model.shapes["ex#Svc"]!.traits = { "aws.protocols#awsJson1_0": {} };
    expect(when(buildIR(model))).toBe("date-time");
  });
});

describe("test-fixtures for a service that does not speak restJson1", () => {
  it("are refused with a one-line problem, never a fake that speaks the wrong protocol", async () => {
    const dir = tempDir();
    const packages = {
      types: { name: "t", dir: join(dir, "t") },
      client: { name: "c", dir: join(dir, "c") },
      "test-fixtures": { name: "f", dir: join(dir, "f") },
    };
    const model = withProtocols({ "aws.protocols#awsJson1_0": {} });
    const error = await generateFromModel(model, { model: "model.json", packages }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ModelError);
    expect((error as ModelError).message).toBe(
      'ex#Svc ($.shapes["ex#Svc"].traits): test-fixtures packages speak restJson1 only, and this client speaks awsJson1_0; leave "test-fixtures" out of the service\'s packages',
    );
    // Without it, the client and types are generated.
    const { "test-fixtures": _, ...clientOnly } = packages;
    const result = await generateFromModel(model, { model: "model.json", packages: clientOnly });
    expect(result.packages.map((p) => p.kind)).toEqual(["types", "client"]);
  });
});

describe("sdkgen generate --protocol", () => {
  const sdkgen = (args: string[]) => spawnSync(process.execPath, [CLI, ...args], { encoding: "utf8" });

  it("generates the client for the protocol named, when the service declares it", () => {
    const dir = tempDir();
    const model = join(dir, "model.json");
    writeFileSync(model, JSON.stringify(withProtocols({ "aws.protocols#restJson1": {}, "aws.protocols#awsJson1_1": {} })));
    const command = () => readFileSync(join(dir, "out/mini-client/src/gen/commands/OpCommand.ts"), "utf8");
    expect(sdkgen(["generate", "--model", model, "--out", join(dir, "out"), "-q"]).status).toBe(0);
    expect(command()).toContain('"x-amz-target": "Svc.Op"');
    expect(sdkgen(["generate", "--model", model, "--out", join(dir, "out"), "--protocol", "restJson1", "-q"]).status).toBe(0);
    expect(command()).toContain("/things/");
    const refused = sdkgen(["generate", "--model", model, "--out", join(dir, "out"), "--protocol", "rpcv2Cbor"]);
    expect(refused.status).not.toBe(0);
    expect(refused.stderr).toContain("the configured protocol rpcv2Cbor is not one of the service's (awsJson1_1, restJson1)");
    expect(refused.stderr).not.toMatch(/\n\s+at /);
  });
});
