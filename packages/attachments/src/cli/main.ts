/**
 * `connect-attach`: upload, get, delete and list attached files from the command line, against
 * Amazon Connect or (with `--fake`) an in-process fake service from @connect-sdk/test-fixtures-connect;
 * `upload --case` also relates the file to a Connect case (with `--fake`, a fake Cases service from
 * @connect-sdk/test-fixtures-connectcases, wired to the fake Connect service).
 */
import { stat } from "node:fs/promises";
import { parseArgs } from "node:util";
import {
  BatchGetAttachedFileMetadataCommand,
  ConnectClient,
  type ConnectClientConfig,
  DeleteAttachedFileCommand,
  GetAttachedFileCommand,
  redactPresignedUrls,
  validateStartAttachedFileUploadRequest,
} from "@connect-sdk/client-connect";
import { ConnectCasesClient, type ConnectCasesClientConfig } from "@connect-sdk/client-connectcases";
import { type AttachFileToCaseResult, attachFileToCase, type CaseArnParts, parseCaseArn } from "../case.js";
import { AttachedFileStatusError, AttachmentAbortedError, AttachmentError, AttachmentServiceError, WaitTimeoutError } from "../errors.js";
import { uploadAttachedFile, type UploadAttachedFileResult } from "../upload.js";
import { createProgressReporter, formatBytes } from "./progress.js";

export const USAGE = `Usage: connect-attach <command> [options]

Commands:
  upload <file>          Attach a file: start the upload, PUT the bytes, complete it (and --wait)
  get <file-id>          Show a file's metadata and status (GetAttachedFile)
  delete <file-id>       Delete a file (DeleteAttachedFile)
  list <file-id>...      Show several files' metadata (BatchGetAttachedFileMetadata)

Options:
  --instance-id <id>               The Amazon Connect instance (required, except with --fake)
  --associated-resource-arn <arn>  The case or email the files belong to (required, except with --fake)
  --region <region>                Default: AWS_REGION or the AWS config file
  --endpoint <url>                 Send API calls to this endpoint instead of Connect's
  --fake                           Run against a fake Connect service started in-process
                                   (needs @connect-sdk/test-fixtures-connect)
  --json                           Print the result as JSON
  -h, --help                       Show this help
  --version                        Print the version of connect-attach

Options of upload:
  --file-name <name>               Default: the file's base name
  --tag <key=value>                A tag on the file (repeatable)
  --client-token <token>           Idempotency token of the first start call
  --url-expiry <seconds>           Lifetime of the upload URL, 5–300
  --wait                           Wait until the file is APPROVED (exit 3 if REJECTED or FAILED)
  --wait-timeout <seconds>         How long --wait waits (default 120)
  --case <case ARN>                Attach the file to this Connect case: upload, wait until
                                   APPROVED, then relate it to the case (CreateRelatedItem);
                                   the file is deleted if that fails. Sets the associated
                                   resource and the Region (unless --region is given). With
                                   --fake, a fake Cases service holds the case (needs
                                   @connect-sdk/test-fixtures-connectcases)

Credentials come from the AWS default chain (environment, AWS_PROFILE, SSO, …).

Exit codes: 0 done · 1 unexpected error · 2 usage error · 3 file REJECTED or FAILED ·
4 upload failed (network, S3, expired URL, size) · 5 Connect API error · 6 --wait timed out ·
130 interrupted (the started file is deleted)`;

export const EXIT = { ok: 0, error: 1, usage: 2, rejected: 3, upload: 4, service: 5, timeout: 6, interrupted: 130 } as const;

export interface CliIo {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown; isTTY?: boolean; columns?: number };
  /** Aborts a running upload (the command line wires SIGINT to it). */
  signal?: AbortSignal;
}

const FAKE_INSTANCE_ID = "fake-instance-0001";
const FAKE_ASSOCIATED_RESOURCE_ARN = "arn:aws:cases:us-west-2:123456789012:domain/fake-domain/case/fake-case";

class UsageError extends Error {}

