#!/usr/bin/env node
/**
 * The model corpus: every model in ../shared/aws-models whose protocol the generator supports
 * (restJson1) is generated (types and client, with --skip-unsupported) and type-checked.
 *
 *   pnpm test:models [--jobs 2] [--batch 24] [--keep] [name …]
 *
 * Names (`bedrock-runtime`, or a file name) limit the run to those models. Prints
 * `aws models: N generated, N type-checked, N failed`, each failure with its first error, and
 * how many operations were left out per unsupported feature; exits 1 when a model failed.
 *
 * Speed: one `tsc` per batch of clients (a project that includes them all, so the runtime
 * packages' declarations are read once per batch rather than once per model), batches checked
 * in parallel child processes while the next ones are generated.
 *
 * `runCorpus` is also what codegen's `test/aws-models.test.ts` runs on a sample, with the
 * generator's sources instead of its build.
 */
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const REPO = fileURLToPath(new URL("..", import.meta.url));
const CODEGEN = join(REPO, "codegen");
export const SHARED = process.env.CONNECT_SDK_SHARED ?? resolve(REPO, "../shared");
export const MODELS_DIR = join(SHARED, "aws-models");
const TSC = join(CODEGEN, "node_modules/typescript/bin/tsc");

/** The model files of the corpus with a restJson1 service, sorted; `names` limits them. */
export function corpusModels(names = []) {
  const files = readdirSync(MODELS_DIR).filter((f) => f.endsWith(".json")).sort();
  const wanted = names.map((n) => n.replace(/\.json$/, ""));
  const picked = wanted.length ? files.filter((f) => wanted.some((w) => f === `${w}.json` || f.replace(/-\d{4}-\d\d-\d\d\.json$/, "") === w)) : files;
  const missing = wanted.filter((w) => !picked.some((f) => f === `${w}.json` || f.replace(/-\d{4}-\d\d-\d\d\.json$/, "") === w));
  if (missing.length) throw new Error(`no model named ${missing.join(", ")} in ${MODELS_DIR}`);
  return picked.filter((f) => isRestJson1(join(MODELS_DIR, f)));
}

function isRestJson1(file) {
  const model = JSON.parse(readFileSync(file, "utf8"));
  return Object.values(model.shapes ?? {}).some((s) => s.type === "service" && s.traits && "aws.protocols#restJson1" in s.traits);
}

/** `bedrock-runtime-2023-09-30.json` → `bedrock-runtime`. */
export function modelName(file) {
  return file.replace(/-\d{4}-\d\d-\d\d\.json$/, "").replace(/\.json$/, "");
}

/**
 * Generates and type-checks `files` (names in MODELS_DIR). `api` is the generator
 * (`@connect-sdk/codegen`: configForModel, generate, writePackages, typesEmitter, clientEmitter,
 * ModelError). Returns one result per model and the operations skipped per feature.
 */
export async function runCorpus({ api, files, jobs = 2, batchSize = 24, keep = false, log = () => {} }) {
  const dir = mkdtempSync(join(tmpdir(), "sdkgen-models-"));
  symlinkSync(join(CODEGEN, "node_modules"), join(dir, "node_modules"), "dir");
  const results = new Map(files.map((f) => [f, { file: f, name: modelName(f), generated: false, typeChecked: false, error: undefined, operations: 0, skipped: [] }]));
  const running = new Set();
  const checks = [];
  let batch = [];
  let batchNo = 0;
  const timing = { generateMs: 0, typeCheckMs: 0 };

  const startBatch = async () => {
    if (batch.length === 0) return;
    const members = batch;
    batch = [];
    // No more than `jobs` tsc processes at once: each holds a whole batch in memory.
    while (running.size >= jobs) await Promise.race(running);
    const started = performance.now();
    const check = typeCheck(dir, `batch-${++batchNo}`, members).then((errors) => {
      timing.typeCheckMs += performance.now() - started;
      for (const m of members) {
        const r = results.get(m.file);
        const first = errors.get(m.name);
        if (first) r.error = `type-check: ${first}`;
        else r.typeChecked = true;
      }
      log(`type-checked ${members.map((m) => m.name).join(", ")}`);
    });
    running.add(check);
    checks.push(check);
    check.finally(() => running.delete(check));
  };

  for (const file of files) {
    const r = results.get(file);
    const started = performance.now();
    try {
      const config = await api.configForModel(join(MODELS_DIR, file), join(dir, "out", r.name));
      const result = await api.generate({ ...config, skipUnsupported: true }, [api.typesEmitter, api.clientEmitter]);
      await api.writePackages(result.packages);
      r.generated = true;
      r.operations = result.ir.operations.length;
      r.skipped = result.ir.skipped;
      const types = config.packages.types;
      batch.push({ file, name: r.name, typesName: types.name, typesDir: types.dir, clientDir: config.packages.client.dir });
      log(`generated ${r.name}: ${r.operations} operations${r.skipped.length ? `, ${new Set(r.skipped.map((s) => s.operation)).size} skipped` : ""}`);
    } catch (error) {
      r.error = `generate: ${firstLine(error, api)}`;
      log(`failed to generate ${r.name}`);
    }
    timing.generateMs += performance.now() - started;
    if (batch.length >= batchSize) await startBatch();
  }
  await startBatch();
  await Promise.all(checks);
  if (!keep) rmSync(dir, { recursive: true, force: true });
  return { results: [...results.values()], dir, timing };
}

