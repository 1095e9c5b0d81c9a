/**
 * The intermediate representation the emitters read.
 *
 * Everything a Smithy model leaves implicit is made explicit here: mixins are
 * flattened, member traits are merged over their target's traits, HTTP
 * bindings are resolved to one location per member, names are made safe for
 * TypeScript, and shapes come in a stable topological order. Emitters never
 * look at the raw AST.
 */
import type { Traits } from "../load/types.js";
import type { JmesNode } from "./jmespath.js";
import type { Protocol } from "./protocol.js";

export type { Protocol } from "./protocol.js";

export type SimpleKind =
  | "string"
  | "blob"
  | "boolean"
  | "byte"
  | "short"
  | "integer"
  | "long"
  | "float"
  | "double"
  | "bigInteger"
  | "bigDecimal"
  | "timestamp"
  | "document";

export type ShapeKind = SimpleKind | "enum" | "intEnum" | "list" | "map" | "structure" | "union";

export type TimestampFormat = "date-time" | "epoch-seconds" | "http-date";

export interface Deprecation {
  message?: string;
  since?: string;
}

/**
 * `@range` bounds. `min`/`max` are doubles for everyday use; when the model wrote a bound a
 * double cannot hold (beyond 2^53, or a 30-digit decimal), `minText`/`maxText` hold it exactly
 * as plain decimal text, and `bigInteger`/`bigDecimal`/`long` emitters use that.
 */
export interface Range {
  min?: number;
  max?: number;
  minText?: string;
  maxText?: string;
}

export interface Constraints {
  length?: { min?: number; max?: number };
  range?: Range;
  pattern?: string;
  uniqueItems?: boolean;
}

interface ShapeBase {
  id: string;
  /** The TypeScript symbol for this shape: renamed, reserved words escaped. */
  name: string;
  traits: Traits;
  documentation?: string;
  deprecated?: Deprecation;
  sensitive: boolean;
  constraints: Constraints;
  /** Reachable from an operation input / from an output or error. */
  usage: { input: boolean; output: boolean };
  /** Part of a reference cycle (directly or through other shapes). */
  recursive: boolean;
}

export interface SimpleShape extends ShapeBase {
  kind: SimpleKind;
  /** blob with the `streaming` trait. */
  streaming: boolean;
  mediaType?: string;
  timestampFormat?: TimestampFormat;
}

export interface EnumValue {
  /** The member name in the model (a valid identifier). */
  name: string;
  value: string | number;
  documentation?: string;
  deprecated?: Deprecation;
}

export interface EnumShape extends ShapeBase {
  kind: "enum" | "intEnum";
  values: EnumValue[];
}

export interface ListShape extends ShapeBase {
  kind: "list";
  member: Member;
  sparse: boolean;
}

export interface MapShape extends ShapeBase {
  kind: "map";
  key: Member;
  value: Member;
  sparse: boolean;
}

export interface ErrorInfo {
  fault: "client" | "server";
  httpStatus: number;
  retryable?: { throttling: boolean };
}

export interface StructureShape extends ShapeBase {
  kind: "structure";
  members: Member[];
  error?: ErrorInfo;
}

export interface UnionShape extends ShapeBase {
  kind: "union";
  members: Member[];
}

export type Shape = SimpleShape | EnumShape | ListShape | MapShape | StructureShape | UnionShape;

export type HttpBinding =
  | { location: "label"; name: string; greedy: boolean }
  | { location: "query"; name: string }
  | { location: "queryParams" }
  | { location: "header"; name: string }
  | { location: "prefixHeaders"; prefix: string }
  | { location: "payload" }
  | { location: "responseCode" }
  | { location: "body" };

export interface Member {
  /** The member name in the model; also the TypeScript property name. */
  name: string;
  /** The id of the shape that holds this member. */
  container: string;
  /** The id of the target shape. */
  target: string;
  /** Target traits overlaid with member traits (member wins). */
  traits: Traits;
  documentation?: string;
  deprecated?: Deprecation;
  required: boolean;
  /** `clientOptional`: the member is required on the server but optional for the client. */
  clientOptional: boolean;
  default?: unknown;
  sensitive: boolean;
  idempotencyToken: boolean;
  /** The key used on the wire in JSON documents. */
  jsonName: string;
  timestampFormat?: TimestampFormat;
  http: HttpBinding;
  constraints: Constraints;
}

export type UriSegment = { kind: "literal"; value: string } | { kind: "label"; name: string; greedy: boolean };

export interface HttpTrait {
  method: string;
  uri: string;
  code: number;
  segments: UriSegment[];
  /** Literal query parameters written into the uri pattern (`/a?x=y`); `null` for a bare `?x`. */
  queryLiterals: [string, string | null][];
}