/** Replaced by the build (tsup `define`) with the package's version. */
declare const __PACKAGE_VERSION__: string | undefined;
export const VERSION = typeof __PACKAGE_VERSION__ === "string" ? __PACKAGE_VERSION__ : "0.0.0-dev";

const HELP_HINT = "Run `connect-attach --help` for the commands and options.";

/** A Region is a DNS label (`us-west-2`); anything else can only fail later, less clearly. */
const REGION = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/i;

/** User input echoed in a message: quoted, control characters escaped, and cut short. */
function quote(text: string): string {
  const shown = text.length > 60 ? `${text.slice(0, 60)}…` : text;
  return JSON.stringify(shown);
}

/** node:util's parse errors as one line: its messages run on with advice about `--` and quotes. */
function parseErrorLine(error: unknown): string {
  const e = error as { code?: string; message?: string };
  const option = /'(-{1,2}[^'\s]*)/.exec(e.message ?? "")?.[1];
  if (e.code === "ERR_PARSE_ARGS_UNKNOWN_OPTION" && option) return `unknown option ${option}.`;
  if (e.code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE" && option) {
    return /argument missing/.test(e.message ?? "") ? `${option} needs a value.` : `${option} does not take a value.`;
  }
  return (e.message ?? String(error)).split(/\.\s/)[0]!.replace(/\.?$/, ".");
}

/** What --fake uses of @connect-sdk/test-fixtures-connect (an optional peer dependency, loaded on demand). */
interface FixturesModule {
  startFakeConnect(options?: { processingDelayMs?: number; region?: string; accountId?: string }): Promise<{
    endpoint: string;
    uploads: { endpoint: string };
    clientConfig: ConnectClientConfig;
    /** The fake's files: what the fake Cases service consults (`lookupFile`). */
    state: object;
    close(options?: { removeFiles?: boolean }): Promise<void>;
  }>;
}

/** What --fake --case uses of @connect-sdk/test-fixtures-connectcases (an optional peer dependency too). */
interface CasesFixturesModule {
  startFakeConnectCases(options?: { region?: string; accountId?: string; files?: object }): Promise<{
    endpoint: string;
    clientConfig: ConnectCasesClientConfig;
    state: { addCase(domainId: string, caseId: string): unknown };
    close(options?: { removeFiles?: boolean }): Promise<void>;
  }>;
}

