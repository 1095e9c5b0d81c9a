/**
 * The JMESPath compiler against the reference implementation (the `jmespath` package): each path
 * is compiled for a small model's output shape, run on a few documents (complete, empty, empty
 * lists, members missing) with the client runtime's helpers, and must give what `jmespath.search`
 * gives — including a type error (`length()` of a missing member) where it raises one.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as runtime from "@connect-sdk/client-runtime";
import jmespath from "jmespath";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { JmesCompiler } from "../src/emit/client/jmespath.js";
import { configForModel, generate } from "../src/generate.js";
import { parseJmesPath } from "../src/ir/jmespath.js";
import type { ServiceIR, StructureShape } from "../src/ir/types.js";
import { SourceFile } from "../src/writer/source-file.js";

const str = { target: "smithy.api#String" };
const int = { target: "smithy.api#Integer" };
const MODEL = {
  smithy: "2.0",
  shapes: {
    "example.j#Svc": { type: "service", version: "1", operations: [{ target: "example.j#Get" }], traits: { "aws.protocols#restJson1": {}, "aws.api#service": { sdkId: "J" }, "aws.auth#sigv4": { name: "j" } } },
    "example.j#Get": { type: "operation", output: { target: "example.j#GetOutput" }, traits: { "smithy.api#http": { method: "GET", uri: "/", code: 200 } } },
    "example.j#GetOutput": {
      type: "structure",
      members: { status: str, count: int, flag: { target: "smithy.api#Boolean" }, items: { target: "example.j#Items" }, groups: { target: "example.j#Groups" }, tags: { target: "example.j#Tags" }, nested: { target: "example.j#Nested" } },
    },
    "example.j#Items": { type: "list", member: { target: "example.j#Item" } },
    "example.j#Item": { type: "structure", members: { name: str, state: str, size: int, enabled: { target: "smithy.api#Boolean" }, sub: { target: "example.j#Strings" } } },
    "example.j#Strings": { type: "list", member: str },
    "example.j#Groups": { type: "list", member: { target: "example.j#Group" } },
    "example.j#Group": { type: "structure", members: { instances: { target: "example.j#Items" }, min: int, max: int } },
    "example.j#Tags": { type: "map", key: str, value: str },
    "example.j#Nested": { type: "structure", members: { inner: { target: "example.j#Inner" } } },
    "example.j#Inner": { type: "structure", members: { value: str } },
  },
};

const PATHS = [
  "status",
  "nested.inner.value",
  "items[].state",
  "items[*].state",
  "items[].sub[]",
  "items[*].sub[*]",
  "items[0].name",
  "items[-1].name",
  "items[5].name",
  "items[?state == 'on'].name",
  "items[?!(enabled)].name",
  "items[?size > `1` && enabled == `false`].name",
  "items[?state != `null`].size",
  "items[].size",
  "length(items)",
  "length(items[?size > `1`]) == `0`",
  "contains(items[].state, 'off')",
  "contains(status, 'n')",
  "groups[].[length(instances[?state=='on']) >= min][]",
  "contains(groups[].[length(instances[?state=='on']) >= min][], `false`)",
  "length(groups[?!(length(instances) == `1` && min == max)]) == `0`",
  "tags.*",
  "tags.a",
  "length(tags)",
  "status != 'x' && status != 'y'",
  "flag || count > `3`",
  "!flag",
  "count >= `5`",
  "status == `null`",
  "items | [0].name",
  "items[] | length(@)",
  "items[?sub].name",
  "nested && count",
];

const DOCUMENTS: Record<string, unknown>[] = [
  {
    status: "on",
    count: 5,
    flag: true,
    items: [
      { name: "a", state: "on", size: 1, enabled: true, sub: ["x", "y"] },
      { name: "b", state: "off", size: 2, enabled: false, sub: [] },
      { name: "c", size: 3 },
    ],
    groups: [
      { instances: [{ state: "on" }], min: 1, max: 1 },
      { instances: [{ state: "off" }, { state: "on" }], min: 2, max: 3 },
    ],
    tags: { a: "1", b: "2" },
    nested: { inner: { value: "v" } },
  },
  {},
  { status: "x", flag: false, count: 0, items: [], groups: [], tags: {}, nested: {} },
  { items: [{}, { name: "z", sub: ["q"] }], groups: [{ min: 0 }, { instances: [], min: 0, max: 0 }] },
];

/**
 * Where jmespath.js (0.16) departs from the specification, which the compiler follows: `<`, `>=`…
 * of a non-number are null by the spec (and jmespath.py), false in jmespath.js.
 */
function specOverReference(path: string, doc: Record<string, unknown>): { value: unknown } | undefined {
  const ordersMissingCount = (path === "count >= `5`" || (path === "flag || count > `3`" && !doc.flag)) && doc.count === undefined;
  return ordersMissingCount ? { value: null } : undefined;
}

/** The value or the fact of a type error, with JMESPath's null for undefined. */
function outcome(run: () => unknown): unknown {
  try {
    return JSON.parse(JSON.stringify({ v: run() ?? null })).v;
  } catch (error) {
    if (error instanceof runtime.JmesPathTypeError || (error as Error).name === "invalid-type" || /invalid-type|expected argument/i.test(String((error as Error).message))) return "type error";
    throw error;
  }
}

describe("compiled JMESPath paths give what the reference implementation gives", () => {
  let dir: string;
  let ir: ServiceIR;
  let output: StructureShape;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "sdkgen-jmespath-"));
    const file = join(dir, "model.json");
    writeFileSync(file, JSON.stringify(MODEL));
    ({ ir } = await generate(await configForModel(file, dir), []));
    output = ir.operations[0]!.output;
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each(PATHS)("%s", (path) => {
    const source = new SourceFile("src/gen/waiters/x.ts");
    const compiled = new JmesCompiler(ir, source).compile(parseJmesPath(path), { code: "output", defined: true, type: { k: "shape", shape: output } });
    // The helpers the code calls, by the names the file imported them under.
    const helpers = Object.keys(runtime).filter((name) => new RegExp(`\\b${name}\\(`).test(compiled.code));
    const fn = new Function(...helpers, "output", `return ${compiled.code};`) as (...args: unknown[]) => unknown;
    const bound = (doc: unknown) => fn(...helpers.map((h) => (runtime as Record<string, unknown>)[h]), doc);
    for (const doc of DOCUMENTS) {
      const spec = specOverReference(path, doc);
      const expected = spec ? spec.value : outcome(() => jmespath.search(doc, path));
      expect(outcome(() => bound(doc)), `${path} on ${JSON.stringify(doc)}\ncompiled: ${compiled.code}`).toEqual(expected);
    }
  });
});
