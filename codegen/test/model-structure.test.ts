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

/** Shared word runs at least this long count as copied prose. */
const COPIED_RUN_WORDS = 8;

/** Traits every AWS service in our models must carry for the client to work. */
const REQUIRED_SERVICE_TRAITS = [
  "aws.api#service",
  "aws.auth#sigv4",
  "aws.protocols#restJson1",
  "smithy.rules#endpointRuleSet",
  "smithy.rules#endpointTests",
];

interface ModelTarget {
  /** Our model, relative to the repo root. */
  model: string;
  /**
   * The upstream model, relative to the shared folder: either a slice that is
   * already the closure of `operations` (`*.closure.json`), or the whole
   * service model, which the test cuts down with `serviceClosure`.
   */
  upstream: string;
  /** Whether `upstream` is the whole service model rather than the slice. */
  upstreamIsFullModel: boolean;
  service: string;
  version: string;
  /** The operations the model must bind, no more and no fewer. */
  operations: readonly string[];
}

/** Each of our models and the upstream model whose structure it must reproduce. */
const MODEL_TARGETS: readonly ModelTarget[] = [
  {
    model: "models/connect.smithy",
    upstream: "upstream/attached-files.closure.json",
    upstreamIsFullModel: false,
    service: "com.amazonaws.connect#AmazonConnectService",
    version: "2017-08-08",
    operations: [
      "com.amazonaws.connect#BatchGetAttachedFileMetadata",
      "com.amazonaws.connect#CompleteAttachedFileUpload",
      "com.amazonaws.connect#DeleteAttachedFile",
      "com.amazonaws.connect#GetAttachedFile",
      "com.amazonaws.connect#StartAttachedFileUpload",
    ],
  },
  {
    model: "models/connectcases.smithy",
    upstream: "upstream/connectcases.json",
    upstreamIsFullModel: true,
    service: "com.amazonaws.connectcases#AmazonConnectCases",
    version: "2022-10-03",
    operations: [
      "com.amazonaws.connectcases#CreateCase",
      "com.amazonaws.connectcases#CreateRelatedItem",
      "com.amazonaws.connectcases#DeleteRelatedItem",
      "com.amazonaws.connectcases#GetCase",
      "com.amazonaws.connectcases#SearchRelatedItems",
    ],
  },
];

interface Reference {
  target: string;
}

