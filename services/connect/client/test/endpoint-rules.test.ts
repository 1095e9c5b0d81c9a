/**
 * Every `smithy.rules#endpointTests` case of the upstream Amazon Connect model, run against the
 * endpoint resolver generated from models/connect.smithy (whose rule set is the upstream one).
 */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { endpointRules } from "../src/gen/endpoint/rules.js";

// The package builds as CommonJS, so its tests locate files from __dirname.
const REPO = join(__dirname, "../../../..");
const SHARED = process.env.CONNECT_SDK_SHARED ?? join(REPO, "../shared");

interface EndpointTestCase {
  documentation?: string;
  params?: Record<string, string | boolean>;
  expect: {
    endpoint?: { url: string; headers?: Record<string, string[]>; properties?: Record<string, unknown> };
    error?: string;
  };
}

type Model = { shapes: Record<string, { type: string; traits?: Record<string, unknown> }> };

function serviceTraits(file: string): Record<string, unknown> {
  // Our model is IDL: its JSON AST is one `sdkgen ast` away (the generator is built before these tests run).
  const text = file.endsWith(".smithy")
    ? execFileSync(process.execPath, [join(REPO, "codegen/dist/cli.js"), "ast", file], { encoding: "utf8", maxBuffer: 1 << 26 })
    : readFileSync(file, "utf8");
  const model = JSON.parse(text) as Model;
  return Object.values(model.shapes).find((s) => s.type === "service")!.traits ?? {};
}

const upstream = serviceTraits(join(SHARED, "upstream/connect.json"));
const cases = (upstream["smithy.rules#endpointTests"] as { testCases: EndpointTestCase[] }).testCases;

describe("Connect endpoint rules", () => {
  it("are the upstream rule set, with its 32 test cases", () => {
    const ours = serviceTraits(join(REPO, "models/connect.smithy"));
    expect(ours["smithy.rules#endpointRuleSet"]).toEqual(upstream["smithy.rules#endpointRuleSet"]);
    expect(cases).toHaveLength(32);
  });

  for (const [i, c] of cases.entries()) {
    it(`${i + 1}. ${c.documentation ?? "(undocumented)"}`, () => {
      const resolve = () => endpointRules.resolve({ ...c.params }, {});
      if (c.expect.error !== undefined) {
        expect(resolve).toThrowError(new RegExp(`^${escapeRegExp(c.expect.error)}$`));
        return;
      }
      const expected = c.expect.endpoint!;
      const endpoint = resolve();
      expect(endpoint.url.href).toBe(new URL(expected.url).href);
      expect(endpoint.headers ?? {}).toEqual(expected.headers ?? {});
      expect(endpoint.properties ?? {}).toEqual(expected.properties ?? {});
    });
  }
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
