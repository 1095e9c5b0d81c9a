/**
 * Hostile responses and unlucky networks (issue 10, client items 1, 2, 4, 5, 8): stalled servers,
 * pre-signed URLs in logs and error messages, wrong types in a 2xx response, unknown union
 * members, hostile Regions and transport errors, a doubled error-type header.
 */
import { type Server, type ServerResponse, createServer } from "node:http";
import type { AddressInfo } from "node:net";
import type { Socket } from "node:net";
import { inspect } from "node:util";
import { ConfiguredRetryStrategy } from "@smithy/core/retry";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  BatchGetAttachedFileMetadataCommand,
  CompleteAttachedFileUploadCommand,
  ConnectClient,
  type ConnectClientConfig,
  ConnectServiceException,
  DeleteAttachedFileCommand,
  GetAttachedFileCommand,
  RegionError,
  StartAttachedFileUploadCommand,
  ThrottlingException,
  TimeoutError,
  TransportError,
  redactPresignedUrls,
} from "../src/index.js";
import { CapturingHandler, credentials, json, sampleInput } from "./capture.js";

/** A hang guard far above anything the tests wait for (they wait for timeouts of at most 1 s). */
const GUARD = 120_000;

const client = (handler: CapturingHandler, config: Partial<ConnectClientConfig> = {}) =>
  new ConnectClient({ region: "us-west-2", credentials, requestHandler: handler, retryStrategy: new ConfiguredRetryStrategy(3, 1), ...config });

const fileIds = { InstanceId: "inst-1", AssociatedResourceArn: "arn:aws:cases:us-west-2:123456789012:domain/d-1/case/c-1", FileId: "f-1" };

