#!/usr/bin/env node
// The `connect-attach` command (package.json `bin`).
import { runCli } from "./cli/main.js";

const controller = new AbortController();
let interrupted = false;
const onSignal = () => {
  // First Ctrl-C: abort the upload, which deletes the started file. A second one: leave at once.
  if (interrupted) process.exit(130);
  interrupted = true;
  process.stderr.write("\nInterrupted; cancelling the upload…\n");
  controller.abort();
};
process.on("SIGINT", onSignal);
process.on("SIGTERM", onSignal);

runCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, signal: controller.signal }).then(
  (code) => {
    process.exitCode = code;
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
  },
  (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  },
);
