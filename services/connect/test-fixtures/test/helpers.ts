import { request } from "node:http";
import type { ViolationRef } from "@connect-sdk/test-fixtures-connect";

/** The words the service's message uses for each kind of constraint. */
const PHRASES: Record<ViolationRef["constraint"], RegExp> = {
  required: /must not be null/,
  type: /must be /,
  length: /must have length/,
  range: /must be (between|greater than|less than)/,
  pattern: /must satisfy regular expression pattern/,
  enum: /must satisfy enum value set/,
  union: /must have exactly one member set/,
  uniqueItems: /must have unique values/,
  sparse: /must not be null/,
};

/** Whether a validation message reports this violation: the member path and the constraint's words. */
export function reports(message: string, violation: ViolationRef): boolean {
  return message.split("; ").some((part) => part.includes(`'${violation.path}'`) && PHRASES[violation.constraint].test(part));
}

export interface PutReply {
  status: number;
  body: string;
}

/** A PUT with full control of the headers (fetch would compute Content-Length itself). */
export function put(url: string, headers: Record<string, string>, body: Buffer): Promise<PutReply> {
  const u = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request({ host: u.hostname, port: Number(u.port), method: "PUT", path: `${u.pathname}${u.search}`, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") }));
    });
    req.on("error", reject);
    req.end(body);
  });
}

export const FILE_INPUT = {
  InstanceId: "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0",
  AssociatedResourceArn: "arn:aws:cases:us-west-2:123456789012:domain/d-1/case/c-1",
  FileName: "invoice.pdf",
  FileSizeInBytes: 11,
  FileUseCaseType: "ATTACHMENT" as const,
};
