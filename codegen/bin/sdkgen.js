#!/usr/bin/env node
// The `sdkgen` command (package.json `bin`): runs dist/cli.js, or says how to build it.
// A launcher committed beside the build rather than a bin pointing into dist/: a package manager
// links a bin only when its file exists, and in a fresh clone of the repository dist/ does not.
import { existsSync } from "node:fs";

const cli = new URL("../dist/cli.js", import.meta.url);
if (!existsSync(cli)) {
  process.stderr.write("sdkgen: the generator is not built yet (dist/cli.js is missing); run `npx -y pnpm@10.34.9 --filter @connect-sdk/codegen build` in the repository first.\n");
  process.exit(1);
}
await import(cli.href);
