/**
 * Auth on real AWS models (../shared/aws-models), compared on the wire with the AWS SDK where it is
 * installed: SSO and SSO OIDC operations (`@auth([])` + `@optionalAuth`) go unsigned and need no
 * credentials; CodeCatalyst (`httpBearerAuth` only) sends `Authorization: Bearer <token>`; CloudFront
 * KeyValueStore, whose endpoint rules ask for SigV4a, is signed with SigV4a over every Region.
 */
import { existsSync, rmSync } from "node:fs";
import { join, resolve } from "node:path";
import { CodeCatalystClient, GetUserDetailsCommand } from "@aws-sdk/client-codecatalyst";
import { GetRoleCredentialsCommand, SSOClient } from "@aws-sdk/client-sso";
import { HttpResponse } from "@smithy/core/protocols";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { configForModel, generateFromModel } from "../../src/generate.js";
import { loadModelFile } from "../../src/load/load.js";
import { writePackages } from "../../src/output/write.js";
import { CODEGEN_ROOT } from "../helpers.js";

const MODELS = join(process.env.CONNECT_SDK_SHARED ?? resolve(CODEGEN_ROOT, "../../shared"), "aws-models");
const OUT = process.env.SDKGEN_PROTOCOL_OUT ?? join(CODEGEN_ROOT, `test/.generated/aws-auth-${process.pid}`);
const SERVICES = { sso: "sso-2019-06-10.json", ssooidc: "sso-oidc-2019-06-10.json", codecatalyst: "codecatalyst-2022-09-28.json", cloudfrontkeyvaluestore: "cloudfront-keyvaluestore-2022-07-26.json" };
const present = existsSync(join(MODELS, SERVICES.sso));

const sdk: Record<string, any> = {};

beforeAll(async () => {
  if (!present) return;
  for (const [name, file] of Object.entries(SERVICES)) {
    const model = join(MODELS, file);
    const { packages } = await generateFromModel(await loadModelFile(model), await configForModel(model, OUT));
    await writePackages(packages);
    written.push(...packages.map((p) => p.dir));
    const client = packages.find((p) => p.name.endsWith("-client"))!;
    sdk[name] = await import(join(client.dir, "src/index.ts"));
  }
}, 900_000);

const written: string[] = [];
afterAll(() => {
  if (!process.env.SDKGEN_KEEP_GENERATED) for (const dir of written) rmSync(dir, { recursive: true, force: true });
});

/** Fails the test if a client ever asks for AWS credentials. */
const NO_CREDENTIALS = () => Promise.reject(new Error("credentials were asked for"));

/** A request handler that records each request and answers `body`. */
function recorder(body: string) {
  const requests: any[] = [];
  const requestHandler = {
    async handle(request: any) {
      requests.push(request);
      return { response: new HttpResponse({ statusCode: 200, headers: { "content-type": "application/json" }, body: new TextEncoder().encode(body) }) };
    },
  };
  return { requests, requestHandler };
}

const lower = (headers: Record<string, string>) => Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));

/** What a request carries besides the headers each SDK adds for itself (user agent, invocation ids). */
function wire(request: any) {
  const headers = lower(request.headers);
  for (const name of Object.keys(headers)) if (/user-agent|amz-sdk-|^host$/.test(name)) delete headers[name];
  return { method: request.method, hostname: request.hostname, path: request.path, query: request.query, headers };
}

