/**
 * The types of the generated examples (`examples/<Operation>.ts`) and the
 * helper they are written with.
 */

/** An error response exactly as the service sends it. */
export interface ExampleErrorResponse {
  statusCode: number;
  /** Header names in lower case. */
  headers: Record<string, string>;
  /** The JSON body, as text. */
  body: string;
}

/** A constraint violation as the validators report it, without the message. */
export interface ViolationRef {
  /** JSON Pointer to the value at fault, by member name: `/FileName`, `/Tags/aws:x`. */
  path: string;
  constraint: "required" | "type" | "length" | "range" | "pattern" | "enum" | "union" | "uniqueItems" | "sparse";
  /** Set when the fault is a map key. */
  mapKey?: true;
}

/** An input that breaks one constraint of the model. */
export interface InvalidInput {
  /** What is wrong, e.g. `FileName is too long (257 characters; at most 256)`. */
  description: string;
  /** The minimal valid input with one member changed or left out. */
  input: Record<string, unknown>;
  /** The violation the validators (the client's with `validateInput`, the fake service's) must report. */
  violation: ViolationRef;
  /** Other violations the same input cannot help producing. */
  alsoViolates?: ViolationRef[];
  /**
   * What the service reports instead when the input is sent over HTTP, when that differs:
   * an empty URI label cannot be told apart from a missing one.
   */
  overHttp?: ViolationRef;
}

/** Everything generated for one operation. */
export interface OperationExamples<Input, Output, ErrorCode extends string> {
  operation: string;
  /** Only the required members. */
  minimalInput: Input;
  /** Every member, each at the edge of its constraints. */
  maximalInput: Input;
  /** A valid output with every member set. */
  output: Output;
  /** Each modelled error as an HTTP response. */
  errors: Record<ErrorCode, ExampleErrorResponse>;
  /** One input per constraint in the input's closure, each with the violation it produces. */
  invalidInputs: InvalidInput[];
}

/** A copy of `value` without `key`. */
export function omit<T extends object, K extends keyof T & string>(value: T, key: K): Omit<T, K> {
  const copy = { ...value };
  delete (copy as Record<string, unknown>)[key];
  return copy;
}
