/**
 * The auth schemes (`src/auth.ts`) through a client built by hand (no generator): per-operation
 * lists, the endpoint rules' `authSchemes` choosing SigV4 or SigV4a, `authSchemePreference` from
 * the option or the environment, identity caching, and the SigV4-only fast path left as it was.
 */
import { HttpRequest, HttpResponse } from "@smithy/core/protocols";
import { SignatureV4a } from "@smithy/signature-v4a";
import type { EndpointV2, MetadataBearer } from "@smithy/types";
import { afterEach, describe, expect, it } from "vitest";
import {
  type AuthScheme,
  Client,
  Command,
  type Operation,
  type ResolvedClientConfig,
  type ServiceInfo,
  httpAuth,
  httpBearerAuth,
  noAuth,
  platformDefaults,
  resolveClientConfig,
  sigv4Auth,
  sigv4aAuth,
} from "../src/index.js";

const sigv4a = sigv4aAuth(SignatureV4a);
const CREDENTIALS = { accessKeyId: "AKID", secretAccessKey: "SECRET" };

function serviceInfo(auth: readonly AuthScheme[] | undefined, properties: Record<string, unknown> = {}): ServiceInfo {
  return {
    sdkId: "Unit",
    serviceName: "Unit",
    clientName: "UnitClient",
    apiVersion: "1",
    signingName: "unit",
    packageName: "unit-client",
    packageVersion: "0.0.0",
    endpoint: { resolve: (): EndpointV2 => ({ url: new URL("https://unit.example.com"), properties: properties as EndpointV2["properties"] }), builtIns: { Region: "AWS::Region" }, clientContextParams: {} },
    ...(auth ? { auth: httpAuth(auth) } : {}),
  };
}

class OpCommand extends Command<object, MetadataBearer, ResolvedClientConfig> {
  constructor(
    readonly input: object,
    private readonly operation: Operation<object, MetadataBearer>,
  ) {
    super();
  }
  resolveMiddleware(stack: any, config: ResolvedClientConfig, options: any) {
    return this.resolveOperation(this.operation, stack, config, options);
  }
}

const operation = (auth?: readonly AuthScheme[]): Operation<object, MetadataBearer> => ({
  name: "Op",
  serialize: async () => new HttpRequest({ method: "GET", protocol: "https:", hostname: "unit.example.com", path: "/", headers: {} }),
  deserialize: async () => ({ $metadata: {} }),
  validate: () => [],
  endpoint: {},
  ...(auth ? { auth } : {}),
});

function capture(service: ServiceInfo, config: Record<string, unknown> = {}, reply = () => new HttpResponse({ statusCode: 200, headers: {}, body: new Uint8Array() })) {
  const requests: HttpRequest[] = [];
  const resolved = resolveClientConfig(
    {
      region: "us-west-2",
      maxAttempts: 1,
      requestHandler: {
        async handle(request: HttpRequest) {
          requests.push(request);
          return { response: reply() };
        },
      },
      ...config,
    },
    service,
    platformDefaults,
  );
  return { client: new Client<any, any, any, ResolvedClientConfig>(resolved), requests, config: resolved };
}

const saved = { ...process.env };
afterEach(() => {
  process.env = { ...saved };
});