interface Shape {
  type: string;
  version?: string;
  members?: Record<string, Reference>;
  traits?: Record<string, unknown>;
  [property: string]: unknown;
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

/** Resource properties that bind a single operation. */
const LIFECYCLE = ["create", "put", "read", "update", "delete", "list"] as const;
/** Service and resource properties that bind a list of operations. */
const OPERATION_LISTS = ["operations", "collectionOperations"] as const;
/** Shape properties that refer to a single shape. */
const SINGLE_REFERENCES = [...LIFECYCLE, "input", "output", "member", "key", "value"] as const;
/** Shape properties that refer to a list of shapes. */
const REFERENCE_LISTS = [...OPERATION_LISTS, "resources", "errors", "mixins"] as const;

function reference(shape: Shape, property: string): Reference | undefined {
  return shape[property] as Reference | undefined;
}

function references(shape: Shape, property: string): Reference[] {
  return (shape[property] as Reference[] | undefined) ?? [];
}

/** Every shape id a shape refers to: members, bindings, identifiers, errors, mixins. */
function referencedIds(shape: Shape): string[] {
  const ids: string[] = [];
  for (const property of SINGLE_REFERENCES) {
    const ref = reference(shape, property);
    if (ref !== undefined) ids.push(ref.target);
  }
  for (const property of REFERENCE_LISTS) ids.push(...references(shape, property).map((ref) => ref.target));
  for (const property of ["identifiers", "properties", "members"]) {
    const refs = (shape[property] as Record<string, Reference> | undefined) ?? {};
    ids.push(...Object.values(refs).map((ref) => ref.target));
  }
  return ids;
}

/**
 * The slice of a full service model that a client for some of its operations
 * needs: the service and every shape reachable from it, once the bindings of
 * the service and of its resources are cut down to `operations`.
 *
 * A lifecycle binding (`create`, `read`, …) to another operation is removed; a
 * resource that binds none of the operations, itself or through a child
 * resource, is unbound; a binding list left empty is removed, as if upstream
 * had never declared it. Everything else (identifiers, traits, member order)
 * is copied unchanged, and shapes are sorted by id like the upstream
 * `*.closure.json` slices. Prelude shapes (`smithy.api#`) are not copied.
 */
function serviceClosure(model: Model, serviceId: string, operations: readonly string[]): Model {
  const wanted = new Set(operations);
  const shapeOf = (id: string): Shape => {
    const shape = Object.hasOwn(model.shapes, id) ? model.shapes[id] : undefined;
    if (shape === undefined) throw new Error(`${id} is referenced but not defined in the upstream model`);
    return shape;
  };
  const bindsWanted = (resourceId: string): boolean => {
    const resource = shapeOf(resourceId);
    return (
      LIFECYCLE.some((property) => wanted.has(reference(resource, property)?.target ?? "")) ||
      OPERATION_LISTS.some((property) => references(resource, property).some((ref) => wanted.has(ref.target))) ||
      references(resource, "resources").some((ref) => bindsWanted(ref.target))
    );
  };
  const restrict = (shape: Shape): Shape => {
    const copy = structuredClone(shape);
    if (shape.type !== "service" && shape.type !== "resource") return copy;
    for (const property of LIFECYCLE) {
      const ref = reference(copy, property);
      if (ref !== undefined && !wanted.has(ref.target)) delete copy[property];
    }
    const keep: Record<string, (ref: Reference) => boolean> = {
      operations: (ref) => wanted.has(ref.target),
      collectionOperations: (ref) => wanted.has(ref.target),
      resources: (ref) => bindsWanted(ref.target),
    };
    for (const [property, keeps] of Object.entries(keep)) {
      if (copy[property] === undefined) continue;
      const kept = references(copy, property).filter(keeps);
      if (kept.length > 0) copy[property] = kept;
      else delete copy[property];
    }
    return copy;
  };

  const slice = new Map<string, Shape>();
  const queue = [serviceId];
  while (queue.length > 0) {
    const id = queue.shift()!;
    if (slice.has(id) || id.startsWith("smithy.api#")) continue;
    const shape = restrict(shapeOf(id));
    slice.set(id, shape);
    queue.push(...referencedIds(shape));
  }
  const shapes: Record<string, Shape> = {};
  for (const id of [...slice.keys()].sort()) shapes[id] = slice.get(id)!;
  return { smithy: model.smithy, ...(model.metadata !== undefined ? { metadata: model.metadata } : {}), shapes };
}

/** The operations a service binds, directly or through its resources (sorted). */
function boundOperations(model: Model, serviceId: string): string[] {
  const bound = new Set<string>();
  const visited = new Set<string>();
  const visit = (id: string) => {
    const shape = model.shapes[id];
    if (shape === undefined || visited.has(id)) return;
    visited.add(id);
    for (const property of LIFECYCLE) {
      const ref = reference(shape, property);
      if (ref !== undefined) bound.add(ref.target);
    }
    for (const property of OPERATION_LISTS) for (const ref of references(shape, property)) bound.add(ref.target);
    for (const ref of references(shape, "resources")) visit(ref.target);
  };
  visit(serviceId);
  return [...bound].sort();
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

describe("serviceClosure", () => {
  const ref = (name: string) => ({ target: `ex#${name}` });
  const sample: Model = {
    smithy: "2.0",
    shapes: {
      "ex#Svc": { type: "service", version: "1", operations: [ref("Tag")], resources: [ref("Parent"), ref("Other")] },
      "ex#Parent": {
        type: "resource",
        identifiers: { id: ref("Id") },
        create: ref("Make"),
        update: ref("Change"),
        operations: [ref("Audit")],
        resources: [ref("Child")],
        traits: { "aws.api#arn": { template: "p/{id}" } },
      },
      "ex#Child": { type: "resource", identifiers: { id: ref("Id") }, list: ref("Find") },
      "ex#Other": { type: "resource", read: ref("Peek") },
      "ex#Make": { type: "operation", input: ref("MakeInput"), errors: [ref("Oops")] },
      "ex#Find": { type: "operation", output: { target: "smithy.api#Unit" } },
      "ex#Change": { type: "operation", input: ref("ChangeInput") },
      "ex#Audit": { type: "operation" },
      "ex#Tag": { type: "operation" },
      "ex#Peek": { type: "operation" },
      "ex#MakeInput": { type: "structure", members: { b: ref("Id"), a: ref("Names") } },
      "ex#ChangeInput": { type: "structure" },
      "ex#Names": { type: "list", member: { target: "smithy.api#String" } },
      "ex#Id": { type: "string" },
      "ex#Oops": { type: "structure", traits: { "smithy.api#error": "client" } },
    },
  };

  it("keeps the resource tree that binds the operations and cuts every other binding", () => {
    const slice = serviceClosure(sample, "ex#Svc", ["ex#Make", "ex#Find"]);
    expect(Object.keys(slice.shapes)).toEqual([
      "ex#Child",
      "ex#Find",
      "ex#Id",
      "ex#Make",
      "ex#MakeInput",
      "ex#Names",
      "ex#Oops",
      "ex#Parent",
      "ex#Svc",
    ]);
    expect(slice.shapes["ex#Svc"]).toEqual({ type: "service", version: "1", resources: [ref("Parent")] });
    expect(slice.shapes["ex#Parent"]).toEqual({
      type: "resource",
      identifiers: { id: ref("Id") },
      create: ref("Make"),
      resources: [ref("Child")],
      traits: { "aws.api#arn": { template: "p/{id}" } },
    });
    expect(Object.keys(slice.shapes["ex#MakeInput"]?.members ?? {})).toEqual(["b", "a"]);
    // The input is not modified.
    expect(sample.shapes["ex#Parent"]?.["update"]).toEqual(ref("Change"));
  });

  it("fails on a reference to a shape the model does not define", () => {
    const broken: Model = { smithy: "2.0", shapes: { "ex#Svc": { type: "service", operations: [ref("Gone")] } } };
    expect(() => serviceClosure(broken, "ex#Svc", ["ex#Gone"])).toThrow(/ex#Gone is referenced but not defined/);
  });

  it("reproduces the upstream attached-files slice from the full Connect model", () => {
    const full = readJson(path.resolve(sharedDir, "upstream/connect.json")).json;
    const slice = readJson(path.resolve(sharedDir, "upstream/attached-files.closure.json")).json;
    const connect = MODEL_TARGETS[0]!;
    const ours = serviceClosure(full, connect.service, connect.operations);
    expect(ours).toEqual(slice);
    expect(Object.keys(ours.shapes)).toEqual(Object.keys(slice.shapes));
  });
});

describe.each(MODEL_TARGETS)("$model matches $upstream", ({ model, upstream, upstreamIsFullModel, service, version, operations }) => {
  const ours = readJson(path.resolve(repoRoot, model));
  const upstreamModel = readJson(path.resolve(sharedDir, upstream));
  const theirs = {
    text: upstreamModel.text,
    json: upstreamIsFullModel ? serviceClosure(upstreamModel.json, service, operations) : upstreamModel.json,
  };
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

  it("binds exactly its operations to the service", () => {
    expect(boundOperations(ours.json, service)).toEqual([...operations].sort());
    expect(boundOperations(theirs.json, service)).toEqual([...operations].sort());
    for (const id of operations) expect(ours.json.shapes[id]?.type).toBe("operation");
  });

  it("declares the service with its version, protocol, auth and endpoint traits", () => {
    const services = Object.entries(ours.json.shapes).filter(([, shape]) => shape.type === "service");
    expect(services.map(([id]) => id)).toEqual([service]);
    const shape = ours.json.shapes[service];
    expect(shape?.version).toBe(version);
    const traitIds = Object.keys(shape?.traits ?? {});
    for (const trait of REQUIRED_SERVICE_TRAITS) {
      expect(traitIds).toContain(trait);
    }
  });
});
