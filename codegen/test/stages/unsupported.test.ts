/**
 * Never a silently wrong client (issue 13, item 1): every wire-affecting feature of the table in
 * `src/ir/support.ts` is found wherever an operation uses it, and, unless the generator
 * implements it, refused with a diagnostic naming the shape and the feature, or, with
 * `skipUnsupported`, the operation is left out with what only it uses.
 *
 * The cases follow the table: a feature another branch implements flips its `supported` and
 * these cases then expect the model to build.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { buildIR } from "../../src/ir/build.js";
import { FEATURES, type FeatureId } from "../../src/ir/support.js";
import { ModelError } from "../../src/load/problems.js";
import type { SmithyModel } from "../../src/load/types.js";
import { loadServices } from "../../src/config/config.js";
import { CLI, tempDir } from "../helpers.js";

const str = { target: "smithy.api#String" };
const http = (uri: string, method = "POST") => ({ "smithy.api#http": { method, uri, code: 200 } });

/**
 * A service with two operations: `Plain` (always fine) and `Fancy`, which the case changes.
 * `Fancy` alone uses `ex#FancyOnly`, so skipping it must drop that shape too.
 */
function model(change: (shapes: Record<string, any>) => void = () => {}): SmithyModel {
  const shapes: Record<string, any> = {
    "ex#Svc": {
      type: "service",
      version: "1",
      operations: [{ target: "ex#Plain" }, { target: "ex#Fancy" }],
      traits: { "aws.protocols#restJson1": {}, "aws.api#service": { sdkId: "Mini" }, "aws.auth#sigv4": { name: "mini" } },
    },
    "ex#Plain": { type: "operation", input: { target: "ex#PlainInput" }, traits: http("/plain") },
    "ex#PlainInput": { type: "structure", members: { name: str } },
    "ex#Fancy": { type: "operation", input: { target: "ex#FancyInput" }, output: { target: "ex#FancyOutput" }, traits: http("/fancy") },
    "ex#FancyInput": { type: "structure", members: { only: { target: "ex#FancyOnly" } } },
    "ex#FancyOutput": { type: "structure", members: {} },
    "ex#FancyOnly": { type: "structure", members: { name: str } },
  };
  change(shapes);
  return { smithy: "2.0", shapes };
}

const fancy = (shapes: Record<string, any>) => shapes["ex#Fancy"];
const service = (shapes: Record<string, any>) => shapes["ex#Svc"];
const eventStream = (shapes: Record<string, any>) => {
  shapes["ex#Events"] = { type: "union", members: { tick: { target: "ex#Tick" } }, traits: { "smithy.api#streaming": {} } };
  shapes["ex#Tick"] = { type: "structure", members: { at: str }, traits: {} };
};

/**
 * One case per feature: the model change that makes `Fancy` use it (or, for a service-wide
 * feature, every operation), and the shape the diagnostic names.
 */
