/** The client over real HTTP against a local server: round trip, timeouts, abort. */
import { type IncomingMessage, type Server, type ServerResponse, createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { ConfiguredRetryStrategy } from "@smithy/core/retry";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConnectClient, StartAttachedFileUploadCommand, ThrottlingException } from "../src/index.js";

type Route = (req: IncomingMessage, body: string, res: ServerResponse) => void;
let server: Server;
let endpoint: string;
let route: Route;
const seen: { method?: string; url?: string; headers: IncomingMessage["headers"]; body: string }[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      seen.push({ method: req.method, url: req.url, headers: req.headers, body });
      route(req, body, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const input = { InstanceId: "i-1", AssociatedResourceArn: "arn:aws:cases:x", FileName: "a.txt", FileSizeInBytes: 3, FileUseCaseType: "ATTACHMENT" as const };
const credentials = { accessKeyId: "AKID", secretAccessKey: "SECRET" };
const make = (extra: Record<string, unknown> = {}) =>
  new ConnectClient({ region: "us-west-2", endpoint, credentials, retryStrategy: new ConfiguredRetryStrategy(3, 1), ...extra });

describe("over real HTTP", () => {
  it("round-trips a request through Node's HTTP stack", async () => {
    seen.length = 0;
    route = (_req, _body, res) => {
      res.writeHead(200, { "content-type": "application/json", "x-amzn-requestid": "srv-1" });
      res.end(JSON.stringify({ FileId: "f-9", UploadUrlMetadata: { Url: "http://s3.local/x", HeadersToInclude: { "content-type": "text/plain" } } }));
    };
    const c = make();
    const out = await c.send(new StartAttachedFileUploadCommand(input));
    c.destroy();
    expect(out.FileId).toBe("f-9");
    expect(out.$metadata.requestId).toBe("srv-1");
    expect(seen[0]?.method).toBe("PUT");
    expect(seen[0]?.url).toBe("/attached-files/i-1?associatedResourceArn=arn%3Aaws%3Acases%3Ax");
    expect(seen[0]?.headers.host).toBe(new URL(endpoint).host);
    expect(JSON.parse(seen[0]!.body)).toMatchObject({ FileName: "a.txt", FileSizeInBytes: 3 });
    expect(seen[0]?.headers.authorization).toMatch(/SignedHeaders=.*host/);
  });

  it("retries a throttled call over the wire and reports it in $metadata", async () => {
    let n = 0;
    route = (_req, _body, res) => {
      if (++n === 1) {
        res.writeHead(429, { "x-amzn-errortype": "ThrottlingException", "content-type": "application/json" });
        res.end('{"Message":"slow down"}');
      } else {
        res.writeHead(200, { "content-type": "application/json" });
        res.end('{"FileId":"f-2"}');
      }
    };
    const out = await make().send(new StartAttachedFileUploadCommand(input));
    expect(out.$metadata.attempts).toBe(2);
  });

  it("fails an attempt that exceeds requestTimeout, then gives up with the last error", async () => {
    route = () => {
      /* never answers */
    };
    const c = make({ requestTimeout: 150, retryStrategy: new ConfiguredRetryStrategy(2, 1) });
    // Without the timeout this would hang until vitest's own timeout fails the test.
    const error = (await c.send(new StartAttachedFileUploadCommand(input)).catch((e: unknown) => e)) as Error & { $metadata?: { attempts?: number } };
    c.destroy();
    expect(error.name).toBe("TimeoutError");
    expect(error.$metadata?.attempts).toBe(2);
  });

  it("stops at once when the abortSignal fires, without retrying", async () => {
    seen.length = 0;
    route = () => {
      /* never answers */
    };
    const controller = new AbortController();
    const c = make();
    const pending = c.send(new StartAttachedFileUploadCommand(input), { abortSignal: controller.signal });
    setTimeout(() => controller.abort(), 100);
    const error = (await pending.catch((e: unknown) => e)) as Error;
    c.destroy();
    expect(error.name).toBe("AbortError");
    expect(seen.length).toBeLessThanOrEqual(1);
  });

  it("surfaces a modelled error from a real response", async () => {
    route = (_req, _body, res) => {
      res.writeHead(429, { "x-amzn-errortype": "ThrottlingException", "content-type": "application/json" });
      res.end('{"Message":"still slow"}');
    };
    const error = await make({ retryStrategy: new ConfiguredRetryStrategy(1, 1) })
      .send(new StartAttachedFileUploadCommand(input))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ThrottlingException);
    expect((error as ThrottlingException).Message).toBe("still slow");
  });
});
