/**
 * The contract between the emitters and the runtime packages. Generated code imports the runtimes
 * by package name, and only the names the runtimes list in their `symbols` entry points (as
 * protobuf-es's `@bufbuild/protobuf/codegenv2` does): a name is typed against that list, so a
 * runtime export renamed or removed fails this package's own type-check, not a generated package's.
 * Each symbol knows its entry point, so the package.json of a generated package depends on exactly
 * the packages its code imports (see {@link dependenciesOf}).
 */
import { existsSync, readFileSync, realpathSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { symbols as clientSymbols } from "@connect-sdk/client-runtime/symbols";
import { symbols as kitSymbols } from "@connect-sdk/test-kit/symbols";
import type { SourceFile } from "../../writer/source-file.js";

type Symbols = Record<string, { readonly typeOnly: boolean; readonly from: string }>;
type ValueNames<S extends Symbols> = { [K in keyof S]: S[K]["typeOnly"] extends false ? K : never }[keyof S] & string;

export type ClientRuntimeName = keyof typeof clientSymbols & string;
export type ClientRuntimeValue = ValueNames<typeof clientSymbols>;
export type TestKitName = keyof typeof kitSymbols & string;
export type TestKitValue = ValueNames<typeof kitSymbols>;

/** Imports a value of `@connect-sdk/client-runtime`; returns the local name. */
export function clientRuntime(file: SourceFile, name: ClientRuntimeValue): string {
  return file.import(clientSymbols[name].from, name);
}

/** Imports a name of `@connect-sdk/client-runtime` for its type only. */
export function clientRuntimeType(file: SourceFile, name: ClientRuntimeName): string {
  return file.import(clientSymbols[name].from, name, { type: true });
}

/** Imports a value of `@connect-sdk/test-kit`; returns the local name. */
export function testKit(file: SourceFile, name: TestKitValue): string {
  return file.import(kitSymbols[name].from, name);
}

/** Imports a name of `@connect-sdk/test-kit` for its type only. */
export function testKitType(file: SourceFile, name: TestKitName): string {
  return file.import(kitSymbols[name].from, name, { type: true });
}

/** The entry point of a client runtime name (for re-exports under another name). */
export function clientRuntimeModule(name: ClientRuntimeName): string {
  return clientSymbols[name].from;
}

/** `export { … } from` the runtime entry points: type-only names are re-exported as types. */
export function reexportClientRuntime(file: SourceFile, names: readonly ClientRuntimeName[]): void {
  reexport(file, clientSymbols, names);
}

export function reexportTestKit(file: SourceFile, names: readonly TestKitName[]): void {
  reexport(file, kitSymbols, names);
}

function reexport<S extends Symbols>(file: SourceFile, symbols: S, names: readonly (keyof S & string)[]): void {
  const byModule = new Map<string, string[]>();
  for (const name of names) {
    const { from, typeOnly } = symbols[name]!;
    byModule.set(from, [...(byModule.get(from) ?? []), typeOnly ? `type ${name}` : name]);
  }
  for (const [module, list] of [...byModule].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const sorted = list.sort((a, b) => {
      const ta = a.startsWith("type ") ? 1 : 0;
      const tb = b.startsWith("type ") ? 1 : 0;
      return ta - tb || (a < b ? -1 : a > b ? 1 : 0);
    });
    file.exportFrom(sorted, module);
  }
}

/** One runtime package as this generator finds it installed: its version and its own dependency ranges. */
export interface RuntimePackage {
  name: string;
  version: string;
  /** Its package.json `dependencies` and `peerDependencies`: the ranges generated code uses too. */
  ranges: Record<string, string>;
  /** True when it is a package of a pnpm workspace (linked, not installed from a registry). */
  workspace: boolean;
}

export const RUNTIME_PACKAGES = ["@connect-sdk/client-runtime", "@connect-sdk/test-kit", "@connect-sdk/build-preset"] as const;

let found: Map<string, RuntimePackage> | undefined;

/** The runtime packages, read from the package.json files Node resolves from here. */
export function runtimePackages(): Map<string, RuntimePackage> {
  if (found) return found;
  const require = createRequire(import.meta.url);
  found = new Map();
  for (const name of RUNTIME_PACKAGES) {
    const file = realpathSync(require.resolve(`${name}/package.json`));
    const pkg = JSON.parse(readFileSync(file, "utf8")) as { version: string; dependencies?: Record<string, string>; peerDependencies?: Record<string, string> };
    found.set(name, {
      name,
      version: pkg.version,
      ranges: { ...pkg.peerDependencies, ...pkg.dependencies },
      workspace: !file.split(/[\\/]/).includes("node_modules") && inPnpmWorkspace(dirname(file)),
    });
  }
  return found;
}

function inPnpmWorkspace(dir: string): boolean {
  for (let d = dirname(dir), i = 0; i < 10; d = dirname(d), i++) {
    if (existsSync(join(d, "pnpm-workspace.yaml"))) return true;
    if (dirname(d) === d) break;
  }
  return false;
}

/**
 * The `dependencies` of a generated package: every package its files import, with the range the
 * runtime packages use for it (a runtime package itself: `workspace:^` inside this repository's
 * workspace, else `^` its version). `siblings` gives the ranges of the other generated packages.
 */
export function dependenciesOf(files: readonly SourceFile[], siblings: Record<string, string>): Record<string, string> {
  const runtimes = runtimePackages();
  const out: Record<string, string> = {};
  for (const name of new Set(files.flatMap((f) => f.packages()))) {
    const runtime = runtimes.get(name);
    if (runtime) out[name] = runtime.workspace ? "workspace:^" : `^${runtime.version}`;
    else if (siblings[name]) out[name] = siblings[name]!;
    else out[name] = runtimeRange(name);
  }
  return out;
}

/** The range the runtime packages give a third-party package (a dependency or peer of theirs). */
export function runtimeRange(name: string): string {
  const range = [...runtimePackages().values()].map((r) => r.ranges[name]).find(Boolean);
  if (!range) throw new Error(`sdkgen: no runtime package depends on ${name}`);
  return range;
}

/** The devDependencies every generated package builds with: the shared preset and tsup. */
export function buildDependencies(): Record<string, string> {
  const preset = runtimePackages().get("@connect-sdk/build-preset")!;
  return { [preset.name]: preset.workspace ? "workspace:^" : `^${preset.version}`, tsup: preset.ranges.tsup! };
}
