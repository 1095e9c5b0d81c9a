/**
 * Bundle-size budget: esbuild bundles (minified ESM, like an application would) an entry that
 * constructs the client and sends one command through a stub handler, from the built `dist`
 * (browser and Node builds), runs the bundle, and fails when its gzip size passes the budget.
 * The budgets sit a little above the sizes reached; raise them only for a reason worth the bytes.
 * The full comparison with @aws-sdk/client-connect is in BENCHMARKS.md (`pnpm bench`).
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";
import { afterAll, describe, expect, it } from "vitest";

/**
 * gzip (level 9) bytes of each bundle. Reached: browser 26.25 KB, node 30.0 KB (node +0.8 KB since
 * session 1 for the shared-config settings, read with @smithy/core's own readers: profile,
 * FIPS/dual-stack and endpoint URLs from the environment, app id; both +1.5 KB for issue 10: the
 * attempt bound of requestTimeout and typed transport errors, pre-signed URL redaction in logs and
 * error messages, typed deserialization errors with member paths, the @sensitive URL filters).
 * The entry itself is ~0.5 KB. Issue 11 (the runtime as @connect-sdk/client-runtime, @smithy/* as
 * real dependencies, nothing bundled into dist): browser 26.8 KB, node 30.75 KB (+0.2/+0.35 KB: the
 * application's bundler now resolves @smithy/core itself, without the build-time stub of its unused
 * event-stream loader that our own bundling applied). Exact @range bounds beyond 2^53 (issue 10):
 * browser 27.15 KB, node +0.15 KB (the digit-by-digit compare lives in the shared checkNumber).
 * That compare moved to checkExactNumber, which only clients with big numbers or huge bounds use:
 * browser 26.75 KB, node 30.7 KB. Browsers hash with WebCrypto alone (no pure-JavaScript SHA-256 and
 * its constant table, -1.7 KB) and gzip code is only in clients with `@requestCompression`
 * operations (-0.3 KB): browser 24.7 KB, node 30.35 KB. Issue 13 (per-operation auth schemes, event
 * streams, operation middleware for checksums and customizations) added about 0.25 KB to the Node
 * bundle, which reads the auth settings from the environment: node 30.62 KB.
 */
const BUDGET = { browser: 24_850, node: 30_750 };

const DIST = join(__dirname, "../dist");
const tmp = mkdtempSync(join(tmpdir(), "client-size-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** Import, construct, one send through a handler that answers a canned response: what every app does. */
const entry = (module: string) => `
import { ConnectClient, StartAttachedFileUploadCommand } from ${JSON.stringify(module)};
const body = new TextEncoder().encode(JSON.stringify({ FileId: "f-1", UploadUrlMetadata: { Url: "https://u" } }));
let sent;
const requestHandler = {
  async handle(request) {
    sent = request;
    return { response: { statusCode: 200, headers: { "content-type": "application/json" }, body } };
  },
};
const client = new ConnectClient({ region: "us-west-2", credentials: { accessKeyId: "AKID", secretAccessKey: "secret" }, requestHandler });
const output = await client.send(new StartAttachedFileUploadCommand({ InstanceId: "i-1", AssociatedResourceArn: "arn:aws:connect:us-west-2:1:instance/i-1", FileName: "a.pdf", FileSizeInBytes: 1, FileUseCaseType: "ATTACHMENT" }));
if (output.FileId !== "f-1" || !String(sent.headers.authorization).startsWith("AWS4-HMAC-SHA256 ")) throw new Error("the bundle did not work");
export const ok = true;
`;

async function bundle(platform: "browser" | "node"): Promise<{ gzip: number; file: string; text: string }> {
  const dist = join(DIST, platform === "browser" ? "index.browser.mjs" : "index.mjs");
  if (!existsSync(dist)) throw new Error(`${dist} is missing: build the package first (turbo runs the build before the tests)`);
  const result = await build({
    stdin: { contents: entry(dist), resolveDir: DIST, loader: "js" },
    bundle: true,
    minify: true,
    format: "esm",
    target: "es2022",
    platform,
    ...(platform === "node" ? { mainFields: ["module", "main"] } : {}),
    legalComments: "none",
    define: { "process.env.NODE_ENV": '"production"' },
    write: false,
    logLevel: "silent",
  });
  const code = result.outputFiles[0]!.contents;
  const file = join(tmp, `${platform}.mjs`);
  writeFileSync(file, code);
  return { gzip: gzipSync(code, { level: 9 }).byteLength, file, text: new TextDecoder().decode(code) };
}

describe("bundle-size budget (esbuild, minified, gzip)", () => {
  for (const platform of ["browser", "node"] as const) {
    it(`${platform}: construct + one send stays under ${BUDGET[platform]} bytes, and works`, async () => {
      const { gzip, file } = await bundle(platform);
      // Node 20 has fetch, WebCrypto and TextEncoder: the browser bundle runs here too.
      expect((await import(pathToFileURL(file).href)).ok).toBe(true);
      expect(gzip, `${platform} bundle is ${gzip} bytes gzipped`).toBeLessThanOrEqual(BUDGET[platform]);
    });
  }

  it("leaves out what this client does not need: gzip (no @requestCompression operation) and, in browsers, a JavaScript SHA-256", async () => {
    const browser = (await bundle("browser")).text;
    expect(browser).not.toContain("CompressionStream");
    // The message of @smithy/core's Sha256Js, the fallback of its Sha256WebCrypto.
    expect(browser).not.toContain("Cannot hash more than 2^53");
    expect((await bundle("node")).text).not.toContain("createGzip");
  });
});

describe("tree-shaking", () => {
  it("leaves the waiters (and @smithy/core's polling) out of an app that does not call them", async () => {
    const { text } = await bundle("browser");
    // A string of @smithy/core's createWaiter (its option checks), which minification keeps: an app
    // that calls waitUntilAttachedFileApproved has it in its bundle.
    expect(text).not.toContain("maxWaitTime");
  });
});
