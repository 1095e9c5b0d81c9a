// The generated fast-check arbitraries: what they generate satisfies the model (by the client's
// validators), survives the wire, and is accepted by the fake service.
import * as client from "@connect-sdk/client-connect";
import { type FakeConnect, examples, readRequest, schema, startFakeConnect, writeRequest } from "@connect-sdk/test-fixtures-connect";
import { arbitraries, patternString } from "@connect-sdk/test-fixtures-connect/arbitraries";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

type Operation = keyof typeof examples;
const operations = Object.keys(examples) as Operation[];
const inputArbitrary = (op: Operation) => (arbitraries as unknown as Record<string, () => fc.Arbitrary<Record<string, unknown>>>)[schema.operations[op]!.input]!();
const validator = (op: Operation) => (client as unknown as Record<string, (v: unknown) => client.ConstraintViolation[]>)[`validate${schema.operations[op]!.input}`]!;

describe("arbitraries", () => {
  it.each(operations)("%s: every generated input satisfies the model's constraints", (op) => {
    fc.assert(
      fc.property(inputArbitrary(op), (input) => {
        expect(validator(op)(input)).toEqual([]);
      }),
      { numRuns: 150 },
    );
  });

  it.each(operations)("%s: every generated input reads back the same after a trip over the wire", (op) => {
    fc.assert(
      fc.property(inputArbitrary(op), (input) => {
        const request = writeRequest(schema, op, input);
        const body = request.body === undefined ? new Uint8Array() : typeof request.body === "string" ? new TextEncoder().encode(request.body) : request.body;
        const labels: Record<string, string> = {};
        const route = schema.operations[op]!.uri.split("/").slice(1);
        request.path.split("/").slice(1).forEach((segment, i) => {
          const label = /^\{(\w+)\}$/.exec(route[i] ?? "")?.[1];
          if (label) labels[label] = decodeURIComponent(segment);
        });
        expect(readRequest(schema, op, { ...request, body }, labels)).toEqual(input);
      }),
      { numRuns: 100 },
    );
  });

  it("honour Unicode classes, lookaheads and lengths in patterns", () => {
    const tagKey = patternString("^(?!aws:)[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*$", { min: 1, max: 128 });
    const fileName = patternString("^\\P{C}*$", { min: 1, max: 256 });
    const arn = patternString("^arn:(aws|aws-us-gov):connect:[a-z]{2}-[a-z]+-[0-9]{1}:[0-9]{1,20}:instance/[a-f0-9]{8}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{12}$", { max: 250 });
    const seen = { nonAscii: 0, astral: 0 };
    fc.assert(
      fc.property(tagKey, fileName, arn, (key, name, instanceArn) => {
        expect(key).toMatch(/^(?!aws:)[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u);
        expect([...key].length).toBeGreaterThanOrEqual(1);
        expect([...key].length).toBeLessThanOrEqual(128);
        expect(name).toMatch(/^\P{C}*$/u);
        expect([...name].length).toBeLessThanOrEqual(256);
        expect(instanceArn).toMatch(/^arn:(aws|aws-us-gov):connect:[a-z]{2}-[a-z]+-[0-9]:[0-9]{1,20}:instance\/[a-f0-9]{8}-/);
        if (/[^\x00-\x7f]/.test(key + name)) seen.nonAscii++;
        if (/[\u{10000}-\u{10ffff}]/u.test(key + name)) seen.astral++;
      }),
      { numRuns: 300 },
    );
    // Not just ASCII: the generators reach other scripts and astral characters.
    expect(seen.nonAscii).toBeGreaterThan(30);
    expect(seen.astral).toBeGreaterThan(3);
  });
});

describe("arbitraries against the fake service", () => {
  let fake: FakeConnect;
  beforeAll(async () => {
    fake = await startFakeConnect();
  });
  afterAll(() => fake.close({ removeFiles: true }));

  it("StartAttachedFileUpload accepts every generated input", async () => {
    const tokens = new Map<string, string>();
    /** JSON with sorted keys, so that two equal inputs compare equal. */
    const canonical = (value: unknown): string =>
      JSON.stringify(value, (_key, v: unknown) =>
        v && typeof v === "object" && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
      );
    await fc.assert(
      fc.asyncProperty(inputArbitrary("StartAttachedFileUpload"), async (input) => {
        const reply = await fake.sendRaw("StartAttachedFileUpload", input);
        // The runs share one fake, and the arbitrary can repeat a ClientToken (`""` often): a token
        // seen before in the same instance with other parameters is the service's idempotency
        // conflict, 409.
        const { ClientToken, InstanceId } = input as { ClientToken?: string; InstanceId: string };
        const token = ClientToken === undefined ? undefined : `${InstanceId}\u0000${ClientToken}`;
        const request = canonical({ ...input, ClientToken: undefined });
        const earlier = token === undefined ? undefined : tokens.get(token);
        if (earlier !== undefined && earlier !== request) {
          expect(reply.statusCode, reply.body).toBe(409);
          return;
        }
        if (token !== undefined) tokens.set(token, request);
        expect(reply.statusCode, reply.body).toBe(200);
        expect(reply.json.FileStatus).toBe("PROCESSING");
      }),
      { numRuns: 40 },
    );
  });
});
