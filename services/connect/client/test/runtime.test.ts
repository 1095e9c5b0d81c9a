/**
 * The lean runtime keeps the AWS SDK v3 contract: custom middleware on the client or a command
 * runs where it is placed, the direct composition (no custom middleware) runs the same
 * middleware in the same order as a MiddlewareStack, callbacks work, aws-sdk-client-mock mocks
 * the client, the default credential chain resolves from the built package, and the published
 * declarations name only the package's dependencies.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { constructStack } from "@smithy/core/client";
import { ConfiguredRetryStrategy } from "@smithy/core/retry";
import { mockClient } from "aws-sdk-client-mock";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { Connect, ConnectClient, StartAttachedFileUploadCommand, type StartAttachedFileUploadCommandInput } from "../src/index.js";
import { builtInMiddleware, operationPlugin } from "@connect-sdk/client-runtime";
import { CapturingHandler, credentials, json, sampleInput } from "./capture.js";

const input: StartAttachedFileUploadCommandInput = { ...sampleInput, ClientToken: "token-1" };
const ok = () => json(200, { FileId: "f-1" });
const client = (handler: CapturingHandler, config: Record<string, unknown> = {}) =>
  new ConnectClient({ region: "us-west-2", credentials, requestHandler: handler, retryStrategy: new ConfiguredRetryStrategy(3, 1), ...config });

describe("middleware", () => {
  it("composes the built-in middleware in the order a MiddlewareStack would", () => {
    for (const validateInput of [false, true]) {
      const c = client(new CapturingHandler(ok()), { validateInput });
      const plugins = [...builtInMiddleware(c.config), operationPlugin(c.config, { validate: () => [], endpoint: {}, serialize: async () => ({}), deserialize: async () => ({}) })];
      const stack = constructStack<any, any>();
      for (const p of plugins) stack.use(p);
      const byStack = stack.identify().map((line) => line.split(" ")[0]);
      const direct = plugins
        .flatMap((p) => p.entries())
        .sort((a, b) => a.order - b.order)
        .map((e) => e.options.name);
      expect(direct).toEqual(byStack);
      expect(byStack).toContain("retryMiddleware");
      expect(byStack.includes("inputValidationMiddleware")).toBe(validateInput);
    }
  });

  it("sends the same request with or without custom middleware", async () => {
    const plain = new CapturingHandler(ok());
    await client(plain, { systemClockOffset: 0 }).send(new StartAttachedFileUploadCommand(input));
    const custom = new CapturingHandler(ok());
    const c = client(custom);
    const seen: string[] = [];
    c.middlewareStack.add((next) => async (args) => (seen.push("initialize"), next(args)), { step: "initialize", name: "mine" });
    await c.send(new StartAttachedFileUploadCommand(input));
    expect(seen).toEqual(["initialize"]);
    const strip = (r: CapturingHandler["last"]) => ({ ...r, headers: Object.keys(r.headers).sort(), body: r.body });
    expect(strip(custom.last)).toEqual(strip(plain.last));
  });

  it("runs client middleware placed after signing, and command middleware in the build step", async () => {
    const handler = new CapturingHandler(ok());
    const c = client(handler);
    let authorization: unknown;
    c.middlewareStack.addRelativeTo(
      (next: any) => async (args: any) => {
        authorization = args.request.headers.authorization;
        return next(args);
      },
      { relation: "after", toMiddleware: "httpSigningMiddleware", name: "afterSigning" },
    );
    const command = new StartAttachedFileUploadCommand(input);
    command.middlewareStack.add(
      (next: any) => async (args: any) => {
        args.request.headers["x-custom"] = "1";
        return next(args);
      },
      { step: "build", name: "addHeader" },
    );
    await c.send(command);
    expect(String(authorization)).toMatch(/^AWS4-HMAC-SHA256 .*SignedHeaders=[^,]*x-custom/);
    expect(handler.last.headers["x-custom"]).toBe("1");
    // The next command, without middleware of its own, does not get it.
    await c.send(new StartAttachedFileUploadCommand(input));
    expect(handler.last.headers["x-custom"]).toBeUndefined();
  });

  it("places middleware relative to the AWS SDK's names for endpoint, user agent and signing middleware (and the awsAuthMiddleware alias)", async () => {
    const c = client(new CapturingHandler(ok()));
    const order: string[] = [];
    const spy = (name: string) => (next: any) => async (args: any) => (order.push(name), next(args));
    for (const [toMiddleware, relation] of [
      ["endpointV2Middleware", "after"],
      ["getUserAgentMiddleware", "before"],
      ["httpSigningMiddleware", "before"],
      ["awsAuthMiddleware", "after"],
    ] as const) {
      c.middlewareStack.addRelativeTo(spy(`${relation} ${toMiddleware}`), { relation, toMiddleware, name: `${relation}-${toMiddleware}` });
    }
    await c.send(new StartAttachedFileUploadCommand(input));
    expect(order).toEqual(["after endpointV2Middleware", "before getUserAgentMiddleware", "before httpSigningMiddleware", "after awsAuthMiddleware"]);
    expect(c.middlewareStack.identify().filter((line) => !/^(before|after)-/.test(line))).toEqual([
      "loggerMiddleware - initialize",
      "getUserAgentMiddleware - build",
      "retryMiddleware - finalizeRequest",
      "httpSigningMiddleware (a.k.a. awsAuthMiddleware) - after retryMiddleware",
      "attemptMiddleware - after httpSigningMiddleware",
    ]);
  });

  it("answers through the aggregated client's callback overloads, with and without options", async () => {
    const c = new Connect({ region: "us-west-2", credentials, requestHandler: new CapturingHandler(ok()) });
    const viaCallback = (send: (cb: (error: unknown, data?: unknown) => void) => void) =>
      new Promise((resolve, reject) => send((error, data) => (error ? reject(error) : resolve(data))));
    await expect(viaCallback((cb) => c.startAttachedFileUpload(input, cb))).resolves.toMatchObject({ FileId: "f-1" });
    await expect(viaCallback((cb) => c.startAttachedFileUpload(input, {}, cb))).resolves.toMatchObject({ FileId: "f-1" });
    await expect(c.startAttachedFileUpload(input)).resolves.toMatchObject({ FileId: "f-1" });
  });

  it("answers through a callback", async () => {
    const c = client(new CapturingHandler(ok()));
    const output = await new Promise((resolve, reject) =>
      c.send(new StartAttachedFileUploadCommand(input), (error: unknown, data?: unknown) => (error ? reject(error) : resolve(data))),
    );
    expect(output).toMatchObject({ FileId: "f-1", $metadata: { httpStatusCode: 200 } });
  });
});

describe("aws-sdk-client-mock", () => {
  it("mocks send for a command class and records the calls", async () => {
    const mock = mockClient(ConnectClient);
    try {
      mock.on(StartAttachedFileUploadCommand, { InstanceId: "inst-1" }).resolves({ FileId: "mocked", $metadata: {} });
      const output = await new ConnectClient({ region: "us-west-2", credentials }).send(new StartAttachedFileUploadCommand(input));
      expect(output.FileId).toBe("mocked");
      expect(mock.commandCalls(StartAttachedFileUploadCommand)).toHaveLength(1);
      expect(mock.commandCalls(StartAttachedFileUploadCommand)[0]!.args[0].input).toEqual(input);
    } finally {
      mock.restore();
    }
  });
});

describe("the built package", () => {
  const dist = join(__dirname, "../dist");

  it("keeps the error classes' names through the build, so errors from another copy pass instanceof by name", async () => {
    for (const file of ["index.mjs", "index.js", "index.browser.mjs"]) {
      const built = (await import(join(dist, file))) as Record<string, any>;
      for (const name of ["ConnectServiceException", "ThrottlingException", "InvalidRequestException", "AccessDeniedException"]) {
        expect(built[name].name, `${file} ${name}`).toBe(name);
      }
      // An error of the same name from another copy of the client (or another SDK on the same runtime).
      const other = new (class ThrottlingException extends Error {
        override name = "ThrottlingException";
        $fault = "client";
        $metadata = {};
      })();
      expect(other instanceof built.ThrottlingException, file).toBe(true);
      expect(other instanceof built.InvalidRequestException, file).toBe(false);
      expect(new built.ThrottlingException({ message: "slow", $metadata: {} })).toBeInstanceOf(built.ConnectServiceException);
    }
  });

  it("resolves the default credential chain (bundled as ./credentials) when given no credentials", () => {
    const home = mkdtempSync(join(tmpdir(), "client-home-"));
    try {
      const script = `
        import { ConnectClient, StartAttachedFileUploadCommand } from ${JSON.stringify(join(dist, "index.mjs"))};
        let auth;
        const requestHandler = { async handle(request) { auth = request.headers.authorization; return { response: { statusCode: 200, headers: {}, body: new TextEncoder().encode("{}") } }; } };
        await new ConnectClient({ region: "us-west-2", requestHandler }).send(new StartAttachedFileUploadCommand(${JSON.stringify(input)}));
        console.log(auth);`;
      const env: Record<string, string | undefined> = { ...process.env, HOME: home, AWS_ACCESS_KEY_ID: "AKIDFROMENV", AWS_SECRET_ACCESS_KEY: "secret", AWS_EC2_METADATA_DISABLED: "true" };
      for (const key of ["AWS_PROFILE", "AWS_SESSION_TOKEN", "AWS_CONFIG_FILE", "AWS_SHARED_CREDENTIALS_FILE", "AWS_WEB_IDENTITY_TOKEN_FILE"]) delete env[key];
      const out = execFileSync(process.execPath, ["--input-type=module", "-e", script], { env, encoding: "utf8" });
      expect(out).toMatch(/Credential=AKIDFROMENV\//);
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  });

  it("exports every type its public declarations use, so users can name them", () => {
    for (const file of ["index.d.ts", "index.d.mts"]) {
      const source = ts.createSourceFile(file, readFileSync(join(dist, file), "utf8"), ts.ScriptTarget.Latest, true);
      const declared: string[] = [];
      const exported = new Set<string>();
      for (const statement of source.statements) {
        if (ts.isExportDeclaration(statement) && statement.exportClause && ts.isNamedExports(statement.exportClause)) {
          for (const e of statement.exportClause.elements) exported.add((e.propertyName ?? e.name).text);
        } else if (ts.isVariableStatement(statement)) {
          for (const d of statement.declarationList.declarations) if (ts.isIdentifier(d.name)) declared.push(d.name.text);
        } else if ("name" in statement && statement.name && ts.isIdentifier(statement.name as ts.Node)) {
          declared.push((statement.name as ts.Identifier).text);
        }
      }
      // The runtime's own types (config, errors, validation) are re-exported from
      // @connect-sdk/client-runtime, which declares them; what is declared here is model-derived.
      expect(declared.length, file).toBeGreaterThan(30);
      expect(declared.filter((name) => !exported.has(name)), file).toEqual([]);
    }
  });

  it("declares its types with its dependencies only", () => {
    const pkg = JSON.parse(readFileSync(join(__dirname, "../package.json"), "utf8")) as { dependencies: Record<string, string> };
    for (const file of ["index.d.ts", "index.d.mts", "credentials.d.ts"]) {
      const imported = [...readFileSync(join(dist, file), "utf8").matchAll(/^(?:import|export)\b[^;]*?\bfrom ['"]([^'"]+)['"]/gm)].map((m) => m[1]!);
      const packageOf = (m: string) => m.split("/").slice(0, m.startsWith("@") ? 2 : 1).join("/");
      expect(imported.filter((m) => !Object.hasOwn(pkg.dependencies, packageOf(m))), file).toEqual([]);
    }
  });
});
