#!/usr/bin/env node
// The Quick start demo: builds a StartAttachedFileUpload request with the generated client and
// prints exactly what would go on the wire — signed with SigV4 — without sending it anywhere.
// Then it uploads a local file for real: to the fake Connect service of @connect-sdk/test-fixtures-connect
// by default, or to Amazon Connect when given a Region, an instance id and a case ARN — first call
// by call, then in one call with uploadAttachedFile from @connect-sdk/attachments, and last attached
// to a case with attachFileToCase (against the fake Cases service, wired to the fake Connect service):
//
//   node scripts/demo.mjs [--file <path>] [--region <r> --instance-id <id> --case-arn <arn>]
//   (or AWS_REGION, CONNECT_INSTANCE_ID, CONNECT_CASE_ARN; credentials: the AWS default chain)
import { readFile, stat } from "node:fs/promises";
import { basename, resolve } from "node:path";
import { parseArgs } from "node:util";
import {
  CompleteAttachedFileUploadCommand,
  ConnectClient,
  GetAttachedFileCommand,
  StartAttachedFileUploadCommand,
} from "@connect-sdk/client-connect";
import { attachFileToCase, uploadAttachedFile } from "@connect-sdk/attachments";
import { ConnectCasesClient, CreateCaseCommand, SearchRelatedItemsCommand } from "@connect-sdk/client-connectcases";
import { startFakeConnect } from "@connect-sdk/test-fixtures-connect";
import { startFakeConnectCases } from "@connect-sdk/test-fixtures-connectcases";
import { HttpResponse } from "@smithy/core/protocols";

const input = {
  InstanceId: "a1b2c3d4-5678-90ab-cdef-EXAMPLE11111",
  AssociatedResourceArn: "arn:aws:cases:us-west-2:123456789012:domain/d-1/case/c-1",
  FileName: "invoice.pdf",
  FileSizeInBytes: 12345,
  FileUseCaseType: "ATTACHMENT",
  UrlExpiryInSeconds: 300,
  CreatedBy: { ConnectUserArn: "arn:aws:connect:us-west-2:123456789012:instance/a1b2c3d4/agent/agent-1" },
  Tags: { team: "billing" },
};

/** A request handler that records the request and answers like the service would. */
const printingHandler = {
  async handle(request) {
    const query = new URLSearchParams(request.query).toString();
    console.log("The signed request the client would send:\n");
    console.log(`${request.method} ${request.protocol}//${request.hostname}${request.path}${query ? `?${query}` : ""}`);
    for (const [name, value] of Object.entries(request.headers).sort(([a], [b]) => a.localeCompare(b))) console.log(`${name}: ${value}`);
    console.log(`\n${JSON.stringify(JSON.parse(request.body), null, 2)}\n`);
    const body = JSON.stringify({
      FileArn: "arn:aws:connect:us-west-2:123456789012:instance/a1b2c3d4/file/f-1",
      FileId: "f-1",
      FileStatus: "PROCESSING",
      CreationTime: "2026-11-25T12:00:00.000Z",
      UploadUrlMetadata: { Url: "https://example-bucket.s3.amazonaws.com/f-1?X-Amz-Signature=…", UrlExpiry: "2026-11-25T12:05:00.000Z", HeadersToInclude: { "content-type": "application/pdf" } },
    });
    return { response: new HttpResponse({ statusCode: 200, headers: { "content-type": "application/json", "x-amzn-requestid": "demo-request-1" }, body: new TextEncoder().encode(body) }) };
  },
};

