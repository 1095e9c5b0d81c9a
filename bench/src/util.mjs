// Small helpers shared by the measurement modules.
import { spawnSync } from "node:child_process";

/**
 * Environment for every child process. The AWS SDK prints a one-off "Node >= 22 soon"
 * warning on Node 20; its documented switch turns that off so theirs isn't charged for it.
 */
export const CHILD_ENV = { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" };

export function median(values) {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * The first line of an error: an Error's message, or a child's stderr/stdout. For output
 * text, a line that looks like an error ("TypeError: …", "Error [ERR_…]") wins over Node's
 * "file:///…:12" location preamble.
 */
export function firstLine(error) {
  const text = typeof error === "string" ? error : (error?.message ?? String(error));
  const lines = text
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean);
  const errorish = typeof error === "string" ? lines.find((l) => /^(\w*Error\b|error\b|ERR_)/i.test(l)) : undefined;
  return errorish ?? lines[0] ?? "unknown error";
}

/** Runs a command to completion; returns { status, stdout, stderr, ms } (ms = wall time). */
export function run(cmd, args, options = {}) {
  const start = process.hrtime.bigint();
  const res = spawnSync(cmd, args, { encoding: "utf8", maxBuffer: 64 * 1024 * 1024, env: CHILD_ENV, ...options });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (res.error) throw res.error;
  return { status: res.status, signal: res.signal, stdout: res.stdout ?? "", stderr: res.stderr ?? "", ms };
}

/** Like run(), but throws with the command's first stderr line when it fails. */
export function runOrThrow(cmd, args, options = {}) {
  const res = run(cmd, args, options);
  if (res.status !== 0) {
    const why = firstLine(res.stderr || res.stdout || `exit ${res.status ?? res.signal}`);
    throw new Error(`${[cmd, ...args].join(" ")} failed: ${why}`);
  }
  return res;
}

export function log(message) {
  process.stderr.write(`[bench] ${message}\n`);
}
