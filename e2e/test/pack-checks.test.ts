// The content checks that `pnpm release` and the consumer test apply to every package, on
// hand-made inputs: each kind of problem is caught, and a clean package passes.
import { gzipSync } from "node:zlib";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { inspectPackageFiles, inspectTarball, publishablePackages, readTarball, releasePackages } from "../../scripts/release/pack.mjs";

const map = (sources: string[], withContent = false) =>
  JSON.stringify({ version: 3, sources, ...(withContent ? { sourcesContent: sources.map(() => "x") } : {}), mappings: "" });

function pkg(extra: Record<string, string> = {}, manifest: object = { name: "p", version: "1.0.0", dependencies: { dep: "^1.0.0" } }) {
  return new Map(
    Object.entries({
      "package.json": JSON.stringify(manifest),
      "dist/index.js": "module.exports = 1;\n//# sourceMappingURL=index.js.map",
      "dist/index.js.map": map(["../src/index.ts"]),
      "src/index.ts": "export default 1;",
      ...extra,
    }).map(([k, v]) => [k, Buffer.from(v)]),
  );
}

describe("inspectPackageFiles", () => {
  it("passes a clean package", () => {
    expect(inspectPackageFiles(pkg())).toEqual([]);
  });

  it("finds test files", () => {
    const problems = inspectPackageFiles(pkg({ "src/a.test.ts": "", "test/b.ts": "", "dist/__tests__/c.js": "" }));
    expect(problems).toEqual(["ships a test file: src/a.test.ts", "ships a test file: test/b.ts", "ships a test file: dist/__tests__/c.js"]);
  });

  it("finds source maps whose sources leave the package, are absolute, or are missing", () => {
    const problems = inspectPackageFiles(
      pkg({ "dist/a.js.map": map(["../../codegen/src/x.ts", "/abs/y.ts", "../src/missing.ts", "../src/index.ts"]) }),
    );
    expect(problems).toEqual([
      "dist/a.js.map: source /abs/y.ts is an absolute path or URL",
      "dist/a.js.map: source ../../codegen/src/x.ts points outside the package",
      "dist/a.js.map: source ../src/missing.ts is not in the package",
    ]);
    // Many (a bundle's) are summed up.
    const bundled = Array.from({ length: 5 }, (_, i) => `../../node_modules/dep/m${i}.js`);
    expect(inspectPackageFiles(pkg({ "dist/a.js.map": map(bundled, true) }))).toEqual([
      "dist/a.js.map: 5 sources point outside the package, e.g. ../../node_modules/dep/m0.js, ../../node_modules/dep/m1.js, ../../node_modules/dep/m2.js",
    ]);
    // A source that isn't shipped is fine when the map embeds its content.
    expect(inspectPackageFiles(pkg({ "dist/a.js.map": map(["../src/missing.ts"], true) }))).toEqual([]);
  });

  it("finds sourceMappingURLs to maps that aren't shipped", () => {
    expect(inspectPackageFiles(pkg({ "dist/b.mjs": "export {};\n//# sourceMappingURL=b.mjs.map\n" }))).toEqual([
      "dist/b.mjs: sourceMappingURL b.mjs.map names a file the package doesn't ship",
    ]);
  });

  it("finds workspace: ranges in any dependency field", () => {
    const manifest = { name: "p", version: "1.0.0", dependencies: { a: "workspace:^" }, peerDependencies: { b: "workspace:*" } };
    expect(inspectPackageFiles(pkg({}, manifest))).toEqual(["package.json dependencies.a is workspace:^", "package.json peerDependencies.b is workspace:*"]);
  });
});

describe("readTarball", () => {
  it("reads a gzipped ustar archive, including long names", () => {
    const long = `package/${"d/".repeat(60)}file.js`;
    const entry = (name: string, body: string) => {
      const header = Buffer.alloc(512);
      const cut = name.length > 100 ? name.indexOf("/", name.length - 101) : -1;
      const nameField = name.slice(cut + 1);
      const prefix = cut >= 0 ? name.slice(0, cut) : "";
      header.write(nameField, 0);
      header.write("0000644\0", 100);
      header.write(`${Buffer.byteLength(body).toString(8).padStart(11, "0")}\0`, 124);
      header.write("0", 156);
      header.write("ustar\0", 257);
      header.write(prefix, 345);
      const padded = Buffer.alloc(Math.ceil(Buffer.byteLength(body) / 512) * 512);
      padded.write(body);
      return Buffer.concat([header, padded]);
    };
    const dir = mkdtempSync(join(tmpdir(), "readtarball-"));
    try {
      const file = join(dir, "p.tgz");
      writeFileSync(file, gzipSync(Buffer.concat([entry("package/package.json", '{"name":"p"}'), entry(long, "x"), Buffer.alloc(1024)])));
      const files = readTarball(file);
      expect([...files.keys()]).toEqual(["package/package.json", long]);
      expect(files.get("package/package.json")!.toString()).toBe('{"name":"p"}');
      expect(inspectTarball(file).problems).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("publishablePackages", () => {
  it("lists the non-private packages, each after the packages it depends on", () => {
    const names = publishablePackages().map((p: { name: string }) => p.name);
    expect(names.indexOf("@connect-sdk/types-connect")).toBeGreaterThanOrEqual(0);
    expect(names.indexOf("@connect-sdk/types-connect")).toBeLessThan(names.indexOf("@connect-sdk/client-connect"));
    expect(names).not.toContain("@connect-sdk/codegen");
  });
});

describe("releasePackages (what `pnpm release` packs and publishes)", () => {
  it("adds the generator to the publishable packages, after the runtimes it depends on, each package after its dependencies", () => {
    const released = releasePackages() as { name: string; manifest: { dependencies?: Record<string, string> } }[];
    const names = released.map((p) => p.name);
    expect([...names].sort()).toEqual([...publishablePackages().map((p: { name: string }) => p.name), "@connect-sdk/codegen"].sort());
    for (const runtime of ["@connect-sdk/client-runtime", "@connect-sdk/test-kit", "@connect-sdk/build-preset"]) {
      expect(names.indexOf(runtime), runtime).toBeGreaterThanOrEqual(0);
      expect(names.indexOf(runtime), runtime).toBeLessThan(names.indexOf("@connect-sdk/codegen"));
    }
    expect(names.indexOf("@connect-sdk/client-runtime")).toBeLessThan(names.indexOf("@connect-sdk/client-connect"));
    expect(names.indexOf("@connect-sdk/test-kit")).toBeLessThan(names.indexOf("@connect-sdk/test-fixtures-connect"));
    for (const [i, p] of released.entries()) {
      for (const dep of Object.keys(p.manifest.dependencies ?? {})) if (names.includes(dep)) expect(names.indexOf(dep), `${p.name} → ${dep}`).toBeLessThan(i);
    }
  });
});
