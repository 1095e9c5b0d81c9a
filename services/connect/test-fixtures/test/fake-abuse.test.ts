// The fake's endpoints against abusive or unlucky clients (issue 10, items 15, 16 and 18): aborted
// uploads leak nothing, slow clients are cut off, large or unsigned bodies are refused unread, the
// records of requests stay bounded, deleted files stay deleted, close() cleans up, and a malformed
// body is answered as one.
import { once } from "node:events";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { type Socket, connect } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { CompleteAttachedFileUploadCommand, ConnectClient, DeleteAttachedFileCommand, GetAttachedFileCommand, StartAttachedFileUploadCommand } from "@connect-sdk/client-connect";
import { DEFAULT_MAX_RECORDED_CALLS, type FakeConnect, MAX_REJECTIONS, startFakeConnect } from "@connect-sdk/test-fixtures-connect";
import { HttpRequest } from "@smithy/core/protocols";
import { Hash } from "@smithy/hash-node";
import { SignatureV4 } from "@smithy/signature-v4";
import { describe, expect, it } from "vitest";
import { FILE_INPUT, put } from "./helpers.js";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls `condition` until it holds; gives up (returning false) after a generous hang guard. */
async function until(condition: () => boolean, guardMs = 60_000): Promise<boolean> {
  const end = Date.now() + guardMs;
  while (!condition()) {
    if (Date.now() > end) return false;
    await sleep(5);
  }
  return true;
}

/** Every file under `dir`, relative to it. */
const filesUnder = (dir: string) =>
  existsSync(dir) ? (readdirSync(dir, { recursive: true, withFileTypes: true }) as import("node:fs").Dirent[]).filter((d) => d.isFile()).map((d) => join(d.parentPath ?? d.path, d.name)) : [];
const partials = (fake: FakeConnect) => filesUnder(fake.uploads.directory).filter((f) => f.includes(".part-"));

/** A raw connection: what the server answers (status and head) and whether it closed the connection. */
interface Raw {
  socket: Socket;
  /** Resolves with the status line and headers as soon as they have arrived. */
  head: Promise<{ status: number; head: string }>;
  /** Resolves when the server closes the connection. */
  closed: Promise<string>;
}

async function open(endpoint: string): Promise<Raw> {
  const url = new URL(endpoint);
  const socket = connect(Number(url.port), url.hostname);
  await once(socket, "connect");
  let received = "";
  let gotHead: (value: { status: number; head: string }) => void;
  const head = new Promise<{ status: number; head: string }>((r) => (gotHead = r));
  socket.on("data", (chunk: Buffer) => {
    received += chunk.toString("latin1");
    const end = received.indexOf("\r\n\r\n");
    if (end >= 0) gotHead({ status: Number(/^HTTP\/1\.1 (\d{3})/.exec(received)?.[1] ?? 0), head: received.slice(0, end) });
  });
  // A reset is also an end of the connection.
  socket.on("error", () => undefined);
  const closed = new Promise<string>((r) => socket.on("close", () => r(received)));
  return { socket, head, closed };
}

/** Resolves with the value, or "hang" when the guard runs out first. */
const guarded = <T>(promise: Promise<T>, guardMs = 60_000) => Promise.race([promise, sleep(guardMs).then(() => "hang" as const)]);

function requestHead(method: string, url: string, headers: Record<string, string>): string {
  const u = new URL(url);
  return `${method} ${u.pathname}${u.search} HTTP/1.1\r\nhost: ${u.host}\r\n${Object.entries(headers).map(([k, v]) => `${k}: ${v}\r\n`).join("")}\r\n`;
}

async function withFake<T>(options: Parameters<typeof startFakeConnect>[0], body: (fake: FakeConnect, client: ConnectClient) => Promise<T>): Promise<T> {
  const fake = await startFakeConnect(options);
  const client = new ConnectClient({ ...fake.clientConfig, maxAttempts: 1 });
  try {
    return await body(fake, client);
  } finally {
    client.destroy();
    await fake.close({ removeFiles: true });
  }
}

