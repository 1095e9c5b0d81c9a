import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { mkdtemp, open, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EXIT, runCli } from "../src/cli/main.js";
import { createProgressReporter } from "../src/cli/progress.js";
import { uploadAttachedFile } from "../src/index.js";
import { bytes, CASE_ARN, type Harness, harness, INSTANCE_ID } from "./helpers.js";

function io(options: { tty?: boolean; signal?: AbortSignal } = {}) {
  const out: string[] = [];
  const err: string[] = [];
  return {
    io: {
      stdout: { write: (t: string) => out.push(t) },
      stderr: { write: (t: string) => err.push(t), isTTY: options.tty, columns: 100 },
      signal: options.signal,
    },
    stdout: () => out.join(""),
    stderr: () => err.join(""),
  };
}

let h: Harness;
beforeAll(async () => {
  h = await harness();
});
afterAll(async () => {
  await h.close();
});

describe("connect-attach upload --fake", () => {
  it("uploads, waits for APPROVED and prints the file, with plain progress lines off a terminal", async () => {
    const path = await h.file("report.pdf", bytes(3_000_000));
    const run = io();
    expect(await runCli(["upload", path, "--fake", "--wait", "--tag", "team=billing"], run.io)).toBe(EXIT.ok);
    expect(run.stdout()).toMatch(/^Attached report\.pdf \(3\.0 MB\) as file [0-9a-f-]{36}\n {2}ARN: {6}arn:aws:connect:us-west-2:123456789012:instance\/fake-instance-0001\/file\//);
    expect(run.stdout()).toContain("status:   APPROVED");
    const lines = run.stderr().split("\n");
    expect(lines).toContain("starting upload");
    expect(lines).toContain("uploaded 3.0 MB of 3.0 MB (100%)");
    expect(lines).toContain("status APPROVED");
    expect(run.stderr()).not.toContain("\r");
  });

  it("draws a progress bar on a terminal", async () => {
    const path = await h.file("bar.bin", bytes(2_000_000));
    const run = io({ tty: true });
    expect(await runCli(["upload", path, "--fake"], run.io)).toBe(EXIT.ok);
    expect(run.stderr()).toMatch(/\ruploading █+ 100% {2}2\.0 MB \/ 2\.0 MB/);
  });

  it("prints JSON with --json", async () => {
    const path = await h.file("data.csv", "a,b\n1,2\n");
    const run = io();
    expect(await runCli(["upload", path, "--fake", "--wait", "--json"], run.io)).toBe(EXIT.ok);
    const result = JSON.parse(run.stdout());
    expect(result).toMatchObject({ fileName: "data.csv", fileSizeInBytes: 8, status: "APPROVED", attempts: { put: 1 } });
    expect(result.file.$metadata).toBeUndefined();
    expect(run.stderr()).toBe("");
  });

  it("exits 3 for a REJECTED file", async () => {
    const path = await h.file("malware.exe", "MZ");
    const run = io();
    expect(await runCli(["upload", path, "--fake", "--wait"], run.io)).toBe(EXIT.rejected);
    expect(run.stderr()).toMatch(/status is REJECTED\.\n {2}file: [0-9a-f-]{36} \(kept\)/);
  });
});

describe("connect-attach upload --case", () => {
  const CASE = "arn:aws:cases:us-west-2:123456789012:domain/d-cli/case/c-cli";

  it("with --fake, uploads, waits for APPROVED and relates the file to the case held by a fake Cases service", async () => {
    const path = await h.file("evidence.pdf", bytes(50_000));
    const run = io();
    expect(await runCli(["upload", path, "--fake", "--case", CASE], run.io)).toBe(EXIT.ok);
    expect(run.stdout()).toContain("status:   APPROVED");
    expect(run.stdout()).toContain(`case:     ${CASE}`);
    expect(run.stdout()).toMatch(/related item: [0-9a-f-]{36}\n$/);
    // The file's ARN names the case's account; the file belongs to the case.
    expect(run.stdout()).toMatch(/ARN: {6}arn:aws:connect:us-west-2:123456789012:instance\//);
    expect(run.stderr()).toContain("Using a fake Cases service at http://127.0.0.1:");
    expect(run.stderr()).toMatch(/^relating the file to the case \(file [0-9a-f-]{36}\)$/m);
  });

  it("prints the file and the related item as JSON", async () => {
    const path = await h.file("notes.txt", "call back on Monday");
    const run = io();
    expect(await runCli(["upload", path, "--fake", "--case", CASE, "--json"], run.io)).toBe(EXIT.ok);
    const result = JSON.parse(run.stdout());
    expect(result).toMatchObject({ domainId: "d-cli", caseId: "c-cli", file: { fileName: "notes.txt", status: "APPROVED" } });
    expect(result.relatedItem.relatedItemArn).toBe(`${CASE}/related-item/${result.relatedItem.relatedItemId}`);
    expect(result.file.file.$metadata).toBeUndefined();
  });

  it("exits 3 for a REJECTED file, which is deleted and never related", async () => {
    const path = await h.file("eicar.txt", "X5O!");
    const run = io();
    expect(await runCli(["upload", path, "--fake", "--case", CASE], run.io)).toBe(EXIT.rejected);
    expect(run.stderr()).toMatch(/status is REJECTED\.\n {2}file: [0-9a-f-]{36} \(deleted again\)/);
    expect(run.stderr()).not.toContain("relating the file to the case");
  });

  it.each([
    [["--case", "arn:aws:cases:us-west-2:123456789012:domain/d"], /--case "arn:aws:cases:us-west-2:123456789012:domain\/d" is not a case ARN/],
    [["--case", CASE, "--associated-resource-arn", "arn:aws:cases:us-west-2:123456789012:domain/d/case/other"], /name different resources/],
  ])("a usage error before any fake starts or call is made: %j", async (flags, message) => {
    const path = await h.file("x.txt", "x");
    const run = io();
    expect(await runCli(["upload", path, "--fake", ...flags], run.io)).toBe(EXIT.usage);
    expect(run.stderr()).toMatch(message);
    expect(run.stderr()).not.toContain("Using a fake");
  });

  it("--case goes with upload only", async () => {
    const run = io();
    expect(await runCli(["get", "some-file", "--fake", "--case", CASE], run.io)).toBe(EXIT.usage);
    expect(run.stderr()).toContain("--case goes with upload only.");
  });
});

describe("connect-attach get | delete | list", () => {
  const env = { AWS_ACCESS_KEY_ID: process.env.AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY: process.env.AWS_SECRET_ACCESS_KEY };
  beforeAll(() => {
    process.env.AWS_ACCESS_KEY_ID = h.fake.credentials.accessKeyId;
    process.env.AWS_SECRET_ACCESS_KEY = h.fake.credentials.secretAccessKey;
  });
  afterAll(() => {
    for (const [k, v] of Object.entries(env)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  });
  const target = () => ["--instance-id", INSTANCE_ID, "--associated-resource-arn", CASE_ARN, "--region", h.fake.region, "--endpoint", h.fake.endpoint];

  it("gets, lists and deletes files through a given endpoint with the default credential chain", async () => {
    const a = await uploadAttachedFile({ client: h.client, instanceId: INSTANCE_ID, associatedResourceArn: CASE_ARN, file: Buffer.from("a"), fileName: "a.txt", wait: { minDelayMs: 10 } });
    const b = await uploadAttachedFile({ client: h.client, instanceId: INSTANCE_ID, associatedResourceArn: CASE_ARN, file: Buffer.from("bb"), fileName: "b.txt" });

    let run = io();
    expect(await runCli(["get", a.fileId, ...target()], run.io)).toBe(EXIT.ok);
    expect(run.stdout()).toMatch(new RegExp(`^${a.fileId} {2}APPROVED {2}a\\.txt {2}1 B\\n`));
    expect(run.stdout()).toMatch(/ {2}download: http:\/\/127\.0\.0\.1/);

    run = io();
    expect(await runCli(["list", a.fileId, b.fileId, ...target(), "--json"], run.io)).toBe(EXIT.ok);
    expect(JSON.parse(run.stdout()).Files.map((f: { FileName: string }) => f.FileName)).toEqual(["a.txt", "b.txt"]);

    run = io();
    expect(await runCli(["delete", a.fileId, ...target()], run.io)).toBe(EXIT.ok);
    expect(run.stdout()).toBe(`Deleted ${a.fileId}.\n`);

    run = io();
    expect(await runCli(["list", a.fileId, b.fileId, ...target()], run.io)).toBe(EXIT.service);
    expect(run.stdout()).toContain(`${a.fileId}: ResourceNotFoundException`);
    expect(run.stdout()).toContain(`${b.fileId}  APPROVED  b.txt`);

    run = io();
    expect(await runCli(["get", a.fileId, ...target()], run.io)).toBe(EXIT.service);
    expect(run.stderr()).toMatch(/ResourceNotFoundException: .*\(request id [0-9a-f-]+\)\n {2}hint: check --instance-id/);
  });
});

describe("connect-attach usage", () => {
  it.each([
    [[], /a command is required/],
    [["frobnicate"], /unknown command "frobnicate"/],
    [["upload"], /upload takes exactly one file/],
    [["upload", "x.pdf", "--associated-resource-arn", CASE_ARN], /--instance-id is required/],
    [["upload", "x.pdf", "--fake", "--tag", "novalue"], /--tag must be key=value/],
    [["upload", "x.pdf", "--fake", "--wait-timeout", "soon"], /--wait-timeout must be a positive number/],
    [["list", "--fake"], /list takes one or more file ids/],
    [["get", "--bogus"], /^connect-attach: unknown option --bogus\.$/m],
    [["get", "f-1", "--region"], /^connect-attach: --region needs a value\.$/m],
    [["upload", "x.pdf", "--fake", "--region", "us west 2"], /--region "us west 2" is not a valid Region; a Region looks like us-west-2/],
    [["get", "f-1", "--fake", "--region", "\u001b[31mred"], /--region "\\u001b\[31mred" is not a valid Region/],
  ])("%j exits 2 with one line and a hint, not the whole usage", async (argv, message) => {
    const run = io();
    expect(await runCli(argv as string[], run.io)).toBe(EXIT.usage);
    expect(run.stderr()).toMatch(message);
    expect(run.stderr()).toMatch(/\nRun `connect-attach --help` for the commands and options\.\n$/);
    expect(run.stderr().split("\n")).toHaveLength(3);
    expect(run.stderr()).not.toContain("Usage: connect-attach <command>");
    // Quotes come in pairs (node's own parse error ends with an unbalanced one).
    expect((run.stderr().match(/'/g) ?? []).length % 2).toBe(0);
    expect(run.stderr()).not.toContain("\u001b");
  });

  it("checks the file before starting the fake: missing, a directory, empty", async () => {
    const empty = await h.file("empty.txt", "");
    for (const [path, message] of [
      [join(h.dir, "nope.pdf"), /no such file: ".*nope\.pdf"/],
      [h.dir, /is a directory; upload takes a file/],
      [empty, /empty\.txt" is empty; Connect accepts files of at least 1 byte/],
    ] as const) {
      const run = io();
      expect(await runCli(["upload", path, "--fake"], run.io)).toBe(EXIT.usage);
      expect(run.stderr()).toMatch(message);
      // The fake never started.
      expect(run.stderr()).not.toContain("Using a fake Connect service");
    }
  });

  it("--url-expiry outside the model's range (5–300) is a usage error before any call", async () => {
    const path = await h.file("expiry.txt", "x");
    for (const value of ["1", "301", "4.5"]) {
      h.mark();
      const run = io();
      expect(await runCli(["upload", path, "--url-expiry", value, ...["--instance-id", INSTANCE_ID, "--associated-resource-arn", CASE_ARN, "--endpoint", h.fake.endpoint, "--region", "us-west-2"]], run.io)).toBe(EXIT.usage);
      expect(run.stderr()).toMatch(/^connect-attach: --url-expiry/);
      expect(h.operations()).toEqual([]);
    }
    const run = io();
    expect(await runCli(["upload", path, "--fake", "--url-expiry", "300"], run.io)).toBe(EXIT.ok);
  });

  it("--version prints the version", async () => {
    const run = io();
    expect(await runCli(["--version"], run.io)).toBe(EXIT.ok);
    expect(run.stdout()).toMatch(/^connect-attach \d+\.\d+\.\d+\S*\n$/);
  });

  it("--help prints the usage", async () => {
    const run = io();
    expect(await runCli(["--help"], run.io)).toBe(EXIT.ok);
    expect(run.stdout()).toContain("connect-attach upload <file>".replace("connect-attach ", ""));
    expect(run.stdout()).toContain("Exit codes:");
  });
});

describe("the connect-attach binary", () => {
  const bin = join(__dirname, "..", "dist", "cli.js");
  const exec = (args: string[], onStderr?: (text: string, child: ReturnType<typeof spawn>) => void) =>
    new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
      const child = spawn(process.execPath, [bin, ...args], { stdio: ["ignore", "pipe", "pipe"] });
      let stdout = "";
      let stderr = "";
      child.stdout.on("data", (d: Buffer) => {
        stdout += d;
      });
      child.stderr.on("data", (d: Buffer) => {
        stderr += d;
        onStderr?.(stderr, child);
      });
      child.on("error", reject);
      child.on("close", (code) => resolve({ code, stdout, stderr }));
    });

  it("without a Region exits 2 and says how to give one, for API commands and uploads alike", async () => {
    const path = await h.file("noregion.txt", "x");
    const target = ["--instance-id", INSTANCE_ID, "--associated-resource-arn", CASE_ARN];
    const home = await mkdtemp(join(tmpdir(), "attach-home-"));
    const base: Record<string, string | undefined> = { ...process.env, HOME: home, AWS_ACCESS_KEY_ID: "AKID", AWS_SECRET_ACCESS_KEY: "SECRET", AWS_EC2_METADATA_DISABLED: "true" };
    for (const key of ["AWS_PROFILE", "AWS_DEFAULT_REGION", "AWS_CONFIG_FILE", "AWS_SHARED_CREDENTIALS_FILE"]) delete base[key];
    for (const region of [undefined, ""]) {
      const env = { ...base, AWS_REGION: region };
      if (region === undefined) delete env.AWS_REGION;
      for (const args of [["get", "f-1", ...target], ["upload", path, ...target]]) {
        const { code, stderr } = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
          const child = spawn(process.execPath, [bin, ...args], { env: env as NodeJS.ProcessEnv, stdio: ["ignore", "ignore", "pipe"] });
          let err = "";
          child.stderr.on("data", (d: Buffer) => (err += d));
          child.on("close", (c) => resolve({ code: c, stderr: err }));
        });
        expect(stderr, `${args[0]} with AWS_REGION=${JSON.stringify(region)}`).toContain("Region is missing");
        expect(stderr).toContain("hint: pass --region or set AWS_REGION");
        expect(code).toBe(2);
      }
    }
  });

  it("--version prints the package's version", async () => {
    const { version } = JSON.parse(readFileSync(join(__dirname, "..", "package.json"), "utf8"));
    const { code, stdout } = await exec(["--version"]);
    expect(stdout).toBe(`connect-attach ${version}\n`);
    expect(code).toBe(0);
  });

  it("runs an upload against the in-process fake", async () => {
    expect(existsSync(bin), "build the package first (tsup)").toBe(true);
    const path = await h.file("bin.txt", "hello from the binary");
    const { code, stdout, stderr } = await exec(["upload", path, "--fake", "--wait"]);
    expect(stderr).toContain("Using a fake Connect service at http://127.0.0.1:");
    expect(stdout).toContain("status:   APPROVED");
    expect(code).toBe(0);
  });

  it("attaches a file to a case against the in-process fakes (--fake --case)", async () => {
    expect(existsSync(bin), "build the package first (tsup)").toBe(true);
    const path = await h.file("bin-case.txt", "hello, case");
    const { code, stdout, stderr } = await exec(["upload", path, "--fake", "--case", "arn:aws:cases:eu-west-1:210987654321:domain/d-bin/case/c-bin"]);
    expect(stderr).toContain("Using a fake Cases service at http://127.0.0.1:");
    // The fakes take the case's Region and account, so the file's ARN and the case agree.
    expect(stdout).toContain("ARN:      arn:aws:connect:eu-west-1:210987654321:instance/");
    expect(stdout).toMatch(/related item: [0-9a-f-]{36}\n$/);
    expect(code).toBe(0);
  });

  it("Ctrl-C mid-upload cancels it, deletes the started file and exits 130", async () => {
    const path = join(tmpdir(), `attachments-sigint-${process.pid}.bin`);
    const handle = await open(path, "w");
    await handle.truncate(1024 * 1024 * 1024); // sparse: 1 GB on paper, so the upload is still running
    await handle.close();
    try {
      let sent = false;
      const { code, stderr } = await exec(["upload", path, "--fake"], (text, child) => {
        if (!sent && /uploaded .* \(0%\)/.test(text)) {
          sent = true;
          child.kill("SIGINT");
        }
      });
      expect(sent).toBe(true);
      expect(stderr).toContain("Interrupted; cancelling the upload");
      expect(stderr).toMatch(/aborted during the upload stage\.\n {2}file: [0-9a-f-]{36} \(deleted again\)/);
      expect(code).toBe(130);
    } finally {
      await rm(path, { force: true });
    }
  });
});

describe("the progress line", () => {
  it("falls back to 80 columns when the terminal reports 0 (or none)", () => {
    for (const columns of [0, undefined, Number.NaN]) {
      const written: string[] = [];
      const reporter = createProgressReporter({ write: (t: string) => written.push(t) }, { tty: true, columns, now: () => 1000 });
      reporter.update({ event: "bytes", stage: "upload", bytesSent: 500_000, totalBytes: 1_000_000, attempt: 1 });
      reporter.done();
      const line = written.join("").split("\r").pop()!.trimEnd();
      // The whole line (60 characters), where 0 columns used to cut it to the 20-character minimum.
      expect(line, `columns ${columns}`).toMatch(/^uploading █+░+ {2}50% {2}500\.0 KB \/ 1\.0 MB {2}500\.0 KB\/s$/);
    }
  });
});