/** Runs one command and returns the exit code; never calls `process.exit`. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const err = (text: string) => io.stderr.write(`${text}\n`);
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        "instance-id": { type: "string" },
        "associated-resource-arn": { type: "string" },
        region: { type: "string" },
        endpoint: { type: "string" },
        fake: { type: "boolean" },
        json: { type: "boolean" },
        help: { type: "boolean", short: "h" },
        version: { type: "boolean" },
        "file-name": { type: "string" },
        tag: { type: "string", multiple: true },
        "client-token": { type: "string" },
        "url-expiry": { type: "string" },
        wait: { type: "boolean" },
        "wait-timeout": { type: "string" },
        case: { type: "string" },
      },
    });
  } catch (error) {
    err(`connect-attach: ${parseErrorLine(error)}\n${HELP_HINT}`);
    return EXIT.usage;
  }
  const { values, positionals } = parsed;
  const [command, ...args] = positionals;
  if (values.help || command === "help") {
    io.stdout.write(`${USAGE}\n`);
    return EXIT.ok;
  }
  if (values.version) {
    io.stdout.write(`connect-attach ${VERSION}\n`);
    return EXIT.ok;
  }

  let fake: { close(options?: { removeFiles?: boolean }): Promise<void> } | undefined;
  let casesFake: { close(options?: { removeFiles?: boolean }): Promise<void> } | undefined;
  let client: ConnectClient | undefined;
  let casesClient: ConnectCasesClient | undefined;
  try {
    if (!command) throw new UsageError("a command is required (upload, get, delete or list).");
    if (!["upload", "get", "delete", "list"].includes(command)) throw new UsageError(`unknown command ${quote(command)}.`);
    if (command === "upload" && args.length !== 1) throw new UsageError("upload takes exactly one file.");
    if ((command === "get" || command === "delete") && args.length !== 1) throw new UsageError(`${command} takes exactly one file id.`);
    if (command === "list" && args.length === 0) throw new UsageError("list takes one or more file ids.");
    let theCase: CaseArnParts | undefined;
    if (values.case !== undefined) {
      if (command !== "upload") throw new UsageError("--case goes with upload only.");
      theCase = parseCaseArn(values.case);
      if (!theCase) throw new UsageError(`--case ${quote(values.case)} is not a case ARN; it looks like arn:aws:cases:<region>:<account>:domain/<domainId>/case/<caseId>.`);
      if (values["associated-resource-arn"] !== undefined && values["associated-resource-arn"] !== values.case) {
        throw new UsageError("--associated-resource-arn and --case name different resources; with --case, the file belongs to the case.");
      }
    }
    const instanceId = values["instance-id"] ?? (values.fake ? FAKE_INSTANCE_ID : undefined);
    const associatedResourceArn = values.case ?? values["associated-resource-arn"] ?? (values.fake ? FAKE_ASSOCIATED_RESOURCE_ARN : undefined);
    if (!instanceId) throw new UsageError("--instance-id is required.");
    if (!associatedResourceArn) throw new UsageError("--associated-resource-arn is required.");
    const urlExpiry = optionalNumber(values["url-expiry"], "--url-expiry");
    const waitTimeout = optionalNumber(values["wait-timeout"], "--wait-timeout");
    const tags = parseTags(values.tag);
    if (values.region !== undefined && !REGION.test(values.region)) {
      throw new UsageError(`--region ${quote(values.region)} is not a valid Region; a Region looks like us-west-2.`);
    }
    if (command === "upload") {
      checkUploadFlags({ urlExpiry, tags, fileName: values["file-name"], clientToken: values["client-token"] });
      // Before the fake starts or any call is made: the file must be there and have bytes.
      await checkFile(args[0]!);
    }

    // The case's Region is the default for both services: a case and its instance live in one Region.
    const region = values.region ?? theCase?.region;
    let config: ConnectClientConfig = {};
    let casesConfig: ConnectCasesClientConfig = {};
    if (values.fake) {
      let fixtures: FixturesModule;
      try {
        fixtures = (await import("@connect-sdk/test-fixtures-connect")) as FixturesModule;
      } catch {
        err("connect-attach: --fake needs the package @connect-sdk/test-fixtures-connect: npm install --save-dev @connect-sdk/test-fixtures-connect");
        return EXIT.usage;
      }
      // A short processing delay, so that --wait shows the file going from PROCESSING to APPROVED.
      let casesFixtures: CasesFixturesModule | undefined;
      if (theCase) {
        try {
          casesFixtures = (await import("@connect-sdk/test-fixtures-connectcases")) as CasesFixturesModule;
        } catch {
          err("connect-attach: --fake --case needs the package @connect-sdk/test-fixtures-connectcases: npm install --save-dev @connect-sdk/test-fixtures-connectcases");
          return EXIT.usage;
        }
      }
      // A short processing delay, so that --wait shows the file going from PROCESSING to APPROVED.
      const started = await fixtures.startFakeConnect({ processingDelayMs: 300, ...(region ? { region } : {}), ...(theCase ? { accountId: theCase.accountId } : {}) });
      fake = started;
      config = { ...started.clientConfig };
      if (!values.json) err(`Using a fake Connect service at ${started.endpoint} (uploads to ${started.uploads.endpoint}).`);
      if (theCase && casesFixtures) {
        // The fake Cases service asks the fake Connect service about files, and holds the case named.
        const startedCases = await casesFixtures.startFakeConnectCases({ region: theCase.region, accountId: theCase.accountId, files: started.state });
        casesFake = startedCases;
        startedCases.state.addCase(theCase.domainId, theCase.caseId);
        casesConfig = { ...startedCases.clientConfig };
        if (!values.json) err(`Using a fake Cases service at ${startedCases.endpoint}, holding the case ${theCase.caseId}.`);
      }
    } else {
      if (region) config.region = casesConfig.region = region;
      if (values.endpoint) config.endpoint = values.endpoint;
    }
    client = new ConnectClient(config);
    if (theCase) casesClient = new ConnectCasesClient(casesConfig);
    const ref = { InstanceId: instanceId, AssociatedResourceArn: associatedResourceArn };

    switch (command) {
      case "upload": {
        const reporter = values.json ? undefined : createProgressReporter(io.stderr, { tty: io.stderr.isTTY === true, columns: io.stderr.columns });
        if (casesClient && values.case) {
          let attached: AttachFileToCaseResult;
          try {
            attached = await attachFileToCase({
              client,
              casesClient,
              instanceId,
              caseArn: values.case,
              file: args[0]!,
              fileName: values["file-name"],
              tags,
              clientToken: values["client-token"],
              urlExpiryInSeconds: urlExpiry,
              wait: waitTimeout === undefined ? undefined : { timeoutMs: waitTimeout * 1000 },
              onProgress: reporter ? (p) => reporter.update(p) : undefined,
              abortSignal: io.signal,
            });
          } finally {
            reporter?.done();
          }
          if (values.json) io.stdout.write(`${JSON.stringify({ ...attached, file: withoutMetadata(attached.file) }, null, 2)}\n`);
          else io.stdout.write(`${describeUpload(attached.file)}  case:     ${values.case}\n  related item: ${attached.relatedItem.relatedItemId}\n`);
          return EXIT.ok;
        }
        let result: UploadAttachedFileResult;
        try {
          result = await uploadAttachedFile({
            client,
            instanceId,
            associatedResourceArn,
            file: args[0]!,
            fileName: values["file-name"],
            tags,
            clientToken: values["client-token"],
            urlExpiryInSeconds: urlExpiry,
            wait: values.wait ? (waitTimeout === undefined ? true : { timeoutMs: waitTimeout * 1000 }) : undefined,
            onProgress: reporter ? (p) => reporter.update(p) : undefined,
            abortSignal: io.signal,
          });
        } finally {
          reporter?.done();
        }
        if (values.json) io.stdout.write(`${JSON.stringify(withoutMetadata(result), null, 2)}\n`);
        else io.stdout.write(describeUpload(result));
        return EXIT.ok;
      }
      case "get": {
        const output = await client.send(new GetAttachedFileCommand({ ...ref, FileId: args[0]! }), { abortSignal: io.signal });
        io.stdout.write(values.json ? `${JSON.stringify(withoutMetadata(output), null, 2)}\n` : describeFile(output));
        return EXIT.ok;
      }
      case "delete": {
        await client.send(new DeleteAttachedFileCommand({ ...ref, FileId: args[0]! }), { abortSignal: io.signal });
        io.stdout.write(values.json ? `${JSON.stringify({ deleted: args[0] })}\n` : `Deleted ${args[0]}.\n`);
        return EXIT.ok;
      }
      default: {
        const output = await client.send(new BatchGetAttachedFileMetadataCommand({ ...ref, FileIds: args }), { abortSignal: io.signal });
        if (values.json) io.stdout.write(`${JSON.stringify(withoutMetadata(output), null, 2)}\n`);
        else {
          for (const file of output.Files ?? []) io.stdout.write(describeFile(file));
          for (const e of output.Errors ?? []) io.stdout.write(`${e.FileId}: ${e.ErrorCode ?? "error"}${e.ErrorMessage ? ` — ${redactPresignedUrls(e.ErrorMessage)}` : ""}\n`);
        }
        return (output.Errors?.length ?? 0) > 0 ? EXIT.service : EXIT.ok;
      }
    }
  } catch (error) {
    if (error instanceof UsageError) {
      err(`connect-attach: ${error.message}\n${HELP_HINT}`);
      return EXIT.usage;
    }
    err(`connect-attach: ${describeError(error)}`);
    return exitCodeOf(error, io.signal);
  } finally {
    client?.destroy();
    casesClient?.destroy();
    await casesFake?.close({ removeFiles: true });
    await fake?.close({ removeFiles: true });
  }
}

/** A missing or invalid Region: the client's configuration, not the service, refused the call. */
function isRegionProblem(error: unknown): boolean {
  const e = (error instanceof AttachmentError ? (error as { cause?: unknown }).cause : error) as { message?: string; $metadata?: unknown } | undefined;
  return !!e && e.$metadata === undefined && /\bregion\b/i.test(e.message ?? "");
}

