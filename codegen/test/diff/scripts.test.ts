import { existsSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { CLI, REPO_ROOT, tempDir } from "../helpers.js";
import { baseModel, variant } from "./fixtures.js";
import { CONFIG, commitAll, git, repoWith, run, script, sdkgen, write } from "./repo.js";

const major = () => variant((s) => delete s["ex#OpOutput"].members.Value);
const docs = () => variant((s) => (s["ex#Detail"].traits = { "smithy.api#documentation": "More." }));
const check = (cwd: string, ...args: string[]) => script("check-model-changeset.mjs", args, cwd);
const changesetModel = (cwd: string, ...args: string[]) => script("changeset-model.mjs", args, cwd);
const changesets = (root: string) => readdirSync(join(root, ".changeset")).filter((f) => f !== "README.md").sort();
const changeset = (pkg: string, bump: string) => `---\n"${pkg}": ${bump}\n---\n\nModel update.\n`;

beforeAll(() => {
  expect(existsSync(CLI), "build the generator first (cd codegen && npx tsup)").toBe(true);
});

describe("scripts/changeset-model.mjs", () => {
  it("writes one changeset per affected package with the diff's bump, and rewrites them on a rerun", () => {
    const root = repoWith(baseModel());
    write(root, "models/mini.json", major());
    const r = changesetModel(root);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const sha = git(root, "rev-parse", "--short", "HEAD");
    expect(changesets(root)).toEqual([`model-mini-client-${sha}.md`, `model-mini-types-${sha}.md`]);
    const types = readFileSync(join(root, ".changeset", `model-mini-types-${sha}.md`), "utf8");
    expect(types).toMatch(/^---\n"@mini\/types": major\n---\n\nRegenerated from an updated Mini model: 1 breaking change\.\n/);
    expect(types).toContain("- `OpOutput.Value`: member removed");

    // The model changes again before the commit: same files, new contents; no stale ones.
    write(root, "models/mini.json", variant((s) => (s["ex#Op"].traits["smithy.api#documentation"] = "Better.")));
    expect(changesetModel(root).code).toBe(0);
    expect(changesets(root)).toEqual([`model-mini-client-${sha}.md`]);
    expect(readFileSync(join(root, ".changeset", `model-mini-client-${sha}.md`), "utf8")).toMatch(/^---\n"@mini\/client": patch\n/);
  });

  it("includes the test-fixtures package when it is configured", () => {
    const root = repoWith(baseModel(), {
      model: "models/mini.json",
      packages: { types: { name: "@mini/types", dir: "t" }, client: { name: "@mini/client", dir: "c" }, "test-fixtures": { name: "@mini/test-fixtures", dir: "f" } },
    });
    write(root, "models/mini.json", docs());
    expect(changesetModel(root).code).toBe(0);
    expect(changesets(root).map((f) => f.replace(/-[0-9a-f]+\.md$/, ""))).toEqual(["model-mini-client", "model-mini-test-fixtures", "model-mini-types"]);
  });

  it("writes nothing when the model did not change, and hints at --base", () => {
    const root = repoWith(baseModel());
    const r = changesetModel(root);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Pass --base HEAD~1");
    expect(changesets(root)).toEqual([]);
    write(root, "models/mini.json", docs());
    commitAll(root, "docs");
    expect(changesetModel(root, "--base", "HEAD~1").code).toBe(0);
    expect(changesets(root)).toHaveLength(2);
  });
});

describe("scripts/check-model-changeset.mjs", () => {
  it("passes outside git, in a repository with a single commit, and in a shallow clone", () => {
    expect(check(tempDir()).stdout).toContain("not a git repository");
    const root = repoWith(baseModel());
    const single = check(root);
    expect(single.code).toBe(0);
    expect(single.stdout).toContain("single commit or shallow clone");

    write(root, "models/mini.json", major());
    commitAll(root, "breaking change");
    const shallow = tempDir();
    git(shallow, "clone", "-q", "--depth", "1", `file://${root}`, "clone");
    expect(check(join(shallow, "clone")).code).toBe(0);
  });

  it("passes when models/ did not change", () => {
    const root = repoWith(baseModel());
    write(root, "README.md", "hello\n");
    commitAll(root, "readme");
    expect(check(root).stdout).toContain("no changes under models/ since HEAD~1");
  });

  it("passes when the model moved from JSON to IDL unchanged (sdkgen diff: no changes), and still guards a change made with the move", () => {
    const root = repoWith(baseModel());
    const idl = sdkgen(["idl", "models/mini.json", "--out", "models", "--inline-metadata"], root);
    expect(idl.code).toBe(0);
    rmSync(join(root, "models/mini.json"));
    write(root, "sdkgen.config.json", { ...CONFIG, model: "models" });
    commitAll(root, "model in IDL");
    const r = check(root);
    expect(r.stdout).toContain("the model is the same");
    expect(r.code).toBe(0);

    write(root, "models/ex.smithy", readFileSync(join(root, "models/ex.smithy"), "utf8").replace(/structure OpOutput \{[^}]*\}/, "structure OpOutput {}"));
    expect(check(root, "--base", "HEAD~1").code).toBe(1);
  });

  it("fails when models/ changed without a changeset, committed or not", () => {
    const root = repoWith(baseModel());
    write(root, "models/mini.json", docs());
    commitAll(root, "docs");
    const r = check(root);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("models/ changed since HEAD~1 but no changeset for a generated package (@mini/types, @mini/client) was added");
    expect(r.stderr).toContain("  models/mini.json");

    write(root, "models/mini.json", major()); // also uncommitted changes count
    write(root, ".changeset/unrelated.md", changeset("some-other-package", "major"));
    expect(check(root).code).toBe(1);
  });

  it("passes with changesets that cover the diff, uncommitted or committed", () => {
    const root = repoWith(baseModel());
    write(root, "models/mini.json", major());
    expect(changesetModel(root).code).toBe(0);
    const r = check(root, "--base", "HEAD");
    expect(r.stdout).toContain("cover the model diff");
    expect(r.code).toBe(0);
    commitAll(root, "breaking change with changesets");
    expect(check(root).code).toBe(0);
  });

  it("fails when a changeset under-bumps a package for the diff; --presence-only skips that", () => {
    const root = repoWith(baseModel());
    write(root, "models/mini.json", major());
    write(root, ".changeset/model.md", `---\n"@mini/types": minor\n"@mini/client": major\n---\n\nUpdate.\n`);
    commitAll(root, "breaking change, minor bump");
    const r = check(root);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("@mini/types: changesets bump it minor, but the model diff calls for major:");
    expect(r.stderr).toContain("OpOutput.Value: member removed");
    expect(check(root, "--presence-only").code).toBe(0);
  });

  it("uses the merge base with origin/main when there is one", () => {
    const upstream = repoWith(baseModel());
    const clones = tempDir();
    git(clones, "clone", "-q", `file://${upstream}`, "work");
    const root = join(clones, "work");
    write(root, "models/mini.json", docs());
    commitAll(root, "docs, no changeset");
    write(root, "README.md", "later\n");
    commitAll(root, "unrelated");
    // HEAD~1 would not see the model change; the merge base with origin/main does.
    const r = check(root);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("since merge-base(HEAD, origin/main)");
    write(root, ".changeset/docs.md", changeset("@mini/client", "patch"));
    write(root, ".changeset/docs-types.md", changeset("@mini/types", "patch"));
    expect(check(root).code).toBe(0);
  });

  /** The mini repository as a changesets workspace: packages/types and packages/client at these versions. */
  function releasableRepo(versions: { types: string; client: string }): string {
    const root = repoWith(baseModel());
    write(root, "package.json", { name: "mini-root", private: true, workspaces: ["packages/*"] });
    write(root, ".changeset/config.json", { changelog: false, commit: false, fixed: [], linked: [], access: "restricted", baseBranch: "main", updateInternalDependencies: "patch", ignore: [] });
    write(root, "packages/types/package.json", { name: "@mini/types", version: versions.types });
    write(root, "packages/client/package.json", { name: "@mini/client", version: versions.client });
    commitAll(root, "packages");
    return root;
  }
  const changesetVersion = (root: string) => run(process.execPath, [join(REPO_ROOT, "node_modules/@changesets/cli/bin.js"), "version"], root);
  const versionOf = (root: string, dir: string) => JSON.parse(readFileSync(join(root, dir, "package.json"), "utf8")).version;

  it("while a package is 0.x, a breaking change bumps its minor (npm's caret convention); from 1.0.0 its major", () => {
    const root = releasableRepo({ types: "0.1.0", client: "1.2.0" });
    write(root, "models/mini.json", major());
    const r = changesetModel(root);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("@mini/types minor (major change; @mini/types is at 0.1.0, and 0.x bumps the minor)");
    const sha = git(root, "rev-parse", "--short", "HEAD");
    expect(readFileSync(join(root, ".changeset", `model-mini-types-${sha}.md`), "utf8")).toMatch(/^---\n"@mini\/types": minor\n/);
    expect(readFileSync(join(root, ".changeset", `model-mini-client-${sha}.md`), "utf8")).toMatch(/^---\n"@mini\/client": major\n/);
    commitAll(root, "breaking change");
    expect(check(root).code).toBe(0);
  });

  it("passes after `changeset version` consumed the changesets: the release is the record", () => {
    const root = releasableRepo({ types: "0.1.0", client: "0.1.0" });
    write(root, "models/mini.json", major());
    expect(changesetModel(root).code).toBe(0);
    commitAll(root, "breaking change");
    const version = changesetVersion(root);
    expect(version.code, version.stderr).toBe(0);
    expect(changesets(root).filter((f) => f.endsWith(".md"))).toEqual([]);
    expect([versionOf(root, "packages/types"), versionOf(root, "packages/client")]).toEqual(["0.2.0", "0.2.0"]);
    // Uncommitted, and committed: the base is HEAD~1 for the release commit, so compare from the model change's parent.
    const before = check(root, "--base", "HEAD~1");
    expect(before.stderr).toBe("");
    expect(before.stdout).toContain("release @mini/types 0.1.0 → 0.2.0");
    expect(before.code).toBe(0);
    commitAll(root, "release");
    const after = check(root, "--base", "HEAD~2");
    expect(after.stdout).toContain("cover the model diff");
    expect(after.code).toBe(0);
  });

  it("fails when a release under-bumps a package for the diff", () => {
    const root = releasableRepo({ types: "0.1.0", client: "2.0.0" });
    write(root, "models/mini.json", major());
    write(root, "packages/types/package.json", { name: "@mini/types", version: "0.1.1" });
    write(root, "packages/client/package.json", { name: "@mini/client", version: "2.1.0" });
    commitAll(root, "breaking change released as a patch and a minor");
    const r = check(root);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("@mini/types: changesets and releases bump it patch, but the model diff calls for minor (major changes, at 0.1.0):");
    expect(r.stderr).toContain("@mini/client: changesets and releases bump it minor, but the model diff calls for major:");
  });

  it("an unknown --base is an error", () => {
    const root = repoWith(baseModel());
    const r = check(root, "--base", "nope");
    expect(r.code).toBe(2);
    rmSync(root, { recursive: true, force: true });
  });
});