describe("aborted uploads", () => {
  it.skipIf(!existsSync("/proc/self/fd"))("300 PUTs aborted mid-body leave no file descriptor open (no EMFILE under a low ulimit)", { timeout: 300_000 }, async () => {
    await withFake({}, async (fake, client) => {
      const size = 256 * 1024;
      const { UploadUrlMetadata } = await client.send(new StartAttachedFileUploadCommand({ ...FILE_INPUT, FileSizeInBytes: size }));
      const url = UploadUrlMetadata!.Url!;
      const head = requestHead("PUT", url, { ...UploadUrlMetadata!.HeadersToInclude, "content-length": String(size) });
      const fds = () => readdirSync("/proc/self/fd").length;
      const before = fds();
      for (let i = 0; i < 300; i++) {
        const raw = await open(url);
        raw.socket.write(head);
        raw.socket.write(Buffer.alloc(16 * 1024, 1));
        // Abort once the fake is writing the bytes to a file.
        expect(await until(() => partials(fake).length > 0)).toBe(true);
        raw.socket.destroy();
        expect(await until(() => partials(fake).length === 0)).toBe(true);
      }
      // Closing is asynchronous: wait (with a hang guard) for the count to settle. Before the fix,
      // every aborted PUT kept its file open: 300 more descriptors, for good.
      await until(() => fds() <= before + 10, 30_000);
      expect(fds() - before).toBeLessThanOrEqual(10);
      // The endpoint still works.
      const content = Buffer.alloc(size, 7);
      expect((await put(url, { ...UploadUrlMetadata!.HeadersToInclude, "content-length": String(size) }, content)).status).toBe(200);
    });
  });
});

describe("slow clients", () => {
  it.each([
    ["the service", (fake: FakeConnect) => `${fake.endpoint}/attached-files/x`],
    ["the S3 endpoint", (fake: FakeConnect) => `${fake.uploads.endpoint}/any`],
  ])("%s closes a connection whose headers do not arrive in headersTimeoutMs (408)", { timeout: 120_000 }, async (_name, target) => {
    await withFake({ headersTimeoutMs: 1_000 }, async (fake) => {
      const url = target(fake);
      const raw = await open(url);
      raw.socket.write(`GET ${new URL(url).pathname} HTTP/1.1\r\nhost: ${new URL(url).host}\r\nx-stalled: `);
      // Node's default would wait 60 s and check every 30 s; the guard is far below that and far above 1 s.
      const received = await guarded(raw.closed, 45_000);
      raw.socket.destroy();
      expect(received).not.toBe("hang");
      expect(received).toMatch(/^HTTP\/1\.1 408/);
    });
  });

  it("refuses timeouts that are not positive whole numbers", async () => {
    await expect(startFakeConnect({ headersTimeoutMs: 0 })).rejects.toThrow(/headersTimeoutMs must be a whole number of milliseconds above 0/);
    await expect(startFakeConnect({ requestTimeoutMs: Number.NaN })).rejects.toThrow(/requestTimeoutMs must be/);
  });
});

describe("request bodies", () => {
  const SERVICE_PATH = `/attached-files/${FILE_INPUT.InstanceId}?associatedResourceArn=x`;

  it("a declared body over maxRequestBodyBytes is answered 413 without being read", { timeout: 120_000 }, async () => {
    await withFake({ maxRequestBodyBytes: 1024 }, async (fake) => {
      const raw = await open(fake.endpoint);
      raw.socket.write(requestHead("PUT", `${fake.endpoint}${SERVICE_PATH}`, { "content-type": "application/json", "content-length": String(1 << 30) }));
      raw.socket.write(Buffer.alloc(64 * 1024, 32));
      const answer = await guarded(raw.head);
      raw.socket.destroy();
      expect(answer).not.toBe("hang");
      expect((answer as { status: number }).status).toBe(413);
      expect((answer as { head: string }).head).toMatch(/x-amzn-errortype: RequestEntityTooLargeException/i);
      expect(fake.calls.at(-1)?.status).toBe(413);
    });
  });

  it("a chunked body that grows past maxRequestBodyBytes is answered 413", { timeout: 120_000 }, async () => {
    await withFake({ maxRequestBodyBytes: 1024, verifySignatures: false }, async (fake) => {
      const raw = await open(fake.endpoint);
      raw.socket.write(requestHead("PUT", `${fake.endpoint}${SERVICE_PATH}`, { "content-type": "application/json", "transfer-encoding": "chunked" }));
      raw.socket.write(`800\r\n${" ".repeat(0x800)}\r\n`);
      const answer = await guarded(raw.head);
      raw.socket.destroy();
      expect(answer).not.toBe("hang");
      expect((answer as { status: number }).status).toBe(413);
    });
  });

  it("the default limit is 10 MiB, and a body within it is read", async () => {
    await withFake({}, async (fake) => {
      const reply = await fake.sendRaw("StartAttachedFileUpload", { ...FILE_INPUT }, { body: JSON.stringify({ ...FILE_INPUT, pad: "x".repeat(2 * 1024 * 1024) }) });
      expect(reply.statusCode).toBe(200);
    });
  });
});