const CASES: { feature: FeatureId; what: string; shapeId: string; all?: boolean; change: (s: Record<string, any>) => void }[] = [
  {
    feature: "eventStreams",
    what: "an event stream on output",
    shapeId: "ex#Events",
    change: (s) => {
      eventStream(s);
      s["ex#FancyOutput"].members.events = { target: "ex#Events", traits: { "smithy.api#httpPayload": {} } };
    },
  },
  {
    feature: "eventStreams",
    what: "an event stream nested in an error of the operation",
    shapeId: "ex#Events",
    change: (s) => {
      eventStream(s);
      s["ex#Oops"] = { type: "structure", members: { nested: { target: "ex#Holder" } }, traits: { "smithy.api#error": "client" } };
      s["ex#Holder"] = { type: "structure", members: { events: { target: "ex#Events" } } };
      fancy(s).errors = [{ target: "ex#Oops" }];
    },
  },
  {
    feature: "eventStreams",
    what: "an event stream in an error bound on the service",
    shapeId: "ex#Events",
    all: true,
    change: (s) => {
      eventStream(s);
      s["ex#Oops"] = { type: "structure", members: { events: { target: "ex#Events" } }, traits: { "smithy.api#error": "client" } };
      service(s).errors = [{ target: "ex#Oops" }];
    },
  },
  {
    feature: "rpcEventStreams",
    what: "an event stream on awsJson1_1",
    shapeId: "ex#Events",
    change: (s) => {
      eventStream(s);
      service(s).traits = { "aws.protocols#awsJson1_1": {}, "aws.api#service": { sdkId: "Mini" }, "aws.auth#sigv4": { name: "mini" } };
      s["ex#FancyOutput"].members.events = { target: "ex#Events" };
    },
  },
  { feature: "sigv4a", what: "@auth([sigv4a]) on the operation", shapeId: "ex#Fancy", change: (s) => sigv4a(s, (f) => (f.traits["smithy.api#auth"] = ["aws.auth#sigv4a"])) },
  {
    feature: "httpBearerAuth",
    what: "a bearer-only service",
    shapeId: "ex#Svc",
    all: true,
    change: (s) => {
      delete service(s).traits["aws.auth#sigv4"];
      service(s).traits["smithy.api#httpBearerAuth"] = {};
    },
  },
  {
    feature: "httpApiKeyAuth",
    what: "@auth([httpApiKeyAuth]) on the operation",
    shapeId: "ex#Fancy",
    change: (s) => {
      service(s).traits["smithy.api#httpApiKeyAuth"] = { name: "x-api-key", in: "header" };
      fancy(s).traits["smithy.api#auth"] = ["smithy.api#httpApiKeyAuth"];
    },
  },
  {
    feature: "httpBasicAuth",
    what: "a service whose @auth puts httpBasicAuth alone",
    shapeId: "ex#Svc",
    all: true,
    change: (s) => {
      service(s).traits["smithy.api#httpBasicAuth"] = {};
      service(s).traits["smithy.api#auth"] = ["smithy.api#httpBasicAuth"];
    },
  },
  {
    feature: "httpDigestAuth",
    what: "@auth([httpDigestAuth]) on the operation",
    shapeId: "ex#Fancy",
    change: (s) => {
      service(s).traits["smithy.api#httpDigestAuth"] = {};
      fancy(s).traits["smithy.api#auth"] = ["smithy.api#httpDigestAuth"];
    },
  },
  {
    feature: "cognitoUserPools",
    what: "@auth([cognitoUserPools]) on the operation",
    shapeId: "ex#Fancy",
    change: (s) => {
      service(s).traits["aws.auth#cognitoUserPools"] = { providerArns: ["arn:aws:cognito-idp:us-east-1:123:userpool/x"] };
      fancy(s).traits["smithy.api#auth"] = ["aws.auth#cognitoUserPools"];
    },
  },
  {
    feature: "customAuth",
    what: "an auth scheme the model defines",
    shapeId: "ex#Fancy",
    change: (s) => {
      s["ex#myAuth"] = { type: "structure", members: {}, traits: { "smithy.api#trait": { selector: "service" }, "smithy.api#authDefinition": {} } };
      service(s).traits["ex#myAuth"] = {};
      fancy(s).traits["smithy.api#auth"] = ["ex#myAuth"];
    },
  },
  { feature: "anonymous", what: "@auth([]) on the operation", shapeId: "ex#Fancy", change: (s) => (fancy(s).traits["smithy.api#auth"] = []) },
  { feature: "anonymous", what: "@optionalAuth on the operation", shapeId: "ex#Fancy", change: (s) => (fancy(s).traits["smithy.api#optionalAuth"] = {}) },
  {
    feature: "httpChecksum",
    what: "aws.protocols#httpChecksum on the operation",
    shapeId: "ex#Fancy",
    change: (s) => {
      s["ex#FancyInput"].members.algorithm = { target: "ex#Algorithm", traits: { "smithy.api#httpHeader": "x-amz-checksum-algorithm" } };
      s["ex#Algorithm"] = { type: "enum", members: { CRC32: { target: "smithy.api#Unit", traits: { "smithy.api#enumValue": "CRC32" } } } };
      fancy(s).traits["aws.protocols#httpChecksum"] = { requestAlgorithmMember: "algorithm" };
    },
  },
  {
    feature: "endpointDiscovery",
    what: "a required discovered endpoint",
    shapeId: "ex#Fancy",
    change: (s) => {
      s["ex#Describe"] = { type: "operation", input: { target: "smithy.api#Unit" }, output: { target: "ex#DescribeOutput" }, traits: http("/describe") };
      s["ex#DescribeOutput"] = { type: "structure", members: { Endpoints: { target: "ex#Endpoints", traits: { "smithy.api#required": {} } } } };
      s["ex#Endpoints"] = { type: "list", member: { target: "ex#Endpoint" } };
      s["ex#Endpoint"] = {
        type: "structure",
        members: { Address: { ...str, traits: { "smithy.api#required": {} } }, CachePeriodInMinutes: { target: "smithy.api#Long", traits: { "smithy.api#required": {} } } },
      };
      service(s).operations.push({ target: "ex#Describe" });
      service(s).traits["aws.api#clientEndpointDiscovery"] = { operation: "ex#Describe" };
      fancy(s).traits["aws.api#clientDiscoveredEndpoint"] = { required: true };
    },
  },
  {
    feature: "operationContextParams",
    what: "endpoint parameters from the input",
    shapeId: "ex#Fancy",
    change: (s) => (fancy(s).traits["smithy.rules#operationContextParams"] = { Name: { path: "only.name" } }),
  },
  {
    feature: "http2Only",
    what: "a service that speaks only HTTP/2",
    shapeId: "ex#Svc",
    all: true,
    change: (s) => (service(s).traits["aws.protocols#restJson1"] = { http: ["h2"] }),
  },
  { feature: "apiGatewayCustomizations", what: "API Gateway's namespace", shapeId: "com.amazonaws.apigateway#Svc", all: true, change: (s) => renameNamespace(s, "com.amazonaws.apigateway") },
  { feature: "glacierCustomizations", what: "Glacier's namespace", shapeId: "com.amazonaws.glacier#Svc", all: true, change: (s) => renameNamespace(s, "com.amazonaws.glacier") },
  {
    feature: "sharedRequestBindings",
    what: "one structure as input and output, with a query member",
    shapeId: "ex#FancyInput",
    change: (s) => {
      s["ex#FancyInput"].members.page = { ...str, traits: { "smithy.api#httpQuery": "page" } };
      fancy(s).output = { target: "ex#FancyInput" };
    },
  },
];

