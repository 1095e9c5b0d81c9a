#!/usr/bin/env node
// Scaffolded once by sdkgen: the `connect-fake` command.
import { runFakeConnect } from "./gen/fake/cli.js";

runFakeConnect(process.argv.slice(2)).catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
