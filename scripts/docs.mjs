#!/usr/bin/env node
// `pnpm run docs`: the API reference of every published package — the generated ones (types, client,
// test-fixtures) and the hand-written @connect-sdk/attachments — built by TypeDoc from their TSDoc,
// into docs/api/ (not committed). (`pnpm docs` alone is pnpm's own command that opens a package's homepage.)
// Builds them first (TypeDoc reads a package's dependencies through their built .d.ts) unless
// --no-build. Fails on TypeDoc errors and, with --strict, on warnings too (a broken link, say).
import { execFileSync } from "node:child_process";
import { relative, resolve } from "node:path";
import { Application, LogLevel } from "typedoc";
import { REPO_ROOT, publishablePackages } from "./release/pack.mjs";

const strict = process.argv.includes("--strict");
const build = !process.argv.includes("--no-build");
const out = resolve(REPO_ROOT, "docs/api");
// In dependency order, so each package's links to the ones it depends on resolve.
const packages = publishablePackages();
if (packages.length === 0) {
  console.error("docs: no published packages found under packages/ or services/");
  process.exit(1);
}
// --list: the packages it would document, one per line (for the tests), and nothing else.
if (process.argv.includes("--list")) {
  for (const p of packages) console.log(p.name);
  process.exit(0);
}

if (build) {
  const turbo = resolve(REPO_ROOT, "node_modules/.bin/turbo");
  const filters = packages.flatMap((p) => ["--filter", p.name]);
  try {
    execFileSync(turbo, ["run", "build", "--output-logs=errors-only", ...filters], {
      cwd: REPO_ROOT,
      stdio: "inherit",
      env: { ...process.env, TURBO_TELEMETRY_DISABLED: "1", TURBO_NO_UPDATE_NOTIFIER: "1" },
    });
  } catch {
    console.error("docs: the build failed");
    process.exit(1);
  }
}

const app = await Application.bootstrapWithPlugins({
  name: "Connect SDK",
  entryPointStrategy: "packages",
  entryPoints: packages.map((p) => relative(REPO_ROOT, p.dir)),
  // Each package documents its public entry point, with its README as the module page.
  // No source links: they would name this checkout's paths, not a published location.
  packageOptions: { entryPoints: ["src/index.ts"], disableSources: true },
  readme: "none",
  out,
  excludePrivate: true,
  excludeInternal: true,
  githubPages: false,
  hideGenerator: true,
  disableSources: true,
  validation: { notExported: true, invalidLink: true, notDocumented: false },
  logLevel: LogLevel.Info,
  treatWarningsAsErrors: strict,
});

const project = await app.convert();
if (!project) {
  console.error("docs: TypeDoc could not convert the packages");
  process.exit(1);
}
app.validate(project);
if (app.logger.hasErrors()) process.exit(1);
await app.generateDocs(project, out);
if (app.logger.hasErrors()) process.exit(1);
console.log(`docs: ${packages.map((p) => p.name).join(", ")} → ${relative(REPO_ROOT, out)}/index.html${app.logger.hasWarnings() ? " (with warnings)" : ""}`);