function exitCodeOf(error: unknown, signal: AbortSignal | undefined): number {
  if (error instanceof AttachmentAbortedError || signal?.aborted) return EXIT.interrupted;
  if (isRegionProblem(error)) return EXIT.usage;
  if (error instanceof AttachedFileStatusError) return EXIT.rejected;
  if (error instanceof WaitTimeoutError) return EXIT.timeout;
  if (error instanceof AttachmentServiceError) return EXIT.service;
  if (error instanceof AttachmentError) {
    if (error.code === "INVALID_ARGUMENT") return EXIT.usage;
    if (error.code === "SERVICE_ERROR") return EXIT.service;
    return error.code === "UNEXPECTED" ? EXIT.error : EXIT.upload;
  }
  const name = (error as { name?: string })?.name ?? "";
  if ((error as { $metadata?: unknown })?.$metadata !== undefined || name === "ConstraintViolationError") return EXIT.service;
  return EXIT.error;
}

function describeError(error: unknown): string {
  const e = error as Error & { $metadata?: { httpStatusCode?: number; requestId?: string } };
  const lines = [error instanceof Error ? `${error.message}` : String(error)];
  if (error instanceof AttachmentError) {
    if (error.fileId) {
      const fate = error.cleanedUp === true ? "deleted again" : error.cleanedUp === false ? "could NOT be deleted; delete it with `connect-attach delete`" : "kept";
      lines.push(`  file: ${error.fileId} (${fate})`);
    }
    const cause = (error as { cause?: Error & { $metadata?: { requestId?: string } } }).cause;
    if (error instanceof AttachmentServiceError && cause?.$metadata?.requestId) lines.push(`  request id: ${cause.$metadata.requestId}`);
    if (error instanceof AttachmentServiceError) lines.push(...hints(error.serviceCode));
    if (isRegionProblem(error)) lines.push(...hints("Region"));
  } else {
    if (e?.$metadata?.requestId) lines[0] = `${e.name}: ${e.message} (request id ${e.$metadata.requestId})`;
    else if (e?.name && e.name !== "Error") lines[0] = `${e.name}: ${e.message}`;
    lines.push(...hints(isRegionProblem(error) ? "Region" : (e?.name ?? "")));
  }
  return lines.join("\n");
}