function firstLine(error, api) {
  if (error instanceof api.ModelError) return `${error.problems.length} problem(s), the first: ${api.formatProblem(error.problems[0])}`;
  return String(error?.message ?? error).split("\n")[0];
}

/** Runs one tsc over a batch of generated clients; the first error of each model, by model name. */
function typeCheck(dir, name, members) {
  const rel = (p) => p.slice(dir.length + 1);
  const tsconfig = {
    compilerOptions: {
      target: "ES2022",
      module: "NodeNext",
      moduleResolution: "NodeNext",
      lib: ["ES2022", "DOM"],
      strict: true,
      noImplicitOverride: true,
      isolatedModules: true,
      skipLibCheck: true,
      noEmit: true,
      types: ["node"],
      paths: Object.fromEntries(members.map((m) => [m.typesName, [`./${rel(m.typesDir)}/src/index.ts`]])),
    },
    include: members.flatMap((m) => [`${rel(m.typesDir)}/src`, `${rel(m.clientDir)}/src`]),
  };
  const project = join(dir, `tsconfig.${name}.json`);
  writeFileSync(project, `${JSON.stringify(tsconfig, null, 2)}\n`);
  return new Promise((done) => {
    execFile(process.execPath, ["--max-old-space-size=4096", TSC, "-p", project, "--pretty", "false"], { cwd: dir, maxBuffer: 256 * 1024 * 1024 }, (error, stdout, stderr) => {
      const errors = new Map();
      const output = `${stdout}${stderr}`;
      for (const line of output.split("\n")) {
        const m = /^out\/([^/]+)\/.*?error TS\d+:/.exec(line);
        if (m && !errors.has(m[1])) errors.set(m[1], line.trim());
      }
      // A tsc that failed without pointing at a model (out of memory, a crash) fails the whole batch.
      if (error && errors.size === 0) {
        const why = output.trim().split("\n").slice(-1)[0] || String(error.message).split("\n")[0];
        for (const m of members) errors.set(m.name, `tsc failed: ${why}`);
      }
      done(errors);
    });
  });
}

/** The summary lines `pnpm test:models` prints. */
export function report(results) {
  const generated = results.filter((r) => r.generated).length;
  const checked = results.filter((r) => r.typeChecked).length;
  const failed = results.filter((r) => r.error);
  const lines = [`aws models: ${generated} generated, ${checked} type-checked, ${failed.length} failed`];
  for (const r of failed) lines.push(`  ${r.name}: ${r.error}`);
  const byFeature = new Map();
  for (const r of results) {
    for (const s of r.skipped) {
      const entry = byFeature.get(s.featureName) ?? { operations: new Set(), models: new Set() };
      entry.operations.add(`${r.name} ${s.operation}`);
      entry.models.add(r.name);
      byFeature.set(s.featureName, entry);
    }
  }
  const skippedOps = new Set(results.flatMap((r) => r.skipped.map((s) => `${r.name} ${s.operation}`)));
  const total = results.reduce((n, r) => n + r.operations, 0);
  lines.push(`operations: ${total} generated, ${skippedOps.size} skipped as unsupported${byFeature.size ? ":" : ""}`);
  for (const [feature, { operations, models }] of [...byFeature].sort((a, b) => b[1].operations.size - a[1].operations.size)) {
    const few = [...models].slice(0, 6).join(", ");
    lines.push(`  ${feature}: ${operations.size} operation(s) in ${models.size} model(s) (${few}${models.size > 6 ? ", …" : ""})`);
  }
  return lines.join("\n");
}

async function main(argv) {
  const args = [...argv];
  const option = (flag, fallback) => {
    const i = args.indexOf(flag);
    if (i < 0) return fallback;
    const [, value] = args.splice(i, 2);
    return Number(value);
  };
  const jobs = option("--jobs", 2);
  const batchSize = option("--batch", 24);
  const keepAt = args.indexOf("--keep");
  const keep = keepAt >= 0;
  if (keep) args.splice(keepAt, 1);
  const verbose = process.env.CI !== "true";
  const dist = join(CODEGEN, "dist/index.js");
  if (!existsSync(dist)) throw new Error("codegen is not built: run `pnpm --filter @connect-sdk/codegen build`");
  const api = await import(pathToFileURL(dist).href);
  const files = corpusModels(args);
  const started = performance.now();
  const { results, dir, timing } = await runCorpus({ api, files, jobs, batchSize, keep, log: verbose ? (line) => console.error(line) : undefined });
  console.log(report(results));
  const s = (ms) => `${Math.round(ms / 1000)} s`;
  console.log(
    `${files.length} models in ${s(performance.now() - started)}: generating ${s(timing.generateMs)}, type-checking ${s(timing.typeCheckMs)} ` +
      `(summed over ${jobs} parallel tsc jobs, batches of ${batchSize}, overlapping the generation)${keep ? `; output kept in ${dir}` : ""}`,
  );
  return results.some((r) => r.error) ? 1 : 0;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).then(
    (code) => (process.exitCode = code),
    (error) => {
      console.error(`test-models: ${error.message}`);
      process.exitCode = 2;
    },
  );
}