export interface Operation {
  id: string;
  /** e.g. `StartAttachedFileUpload` */
  name: string;
  documentation?: string;
  deprecated?: Deprecation;
  traits: Traits;
  input: StructureShape;
  output: StructureShape;
  errors: StructureShape[];
  http: HttpTrait;
  /** `smithy.api#endpoint` host prefix, e.g. `{Foo}.data.` */
  hostPrefix?: string;
  checksumRequired: boolean;
  /** `aws.protocols#httpChecksum`, with the request algorithm member's header resolved. */
  httpChecksum?: HttpChecksum;
  requestCompression: string[];
  staticContextParams: Record<string, unknown>;
  /** Endpoint parameter name → input member name. */
  contextParams: Record<string, string>;
  /** `smithy.api#paginated`, merged over the service's defaults; absent for other operations. */
  pagination?: Pagination;
  /** `smithy.waiters#waitable`: the operation's waiters; absent for other operations. */
  waiters?: Waiter[];
  /**
   * The operation's effective auth schemes (shape ids), in priority order, that the generator
   * implements; `smithy.api#noAuth` where it may be called without authentication (see `ir/auth.ts`).
   */
  auth: readonly string[];
}

/** `aws.protocols#httpChecksum` of an operation. */
export interface HttpChecksum {
  /** The input member that names the request checksum algorithm, and the header it is bound to. */
  requestAlgorithmMember?: { name: string; httpHeader?: string };
  requestChecksumRequired: boolean;
  /** The input member that turns response checksum validation on (`ENABLED`). */
  requestValidationModeMember?: string;
  /** The algorithms a response may be checked with, in the model's order. */
  responseAlgorithms: string[];
}

/** A waiter of `smithy.waiters#waitable`, its delays (seconds) defaulted as the spec says. */
export interface Waiter {
  /** UpperCamelCase: `waitUntil<name>`. */
  name: string;
  documentation?: string;
  minDelay: number;
  maxDelay: number;
  deprecated: boolean;
  acceptors: Acceptor[];
}

export interface Acceptor {
  state: "success" | "failure" | "retry";
  matcher: WaiterMatcher;
}

export type PathComparator = "stringEquals" | "booleanEquals" | "allStringEquals" | "anyStringEquals";

export type WaiterMatcher =
  | { kind: "success"; value: boolean }
  /** The error's name (the name part of an absolute shape id). */
  | { kind: "errorType"; name: string }
  | { kind: "output" | "inputOutput"; path: string; ast: JmesNode; comparator: PathComparator; expected: string };

/** How to page through an operation: member names of the input, dotted member paths of the output. */
export interface Pagination {
  /** The input member that carries the continuation token. */
  inputToken: string;
  /** The output member (or `a.b` path) that carries the next token. */
  outputToken: string;
  /** The input member that limits the size of a page. */
  pageSize?: string;
  /** The output member (or `a.b` path) that holds the page's items. */
  items?: string;
}

export interface Service {
  id: string;
  /** The shape name, e.g. `AmazonConnectService`. */
  shapeName: string;
  /** `aws.api#service` sdkId, or the shape name: e.g. `Connect`. */
  sdkId: string;
  /** Symbol prefix for the client: `Connect` → `ConnectClient`. */
  clientName: string;
  version: string;
  title?: string;
  documentation?: string;
  /** The wire protocol the client speaks, chosen from the service's protocol traits (see `protocol.ts`). */
  protocol: Protocol;
  /** `aws.protocols#awsQueryCompatible`: a service moved from awsQuery that still sends its error codes. */
  awsQueryCompatible: boolean;
  /** SigV4 signing name, when the service is signed with SigV4. */
  signingName?: string;
  /** The effective auth schemes of an operation with no auth traits of its own (see `ir/auth.ts`). */
  auth: readonly string[];
  endpointPrefix?: string;
  endpointRuleSet?: EndpointRuleSet;
  endpointTests?: unknown[];
  clientContextParams: Record<string, { type: string; documentation?: string }>;
  traits: Traits;
}

export interface EndpointRuleSet {
  version: string;
  parameters: Record<string, { type: string; builtIn?: string; required?: boolean; default?: unknown; documentation?: string }>;
  rules: unknown[];
}

/** An operation left out by `--skip-unsupported`, and why (see `support.ts`). */
export interface SkippedOperation {
  /** The operation's shape id. */
  operation: string;
  /** The feature's key in `FEATURES`. */
  feature: string;
  /** The feature's name, as diagnostics print it. */
  featureName: string;
  /** The shape the feature sits on. */
  shapeId: string;
}

export interface ServiceIR {
  service: Service;
  operations: Operation[];
  /** Operations of the service left out because they use a feature the generator does not implement (`--skip-unsupported`). */
  skipped: SkippedOperation[];
  /** Every shape in the closure, in topological order (dependencies first). */
  shapes: Shape[];
  shapeById: ReadonlyMap<string, Shape>;
  /** All error structures used by any operation, sorted by name. */
  errors: StructureShape[];
}
