#!/usr/bin/env node
// The Quick start demo: builds a StartAttachedFileUpload request with the generated client and
// prints exactly what would go on the wire — signed with SigV4 — without sending it anywhere.
import { ConnectClient, StartAttachedFileUploadCommand } from "@connect-sdk/client";
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
