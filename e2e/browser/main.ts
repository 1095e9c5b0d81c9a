// A browser page, bundled by Vite from the packed client, that attaches a file through the fake
// Connect service: start, PUT to the pre-signed URL with exactly HeadersToInclude, complete, get,
// and download the bytes back. The test reads `window.__result`. The fake's address and test
// credentials come in the query string; the page is served from another origin, so every call is
// a real cross-origin request (CORS preflight included). Then the same with uploadAttachedFile from
// @connect-sdk/attachments (its browser build: fetch and a File), waiting for approval.
import { uploadAttachedFile } from "@connect-sdk/attachments";
import {
  CompleteAttachedFileUploadCommand,
  ConnectClient,
  GetAttachedFileCommand,
  StartAttachedFileUploadCommand,
} from "@connect-sdk/client-connect";

declare global {
  interface Window {
    __result?: Record<string, unknown>;
  }
}

const params = new URLSearchParams(location.search);
const ids = {
  InstanceId: params.get("instanceId")!,
  AssociatedResourceArn: params.get("caseArn")!,
};

async function attach(): Promise<Record<string, unknown>> {
  const client = new ConnectClient({
    endpoint: params.get("endpoint")!,
    region: params.get("region")!,
    credentials: { accessKeyId: params.get("accessKeyId")!, secretAccessKey: params.get("secretAccessKey")! },
    maxAttempts: 1,
  });
  const content = new TextEncoder().encode(`hello from ${navigator.userAgent.includes("HeadlessChrome") ? "headless Chromium" : "a browser"}`);
  const file = new File([content], "browser.txt", { type: "text/plain" });
  const started = await client.send(
    new StartAttachedFileUploadCommand({ ...ids, FileName: file.name, FileSizeInBytes: file.size, FileUseCaseType: "ATTACHMENT" }),
  );
  const { Url, HeadersToInclude } = started.UploadUrlMetadata!;
  const put = await fetch(Url!, { method: "PUT", headers: HeadersToInclude, body: file });
  const etag = put.headers.get("etag");
  if (!put.ok) throw new Error(`PUT refused: ${put.status} ${await put.text()}`);
  await client.send(new CompleteAttachedFileUploadCommand({ ...ids, FileId: started.FileId! }));
  const got = await client.send(new GetAttachedFileCommand({ ...ids, FileId: started.FileId!, UrlExpiryInSeconds: 60 }));
  const download = await fetch(got.DownloadUrlMetadata!.Url!);
  return {
    fileId: started.FileId,
    requestId: started.$metadata.requestId,
    headersToInclude: HeadersToInclude,
    etag,
    status: got.FileStatus,
    fileName: got.FileName,
    downloaded: await download.text(),
    sent: new TextDecoder().decode(content),
  };
}

/** An error from the service, read through CORS: its name and HTTP status must reach the page. */
async function refused(): Promise<Record<string, unknown>> {
  const client = new ConnectClient({
    endpoint: params.get("endpoint")!,
    region: params.get("region")!,
    credentials: { accessKeyId: params.get("accessKeyId")!, secretAccessKey: "not-the-secret" },
    maxAttempts: 1,
  });
  try {
    await client.send(new GetAttachedFileCommand({ ...ids, FileId: "f-1", UrlExpiryInSeconds: 60 }));
    return { ok: true };
  } catch (error) {
    const e = error as { name: string; $metadata?: { httpStatusCode?: number; requestId?: string } };
    return { name: e.name, status: e.$metadata?.httpStatusCode, requestId: e.$metadata?.requestId };
  }
}

/** uploadAttachedFile with a File: start, PUT (fetch), complete, and wait until APPROVED. */
async function upload(): Promise<Record<string, unknown>> {
  const client = new ConnectClient({
    endpoint: params.get("endpoint")!,
    region: params.get("region")!,
    credentials: { accessKeyId: params.get("accessKeyId")!, secretAccessKey: params.get("secretAccessKey")! },
  });
  const bytes = new Uint8Array(300 * 1024).map((_, i) => i % 251);
  const file = new File([bytes], "photo.png", { type: "image/png" });
  const stages: string[] = [];
  const result = await uploadAttachedFile({
    client,
    instanceId: ids.InstanceId,
    associatedResourceArn: ids.AssociatedResourceArn,
    file,
    wait: { minDelayMs: 50 },
    onProgress: (p) => void (p.event === "stage" && stages.push(p.stage)),
  });
  return { fileId: result.fileId, status: result.status, size: result.fileSizeInBytes, clientToken: result.clientToken, stages };
}

async function main(): Promise<void> {
  try {
    window.__result = { attach: await attach(), refused: await refused(), upload: await upload() };
  } catch (error) {
    window.__result = { error: `${(error as Error).name}: ${(error as Error).message}` };
  }
  document.getElementById("out")!.textContent = JSON.stringify(window.__result, null, 2);
}

void main();
