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
    ".": spec.browser ? { browser: importEntry(".browser"), ...importEntry("") } : importEntry(""),
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
    ...(spec.devDependencies ? { devDependencies: sortKeys(spec.devDependencies) } : {}),
    publishConfig: { access: "public" },
  };
  return { path: "package.json", contents: `${JSON.stringify(pkg, null, 2)}\n` };
}

export function scaffoldFiles(browser: boolean, nodeEntries: Record<string, string> = {}): GeneratedFile[] {
  const entries = Object.entries(nodeEntries);
  const tsup = `${browser ? 'import { readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";\n' : ""}import { defineConfig } from "tsup";
import pkg from "./package.json" with { type: "json" };

// Scaffolded once by sdkgen; yours to edit.${
    browser
      ? `
// The runtime pieces (@smithy/*, @aws-sdk/*) are devDependencies bundled into dist, tree-shaken:
// one file to load, and nothing to install beyond the dependencies in package.json.
const bundled = [/^@smithy\\//, /^@aws-sdk\\//, /^@aws-crypto\\//];
// @smithy/core's HttpProtocol, which these clients never use, loads event streams with import():
// an empty module in its place spares every bundled module esbuild's lazy-initialisation wrapper.
const noEventStreams = {
  name: "no-event-streams",
  setup(build: { onResolve: Function; onLoad: Function }) {
    build.onResolve({ filter: /^@smithy\\/core\\/event-streams$/ }, (args: { kind: string }) =>
      args.kind === "dynamic-import" ? { path: "event-streams", namespace: "unused" } : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: "unused" }, () => ({ contents: "export {};" }));
  },
};
// Source maps name the bundled files by their path in the package's own node_modules (their
// content is inlined), not by where the workspace keeps them: no source points outside the package.
const relocateSources = (owns: (file: string) => boolean) => async () => {
  for (const file of readdirSync("dist").filter((f) => f.endsWith(".map") && owns(f))) {
    const map = JSON.parse(readFileSync(\`dist/\${file}\`, "utf8")) as { sources: string[] };
    map.sources = map.sources.map((s) => s.replace(/^(?:\\.\\.\\/)+node_modules\\/(?:\\.pnpm\\/[^/]+\\/node_modules\\/)?/, "../node_modules/"));
    writeFileSync(\`dist/\${file}\`, JSON.stringify(map));
  }
};`
      : ""
  }
const shared = {
  format: ["esm", "cjs"] as ("esm" | "cjs")[],
  target: "es2022",
  sourcemap: true,
  splitting: false,
  define: { __PACKAGE_VERSION__: JSON.stringify(pkg.version) },${
    browser
      ? '\n  noExternal: bundled,\n  esbuildPlugins: [noEventStreams],\n  banner: { js: "// Bundles code of @smithy/* and @aws-sdk/* packages (Apache-2.0, Amazon.com, Inc. or its affiliates)." },'
      : ""
  }
};

${
    browser
      ? `// dist is emptied once, here, rather than with tsup's \`clean\`: a config with \`clean\` also deletes every
// .d.ts in dist from its declaration worker, racing the declarations of the other entries.
rmSync("dist", { recursive: true, force: true });

`
      : ""
  }export default defineConfig([
${
    browser
      ? `  {
    ...shared,
    format: ["esm"],
    entry: { index: "src/index.ts" },
    dts: true,
    platform: "node",
    // Chunks: Node's HTTP stack and the shared config file reader load when first used (the
    // CommonJS build below requires them when first used).
    splitting: true,
    onSuccess: relocateSources((f) => f.endsWith(".mjs.map") && !f.startsWith("index.browser.")),
  },
  {
    ...shared,
    format: ["cjs"],
    entry: { index: "src/index.ts" },
    dts: true,
    platform: "node",
    onSuccess: relocateSources((f) => f.endsWith(".js.map") && !f.startsWith("index.browser.")),
  },`
      : '  { ...shared, entry: { index: "src/index.ts" }, dts: true, clean: true, platform: "node" },'
  }${
    browser
      ? `
  {
    ...shared,
    entry: { "index.browser": "src/index.ts" },
    platform: "browser",
    onSuccess: relocateSources((f) => f.startsWith("index.browser.")),
    esbuildPlugins: [${browser ? "\n      noEventStreams," : ""}
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
  }${entries
    .map(
      ([name, source]) => `
  // Node-only entry point, loaded on demand: minified, without source maps.
  { ...shared, entry: { ${JSON.stringify(name)}: ${JSON.stringify(source)} }, dts: true, platform: "node", minify: true, sourcemap: false },`,
    )
    .join("")}
]);
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
