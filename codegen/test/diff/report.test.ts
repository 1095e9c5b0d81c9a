import { describe, expect, it } from "vitest";
import { diffToJson, formatDiff, planChangesets, renderChangeset } from "../../src/diff/index.js";
import { diffOf } from "./fixtures.js";

const labels = { old: "old.json", new: "new.json" };
const packages = {
  types: { name: "@connect-sdk/types-connect" },
  client: { name: "@connect-sdk/client-connect" },
  "test-fixtures": { name: "@connect-sdk/test-fixtures-connect" },
};

const mixed = () =>
  diffOf((s) => {
    s["ex#Detail"].traits = { "smithy.api#documentation": "More detail." };
    s["ex#OpInput"].members.Extra = { target: "smithy.api#String" };
    delete s["ex#OpOutput"].members.Value;
  });

describe("diff report", () => {
  it("groups one line per change by severity", () => {
    expect(formatDiff(mixed(), labels)).toBe(
      [
        "Model diff: old.json → new.json",
        "Service: ex#Svc",
        "Suggested bump: major (1 major, 1 minor, 1 patch)",
        "",
        "MAJOR: breaking changes (1)",
        "  ex#OpOutput$Value: member removed [RemovedMember]",
        "",
        "MINOR: additions (1)",
        "  ex#OpInput$Extra: optional member added [AddedMember]",
        "",
        "PATCH: documentation and changes no program can see (1)",
        "  ex#Detail: documentation added [ChangedDocumentation]",
        "",
      ].join("\n"),
    );
  });

  it("says so when nothing changed", () => {
    expect(formatDiff(diffOf(() => {}), labels)).toContain("\nNo changes.\n");
  });

  it("has a JSON form", () => {
    const doc = JSON.parse(diffToJson(mixed(), labels));
    expect(doc).toMatchObject({ version: 1, old: "old.json", new: "new.json", service: "ex#Svc", bump: "major", counts: { major: 1, minor: 1, patch: 1 } });
    expect(doc.changes[1]).toEqual({ severity: "minor", code: "AddedMember", shapeId: "ex#OpInput", member: "Extra", message: "optional member added", symbol: "OpInput.Extra", scope: "shape" });
  });
});

describe("changesets from a diff", () => {
  it("one per configured package, with the bump and a consumer summary", () => {
    const plans = planChangesets(mixed(), packages);
    expect(plans.map((p) => [p.package, p.bump])).toEqual([
      ["@connect-sdk/types-connect", "major"],
      ["@connect-sdk/client-connect", "major"],
      ["@connect-sdk/test-fixtures-connect", "major"],
    ]);
    expect(renderChangeset(plans[0]!)).toBe(
      [
        "---",
        '"@connect-sdk/types-connect": major',
        "---",
        "",
        "Regenerated from an updated Mini model: 1 breaking change, 1 addition, 1 documentation or internal change.",
        "",
        "**Breaking changes** (code written against the previous version may no longer compile or work):",
        "",
        "- `OpOutput.Value`: member removed",
        "",
        "**New**:",
        "",
        "- `OpInput.Extra`: optional member added",
        "",
        "**Other**:",
        "",
        "- Documentation updated for `Detail`.",
        "",
      ].join("\n"),
    );
  });

  it("documentation only: a patch for every package", () => {
    const diff = diffOf((s) => (s["ex#Detail"].traits = { "smithy.api#documentation": "More." }));
    expect(planChangesets(diff, packages).map((p) => p.bump)).toEqual(["patch", "patch", "patch"]);
  });

  it("leaves out packages that are not configured", () => {
    const diff = diffOf((s) => (s["ex#Detail"].traits = { "smithy.api#documentation": "More." }));
    expect(planChangesets(diff, { client: packages.client }).map((p) => p.package)).toEqual(["@connect-sdk/client-connect"]);
  });

  it("operation-only changes leave the types package alone", () => {
    const diff = diffOf((s) => (s["ex#Op"].traits["smithy.api#http"].method = "PUT"));
    expect(planChangesets(diff, packages).map((p) => [p.package, p.bump])).toEqual([
      ["@connect-sdk/client-connect", "major"],
      ["@connect-sdk/test-fixtures-connect", "major"],
    ]);
  });

  it("wire-only shape changes are a patch for the types package", () => {
    const diff = diffOf((s) => (s["ex#OpOutput"].members.Value.traits = { "smithy.api#jsonName": "value" }));
    expect(planChangesets(diff, packages).map((p) => [p.package, p.bump])).toEqual([
      ["@connect-sdk/types-connect", "patch"],
      ["@connect-sdk/client-connect", "major"],
      ["@connect-sdk/test-fixtures-connect", "major"],
    ]);
  });

  it("lists new commands and types compactly", () => {
    const diff = diffOf((s) => {
      s["ex#Svc"].operations.push({ target: "ex#Other" });
      s["ex#Other"] = { type: "operation", input: { target: "ex#OtherInput" }, traits: { "smithy.api#http": { method: "GET", uri: "/other" } } };
      s["ex#OtherInput"] = { type: "structure", members: { Q: { target: "smithy.api#String", traits: { "smithy.api#httpQuery": "q" } } } };
    });
    const [types, client] = planChangesets(diff, packages);
    expect(types!.summary).toContain("- New type: `OtherInput`.");
    expect(types!.summary).not.toContain("OtherCommand");
    expect(client!.summary).toContain("- New command: `OtherCommand`.");
    expect(client!.bump).toBe("minor");
  });

  it("nothing to do for no changes", () => {
    expect(planChangesets(diffOf(() => {}), packages)).toEqual([]);
  });
});
