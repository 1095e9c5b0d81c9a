import { describe, it, expect } from "vitest";
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import {
  DOCUMENTATION_TRAIT,
  documentationEntries,
  structuralView,
} from "../src/model-tools/structure.js";
import { loadModelTexts } from "../src/load/files.js";
import { modelToIdl } from "../src/load/idl/serialize.js";
import type { SmithyModel } from "../src/load/types.js";

const repoRoot = fileURLToPath(new URL("../../", import.meta.url));
const sharedDir = process.env.CONNECT_SDK_SHARED ?? path.resolve(repoRoot, "../shared");

/**
 * Each of our models and the upstream slice whose structure it must reproduce.
 * Paths: `model` is relative to the repo root, `upstream` to the shared folder.
 */
const MODEL_TARGETS = [
  {
    model: "models/connect.smithy",
    upstream: "upstream/attached-files.closure.json",
  },
] as const;

/** Shared word runs at least this long count as copied prose. */
const COPIED_RUN_WORDS = 8;

const SERVICE_ID = "com.amazonaws.connect#AmazonConnectService";
const SERVICE_VERSION = "2017-08-08";
const REQUIRED_SERVICE_TRAITS = [
  "aws.api#service",
  "aws.auth#sigv4",
  "aws.protocols#restJson1",
  "smithy.rules#endpointRuleSet",
  "smithy.rules#endpointTests",
];

interface Shape {
  type: string;
  version?: string;
  members?: Record<string, unknown>;
  traits?: Record<string, unknown>;
}

interface Model {
  smithy: string;
  metadata?: unknown;
  shapes: Record<string, Shape>;
}

/** A model file as text and as its JSON AST (IDL files through the loader sdkgen uses). */
function readJson(file: string): { text: string; json: Model } {
  const text = readFileSync(file, "utf8");
  if (file.endsWith(".smithy")) return { text, json: loadModelTexts([{ file, text }]).model as unknown as Model };
  return { text, json: JSON.parse(text) as Model };
}

/** Lower-cased words of a doc string, ignoring HTML markup and punctuation. */
function words(doc: string): string[] {
  const text = doc
    .replace(/<[^>]*>/g, " ")
    .replace(/&nbsp;/g, " ")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&apos;/g, "'")
    .replace(/&amp;/g, "&")
    .toLowerCase();
  return text.match(/[\p{L}\p{N}]+/gu) ?? [];
}

function runs(doc: string, length: number): Set<string> {
  const w = words(doc);
  const out = new Set<string>();
  for (let i = 0; i + length <= w.length; i++) {
    out.add(w.slice(i, i + length).join(" "));
  }
  return out;
}

/** Member names in order, per shape, so member order is checked explicitly. */
function memberOrder(model: Model): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [id, shape] of Object.entries(model.shapes)) {
    if (shape.members !== undefined) {
      out[id] = Object.keys(shape.members);
    }
  }
  return out;
}

describe("structuralView / documentationEntries", () => {
  const sample = {
    smithy: "2.0",
    shapes: {
      "ex#Svc": {
        type: "service",
        traits: {
          [DOCUMENTATION_TRAIT]: "service docs",
          "smithy.rules#endpointRuleSet": { parameters: { Region: { documentation: "kept" } } },
        },
      },
      "ex#Only": { type: "string", traits: { [DOCUMENTATION_TRAIT]: "only docs" } },
      "ex#Empty": { type: "string", traits: {} },
      "ex#S": {
        type: "structure",
        members: {
          A: { target: "ex#Only", traits: { [DOCUMENTATION_TRAIT]: "a", "smithy.api#required": {} } },
          B: { target: "ex#Only", traits: { [DOCUMENTATION_TRAIT]: "b" } },
        },
      },
      "ex#L": { type: "list", member: { target: "ex#Only", traits: { [DOCUMENTATION_TRAIT]: "m" } } },
    },
  };

  it("removes documentation traits and empty traits objects, keeps everything else", () => {
    const before = JSON.stringify(sample);
    expect(structuralView(sample)).toEqual({
      smithy: "2.0",
      shapes: {
        "ex#Svc": {
          type: "service",
          traits: {
            "smithy.rules#endpointRuleSet": { parameters: { Region: { documentation: "kept" } } },
          },
        },
        "ex#Only": { type: "string" },
        "ex#Empty": { type: "string" },
        "ex#S": {
          type: "structure",
          members: {
            A: { target: "ex#Only", traits: { "smithy.api#required": {} } },
            B: { target: "ex#Only" },
          },
        },
        "ex#L": { type: "list", member: { target: "ex#Only" } },
      },
    });
    expect(JSON.stringify(sample)).toBe(before);
  });

  it("keys documentation by shape id and shapeId$member", () => {
    expect([...documentationEntries(sample)]).toEqual([
      ["ex#Svc", "service docs"],
      ["ex#Only", "only docs"],
      ["ex#S$A", "a"],
      ["ex#S$B", "b"],
      ["ex#L$member", "m"],
    ]);
  });
});

