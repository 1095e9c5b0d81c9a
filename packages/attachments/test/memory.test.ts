import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { open, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CASE_ARN, type Harness, harness, INSTANCE_ID } from "./helpers.js";

const SIZE = 200 * 1024 * 1024;
const MiB = 1024;
const child = join(__dirname, "fixtures", "upload-child.mjs");
const dist = join(__dirname, "..", "dist", "index.mjs");

let h: Harness;
let path: string;
beforeAll(async () => {
  h = await harness();
  // Sparse: 200 MB on paper, instantly, no disk blocks.
  path = join(tmpdir(), `attachments-200mb-${process.pid}.bin`);
  const handle = await open(path, "w");
  await handle.truncate(SIZE);
  await handle.close();
});
afterAll(async () => {
  await rm(path, { force: true });
  await h?.close();
});

describe("a 200 MB upload", () => {
  it("streams from disk with flat memory (peak RSS of the uploading process)", { timeout: 300_000 }, async () => {
    expect(existsSync(dist), "build the package first (tsup): the child process uses dist/").toBe(true);
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [child, JSON.stringify({ clientConfig: h.fake.clientConfig, instanceId: INSTANCE_ID, associatedResourceArn: CASE_ARN, path })],
      { cwd: join(__dirname, ".."), maxBuffer: 1024 * 1024 },
    );
    const report = JSON.parse(stdout) as { fileId: string; fileSizeInBytes: number; uploadMs: number; progressEvents: number; baselineMaxRssKiB: number; maxRssKiB: number; vmHwmKiB?: number };
    console.log(
      `200 MB upload: peak RSS ${(report.maxRssKiB / MiB).toFixed(1)} MiB (VmHWM ${report.vmHwmKiB === undefined ? "n/a" : `${(report.vmHwmKiB / MiB).toFixed(1)} MiB`}), ` +
        `${(report.baselineMaxRssKiB / MiB).toFixed(1)} MiB before the upload; PUT took ${report.uploadMs} ms`,
    );
    expect(report.fileSizeInBytes).toBe(SIZE);
    const record = h.fake.state.files.get(report.fileId)!;
    expect((await stat(record.upload.path!)).size).toBe(SIZE);
    expect(report.progressEvents).toBeGreaterThan(100);
    // Flat: the whole process stays far below the file's size, and the upload adds little to it
    // (what it adds is garbage-collector headroom: a 600 MB file peaks at the same figure).
    expect(report.maxRssKiB).toBeLessThan(128 * MiB);
    expect(report.maxRssKiB - report.baselineMaxRssKiB).toBeLessThan(64 * MiB);
  });
});