const client = new ConnectClient({
  region: "us-west-2",
  credentials: { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY" },
  requestHandler: printingHandler,
});
const output = await client.send(new StartAttachedFileUploadCommand(input));
console.log("Parsed output:", output);

// Part two: the whole upload, against the fake service (or the real one).
const { values: args } = parseArgs({
  options: {
    file: { type: "string" },
    region: { type: "string" },
    "instance-id": { type: "string" },
    "case-arn": { type: "string" },
  },
});
const real = {
  region: args.region ?? process.env.AWS_REGION,
  instanceId: args["instance-id"] ?? process.env.CONNECT_INSTANCE_ID,
  caseArn: args["case-arn"] ?? process.env.CONNECT_CASE_ARN,
};
const useAws = Boolean(real.region && real.instanceId && real.caseArn);
const file = resolve(args.file ?? new URL("../README.md", import.meta.url).pathname);
const bytes = await readFile(file);

const fake = useAws ? undefined : await startFakeConnect();
try {
  console.log(useAws ? `\nUploading ${file} to Amazon Connect in ${real.region}…` : `\nUploading ${file} to the fake Connect service at ${fake.endpoint}…`);
  const connect = new ConnectClient(useAws ? { region: real.region } : fake.clientConfig);
  const ids = {
    InstanceId: useAws ? real.instanceId : "a1b2c3d4-5678-90ab-cdef-EXAMPLE11111",
    AssociatedResourceArn: useAws ? real.caseArn : "arn:aws:cases:us-west-2:123456789012:domain/d-1/case/c-1",
  };
  const started = await connect.send(
    new StartAttachedFileUploadCommand({ ...ids, FileName: basename(file), FileSizeInBytes: (await stat(file)).size, FileUseCaseType: "ATTACHMENT" }),
  );
  const { Url, HeadersToInclude } = started.UploadUrlMetadata;
  const put = await fetch(Url, { method: "PUT", headers: HeadersToInclude, body: bytes });
  if (!put.ok) throw new Error(`The upload was refused: HTTP ${put.status} ${await put.text()}`);
  await connect.send(new CompleteAttachedFileUploadCommand({ ...ids, FileId: started.FileId }));
  const got = await connect.send(new GetAttachedFileCommand({ ...ids, FileId: started.FileId }));
  const landed = useAws ? `${new URL(Url).origin}${new URL(Url).pathname}` : fake.state.files.get(started.FileId).upload.path;
  console.log(`FileId:  ${started.FileId}`);
  console.log(`Status:  ${started.FileStatus} after StartAttachedFileUpload, ${got.FileStatus} after CompleteAttachedFileUpload`);
  console.log(`Bytes:   ${bytes.byteLength} → ${landed}`);

  // Part three: the same in one call with @connect-sdk/attachments: start, PUT streamed from disk
  // (retried, restarted if the URL expires), complete, and wait until the file is APPROVED.
  console.log("\nAgain in one call: uploadAttachedFile() from @connect-sdk/attachments, waiting for approval…");
  const result = await uploadAttachedFile({
    client: connect,
    instanceId: ids.InstanceId,
    associatedResourceArn: ids.AssociatedResourceArn,
    file,
    wait: true,
    onProgress: (p) => p.event === "stage" && console.log(`  ${p.stage}${p.fileId ? ` (${p.fileId})` : ""}`),
  });
  console.log(`FileId:  ${result.fileId}`);
  console.log(`Status:  ${result.status} after ${result.attempts.polls} poll(s); ${result.fileSizeInBytes} bytes in ${Math.round(result.timings.totalMs)} ms`);

  // Part four: what the attached-file API is for: the file attached to a case. Against the fakes, a
  // fake Cases service (which asks the fake Connect service about the file) holds a new case.
  const casesFake = useAws ? undefined : await startFakeConnectCases({ files: fake.state });
  try {
    const cases = new ConnectCasesClient(useAws ? { region: real.region } : casesFake.clientConfig);
    const caseArn = useAws
      ? real.caseArn
      : (await cases.send(new CreateCaseCommand({ domainId: "d-demo", templateId: "t-demo", fields: [{ id: "title", value: { stringValue: "Invoice dispute" } }] }))).caseArn;
    console.log(`\nAttached to a case: attachFileToCase() uploads, waits for approval and relates the file to ${caseArn}…`);
    const attached = await attachFileToCase({ client: connect, casesClient: cases, instanceId: ids.InstanceId, caseArn, file });
    console.log(`FileId:  ${attached.file.fileId} (${attached.file.status})`);
    console.log(`Related item: ${attached.relatedItem.relatedItemArn}`);
    const { relatedItems } = await cases.send(new SearchRelatedItemsCommand({ domainId: attached.domainId, caseId: attached.caseId, filters: [{ file: { fileArn: attached.file.fileArn } }] }));
    console.log(`The case lists it: ${relatedItems.length} file item(s) with that ARN`);
    cases.destroy();
  } finally {
    await casesFake?.close();
  }
  connect.destroy();
} finally {
  await fake?.close();
}