describe.each(MODEL_TARGETS)("$model matches $upstream", ({ model, upstream }) => {
  const ours = readJson(path.resolve(repoRoot, model));
  const theirs = readJson(path.resolve(sharedDir, upstream));
  const ourDocs = documentationEntries(ours.json);
  const upstreamDocs = documentationEntries(theirs.json);

  it("is laid out as `sdkgen idl --keep-order --inline-metadata` writes it, with shapes sorted by id", () => {
    const files = modelToIdl(ours.json as unknown as SmithyModel, { order: "model", metadata: "inline" });
    expect([...files.values()]).toEqual([ours.text]);
    const ids = Object.keys(ours.json.shapes);
    expect(ids).toEqual([...ids].sort());
  });

  it("has the same structure as upstream once documentation is ignored", () => {
    expect(structuralView(ours.json)).toEqual(structuralView(theirs.json));
    // toEqual ignores key order; shape and member order are part of the model.
    expect(Object.keys(ours.json.shapes)).toEqual(Object.keys(theirs.json.shapes));
    expect(memberOrder(ours.json)).toEqual(memberOrder(theirs.json));
  });

  it("documents every shape and member that upstream documents", () => {
    const missing = [...upstreamDocs.keys()].filter((key) => !ourDocs.has(key));
    expect(missing).toEqual([]);
    const blank = [...ourDocs].filter(([, doc]) => doc.trim() === "").map(([key]) => key);
    expect(blank).toEqual([]);
  });

  it("uses our own wording for every documentation string", () => {
    const allUpstreamRuns = new Set<string>();
    for (const doc of upstreamDocs.values()) {
      for (const run of runs(doc, COPIED_RUN_WORDS)) allUpstreamRuns.add(run);
    }
    const problems: string[] = [];
    for (const [key, doc] of ourDocs) {
      const theirDoc = upstreamDocs.get(key);
      if (theirDoc !== undefined) {
        if (doc === theirDoc || words(doc).join(" ") === words(theirDoc).join(" ")) {
          problems.push(`${key}: same text as upstream`);
          continue;
        }
      }
      // Compare against every upstream doc, not only the same key, so text
      // moved between shapes is caught too.
      const shared = [...runs(doc, COPIED_RUN_WORDS)].filter((run) => allUpstreamRuns.has(run));
      if (shared.length > 0) {
        problems.push(`${key}: shares "${shared[0]}" with upstream`);
      }
    }
    expect(problems).toEqual([]);
  });

  it("declares the Amazon Connect service with its protocol, auth and endpoint traits", () => {
    const services = Object.entries(ours.json.shapes).filter(([, shape]) => shape.type === "service");
    expect(services.map(([id]) => id)).toEqual([SERVICE_ID]);
    const service = ours.json.shapes[SERVICE_ID];
    expect(service?.version).toBe(SERVICE_VERSION);
    const traitIds = Object.keys(service?.traits ?? {});
    for (const trait of REQUIRED_SERVICE_TRAITS) {
      expect(traitIds).toContain(trait);
    }
  });
});
