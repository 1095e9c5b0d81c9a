/**
 * The files around the source of a generated package: package.json (owned by
 * the generator except `version`, which changesets bumps), the build config
 * and tsconfig (scaffolded once), and the public entry point (scaffolded
 * once, so people can add hand-written exports beside `src/gen`).
 */
import type { GeneratedFile } from "../../writer/package.js";
import type { EmitOptions } from "./options.js";

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
  keywords?: string[];
  bin?: Record<string, string>;
}

export const DEFAULT_VERSION = "0.1.0";

export function packageJson(spec: PackageJsonSpec, options: EmitOptions): GeneratedFile {
  const importEntry = (flavor: "" | ".browser") => ({
    import: { types: "./dist/index.d.mts", default: `./dist/index${flavor}.mjs` },
    require: { types: "./dist/index.d.ts", default: `./dist/index${flavor}.js` },
  });
  const exportsMap: Record<string, unknown> = {
    ".": spec.browser ? { browser: importEntry(".browser"), ...importEntry("") } : importEntry(""),
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
    files: ["dist", "src", "!src/**/*.test.ts", "README.md", "CHANGELOG.md"],
    engines: { node: ">=20" },
    scripts: {
      build: "tsup",
      test: "vitest run --passWithNoTests && publint --strict && attw --pack . --profile node16",
      lint: "tsc --noEmit -p tsconfig.json",
    },
    dependencies: sortKeys(spec.dependencies),
    ...(spec.peerDependencies ? { peerDependencies: sortKeys(spec.peerDependencies) } : {}),
    ...(spec.peerDependenciesMeta ? { peerDependenciesMeta: spec.peerDependenciesMeta } : {}),
    ...(spec.devDependencies ? { devDependencies: sortKeys(spec.devDependencies) } : {}),
    publishConfig: { access: "public" },
  };
  return { path: "package.json", contents: `${JSON.stringify(pkg, null, 2)}\n` };
}

export function scaffoldFiles(browser: boolean): GeneratedFile[] {
  const tsup = `import { defineConfig } from "tsup";
import pkg from "./package.json" with { type: "json" };

// Scaffolded once by sdkgen; yours to edit.
const shared = {
  format: ["esm", "cjs"] as ("esm" | "cjs")[],
  target: "es2022",
  sourcemap: true,
  splitting: false,
  define: { __PACKAGE_VERSION__: JSON.stringify(pkg.version) },
};

export default defineConfig([
  { ...shared, entry: { index: "src/index.ts" }, dts: true, clean: true, platform: "node" },${
    browser
      ? `
  {
    ...shared,
    entry: { "index.browser": "src/index.ts" },
    platform: "browser",
    esbuildPlugins: [
      {
        // The browser build takes platform.browser.ts wherever platform.ts is imported.
        name: "browser-platform",
        setup(build) {
          build.onResolve({ filter: /\\/platform\\.js$/ }, (args) => ({
            path: \`\${args.resolveDir}/\${args.path.replace(/\\.js$/, ".browser.ts")}\`,
          }));
        },
      },
    ],
  },`
      : ""
  }
]);
`;
  const tsconfig = {
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
    },
    include: ["src", "test"],
  };
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
