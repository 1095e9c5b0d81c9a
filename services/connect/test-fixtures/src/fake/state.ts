// Hand-written (scaffolded once by sdkgen): the attached files the fake Connect service keeps in
// memory, shared by the behaviours in ./behaviours.
import { randomUUID } from "node:crypto";
import type { CreatedByInfo, FileStatusType, FileUseCaseType, StartAttachedFileUploadResponse } from "@connect-sdk/types-connect";
import type { FakeEnvironment, UploadSlot } from "@connect-sdk/test-kit";

/** A file's status once processing is over. */
export type FinalFileStatus = Exclude<FileStatusType, "PROCESSING">;

/** What decides a file's final status. */
export interface ScanSubject {
  fileName: string;
  fileSizeInBytes: number;
  fileUseCaseType: string;
}

export interface FakeStateOptions {
  /** How long a completed upload stays PROCESSING before it gets its final status (default 0 ms). */
  processingDelayMs?: number;
  /**
   * A completed file's final status. Default: REJECTED for names with "eicar" or "malware" in them
   * or ending in `.exe` (as a malware scan would), otherwise APPROVED.
   */
  scan?: (file: ScanSubject) => FinalFileStatus;
  /** Refuse larger files with InvalidRequestException (INVALID_FILE_SIZE). Default: no limit. */
  maxFileSizeInBytes?: number;
  /** Refuse other file extensions with InvalidRequestException (INVALID_FILE_TYPE), e.g. `[".pdf", ".png"]`. Default: any. */
  allowedExtensions?: string[];
  /** Refuse more files per associated resource with ServiceQuotaExceededException (TOTAL_FILE_COUNT_EXCEEDED). Default: no limit. */
  maxFilesPerResource?: number;
}

export interface FileRecord {
  fileId: string;
  fileArn: string;
  instanceId: string;
  associatedResourceArn: string;
  fileName: string;
  fileSizeInBytes: number;
  fileUseCaseType: FileUseCaseType;
  createdBy: CreatedByInfo;
  tags: Record<string, string> | undefined;
  creationTime: Date;
  /** The pre-signed upload on the fake S3 endpoint; `upload.path` is where the bytes landed. */
  upload: UploadSlot;
  /** When CompleteAttachedFileUpload was called. */
  completedAt?: Date;
  /** Decided at completion; reported once the processing delay is over. */
  finalStatus?: FinalFileStatus;
  /** The StartAttachedFileUpload answer, replayed for a retry with the same ClientToken. */
  startResponse: StartAttachedFileUploadResponse;
  /** The request a ClientToken was first used with (without the token), for idempotency. */
  fingerprint: string;
}

export const DEFAULT_SCAN = (file: ScanSubject): FinalFileStatus =>
  /eicar|malware/i.test(file.fileName) || /\.exe$/i.test(file.fileName) ? "REJECTED" : "APPROVED";

export class FakeState {
  /** Files by id, deleted ones removed. */
  readonly files = new Map<string, FileRecord>();
  /**
   * The first StartAttachedFileUpload answer by instance and ClientToken, with its request's
   * fingerprint. Kept after the file is deleted, as an idempotency record is: a late replay of
   * the token gets the same (deleted) file back instead of creating another one.
   */
  readonly tokens = new Map<string, { fingerprint: string; startResponse: StartAttachedFileUploadResponse }>();
  private scanFailures = 0;

  constructor(
    readonly options: FakeStateOptions,
    readonly environment: FakeEnvironment,
  ) {}

  /** The next `count` completed files end up FAILED, as if processing broke (an injected fault). */
  failNextScans(count = 1): void {
    this.scanFailures += count;
  }

  /** A new file id (a UUID, as the service's). */
  nextFileId(): string {
    return randomUUID();
  }

  fileArn(instanceId: string, fileId: string): string {
    return `arn:aws:connect:${this.environment.region}:${this.environment.accountId}:instance/${instanceId}/file/${fileId}`;
  }

  /** The file if it exists for this instance and associated resource (what the service can see). */
  find(instanceId: string, fileId: string, associatedResourceArn: string): FileRecord | undefined {
    const file = this.files.get(fileId);
    return file && file.instanceId === instanceId && file.associatedResourceArn === associatedResourceArn ? file : undefined;
  }

  /**
   * The file with this ARN, with its status now and the resource it is attached to; `undefined`
   * when there is none (never started, or deleted). This makes the state an attached-file directory
   * for the fake Cases service (`startFakeConnectCases({ files: fakeConnect.state })`), whose
   * CreateRelatedItem consults it.
   */
  lookupFile(fileArn: string): { status: FileStatusType; associatedResourceArn: string } | undefined {
    for (const file of this.files.values()) {
      if (file.fileArn === fileArn) return { status: this.statusOf(file), associatedResourceArn: file.associatedResourceArn };
    }
    return undefined;
  }

  filesOf(associatedResourceArn: string): FileRecord[] {
    return [...this.files.values()].filter((f) => f.associatedResourceArn === associatedResourceArn);
  }

  /** The status as the service reports it now: PROCESSING until completed and the delay is over. */
  statusOf(file: FileRecord, now: Date = this.environment.clock.now()): FileStatusType {
    if (!file.completedAt || !file.finalStatus) return "PROCESSING";
    const ready = file.completedAt.getTime() + (this.options.processingDelayMs ?? 0);
    return now.getTime() >= ready ? file.finalStatus : "PROCESSING";
  }

  /** Marks a file completed and decides how its processing ends. */
  complete(file: FileRecord): void {
    if (file.completedAt) return;
    file.completedAt = this.environment.clock.now();
    if (this.scanFailures > 0) {
      this.scanFailures--;
      file.finalStatus = "FAILED";
    } else {
      const scan = this.options.scan ?? DEFAULT_SCAN;
      file.finalStatus = scan({ fileName: file.fileName, fileSizeInBytes: file.fileSizeInBytes, fileUseCaseType: file.fileUseCaseType });
    }
  }

  async remove(file: FileRecord): Promise<void> {
    this.files.delete(file.fileId);
    await this.environment.uploads.remove(file.upload);
  }
}

export function createFakeState(options: FakeStateOptions, environment: FakeEnvironment): FakeState {
  return new FakeState(options, environment);
}
