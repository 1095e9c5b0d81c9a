/**
 * The shape of the generated `schema.ts`: the service's operations, their
 * HTTP bindings and every shape they use, as plain data. The mock handler and
 * the fake service read requests and write responses from it.
 */

export type TimestampFormat = "date-time" | "epoch-seconds" | "http-date";

export interface MemberSchema {
  /** Key of the target shape in `ServiceSchema.shapes`. */
  target: string;
  // `boolean`, not `true`: in a member named `constructor`, TypeScript widens the literal `true`.
  required?: boolean;
  idempotencyToken?: boolean;
  /** The key on the wire in JSON documents, when it differs from the member name. */
  jsonName?: string;
  timestampFormat?: TimestampFormat;
  // HTTP bindings (top-level input, output and error structures only); none means the JSON body.
  label?: true;
  greedy?: true;
  query?: string;
  queryParams?: true;
  header?: string;
  prefixHeaders?: string;
  payload?: true;
  responseCode?: true;
  // Event bindings (members of the events of an event stream); none means the event's JSON body.
  eventHeader?: true;
  eventPayload?: true;
}

export type ShapeSchema =
  | { type: "string"; mediaType?: string }
  | { type: "blob"; streaming?: true; mediaType?: string }
  | { type: "boolean" | "byte" | "short" | "integer" | "long" | "float" | "double" | "bigInteger" | "bigDecimal" | "document" }
  | { type: "timestamp"; format?: TimestampFormat }
  | { type: "enum"; values: string[] }
  | { type: "intEnum"; values: number[] }
  | { type: "list"; member: MemberSchema; sparse?: true }
  | { type: "map"; key: MemberSchema; value: MemberSchema; sparse?: true }
  | { type: "structure"; members: Record<string, MemberSchema>; error?: ErrorSchema }
  | { type: "union"; members: Record<string, MemberSchema>; streaming?: true };

export interface ErrorSchema {
  /** The error code on the wire (`x-amzn-errortype`), the shape's name. */
  code: string;
  status: number;
  fault: "client" | "server";
  throttling?: boolean;
}

export interface OperationSchema {
  method: string;
  /** The `@http` uri pattern, e.g. `/attached-files/{InstanceId}`. */
  uri: string;
  /** The success status code. */
  code: number;
  input: string;
  output: string;
  /** Keys (in `shapes`) of the modelled errors. */
  errors: string[];
  /** The operation's auth schemes (shape ids) when they are not SigV4 alone, e.g. `["smithy.api#noAuth"]`. */
  auth?: string[];
}

export interface ServiceSchema {
  service: {
    id: string;
    sdkId: string;
    version: string;
    signingName?: string;
    endpointPrefix?: string;
  };
  operations: Record<string, OperationSchema>;
  shapes: Record<string, ShapeSchema>;
  /** The modelled error the service answers constraint violations with (or an unmodelled `ValidationException`). */
  validationError: string;
  /** The modelled throttling error, used by fault injection. */
  throttlingError?: string;
  /** The modelled server-fault error, used by fault injection. */
  serverError?: string;
}

/** An operation name the service does not have (a typo in a test, usually). */
export class UnknownOperationError extends Error {
  override readonly name = "UnknownOperationError";

  constructor(
    /** The name asked for. */
    readonly operation: string,
    /** The service's operations. */
    readonly known: readonly string[],
  ) {
    super(`Unknown operation ${JSON.stringify(operation)}; the operations are: ${known.join(", ") || "(none)"}.`);
  }
}

/** The schema of one operation; throws {@link UnknownOperationError} for a name the service does not have. */
export function operationOf(schema: ServiceSchema, operation: string): OperationSchema {
  if (typeof operation === "string" && Object.prototype.hasOwnProperty.call(schema.operations, operation)) return schema.operations[operation]!;
  throw new UnknownOperationError(String(operation), Object.keys(schema.operations).sort());
}
