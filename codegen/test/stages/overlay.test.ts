/**
 * The trait overlay of sdkgen.config.json (`traits`, smithy-build `apply` style): applied before
 * generation, checked, and applied by `sdkgen diff` to both sides.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config/config.js";
import { applyTraitOverlay } from "../../src/config/overlay.js";
import { runDiff } from "../../src/diff/command.js";
import { generateFromModel } from "../../src/generate.js";
import { ModelError } from "../../src/load/problems.js";
import { baseModel } from "../diff/fixtures.js";
import { CONFIG, commitAll, repoWith, write } from "../diff/repo.js";
import { REPO_ROOT, tempDir } from "../helpers.js";

const SENSITIVE = { "smithy.api#sensitive": {} };

describe("trait overlay", () => {
  it("applies traits to shapes and members without changing the model it was given", () => {
    const model = baseModel();
    const before = JSON.stringify(model);
    const out = applyTraitOverlay(model, { "ex#Detail$Note": SENSITIVE, "ex#Name": { "smithy.api#documentation": "Overlaid." }, "ex#TagList$member": SENSITIVE });
    expect(out.shapes["ex#Detail"]!.members!.Note!.traits).toEqual(SENSITIVE);
    expect(out.shapes["ex#Name"]!.traits!["smithy.api#documentation"]).toBe("Overlaid.");
    expect(out.shapes["ex#Name"]!.traits!["smithy.api#length"]).toEqual({ min: 1, max: 10 });
    expect(out.shapes["ex#TagList"]!.member!.traits).toEqual(SENSITIVE);
    expect(JSON.stringify(model)).toBe(before);
  });

  it("names every target the model lacks (unless lenient, for an older model in a diff)", () => {
    const overlay = { "ex#Nope": SENSITIVE, "ex#Detail$Nope": SENSITIVE, "ex#Detail$Note": SENSITIVE };
    expect(() => applyTraitOverlay(baseModel(), overlay)).toThrow(ModelError);
    try {
      applyTraitOverlay(baseModel(), overlay);
    } catch (error) {
      expect((error as ModelError).problems.map((p) => p.path)).toEqual(['$.traits["ex#Nope"]', '$.traits["ex#Detail$Nope"]']);
    }
    expect(applyTraitOverlay(baseModel(), overlay, { lenient: true }).shapes["ex#Detail"]!.members!.Note!.traits).toEqual(SENSITIVE);
  });

  it("is checked when the config is read", async () => {
    const dir = tempDir("sdkgen-overlay-");
    write(dir, "sdkgen.config.json", { ...CONFIG, traits: { "not an id": SENSITIVE, "ex#Detail$Note": { sensitive: {} }, "ex#Name": [] } });
    const error = (await loadConfig(join(dir, "sdkgen.config.json")).catch((e: unknown) => e)) as ModelError;
    expect(error).toBeInstanceOf(ModelError);
    expect(error.problems.map((p) => p.path)).toEqual(['$.traits["not an id"]', '$.traits["ex#Detail$Note"]["sensitive"]', '$.traits["ex#Name"]']);
  });

  it("marks shapes @sensitive in the generated client (the logger redacts the members that target them)", async () => {
    const dir = tempDir("sdkgen-overlay-");
    const packages = { client: { name: "c", dir: join(dir, "c") }, types: { name: "t", dir: join(dir, "t") } };
    // Smithy allows @sensitive on shapes, not members: the overlay marks the string shape Note targets.
    const model = baseModel();
    model.shapes["ex#NoteText"] = { type: "string" };
    model.shapes["ex#Detail"]!.members!.Note!.target = "ex#NoteText";
    const plain = await generateFromModel(model, { model: "m.json", service: "ex#Svc", packages });
    const overlaid = await generateFromModel(model, { model: "m.json", service: "ex#Svc", packages, traits: { "ex#NoteText": SENSITIVE } });
    const sensitiveFile = (r: typeof plain) => r.packages.find((p) => p.kind === "client")!.files.find((f) => f.path === "src/gen/protocols/sensitive.ts");
    expect(sensitiveFile(plain)).toBeUndefined();
    expect(sensitiveFile(overlaid)?.contents).toMatch(/export function DetailFilterSensitiveLog[\s\S]*copy\.Note = SENSITIVE_STRING/);
    expect(overlaid.ir.shapeById.get("ex#Detail")!.kind === "structure" && (overlaid.ir.shapeById.get("ex#Detail") as { members: { name: string; sensitive: boolean }[] }).members.find((m) => m.name === "Note")!.sensitive).toBe(true);
  });

  it("refuses @sensitive on a member, as Smithy does (TraitTarget)", async () => {
    const dir = tempDir("sdkgen-overlay-");
    const packages = { client: { name: "c", dir: join(dir, "c") }, types: { name: "t", dir: join(dir, "t") } };
    const error = await generateFromModel(baseModel(), { model: "m.json", service: "ex#Svc", packages, traits: { "ex#Detail$Note": SENSITIVE } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModelError);
    expect(String((error as Error).message)).toMatch(/TraitTarget/);
  });

  it("marks the pre-signed upload and download URLs @sensitive in this repository's config", async () => {
    const config = await loadConfig(join(REPO_ROOT, "sdkgen.config.json"), "connect");
    expect(config.traits).toMatchObject({ "com.amazonaws.connect#MetadataUrl": SENSITIVE });
    const sensitive = readFileSync(join(REPO_ROOT, "services/connect/client/src/gen/protocols/sensitive.ts"), "utf8");
    expect(sensitive).toMatch(/UploadUrlMetadataFilterSensitiveLog/);
    expect(sensitive).toMatch(/DownloadUrlMetadataFilterSensitiveLog/);
  });

  it("is applied by sdkgen diff to both sides: two models with --config, and --base", async () => {
    const root = repoWith(baseModel(), { ...CONFIG, traits: { "ex#Detail$Note": SENSITIVE } });
    // Both sides carry the overlay: an unchanged model is no change.
    const same = await runDiff({ cwd: root });
    expect(same.diff.changes).toEqual([]);
    write(root, "old.json", baseModel());
    write(root, "new.json", baseModel());
    const files = await runDiff({ cwd: root, old: "old.json", new: "new.json", config: "sdkgen.config.json" });
    expect(files.diff.changes).toEqual([]);
    // A new overlay entry is a change of the generated packages, reported against the ref's overlay.
    write(root, "sdkgen.config.json", { ...CONFIG, traits: { "ex#Detail$Note": SENSITIVE, "ex#OpOutput$Value": SENSITIVE } });
    const added = await runDiff({ cwd: root });
    expect(added.diff.changes).toEqual([expect.objectContaining({ code: "ChangedSensitive", severity: "patch", shapeId: "ex#OpOutput", member: "Value" })]);
    commitAll(root, "overlay");
    expect((await runDiff({ cwd: root })).diff.changes).toEqual([]);
  });
});