function hints(code: string): string[] {
  if (code === "CredentialsProviderError") return ["  hint: no AWS credentials found; set AWS_PROFILE or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, or try --fake"];
  if (code === "AccessDeniedException" || code === "UnrecognizedClientException" || code === "InvalidSignatureException") return ["  hint: check the credentials and their permissions on the instance (connect:*AttachedFile*)"];
  if (code === "ResourceNotFoundException") return ["  hint: check --instance-id, --associated-resource-arn and the file id"];
  if (/region/i.test(code)) return ["  hint: pass --region or set AWS_REGION"];
  return [];
}

function describeUpload(result: UploadAttachedFileResult): string {
  const t = result.timings;
  const ms = (n: number) => `${Math.round(n)} ms`;
  return [
    `Attached ${result.fileName} (${formatBytes(result.fileSizeInBytes)}) as file ${result.fileId}`,
    `  ARN:      ${result.fileArn}`,
    `  status:   ${result.status}`,
    `  attempts: ${result.attempts.put} PUT${result.attempts.put === 1 ? "" : "s"}, ${result.attempts.restarts} restart${result.attempts.restarts === 1 ? "" : "s"}${result.attempts.polls ? `, ${result.attempts.polls} status poll${result.attempts.polls === 1 ? "" : "s"}` : ""}`,
    `  time:     start ${ms(t.startMs)} · upload ${ms(t.uploadMs)} · complete ${ms(t.completeMs)}${t.waitMs ? ` · wait ${ms(t.waitMs)}` : ""} · total ${ms(t.totalMs)}`,
    "",
  ].join("\n");
}