function sigv4a(s: Record<string, any>, onFancy: (f: any) => void): void {
  service(s).traits["aws.auth#sigv4a"] = { name: "mini" };
  onFancy(fancy(s));
}

/** Moves every `ex#` shape (and reference) into `namespace`. */
function renameNamespace(s: Record<string, any>, namespace: string): void {
  const text = JSON.stringify(s).replaceAll('"ex#', `"${namespace}#`);
  const moved = JSON.parse(text) as Record<string, any>;
  for (const key of Object.keys(s)) delete s[key];
  Object.assign(s, moved);
}

function problemsOf(m: SmithyModel): string[] {
  try {
    buildIR(m);
    return [];
  } catch (error) {
    if (!(error instanceof ModelError)) throw error;
    return error.problems.map((p) => `${p.shapeId} ${p.message}`);
  }
}

describe("the table of unsupported features", () => {
  it("builds the base model (the cases below change only what they name)", () => {
    expect(buildIR(model()).operations.map((op) => op.name)).toEqual(["Fancy", "Plain"]);
  });

  it("has a case here for every feature it lists", () => {
    expect(new Set(CASES.map((c) => c.feature))).toEqual(new Set(Object.keys(FEATURES).filter((f) => f !== "sigv4")));
  });

  for (const c of CASES) {
    const feature = FEATURES[c.feature];
    if (feature.supported) {
      it(`${c.feature} (${c.what}) is implemented: the model builds`, () => {
        expect(problemsOf(model(c.change))).toEqual([]);
      });
      continue;
    }
    it(`${c.feature} (${c.what}): refused, naming ${c.shapeId} and the feature`, () => {
      const problems = problemsOf(model(c.change));
      expect(problems).toHaveLength(1);
      expect(problems[0]).toContain(c.shapeId);
      expect(problems[0]).toContain(`the generator does not implement ${feature.name}`);
      expect(problems[0]).toContain(c.all ? "2 operations use (Fancy, Plain)" : "operation Fancy uses");
      expect(problems[0]).toContain("--skip-unsupported");
    });

    it(`${c.feature} (${c.what}): skipped with skipUnsupported, with the shapes only it used`, () => {
      const ir = buildIR(model(c.change), { skipUnsupported: true });
      const ns = c.shapeId.split("#")[0];
      const kept = c.feature === "endpointDiscovery" ? ["Describe", "Plain"] : ["Plain"];
      expect(ir.operations.map((op) => op.name)).toEqual(c.all ? [] : kept);
      expect(ir.skipped.map((s) => [s.operation, s.feature, s.shapeId])).toEqual(
        (c.all ? ["Fancy", "Plain"] : ["Fancy"]).map((op) => [`${ns}#${op}`, c.feature, c.shapeId]),
      );
      expect(ir.shapeById.has(`${ns}#FancyOnly`)).toBe(false);
      expect(ir.shapeById.has("ex#Events")).toBe(false);
    });
  }
});

