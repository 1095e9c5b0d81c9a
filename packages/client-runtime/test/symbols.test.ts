import { join } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { symbols } from "../src/symbols.js";

// The contract with the generator: every name `symbols` lists must be exported by the entry point
// it names, as a value unless it is marked type-only. Checked with the TypeScript compiler, so that
// type-only exports (invisible at run time) are checked too.
const ENTRIES: Record<string, string> = { "@connect-sdk/client-runtime": "src/index.ts", "@connect-sdk/client-runtime/credentials": "src/credentials.ts", "@connect-sdk/client-runtime/checksums": "src/checksums.ts" };

function exportsOf(file: string): Map<string, { value: boolean }> {
  const path = join(__dirname, "..", file);
  const program = ts.createProgram([path], { module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, target: ts.ScriptTarget.ES2022, skipLibCheck: true, noEmit: true });
  const checker = program.getTypeChecker();
  const module = checker.getSymbolAtLocation(program.getSourceFile(path)!)!;
  return new Map(
    checker.getExportsOfModule(module).map((s) => {
      const target = s.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(s) : s;
      return [s.name, { value: (target.flags & ts.SymbolFlags.Value) !== 0 }];
    }),
  );
}

describe("symbols", () => {
  const exported = new Map(Object.entries(ENTRIES).map(([from, file]) => [from, exportsOf(file)]));

  it("names only entry points the package has", () => {
    for (const [name, symbol] of Object.entries(symbols)) expect(exported.has(symbol.from), `${name} from ${symbol.from}`).toBe(true);
  });

  it("lists only names its entry points export, values where not type-only", () => {
    const wrong: string[] = [];
    for (const [name, symbol] of Object.entries(symbols)) {
      const found = exported.get(symbol.from)?.get(name);
      if (!found) wrong.push(`${name}: not exported by ${symbol.from}`);
      else if (!symbol.typeOnly && !found.value) wrong.push(`${name}: listed as a value, exported as a type only`);
    }
    expect(wrong).toEqual([]);
  });

  it("fails on a renamed export (the check is live)", () => {
    const entry = exported.get(Object.keys(ENTRIES)[0]!)!;
    expect(entry.has("__renamed__")).toBe(false);
    expect(entry.size).toBeGreaterThan(10);
  });
});