describe("the signature is checked before the body is read", () => {
  // 5 MiB declared (within the body limit), 64 KiB sent: an answer can only come before the body is read.
  const DECLARED = 5 * 1024 * 1024;
  const path = `/attached-files/${FILE_INPUT.InstanceId}?associatedResourceArn=${encodeURIComponent(FILE_INPUT.AssociatedResourceArn)}`;

  async function answerTo(fake: FakeConnect, headers: Record<string, string>) {
    const raw = await open(fake.endpoint);
    raw.socket.write(requestHead("PUT", `${fake.endpoint}${path}`, { "content-type": "application/json", "content-length": String(DECLARED), ...headers }));
    raw.socket.write(Buffer.alloc(64 * 1024, 32));
    const answer = await guarded(raw.head);
    raw.socket.destroy();
    expect(answer).not.toBe("hang");
    return answer as { status: number; head: string };
  }

  async function signedHeaders(fake: FakeConnect, secretAccessKey: string): Promise<Record<string, string>> {
    const url = new URL(fake.endpoint);
    const signer = new SignatureV4({ credentials: { ...fake.credentials, secretAccessKey }, region: fake.region, service: "connect", sha256: Hash.bind(null, "sha256"), uriEscapePath: true });
    const signed = await signer.sign(
      new HttpRequest({
        protocol: "http:",
        hostname: url.hostname,
        port: Number(url.port),
        method: "PUT",
        path: `/attached-files/${FILE_INPUT.InstanceId}`,
        query: { associatedResourceArn: FILE_INPUT.AssociatedResourceArn },
        headers: { host: url.host, "content-type": "application/json", "content-length": String(DECLARED), "x-amz-content-sha256": "a".repeat(64) },
      }),
      { signingDate: fake.clock.now() },
    );
    const { host: _host, "content-length": _length, "content-type": _type, ...rest } = signed.headers as Record<string, string>;
    return rest;
  }

  it("an unsigned request: 403 MissingAuthenticationTokenException", { timeout: 120_000 }, async () => {
    await withFake({}, async (fake) => {
      const answer = await answerTo(fake, {});
      expect(answer.status).toBe(403);
      expect(answer.head).toMatch(/x-amzn-errortype: MissingAuthenticationTokenException/i);
    });
  });

  it("a request signed with the wrong secret over a declared payload hash: 403 InvalidSignatureException", { timeout: 120_000 }, async () => {
    await withFake({}, async (fake) => {
      const answer = await answerTo(fake, await signedHeaders(fake, "not-the-secret"));
      expect(answer.status).toBe(403);
      expect(answer.head).toMatch(/x-amzn-errortype: InvalidSignatureException/i);
    });
  });

  it("a well-signed request whose body does not match its declared hash is still refused once read", async () => {
    await withFake({}, async (fake) => {
      const reply = await fake.sendRaw("StartAttachedFileUpload", { ...FILE_INPUT }, { afterSigning: (r) => void (r.body = String(r.body).replace("invoice.pdf", "invoice.pdX")) });
      expect(reply.statusCode).toBe(403);
      expect(reply.errorCode).toBe("InvalidSignatureException");
    });
  });

  it("the S3 endpoint refuses a badly signed PUT of 1 GiB without reading it", { timeout: 120_000 }, async () => {
    await withFake({}, async (fake, client) => {
      const { UploadUrlMetadata } = await client.send(new StartAttachedFileUploadCommand({ ...FILE_INPUT }));
      const url = new URL(UploadUrlMetadata!.Url!);
      url.searchParams.set("X-Amz-Signature", "0".repeat(64));
      const raw = await open(url.href);
      raw.socket.write(requestHead("PUT", url.href, { ...UploadUrlMetadata!.HeadersToInclude, "content-length": String(1 << 30) }));
      raw.socket.write(Buffer.alloc(64 * 1024, 1));
      const answer = await guarded(raw.head);
      raw.socket.destroy();
      expect(answer).not.toBe("hang");
      expect((answer as { status: number }).status).toBe(403);
      expect((answer as { head: string }).head).toMatch(/connection: close/i);
    });
  });
});

