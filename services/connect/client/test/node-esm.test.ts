/**
 * Node's ESM entry point. `import "@connect-sdk/client-connect"` in Node resolves to
 * dist/index.node.mjs, which loads the CommonJS build with require(): an ESM import of CommonJS
 * makes Node lex that file and every CommonJS module loaded after it (the runtime and @smithy/core,
 * ~440 KB), which cost about 100 ms of a cold start (`pnpm bench`). The wrapper must export every
 * name of the ESM build, and share one copy of the client with CommonJS users.
 */
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = join(__dirname, "..");

/** Runs an ES module in a fresh Node in the package's folder (the package imports itself by name). */
function runModule(script: string): unknown {
  const out = execFileSync(process.execPath, ["--input-type=module", "-e", script], { cwd: ROOT, encoding: "utf8" });
  return JSON.parse(out);
}

describe("Node ESM entry point", () => {
  it("resolves to the require() wrapper, which exports every name of the ESM build, shared with CommonJS", () => {
    const result = runModule(`
      import { createRequire } from "node:module";
      import * as viaNode from "@connect-sdk/client-connect";
      import * as esmBuild from "./dist/index.mjs";
      const cjs = createRequire(import.meta.url)("@connect-sdk/client-connect");
      const names = (ns) => Object.keys(ns).filter((k) => k !== "default" && k !== "__esModule").sort();
      console.log(JSON.stringify({
        resolved: import.meta.resolve("@connect-sdk/client-connect"),
        node: names(viaNode),
        esm: names(esmBuild),
        shared: names(viaNode).every((k) => viaNode[k] === cjs[k]),
      }));
    `) as { resolved: string; node: string[]; esm: string[]; shared: boolean };
    expect(result.resolved.endsWith("/dist/index.node.mjs")).toBe(true);
    expect(result.node).toEqual(result.esm);
    expect(result.node).toContain("ConnectClient");
    expect(result.shared).toBe(true);
  }, 120_000);
});
