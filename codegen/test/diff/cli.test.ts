import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { CLI, tempDir } from "../helpers.js";
import { baseModel, variant } from "./fixtures.js";
import { commitAll, git, repoWith, sdkgen, write } from "./repo.js";

const major = () => variant((s) => delete s["ex#OpOutput"].members.Value);
const minor = () => variant((s) => (s["ex#OpInput"].members.Extra = { target: "smithy.api#String" }));
const docs = () => variant((s) => (s["ex#Detail"].traits = { "smithy.api#documentation": "More." }));

describe("sdkgen diff: files", () => {
  let dir: string;
  beforeAll(() => {
    expect(existsSync(CLI), "build the generator first (cd codegen && npx tsup)").toBe(true);
    dir = tempDir("sdkgen-diff-");
    write(dir, "base.json", baseModel());
    write(dir, "major.json", major());
    write(dir, "minor.json", minor());
    write(dir, "docs.json", docs());
    write(dir, "broken.json", variant((s) => (s["ex#OpOutput"].members.Gone = { target: "ex#Gone" })));
    mkdirSync(join(dir, "empty"));
  });

  it("prints the report and exits 0 without --fail-on", () => {
    const r = sdkgen(["diff", "base.json", "major.json"], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Model diff: base.json → major.json\n");
    expect(r.stdout).toContain("Suggested bump: major (1 major, 0 minor, 0 patch)");
    expect(r.stdout).toContain("  ex#OpOutput$Value: member removed [RemovedMember]");
  });

  it.each([
    ["major.json", "major", 1],
    ["minor.json", "major", 0],
    ["minor.json", "minor", 1],
    ["docs.json", "minor", 0],
    ["docs.json", "patch", 1],
    ["base.json", "patch", 0],
  ])("--fail-on: %s with --fail-on %s exits %i", (file, threshold, code) => {
    const r = sdkgen(["diff", "base.json", file, "--fail-on", threshold], dir);
    expect(r.code).toBe(code);
    if (code === 1) expect(r.stderr).toMatch(new RegExp(`change\\(s\\) at or above ${threshold}`));
    else expect(r.stderr).toBe("");
  });

  it("--json prints the machine-readable report", () => {
    const r = sdkgen(["diff", "base.json", "minor.json", "--json"], dir);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc).toMatchObject({ version: 1, old: "base.json", new: "minor.json", service: "ex#Svc", bump: "minor" });
    expect(doc.changes).toEqual([expect.objectContaining({ severity: "minor", code: "AddedMember", shapeId: "ex#OpInput", member: "Extra" })]);
  });

  it.each([
    [["diff", "base.json", "major.json", "--fail-on", "huge"], /--fail-on must be major, minor or patch/],
    [["diff", "a.json", "b.json", "c.json"], /at most two models/],
    [["diff", "base.json", "major.json", "--nope"], /Unknown option '--nope'/],
  ])("usage errors exit 2: %j", (args, message) => {
    const r = sdkgen(args, dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
  });

  it("a model with problems exits 1, naming the file", () => {
    const r = sdkgen(["diff", "base.json", "broken.json"], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/broken\.json: ex#OpOutput .*target ex#Gone does not exist/);
  });

  it.each([
    [["diff", "base.json", "missing.json"], /^sdkgen diff: cannot read model file missing\.json: no such file\n$/],
    [["diff", "missing.json", "base.json"], /^sdkgen diff: cannot read model file missing\.json: no such file\n$/],
    // A folder is a model (its .smithy and .json files) only when it has model files.
    [["diff", "empty", "base.json"], /^sdkgen diff: cannot read model empty: a folder without \.smithy or \.json files\n$/],
  ])("a model file that cannot be read exits 2, naming it: %j", (args, message) => {
    const r = sdkgen(args, dir);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(message);
  });

  it("is listed in the usage", () => {
    expect(sdkgen(["help"], dir).stdout).toContain("sdkgen diff <old model> <new model>");
  });
});

describe("sdkgen diff: git refs", () => {
  let root: string;
  beforeAll(() => {
    root = repoWith(baseModel());
    write(root, "models/mini.json", minor());
    commitAll(root, "add Extra");
    write(root, "models/mini.json", variant((s) => delete s["ex#OpOutput"].members.Value, minor())); // uncommitted
  });

  it("reads <ref>:<path> with git show", () => {
    const r = sdkgen(["diff", "HEAD~1:models/mini.json", "HEAD:models/mini.json", "--json"], root);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ old: "HEAD~1:models/mini.json", new: "HEAD:models/mini.json", bump: "minor" });
  });

  it("mixes a ref and a working-tree file", () => {
    const r = sdkgen(["diff", "HEAD~1:models/mini.json", "models/mini.json", "--fail-on", "major"], root);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("ex#OpOutput$Value: member removed");
    expect(r.stdout).toContain("ex#OpInput$Extra: optional member added");
  });

  it("--base <ref> reads the configured model at that ref", () => {
    const r = sdkgen(["diff", "--base", "HEAD~1", "--json"], root);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.old).toBe("HEAD~1:models/mini.json");
    expect(doc.new).toBe("models/mini.json");
    expect(doc.counts).toEqual({ major: 1, minor: 1, patch: 0 });
  });

  it("with no arguments compares the configured model with HEAD", () => {
    const r = sdkgen(["diff", "--json"], root);
    expect(JSON.parse(r.stdout)).toMatchObject({ old: "HEAD:models/mini.json", counts: { major: 1, minor: 0, patch: 0 } });
  });

  it("follows the model path named by the config at the base ref", () => {
    const moved = repoWith(baseModel());
    git(moved, "mv", "models/mini.json", "models/renamed.json");
    write(moved, "sdkgen.config.json", { model: "models/renamed.json", service: "ex#Svc", packages: {} });
    write(moved, "models/renamed.json", docs());
    const r = sdkgen(["diff", "--base", "HEAD", "--json"], moved);
    expect(r.stderr).toBe("");
    expect(JSON.parse(r.stdout)).toMatchObject({ old: "HEAD:models/mini.json", new: "models/renamed.json", bump: "patch" });
  });

  it("a ref or path git does not have exits 2", () => {
    const r = sdkgen(["diff", "nope~3:models/mini.json", "models/mini.json"], root);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/sdkgen diff: cannot read nope~3:models\/mini\.json from git: fatal:/);
    expect(sdkgen(["diff", "--base", "HEAD~5"], root).code).toBe(2);
  });

  it("--base outside a repository with a config is a usage error", () => {
    const r = sdkgen(["diff", "--base", "HEAD"], tempDir());
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/no sdkgen\.config\.json/);
  });
});