describe("auth schemes the generator signs with today", () => {
  it("accepts an operation whose schemes include SigV4, whatever comes first", () => {
    const m = model((s) => {
      service(s).traits["smithy.api#httpBearerAuth"] = {};
      service(s).traits["smithy.api#auth"] = ["smithy.api#httpBearerAuth", "aws.auth#sigv4"];
    });
    expect(problemsOf(m)).toEqual([]);
  });

  it("accepts a service with no auth at all: its requests are sent unsigned", () => {
    const m = model((s) => {
      delete service(s).traits["aws.auth#sigv4"];
      fancy(s).traits["smithy.api#auth"] = [];
    });
    expect(problemsOf(m)).toEqual([]);
  });

  it("accepts aws.auth#unsignedPayload: a signed payload hash is still a valid signature", () => {
    expect(problemsOf(model((s) => (fancy(s).traits["aws.auth#unsignedPayload"] = {})))).toEqual([]);
  });
});

describe("sdkgen generate and unsupported features", () => {
  // A feature the generator does not implement (yet): endpoint parameters taken from the input.
  const unsupportedModel = () => {
    const dir = tempDir("sdkgen-unsupported-");
    const file = join(dir, "model.json");
    writeFileSync(file, JSON.stringify(model(CASES.find((c) => c.feature === "operationContextParams")!.change)));
    return { dir, file };
  };

  it("fails with one line per problem, no stack trace, and writes nothing", () => {
    const { dir, file } = unsupportedModel();
    const r = spawnSync(process.execPath, [CLI, "generate", "--model", file, "--out", join(dir, "out")], { encoding: "utf8" });
    expect(r.status).toBe(1);
    const lines = r.stderr.trim().split("\n");
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^ex#Fancy \(\$\.shapes\["ex#Fancy"\]\.traits\["smithy\.rules#operationContextParams"\]\): the generator does not implement smithy\.rules#operationContextParams endpoint parameters/);
    expect(lines[1]).toBe("sdkgen: 1 problem(s); nothing was written");
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(join(dir, "out"))).toBe(false);
  });

  it("with --skip-unsupported: warns, lists the skipped operations and generates the others", () => {
    const { dir, file } = unsupportedModel();
    const r = spawnSync(process.execPath, [CLI, "generate", "--model", file, "--out", join(dir, "out"), "--skip-unsupported"], { encoding: "utf8" });
    expect(r.status).toBe(0);
    expect(r.stderr).toContain("sdkgen: warning: Mini: 1 operation(s) left out, for features the generator does not implement:");
    expect(r.stderr).toContain("  smithy.rules#operationContextParams endpoint parameters (ex#Fancy): Fancy");
    expect(existsSync(join(dir, "out/mini-client/src/gen/commands/PlainCommand.ts"))).toBe(true);
    expect(existsSync(join(dir, "out/mini-client/src/gen/commands/FancyCommand.ts"))).toBe(false);
  });

  it("reads skipUnsupported per service from sdkgen.config.json", async () => {
    const { dir } = unsupportedModel();
    const config = join(dir, "sdkgen.config.json");
    writeFileSync(config, JSON.stringify({ services: [{ model: "model.json", skipUnsupported: true }] }));
    expect((await loadServices(config)).services[0]!.skipUnsupported).toBe(true);
    const r = spawnSync(process.execPath, [CLI, "generate", "--config", config], { encoding: "utf8", cwd: dir });
    expect(r.status).toBe(0);
    expect(r.stderr).toContain("1 operation(s) left out");
    expect(readFileSync(join(dir, "services/mini/client/src/gen/index.ts"), "utf8")).not.toContain("FancyCommand");

    writeFileSync(config, JSON.stringify({ services: [{ model: "model.json", skipUnsupported: "yes" }] }));
    await expect(loadServices(config)).rejects.toThrow(/\$\.services\[0\]\.skipUnsupported: true or false/);
  });
});
