/**
 * The generator's layers, checked on its import graph (every module under src/, its static and
 * dynamic imports): no import cycle, and no stage importing a later one. The pipeline reads
 * load → ir → emit → writer → output; diff and validate read models and the IR only. The IR in
 * particular knows nothing of emitters or runtime packages: it is what they read.
 */
import { readFileSync, readdirSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { CODEGEN_ROOT } from "./helpers.js";

const SRC = join(CODEGEN_ROOT, "src");

/** Module (path under src/, `.ts`) → the modules and packages it imports. */
function importGraph(root = SRC): Map<string, { modules: string[]; packages: string[] }> {
  const graph = new Map<string, { modules: string[]; packages: string[] }>();
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : e.name.endsWith(".ts") ? [join(dir, e.name)] : []));
  for (const file of walk(root)) {
    const text = readFileSync(file, "utf8");
    const specifiers = [...text.matchAll(/^\s*(?:import|export)\b[^;'"]*?\bfrom\s*["']([^"']+)["']|^\s*import\s*["']([^"']+)["']|\bimport\(\s*["']([^"']+)["']\s*\)/gm)].map((m) => (m[1] ?? m[2] ?? m[3])!);
    const modules: string[] = [];
    const packages: string[] = [];
    for (const s of specifiers) {
      if (s.startsWith(".")) modules.push(relative(root, resolve(dirname(file), s)).replace(/\.js$/, ".ts"));
      else if (!s.startsWith("node:")) packages.push(s);
    }
    graph.set(relative(root, file), { modules, packages });
  }
  return graph;
}

/** Every cycle's modules (strongly connected components of more than one module, or a self-import). */
export function cycles(graph: Map<string, { modules: string[] }>): string[][] {
  let index = 0;
  const indices = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const connect = (v: string) => {
    indices.set(v, index);
    low.set(v, index++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v)?.modules ?? []) {
      if (!graph.has(w)) continue;
      if (!indices.has(w)) {
        connect(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, indices.get(w)!));
    }
    if (low.get(v) === indices.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || graph.get(v)!.modules.includes(v)) found.push(component.sort());
    }
  };
  for (const v of graph.keys()) if (!indices.has(v)) connect(v);
  return found;
}

const stage = (module: string) => module.split("/")[0]!.replace(/\.ts$/, "");

/** What each stage must not import: later stages, and (for the IR and the loader) the runtimes. */
const FORBIDDEN: Record<string, { stages: string[]; packages?: RegExp }> = {
  load: { stages: ["ir", "emit", "writer", "output", "diff", "generate", "cli"], packages: /^@connect-sdk\// },
  ir: { stages: ["emit", "writer", "output", "diff", "generate", "cli"], packages: /^@connect-sdk\// },
  validate: { stages: ["emit", "writer", "output", "diff", "generate", "cli"], packages: /^@connect-sdk\// },
  diff: { stages: ["emit", "writer", "output"] },
  emit: { stages: ["output", "diff", "generate", "cli"] },
  writer: { stages: ["ir", "emit", "output", "diff", "generate", "cli"] },
  output: { stages: ["emit", "diff", "generate", "cli"] },
};

function violations(graph: ReturnType<typeof importGraph>): string[] {
  const out: string[] = [];
  for (const [module, { modules, packages }] of graph) {
    const rule = FORBIDDEN[stage(module)];
    if (!rule) continue;
    for (const target of modules) if (rule.stages.includes(stage(target))) out.push(`${module} imports ${target}`);
    for (const p of packages) if (rule.packages?.test(p)) out.push(`${module} imports ${p}`);
  }
  return out.sort();
}

describe("the generator's layers", () => {
  const graph = importGraph();

  it("reads the whole source", () => {
    expect(graph.size).toBeGreaterThan(50);
    expect(graph.get("ir/build.ts")?.modules).toContain("ir/topo.ts");
  });

  it("has no import cycle", () => {
    expect(cycles(graph)).toEqual([]);
  });

  it("has no stage importing a later stage, and no IR or loader importing a runtime package", () => {
    expect(violations(graph)).toEqual([]);
  });

  it("would see a cycle or a forbidden import (the checks are live)", () => {
    const broken = new Map(graph);
    broken.set("ir/topo.ts", { modules: [...graph.get("ir/topo.ts")!.modules, "ir/build.ts"], packages: [] });
    broken.set("ir/validate.ts", { modules: [...graph.get("ir/validate.ts")!.modules, "emit/shared/pattern.ts"], packages: ["@connect-sdk/test-kit/pattern"] });
    expect(cycles(broken)).toContainEqual(expect.arrayContaining(["ir/build.ts", "ir/topo.ts"]));
    expect(violations(broken)).toEqual(expect.arrayContaining(["ir/validate.ts imports emit/shared/pattern.ts", "ir/validate.ts imports @connect-sdk/test-kit/pattern"]));
  });
});
