// The published packages as a consumer gets them: every publishable package is `pnpm pack`ed,
// the tarballs are installed with plain `npm install` into a project outside the workspace (so
// nothing resolves through workspace links), and used from ESM, CommonJS and TypeScript.
import { execFile } from "node:child_process";
import { cpSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inspectPackageFiles, packAll, publishablePackages, readPackageDir } from "../../scripts/release/pack.mjs";

const run = promisify(execFile);
const fixtures = fileURLToPath(new URL("../fixtures/", import.meta.url));
const tsc = createRequire(import.meta.url).resolve("typescript/lib/tsc.js");
// The publishable packages this package depends on (so turbo builds them before this test), with
// the workspace packages they depend on: npm must find every one of them among the tarballs.
const manifest = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8"));
const publishable = publishablePackages();
const wanted = new Set(Object.keys(manifest.devDependencies ?? {}));
for (const p of [...publishable].reverse()) {
  if (wanted.has(p.name)) for (const dep of Object.keys({ ...p.manifest.dependencies, ...p.manifest.peerDependencies })) wanted.add(dep);
}
const packages = publishable.filter((p) => wanted.has(p.name));
const hasTestFixtures = packages.some((p) => p.name === "@connect-sdk/test-fixtures-connect");
const hasBothFakes = hasTestFixtures && packages.some((p) => p.name === "@connect-sdk/test-fixtures-connectcases");

let root: string;
let project: string;
let tarballs: ReturnType<typeof packAll>;

/** The environment of a plain npm user: none of the npm_* variables pnpm sets for scripts. */
function plainEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!/^npm_/i.test(k) && k !== "NODE_OPTIONS") env[k] = v;
  return env;
}

async function node(file: string): Promise<{ ok: boolean; resolved: string }> {
  const { stdout } = await run(process.execPath, [file], { cwd: project, env: plainEnv() });
  return JSON.parse(stdout.trim().split("\n").pop()!);
}

async function typecheck(tsconfig: string): Promise<string> {
  try {
    await run(process.execPath, [tsc, "-p", tsconfig, "--pretty", "false"], { cwd: project });
    return "";
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string };
    return `${e.stdout ?? ""}${e.stderr ?? ""}`.trim() || String(error);
  }
}

beforeAll(async () => {
  for (const p of packages) {
    if (!existsSync(join(p.dir, "dist"))) throw new Error(`${p.name} is not built (no dist/): run \`pnpm build\` first`);
  }
  root = mkdtempSync(join(tmpdir(), "connect-sdk-e2e-"));
  project = join(root, "project");
  mkdirSync(project);
  tarballs = packAll(packages, join(root, "tarballs"));
  cpSync(fixtures, project, { recursive: true });
  writeFileSync(join(project, "package.json"), `${JSON.stringify({ name: "consumer", version: "1.0.0", private: true, type: "module" }, null, 2)}\n`);
  // Like a Node consumer: @types/node (the workspace's copy), and no skipLibCheck, so every
  // declaration file the packages ship (and pull in) is checked.
  const typeRoots = [join(dirname(createRequire(import.meta.url).resolve("@types/node/package.json")), "..")];
  // The strictest settings consumers commonly use, so that the shipped declarations (skipLibCheck off)
  // and consumer-strict.ts are checked under them too, within the same tsc runs.
  const compilerOptions = {
    strict: true,
    exactOptionalPropertyTypes: true,
    noUncheckedIndexedAccess: true,
    noEmit: true,
    skipLibCheck: false,
    target: "ES2022",
    lib: ["ES2022", "DOM"],
    typeRoots,
    types: ["node"],
  };
  const tsconfigs = {
    "tsconfig.node16.json": { compilerOptions: { ...compilerOptions, module: "node16", moduleResolution: "node16" }, files: ["consumer.ts", "consumer-strict.ts", "consumer-require.cts"] },
    "tsconfig.bundler.json": { compilerOptions: { ...compilerOptions, module: "esnext", moduleResolution: "bundler" }, files: ["consumer.ts", "consumer-strict.ts"] },
  };
  for (const [file, config] of Object.entries(tsconfigs)) writeFileSync(join(project, file), `${JSON.stringify(config, null, 2)}\n`);
  // The tarballs' own dependencies (@smithy/*, @aws-sdk/*) come from the registry.
  await run("npm", ["install", "--no-audit", "--no-fund", "--loglevel=error", "--prefer-offline", ...tarballs.map((t) => t.tarball)], {
    cwd: project,
    env: plainEnv(),
    maxBuffer: 16 << 20,
  });
});

