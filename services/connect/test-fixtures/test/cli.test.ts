// The `connect-fake` command (the package's bin): prints where it listens, serves, stops on SIGTERM.
import { spawn } from "node:child_process";
import { once } from "node:events";
import { existsSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import type { AddressInfo } from "node:net";
import { dirname, join } from "node:path";
import { createInterface } from "node:readline";
import { ConnectClient, StartAttachedFileUploadCommand } from "@connect-sdk/client-connect";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FILE_INPUT } from "./helpers.js";

// The package builds as CommonJS, so its tests resolve from __filename.
const require = createRequire(__filename);
const packageJson = require.resolve("@connect-sdk/test-fixtures-connect/package.json");
const bin = join(dirname(packageJson), (require(packageJson) as { bin: Record<string, string> }).bin["connect-fake"]!);

describe("connect-fake", () => {
  it("prints its endpoint and test credentials, serves the client, and stops cleanly", async () => {
    const child = spawn(process.execPath, [bin, "--json"], { stdio: ["ignore", "pipe", "inherit"] });
    try {
      const [line] = (await once(createInterface({ input: child.stdout! }), "line")) as [string];
      const info = JSON.parse(line) as { endpoint: string; region: string; accessKeyId: string; secretAccessKey: string; uploads: string };
      expect(info.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(info.uploads).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const client = new ConnectClient({ endpoint: info.endpoint, region: info.region, credentials: { accessKeyId: info.accessKeyId, secretAccessKey: info.secretAccessKey }, maxAttempts: 1 });
      const output = await client.send(new StartAttachedFileUploadCommand({ ...FILE_INPUT }));
      expect(output.UploadUrlMetadata?.Url?.startsWith(info.uploads)).toBe(true);
      client.destroy();
    } finally {
      child.kill("SIGTERM");
    }
    const [code] = await once(child, "exit");
    expect(code).toBe(0);
  });

  it.each([
    ["by default", [], 204],
    ["not with --no-cors", ["--no-cors"], 403],
  ])("answers browsers' CORS preflights %s; removes its temporary folder on exit unless --keep-files", async (_name, flags, preflightStatus) => {
    for (const keep of [false, true]) {
      const child = spawn(process.execPath, [bin, "--json", ...flags, ...(keep ? ["--keep-files"] : [])], { stdio: ["ignore", "pipe", "inherit"] });
      let storage = "";
      try {
        const [line] = (await once(createInterface({ input: child.stdout! }), "line")) as [string];
        const info = JSON.parse(line) as { endpoint: string; storage: string };
        storage = info.storage;
        const reply = await fetch(`${info.endpoint}/attached-files/x`, { method: "OPTIONS", headers: { origin: "http://localhost:5173", "access-control-request-method": "PUT" } });
        expect(reply.status).toBe(preflightStatus);
        expect(existsSync(storage)).toBe(true);
      } finally {
        child.kill("SIGTERM");
      }
      const [code] = await once(child, "exit");
      expect(code).toBe(0);
      expect(existsSync(storage)).toBe(keep);
      rmSync(storage, { recursive: true, force: true });
    }
  });

  describe("refuses a bad command line or a port in use in one line, and exits", () => {
    const blocker = createServer();
    beforeAll(() => new Promise<void>((resolve) => blocker.listen(0, "127.0.0.1", resolve)));
    afterAll(() => new Promise<void>((resolve) => blocker.close(() => resolve())));
    const busy = () => String((blocker.address() as AddressInfo).port);

    it.each([
      ["a port in use", () => ["--port", busy()], 1, /^connect-fake: The fake Connect service cannot listen on 127\.0\.0\.1:\d+: the port is in use\.$/],
      ["an upload port in use", () => ["--upload-port", busy()], 1, /^connect-fake: The fake S3 endpoint cannot listen on 127\.0\.0\.1:\d+: the port is in use\.$/],
      ["--port abc", () => ["--port", "abc"], 2, /^connect-fake: --port must be a port number from 0 to 65535 \(0: a free one\), got "abc" \(see connect-fake --help\)$/],
      ["--port 99999", () => ["--port", "99999"], 2, /^connect-fake: --port must be a port number/],
      ["--upload-port -1", () => ["--upload-port=-1"], 2, /^connect-fake: --upload-port must be a port number/],
      ["--bogus", () => ["--bogus"], 2, /^connect-fake: Unknown option '--bogus'.* \(see connect-fake --help\)$/],
      ["a positional argument", () => ["extra"], 2, /^connect-fake: .*extra.* \(see connect-fake --help\)$/],
    ])("%s", async (_what, args, status, message) => {
      const child = spawn(process.execPath, [bin, ...args()], { stdio: ["ignore", "pipe", "pipe"] });
      let stdout = "";
      let stderr = "";
      child.stdout!.on("data", (c: Buffer) => (stdout += c.toString()));
      child.stderr!.on("data", (c: Buffer) => (stderr += c.toString()));
      // A process that hangs is killed (and the test fails on its signal) rather than left behind.
      const guard = setTimeout(() => child.kill("SIGKILL"), 20_000);
      const [code, signal] = (await once(child, "exit")) as [number | null, string | null];
      clearTimeout(guard);
      expect(signal).toBeNull();
      expect(code).toBe(status);
      expect(stdout).toBe("");
      const lines = stderr.trimEnd().split("\n");
      expect(lines, stderr).toHaveLength(1);
      expect(lines[0]).toMatch(message);
    }, 30_000);
  });
});
