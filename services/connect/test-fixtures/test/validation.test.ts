// The client's generated validators against the generated examples, and `validateInput: true`.
import * as client from "@connect-sdk/client-connect";
import { ConnectClient, ConstraintViolationError, InputValidationError, StartAttachedFileUploadCommand } from "@connect-sdk/client-connect";
import { MockConnectHandler, type ViolationRef, examples, schema } from "@connect-sdk/test-fixtures-connect";
import { describe, expect, it } from "vitest";
import { FILE_INPUT } from "./helpers.js";

type Validator = (value: unknown) => client.ConstraintViolation[];
const validatorOf = (operation: keyof typeof examples): Validator => {
  const name = `validate${schema.operations[operation]!.input}` as keyof typeof client;
  return client[name] as unknown as Validator;
};
const ref = (v: ViolationRef | client.ConstraintViolation) => `${v.constraint} ${v.path}${v.mapKey ? " (key)" : ""}`;

describe("the client's validators and the generated examples", () => {
  it("exist for every operation's input", () => {
    for (const op of Object.keys(examples) as (keyof typeof examples)[]) expect(typeof validatorOf(op), op).toBe("function");
  });

  it("find nothing wrong with the minimal, maximal and output-free example inputs", () => {
    for (const op of Object.keys(examples) as (keyof typeof examples)[]) {
      const e = examples[op];
      expect(validatorOf(op)(e.minimalInput), op).toEqual([]);
      expect(validatorOf(op)(e.maximalInput), op).toEqual([]);
    }
  });

  const cases = Object.values(examples).flatMap((e) => e.invalidInputs.map((c) => [e.operation, c.description, c] as const));
  it.each(cases)("%s: report exactly the documented violations when %s", (operation, _d, invalid) => {
    const found = validatorOf(operation as keyof typeof examples)(invalid.input);
    expect(found.map(ref).sort()).toEqual([invalid.violation, ...(invalid.alsoViolates ?? [])].map(ref).sort());
    for (const v of found) {
      expect(v.message).toContain(`'${v.path}'`);
      expect(v.message).toMatch(/failed to satisfy constraint: Member must/);
    }
  });

  it("check Unicode lengths in code points and patterns with the u flag", () => {
    const validate = validatorOf("StartAttachedFileUpload");
    // 256 astral characters are 512 UTF-16 units, and still a valid FileName.
    expect(validate({ ...FILE_INPUT, FileName: "😀".repeat(256) })).toEqual([]);
    expect(validate({ ...FILE_INPUT, FileName: "😀".repeat(257) }).map(ref)).toEqual(["length /FileName"]);
    // \P{C}: a control character is refused, a combining mark is not.
    expect(validate({ ...FILE_INPUT, FileName: "a\u0007b" }).map(ref)).toEqual(["pattern /FileName"]);
    expect(validate({ ...FILE_INPUT, FileName: "e\u0301.pdf" })).toEqual([]);
    // ^(?!aws:)[\p{L}\p{Z}\p{N}_.:/=+\-@]*$ on tag keys.
    expect(validate({ ...FILE_INPUT, Tags: { "équipe 中": "v", "aws-ok": "v" } })).toEqual([]);
    expect(validate({ ...FILE_INPUT, Tags: { "aws:team": "v" } }).map(ref)).toEqual(["pattern /Tags/aws:team (key)"]);
    expect(validate({ ...FILE_INPUT, Tags: { "a/b": "v", "x=y": "w" } })).toEqual([]);
    // Map keys in paths are escaped as JSON Pointer requires.
    expect(validate({ ...FILE_INPUT, Tags: { "a/b#": "v" } }).map(ref)).toEqual(["pattern /Tags/a~1b# (key)"]);
  });

  it("report wrong types and every violation at once", () => {
    const found = validatorOf("StartAttachedFileUpload")({ InstanceId: 7, FileName: "", FileSizeInBytes: 1.5, FileUseCaseType: "attachment", CreatedBy: {} });
    expect(found.map(ref).sort()).toEqual(["enum /FileUseCaseType", "length /FileName", "required /AssociatedResourceArn", "type /FileSizeInBytes", "type /InstanceId", "union /CreatedBy"]);
  });
});

describe("validateInput: true", () => {
  const mock = new MockConnectHandler();
  const strict = new ConnectClient({ region: "us-west-2", credentials: { accessKeyId: "a", secretAccessKey: "b" }, requestHandler: mock, validateInput: true });

  const cases = examples.StartAttachedFileUpload.invalidInputs.map((c) => [c.description, c] as const);
  it.each(cases)("throws ConstraintViolationError before sending when %s", async (_d, invalid) => {
    const before = mock.requests.length;
    const error = await strict.send(new StartAttachedFileUploadCommand(invalid.input as never)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConstraintViolationError);
    expect(error).toBeInstanceOf(InputValidationError);
    const violations = (error as ConstraintViolationError).violations;
    expect(violations.map(ref)).toContain(ref(invalid.violation));
    expect((error as ConstraintViolationError).member).toBe(invalid.violation.path.split("/")[1]);
    expect(mock.requests.length).toBe(before);
  });

  it("sends valid inputs, and is off by default", async () => {
    await strict.send(new StartAttachedFileUploadCommand(examples.StartAttachedFileUpload.maximalInput));
    const lax = new ConnectClient({ region: "us-west-2", credentials: { accessKeyId: "a", secretAccessKey: "b" }, requestHandler: mock, maxAttempts: 1 });
    expect(lax.config.validateInput).toBe(false);
    const before = mock.requests.length;
    await lax.send(new StartAttachedFileUploadCommand({ ...FILE_INPUT, FileSizeInBytes: 0 }));
    expect(mock.requests.length).toBe(before + 1);
  });
});
