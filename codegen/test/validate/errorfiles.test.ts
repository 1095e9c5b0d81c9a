/**
 * Smithy's own validation corpus (../shared/smithy/errorfiles): for every
 * case, the ERROR and DANGER events of `sdkgen validate` equal the case's
 * `.errors` file, compared by severity, event id and shape id. Cases outside
 * this project's scope are in errorfiles-skips.json, each with a reason; the
 * list may hold at most a quarter of the cases that expect an ERROR.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { type Case, actualKeys, expectedKeys, listCases } from "./corpus.js";

const skips = JSON.parse(readFileSync(new URL("./errorfiles-skips.json", import.meta.url), "utf8")) as Record<string, string>;
const cases = listCases();

describe("smithy validation corpus", () => {
  it("finds the corpus", () => {
    expect(cases.length).toBeGreaterThan(200);
  });

  it("skips at most a quarter of the cases that expect an ERROR, each for a stated reason, and only cases that exist", () => {
    const withError = cases.filter((c) => expectedKeys(c.errors).some((k) => k.startsWith("ERROR|")));
    expect(Object.keys(skips).length).toBeLessThanOrEqual(Math.floor(withError.length / 4));
    const names = new Set(cases.map((c) => c.name));
    for (const [name, reason] of Object.entries(skips)) {
      expect(names.has(name), name).toBe(true);
      expect(reason.length, name).toBeGreaterThan(20);
    }
  });

  it("matches Smithy's ERROR and DANGER events for every case in scope", async () => {
    const failures: string[] = [];
    let passed = 0;
    let skipped = 0;
    const nowPassing: string[] = [];
    for (const c of cases) {
      const result = await compare(c);
      if (skips[c.name] !== undefined) {
        skipped++;
        if (result === undefined) nowPassing.push(c.name);
        continue;
      }
      if (result === undefined) passed++;
      else failures.push(`${c.name}\n${result}`);
    }
    console.log(`smithy validation corpus: ${passed} passed, ${failures.length} failed, ${skipped} skipped`);
    if (nowPassing.length) console.log(`skipped cases that now pass (remove them from errorfiles-skips.json): ${nowPassing.join(", ")}`);
    expect(failures).toEqual([]);
  }, 300_000);
});

/** undefined when the events match, else what is missing and what is extra. */
async function compare(c: Case): Promise<string | undefined> {
  const expected = expectedKeys(c.errors);
  let actual: string[];
  try {
    actual = await actualKeys(c);
  } catch (error) {
    return `  threw: ${(error as Error).stack}`;
  }
  const missing = expected.filter((k) => !actual.includes(k));
  const extra = actual.filter((k) => !expected.includes(k));
  if (!missing.length && !extra.length) return undefined;
  return `  missing: ${missing.join(" ; ")}\n  extra:   ${extra.join(" ; ")}`;
}