function describeFile(file: { FileId?: string; FileName?: string; FileStatus?: string; FileSizeInBytes?: number; CreationTime?: string; FileArn?: string; DownloadUrlMetadata?: { Url?: string } }): string {
  return [
    `${file.FileId}  ${file.FileStatus ?? "?"}  ${file.FileName ?? ""}  ${file.FileSizeInBytes === undefined ? "" : formatBytes(file.FileSizeInBytes)}`.trimEnd(),
    ...(file.FileArn ? [`  ARN:      ${file.FileArn}`] : []),
    ...(file.CreationTime ? [`  created:  ${file.CreationTime}`] : []),
    ...(file.DownloadUrlMetadata?.Url ? [`  download: ${file.DownloadUrlMetadata.Url}`] : []),
    "",
  ].join("\n");
}

function withoutMetadata<T extends object>(value: T): Omit<T, "$metadata"> {
  const { $metadata: _metadata, ...rest } = value as T & { $metadata?: unknown };
  if ("file" in rest && rest.file && typeof rest.file === "object") (rest as { file: object }).file = withoutMetadata(rest.file as object);
  return rest;
}

/** The upload flags that become StartAttachedFileUpload members, checked against the model's constraints. */
function checkUploadFlags(flags: { urlExpiry: number | undefined; tags: Record<string, string> | undefined; fileName: string | undefined; clientToken: string | undefined }): void {
  const flagOf: Record<string, string> = { UrlExpiryInSeconds: "--url-expiry", Tags: "--tag", FileName: "--file-name", ClientToken: "--client-token" };
  // Placeholders for the members that do not come from these flags, so that only the flags are judged.
  const probe = {
    InstanceId: "i",
    AssociatedResourceArn: "arn",
    FileName: flags.fileName ?? "file",
    FileSizeInBytes: 1,
    FileUseCaseType: "ATTACHMENT",
    ...(flags.urlExpiry !== undefined ? { UrlExpiryInSeconds: flags.urlExpiry } : {}),
    ...(flags.tags ? { Tags: flags.tags } : {}),
    ...(flags.clientToken !== undefined ? { ClientToken: flags.clientToken } : {}),
  };
  for (const violation of validateStartAttachedFileUploadRequest(probe)) {
    const flag = flagOf[violation.path.split("/")[1] ?? ""];
    if (!flag) continue;
    if (flag === "--url-expiry") throw new UsageError(`--url-expiry must be a whole number of seconds from 5 to 300, got ${flags.urlExpiry}.`);
    throw new UsageError(`${flag}: ${violation.message}`);
  }
}

async function checkFile(path: string): Promise<void> {
  let info;
  try {
    info = await stat(path);
  } catch (error) {
    const code = (error as { code?: string }).code;
    throw new UsageError(code === "ENOENT" ? `no such file: ${quote(path)}.` : `cannot read ${quote(path)}: ${code ?? (error as Error).message}.`);
  }
  if (info.isDirectory()) throw new UsageError(`${quote(path)} is a directory; upload takes a file.`);
  if (!info.isFile()) throw new UsageError(`${quote(path)} is not a regular file.`);
  if (info.size === 0) throw new UsageError(`${quote(path)} is empty; Connect accepts files of at least 1 byte.`);
}

function optionalNumber(text: string | undefined, flag: string): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0) throw new UsageError(`${flag} must be a positive number, got ${JSON.stringify(text)}.`);
  return value;
}

function parseTags(tags: string[] | undefined): Record<string, string> | undefined {
  if (!tags?.length) return undefined;
  const out: Record<string, string> = {};
  for (const tag of tags) {
    const eq = tag.indexOf("=");
    if (eq <= 0) throw new UsageError(`--tag must be key=value, got ${JSON.stringify(tag)}.`);
    out[tag.slice(0, eq)] = tag.slice(eq + 1);
  }
  return out;
}