describe("records of requests", () => {
  it("keep the latest maxRecordedCalls", async () => {
    await withFake({ maxRecordedCalls: 5 }, async (fake) => {
      for (let i = 0; i < 12; i++) await fake.sendRaw("GetAttachedFile", { InstanceId: FILE_INPUT.InstanceId, FileId: `f-${i}`, AssociatedResourceArn: FILE_INPUT.AssociatedResourceArn, UrlExpiryInSeconds: 60 });
      expect(fake.calls).toHaveLength(5);
      expect(fake.calls.map((c) => c.path.split("/").pop())).toEqual(["f-7", "f-8", "f-9", "f-10", "f-11"]);
    });
    expect(DEFAULT_MAX_RECORDED_CALLS).toBe(10_000);
  });

  it("an upload slot keeps the latest MAX_REJECTIONS refusals", { timeout: 120_000 }, async () => {
    await withFake({}, async (fake, client) => {
      const started = await client.send(new StartAttachedFileUploadCommand({ ...FILE_INPUT }));
      const upload = started.UploadUrlMetadata!;
      for (let i = 0; i < MAX_REJECTIONS + 20; i++) expect((await put(upload.Url!, { "content-length": "11" }, Buffer.from("hello world"))).status).toBe(403);
      expect(fake.state.files.get(started.FileId!)!.upload.rejections).toHaveLength(MAX_REJECTIONS);
    });
  });
});

describe("deleted files leave nothing behind", () => {
  it("a PUT that completes after DeleteAttachedFile stores no bytes and is answered 404 NoSuchUpload", { timeout: 120_000 }, async () => {
    await withFake({}, async (fake, client) => {
      const size = 128 * 1024;
      const started = await client.send(new StartAttachedFileUploadCommand({ ...FILE_INPUT, FileSizeInBytes: size }));
      const upload = started.UploadUrlMetadata!;
      const raw = await open(upload.Url!);
      raw.socket.write(requestHead("PUT", upload.Url!, { ...upload.HeadersToInclude, "content-length": String(size) }));
      raw.socket.write(Buffer.alloc(size / 2, 1));
      expect(await until(() => partials(fake).length > 0)).toBe(true);
      await client.send(new DeleteAttachedFileCommand({ InstanceId: FILE_INPUT.InstanceId, FileId: started.FileId!, AssociatedResourceArn: FILE_INPUT.AssociatedResourceArn }));
      raw.socket.write(Buffer.alloc(size / 2, 2));
      const answer = await guarded(raw.head);
      raw.socket.destroy();
      expect((answer as { status: number }).status).toBe(404);
      expect(filesUnder(fake.uploads.directory)).toEqual([]);
      expect(readdirSync(fake.uploads.directory)).toEqual([]);
    });
  });

  it("DeleteAttachedFile removes the uploaded bytes and their folder", async () => {
    await withFake({}, async (fake, client) => {
      const started = await client.send(new StartAttachedFileUploadCommand({ ...FILE_INPUT }));
      const upload = started.UploadUrlMetadata!;
      expect((await put(upload.Url!, { ...upload.HeadersToInclude, "content-length": "11" }, Buffer.from("hello world"))).status).toBe(200);
      expect(filesUnder(fake.uploads.directory)).toHaveLength(1);
      await client.send(new DeleteAttachedFileCommand({ InstanceId: FILE_INPUT.InstanceId, FileId: started.FileId!, AssociatedResourceArn: FILE_INPUT.AssociatedResourceArn }));
      expect(readdirSync(fake.uploads.directory)).toEqual([]);
    });
  });
});

