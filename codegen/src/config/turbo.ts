/**
 * turbo wiring for the generated packages of a repository (`"turbo": true` in the config).
 *
 * Each generated package gets a `turbo.json` of its own with a `gen` task — and a `gen` script that
 * regenerates just that package — whose inputs are its service's model files, the config and the
 * generator, and whose outputs are the files the generator owns in it. So nothing in the root
 * turbo.json names a package or a model: a change to one model re-runs the `gen` (and so the
 * `build`) of that service's packages only. The file is generated like the rest, so `sdkgen check`
 * fails when it no longer matches the config.
 */
import { existsSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import type { GeneratedPackage } from "../writer/package.js";
import type { GenerateConfig } from "./config.js";

/** Adds `turbo.json` and the `gen` script to each package of `config`'s service; returns new objects. */
export function withTurboWiring(packages: GeneratedPackage[], config: GenerateConfig): GeneratedPackage[] {
  const repo = config.repo;
  if (!repo?.turbo) return packages;
  const codegen = generatorPackage();
  const fromRoot = (path: string) => relative(repo.root, path).split(sep).join("/");
  const models = (typeof config.model === "string" ? [config.model] : config.model).map((m) =>
    isDirectory(m) ? `$TURBO_ROOT$/${fromRoot(m)}/**` : `$TURBO_ROOT$/${fromRoot(m)}`,
  );
  const generator = codegen
    ? [`$TURBO_ROOT$/${fromRoot(join(codegen.dir, "src"))}/**`]
    : [];
  return packages.map((pkg) => {
    const owned = [...pkg.owned, "turbo.json"].sort().map((path) => (pkg.files.some((f) => f.path.startsWith(`${path}/`)) ? `${path}/**` : path));
    const turbo = {
      $schema: "https://turbo.build/schema.json",
      extends: ["//"],
      tasks: {
        gen: {
          ...(codegen ? { dependsOn: [`${codegen.name}#build`] } : {}),
          // package.json is an input as well as an output: a version bump by `changeset version`
          // must not be undone by restoring a cached package.json.
          inputs: [`$TURBO_ROOT$/${fromRoot(repo.configFile)}`, ...models, ...generator, "package.json"],
          outputs: owned,
        },
      },
    };
    const toPackage = (path: string) => relative(pkg.dir, path).split(sep).join("/") || ".";
    const cli = codegen ? `node ${toPackage(join(codegen.dir, "bin/sdkgen.js"))}` : "sdkgen";
    const gen = `${cli} generate --config ${toPackage(repo.configFile)} --package ${pkg.name} --quiet`;
    const files = pkg.files.map((f) => {
      if (f.path !== "package.json") return f;
      const manifest = JSON.parse(f.contents) as { scripts?: Record<string, string> };
      manifest.scripts = { gen, ...manifest.scripts };
      return { ...f, contents: `${JSON.stringify(manifest, null, 2)}\n` };
    });
    files.push({ path: "turbo.json", contents: `${JSON.stringify(turbo, null, 2)}\n` });
    return { ...pkg, files, owned: [...pkg.owned, "turbo.json"] };
  });
}

/** The generator's own package (this code's), when it runs from a checkout: its folder and name. */
function generatorPackage(): { dir: string; name: string } | undefined {
  // dist/cli.js, dist/index.js or src/config/turbo.ts: the package.json above it.
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 4; i++) {
    const manifest = join(dir, "package.json");
    if (existsSync(manifest)) {
      const { name } = JSON.parse(readFileSync(manifest, "utf8")) as { name?: string };
      return name ? { dir, name } : undefined;
    }
    dir = resolve(dir, "..");
  }
  return undefined;
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
