/**
 * The contract between the generator and the runtime packages: generated code imports the runtimes
 * by name (nothing of them is copied into a package), and each generated package.json depends on
 * exactly the packages its code imports.
 */
import { join } from "node:path";
import { symbols as clientSymbols } from "@connect-sdk/client-runtime/symbols";
import { symbols as kitSymbols } from "@connect-sdk/test-kit/symbols";
import { describe, expect, it } from "vitest";
import { clientRuntime, clientRuntimeType, dependenciesOf, reexportClientRuntime, testKit } from "../../src/emit/shared/runtime.js";
import { generate } from "../../src/generate.js";
import { SourceFile } from "../../src/writer/source-file.js";
import { CODEGEN_ROOT } from "../helpers.js";

const packageOf = (m: string) => m.split("/").slice(0, m.startsWith("@") ? 2 : 1).join("/");

/** The packages a generated file imports or re-exports from, read back from its text. */
function importedPackages(text: string): string[] {
  return [...text.matchAll(/^(?:import|export)\b[^;*]*?\bfrom "([^".][^"]*)";/gm)].map((m) => packageOf(m[1]!)).filter((p) => !p.startsWith("node:"));
}

describe("the runtime contract", async () => {
  const { packages } = await generate({
    model: join(CODEGEN_ROOT, "test/models/weather.json"),
    packages: {
      types: { name: "@weather/types", dir: "/nowhere/types" },
      client: { name: "@weather/client", dir: "/nowhere/client" },
      "test-fixtures": { name: "@weather/test-fixtures", dir: "/nowhere/test-fixtures" },
    },
  });

  it("copies no runtime code into a generated package", () => {
    for (const pkg of packages) {
      expect(pkg.files.filter((f) => f.path.includes("/runtime/")).map((f) => f.path), pkg.name).toEqual([]);
      for (const f of pkg.files) expect(f.contents, `${pkg.name} ${f.path}`).not.toMatch(/Copied from/);
    }
  });

  it("depends on exactly the packages its generated code imports", () => {
    for (const pkg of packages) {
      const manifest = JSON.parse(pkg.files.find((f) => f.path === "package.json")!.contents) as { dependencies: Record<string, string>; peerDependencies?: Record<string, string> };
      const imported = new Set(pkg.files.filter((f) => f.path.endsWith(".ts")).flatMap((f) => importedPackages(f.contents)));
      // fast-check: only the ./arbitraries entry imports it, so it is an optional peer.
      const declared = new Set([...Object.keys(manifest.dependencies), ...Object.keys(manifest.peerDependencies ?? {}).filter((p) => imported.has(p))]);
      expect([...declared].sort(), pkg.name).toEqual([...imported].sort());
    }
    const client = JSON.parse(packages.find((p) => p.kind === "client")!.files.find((f) => f.path === "package.json")!.contents);
    expect(Object.keys(client.dependencies)).toEqual(expect.arrayContaining(["@connect-sdk/client-runtime", "@weather/types"]));
  });

  it("imports each runtime name from the entry point its symbols list gives, type-only where the list says", () => {
    const file = new SourceFile("src/gen/x.ts");
    clientRuntime(file, "resolveClientConfig");
    clientRuntimeType(file, "ServiceInfo");
    testKit(file, "patternString");
    reexportClientRuntime(file, ["defaultProvider", "DefaultProviderInit"]);
    const text = file.toString();
    expect(text).toContain(`import { type ServiceInfo, resolveClientConfig } from "${clientSymbols.resolveClientConfig.from}";`);
    expect(text).toContain(`import { patternString } from "${kitSymbols.patternString.from}";`);
    expect(kitSymbols.patternString.from).toBe("@connect-sdk/test-kit/arbitrary");
    expect(text).toContain(`export { defaultProvider, type DefaultProviderInit } from "@connect-sdk/client-runtime/credentials";`);
    expect(file.packages()).toEqual(["@connect-sdk/client-runtime", "@connect-sdk/test-kit"]);
    expect(dependenciesOf([file], {})).toEqual({ "@connect-sdk/client-runtime": "workspace:^", "@connect-sdk/test-kit": "workspace:^" });
  });

  it("refuses, at type level, a name the runtime does not list (checked by this package's tsc)", () => {
    // Never called: the @ts-expect-error lines fail `tsc --noEmit` (pnpm lint) if the call type-checks.
    const misuse = (file: SourceFile) => {
      // @ts-expect-error: not a runtime export (a rename in the runtime fails the generator's type-check the same way)
      clientRuntime(file, "noSuchRuntimeExport");
      // @ts-expect-error: a type-only name cannot be imported as a value
      clientRuntime(file, "ServiceInfo");
      // @ts-expect-error: a value of the client runtime is not a test-kit name
      testKit(file, "resolveClientConfig");
    };
    expect(typeof misuse).toBe("function");
    expect(Object.hasOwn(clientSymbols, "noSuchRuntimeExport")).toBe(false);
  });
});
