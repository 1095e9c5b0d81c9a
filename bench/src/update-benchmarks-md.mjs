#!/usr/bin/env node
// Rewrites BENCHMARKS.md (repo root) from bench/results.json: the latest table, its date and
// the machine it ran on, and how each figure is measured.
//
//   node bench/src/update-benchmarks-md.mjs        (after `pnpm bench`)
//   pnpm bench --write-md                          (runs the bench, then this)
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { BENCHMARKS_MD, RESULTS_FILE } from "./paths.mjs";
import { renderTable, summary } from "./report.mjs";
import { scriptSections } from "./sections.mjs";

const METHOD = `## How each figure is measured

Both SDKs run the same scenario (\`bench/src/scenario.mjs\`): a \`ConnectClient\` in \`us-west-2\`
with static credentials and a stub request handler that answers every request with the same
canned 200 JSON \`StartAttachedFileUpload\` response (\`HttpResponse\` from \`@smithy/protocol-http\`,
body a \`Uint8Array\`). The first send of every process is checked: the request must be a
SigV4-signed \`PUT /attached-files/{InstanceId}\` carrying the input, and the output's \`FileId\`,
\`CreatedBy\` and \`UploadUrlMetadata.HeadersToInclude\` must be deserialized (every later send
must return a \`FileId\`), so both SDKs do the real serialize → sign → deserialize work. Both load by package name, as a user's code
would (node picks each package's own entry point: \`exports\`, or \`main\`).

| figure | how |
| --- | --- |
| Operations | the number of \`…Command\` classes each package exports: what is being compared. |
| Bundle | esbuild (API), \`bundle + minify\`, ESM, target es2022, \`process.env.NODE_ENV="production"\`, no legal comments, of an entry that imports the client, constructs it and sends one command. Browser: \`platform: "browser"\`. Node: \`platform: "node"\`, \`mainFields: ["module", "main"]\`. gzip level 9, brotli quality 11 (node:zlib). Each bundle is then run once in node to check it still works. |
| Cold start | fresh \`node entry.mjs\` processes (import + construct + one send), one per SDK and one bare \`node -e 0\` per round, order rotated each round, 2 warm-up rounds discarded, then 20 rounds (5 with \`--quick\`). Wall time from spawn to exit; the overhead is the SDK's median minus bare node's median. |
| Warm | one child process per SDK (\`--expose-gc\`): each warmed up (1 s sequential + 1 s concurrent), then 7 rounds; in each round every SDK does one sequential run (one send at a time) and one run with 16 sends in flight, ~1 s each, the SDK order alternating per round so that a slow phase of the machine hits both; the figures are the medians of the runs, and the ratio is the median of the per-round ratios (run i of ours against run i of theirs), which is steadier on a busy machine than the ratio of the medians. A new command object per send, one client. Heap: \`heapUsed\` after 3 forced GCs, with the client alive. |
| Install | \`pnpm pack\` of \`services/connect/client\` and of the workspace packages it depends on (\`@connect-sdk/types-connect\`), all tarballs installed with \`npm install --omit=dev\` into a temp project outside the workspace, against \`npm install @aws-sdk/client-connect@3.1136.0\` in another. Packages: every directory with a \`package.json\` at a package root in \`node_modules\` (scoped and nested included). Bytes: \`du -sb node_modules\` (apparent size). |
| Two clients | An app that uses the Connect and the Cases client together: an entry that imports both, constructs both and sends one command through each (\`StartAttachedFileUpload\`, then \`CreateRelatedItem\` against a canned Cases answer, request and output checked), bundled and cold-started as above; installed as above with \`services/connectcases/client\` packed too, against \`npm install @aws-sdk/client-connect@3.1136.0 @aws-sdk/client-connectcases@3.1138.0\` (no 3.1136.0 of the Cases client was published; 3.1138.0 is the nearest newer). No targets of their own. |
| Generate | \`node codegen/dist/cli.js generate\` at the repo root (repo mode), and \`node codegen/dist/cli.js generate --model <shared>/upstream/connect.json --out <tmp>\` (the whole Connect model; shared = \`$CONNECT_SDK_SHARED\` or \`../shared\`); median of up to 3 fresh processes; per operation = full time / operations in the model. |

The AWS SDK's Node-version warning is switched off in every child
(\`AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED=true\`) so theirs is not charged for printing it.
`;

export function renderBenchmarksMd(results) {
  const m = results.machine;
  const partial = [];
  if (results.options?.quick) partial.push("`--quick` (fewer rounds)");
  if (results.options?.only && results.options.only.length < 6) partial.push(`only ${results.options.only.join(", ")}`);
  return `# Benchmarks

\`@connect-sdk/client-connect\` (ours) against \`${results.sdks.theirs}\` (theirs), measured in the same run
by \`pnpm bench\` (the \`bench/\` package)${results.sdks.theirsCases ? `; the two-client rows add \`@connect-sdk/client-connectcases\` and \`${results.sdks.theirsCases}\`` : ""}. Run it after the quick start (install + build):

\`\`\`sh
npx -y pnpm@10.34.9 bench               # prints the table, writes bench/results.json
npx -y pnpm@10.34.9 bench --write-md    # … and rewrites this file
node bench/src/update-benchmarks-md.mjs # rewrite this file from bench/results.json
\`\`\`

## Latest results

- date: ${results.date.slice(0, 10)} (${results.date})
- machine: ${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB, ${m.os}, node ${m.node}
- ours: ${results.sdks.ours}
- run time: ${results.durationSeconds} s${partial.length ? `; partial run: ${partial.join("; ")}` : ""}

${renderTable(results.rows)}

${summary(results.rows)}.${results.notes.length ? `\n\nNotes:\n\n${results.notes.map((n) => `- ${n}`).join("\n")}` : ""}

Ratios are ours/theirs. Targets: browser bundle gzip ≤ 0.25×, node bundle gzip ≤ 0.3×,
cold-start overhead ≤ 0.25×, warm sends/s ≥ 3×, production packages ≤ 0.5× and bytes ≤ 0.4×,
the full Connect model generated in ≤ 5 s. Every raw figure (samples, the largest packages
in each bundle) is in \`bench/results.json\`.

${METHOD}`;
}

export function writeBenchmarksMd(results) {
  // The sections other scripts write (the Smithy language figures) survive the rewrite.
  const kept = existsSync(BENCHMARKS_MD) ? scriptSections(readFileSync(BENCHMARKS_MD, "utf8")) : [];
  writeFileSync(BENCHMARKS_MD, `${renderBenchmarksMd(results).trimEnd()}\n${kept.map((s) => `\n${s}`).join("")}`);
  return BENCHMARKS_MD;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  let results;
  try {
    results = JSON.parse(readFileSync(RESULTS_FILE, "utf8"));
  } catch {
    console.error("bench/results.json not found: run `pnpm bench` first.");
    process.exit(1);
  }
  console.log(`wrote ${writeBenchmarksMd(results)}`);
}
