// 5. Generation: wall time of our generator (a fresh node process each time).
//   repo:  `node codegen/dist/cli.js generate` at the repo root (regenerates the repo's packages)
//   full:  `node codegen/dist/cli.js generate --model <shared>/upstream/connect.json --out <tmp>`
//          (the whole Connect model), with the per-operation cost.
// Each is run `repeat` times (fewer if slow) and the median is reported. Any failure is
// reported, with its first line, instead of a figure.
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CODEGEN_CLI, CONNECT_MODEL, REPO_ROOT } from "./paths.mjs";
import { firstLine, median, run } from "./util.mjs";

/** Number of operation shapes in a Smithy JSON AST model. */
export function countOperations(modelFile) {
  const model = JSON.parse(readFileSync(modelFile, "utf8"));
  return Object.values(model.shapes ?? {}).filter((shape) => shape.type === "operation").length;
}

/** Runs `make(i)` → args up to `repeat` times (stopping once `budgetMs` is used); median ms. */
function timeRuns(makeArgs, { repeat, budgetMs, cleanup = () => {} }) {
  const samples = [];
  let spent = 0;
  for (let i = 0; i < repeat && (i === 0 || spent < budgetMs); i++) {
    const args = makeArgs(i);
    try {
      const res = run(process.execPath, [CODEGEN_CLI, ...args], { cwd: REPO_ROOT, timeout: 300_000 });
      if (res.status !== 0) {
        return { error: firstLine(res.stderr || res.stdout || `exit ${res.status ?? res.signal}`) };
      }
      samples.push(res.ms);
      spent += res.ms;
    } finally {
      cleanup(i);
    }
  }
  return { medianMs: median(samples), samples };
}

/** @returns { repo: { medianMs } | { error }, full: { medianMs, operations, msPerOperation } | { error } } */
export function measureGeneration({ repeat = 3, budgetMs = 30_000 } = {}) {
  if (!existsSync(CODEGEN_CLI)) {
    const error = "codegen/dist/cli.js not found (build the codegen first)";
    return { repo: { error }, full: { error } };
  }

  const repo = timeRuns(() => ["generate"], { repeat, budgetMs });

  let full;
  if (!existsSync(CONNECT_MODEL)) {
    full = { error: `model not found: ${CONNECT_MODEL} (set CONNECT_SDK_SHARED)` };
  } else {
    const outDirs = [];
    full = timeRuns(
      (i) => {
        outDirs[i] = mkdtempSync(join(tmpdir(), "connect-sdk-bench-gen-"));
        return ["generate", "--model", CONNECT_MODEL, "--out", outDirs[i]];
      },
      { repeat, budgetMs, cleanup: (i) => rmSync(outDirs[i], { recursive: true, force: true }) },
    );
    if (!full.error) {
      full.operations = countOperations(CONNECT_MODEL);
      full.msPerOperation = full.medianMs / full.operations;
    }
  }
  return { repo, full };
}
