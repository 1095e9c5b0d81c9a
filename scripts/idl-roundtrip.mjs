#!/usr/bin/env node
/**
 * Round trip JSON AST → IDL → JSON AST over a folder of models (default:
 * ../shared/aws-models): each model is written as IDL with `modelToIdl`, read
 * back with `loadModelTexts`, and compared as a model with the original.
 * Needs a built codegen (`pnpm --filter @connect-sdk/codegen build`).
 *
 *   node scripts/idl-roundtrip.mjs [folder or files…] [--limit N]
 * Exit code 1 when a model does not come back equal.
 */
import { readFileSync, readdirSync, statSync } from "node:fs";
import { basename, join } from "node:path";
import { fileURLToPath } from "node:url";
import { loadModelTexts, modelDifferences, modelToIdl, parseModel } from "../codegen/dist/index.js";

const args = process.argv.slice(2);
const limitAt = args.indexOf("--limit");
const limit = limitAt >= 0 ? Number(args.splice(limitAt, 2)[1]) : Infinity;
const inputs = args.length > 0 ? args : [fileURLToPath(new URL("../../shared/aws-models", import.meta.url))];
const files = inputs
  .flatMap((p) => (statSync(p).isDirectory() ? readdirSync(p).sort().map((n) => join(p, n)) : [p]))
  .filter((f) => f.endsWith(".json"))
  .slice(0, limit);

let passed = 0;
const failed = [];
const started = performance.now();
for (const file of files) {
  try {
    const model = parseModel(readFileSync(file, "utf8"), file);
    const idl = modelToIdl(model);
    const back = loadModelTexts([...idl].map(([name, text]) => ({ file: `${basename(file)}/${name}`, text })), { validate: false }).model;
    const differences = modelDifferences(model, back);
    if (differences.length === 0) passed++;
    else failed.push(`${basename(file)}: ${differences.length} shape(s) differ, e.g. ${differences.slice(0, 3).join(", ")}`);
  } catch (error) {
    failed.push(`${basename(file)}: ${error.message.split("\n")[0]}`);
  }
}
for (const f of failed) console.error(`  ${f}`);
console.log(`idl round trip: ${passed} of ${files.length} models equal after JSON → IDL → JSON (${Math.round(performance.now() - started)} ms)`);
process.exitCode = failed.length > 0 ? 1 : 0;
