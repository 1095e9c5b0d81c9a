// The packed client in a real browser: the client's tarball is installed with plain npm outside the
// workspace (as in consumer.test.ts), a page importing it is bundled by Vite (which picks the
// package's `browser` build), served from its own origin, and run in headless Chromium against the
// fake Connect service: every call is a cross-origin request, so the fake's CORS is exercised too.
//
// Chromium is Debian's `chromium` package, driven by playwright-core (no browser download). `.ci/run`
// installs it when missing; elsewhere, without it, the suite is skipped and says so.
import { execFile } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, cpSync } from "node:fs";
import { type Server, createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { extname, join, normalize, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { type FakeConnect, startFakeConnect } from "@connect-sdk/test-fixtures-connect";
import { type BrowserContext, chromium } from "playwright-core";
import { build } from "vite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { packAll, publishablePackages } from "../../scripts/release/pack.mjs";

const run = promisify(execFile);
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const haveChromium = existsSync(CHROMIUM);
if (!haveChromium && !process.env.CI) console.warn(`browser e2e skipped: no Chromium at ${CHROMIUM} (apt-get install -y chromium, or set CHROMIUM_PATH)`);

const INSTANCE_ID = "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0";
const CASE_ARN = "arn:aws:cases:us-west-2:123456789012:domain/d-1/case/c-1";

let root: string;
let site: Server;
let origin: string;
let fake: FakeConnect;
let browser: BrowserContext;

/** The environment of a plain npm user: none of the npm_* variables pnpm sets for scripts. */
function plainEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!/^npm_/i.test(k) && k !== "NODE_OPTIONS") env[k] = v;
  return env;
}

const TYPES: Record<string, string> = { ".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8", ".css": "text/css" };

