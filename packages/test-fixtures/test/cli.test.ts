// The `connect-fake` command (the package's bin): prints where it listens, serves, stops on SIGTERM.
import { spawn } from "node:child_process";
import { once } from "node:events";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { createInterface } from "node:readline";
import { ConnectClient, StartAttachedFileUploadCommand } from "@connect-sdk/client";
import { describe, expect, it } from "vitest";
import { FILE_INPUT } from "./helpers.js";

// The package builds as CommonJS, so its tests resolve from __filename.
const require = createRequire(__filename);
const packageJson = require.resolve("@connect-sdk/test-fixtures/package.json");
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
});
