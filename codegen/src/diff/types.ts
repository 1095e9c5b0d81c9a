/**
 * What a model diff reports: a flat list of changes, each classified by the
 * semver bump it calls for in the generated packages.
 */

/** `major` breaks existing callers, `minor` adds, `patch` changes nothing a program can see. */
export type Severity = "major" | "minor" | "patch";

/** The bump a whole diff calls for; `none` when the models are equivalent. */
export type Bump = Severity | "none";

export const SEVERITIES: readonly Severity[] = ["major", "minor", "patch"];

/** Stable identifiers of the kinds of change, in the spirit of smithy-diff's event ids. */
export type ChangeCode =
  | "AddedOperation"
  | "RemovedOperation"
  | "ChangedOperationInput"
  | "ChangedOperationOutput"
  | "ChangedHttpTrait"
  | "ChangedHostPrefix"
  | "AddedOperationError"
  | "RemovedOperationError"
  | "ChangedRequestChecksum"
  | "ChangedRequestCompression"
  | "ChangedEndpointParams"
  | "ChangedPagination"
  | "AddedShape"
  | "RemovedShape"
  | "RenamedShape"
  | "ChangedShapeType"
  | "ChangedTypeName"
  | "AddedMember"
  | "RemovedMember"
  | "RenamedMember"
  | "ChangedMemberTarget"
  | "ChangedNullability"
  | "ChangedDefault"
  | "ChangedHttpBinding"
  | "ChangedJsonName"
  | "ChangedTimestampFormat"
  | "ChangedIdempotencyToken"
  | "ChangedLengthTrait"
  | "ChangedRangeTrait"
  | "ChangedPatternTrait"
  | "ChangedUniqueItems"
  | "ChangedSparse"
  | "ChangedStreaming"
  | "ChangedMediaType"
  | "AddedEnumValue"
  | "RemovedEnumValue"
  | "RenamedEnumValue"
  | "ChangedEnumValue"
  | "ChangedError"
  | "ChangedService"
  | "ChangedProtocol"
  | "ChangedAuth"
  | "ChangedServiceVersion"
  | "ChangedEndpointRules"
  | "ChangedClientContextParams"
  | "ChangedSensitive"
  | "ChangedDeprecation"
  | "ChangedDocumentation"
  | "ChangedTrait";

export interface Change {
  severity: Severity;
  code: ChangeCode;
  /** The shape the change belongs to: a service, operation, structure, enum, ... */
  shapeId: string;
  /** The member (or enum value) the change is about, when there is one. */
  member?: string;
  /** What changed, in a few words. */
  message: string;
  /** The name a TypeScript consumer knows: `StartUploadRequest.FileName`, `GetThingCommand`, `ConnectClient`. */
  symbol: string;
  /** What the change touches: a shape (its TypeScript declaration), an operation (a command), or the service (the client). */
  scope: "shape" | "operation" | "service";
  /**
   * The bump for the types package when it is lower than `severity`: changes
   * that only affect the wire or validation (json names, HTTP bindings,
   * constraints) leave the TypeScript declarations as they were.
   */
  typesSeverity?: Severity;
}

export interface ModelDiff {
  /** The service compared (the new model's, when it changed). */
  service: string;
  /** Its name for people: the `@title`, else the sdkId. */
  serviceName: string;
  /** The highest severity among the changes. */
  bump: Bump;
  counts: Record<Severity, number>;
  /** Sorted: severity, then shape id, member and code. */
  changes: Change[];
}

export function severityRank(s: Bump): number {
  return s === "major" ? 3 : s === "minor" ? 2 : s === "patch" ? 1 : 0;
}

export function maxSeverity<T extends Bump>(a: T, b: T): T {
  return severityRank(a) >= severityRank(b) ? a : b;
}

/** The highest severity of `changes`, `none` for none. */
export function bumpOf(changes: readonly Pick<Change, "severity">[]): Bump {
  let bump: Bump = "none";
  for (const c of changes) bump = maxSeverity<Bump>(bump, c.severity);
  return bump;
}

/** Whether the diff has a change at `threshold` or above (`--fail-on`). */
export function hasChangesAtLeast(diff: Pick<ModelDiff, "changes">, threshold: Severity): boolean {
  return diff.changes.some((c) => severityRank(c.severity) >= severityRank(threshold));
}

export function isSeverity(value: unknown): value is Severity {
  return value === "major" || value === "minor" || value === "patch";
}