describe("a stalled server (real HTTP)", () => {
  let server: Server;
  let endpoint: string;
  let respond: (res: ServerResponse) => void;
  let requests = 0;
  const sockets = new Set<Socket>();

  beforeAll(async () => {
    server = createServer((req, res) => {
      req.resume();
      req.on("end", () => {
        requests++;
        respond(res);
      });
    });
    server.on("connection", (socket) => {
      sockets.add(socket);
      socket.on("close", () => sockets.delete(socket));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  const make = (extra: Partial<ConnectClientConfig> = {}) =>
    new ConnectClient({ region: "us-west-2", endpoint, credentials, retryStrategy: new ConfiguredRetryStrategy(2, 1), ...extra });

  /** The status line and headers, then nothing more. */
  const stallAfterHeaders = (res: ServerResponse) => {
    res.writeHead(200, { "content-type": "application/json", "content-length": "100" });
    res.flushHeaders();
  };
  /** Half a body, then nothing more. */
  const stallMidBody = (res: ServerResponse) => {
    res.writeHead(200, { "content-type": "application/json", "content-length": "100" });
    res.write('{"FileId":"f-1","FileSt');
  };

  for (const [what, stall] of [
    ["after the headers", stallAfterHeaders],
    ["in the middle of the body", stallMidBody],
  ] as const) {
    it(
      `fails each attempt past requestTimeout with a TimeoutError carrying $metadata, retried, when the server stalls ${what}`,
      async () => {
        respond = stall;
        requests = 0;
        // Long enough that a busy machine still delivers each attempt's request to the server in
        // time (it is a hang guard for the attempt, not a measurement).
        const c = make({ requestTimeout: 3000 });
        const error = (await c.send(new StartAttachedFileUploadCommand(sampleInput)).catch((e: unknown) => e)) as TimeoutError;
        c.destroy();
        expect(error).toBeInstanceOf(TimeoutError);
        expect(error.name).toBe("TimeoutError");
        expect(error.message).toContain("requestTimeout (3000 ms)");
        // Retried as a transient error: two attempts, both counted in $metadata.
        expect(error.$metadata.attempts).toBe(2);
        expect(requests).toBe(2);
      },
      GUARD,
    );
  }

  it(
    "ends a connection that falls silent mid-body with the socket timeout when there is no requestTimeout",
    async () => {
      respond = stallMidBody;
      requests = 0;
      const c = make({ requestHandler: { socketTimeout: 300 }, maxAttempts: 1, retryStrategy: undefined });
      const error = (await c.send(new StartAttachedFileUploadCommand(sampleInput)).catch((e: unknown) => e)) as TimeoutError;
      c.destroy();
      expect(error).toBeInstanceOf(TimeoutError);
      expect(error.$metadata).toBeDefined();
      expect(requests).toBe(1);
    },
    GUARD,
  );

  it("gives the default handler a socket timeout of two minutes, so a silent connection ends without requestTimeout or an abort signal", async () => {
    respond = (res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end('{"FileId":"f-1"}');
    };
    const c = make();
    await c.send(new StartAttachedFileUploadCommand(sampleInput));
    expect((c.config.requestHandler as unknown as { httpHandlerConfigs(): Record<string, unknown> }).httpHandlerConfigs().socketTimeout).toBe(120_000);
    c.destroy();
    const off = make({ requestHandler: { socketTimeout: 0 } });
    expect((off.config.requestHandler as unknown as { httpHandlerConfigs(): Record<string, unknown> }).httpHandlerConfigs().socketTimeout).toBe(0);
  });

  it(
    "classifies throttling from two x-amzn-errortype headers (comma-joined) and retries it",
    async () => {
      requests = 0;
      respond = (res) => {
        if (requests === 1) {
          res.setHeader("x-amzn-errortype", ["ThrottlingException:http://internal.amazon.com/coral/com.amazon.coral.service/", "ThrottlingException"]);
          res.writeHead(429, { "content-type": "application/json" });
          res.end('{"Message":"slow down"}');
        } else {
          res.writeHead(200, { "content-type": "application/json" });
          res.end('{"FileId":"f-2"}');
        }
      };
      const c = make();
      const out = await c.send(new StartAttachedFileUploadCommand(sampleInput));
      c.destroy();
      expect(out.FileId).toBe("f-2");
      expect(out.$metadata.attempts).toBe(2);

      requests = 10;
      respond = (res) => {
        res.setHeader("x-amzn-errortype", ["ThrottlingException", "ThrottlingException"]);
        res.writeHead(429, { "content-type": "application/json" });
        res.end("{}");
      };
      const d = make({ maxAttempts: 1, retryStrategy: undefined });
      const error = await d.send(new StartAttachedFileUploadCommand(sampleInput)).catch((e: unknown) => e);
      d.destroy();
      expect(error).toBeInstanceOf(ThrottlingException);
    },
    GUARD,
  );
});

describe("pre-signed URLs never reach a logger", () => {
  const SECRET = "0123456789abcdefSIGNATURE";
  const TOKEN = "FQoGZXIvYXdzEXAMPLETOKEN";
  const presigned = `https://bucket.s3.us-west-2.amazonaws.com/f-1?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIDEXAMPLE%2F20261125%2Fus-west-2%2Fs3%2Faws4_request&X-Amz-Date=20261125T120000Z&X-Amz-Expires=300&X-Amz-Security-Token=${TOKEN}&X-Amz-SignedHeaders=host&X-Amz-Signature=${SECRET}`;
  const leaks = (text: string) => text.includes(SECRET) || text.includes(TOKEN) || text.includes("AKIDEXAMPLE%2F");

  it("redacts X-Amz-Signature, X-Amz-Credential and X-Amz-Security-Token, also URL-encoded", () => {
    const redacted = redactPresignedUrls(`see ${presigned} and ${encodeURIComponent(presigned)}`);
    expect(leaks(redacted)).toBe(false);
    expect(redacted).toContain("X-Amz-Signature=***");
    expect(redacted).toContain("X-Amz-Date=20261125T120000Z");
  });

  it("across all five operations, results and errors, at every level", async () => {
    const records: string[] = [];
    const capture = (level: string) => (...args: unknown[]) => records.push(`${level} ${inspect(args, { depth: Infinity, showHidden: false })} ${JSON.stringify(args, (_k, v) => (v instanceof Error ? { ...v, message: v.message } : v))}`);
    const logger = { trace: capture("trace"), debug: capture("debug"), info: capture("info"), warn: capture("warn"), error: capture("error") };
    const file = {
      FileArn: "arn:aws:connect:us-west-2:123456789012:instance/inst-1/file/f-1",
      FileId: "f-1",
      CreationTime: "2026-11-25T12:00:00Z",
      FileStatus: "APPROVED",
      FileName: `copy of ${presigned}`,
      FileSizeInBytes: 3,
      Tags: { source: presigned },
    };
    const handler = new CapturingHandler(
      // Start: the upload URL (modelled @sensitive through the config's trait overlay).
      json(200, { FileId: "f-1", UploadUrlMetadata: { Url: presigned, UrlExpiry: "2026-11-25T12:05:00Z", HeadersToInclude: { "x-amz-meta-a": "1" } } }),
      // Complete: empty output.
      json(200, {}),
      // Get: the download URL (@sensitive), and a URL where the model does not expect one.
      json(200, { ...file, DownloadUrlMetadata: { Url: presigned, UrlExpiry: "2026-11-25T12:05:00Z" } }),
      // Delete: empty output.
      json(200, {}),
      // BatchGet: URLs in members that are not @sensitive.
      json(200, { Files: [file], Errors: [{ ErrorCode: "x", ErrorMessage: `expired: ${presigned}`, FileId: "f-2" }] }),
      // Errors: a service error whose message quotes the URL, and a response of the wrong type quoting it.
      json(400, { Message: `The URL ${presigned} has expired`, Reason: { AttachedFileInvalidRequestExceptionReason: "INVALID_FILE_SIZE" } }, { "x-amzn-errortype": "InvalidRequestException" }),
      json(200, { FileId: { url: presigned } }),
      new Error(`connect ECONNREFUSED while fetching ${presigned}`),
    );
    const c = client(handler, { logger, maxAttempts: 1, retryStrategy: undefined });
    const start = await c.send(new StartAttachedFileUploadCommand(sampleInput));
    // The caller still gets the URL itself.
    expect(start.UploadUrlMetadata?.Url).toBe(presigned);
    await c.send(new CompleteAttachedFileUploadCommand(fileIds));
    const got = await c.send(new GetAttachedFileCommand({ ...fileIds, UrlExpiryInSeconds: 60 }));
    expect(got.DownloadUrlMetadata?.Url).toBe(presigned);
    await c.send(new DeleteAttachedFileCommand(fileIds));
    await c.send(new BatchGetAttachedFileMetadataCommand({ InstanceId: "inst-1", AssociatedResourceArn: fileIds.AssociatedResourceArn, FileIds: ["f-1", "f-2"] }));
    const errors: unknown[] = [];
    for (let i = 0; i < 3; i++) errors.push(await c.send(new GetAttachedFileCommand({ ...fileIds, UrlExpiryInSeconds: 60 })).catch((e: unknown) => e));

    const info = records.filter((r) => r.startsWith("info"));
    expect(info).toHaveLength(5);
    expect(records.filter((r) => r.startsWith("error"))).toHaveLength(3);
    for (const record of records) expect(leaks(record), record).toBe(false);
    // The @sensitive members are replaced as a whole.
    expect(info[0]).toContain("***SensitiveInformation***");
    expect(info[2]).toContain("***SensitiveInformation***");
    // Nor do the error messages the caller gets carry a signature.
    for (const error of errors) expect(leaks(String((error as Error).message)), String(error)).toBe(false);
  });
});

describe("a 2xx response of the wrong types", () => {
  const ok = {
    Files: [{ FileArn: "arn:f-1", FileId: "f-1", CreationTime: "t", FileStatus: "APPROVED", FileName: "a", FileSizeInBytes: 3, Tags: { a: "b" } }],
  };
  const batch = { InstanceId: "inst-1", AssociatedResourceArn: "arn:aws:cases:x", FileIds: ["f-1"] };

  it("is a typed DeserializationError naming the member, keeping status and raw body; nothing is coerced", async () => {
    const body = JSON.stringify({ Files: [{ ...ok.Files[0], Tags: "s" }] });
    const handler = new CapturingHandler({ statusCode: 200, headers: { "content-type": "application/json", "x-amzn-requestid": "r-1" }, body });
    const error = (await client(handler).send(new BatchGetAttachedFileMetadataCommand(batch)).catch((e: unknown) => e)) as ConnectServiceException & { path?: string };
    expect(error).toBeInstanceOf(ConnectServiceException);
    expect(error.name).toBe("DeserializationError");
    expect(error.$fault).toBe("client");
    expect(error.path).toBe("AttachedFile.Tags");
    expect(error.message).toContain("AttachedFile.Tags");
    expect(error.$metadata.httpStatusCode).toBe(200);
    expect(error.$metadata.requestId).toBe("r-1");
    expect(error.$response?.statusCode).toBe(200);
    expect(error.$response?.body).toBe(body);
    // Not retried: the same answer would come back.
    expect(handler.requests).toHaveLength(1);
  });

  it("never lets a TypeError or RangeError escape send()", async () => {
    const f = ok.Files[0]!;
    const hostile: unknown[] = [
      [],
      "text",
      42,
      null,
      { Files: "s" },
      { Files: { a: 1 } },
      { Files: [5] },
      { Files: ["s"] },
      { Files: [{ ...f, Tags: [1, 2] }] },
      { Files: [{ ...f, Tags: { a: 5 } }] },
      { Files: [{ ...f, FileSizeInBytes: "big" }] },
      { Files: [{ ...f, FileSizeInBytes: 1.5 }] },
      { Files: [{ ...f, FileName: { a: 1 } }] },
      { Files: [{ ...f, CreatedBy: "me" }] },
      { Files: [{ ...f, CreatedBy: [] }] },
      { Files: [{ ...f, CreatedBy: {} }] },
      { Errors: [{ FileId: 1 }] },
    ];
    for (const value of hostile) {
      const body = JSON.stringify(value);
      const handler = new CapturingHandler({ statusCode: 200, headers: { "content-type": "application/json" }, body });
      const result = await client(handler).send(new BatchGetAttachedFileMetadataCommand(batch)).then(
        (output) => ({ output }),
        (error: unknown) => ({ error }),
      );
      if ("output" in result) {
        // Only `null` (an empty document) may pass: nothing in it to read.
        expect(body).toBe("null");
        continue;
      }
      const error = result.error as ConnectServiceException;
      expect(error, body).toBeInstanceOf(ConnectServiceException);
      expect(error.name, body).toBe("DeserializationError");
      expect(error.$fault).toBe("client");
      expect(error.$response?.body, body).toBe(body);
    }
  });

  it("reads a union whose only key is unknown as $unknown, even with a null value", async () => {
    for (const [createdBy, expected] of [
      [{ SomethingNew: null }, ["SomethingNew", null]],
      [{ SomethingNew: { a: 1 } }, ["SomethingNew", { a: 1 }]],
      [{ ConnectUserArn: null, SomethingNew: "x" }, ["SomethingNew", "x"]],
    ] as const) {
      const handler = new CapturingHandler(json(200, { FileId: "f-1", CreatedBy: createdBy }));
      const out = await client(handler).send(new GetAttachedFileCommand({ ...fileIds, UrlExpiryInSeconds: 60 }));
      expect(out.CreatedBy).toEqual({ $unknown: expected });
    }
  });
});

describe("hostile Regions and transport errors", () => {
  const hostile = `us-west-2\u001b[31m\r\nX-Injected: 1${"x".repeat(5000)}`;

  it("a Region that is not a host label is a RegionError that echoes no control character and at most ~200 characters", async () => {
    const error = (await client(new CapturingHandler(json(200, {})), { region: hostile }).send(new StartAttachedFileUploadCommand(sampleInput)).catch((e: unknown) => e)) as Error;
    expect(error).toBeInstanceOf(RegionError);
    expect(error.name).toBe("RegionError");
    expect(error.message).not.toMatch(/[\u0000-\u001f\u007f]/);
    expect(error.message.length).toBeLessThan(300);
  });

  it("a transport failure is a TransportError with the platform's code, its message escaped and cut short, retried when transient", async () => {
    const cause = Object.assign(new Error(`socket hang up \u0000\u001b[2J ${hostile}`), { code: "ECONNRESET" });
    const handler = new CapturingHandler(cause);
    const error = (await client(handler).send(new StartAttachedFileUploadCommand(sampleInput)).catch((e: unknown) => e)) as TransportError;
    expect(error).toBeInstanceOf(TransportError);
    expect(error.code).toBe("ECONNRESET");
    expect(error.cause).toBe(cause);
    expect(error.message).not.toMatch(/[\u0000-\u001f\u007f]/);
    expect(error.message.length).toBeLessThan(300);
    expect(error.$metadata.attempts).toBe(3);
    expect(handler.requests).toHaveLength(3);
  });

  it("a real connection refused is a TransportError", async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const port = (server.address() as AddressInfo).port;
    await new Promise<void>((resolve) => server.close(() => resolve()));
    const c = new ConnectClient({ region: "us-west-2", endpoint: `http://127.0.0.1:${port}`, credentials, maxAttempts: 1 });
    const error = (await c.send(new StartAttachedFileUploadCommand(sampleInput)).catch((e: unknown) => e)) as TransportError;
    c.destroy();
    expect(error).toBeInstanceOf(TransportError);
    expect(error.code).toBe("ECONNREFUSED");
  }, GUARD);
});
