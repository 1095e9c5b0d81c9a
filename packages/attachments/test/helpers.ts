import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ConnectClient } from "@connect-sdk/client-connect";
import { type FakeConnect, type FakeConnectOptions, startFakeConnect } from "@connect-sdk/test-fixtures-connect";

export const INSTANCE_ID = "11111111-2222-4333-8444-555555555555";
export const CASE_ARN = "arn:aws:cases:us-west-2:123456789012:domain/d-test/case/c-test";

export interface Harness {
  fake: FakeConnect;
  client: ConnectClient;
  dir: string;
  /** Writes a file in the harness's temp folder and returns its path. */
  file(name: string, content: string | Uint8Array): Promise<string>;
  /** Operation names of the calls the fake received since `mark()` (or the start). */
  operations(): (string | undefined)[];
  mark(): void;
  close(): Promise<void>;
}

export async function harness(options: FakeConnectOptions = {}): Promise<Harness> {
  const fake = await startFakeConnect(options);
  // Fast client retries, so throttling tests stay quick.
  const client = new ConnectClient({ ...fake.clientConfig, maxAttempts: 3 });
  const dir = await mkdtemp(join(tmpdir(), "attachments-test-"));
  let from = 0;
  return {
    fake,
    client,
    dir,
    async file(name, content) {
      const path = join(dir, name);
      await writeFile(path, content);
      return path;
    },
    operations: () => fake.calls.slice(from).map((c) => c.operation),
    mark() {
      from = fake.calls.length;
    },
    async close() {
      client.destroy();
      await fake.close({ removeFiles: true });
      await rm(dir, { recursive: true, force: true });
    },
  };
}

export function bytes(size: number, seed = 7): Uint8Array {
  const out = new Uint8Array(size);
  let x = seed;
  for (let i = 0; i < size; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    out[i] = x >>> 24;
  }
  return out;
}
