/**
 * The command line of a service's fake (`connect-fake`, `connectcases-fake`, ...): the same for
 * every service but for its names, so generated test-fixtures packages call it with their command
 * name, the service's name and their `startFake…` function.
 */
import { parseArgs } from "node:util";
import type { FakeService, FakeServiceOptions } from "./fake-server.js";

/** What a generated fake's command line is: its names, and how to start the fake. */
export interface FakeCommandLine<Options extends FakeServiceOptions> {
  /** The command's name, e.g. `connect-fake`. */
  bin: string;
  /** The service's name in messages, e.g. `Connect`. */
  service: string;
  start(options: Options): Promise<Pick<FakeService<unknown>, "endpoint" | "region" | "credentials" | "uploads" | "close">>;
}

/** A mistake on the command line: reported in one line with exit status 2. */
class UsageError extends Error {}

function usage(bin: string, service: string): string {
  return `Usage: ${bin} [--port <n>] [--upload-port <n>] [--region <r>] [--storage <dir>] [--keep-files] [--no-cors] [--json]

Runs a fake ${service} service on 127.0.0.1 until interrupted, and prints its endpoint and the
test credentials requests must be signed with.

  --storage <dir>  where uploaded bytes go (kept on exit); default: a temporary folder, removed on exit
  --keep-files     keep the temporary folder on exit
  --no-cors        do not answer browsers' CORS preflights or send CORS headers (on by default)`;
}

function portOption(name: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const port = /^\d{1,5}$/.test(text) ? Number(text) : Number.NaN;
  if (!(port <= 65535)) throw new UsageError(`--${name} must be a port number from 0 to 65535 (0: a free one), got ${JSON.stringify(text)}`);
  return port;
}

function parseCommandLine(argv: string[]): { help: boolean; json: boolean; options: FakeServiceOptions } {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: "string" },
      "upload-port": { type: "string" },
      region: { type: "string" },
      storage: { type: "string" },
      "keep-files": { type: "boolean" },
      // Spelt out: parseArgs learned --no-<flag> only in Node 22.
      "no-cors": { type: "boolean" },
      json: { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
  });
  return {
    help: values.help === true,
    json: values.json === true,
    options: {
      port: portOption("port", values.port),
      uploadPort: portOption("upload-port", values["upload-port"]),
      region: values.region,
      storageDirectory: values.storage,
      keepFiles: values["keep-files"] === true,
      cors: values["no-cors"] !== true,
    },
  };
}

/**
 * Runs a fake's command: starts the fake, prints its endpoint and credentials (`--json`: one JSON
 * line), stops on SIGINT or SIGTERM. A bad command line exits with status 2, a fake that cannot
 * start (a port in use) with 1, each with a one-line message and no stack trace.
 */
export async function runFakeCommandLine<Options extends FakeServiceOptions>(argv: string[], command: FakeCommandLine<Options>): Promise<void> {
  const { bin, service } = command;
  /** Reports a failure in one line and sets the exit status. */
  const problem = (message: string, status: number): void => {
    console.error(`${bin}: ${message.replace(/\s*\n\s*/g, " ")}`);
    process.exitCode = status;
  };
  let parsed: ReturnType<typeof parseCommandLine>;
  try {
    parsed = parseCommandLine(argv);
  } catch (error) {
    const isUsage = error instanceof UsageError || String((error as { code?: unknown }).code).startsWith("ERR_PARSE_ARGS");
    if (!isUsage) throw error;
    return problem(`${(error as Error).message} (see ${bin} --help)`, 2);
  }
  if (parsed.help) {
    console.log(usage(bin, service));
    return;
  }
  let fake: Awaited<ReturnType<FakeCommandLine<Options>["start"]>>;
  try {
    fake = await command.start(parsed.options as Options);
  } catch (error) {
    return problem((error as Error).message, 1);
  }
  const info = { endpoint: fake.endpoint, region: fake.region, ...fake.credentials, uploads: fake.uploads.endpoint, storage: fake.uploads.directory };
  if (parsed.json) console.log(JSON.stringify(info));
  else {
    console.log(`Fake ${service} listening on ${fake.endpoint} (Region ${fake.region})`);
    console.log(`  AWS_ACCESS_KEY_ID=${fake.credentials.accessKeyId}`);
    console.log(`  AWS_SECRET_ACCESS_KEY=${fake.credentials.secretAccessKey}`);
    console.log(`  uploads: ${fake.uploads.endpoint}, stored in ${fake.uploads.directory}`);
  }
  const stop = () => {
    void fake.close().then(() => process.exit(0));
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}
