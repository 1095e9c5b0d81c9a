// The one scenario every measurement runs, identical for both SDKs:
// a ConnectClient in us-west-2 with static credentials and a stub request handler
// that answers every request with the same canned StartAttachedFileUpload response.
//
// This module is imported by the cold-start / bundle entry files (and bundled by esbuild
// into both bundles), and by the throughput child process.
import { HttpResponse } from "@smithy/protocol-http";

export const REGION = "us-west-2";

// Not frozen, and copied per client: an SDK may tag the object it is given (AWS's adds `$source`).
export const CREDENTIALS = {
  accessKeyId: "AKIDEXAMPLEBENCH0000",
  secretAccessKey: "bench/secret/key/not+a+real+one/EXAMPLEKEY",
};

const INSTANCE_ID = "a1b2c3d4-5678-90ab-cdef-0123456789ab";
const INSTANCE_ARN = `arn:aws:connect:us-west-2:123456789012:instance/${INSTANCE_ID}`;

export const INPUT = Object.freeze({
  InstanceId: INSTANCE_ID,
  ClientToken: "0f6e2b5c-9d4a-4c1e-8b7a-3e2d1c0b9a87",
  FileName: "quarterly-report.pdf",
  FileSizeInBytes: 1048576,
  UrlExpiryInSeconds: 300,
  FileUseCaseType: "ATTACHMENT",
  AssociatedResourceArn: `${INSTANCE_ARN}/case/6f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b`,
  CreatedBy: { ConnectUserArn: `${INSTANCE_ARN}/agent/11112222-3333-4444-5555-666677778888` },
  Tags: { team: "support", env: "bench" },
});

export const EXPECTED_FILE_ID = "7c5b3a1e-2f4d-4e6a-9b8c-0d1e2f3a4b5c";

const CANNED_BODY = JSON.stringify({
  FileArn: `${INSTANCE_ARN}/file/${EXPECTED_FILE_ID}`,
  FileId: EXPECTED_FILE_ID,
  CreationTime: "2024-05-03T02:41:28.172Z",
  FileStatus: "PROCESSING",
  CreatedBy: { ConnectUserArn: INPUT.CreatedBy.ConnectUserArn },
  UploadUrlMetadata: {
    Url: "https://connect-attachments-example.s3.us-west-2.amazonaws.com/upload/quarterly-report.pdf?X-Amz-Signature=abc123",
    UrlExpiry: "2024-05-03T02:46:28.172Z",
    HeadersToInclude: {
      "Content-Type": "application/pdf",
      "x-amz-meta-file-id": EXPECTED_FILE_ID,
    },
  },
});
const CANNED_BYTES = new TextEncoder().encode(CANNED_BODY);

const CANNED_HEADERS = Object.freeze({
  "content-type": "application/json",
  "content-length": String(CANNED_BYTES.byteLength),
  "x-amzn-requestid": "5d7c6b5a-4e3f-4a2b-9c1d-0e9f8a7b6c5d",
  date: "Fri, 03 May 2024 02:41:28 GMT",
});

/**
 * A request handler that never touches the network. Besides `handle`, it has the
 * no-op hooks of the Smithy HttpHandler interface so that either SDK can treat it as
 * its own handler. `lastRequest` lets callers check what was actually sent.
 */
export function createStubHandler() {
  const handler = {
    lastRequest: undefined,
    async handle(request) {
      handler.lastRequest = request;
      return {
        response: new HttpResponse({
          statusCode: 200,
          headers: { ...CANNED_HEADERS },
          // A fresh copy per response: an SDK may re-prototype or consume the body.
          body: CANNED_BYTES.slice(),
        }),
      };
    },
    updateHttpClientConfig() {},
    httpHandlerConfigs() {
      return {};
    },
    destroy() {},
  };
  return handler;
}

export function createClient(ConnectClient, requestHandler = createStubHandler()) {
  return new ConnectClient({ region: REGION, credentials: { ...CREDENTIALS }, requestHandler });
}

/** Throws unless the response was really deserialized. */
export function assertOutput(output) {
  if (output?.FileId !== EXPECTED_FILE_ID) {
    throw new Error(`unexpected output: FileId=${JSON.stringify(output?.FileId)}`);
  }
  if (output.UploadUrlMetadata?.HeadersToInclude?.["x-amz-meta-file-id"] !== EXPECTED_FILE_ID) {
    throw new Error("unexpected output: UploadUrlMetadata.HeadersToInclude was not deserialized");
  }
  if (output.CreatedBy?.ConnectUserArn !== INPUT.CreatedBy.ConnectUserArn) {
    throw new Error("unexpected output: CreatedBy.ConnectUserArn was not deserialized");
  }
}

