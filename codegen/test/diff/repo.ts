/** Temporary git repositories laid out like ours (sdkgen.config.json + models/), for the CLI and script tests. */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import type { SmithyModel } from "../../src/load/types.js";
import { CLI, REPO_ROOT, tempDir } from "../helpers.js";

const GIT_ENV = {
  ...process.env,
  GIT_AUTHOR_NAME: "test",
  GIT_AUTHOR_EMAIL: "test@example.com",
  GIT_COMMITTER_NAME: "test",
  GIT_COMMITTER_EMAIL: "test@example.com",
  GIT_CONFIG_NOSYSTEM: "1",
  GIT_CONFIG_GLOBAL: "/dev/null",
};

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function run(command: string, args: string[], cwd: string): Run {
  const r = spawnSync(command, args, { cwd, encoding: "utf8", env: GIT_ENV });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

export const sdkgen = (args: string[], cwd: string): Run => run(process.execPath, [CLI, ...args], cwd);
export const script = (name: string, args: string[], cwd: string): Run => run(process.execPath, [join(REPO_ROOT, "scripts", name), ...args], cwd);

export function git(cwd: string, ...args: string[]): string {
  return execFileSync("git", ["-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main", ...args], { cwd, env: GIT_ENV, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }).trim();
}

export function write(root: string, path: string, contents: string | object): void {
  const file = join(root, path);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, typeof contents === "string" ? contents : `${JSON.stringify(contents, null, 2)}\n`);
}

export const CONFIG = {
  model: "models/mini.json",
  service: "ex#Svc",
  packages: {
    types: { name: "@mini/types", dir: "packages/types" },
    client: { name: "@mini/client", dir: "packages/client" },
  },
};

/** A repository with sdkgen.config.json and `model` committed (one commit). */
export function repoWith(model: SmithyModel, config: object = CONFIG): string {
  const root = tempDir("sdkgen-diff-repo-");
  git(root, "init", "-q");
  write(root, "sdkgen.config.json", config);
  write(root, "models/mini.json", model);
  write(root, ".changeset/README.md", "# Changesets\n");
  git(root, "add", "-A");
  git(root, "commit", "-q", "-m", "initial");
  return root;
}

export function commitAll(root: string, message: string): void {
  git(root, "add", "-A");
  git(root, "commit", "-q", "-m", message);
}
