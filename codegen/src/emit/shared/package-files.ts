/**
 * The files around the source of a generated package: package.json (owned by
 * the generator except `version`, which changesets bumps), the build config
 * and tsconfig (scaffolded once), and the public entry point (scaffolded
 * once, so people can add hand-written exports beside `src/gen`).
 */
import type { GeneratedFile } from "../../writer/package.js";
import type { EmitOptions } from "./options.js";
import { buildDependencies } from "./runtime.js";

export interface PackageJsonSpec {
  kind: string;
  name: string;
  description: string;
  dependencies: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional: boolean }>;
  /** Only for the package's own tests (e.g. a peer dependency the tests exercise). */
  devDependencies?: Record<string, string>;
  /** Adds a browser build (`dist/index.browser.*`) selected by the `browser` condition. */
  browser?: boolean;
  /** Further entry points (`dist/<name>.*`, exported as `./<name>`), for Node only. */
  nodeEntries?: string[];
  keywords?: string[];
  bin?: Record<string, string>;
}

export const DEFAULT_VERSION = "0.1.0";

export function packageJson(spec: PackageJsonSpec, options: EmitOptions): GeneratedFile {
  const importEntry = (flavor: "" | ".browser", name = "index") => ({
    import: { types: `./dist/${name}.d.mts`, default: `./dist/${name}${flavor}.mjs` },
    require: { types: `./dist/${name}.d.ts`, default: `./dist/${name}${flavor}.js` },
  });
  const exportsMap: Record<string, unknown> = {
    // Node's `import` takes dist/index.node.mjs, which loads the CommonJS build with require(): Node
    // then skips lexing every CommonJS module of the runtime (see @connect-sdk/build-preset).
    // Bundlers take `browser`, or `module` (the ESM build, which tree-shakes) before `node`.
    ".": spec.browser
      ? {
          browser: importEntry(".browser"),
          module: importEntry("").import,
          node: { ...importEntry(""), import: { types: "./dist/index.d.mts", default: "./dist/index.node.mjs" } },
          ...importEntry(""),
        }
      : importEntry(""),
    ...Object.fromEntries((spec.nodeEntries ?? []).map((name) => [`./${name}`, importEntry("", name)])),
    "./package.json": "./package.json",
  };
  const pkg: Record<string, unknown> = {
    name: spec.name,
    version: options.existingVersions[spec.kind] ?? DEFAULT_VERSION,
    description: spec.description,
    license: "Apache-2.0",
    keywords: spec.keywords,
    sideEffects: false,
    type: "commonjs",
    main: "./dist/index.js",
    module: "./dist/index.mjs",
    types: "./dist/index.d.ts",
    ...(spec.browser ? { browser: { "./dist/index.js": "./dist/index.browser.js", "./dist/index.mjs": "./dist/index.browser.mjs" } } : {}),
    exports: exportsMap,
    ...(spec.bin ? { bin: spec.bin } : {}),
    files: ["dist", ...(spec.bin ? ["bin"] : []), "src", "!src/**/*.test.ts", "README.md", "CHANGELOG.md"],
    engines: { node: ">=20" },
    scripts: {
      build: "tsup",
      test: "vitest run --passWithNoTests && publint --strict && attw --pack . --profile node16",
      lint: "tsc --noEmit -p tsconfig.json",
    },
    dependencies: sortKeys(spec.dependencies),
    ...(spec.peerDependencies ? { peerDependencies: sortKeys(spec.peerDependencies) } : {}),
    ...(spec.peerDependenciesMeta ? { peerDependenciesMeta: spec.peerDependenciesMeta } : {}),
    devDependencies: sortKeys({ ...buildDependencies(), ...spec.devDependencies }),
    publishConfig: { access: "public" },
  };
  return { path: "package.json", contents: `${JSON.stringify(pkg, null, 2)}\n` };
}

/** The devDependencies of a generated package's own tests, at the versions this generator pins. */
export function devToolDependencies(options: EmitOptions, names: readonly string[]): Record<string, string> {
  return Object.fromEntries(names.map((n) => [n, options.runtimeVersions[n]!]));
}

export interface ScaffoldOptions {
  /** Adds a browser build of `index` (the package.json `browser` condition). */
  browser?: boolean;
  /** Further entry points: output name → source file. */
  entries?: Record<string, string>;
  /** A command line, built as CommonJS only: output name → source file. */
  cli?: Record<string, string>;
}

/**
 * The files scaffolded once: the build config (a few lines over the shared preset of
 * `@connect-sdk/build-preset`), tsconfig.json and the public entry point.
 */
export function scaffoldFiles(options: ScaffoldOptions = {}): GeneratedFile[] {
  const literal = (record: Record<string, string>) =>
    `{ ${Object.entries(record).map(([k, v]) => `${/^[A-Za-z_$][\w$]*$/.test(k) ? k : JSON.stringify(k)}: ${JSON.stringify(v)}`).join(", ")} }`;
  const settings = [
    `entry: ${literal({ index: "src/index.ts", ...options.entries })}`,
    ...(options.browser ? [`browser: { entry: ${literal({ "index.browser": "src/index.ts" })} }`] : []),
    ...(options.cli ? [`cli: ${literal(options.cli)}`] : []),
  ];
  const tsup = `import { definePackage } from "@connect-sdk/build-preset";
import pkg from "./package.json" with { type: "json" };

// Scaffolded once by sdkgen; yours to edit. The shared preset builds ESM and CommonJS with
// declarations; the runtime (@connect-sdk/*, @smithy/*) stays a dependency, never bundled.
export default definePackage(pkg, {
${settings.map((s) => `  ${s},`).join("\n")}
});
`;
  const tsconfig = packageTsconfig();
  return [
    { path: "tsup.config.ts", contents: tsup },
    { path: "tsconfig.json", contents: `${JSON.stringify(tsconfig, null, 2)}\n` },
    {
      path: "src/index.ts",
      contents: `// The package's public entry point. The generated code lives in ./gen (rewritten on every
// \`sdkgen generate\`); add hand-written exports here.
export * from "./gen/index.js";
`,
    },
  ];
}

function sortKeys<T>(record: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** The tsconfig.json a generated package is scaffolded with; `compilerOptions` adds to the defaults. */
export function packageTsconfig(compilerOptions: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    compilerOptions: {
      target: "ES2022",
      module: "NodeNext",
      moduleResolution: "NodeNext",
      lib: ["ES2022", "DOM"],
      strict: true,
      noImplicitOverride: true,
      isolatedModules: true,
      skipLibCheck: true,
      resolveJsonModule: true,
      noEmit: true,
      types: ["node"],
      ...compilerOptions,
    },
    include: ["src", "test"],
  };
}