describe("auth schemes", () => {
  it("the endpoint rules' authSchemes choose SigV4a, with their signing name and region set", async () => {
    const service = serviceInfo([sigv4Auth, sigv4a], { authSchemes: [{ name: "sigv4a", signingName: "unit-a", signingRegionSet: ["*"] }] });
    const { client, requests } = capture(service, { credentials: CREDENTIALS });
    await client.send(new OpCommand({}, operation()));
    expect(requests[0]!.headers["x-amz-region-set"]).toBe("*");
    expect(requests[0]!.headers.authorization).toMatch(/^AWS4-ECDSA-P256-SHA256 Credential=AKID\/\d{8}\/unit-a\/aws4_request, /);
  });

  it("the endpoint rules' SigV4 first keeps SigV4, with the endpoint's signing name and Region", async () => {
    const service = serviceInfo([sigv4Auth, sigv4a], { authSchemes: [{ name: "sigv4", signingName: "unit-b", signingRegion: "eu-west-1" }, { name: "sigv4a", signingRegionSet: ["*"] }] });
    const { client, requests } = capture(service, { credentials: CREDENTIALS });
    await client.send(new OpCommand({}, operation()));
    expect(requests[0]!.headers.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=AKID\/\d{8}\/eu-west-1\/unit-b\/aws4_request, /);
    expect(requests[0]!.headers["x-amz-region-set"]).toBeUndefined();
  });

  it("takes the SigV4a region set from AWS_SIGV4A_SIGNING_REGION_SET (Node) over the endpoint's", async () => {
    process.env.AWS_SIGV4A_SIGNING_REGION_SET = "us-west-2, us-east-1";
    process.env.AWS_CONFIG_FILE = "/nonexistent/config";
    process.env.AWS_SHARED_CREDENTIALS_FILE = "/nonexistent/credentials";
    const service = serviceInfo([sigv4a], { authSchemes: [{ name: "sigv4a", signingRegionSet: ["*"] }] });
    const { client, requests } = capture(service, { credentials: CREDENTIALS });
    await client.send(new OpCommand({}, operation()));
    expect(requests[0]!.headers["x-amz-region-set"]).toBe("us-west-2,us-east-1");
  });

  it("an endpoint that asks for a scheme the client lacks fails the call instead of signing another way", async () => {
    const service = serviceInfo([sigv4Auth, noAuth], { authSchemes: [{ name: "sigv4a", signingRegionSet: ["*"] }] });
    const { client, requests } = capture(service, { credentials: CREDENTIALS });
    await expect(client.send(new OpCommand({}, operation()))).rejects.toMatchObject({ name: "AuthSchemeError", message: expect.stringContaining("sigv4a") });
    expect(requests).toHaveLength(0);
  });

  it("an operation's own list wins over the service's: noAuth sends no signature and asks for no credentials", async () => {
    const { client, requests } = capture(serviceInfo([sigv4Auth]), { credentials: () => Promise.reject(new Error("asked")) });
    await client.send(new OpCommand({}, operation([noAuth])));
    expect(requests[0]!.headers.authorization).toBeUndefined();
    expect(requests[0]!.headers["x-amz-date"]).toBeUndefined();
  });

  it("takes authSchemePreference from AWS_AUTH_SCHEME_PREFERENCE (Node), names trimmed", async () => {
    process.env.AWS_AUTH_SCHEME_PREFERENCE = " httpBearerAuth , sigv4";
    process.env.AWS_CONFIG_FILE = "/nonexistent/config";
    process.env.AWS_SHARED_CREDENTIALS_FILE = "/nonexistent/credentials";
    const { client, requests } = capture(serviceInfo([sigv4Auth, httpBearerAuth]), { credentials: CREDENTIALS, token: { token: "t" } });
    await client.send(new OpCommand({}, operation()));
    expect(requests[0]!.headers.Authorization).toBe("Bearer t");
    // The option wins over the environment.
    const explicit = capture(serviceInfo([sigv4Auth, httpBearerAuth]), { credentials: CREDENTIALS, token: { token: "t" }, authSchemePreference: async () => ["sigv4"] });
    await explicit.client.send(new OpCommand({}, operation()));
    expect(explicit.requests[0]!.headers.authorization).toMatch(/^AWS4-HMAC-SHA256 /);
  });

  it("asks a token provider again when the token is within five minutes of its expiration", async () => {
    let calls = 0;
    const token = async () => ({ token: `t${++calls}`, expiration: new Date(Date.now() + 60_000) });
    const { client, requests } = capture(serviceInfo([httpBearerAuth]), { token });
    await client.send(new OpCommand({}, operation()));
    await client.send(new OpCommand({}, operation()));
    // @smithy/core's memoizeIdentityProvider (as the AWS SDKs use it) refreshes such a token on every use.
    const [first, second] = requests.map((r) => r.headers.Authorization);
    expect(first).toMatch(/^Bearer t\d$/);
    expect(second).toMatch(/^Bearer t\d$/);
    expect(second).not.toBe(first);
  });

  it("a service without `auth` keeps the SigV4 path: every call signed with the service's signing name", async () => {
    const { client, requests } = capture(serviceInfo(undefined), { credentials: CREDENTIALS });
    await client.send(new OpCommand({}, operation()));
    expect(requests[0]!.headers.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=AKID\/\d{8}\/us-west-2\/unit\/aws4_request, /);
  });
});

