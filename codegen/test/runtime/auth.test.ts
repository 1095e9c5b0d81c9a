/**
 * Auth schemes resolved per operation, on the wire: clients generated from test/models/auth.json
 * (SigV4 and bearer by service `@auth`, an API key with a scheme, SigV4a, `@auth([])`,
 * `@optionalAuth`) and test/models/auth-query.json (no SigV4, no `@auth`: an API key in the query,
 * then HTTP Basic, in the spec's alphabetical order), sending through a capturing handler.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { HttpResponse } from "@smithy/core/protocols";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { configForModel, generateFromModel } from "../../src/generate.js";
import { loadModelFile } from "../../src/load/load.js";
import { writePackages } from "../../src/output/write.js";
import { CODEGEN_ROOT } from "../helpers.js";

const OUT = process.env.SDKGEN_PROTOCOL_OUT ?? join(CODEGEN_ROOT, `test/.generated/auth-${process.pid}`);

let keys: any;
let things: any;

async function generate(model: string, pkg: string): Promise<any> {
  const file = join(CODEGEN_ROOT, "test/models", model);
  const { packages } = await generateFromModel(await loadModelFile(file), await configForModel(file, OUT));
  await writePackages(packages);
  return import(join(OUT, pkg, "src/index.ts"));
}

beforeAll(async () => {
  keys = await generate("auth.json", "keys-client");
  things = await generate("auth-query.json", "things-client");
}, 600_000);

afterAll(() => {
  if (!process.env.SDKGEN_KEEP_GENERATED) for (const pkg of ["keys", "things"]) for (const kind of ["client", "types"]) rmSync(join(OUT, `${pkg}-${kind}`), { recursive: true, force: true });
});

const CREDENTIALS = { accessKeyId: "AKID", secretAccessKey: "SECRET" };
/** A credential provider that fails the test if it is ever asked. */
const NO_CREDENTIALS = () => Promise.reject(new Error("credentials were asked for"));

function capture(sdk: any, name: string, config: Record<string, unknown>) {
  const requests: any[] = [];
  const client = new sdk[name]({
    region: "us-west-2",
    endpoint: "https://auth.example.com",
    maxAttempts: 1,
    requestHandler: {
      async handle(request: any) {
        requests.push(request);
        return { response: new HttpResponse({ statusCode: 200, headers: { "content-type": "application/json" }, body: new TextEncoder().encode('{"ok":true}') }) };
      },
    },
    ...config,
  });
  return { client, requests };
}

describe("auth schemes per operation (test/models/auth.json)", () => {
  it("signs an operation without its own @auth with the service's first scheme, SigV4", async () => {
    const { client, requests } = capture(keys, "KeysClient", { credentials: CREDENTIALS, token: { token: "tok" } });
    await client.send(new keys.GetDefaultCommand({}));
    expect(requests[0].headers.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=AKID\/\d{8}\/us-west-2\/keys\/aws4_request, /);
  });

  it("authSchemePreference moves the bearer token ahead of SigV4, and the token is sent as `Bearer <token>`", async () => {
    const { client, requests } = capture(keys, "KeysClient", { credentials: NO_CREDENTIALS, token: { token: "tok-1" }, authSchemePreference: ["httpBearerAuth"] });
    await client.send(new keys.GetDefaultCommand({}));
    expect(requests[0].headers.Authorization).toBe("Bearer tok-1");
    expect(requests[0].headers["x-amz-date"]).toBeUndefined();
  });

  it("a bearer-only operation takes the token from a provider, cached until it nears its expiration", async () => {
    let calls = 0;
    const token = async () => ({ token: `tok-${++calls}`, expiration: new Date(Date.now() + 3_600_000) });
    const { client, requests } = capture(keys, "KeysClient", { credentials: NO_CREDENTIALS, token });
    await client.send(new keys.GetWithBearerCommand({}));
    await client.send(new keys.GetWithBearerCommand({}));
    expect(requests.map((r) => r.headers.Authorization)).toEqual(["Bearer tok-1", "Bearer tok-1"]);
    expect(calls).toBe(1);
  });

  it("a bearer-only operation without a token fails with a typed error naming the missing option, sending nothing", async () => {
    const { client, requests } = capture(keys, "KeysClient", { credentials: CREDENTIALS });
    await expect(client.send(new keys.GetWithBearerCommand({}))).rejects.toMatchObject({ name: "AuthSchemeError", message: expect.stringContaining("no `token` is configured") });
    expect(requests).toHaveLength(0);
  });

  it("sends the API key in the header the trait names, with its scheme", async () => {
    const { client, requests } = capture(keys, "KeysClient", { credentials: NO_CREDENTIALS, apiKey: "key-1" });
    await client.send(new keys.GetWithApiKeyCommand({}));
    expect(requests[0].headers.Authorization).toBe("ApiKey key-1");
    expect(requests[0].query).toEqual({});
  });

  it("signs a SigV4a operation with ECDSA and the X-Amz-Region-Set header (the client's Region, or sigv4aSigningRegionSet)", async () => {
    const { client, requests } = capture(keys, "KeysClient", { credentials: CREDENTIALS });
    await client.send(new keys.GetWithSigV4aCommand({}));
    expect(requests[0].headers["x-amz-region-set"]).toBe("us-west-2");
    expect(requests[0].headers.authorization).toMatch(/^AWS4-ECDSA-P256-SHA256 Credential=AKID\/\d{8}\/keys\/aws4_request, SignedHeaders=[^,]*x-amz-region-set[^,]*, Signature=[0-9a-f]+$/);
    const set = capture(keys, "KeysClient", { credentials: CREDENTIALS, sigv4aSigningRegionSet: ["us-west-2", "eu-west-1"] });
    await set.client.send(new keys.GetWithSigV4aCommand({}));
    expect(set.requests[0].headers["x-amz-region-set"]).toBe("us-west-2,eu-west-1");
  });

  it("sends @auth([]) operations unsigned, without asking for credentials", async () => {
    const { client, requests } = capture(keys, "KeysClient", { credentials: NO_CREDENTIALS });
    await client.send(new keys.GetAnonymousCommand({}));
    await client.send(new keys.PutAnonymousOptionalCommand({ name: "n" }));
    for (const request of requests) {
      expect(Object.keys(request.headers).map((h) => h.toLowerCase())).not.toContain("authorization");
      expect(request.headers["x-amz-date"]).toBeUndefined();
    }
  });

  it("@optionalAuth: signed while a scheme has an identity, anonymous when preferred (noAuth)", async () => {
    const signed = capture(keys, "KeysClient", { credentials: CREDENTIALS });
    await signed.client.send(new keys.GetOptionalCommand({}));
    expect(signed.requests[0].headers.authorization).toMatch(/^AWS4-HMAC-SHA256 /);
    const anonymous = capture(keys, "KeysClient", { credentials: NO_CREDENTIALS, authSchemePreference: ["noAuth"] });
    await anonymous.client.send(new keys.GetOptionalCommand({}));
    expect(anonymous.requests[0].headers.authorization).toBeUndefined();
  });

  it("declares only the options of the schemes the model uses", async () => {
    const { readFileSync } = await import("node:fs");
    const keysClient = readFileSync(join(OUT, "keys-client/src/gen/KeysClient.ts"), "utf8");
    expect(keysClient).toContain('Pick<AuthInputConfig, "authSchemePreference" | "token" | "apiKey" | "sigv4aSigningRegionSet">');
    const thingsClient = readFileSync(join(OUT, "things-client/src/gen/ThingsClient.ts"), "utf8");
    expect(thingsClient).toContain('Pick<AuthInputConfig, "authSchemePreference" | "apiKey" | "username" | "password">');
  });
});