describe.skipIf(!present)("auth on real AWS models", () => {
  it("SSO GetRoleCredentials (@auth([]), @optionalAuth): unsigned and without credentials, as @aws-sdk/client-sso sends it", async () => {
    const input = { roleName: "Admin", accountId: "123456789012", accessToken: "sso-token" };
    const ours = recorder('{"roleCredentials":{"accessKeyId":"A"}}');
    const client = new sdk.sso.SSOClient({ region: "us-east-1", credentials: NO_CREDENTIALS, requestHandler: ours.requestHandler });
    const output = await client.send(new sdk.sso.GetRoleCredentialsCommand(input));
    expect(output.roleCredentials.accessKeyId).toBe("A");
    const theirs = recorder('{"roleCredentials":{"accessKeyId":"A"}}');
    await new SSOClient({ region: "us-east-1", credentials: NO_CREDENTIALS, requestHandler: theirs.requestHandler }).send(new GetRoleCredentialsCommand(input));
    if (process.env.SHOW_WIRE) console.log(JSON.stringify([wire(ours.requests[0]), wire(theirs.requests[0])]));
    expect(wire(ours.requests[0])).toEqual(wire(theirs.requests[0]));
    expect(lower(ours.requests[0].headers).authorization).toBeUndefined();
    expect(ours.requests[0].headers["x-amz-sso_bearer_token"]).toBe("sso-token");
  });

  it("SSO OIDC CreateToken and RegisterClient: unsigned, without credentials", async () => {
    const { requests, requestHandler } = recorder("{}");
    const client = new sdk.ssooidc.SSOOIDCClient({ region: "us-east-1", credentials: NO_CREDENTIALS, requestHandler });
    await client.send(new sdk.ssooidc.CreateTokenCommand({ clientId: "c", clientSecret: "s", grantType: "refresh_token", refreshToken: "r" }));
    await client.send(new sdk.ssooidc.RegisterClientCommand({ clientName: "n", clientType: "public" }));
    expect(requests.map((r) => r.path)).toEqual(["/token", "/client/register"]);
    for (const request of requests) {
      expect(lower(request.headers).authorization).toBeUndefined();
      expect(lower(request.headers)["x-amz-date"]).toBeUndefined();
    }
  });

  it("CodeCatalyst (httpBearerAuth): `Authorization: Bearer <token>` from the token option, as @aws-sdk/client-codecatalyst sends it", async () => {
    const input = { id: "user-1" };
    const ours = recorder("{}");
    const client = new sdk.codecatalyst.CodeCatalystClient({ region: "us-west-2", token: { token: "cc-token" }, credentials: NO_CREDENTIALS, requestHandler: ours.requestHandler });
    await client.send(new sdk.codecatalyst.GetUserDetailsCommand(input));
    const theirs = recorder("{}");
    await new CodeCatalystClient({ region: "us-west-2", token: { token: "cc-token" }, requestHandler: theirs.requestHandler }).send(new GetUserDetailsCommand(input));
    if (process.env.SHOW_WIRE) console.log(JSON.stringify([wire(ours.requests[0]), wire(theirs.requests[0])]));
    expect(wire(ours.requests[0])).toEqual(wire(theirs.requests[0]));
    expect(ours.requests[0].headers.Authorization).toBe("Bearer cc-token");
  });

  it("CodeCatalyst without a token fails with AuthSchemeError before sending anything", async () => {
    const { requests, requestHandler } = recorder("{}");
    const client = new sdk.codecatalyst.CodeCatalystClient({ region: "us-west-2", requestHandler });
    await expect(client.send(new sdk.codecatalyst.GetUserDetailsCommand({ id: "u" }))).rejects.toMatchObject({ name: "AuthSchemeError", message: expect.stringContaining("`token`") });
    expect(requests).toHaveLength(0);
  });

  it("CloudFront KeyValueStore: the endpoint rules' SigV4a, valid in every Region (X-Amz-Region-Set: *)", async () => {
    const { requests, requestHandler } = recorder('{"KvsARN":"arn","ItemCount":0,"TotalSizeInBytes":0,"Created":1,"ETag":"e"}');
    const client = new sdk.cloudfrontkeyvaluestore.CloudFrontKeyValueStoreClient({ region: "us-west-2", credentials: { accessKeyId: "AKID", secretAccessKey: "SECRET" }, requestHandler });
    await client.send(new sdk.cloudfrontkeyvaluestore.DescribeKeyValueStoreCommand({ KvsARN: "arn:aws:cloudfront::123456789012:key-value-store/0123456789abcdef" }));
    const headers = lower(requests[0].headers);
    expect(headers["x-amz-region-set"]).toBe("*");
    expect(headers.authorization).toMatch(/^AWS4-ECDSA-P256-SHA256 Credential=AKID\/\d{8}\/cloudfront-keyvaluestore\/aws4_request, /);
  });
});
