// Adding a service as a new user would: a copy of the repository (its files as git sees them, no
// node_modules, no dist), one entry in sdkgen.config.json plus a real AWS model from
// ../shared/aws-models, and then the workflow the README describes: install, generate, build the
// new packages, `sdkgen check`, `sdkgen diff --base`, `pnpm changeset:model` and the CI guard
// check-model-changeset. Then turbo's own plan shows that a change to that model regenerates
// only that service's packages.
import { execFileSync, spawnSync } from "node:child_process";
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pnpmCommand } from "../../scripts/release/pack.mjs";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const SHARED = process.env.CONNECT_SDK_SHARED ?? join(ROOT, "../shared");
// A small restJson1 service whose sdkId has a space: "EKS Auth" → eksauth.
const MODEL = join(SHARED, "aws-models/eks-auth-2023-11-26.json");
const SVC = "eksauth";
const PACKAGES = ["types", "client", "test-fixtures"].map((kind) => `@connect-sdk/${kind}-${SVC}`);

const temp = mkdtempSync(join(tmpdir(), "connect-sdk-third-service-"));
const repo = join(temp, "repo");
afterAll(() => rmSync(temp, { recursive: true, force: true }));

// turbo runs package scripts with the pnpm it finds on PATH: a shim for the pinned one.
const bin = join(temp, "bin");
const [pnpmCmd, pnpmPre] = pnpmCommand() as [string, string[]];
const env = { ...process.env, PATH: `${bin}${delimiter}${process.env.PATH}`, TURBO_TELEMETRY_DISABLED: "1", DO_NOT_TRACK: "1", CI: "1" };

interface Run {
  code: number | null;
  out: string;
  stdout: string;
}
function run(command: string, args: string[]): Run {
  const r = spawnSync(command, args, { cwd: repo, env, encoding: "utf8", maxBuffer: 256 << 20 });
  return { code: r.status, out: `${r.stdout}\n${r.stderr}`, stdout: r.stdout };
}
const ok = (r: Run) => {
  if (r.code !== 0) throw new Error(`exit ${r.code}:\n${r.out.slice(-4000)}`);
  return r.out;
};
const node = (...args: string[]) => run(process.execPath, args);
const pnpm = (...args: string[]) => run(pnpmCmd, [...pnpmPre, ...args]);
const turbo = (...args: string[]) => run(process.execPath, [join(repo, "node_modules/turbo/bin/turbo"), ...args]);
const git = (...args: string[]) => ok(run("git", ["-c", "user.name=test", "-c", "user.email=test@example.com", "-c", "commit.gpgsign=false", ...args]));

beforeAll(() => {
  expect(existsSync(MODEL), `${MODEL} (the shared AWS models; set CONNECT_SDK_SHARED)`).toBe(true);
  mkdirSync(bin);
  writeFileSync(join(bin, "pnpm"), `#!/bin/sh\nexec ${[pnpmCmd, ...pnpmPre].map((a) => `'${a}'`).join(" ")} "$@"\n`);
  chmodSync(join(bin, "pnpm"), 0o755);
  // The repository as git sees it, committed changes or not: no node_modules, dist or caches.
  const files = execFileSync("git", ["ls-files", "-co", "--exclude-standard", "-z"], { cwd: ROOT, encoding: "utf8", maxBuffer: 64 << 20 }).split("\0").filter(Boolean);
  for (const file of files) {
    if (!existsSync(join(ROOT, file))) continue;
    mkdirSync(dirname(join(repo, file)), { recursive: true });
    copyFileSync(join(ROOT, file), join(repo, file));
  }
  git("init", "-q", "-b", "main");
  git("add", "-A");
  git("commit", "-q", "-m", "the repository before the third service");

  // The one entry: a model, nothing else (the service is the model's only one; names by the scheme).
  copyFileSync(MODEL, join(repo, "models/eksauth.json"));
  const config = JSON.parse(readFileSync(join(repo, "sdkgen.config.json"), "utf8"));
  config.services.push({ model: "models/eksauth.json" });
  writeFileSync(join(repo, "sdkgen.config.json"), `${JSON.stringify(config, null, 2)}\n`);

  ok(pnpm("install", "--prefer-offline", "--no-frozen-lockfile", "--reporter=silent"));
  ok(turbo("run", "@connect-sdk/codegen#build", "--output-logs=errors-only"));
}, 1_800_000);