describe("close()", () => {
  async function uploadOne(fake: FakeConnect): Promise<void> {
    const client = new ConnectClient({ ...fake.clientConfig, maxAttempts: 1 });
    const started = await client.send(new StartAttachedFileUploadCommand({ ...FILE_INPUT }));
    client.destroy();
    const upload = started.UploadUrlMetadata!;
    expect((await put(upload.Url!, { ...upload.HeadersToInclude, "content-length": "11" }, Buffer.from("hello world"))).status).toBe(200);
  }

  it("removes the fake's temporary folder", async () => {
    const fake = await startFakeConnect();
    await uploadOne(fake);
    expect(existsSync(fake.uploads.directory)).toBe(true);
    await fake.close();
    expect(existsSync(fake.uploads.directory)).toBe(false);
  });

  it.each([
    ["keepFiles when started", { keepFiles: true }, undefined],
    ["keepFiles when closing", {}, { keepFiles: true }],
  ])("keeps it with %s", async (_name, startOptions, closeOptions) => {
    const fake = await startFakeConnect(startOptions);
    try {
      await uploadOne(fake);
      await fake.close(closeOptions);
      expect(filesUnder(fake.uploads.directory)).toHaveLength(1);
    } finally {
      await rm(fake.uploads.directory, { recursive: true, force: true });
    }
  });

  it("finishes while a download was cut off half-way (it waits for the requests in flight)", { timeout: 120_000 }, async () => {
    const fake = await startFakeConnect();
    const client = new ConnectClient({ ...fake.clientConfig, maxAttempts: 1 });
    const size = 8 * 1024 * 1024;
    const started = await client.send(new StartAttachedFileUploadCommand({ ...FILE_INPUT, FileSizeInBytes: size }));
    const upload = started.UploadUrlMetadata!;
    expect((await put(upload.Url!, { ...upload.HeadersToInclude, "content-length": String(size) }, Buffer.alloc(size, 3))).status).toBe(200);
    const ids = { InstanceId: FILE_INPUT.InstanceId, FileId: started.FileId!, AssociatedResourceArn: FILE_INPUT.AssociatedResourceArn };
    await client.send(new CompleteAttachedFileUploadCommand(ids));
    const url = (await client.send(new GetAttachedFileCommand({ ...ids, UrlExpiryInSeconds: 60 }))).DownloadUrlMetadata!.Url!;
    client.destroy();
    // A reader that takes the headers, then stops reading (the server blocks on backpressure) and goes away.
    const raw = await open(url);
    raw.socket.write(requestHead("GET", url, {}));
    expect(await guarded(raw.head)).toMatchObject({ status: 200 });
    raw.socket.pause();
    await sleep(200);
    raw.socket.destroy();
    expect(await guarded(fake.close().then(() => "closed"))).toBe("closed");
    expect(existsSync(fake.uploads.directory)).toBe(false);
  });

  it("keeps a storageDirectory it was given, unless removeFiles", async () => {
    const dir = await mkdtemp(join(tmpdir(), "fake-given-"));
    try {
      const fake = await startFakeConnect({ storageDirectory: dir });
      await uploadOne(fake);
      await fake.close();
      expect(filesUnder(dir)).toHaveLength(1);
      const again = await startFakeConnect({ storageDirectory: dir });
      await again.close({ removeFiles: true });
      expect(existsSync(dir)).toBe(false);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe("a malformed JSON body", () => {
  // Smithy's restJson1 malformed-request tests: each body must be a SerializationException.
  const REPO = resolve(__dirname, "../../../..");
  const SHARED = process.env.CONNECT_SDK_SHARED ?? join(REPO, "../shared");
  const tests = JSON.parse(readFileSync(join(SHARED, "smithy/protocol-tests/aws-protocol-tests.json"), "utf8")).shapes["aws.protocoltests.restjson#MalformedRequestBody"].traits[
    "smithy.test#httpMalformedRequestTests"
  ] as { id: string; testParameters?: { value?: string[] } }[];
  const bodies = tests.filter((t) => t.id === "RestJsonInvalidJsonBody" || t.id === "RestJsonTechnicallyValidJsonBody").flatMap((t) => t.testParameters!.value!.map((v) => [t.id, v] as const));

  it("has Smithy's cases to run", () => expect(bodies.length).toBeGreaterThanOrEqual(10));

  it.each(bodies)("%s %j is answered 400 SerializationException, not a member error", async (_id, body) => {
    await withFake({}, async (fake) => {
      const reply = await fake.sendRaw("StartAttachedFileUpload", { ...FILE_INPUT }, { body });
      expect(reply.statusCode).toBe(400);
      expect(reply.errorCode).toBe("SerializationException");
      expect(reply.body).not.toMatch(/must not be null/);
    });
  });

  it("so is a body that is not UTF-8", async () => {
    await withFake({}, async (fake) => {
      const reply = await fake.sendRaw("StartAttachedFileUpload", { ...FILE_INPUT }, { body: Buffer.concat([Buffer.from('{"FileName": "'), Buffer.from([0xff, 0xfe]), Buffer.from('"}')]) });
      expect(reply.statusCode).toBe(400);
      expect(reply.errorCode).toBe("SerializationException");
    });
  });

  it("while well-formed JSON with a wrong member is still a member error", async () => {
    await withFake({}, async (fake) => {
      const reply = await fake.sendRaw("StartAttachedFileUpload", { ...FILE_INPUT }, { body: JSON.stringify({ ...FILE_INPUT, FileName: undefined }) });
      expect(reply.statusCode).toBe(400);
      expect(reply.errorCode).toBe("InvalidRequestException");
      expect(reply.body).toMatch(/FileName/);
    });
  });
});
