// Hand-written (scaffolded once by sdkgen): the cases and related items the fake Cases service keeps
// in memory, shared by the behaviours in ./behaviours.
import { randomUUID } from "node:crypto";
import type { CreateCaseResponse, FieldValueUnion, RelatedItemContent, RelatedItemType, UserUnion } from "@connect-sdk/types-connectcases";
import type { FakeEnvironment } from "@connect-sdk/test-kit";

/**
 * The attached files of an Amazon Connect instance, as far as the Cases fake needs to know them:
 * what CreateRelatedItem consults for an item of type `File`. The fake Connect service's state
 * (`startFakeConnect().state` from @connect-sdk/test-fixtures-connect) is one.
 */
export interface AttachedFileDirectory {
  /** The file with this ARN, or `undefined` when Connect does not know it (never started, or deleted). */
  lookupFile(fileArn: string): { status: string; associatedResourceArn: string } | undefined;
}

/** Options of the state, accepted by the fake's start function. */
export interface FakeStateOptions {
  /**
   * Where CreateRelatedItem checks a file item's `fileArn`: the file must exist, be APPROVED and be
   * attached to the same case. Without it, any well-formed Connect file ARN is accepted (there is
   * no Connect service to ask). SearchRelatedItems leaves out file items whose file is gone.
   */
  files?: AttachedFileDirectory;
  /** Refuse more related items per case with ServiceQuotaExceededException. Default: no limit. */
  maxRelatedItemsPerCase?: number;
}

export interface RelatedItemRecord {
  relatedItemId: string;
  relatedItemArn: string;
  type: RelatedItemType;
  content: RelatedItemContent;
  associationTime: Date;
  performedBy: UserUnion | undefined;
}

export interface CaseRecord {
  domainId: string;
  caseId: string;
  caseArn: string;
  templateId: string;
  /** Field values by field id, in the order they were set. */
  fields: Map<string, FieldValueUnion>;
  tags: Record<string, string> | undefined;
  performedBy: UserUnion | undefined;
  creationTime: Date;
  /** Related items by id, in the order they were added. */
  relatedItems: Map<string, RelatedItemRecord>;
}

export class FakeState {
  /** Cases by domain and case id. */
  readonly cases = new Map<string, CaseRecord>();
  /** The first CreateCase answer by domain and clientToken, with its request's fingerprint. */
  readonly tokens = new Map<string, { fingerprint: string; response: CreateCaseResponse }>();

  constructor(
    readonly options: FakeStateOptions,
    readonly environment: FakeEnvironment,
  ) {}

  caseArn(domainId: string, caseId: string): string {
    return `arn:aws:cases:${this.environment.region}:${this.environment.accountId}:domain/${domainId}/case/${caseId}`;
  }

  findCase(domainId: string, caseId: string): CaseRecord | undefined {
    return this.cases.get(caseKey(domainId, caseId));
  }

  /**
   * Adds a case directly (no request), with the given id or a new one: for tests and for tools
   * such as `connect-attach --fake --case <ARN>` that need a case with a known ARN. An existing case
   * is returned as it is.
   */
  addCase(domainId: string, caseId: string = randomUUID(), init: { templateId?: string; fields?: Record<string, FieldValueUnion> } = {}): CaseRecord {
    const existing = this.findCase(domainId, caseId);
    if (existing) return existing;
    const record: CaseRecord = {
      domainId,
      caseId,
      caseArn: this.caseArn(domainId, caseId),
      templateId: init.templateId ?? "fake-template",
      fields: new Map(Object.entries(init.fields ?? {})),
      tags: undefined,
      performedBy: undefined,
      creationTime: this.environment.clock.now(),
      relatedItems: new Map(),
    };
    this.cases.set(caseKey(domainId, caseId), record);
    return record;
  }

  relatedItemArn(record: CaseRecord, relatedItemId: string): string {
    return `${record.caseArn}/related-item/${relatedItemId}`;
  }
}

function caseKey(domainId: string, caseId: string): string {
  return `${domainId}\u0000${caseId}`;
}

export function createFakeState(options: FakeStateOptions, environment: FakeEnvironment): FakeState {
  return new FakeState(options, environment);
}
