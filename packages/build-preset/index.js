"use strict";
/**
 * The tsup build shared by the runtime packages and every package sdkgen generates: ESM and
 * CommonJS with declarations for each entry point, an optional browser build of some entries (with
 * modules swapped for their browser versions), and an optional CommonJS-only command line.
 *
 * Dependencies stay external: @smithy/*, @aws-sdk/* and @connect-sdk/* are installed (and
 * deduplicated, and audited) as the dependencies they are, never inlined into dist.
 *
 * Plain JavaScript on purpose: tsup loads its config through esbuild, which leaves node_modules
 * alone, so a preset published as TypeScript could not be loaded.
 */
const { rmSync } = require("node:fs");
const { resolve } = require("node:path");

/** An esbuild plugin resolving relative specifiers (e.g. `./platform.js`) to other source files. */
function swapModules(swaps, root) {
  const names = Object.keys(swaps);
  return {
    name: "connect-sdk-browser-swaps",
    setup(build) {
      if (names.length === 0) return;
      const escaped = names.map((n) => n.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&"));
      build.onResolve({ filter: new RegExp(`^(?:${escaped.join("|")})$`) }, (args) =>
        // The browser modules may import the Node ones for their types: never swap those imports.
        args.importer.endsWith(".browser.ts") ? undefined : { path: resolve(root, swaps[args.path]) },
      );
    },
  };
}

/**
 * The tsup configuration of a package.
 * @param {{ version: string }} pkg the package's package.json (its version becomes `__PACKAGE_VERSION__`)
 * @param {import("./index").PresetOptions} options
 */
function definePackage(pkg, options) {
  const root = options.root ?? process.cwd();
  // dist is emptied once, here, rather than with tsup's `clean`: a config with `clean` also deletes
  // every .d.ts in dist from its declaration worker, racing the other configs' declarations (seen
  // under load: a client's credentials.d.ts missing after a successful build).
  rmSync(resolve(root, "dist"), { recursive: true, force: true });
  const shared = {
    target: "es2022",
    sourcemap: true,
    splitting: false,
    platform: "node",
    define: { __PACKAGE_VERSION__: JSON.stringify(pkg.version) },
    // The maps point at src/, which the packages ship, instead of carrying a copy of it each (four
    // builds of a package would otherwise install its source four more times: ~1 MiB for a client
    // and its runtime, measured by `pnpm bench`'s install footprint).
    esbuildOptions(options) {
      options.sourcesContent = false;
    },
  };
  const configs = [
    // ESM in chunks, so that modules a package loads with import() (Node's HTTP stack, the config
    // file reader) stay out of the first load; CommonJS gets the same laziness from require().
    { ...shared, format: ["esm"], entry: options.entry, dts: true, splitting: true },
    { ...shared, format: ["cjs"], entry: options.entry, dts: true },
  ];
  if (options.browser && Object.keys(options.browser.entry).length > 0) {
    configs.push({
      ...shared,
      format: ["esm", "cjs"],
      entry: options.browser.entry,
      platform: "browser",
      esbuildPlugins: [swapModules(options.browser.swaps ?? {}, root)],
    });
  }
  if (options.cli) configs.push({ ...shared, format: ["cjs"], entry: options.cli, sourcemap: false });
  return configs;
}

exports.definePackage = definePackage;
