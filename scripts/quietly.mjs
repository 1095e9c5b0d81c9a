#!/usr/bin/env node
// node scripts/quietly.mjs <label> <command> [args…]
//
// Runs a command with its output held back: one line when it succeeds, everything it printed
// (and its exit code) when it fails. `pnpm demo` builds through it, so that the demo's first
// screen is its result rather than a few hundred lines of build log.
import { spawn } from "node:child_process";

const [label, command, ...args] = process.argv.slice(2);
if (!label || !command) {
  console.error("usage: node scripts/quietly.mjs <label> <command> [args…]");
  process.exit(2);
}
const started = performance.now();
process.stdout.write(`${label}… `);
const child = spawn(command, args, {
  stdio: ["ignore", "pipe", "pipe"],
  // npm and pnpm put node_modules/.bin on PATH for scripts; on Windows those are .cmd shims.
  shell: process.platform === "win32",
  env: { ...process.env, TURBO_TELEMETRY_DISABLED: "1", TURBO_NO_UPDATE_NOTIFIER: "1", FORCE_COLOR: process.stdout.isTTY ? "1" : "0" },
});
const output = [];
child.stdout.on("data", (chunk) => output.push(chunk));
child.stderr.on("data", (chunk) => output.push(chunk));
child.on("error", (error) => {
  process.stdout.write("failed\n");
  console.error(`${command}: ${error.message}`);
  process.exit(1);
});
child.on("close", (code, signal) => {
  if (code === 0) {
    process.stdout.write(`done (${((performance.now() - started) / 1000).toFixed(1)} s)\n\n`);
    return;
  }
  process.stdout.write("failed\n\n");
  process.stderr.write(Buffer.concat(output));
  process.exitCode = code ?? (signal ? 1 : 1);
});
