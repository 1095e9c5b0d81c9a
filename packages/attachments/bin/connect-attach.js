#!/usr/bin/env node
// The `connect-attach` command (package.json `bin`): runs dist/cli.js, or says how to build it.
// A launcher committed beside the build rather than a bin pointing into dist/: a package manager
// links a bin only when its file exists, and in a fresh clone of the repository dist/ does not.
"use strict";
const { existsSync } = require("node:fs");
const { join } = require("node:path");

const cli = join(__dirname, "..", "dist", "cli.js");
if (!existsSync(cli)) {
  process.stderr.write("connect-attach: this package is not built yet (dist/cli.js is missing); run `npx -y pnpm@10.34.9 build` in the repository first.\n");
  process.exit(1);
}
require(cli);
