import { readFileSync, readdirSync, writeFileSync } from "node:fs";
import { defineConfig } from "tsup";
import pkg from "./package.json" with { type: "json" };

// Scaffolded once by sdkgen; yours to edit.
// The runtime pieces (@smithy/*, @aws-sdk/*) are devDependencies bundled into dist, tree-shaken:
// one file to load, and nothing to install beyond the dependencies in package.json.
const bundled = [/^@smithy\//, /^@aws-sdk\//, /^@aws-crypto\//];
// @smithy/core's HttpProtocol, which these clients never use, loads event streams with import():
// an empty module in its place spares every bundled module esbuild's lazy-initialisation wrapper.
const noEventStreams = {
  name: "no-event-streams",
  setup(build: { onResolve: Function; onLoad: Function }) {
    build.onResolve({ filter: /^@smithy\/core\/event-streams$/ }, (args: { kind: string }) =>
      args.kind === "dynamic-import" ? { path: "event-streams", namespace: "unused" } : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: "unused" }, () => ({ contents: "export {};" }));
  },
};
// Source maps name the bundled files by their path in the package's own node_modules (their
// content is inlined), not by where the workspace keeps them: no source points outside the package.
const relocateSources = (owns: (file: string) => boolean) => async () => {
  for (const file of readdirSync("dist").filter((f) => f.endsWith(".map") && owns(f))) {
    const map = JSON.parse(readFileSync(`dist/${file}`, "utf8")) as { sources: string[] };
    map.sources = map.sources.map((s) => s.replace(/^(?:\.\.\/)+node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?/, "../node_modules/"));
    writeFileSync(`dist/${file}`, JSON.stringify(map));
  }
};
const shared = {
  format: ["esm", "cjs"] as ("esm" | "cjs")[],
  target: "es2022",
  sourcemap: true,
  splitting: false,
  define: { __PACKAGE_VERSION__: JSON.stringify(pkg.version) },
  noExternal: bundled,
  esbuildPlugins: [noEventStreams],
  banner: { js: "// Bundles code of @smithy/* and @aws-sdk/* packages (Apache-2.0, Amazon.com, Inc. or its affiliates)." },
};

export default defineConfig([
  {
    ...shared,
    format: ["esm"],
    entry: { index: "src/index.ts" },
    dts: true,
    clean: true,
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
  },
  {
    ...shared,
    entry: { "index.browser": "src/index.ts" },
    platform: "browser",
    onSuccess: relocateSources((f) => f.startsWith("index.browser.")),
    esbuildPlugins: [
      noEventStreams,
      {
        // The browser build takes platform.browser.ts wherever platform.ts is imported.
        name: "browser-platform",
        setup(build) {
          build.onResolve({ filter: /\/platform\.js$/ }, (args) => ({
            path: `${args.resolveDir}/${args.path.replace(/\.js$/, ".browser.ts")}`,
          }));
        },
      },
    ],
  },
  // Node-only entry point, loaded on demand: minified, without source maps.
  { ...shared, entry: { "credentials": "src/gen/runtime/credentials.ts" }, dts: true, platform: "node", minify: true, sourcemap: false },
]);
