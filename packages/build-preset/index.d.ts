import type { Options } from "tsup";

export interface PresetOptions {
  /** Entry points built for Node (ESM + CommonJS, with declarations): output name → source file. */
  entry: Record<string, string>;
  /** Entry points also built for browsers (the package.json `browser` condition). */
  browser?: {
    entry: Record<string, string>;
    /** Relative specifiers (e.g. `./platform.js`) → the source file browsers get instead. */
    swaps?: Record<string, string>;
  };
  /** A command line, built as CommonJS only: output name → source file. */
  cli?: Record<string, string>;
  /** The package's folder (default: the working directory, where tsup runs). */
  root?: string;
}

/** The tsup configuration of a package: pass it to `defineConfig`, or export it as is. */
export declare function definePackage(pkg: { version: string }, options: PresetOptions): Options[];
