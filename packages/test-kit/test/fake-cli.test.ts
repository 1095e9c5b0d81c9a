import { afterEach, describe, expect, it, vi } from "vitest";
import { type FakeCommandLine, type FakeServiceOptions, runFakeCommandLine } from "../src/index.js";

/** A command line whose fake only records how it was started. */
function command(start?: FakeCommandLine<FakeServiceOptions>["start"]) {
  const started: FakeServiceOptions[] = [];
  const close = vi.fn(() => Promise.resolve());
  const line: FakeCommandLine<FakeServiceOptions> = {
    bin: "widgets-fake",
    service: "Widgets",
    start:
      start ??
      (async (options) => {
        started.push(options);
        return {
          endpoint: "http://127.0.0.1:1234",
          region: options.region ?? "us-west-2",
          credentials: { accessKeyId: "AKID", secretAccessKey: "secret" },
          uploads: { endpoint: "http://127.0.0.1:5678", directory: "/tmp/uploads" } as never,
          close,
        };
      }),
  };
  return { line, started, close };
}

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  vi.spyOn(console, "log").mockImplementation((text: string) => void out.push(text));
  vi.spyOn(console, "error").mockImplementation((text: string) => void err.push(text));
  return { out, err };
}

// The command line every generated fake (`<svc>-fake`) runs; the packages' own cli tests run it end to end.
describe("runFakeCommandLine", () => {
  const listeners = { SIGINT: process.listeners("SIGINT"), SIGTERM: process.listeners("SIGTERM") };
  afterEach(() => {
    vi.restoreAllMocks();
    process.exitCode = undefined;
    for (const signal of ["SIGINT", "SIGTERM"] as const) {
      for (const listener of process.listeners(signal)) if (!listeners[signal].includes(listener)) process.removeListener(signal, listener);
    }
  });

  it("--help names the command and the service", async () => {
    const { out } = capture();
    await runFakeCommandLine(["--help"], command().line);
    expect(out[0]).toMatch(/^Usage: widgets-fake \[--port <n>\]/);
    expect(out[0]).toContain("Runs a fake Widgets service on 127.0.0.1");
    expect(process.exitCode).toBeUndefined();
  });

  it("passes the options on and prints the endpoint and credentials as one JSON line with --json", async () => {
    const { out } = capture();
    const { line, started } = command();
    await runFakeCommandLine(["--port", "0", "--upload-port", "8081", "--region", "eu-west-1", "--storage", "/tmp/s", "--keep-files", "--no-cors", "--json"], line);
    expect(started).toEqual([{ port: 0, uploadPort: 8081, region: "eu-west-1", storageDirectory: "/tmp/s", keepFiles: true, cors: false }]);
    expect(JSON.parse(out[0]!)).toEqual({
      endpoint: "http://127.0.0.1:1234",
      region: "eu-west-1",
      accessKeyId: "AKID",
      secretAccessKey: "secret",
      uploads: "http://127.0.0.1:5678",
      storage: "/tmp/uploads",
    });
  });

  it("refuses a bad command line in one line, with status 2 and the command's name", async () => {
    for (const argv of [["--port", "99999"], ["--bogus"], ["extra"]]) {
      const { err } = capture();
      const { line, started } = command();
      await runFakeCommandLine(argv, line);
      expect(err, argv.join(" ")).toHaveLength(1);
      expect(err[0]).toMatch(/^widgets-fake: .+ \(see widgets-fake --help\)$/);
      expect(process.exitCode).toBe(2);
      expect(started).toEqual([]);
      vi.restoreAllMocks();
      process.exitCode = undefined;
    }
  });

  it("reports a fake that cannot start in one line, with status 1", async () => {
    const { err } = capture();
    await runFakeCommandLine([], command(() => Promise.reject(new Error("listen EADDRINUSE:\n  port 1234"))).line);
    expect(err).toEqual(["widgets-fake: listen EADDRINUSE: port 1234"]);
    expect(process.exitCode).toBe(1);
  });
});
