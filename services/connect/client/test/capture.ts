import { HttpResponse, type HttpRequest } from "@smithy/core/protocols";
import type { StartAttachedFileUploadCommandInput } from "../src/index.js";

/** Test credentials (the AWS documentation example pair). */
export const credentials = { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY" };

/** A valid StartAttachedFileUpload input with only the required members. */
export const sampleInput: StartAttachedFileUploadCommandInput = {
  InstanceId: "inst-1",
  AssociatedResourceArn: "arn:aws:cases:us-west-2:123456789012:domain/d-1/case/c-1",
  FileName: "report.pdf",
  FileSizeInBytes: 1024,
  FileUseCaseType: "ATTACHMENT",
};

export interface CannedResponse {
  statusCode: number;
  headers?: Record<string, string>;
  body?: string;
}

/** A request handler that records every request and answers from a script. */
export class CapturingHandler {
  readonly requests: HttpRequest[] = [];
  private readonly script: (CannedResponse | Error)[];

  constructor(...script: (CannedResponse | Error)[]) {
    this.script = script;
  }

  async handle(request: HttpRequest): Promise<{ response: HttpResponse }> {
    this.requests.push(request);
    const next = this.script.length > 1 ? this.script.shift()! : this.script[0]!;
    if (next instanceof Error) throw next;
    return {
      response: new HttpResponse({
        statusCode: next.statusCode,
        headers: next.headers ?? {},
        body: new TextEncoder().encode(next.body ?? ""),
      }),
    };
  }

  get last(): HttpRequest {
    return this.requests[this.requests.length - 1]!;
  }

  /** The JSON body of the last request. */
  get lastBody(): unknown {
    return JSON.parse(String(this.last.body));
  }
}

export const json = (statusCode: number, body: unknown, headers: Record<string, string> = {}): CannedResponse => ({
  statusCode,
  headers: { "content-type": "application/json", ...headers },
  body: JSON.stringify(body),
});