describe("generated auth code", () => {
  it("type-checks (strict, isolatedModules) in both clients", () => {
    const dir = mkdtempSync(join(tmpdir(), "sdkgen-auth-tsc-"));
    try {
      symlinkSync(join(CODEGEN_ROOT, "node_modules"), join(dir, "node_modules"), "dir");
      const at = (pkg: string) => relative(dir, join(OUT, pkg));
      const tsconfig = {
        compilerOptions: {
          target: "ES2022", module: "NodeNext", moduleResolution: "NodeNext", lib: ["ES2022", "DOM"], strict: true, noImplicitOverride: true,
          isolatedModules: true, skipLibCheck: true, noEmit: true, types: ["node"],
          paths: { "keys-types": [`${at("keys-types")}/src/index.ts`], "things-types": [`${at("things-types")}/src/index.ts`] },
        },
        include: ["keys-types", "keys-client", "things-types", "things-client"].map((pkg) => `${at(pkg)}/src`),
      };
      writeFileSync(join(dir, "tsconfig.json"), JSON.stringify(tsconfig));
      // Throws with tsc's output when it finds errors.
      execFileSync(process.execPath, [join(CODEGEN_ROOT, "node_modules/typescript/bin/tsc"), "-p", dir], { encoding: "utf8" });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("auth schemes without SigV4 or @auth (test/models/auth-query.json)", () => {
  it("sends the API key as the query parameter the trait names", async () => {
    const { client, requests } = capture(things, "ThingsClient", { credentials: NO_CREDENTIALS, apiKey: { apiKey: "k 1" } });
    await client.send(new things.ListThingsCommand({}));
    expect(requests[0].query).toEqual({ api_key: "k 1" });
    expect(requests[0].headers.authorization).toBeUndefined();
  });

  it("falls back to HTTP Basic (the next scheme alphabetically) when no API key is configured", async () => {
    const { client, requests } = capture(things, "ThingsClient", { credentials: NO_CREDENTIALS, username: "ada", password: async () => "pä:ss" });
    await client.send(new things.ListThingsCommand({}));
    expect(requests[0].headers.authorization).toBe(`Basic ${Buffer.from("ada:pä:ss", "utf8").toString("base64")}`);
    expect(requests[0].query).toEqual({});
  });

  it("authSchemePreference skips names the operation lacks (sigv4) and moves httpBasicAuth ahead of the API key", async () => {
    const { client, requests } = capture(things, "ThingsClient", { apiKey: "k", username: "u", password: "p", authSchemePreference: ["sigv4", "httpBasicAuth"] });
    await client.send(new things.ListThingsCommand({}));
    expect(requests[0].headers.authorization).toMatch(/^Basic /);
    expect(requests[0].query).toEqual({});
  });

  it("fails with AuthSchemeError listing every scheme when none is configured, and @optionalAuth goes anonymous instead", async () => {
    const { client, requests } = capture(things, "ThingsClient", {});
    await expect(client.send(new things.ListThingsCommand({}))).rejects.toMatchObject({
      name: "AuthSchemeError",
      message: expect.stringMatching(/httpApiKeyAuth: no `apiKey` is configured; smithy.api#httpBasicAuth: no `username` and `password` are configured/),
    });
    await client.send(new things.PingCommand({}));
    expect(requests).toHaveLength(1);
    expect(requests[0].headers.authorization).toBeUndefined();
    expect(requests[0].query).toEqual({});
  });
});