/** Throws unless the request was serialized to the REST binding and SigV4-signed. */
export function assertRequest(request) {
  if (!request) throw new Error("the stub handler was never called");
  if (request.method !== "PUT") throw new Error(`unexpected method ${request.method}`);
  if (request.path !== `/attached-files/${INSTANCE_ID}`) throw new Error(`unexpected path ${request.path}`);
  const auth = Object.entries(request.headers ?? {}).find(([k]) => k.toLowerCase() === "authorization")?.[1];
  if (!String(auth ?? "").startsWith("AWS4-HMAC-SHA256 ")) throw new Error("request was not SigV4-signed");
  const body = typeof request.body === "string" ? request.body : new TextDecoder().decode(request.body);
  if (!body.includes(INPUT.FileName)) throw new Error("request body does not contain the input");
}

/** Import → construct → one send, with both checks. What the cold-start entries and bundles do. */
export async function runOnce(ConnectClient, StartAttachedFileUploadCommand) {
  const handler = createStubHandler();
  const client = createClient(ConnectClient, handler);
  const output = await client.send(new StartAttachedFileUploadCommand(INPUT));
  assertRequest(handler.lastRequest);
  assertOutput(output);
  return output;
}

// --- The two-client app (Connect and Cases together) -------------------------------------------
// The same stub, answering the Cases client's CreateRelatedItem: what an app attaching a file to a
// case sends after the upload.

const CASE_ARN = "arn:aws:cases:us-west-2:123456789012:domain/0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b/case/6f1e2d3c4b5a69788a9b0c1d2e3f4a5b";
export const CASES_INPUT = Object.freeze({
  domainId: "0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b",
  caseId: "6f1e2d3c4b5a69788a9b0c1d2e3f4a5b",
  type: "File",
  content: { file: { fileArn: `${INSTANCE_ARN}/file/${EXPECTED_FILE_ID}` } },
});
export const EXPECTED_RELATED_ITEM_ID = "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d";
const CASES_BYTES = new TextEncoder().encode(
  JSON.stringify({ relatedItemId: EXPECTED_RELATED_ITEM_ID, relatedItemArn: `${CASE_ARN}/related-item/${EXPECTED_RELATED_ITEM_ID}` }),
);

function createCasesStubHandler() {
  const handler = createStubHandler();
  handler.handle = async (request) => {
    handler.lastRequest = request;
    return {
      response: new HttpResponse({
        statusCode: 200,
        headers: { ...CANNED_HEADERS, "content-length": String(CASES_BYTES.byteLength) },
        body: CASES_BYTES.slice(),
      }),
    };
  };
  return handler;
}

/**
 * The two-client app: import both → construct both → StartAttachedFileUpload through the Connect
 * client (checked as in runOnce) → CreateRelatedItem through the Cases client, whose request must
 * be a signed POST to the case's related items and whose output must be deserialized.
 */
export async function runPairOnce(ConnectClient, StartAttachedFileUploadCommand, ConnectCasesClient, CreateRelatedItemCommand) {
  const output = await runOnce(ConnectClient, StartAttachedFileUploadCommand);
  const handler = createCasesStubHandler();
  const cases = new ConnectCasesClient({ region: REGION, credentials: { ...CREDENTIALS }, requestHandler: handler });
  const related = await cases.send(new CreateRelatedItemCommand({ ...CASES_INPUT, content: { file: { fileArn: output.FileArn } } }));
  const request = handler.lastRequest;
  if (request?.method !== "POST" || request.path !== `/domains/${CASES_INPUT.domainId}/cases/${CASES_INPUT.caseId}/related-items/`) {
    throw new Error(`unexpected Cases request ${request?.method} ${request?.path}`);
  }
  const auth = Object.entries(request.headers ?? {}).find(([k]) => k.toLowerCase() === "authorization")?.[1];
  if (!String(auth ?? "").includes("/cases/aws4_request")) throw new Error("the Cases request was not SigV4-signed for cases");
  if (related?.relatedItemId !== EXPECTED_RELATED_ITEM_ID) throw new Error(`unexpected output: relatedItemId=${JSON.stringify(related?.relatedItemId)}`);
  return related;
}
