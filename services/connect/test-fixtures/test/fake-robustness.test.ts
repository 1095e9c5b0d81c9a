// The fake's edges: a start that fails leaves nothing behind, upload URLs survive file names and
// instance ids with dot segments without writing outside the storage folder, and a misspelt
// operation name is refused wherever a test can give one.
import { mkdtemp, readFile, readdir, realpath, rm } from "node:fs/promises";
import { createServer } from "node:net";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join, relative, sep } from "node:path";
import { ConnectClient, StartAttachedFileUploadCommand } from "@connect-sdk/client-connect";
import { FakeServiceStartError, MockConnectHandler, UnknownOperationError, startFakeConnect } from "@connect-sdk/test-fixtures-connect";
import { describe, expect, it } from "vitest";
import { FILE_INPUT, put } from "./helpers.js";

const OPERATIONS = ["BatchGetAttachedFileMetadata", "CompleteAttachedFileUpload", "DeleteAttachedFile", "GetAttachedFile", "StartAttachedFileUpload"];

const listeningServers = () => process.getActiveResourcesInfo().filter((r) => r === "TCPServerWrap").length;

describe("a fake that cannot start", () => {
  it.each([
    ["port", (busy: number) => ({ port: busy })],
    ["uploadPort", (busy: number) => ({ uploadPort: busy })],
  ])("rejects a %s in use with FakeServiceStartError, leaving no server and no temp folder", async (_name, options) => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, "127.0.0.1", resolve));
    const busy = (blocker.address() as AddressInfo).port;
    // The fake makes its folder in the OS temp folder: point that at an empty one of our own.
    const temp = await mkdtemp(join(tmpdir(), "fake-start-"));
    const saved = process.env.TMPDIR;
    process.env.TMPDIR = temp;
    const servers = listeningServers();
    try {
      const error = await startFakeConnect(options(busy)).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(FakeServiceStartError);
      expect((error as FakeServiceStartError).code).toBe("EADDRINUSE");
      expect((error as Error).message).toContain(`127.0.0.1:${busy}: the port is in use`);
      expect(listeningServers()).toBe(servers);
      expect(await readdir(temp)).toEqual([]);
    } finally {
      process.env.TMPDIR = saved;
      if (saved === undefined) delete process.env.TMPDIR;
      blocker.close();
      await rm(temp, { recursive: true, force: true });
    }
  });

  it.each([Number.NaN, -1, 65536, 1.5])("rejects port %s before starting anything", async (port) => {
    const servers = listeningServers();
    const error = await startFakeConnect({ port }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FakeServiceStartError);
    expect((error as Error).message).toMatch(/^port must be a whole number from 0 to 65535/);
    expect(listeningServers()).toBe(servers);
  });
});

describe("fake S3 upload URLs", () => {
  it.each([
    [".", FILE_INPUT.InstanceId],
    ["..", FILE_INPUT.InstanceId],
    ["../evil.txt", FILE_INPUT.InstanceId],
    ["a/../b.txt", FILE_INPUT.InstanceId],
    ["a/./b.txt", FILE_INPUT.InstanceId],
    ["invoice.pdf", ".."],
    ["invoice.pdf", "."],
    ["../../evil.txt", ".."],
  ])("take the upload of file name %j in instance %j, and keep its bytes in the storage folder", async (fileName, instanceId) => {
    const fake = await startFakeConnect();
    const client = new ConnectClient({ ...fake.clientConfig, maxAttempts: 1 });
    try {
      const content = Buffer.from("hello world");
      const started = await client.send(new StartAttachedFileUploadCommand({ ...FILE_INPUT, InstanceId: instanceId, FileName: fileName, FileSizeInBytes: content.length }));
      const upload = started.UploadUrlMetadata!;
      const reply = await put(upload.Url!, { ...upload.HeadersToInclude, "content-length": String(content.length) }, content);
      expect(reply.body).toBe("");
      expect(reply.status).toBe(200);
      const stored = fake.state.files.get(started.FileId!)!.upload.path!;
      const inside = relative(await realpath(fake.uploads.directory), await realpath(stored));
      expect(inside.startsWith(`..${sep}`) || inside === "..").toBe(false);
      expect(await readFile(stored)).toEqual(content);
      // The object keeps its key (with the file name as given).
      expect(fake.uploads.list().map((s) => s.key)).toEqual([`${instanceId}/${started.FileId}/${fileName}`]);
    } finally {
      client.destroy();
      await fake.close({ removeFiles: true });
    }
  });
});

describe("unknown operation names", () => {
  const expectUnknown = (error: unknown, name: string) => {
    expect(error).toBeInstanceOf(UnknownOperationError);
    expect((error as UnknownOperationError).operation).toBe(name);
    expect((error as UnknownOperationError).known).toEqual(OPERATIONS);
    expect((error as Error).message).toBe(`Unknown operation ${JSON.stringify(name)}; the operations are: ${OPERATIONS.join(", ")}.`);
  };

  it("are refused by sendRaw, fault rules and the mock handler, naming the known operations", async () => {
    const fake = await startFakeConnect();
    try {
      expectUnknown(await fake.sendRaw("Nope", {}).catch((e: unknown) => e), "Nope");
      expectUnknown(await fake.sendRaw("toString", {}).catch((e: unknown) => e), "toString");
      for (const add of [
        () => fake.faults.throttle({ operation: "GetAttachedFil" }),
        () => fake.faults.serverError({ operation: "GetAttachedFil" }),
        () => fake.faults.resetConnection({ operation: "GetAttachedFil" }),
        () => fake.faults.delay(10, { operation: "GetAttachedFil" }),
      ]) {
        let error: unknown;
        try {
          add();
        } catch (e) {
          error = e;
        }
        expectUnknown(error, "GetAttachedFil");
      }
      expect(fake.faults.pending).toBe(0);
      expect(() => fake.uploads.faults.throttle({ operation: "PutObjet" })).toThrow(/Unknown operation "PutObjet"; the operations are: PutObject\./);
      // Correct names still work.
      fake.faults.throttle({ operation: "GetAttachedFile" });
      expect(fake.faults.pending).toBe(1);
    } finally {
      await fake.close({ removeFiles: true });
    }
    const mock = new MockConnectHandler();
    let error: unknown;
    try {
      mock.on("GetAttachedFil" as "GetAttachedFile");
    } catch (e) {
      error = e;
    }
    expectUnknown(error, "GetAttachedFil");
  });
});
