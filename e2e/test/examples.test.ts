// Every code example a user reads compiles: each ```ts block of the READMEs (the repository's,
// the generator's, each package's) and of the TSDoc comments in the packages' sources (generated
// and hand-written), type-checked as written against the built packages, in one tsc run.
import { execFile, execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { packageDirs as listPackageDirs } from "../../scripts/release/pack.mjs";

const E2E = fileURLToPath(new URL("..", import.meta.url));
const ROOT = join(E2E, "..");
const require = createRequire(import.meta.url);
const tsc = require.resolve("typescript/lib/tsc.js");

interface Example {
  /** Where it is written: `services/connect/client/README.md:12`. */
  source: string;
  code: string;
}

/** The ```ts blocks of a markdown file. */
function markdownExamples(file: string): Example[] {
  const text = readFileSync(file, "utf8");
  const out: Example[] = [];
  for (const match of text.matchAll(/^```ts\n([\s\S]*?)^```$/gm)) {
    const line = text.slice(0, match.index).split("\n").length;
    out.push({ source: `${relative(ROOT, file)}:${line}`, code: match[1]! });
  }
  return out;
}

/** The ```ts blocks of the TSDoc comments of a TypeScript file (comments only, found by the parser). */
function tsdocExamples(file: string): Example[] {
  const text = readFileSync(file, "utf8");
  if (!text.includes("```ts")) return [];
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const seen = new Set<number>();
  const out: Example[] = [];
  const visit = (node: ts.Node) => {
    for (const doc of ts.getJSDocCommentsAndTags(node)) {
      if (!ts.isJSDoc(doc) || seen.has(doc.pos)) continue;
      seen.add(doc.pos);
      const comment = text.slice(doc.pos, doc.end).split("\n").map((l) => l.replace(/^\s*\*( |$)/, "").replace(/^\s*\/\*\*\s?/, ""));
      const body = comment.join("\n");
      for (const match of body.matchAll(/^```ts\n([\s\S]*?)^```$/gm)) {
        const line = source.getLineAndCharacterOfPosition(doc.pos).line + 1 + body.slice(0, match.index).split("\n").length - 1;
        out.push({ source: `${relative(ROOT, file)}:${line}`, code: match[1]! });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return out;
}

function tsFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith(".ts") && !e.name.endsWith(".d.ts"))
    .map((e) => join(e.parentPath, e.name));
}

// Every workspace package: the hand-written ones in packages/ and the generated ones in services/<service>/.
const packageDirs = listPackageDirs().filter((d) => existsSync(join(d, "package.json")));
const readmes = [join(ROOT, "README.md"), join(ROOT, "codegen/README.md"), ...packageDirs.map((d) => join(d, "README.md"))].filter((f) => existsSync(f));
const examples: Example[] = [
  ...readmes.flatMap(markdownExamples),
  ...[...packageDirs.map((d) => join(d, "src")), join(ROOT, "codegen/src")].flatMap(tsFiles).flatMap(tsdocExamples),
];

// Inside e2e/, so that the examples' imports resolve through its node_modules to the built packages.
const dir = join(E2E, `.examples-${process.pid}`);
let output = "";

beforeAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir);
  const files = examples.map((example, i) => {
    const name = `example-${String(i).padStart(3, "0")}.ts`;
    // Each example is a module of its own (top-level await, no clashes between examples).
    writeFileSync(join(dir, name), `// ${example.source}\n${example.code}\nexport {};\n`);
    return name;
  });
  const typeRoots = [join(dirname(require.resolve("@types/node/package.json")), "..")];
  const compilerOptions = {
    strict: true,
    exactOptionalPropertyTypes: true,
    noUncheckedIndexedAccess: true,
    noEmit: true,
    skipLibCheck: true,
    target: "ES2022",
    module: "esnext",
    moduleResolution: "bundler",
    lib: ["ES2022", "DOM"],
    typeRoots,
    types: ["node"],
  };
  writeFileSync(join(dir, "tsconfig.json"), JSON.stringify({ compilerOptions, files }, null, 2));
  output = await new Promise<string>((done) =>
    execFile(process.execPath, [tsc, "-p", join(dir, "tsconfig.json"), "--pretty", "false"], { maxBuffer: 16 << 20 }, (error, stdout, stderr) =>
      done(error ? `${stdout}${stderr}`.trim() || String(error) : ""),
    ),
  );
}, 600_000);

afterAll(() => {
  if (!process.env.KEEP_E2E) rmSync(dir, { recursive: true, force: true });
});

describe("code examples", () => {
  it("finds the examples of every README and of the TSDoc comments", () => {
    const sources = new Set(examples.map((e) => e.source.replace(/:\d+$/, "")));
    for (const readme of ["README.md", "codegen/README.md", "packages/attachments/README.md", "services/connect/client/README.md", "services/connect/test-fixtures/README.md", "services/connect/types/README.md"]) {
      expect(sources, readme).toContain(readme);
    }
    expect([...sources].some((s) => s.startsWith("services/connect/client/src/gen/commands/"))).toBe(true);
    expect([...sources].some((s) => s.startsWith("services/connect/test-fixtures/src/gen/"))).toBe(true);
  });

  it("type-check as written (strict, exactOptionalPropertyTypes, noUncheckedIndexedAccess), one tsc run for all", () => {
    // Name each failing example by where it is written, not by its temporary file.
    const named = output.replace(/(?:[^\s(]*\/)?example-(\d+)\.ts\((\d+),(\d+)\)/g, (_, i: string, line: string) => {
      const example = examples[Number(i)]!;
      const [file, start] = [example.source.replace(/:\d+$/, ""), Number(/:(\d+)$/.exec(example.source)![1])];
      return `${file}:${start + Number(line) - 1}`;
    });
    expect(named).toBe("");
  });
});

describe("documentation", () => {
  it("package READMEs (shown on npm) link nothing outside their package", () => {
    for (const dir of packageDirs) {
      const readme = join(dir, "README.md");
      if (!existsSync(readme)) continue;
      const links = [...readFileSync(readme, "utf8").matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]!);
      expect(links.filter((link) => link.startsWith("../") || link.startsWith("/")), relative(ROOT, readme)).toEqual([]);
    }
  });

  it("`pnpm run docs` documents every published package, @connect-sdk/attachments included", () => {
    const listed = execFileSync(process.execPath, [join(ROOT, "scripts/docs.mjs"), "--list"], { encoding: "utf8" }).trim().split("\n");
    expect(listed).toEqual(expect.arrayContaining(["@connect-sdk/types-connect", "@connect-sdk/client-connect", "@connect-sdk/test-fixtures-connect", "@connect-sdk/attachments"]));
  });
});
