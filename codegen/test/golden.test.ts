/**
 * Golden files: the code emitted for test/models/weather.json (a small model that uses most of
 * restJson1) is committed under test/golden/. Review a change to the emitters by its diff there;
 * `UPDATE_GOLDEN=1 npx vitest run test/golden.test.ts` rewrites them.
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { generate } from "../src/generate.js";
import { CODEGEN_ROOT } from "./helpers.js";

const GOLDEN = join(CODEGEN_ROOT, "test/golden/weather");

async function emitted(): Promise<Map<string, string>> {
  const { packages } = await generate({
    model: join(CODEGEN_ROOT, "test/models/weather.json"),
    packages: {
      types: { name: "@weather/types", dir: join(GOLDEN, "types") },
      client: { name: "@weather/client", dir: join(GOLDEN, "client") },
    },
  });
  const files = new Map<string, string>();
  for (const pkg of packages) {
    for (const f of [...pkg.files, ...pkg.scaffold]) {
      files.set(join(relative(GOLDEN, pkg.dir), f.path), f.contents);
    }
  }
  return files;
}

function listGolden(dir = GOLDEN): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? listGolden(join(dir, e.name)) : [relative(GOLDEN, join(dir, e.name))]));
}

describe("golden files", async () => {
  const files = await emitted();
  if (process.env.UPDATE_GOLDEN) {
    rmSync(GOLDEN, { recursive: true, force: true });
    for (const [path, contents] of files) {
      mkdirSync(dirname(join(GOLDEN, path)), { recursive: true });
      writeFileSync(join(GOLDEN, path), contents);
    }
  }

  it("emits exactly the committed set of files", () => {
    expect([...files.keys()].sort()).toEqual(listGolden().sort());
  });

  it.each([...files.keys()].sort())("%s matches its golden file", (path) => {
    expect(files.get(path)).toBe(readFileSync(join(GOLDEN, path), "utf8"));
  });
});