/** Serves the built page from its own origin (not the fake's), as a web app would be. */
function serve(dir: string): Promise<Server> {
  const server = createServer((req, res) => {
    const path = normalize(join(dir, decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname).replace(/\/$/, "/index.html")));
    if (!path.startsWith(dir + sep) || !existsSync(path)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { "content-type": TYPES[extname(path)] ?? "application/octet-stream" }).end(readFileSync(path));
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

describe.skipIf(!haveChromium && !process.env.CI)("the packed client in headless Chromium", () => {
  beforeAll(async () => {
    if (!haveChromium) throw new Error(`No Chromium at ${CHROMIUM}: .ci/run installs Debian's chromium package when it is missing.`);
    const wanted = new Set(["@connect-sdk/client-connect", "@connect-sdk/attachments"]);
    const publishable = publishablePackages();
    for (const p of [...publishable].reverse()) {
      if (wanted.has(p.name)) for (const dep of Object.keys({ ...p.manifest.dependencies, ...p.manifest.peerDependencies })) wanted.add(dep);
    }
    const packages = publishable.filter((p) => wanted.has(p.name));
    for (const p of packages) if (!existsSync(join(p.dir, "dist"))) throw new Error(`${p.name} is not built (no dist/): run \`pnpm build\` first`);
    root = mkdtempSync(join(tmpdir(), "connect-sdk-browser-"));
    const project = join(root, "project");
    mkdirSync(project);
    const tarballs = packAll(packages, join(root, "tarballs"));
    writeFileSync(join(project, "package.json"), `${JSON.stringify({ name: "browser-consumer", version: "1.0.0", private: true, type: "module" }, null, 2)}\n`);
    await run("npm", ["install", "--no-audit", "--no-fund", "--loglevel=error", "--prefer-offline", ...tarballs.map((t) => t.tarball)], { cwd: project, env: plainEnv(), maxBuffer: 16 << 20 });
    cpSync(fileURLToPath(new URL("../browser/", import.meta.url)), join(project, "page"), { recursive: true });
    const outDir = join(root, "dist");
    await build({ root: join(project, "page"), configFile: false, logLevel: "warn", build: { outDir, emptyOutDir: true, minify: false } });
    site = await serve(outDir);
    origin = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
    fake = await startFakeConnect();
    browser = await chromium.launchPersistentContext(join(root, "profile"), {
      executablePath: CHROMIUM,
      headless: true,
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
      timeout: 120_000,
    });
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await fake?.close();
    site?.close();
    if (root && !process.env.KEEP_E2E) rmSync(root, { recursive: true, force: true });
  });

  it("bundles the client's browser build (no Node built-ins)", () => {
    const html = readFileSync(join(root, "dist", "index.html"), "utf8");
    const script = /<script type="module"[^>]* src="\/(assets\/index-[\w-]+\.js)"/.exec(html)?.[1];
    expect(script).toBeDefined();
    const bundle = readFileSync(join(root, "dist", script!), "utf8");
    expect(bundle).toContain("StartAttachedFileUpload");
    expect(bundle).not.toMatch(/\b(from|import|require)\s*\(?\s*["']node:/);
  });

  it("attaches a file through the fake (start, PUT with HeadersToInclude, complete, get), and again with uploadAttachedFile and a File", async () => {
    const page = await browser.newPage();
    const problems: string[] = [];
    page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
    page.on("console", (message) => message.type() === "error" && problems.push(`console: ${message.text()}`));
    const query = new URLSearchParams({
      endpoint: fake.endpoint,
      region: fake.region,
      accessKeyId: fake.credentials.accessKeyId,
      secretAccessKey: fake.credentials.secretAccessKey,
      instanceId: INSTANCE_ID,
      caseArn: CASE_ARN,
    });
    await page.goto(`${origin}/?${query}`, { timeout: 120_000 });
    // Runs in the page (this file has no DOM types): the page sets `window.__result` when done.
    await page.waitForFunction(() => (globalThis as { __result?: unknown }).__result !== undefined, undefined, { timeout: 120_000 });
    const result = (await page.evaluate(() => (globalThis as { __result?: unknown }).__result)) as Record<string, any>;
    await page.close();
    expect(result.error, problems.join("\n")).toBeUndefined();
    const attach = result.attach;
    expect(attach.sent).toBe("hello from headless Chromium");
    expect(attach.downloaded).toBe(attach.sent);
    expect(attach.status).toBe("APPROVED");
    expect(attach.fileName).toBe("browser.txt");
    // Exposed through CORS: the request id the client reads, and the ETag of the PUT.
    expect(attach.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(attach.etag).toMatch(/^"[0-9a-f]{32}"$/);
    expect(Object.keys(attach.headersToInclude)).toContain("x-amz-meta-connect-file-id");
    // The fake saw the browser's signed calls, with the page's origin.
    const calls = fake.calls.filter((c) => c.headers.origin === origin);
    const operations = calls.map((c) => c.operation);
    expect(operations.slice(0, 4)).toEqual(["StartAttachedFileUpload", "CompleteAttachedFileUpload", "GetAttachedFile", "GetAttachedFile"]);
    // Then uploadAttachedFile: start, complete, and polls until APPROVED.
    expect(operations.slice(4, 6)).toEqual(["StartAttachedFileUpload", "CompleteAttachedFileUpload"]);
    expect(new Set(operations.slice(6))).toEqual(new Set(["GetAttachedFile"]));
    const file = fake.state.files.get(attach.fileId)!;
    expect(readFileSync(file.upload.path!, "utf8")).toBe(attach.sent);
    // uploadAttachedFile from the attachments package's browser build, with a File.
    const upload = result.upload;
    expect(upload.status).toBe("APPROVED");
    expect(upload.size).toBe(300 * 1024);
    expect(upload.stages).toEqual(expect.arrayContaining(["start", "upload", "complete", "wait"]));
    const uploaded = fake.state.files.get(upload.fileId)!;
    expect(uploaded.fileName).toBe("photo.png");
    expect(readFileSync(uploaded.upload.path!)).toEqual(Buffer.from(new Uint8Array(300 * 1024).map((_, i) => i % 251)));
    // A refusal reaches the page typed: the error type header is exposed.
    expect(result.refused).toEqual({ name: "InvalidSignatureException", status: 403, requestId: expect.stringMatching(/^[0-9a-f-]{36}$/) });
  }, 180_000);
});
