#!/usr/bin/env node
// Scaffolded once by sdkgen: the `connectcases-fake` command.
import { runFakeConnectCases } from "./gen/fake/cli.js";

runFakeConnectCases(process.argv.slice(2)).catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