describe("a third service added to a copy of the repository", () => {
  it("generates, installs and builds its three packages", () => {
    const generated = ok(node("codegen/dist/cli.js", "generate"));
    for (const name of PACKAGES) expect(generated).toContain(`${name}: `);
    expect(generated).toMatch(/EKS Auth: 1 operations/);
    expect(readdirSync(join(repo, "services", SVC)).sort()).toEqual(["client", "test-fixtures", "types"]);
    // The new folders become workspace packages.
    ok(pnpm("install", "--prefer-offline", "--no-frozen-lockfile", "--reporter=silent"));
    ok(turbo("run", "build", `--filter=./services/${SVC}/*`, "--output-logs=errors-only"));
    for (const kind of ["types", "client", "test-fixtures"]) expect(existsSync(join(repo, "services", SVC, kind, "dist/index.js")), kind).toBe(true);
    // The built client loads and is the EKS Auth client.
    const loaded = ok(node("-e", `const c = require("./services/${SVC}/client"); console.log(Object.keys(c).filter((k) => /Client$/.test(k)).join(","))`));
    expect(loaded).toContain("EKSAuthClient");
  }, 1_800_000);

  it("sdkgen check passes, and fails when the new model changes without regenerating", () => {
    expect(ok(node("codegen/dist/cli.js", "check"))).toMatch(/generated packages of 3 service\(s\) are up to date/);
    const model = readFileSync(join(repo, "models/eksauth.json"), "utf8");
    writeFileSync(join(repo, "models/eksauth.json"), model.replace('"smithy.api#title": "Amazon EKS Auth"', '"smithy.api#title": "Amazon EKS Auth (edited)"'));
    try {
      const stale = node("codegen/dist/cli.js", "check");
      expect(stale.code).toBe(1);
      expect(stale.out).toContain(`services/${SVC}/`);
      expect(stale.out).not.toContain("services/connect/");
    } finally {
      writeFileSync(join(repo, "models/eksauth.json"), model);
    }
  }, 600_000);

  it("sdkgen diff --base reports it as new, the others as unchanged", () => {
    const diff = ok(node("codegen/dist/cli.js", "diff", "--base", "HEAD"));
    expect(diff).toContain(`${SVC}: a new service, not in the config at HEAD`);
    expect(diff).toMatch(/== connect\n[\s\S]*No changes/);
    expect(ok(node("codegen/dist/cli.js", "diff", "--base", "HEAD", "--service", "connectcases"))).toContain("No changes");
  }, 600_000);

  it("pnpm changeset:model writes its first releases, which satisfy check-model-changeset", () => {
    expect(node("scripts/check-model-changeset.mjs", "--base", "HEAD").code).toBe(1);
    const out = ok(pnpm("run", "changeset:model"));
    const sha = git("rev-parse", "--short", "HEAD").trim();
    for (const name of PACKAGES) {
      expect(out).toContain(`${name} minor`);
      const file = join(repo, ".changeset", `model-${name.slice(1).replace(/[^A-Za-z0-9]+/g, "-")}-${sha}.md`);
      expect(readFileSync(file, "utf8")).toMatch(new RegExp(`^---\\n"${name}": minor\\n---\\n\\nFirst release`));
    }
    expect(ok(node("scripts/check-model-changeset.mjs", "--base", "HEAD"))).toContain("cover the model diff");
  }, 600_000);

  it("turbo's plan: a change to the new model regenerates only its packages", () => {
    // Every gen task once, so that each has a cached run to compare against.
    ok(turbo("run", "gen", "--output-logs=errors-only"));
    const model = readFileSync(join(repo, "models/eksauth.json"), "utf8");
    writeFileSync(join(repo, "models/eksauth.json"), model.replace('"smithy.api#title": "Amazon EKS Auth"', '"smithy.api#title": "Amazon EKS Auth (edited)"'));
    try {
      const dry = turbo("run", "build", "--dry=json");
      ok(dry);
      const plan = JSON.parse(dry.stdout) as { tasks: { taskId: string; command: string; cache: { status: string } }[] };
      // Packages without a gen script (the hand-written ones) are listed with no command; they run nothing.
      const gen = plan.tasks.filter((t) => t.taskId.endsWith("#gen") && t.command !== "<NONEXISTENT>");
      const miss = gen.filter((t) => t.cache.status !== "HIT").map((t) => t.taskId).sort();
      expect(miss).toEqual(PACKAGES.map((name) => `${name}#gen`).sort());
      // The other services' packages are all there, and all cached.
      expect(gen.filter((t) => t.cache.status === "HIT").map((t) => t.taskId)).toEqual(expect.arrayContaining(["@connect-sdk/client-connect#gen", "@connect-sdk/client-connectcases#gen"]));
    } finally {
      writeFileSync(join(repo, "models/eksauth.json"), model);
    }
  }, 1_200_000);
});
