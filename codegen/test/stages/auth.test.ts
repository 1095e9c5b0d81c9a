/**
 * The effective auth schemes of each operation in the IR (ir/auth.ts), against the examples of the
 * Smithy spec's auth traits page, and what the client emitter makes of them.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { buildIR } from "../../src/ir/index.js";
import { ModelError, parseModel } from "../../src/load/index.js";
import { CODEGEN_ROOT, miniModel } from "../helpers.js";

/** miniModel with `serviceTraits` on the service and `opTraits` on its operation `ex#Op`. */
function model(serviceTraits: Record<string, unknown>, opTraits: Record<string, unknown> = {}) {
  const m = miniModel();
  Object.assign(m.shapes["ex#Svc"]!.traits!, serviceTraits);
  Object.assign(m.shapes["ex#Op"]!.traits!, opTraits);
  return m;
}

const authOf = (serviceTraits: Record<string, unknown>, opTraits: Record<string, unknown> = {}) => buildIR(model(serviceTraits, opTraits)).operations[0]!.auth;

const BASIC = "smithy.api#httpBasicAuth";
const BEARER = "smithy.api#httpBearerAuth";
const API_KEY = "smithy.api#httpApiKeyAuth";
const SIGV4 = "aws.auth#sigv4";
const NO_AUTH = "smithy.api#noAuth";

describe("effective auth schemes", () => {
  it("without @auth: every scheme of the service, alphabetically by shape id (the spec's order)", () => {
    expect(authOf({ [BEARER]: {}, [BASIC]: {}, [SIGV4]: { name: "svc" }, [API_KEY]: { name: "k", in: "header" } })).toEqual([SIGV4, API_KEY, BASIC, BEARER]);
  });

  it("the service's @auth orders and limits them; an operation's @auth replaces the service's", () => {
    const traits = { [BEARER]: {}, [BASIC]: {}, "smithy.api#auth": [BEARER, BASIC] };
    expect(authOf(traits)).toEqual([BEARER, BASIC]);
    expect(authOf(traits, { "smithy.api#auth": [BASIC] })).toEqual([BASIC]);
  });

  it("@auth([]) and a service without schemes: noAuth; @optionalAuth appends noAuth", () => {
    expect(authOf({ [SIGV4]: { name: "svc" } }, { "smithy.api#auth": [] })).toEqual([NO_AUTH]);
    expect(authOf({})).toEqual([NO_AUTH]);
    expect(authOf({ [SIGV4]: { name: "svc" } }, { "smithy.api#optionalAuth": {} })).toEqual([SIGV4, NO_AUTH]);
    expect(authOf({ [SIGV4]: { name: "svc" } }, { "smithy.api#auth": [], "smithy.api#optionalAuth": {} })).toEqual([NO_AUTH]);
  });

  it("offers SigV4a after SigV4 where the endpoint rules can ask for it (as the AWS SDK does)", () => {
    const rules = { version: "1.0", parameters: {}, rules: [{ type: "endpoint", conditions: [], endpoint: { url: "https://x", properties: { authSchemes: [{ name: "sigv4a", signingRegionSet: ["*"] }] } } }] };
    expect(authOf({ [SIGV4]: { name: "svc" }, "smithy.rules#endpointRuleSet": rules })).toEqual([SIGV4, "aws.auth#sigv4a"]);
  });

  it("leaves out the schemes it does not implement, and refuses an operation left with none, naming it", () => {
    expect(authOf({ "smithy.api#httpDigestAuth": {}, [BASIC]: {} })).toEqual([BASIC]);
    let error: unknown;
    try {
      buildIR(model({ "smithy.api#httpDigestAuth": {} }));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ModelError);
    expect((error as ModelError).problems).toEqual([
      // Refused by the table of unsupported features, which names the service that declares the scheme.
      expect.objectContaining({ shapeId: "ex#Svc", message: expect.stringMatching(/does not implement smithy\.api#httpDigestAuth auth, which operation Op uses/) }),
    ]);
  });

  it("the auth test model: service defaults and per-operation lists", () => {
    const ir = buildIR(parseModel(readFileSync(join(CODEGEN_ROOT, "test/models/auth.json"), "utf8")));
    expect(ir.service.auth).toEqual([SIGV4, BEARER]);
    expect(Object.fromEntries(ir.operations.map((op) => [op.name, op.auth]))).toEqual({
      GetAnonymous: [NO_AUTH],
      GetDefault: [SIGV4, BEARER],
      GetOptional: [SIGV4, BEARER, NO_AUTH],
      GetWithApiKey: [API_KEY],
      GetWithBearer: [BEARER],
      GetWithSigV4a: ["aws.auth#sigv4a"],
      PutAnonymousOptional: [NO_AUTH],
    });
  });
});
