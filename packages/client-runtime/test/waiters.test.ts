import { describe, expect, it } from "vitest";
import {
  allStringEquals,
  anyStringEquals,
  createWaiter,
  errorName,
  jmesCompare,
  jmesContains,
  jmesEquals,
  jmesFlatten,
  jmesLength,
  JmesPathTypeError,
  jmesMatches,
  jmesProject,
  jmesTruthy,
  jmesValues,
  WaiterState,
} from "../src/index.js";

// The helpers compiled waiter paths call; codegen's jmespath-compiler test checks the compiled paths
// that use them against the reference JMESPath implementation.
describe("waiter helpers", () => {
  it("project lists and drop null results; a non-list projects to null", () => {
    expect(jmesProject([{ a: 1 }, {}, { a: null }, { a: 2 }] as { a?: number | null }[], (i) => i.a)).toEqual([1, 2]);
    expect(jmesProject(undefined, (i: number) => i)).toBeUndefined();
    expect(jmesFlatten([[1, 2], 3, [], [null]])).toEqual([1, 2, 3, null]);
    expect(jmesValues({ a: 1, b: 2 })).toEqual([1, 2]);
    expect(jmesValues(undefined)).toBeUndefined();
  });

  it("follow JMESPath truthiness, equality and ordering", () => {
    expect([null, undefined, false, "", [], {}, { a: undefined }].map(jmesTruthy)).toEqual([false, false, false, false, false, false, false]);
    expect([0, "x", [0], { a: 1 }, true].map(jmesTruthy)).toEqual([true, true, true, true, true]);
    expect(jmesEquals({ a: [1, { b: "c" }], z: undefined }, { a: [1, { b: "c" }] })).toBe(true);
    expect(jmesEquals(null, undefined)).toBe(true);
    expect(jmesEquals([1], [1, 2])).toBe(false);
    expect(jmesCompare(1, "<", 2)).toBe(true);
    expect(jmesCompare(undefined, "<", 2)).toBeUndefined();
    expect(jmesCompare("a", "<", "b")).toBeUndefined();
  });

  it("raise a JMESPath type error for length() and contains() of null, which jmesMatches turns into no match", () => {
    expect(jmesLength("héllo")).toBe(5);
    expect(jmesLength({ a: 1, b: undefined })).toBe(1);
    expect(() => jmesLength(undefined)).toThrow(JmesPathTypeError);
    expect(jmesContains(["a", { b: 1 }], { b: 1 })).toBe(true);
    expect(jmesContains("abc", "b")).toBe(true);
    expect(() => jmesContains(null, "a")).toThrow(JmesPathTypeError);
    expect(jmesMatches(() => jmesLength(undefined) === 0)).toBe(false);
    expect(() => jmesMatches(() => { throw new TypeError("a bug"); })).toThrow(TypeError);
  });

  it("compare lists of strings as the waiter spec says: allStringEquals needs a non-empty list", () => {
    expect(allStringEquals([], "A")).toBe(false);
    expect(allStringEquals(["A", "A"], "A")).toBe(true);
    expect(allStringEquals(["A", "B"], "A")).toBe(false);
    expect(anyStringEquals([], "A")).toBe(false);
    expect(anyStringEquals(["B", "A"], "A")).toBe(true);
    expect(anyStringEquals(undefined, "A")).toBe(false);
  });

  it("name errors by their name; re-export @smithy/core's waiter", async () => {
    expect(errorName(Object.assign(new Error("x"), { name: "ResourceNotFoundException" }))).toBe("ResourceNotFoundException");
    expect(errorName("oops")).toBeUndefined();
    let calls = 0;
    const result = await createWaiter({ client: {}, maxWaitTime: 60, minDelay: 0.001, maxDelay: 0.002 }, {}, async () => (++calls < 3 ? { state: WaiterState.RETRY } : { state: WaiterState.SUCCESS }));
    expect([result.state, calls]).toEqual([WaiterState.SUCCESS, 3]);
  });
});
