// The generator as another team gets it: @connect-sdk/codegen and its runtime packages are
// `pnpm pack`ed (scripts/release's machinery), installed with plain npm into a project outside the
// workspace, and `npx sdkgen generate --model … --out …` runs there on a small model. The packages
// it writes are then built with the shared preset, type-checked and used, all from that project:
// nothing resolves through this repository's workspace.
import { execFile } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generatorPackages, packAll } from "../../scripts/release/pack.mjs";

const run = promisify(execFile);
const MODEL = fileURLToPath(new URL("../../codegen/test/models/weather.json", import.meta.url));
const packages = generatorPackages();

let root: string;
let project: string;

/** The environment of a plain npm user: none of the npm_* variables pnpm sets for scripts. */
function plainEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!/^npm_/i.test(k) && k !== "NODE_OPTIONS") env[k] = v;
  return env;
}

const inProject = (cmd: string, args: string[], cwd = project) => run(cmd, args, { cwd, env: plainEnv(), maxBuffer: 16 << 20 });

beforeAll(async () => {
  for (const p of packages) {
    if (p.name !== "@connect-sdk/build-preset" && !existsSync(join(p.dir, "dist"))) throw new Error(`${p.name} is not built (no dist/): run \`pnpm build\` first`);
  }
  root = mkdtempSync(join(tmpdir(), "connect-sdk-codegen-e2e-"));
  project = join(root, "project");
  mkdirSync(project);
  const tarballs = packAll(packages, join(root, "tarballs"));
  cpSync(MODEL, join(project, "weather.json"));
  writeFileSync(join(project, "package.json"), `${JSON.stringify({ name: "another-team", version: "1.0.0", private: true, type: "module" }, null, 2)}\n`);
  // The generator and its runtimes from the tarballs; what a generated package builds with (tsup,
  // TypeScript) and @types/node from the registry, as the team would.
  const types = JSON.parse(readFileSync(createRequire(import.meta.url).resolve("@types/node/package.json"), "utf8")).version;
  await inProject("npm", ["install", "--no-audit", "--no-fund", "--loglevel=error", "--prefer-offline", ...tarballs.map((t) => t.tarball), "tsup@8.5.0", "typescript@5.9.3", `@types/node@${types}`]);
});

afterAll(() => {
  if (root && !process.env.KEEP_E2E) rmSync(root, { recursive: true, force: true });
});

describe("npx sdkgen, installed from tarballs", () => {
  it("generates, builds and type-checks a client for another team's model", async () => {
    await inProject("npx", ["--no-install", "sdkgen", "generate", "--model", "weather.json", "--out", "gen"]);
    const typesDir = join(project, "gen/weather-types");
    const clientDir = join(project, "gen/weather-client");
    const client = JSON.parse(readFileSync(join(clientDir, "package.json"), "utf8"));
    // Outside a workspace: real ranges, the runtime at the version installed, nothing copied in.
    const runtimeVersion = JSON.parse(readFileSync(join(project, "node_modules/@connect-sdk/client-runtime/package.json"), "utf8")).version;
    expect(client.dependencies).toMatchObject({ "@connect-sdk/client-runtime": `^${runtimeVersion}`, "weather-types": "^0.1.0" });
    expect(JSON.stringify(client)).not.toContain("workspace:");
    expect(existsSync(join(clientDir, "src/gen/runtime"))).toBe(false);
    expect(readFileSync(join(clientDir, "tsup.config.ts"), "utf8")).toContain("@connect-sdk/build-preset");

    // The generated packages, installed as the team's own packages, then built with the preset.
    await inProject("npm", ["install", "--no-audit", "--no-fund", "--loglevel=error", "--prefer-offline", "./gen/weather-types", "./gen/weather-client"]);
    const tsup = join(project, "node_modules/tsup/dist/cli-default.js");
    await inProject(process.execPath, [tsup], typesDir);
    await inProject(process.execPath, [tsup], clientDir);
    expect(existsSync(join(clientDir, "dist/index.mjs")) && existsSync(join(clientDir, "dist/index.d.ts"))).toBe(true);

    // A consumer of the built client: type-checked, then run against a stub handler.
    writeFileSync(
      join(project, "app.ts"),
      `import { GetCityCommand, WeatherClient } from "weather-client";
const requestHandler = {
  async handle(request: { path: string }) {
    if (request.path !== "/cities/lyon") throw new Error(\`unexpected path \${request.path}\`);
    const body = new TextEncoder().encode("{}");
    return { response: { statusCode: 200, headers: { "content-type": "application/json" }, body } };
  },
};
const client = new WeatherClient({ region: "us-west-2", endpoint: "https://weather.example", credentials: { accessKeyId: "AKID", secretAccessKey: "secret" }, requestHandler });
const output = await client.send(new GetCityCommand({ CityId: "lyon" }));
console.log(JSON.stringify({ ok: output.$metadata.httpStatusCode === 200 }));
`,
    );
    writeFileSync(
      join(project, "tsconfig.json"),
      JSON.stringify({ compilerOptions: { strict: true, module: "node16", moduleResolution: "node16", target: "ES2022", lib: ["ES2022", "DOM"], types: ["node"], outDir: "out", skipLibCheck: false }, files: ["app.ts"] }),
    );
    await inProject(process.execPath, [join(project, "node_modules/typescript/lib/tsc.js"), "-p", "tsconfig.json"]);
    const { stdout } = await inProject(process.execPath, ["out/app.js"]);
    expect(JSON.parse(stdout.trim().split("\n").pop()!)).toEqual({ ok: true });
  });
});
