/**
 * Client configuration as the AWS SDK reads it: Region validation and FIPS pseudo-Regions, the
 * `profile` option, the FIPS / dual-stack / endpoint-URL settings of the environment and the
 * shared config file, `endpoint` in every form the AWS SDK takes, the user agent's app id and
 * execution environment, and `retryMode`. Environment and profile cases run the built package in
 * a child process with a temporary HOME, so the test runner's own environment is never changed.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ConnectClient, StartAttachedFileUploadCommand } from "../src/index.js";
import { CapturingHandler, credentials, json, sampleInput } from "./capture.js";

const ok = () => json(200, { FileId: "f-1" });
const send = async (config: Record<string, unknown>) => {
  const handler = new CapturingHandler(ok());
  const client = new ConnectClient({ region: "us-west-2", credentials, requestHandler: handler, ...config });
  await client.send(new StartAttachedFileUploadCommand(sampleInput));
  return { request: handler.last, client };
};
const urlOf = (request: CapturingHandler["last"]) => `${request.protocol}//${request.hostname}${request.port ? `:${request.port}` : ""}${request.path}`;
const signingRegionOf = (request: CapturingHandler["last"]) => /Credential=[^/]+\/\d{8}\/([^/]+)\//.exec(String(request.headers.authorization))?.[1];

describe("region", () => {
  it("rejects a Region that is not a valid host label before sending anything", async () => {
    for (const region of ["attacker.example#", "us-west-2.attacker.example", "-us-west-2", "us west 2"]) {
      const handler = new CapturingHandler(ok());
      const client = new ConnectClient({ region, credentials, requestHandler: handler });
      await expect(client.send(new StartAttachedFileUploadCommand(sampleInput))).rejects.toThrow(region);
      expect(handler.requests).toHaveLength(0);
    }
    // An empty Region (AWS_REGION="") is a missing one.
    await expect(new ConnectClient({ region: "", credentials, requestHandler: new CapturingHandler(ok()) }).send(new StartAttachedFileUploadCommand(sampleInput))).rejects.toThrow("Region is missing");
    // A provider's answer is checked too.
    const handler = new CapturingHandler(ok());
    const client = new ConnectClient({ region: async () => "evil.example/", credentials, requestHandler: handler });
    await expect(client.send(new StartAttachedFileUploadCommand(sampleInput))).rejects.toThrow("evil.example/");
    expect(handler.requests).toHaveLength(0);
  });

  it("takes fips-<region> and <region>-fips for the FIPS endpoint of the Region, signed for the Region", async () => {
    for (const region of ["fips-us-west-2", "us-west-2-fips"]) {
      const { request, client } = await send({ region });
      expect(request.hostname).toBe("connect-fips.us-west-2.amazonaws.com");
      expect(signingRegionOf(request)).toBe("us-west-2");
      expect(await client.config.region()).toBe("us-west-2");
      expect(await client.config.useFipsEndpoint()).toBe(true);
    }
    const { request } = await send({ region: "us-west-2" });
    expect(request.hostname).toBe("connect.us-west-2.amazonaws.com");
  });
});

describe("endpoint", () => {
  const cases: [string, unknown][] = [
    ["a string", "https://proxy.example:8443/base"],
    ["a URL", new URL("https://proxy.example:8443/base")],
    ["an Endpoint", { protocol: "https:", hostname: "proxy.example", port: 8443, path: "/base" }],
    ["an EndpointV2", { url: new URL("https://proxy.example:8443/base") }],
    ["a provider of an Endpoint", async () => ({ protocol: "https:", hostname: "proxy.example", port: 8443, path: "/base" })],
    ["a provider of an EndpointV2", () => Promise.resolve({ url: new URL("https://proxy.example:8443/base") })],
  ];
  it.each(cases)("accepts %s", async (_, endpoint) => {
    const { request } = await send({ endpoint });
    expect(urlOf(request)).toBe("https://proxy.example:8443/base/attached-files/inst-1");
    expect(signingRegionOf(request)).toBe("us-west-2");
  });
});

describe("client.config", () => {
  it("resolves retryMode to a provider", async () => {
    const handler = new CapturingHandler(ok());
    expect(await new ConnectClient({ region: "us-west-2", credentials, requestHandler: handler, retryMode: "adaptive" }).config.retryMode()).toBe("adaptive");
    expect(typeof new ConnectClient({ region: "us-west-2", credentials, requestHandler: handler }).config.retryMode).toBe("function");
  });

  it("adds userAgentAppId to the user agent as app/<id>", async () => {
    const { request } = await send({ userAgentAppId: "my app" });
    expect(request.headers["x-amz-user-agent"]).toMatch(/ app\/my-app( |$)/);
    expect(request.headers["user-agent"]).toMatch(/ app\/my-app( |$)/);
    const plain = await send({});
    expect(plain.request.headers["x-amz-user-agent"]).not.toMatch(/ app\//);
  });
});

/** Runs a script against the built package in a child process with a temporary HOME and this environment. */
describe("the environment and the shared config file (built package)", () => {
  const dist = join(__dirname, "../dist/index.mjs");
  const home = mkdtempSync(join(tmpdir(), "client-config-home-"));
  afterAll(() => rmSync(home, { recursive: true, force: true }));
  mkdirSync(join(home, ".aws"));
  writeFileSync(
    join(home, ".aws/config"),
    [
      "[default]",
      "region = eu-west-1",
      "[profile alpha]",
      "region = ap-southeast-2",
      "sdk_ua_app_id = from-profile",
      "[profile fips]",
      "region = us-east-2",
      "use_fips_endpoint = true",
      "[profile dual]",
      "region = us-east-2",
      "use_dualstack_endpoint = true",
      "[profile local]",
      "region = us-east-2",
      "endpoint_url = http://localhost:4566",
      "",
    ].join("\n"),
  );
  writeFileSync(
    join(home, ".aws/credentials"),
    ["[default]", "aws_access_key_id = AKIDDEFAULT", "aws_secret_access_key = s1", "[alpha]", "aws_access_key_id = AKIDALPHA", "aws_secret_access_key = s2", ""].join("\n"),
  );

  /** Sends one command from a client built with `config` (JSON) and prints the URL, authorization and user agent. */
  const run = (config: Record<string, unknown>, env: Record<string, string> = {}) => {
    const script = `
      import { ConnectClient, StartAttachedFileUploadCommand } from ${JSON.stringify(dist)};
      let sent;
      const requestHandler = { async handle(request) { sent = request; return { response: { statusCode: 200, headers: {}, body: new TextEncoder().encode("{}") } }; } };
      await new ConnectClient({ ...${JSON.stringify(config)}, requestHandler }).send(new StartAttachedFileUploadCommand(${JSON.stringify(sampleInput)}));
      console.log(JSON.stringify({
        url: sent.protocol + "//" + sent.hostname + (sent.port ? ":" + sent.port : "") + sent.path,
        authorization: sent.headers.authorization,
        userAgent: sent.headers["user-agent"],
      }));`;
    const childEnv: Record<string, string | undefined> = { ...process.env, HOME: home, USERPROFILE: home, AWS_EC2_METADATA_DISABLED: "true", ...env };
    for (const key of Object.keys(childEnv)) {
      if (key.startsWith("AWS_") && !(key in env) && key !== "AWS_EC2_METADATA_DISABLED") delete childEnv[key];
    }
    const out = execFileSync(process.execPath, ["--input-type=module", "-e", script], { env: childEnv, encoding: "utf8" });
    return JSON.parse(out.trim().split("\n").pop()!) as { url: string; authorization: string; userAgent: string };
  };
  const keyOf = (authorization: string) => /Credential=([^/]+)\//.exec(authorization)?.[1];

  it("uses the default profile without `profile`", () => {
    const sent = run({});
    expect(sent.url).toBe("https://connect.eu-west-1.amazonaws.com/attached-files/inst-1");
    expect(keyOf(sent.authorization)).toBe("AKIDDEFAULT");
  });

  it("takes credentials, Region and settings from `profile`, which wins over AWS_PROFILE", () => {
    for (const env of [{}, { AWS_PROFILE: "fips" }] as Record<string, string>[]) {
      const sent = run({ profile: "alpha" }, env);
      expect(sent.url).toBe("https://connect.ap-southeast-2.amazonaws.com/attached-files/inst-1");
      expect(keyOf(sent.authorization)).toBe("AKIDALPHA");
      expect(sent.authorization).toContain("/ap-southeast-2/connect/aws4_request");
      expect(sent.userAgent).toMatch(/ app\/from-profile( |$)/);
    }
    // AWS_PROFILE alone still works.
    expect(run({}, { AWS_PROFILE: "alpha" }).url).toBe("https://connect.ap-southeast-2.amazonaws.com/attached-files/inst-1");
  });

  it("honours use_fips_endpoint / AWS_USE_FIPS_ENDPOINT, the explicit option winning", () => {
    const creds = { credentials: { accessKeyId: "AKIDEXPLICIT", secretAccessKey: "s" } };
    expect(run({ ...creds, profile: "fips" }).url).toBe("https://connect-fips.us-east-2.amazonaws.com/attached-files/inst-1");
    expect(run({ ...creds, region: "us-west-2" }, { AWS_USE_FIPS_ENDPOINT: "true" }).url).toBe("https://connect-fips.us-west-2.amazonaws.com/attached-files/inst-1");
    // The environment wins over the file, the option over both.
    expect(run({ ...creds, profile: "fips" }, { AWS_USE_FIPS_ENDPOINT: "false" }).url).toBe("https://connect.us-east-2.amazonaws.com/attached-files/inst-1");
    expect(run({ ...creds, profile: "fips", useFipsEndpoint: false }, { AWS_USE_FIPS_ENDPOINT: "true" }).url).toBe("https://connect.us-east-2.amazonaws.com/attached-files/inst-1");
  });

  it("honours use_dualstack_endpoint / AWS_USE_DUALSTACK_ENDPOINT", () => {
    const creds = { credentials: { accessKeyId: "AKIDEXPLICIT", secretAccessKey: "s" } };
    expect(run({ ...creds, profile: "dual" }).url).toBe("https://connect.us-east-2.api.aws/attached-files/inst-1");
    expect(run({ ...creds, region: "us-west-2" }, { AWS_USE_DUALSTACK_ENDPOINT: "true" }).url).toBe("https://connect.us-west-2.api.aws/attached-files/inst-1");
    expect(run({ ...creds, region: "us-west-2", useDualstackEndpoint: false }, { AWS_USE_DUALSTACK_ENDPOINT: "true" }).url).toBe(
      "https://connect.us-west-2.amazonaws.com/attached-files/inst-1",
    );
  });

  it("sends to AWS_ENDPOINT_URL_CONNECT, AWS_ENDPOINT_URL or the profile's endpoint_url; an explicit endpoint wins; AWS_IGNORE_CONFIGURED_ENDPOINT_URLS turns them off", () => {
    const creds = { credentials: { accessKeyId: "AKIDEXPLICIT", secretAccessKey: "s" } };
    const path = "/attached-files/inst-1";
    expect(run({ ...creds, profile: "local" }).url).toBe(`http://localhost:4566${path}`);
    expect(run({ ...creds, profile: "local" }, { AWS_ENDPOINT_URL: "http://generic.example:1000" }).url).toBe(`http://generic.example:1000${path}`);
    const both = { AWS_ENDPOINT_URL: "http://generic.example:1000", AWS_ENDPOINT_URL_CONNECT: "http://connect.example:2000" };
    const sent = run({ ...creds, profile: "local" }, both);
    expect(sent.url).toBe(`http://connect.example:2000${path}`);
    expect(sent.authorization).toContain("/us-east-2/connect/aws4_request");
    expect(run({ ...creds, profile: "local", endpoint: "https://explicit.example" }, both).url).toBe(`https://explicit.example${path}`);
    expect(run({ ...creds, profile: "local" }, { ...both, AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: "true" }).url).toBe(`https://connect.us-east-2.amazonaws.com${path}`);
  });

  it("adds AWS_SDK_UA_APP_ID (or the option, which wins) as app/<id>, and AWS_EXECUTION_ENV as exec-env/<value>", () => {
    const creds = { credentials: { accessKeyId: "AKIDEXPLICIT", secretAccessKey: "s" }, region: "us-west-2" };
    const env = { AWS_SDK_UA_APP_ID: "from-env", AWS_EXECUTION_ENV: "AWS_Lambda_nodejs20.x" };
    const sent = run(creds, env);
    expect(sent.userAgent).toMatch(/ app\/from-env( |$)/);
    expect(sent.userAgent).toMatch(/ exec-env\/AWS_Lambda_nodejs20\.x( |$)/);
    expect(run({ ...creds, userAgentAppId: "from-option" }, env).userAgent).toMatch(/ app\/from-option( |$)/);
    const plain = run(creds);
    expect(plain.userAgent).not.toMatch(/ app\/| exec-env\//);
  });
});
