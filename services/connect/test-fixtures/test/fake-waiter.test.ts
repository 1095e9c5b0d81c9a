// The generated waiter waitUntilAttachedFileApproved (a `smithy.waiters#waitable` trait that
// sdkgen.config.json's overlay puts on GetAttachedFile) against the fake service over real HTTP.
// The fake's clock decides when a file leaves PROCESSING; a client middleware moves it forward
// after a given number of polls, so the number of calls is exact and no test waits on real time.
import {
  CompleteAttachedFileUploadCommand,
  ConnectClient,
  type GetAttachedFileCommandOutput,
  StartAttachedFileUploadCommand,
  waitForAttachedFileApproved,
  waitUntilAttachedFileApproved,
  WaiterState,
} from "@connect-sdk/client-connect";
import { type FakeConnect, startFakeConnect } from "@connect-sdk/test-fixtures-connect";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FILE_INPUT, put } from "./helpers.js";

const PROCESSING_MS = 2_000;
let fake: FakeConnect;
beforeAll(async () => {
  fake = await startFakeConnect({ processingDelayMs: PROCESSING_MS });
});
afterAll(async () => {
  await fake.close({ removeFiles: true });
});

/** A client whose `afterPoll(n)` runs after its n-th GetAttachedFile answer or error (1-based). */
function pollingClient(afterPoll: (n: number) => void = () => undefined): { client: ConnectClient; polls: () => number } {
  const client = new ConnectClient(fake.clientConfig);
  let polls = 0;
  client.middlewareStack.add(
    (next, context) => async (args) => {
      try {
        return await next(args);
      } finally {
        if (context.commandName === "GetAttachedFileCommand") afterPoll(++polls);
      }
    },
    { step: "initialize", name: "countPolls" },
  );
  return { client, polls: () => polls };
}

/** Starts, uploads and completes a file: it is PROCESSING until the fake's clock passes the delay. */
async function completedFile(client: ConnectClient, fileName = "invoice.pdf") {
  const started = await client.send(new StartAttachedFileUploadCommand({ ...FILE_INPUT, FileName: fileName }));
  const content = Buffer.alloc(FILE_INPUT.FileSizeInBytes, 1);
  const reply = await put(started.UploadUrlMetadata!.Url!, { ...started.UploadUrlMetadata!.HeadersToInclude }, content);
  expect(reply.status).toBe(200);
  const ids = { InstanceId: FILE_INPUT.InstanceId, FileId: started.FileId!, AssociatedResourceArn: FILE_INPUT.AssociatedResourceArn };
  await client.send(new CompleteAttachedFileUploadCommand(ids));
  return ids;
}

// Polls a millisecond or two apart; a time limit far beyond what the scenarios need.
const FAST = { maxWaitTime: 300, minDelay: 0.001, maxDelay: 0.002 };

describe("waitUntilAttachedFileApproved against the fake", () => {
  it("polls while the file is PROCESSING and resolves when it is APPROVED", async () => {
    const { client, polls } = pollingClient((n) => {
      if (n === 2) fake.clock.advance(PROCESSING_MS);
    });
    try {
      const ids = await completedFile(client);
      const result = await waitUntilAttachedFileApproved({ client, ...FAST }, ids);
      expect(result.state).toBe(WaiterState.SUCCESS);
      expect((result.reason as GetAttachedFileCommandOutput).FileStatus).toBe("APPROVED");
      expect(polls()).toBe(3);
    } finally {
      fake.clock.reset();
      client.destroy();
    }
  });

  it("throws as soon as the scan REJECTS the file (the deprecated waitFor… resolves with FAILURE)", async () => {
    const { client, polls } = pollingClient((n) => {
      if (n === 1) fake.clock.advance(PROCESSING_MS);
    });
    try {
      const ids = await completedFile(client, "malware.pdf");
      const error = (await waitUntilAttachedFileApproved({ client, ...FAST }, ids).catch((e: unknown) => e)) as Error;
      expect(error).toBeInstanceOf(Error);
      expect(error.message).toMatch(/"state":"FAILURE"/);
      expect(error.message).toMatch(/"FileStatus":"REJECTED"/);
      expect(polls()).toBe(2);
      const result = await waitForAttachedFileApproved({ client, ...FAST }, ids);
      expect(result.state).toBe(WaiterState.FAILURE);
      expect((result.reason as GetAttachedFileCommandOutput).FileStatus).toBe("REJECTED");
    } finally {
      fake.clock.reset();
      client.destroy();
    }
  });

  it("fails at once on an error no acceptor expects (an unknown file: ResourceNotFoundException)", async () => {
    const { client, polls } = pollingClient();
    try {
      const ids = { InstanceId: FILE_INPUT.InstanceId, FileId: "00000000-0000-0000-0000-000000000000", AssociatedResourceArn: FILE_INPUT.AssociatedResourceArn };
      const result = await waitForAttachedFileApproved({ client, ...FAST }, ids);
      expect(result.state).toBe(WaiterState.FAILURE);
      expect((result.reason as Error).name).toBe("ResourceNotFoundException");
      expect(polls()).toBe(1);
    } finally {
      client.destroy();
    }
  });

  it("stops polling when its abortSignal fires (AbortError)", async () => {
    const controller = new AbortController();
    const { client, polls } = pollingClient((n) => {
      if (n === 3) controller.abort();
    });
    try {
      const ids = await completedFile(client);
      const error = (await waitUntilAttachedFileApproved({ client, ...FAST, abortSignal: controller.signal }, ids).catch((e: unknown) => e)) as Error;
      expect(error.name).toBe("AbortError");
      expect(polls()).toBe(3);
    } finally {
      client.destroy();
    }
  });
});
