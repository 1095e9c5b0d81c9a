/**
 * Node's ESM entry point of the runtime: dist/index.node.mjs (written by @connect-sdk/build-preset),
 * which loads the CommonJS build with require() so that Node does not lex it and every @smithy/core
 * entry point it loads. It must export every name of the ESM build, shared with CommonJS users.
 */
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

describe("Node ESM entry point", () => {
  it("resolves to the require() wrapper, which exports every name of the ESM build, shared with CommonJS", () => {
    const script = `
      import { createRequire } from "node:module";
      import * as viaNode from "@connect-sdk/client-runtime";
      import * as esmBuild from "./dist/index.mjs";
      const cjs = createRequire(import.meta.url)("@connect-sdk/client-runtime");
      const names = (ns) => Object.keys(ns).filter((k) => k !== "default" && k !== "__esModule").sort();
      console.log(JSON.stringify({
        resolved: import.meta.resolve("@connect-sdk/client-runtime"),
        node: names(viaNode),
        esm: names(esmBuild),
        shared: names(viaNode).every((k) => viaNode[k] === cjs[k]),
      }));
    `;
    const out = execFileSync(process.execPath, ["--input-type=module", "-e", script], { cwd: join(__dirname, ".."), encoding: "utf8" });
    const result = JSON.parse(out) as { resolved: string; node: string[]; esm: string[]; shared: boolean };
    expect(result.resolved.endsWith("/dist/index.node.mjs")).toBe(true);
    expect(result.node).toEqual(result.esm);
    expect(result.node).toContain("resolveClientConfig");
    expect(result.shared).toBe(true);
  }, 120_000);
});