afterAll(() => {
  if (root && !process.env.KEEP_E2E) rmSync(root, { recursive: true, force: true });
});

describe("installed from tarballs with npm", () => {
  it("installs every publishable package as a real folder at the packed version", () => {
    expect(packages.map((p) => p.name)).toEqual(expect.arrayContaining(["@connect-sdk/types-connect", "@connect-sdk/client-connect"]));
    for (const t of tarballs) {
      const dir = join(project, "node_modules", t.name);
      expect(lstatSync(dir).isSymbolicLink(), `${t.name} is linked, not installed`).toBe(false);
      expect(JSON.parse(readFileSync(join(dir, "package.json"), "utf8")).version).toBe(t.version);
    }
  });

  it("ships no test files, no source maps pointing outside the package and no workspace: ranges", () => {
    for (const t of tarballs) {
      const files = readPackageDir(join(project, "node_modules", t.name));
      expect(files.has("dist/index.js") && files.has("dist/index.mjs") && files.has("dist/index.d.ts"), t.name).toBe(true);
      expect(inspectPackageFiles(files), t.name).toEqual([]);
    }
  });

  it("depends on its sibling packages by semver range (pnpm pack rewrote workspace:^)", () => {
    const versions = new Map(tarballs.map((t) => [t.name, t.version]));
    const client = JSON.parse(readFileSync(join(project, "node_modules/@connect-sdk/client-connect/package.json"), "utf8"));
    expect(client.dependencies["@connect-sdk/types-connect"]).toBe(`^${versions.get("@connect-sdk/types-connect")}`);
    for (const t of tarballs) {
      const installed = JSON.parse(readFileSync(join(project, "node_modules", t.name, "package.json"), "utf8"));
      for (const [dep, range] of Object.entries<string>(installed.dependencies ?? {})) {
        if (versions.has(dep)) expect(range, `${t.name} → ${dep}`).toBe(`^${versions.get(dep)}`);
      }
    }
  });
});

describe("consumers", () => {
  // Node's `import` takes dist/index.node.mjs, the build preset's require() wrapper of the CommonJS build.
  it("ESM: imports the client, sends StartAttachedFileUpload through a stub handler, parses the output", async () => {
    const result = await node("consumer.mjs");
    expect(result.ok).toBe(true);
    expect(result.resolved).toBe(`file://${join(project, "node_modules/@connect-sdk/client-connect/dist/index.node.mjs")}`);
  });

  it("CJS: requires the client and does the same", async () => {
    const result = await node("consumer.cjs");
    expect(result.ok).toBe(true);
    expect(result.resolved).toBe(join(project, "node_modules/@connect-sdk/client-connect/dist/index.js"));
  });

  // One tsc run per module resolution, each over every consumer file; minutes of hang guard, since
  // checking every shipped declaration file is CPU-bound and slow on a busy two-core machine.
  it("TypeScript: type-checks under moduleResolution node16 (ESM and CJS files), strict with exactOptionalPropertyTypes and noUncheckedIndexedAccess", async () => {
    expect(await typecheck("tsconfig.node16.json")).toBe("");
  }, 600_000);

  it("TypeScript: type-checks under moduleResolution bundler, strict with exactOptionalPropertyTypes and noUncheckedIndexedAccess", async () => {
    expect(await typecheck("tsconfig.bundler.json")).toBe("");
  }, 600_000);

  it.skipIf(!hasTestFixtures)("test-fixtures: starts the fake service from the installed package, serves a request, stops", async () => {
    // fast-check is an optional peer, needed only by the ./arbitraries entry point: npm did not install it.
    expect(existsSync(join(project, "node_modules/fast-check"))).toBe(false);
    const result = await node("fixtures-consumer.mjs");
    expect(result.ok).toBe(true);
    expect(result.resolved).toContain(join(project, "node_modules/@connect-sdk/test-fixtures-connect/"));
  });

  it.skipIf(!hasBothFakes)("two services: the Connect and Cases clients together, attachFileToCase and `connect-attach --fake --case` against the installed fakes", async () => {
    const result = await node("cases-consumer.mjs");
    expect(result.ok).toBe(true);
    expect(result.resolved).toBe(`file://${join(project, "node_modules/@connect-sdk/client-connectcases/dist/index.node.mjs")}`);
  });
});
