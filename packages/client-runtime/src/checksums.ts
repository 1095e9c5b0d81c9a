/**
 * `aws.protocols#httpChecksum`: request checksums (`x-amz-checksum-<algorithm>`, in a header, or in
 * a trailer of an `aws-chunked` body when the payload is a stream) and response checksum
 * validation, with the AWS SDK's own middleware from `@aws-sdk/checksums/flexible-checksums` (what
 * `@aws-sdk/middleware-flexible-checksums` re-exports): CRC32 by default, CRC32C, CRC64NVME (pure
 * JS), SHA1 and SHA256, and the `requestChecksumCalculation` / `responseChecksumValidation`
 * options with the AWS SDK's defaults (`WHEN_SUPPORTED`; Node: `AWS_REQUEST_CHECKSUM_CALCULATION`,
 * `AWS_RESPONSE_CHECKSUM_VALIDATION`, or `request_checksum_calculation` /
 * `response_checksum_validation` in the profile).
 *
 * Its own entry point (`@connect-sdk/client-runtime/checksums`): only clients whose model has the
 * trait import it, so no other client bundles it.
 */
import { Sha1 } from "@aws-sdk/checksums/sha";
import {
  DEFAULT_REQUEST_CHECKSUM_CALCULATION,
  DEFAULT_RESPONSE_CHECKSUM_VALIDATION,
  type FlexibleChecksumsInputConfig,
  type FlexibleChecksumsMiddlewareConfig,
  RequestChecksumCalculation,
  ResponseChecksumValidation,
  getFlexibleChecksumsPlugin,
  resolveFlexibleChecksumsConfig,
} from "@aws-sdk/checksums/flexible-checksums";
import { blobHasher, readableStreamHasher } from "@smithy/core/checksum";
import { calculateBodyLength, getAwsChunkedEncodingStream } from "@smithy/core/serde";
import type { Provider } from "@smithy/types";
import type { PlatformDefaults, ResolvedClientConfig } from "./client-config.js";
import type { MiddlewareEntry, OperationMiddleware } from "./middleware.js";

/** The options of a client whose model has `aws.protocols#httpChecksum`, as in the AWS SDK. */
export interface ChecksumInputConfig {
  /**
   * When to send a checksum of the request payload: `WHEN_SUPPORTED` (the default) for every
   * operation that supports one, `WHEN_REQUIRED` only where the operation requires one or the
   * caller chose an algorithm.
   */
  requestChecksumCalculation?: RequestChecksumCalculation | Provider<RequestChecksumCalculation>;
  /**
   * When to validate the checksum of a response payload: `WHEN_SUPPORTED` (the default) for every
   * operation that supports it, `WHEN_REQUIRED` only where the caller turned validation on.
   */
  responseChecksumValidation?: ResponseChecksumValidation | Provider<ResponseChecksumValidation>;
  /** See `@aws-sdk/checksums`: buffer streamed chunks of an `aws-chunked` body to at least this many bytes (0: off). */
  requestStreamBufferSize?: number | false;
  /** Implementations of checksum algorithms to use instead of the built-in ones. */
  checksumAlgorithms?: FlexibleChecksumsInputConfig["checksumAlgorithms"];
}

/** `aws.protocols#httpChecksum`, as the generator passes it (the AWS SDK's `FlexibleChecksumsMiddlewareConfig`). */
export type HttpChecksumTrait = FlexibleChecksumsMiddlewareConfig;

const REQUEST_VALUES: readonly string[] = Object.values(RequestChecksumCalculation);
const RESPONSE_VALUES: readonly string[] = Object.values(ResponseChecksumValidation);

/**
 * Adds the checksum options to a resolved client configuration: the value passed, else (Node) the
 * environment or profile, else `WHEN_SUPPORTED`; a value that is neither is refused on first use,
 * as the AWS SDK refuses it.
 */
export function resolveChecksumConfig<T extends ResolvedClientConfig>(config: T, input: ChecksumInputConfig, platform: PlatformDefaults): T {
  const setting = (name: "requestChecksumCalculation" | "responseChecksumValidation", allowed: readonly string[], fallback: string): Provider<any> => {
    const given = input[name];
    const source: Provider<string | undefined> =
      typeof given === "function" ? given : given !== undefined ? () => Promise.resolve(given) : (platform.setting(name, config.profile, config.service.sdkId) ?? (() => Promise.resolve(undefined)));
    return async () => {
      const value = (await source()) ?? fallback;
      if (!allowed.includes(value)) throw new TypeError(`${name} must be one of ${allowed.join(", ")}; got ${JSON.stringify(value)}`);
      return value;
    };
  };
  const resolved = resolveFlexibleChecksumsConfig({
    ...input,
    requestChecksumCalculation: setting("requestChecksumCalculation", REQUEST_VALUES, DEFAULT_REQUEST_CHECKSUM_CALCULATION),
    responseChecksumValidation: setting("responseChecksumValidation", RESPONSE_VALUES, DEFAULT_RESPONSE_CHECKSUM_VALIDATION),
  });
  return Object.assign(config, {
    requestChecksumCalculation: resolved.requestChecksumCalculation,
    responseChecksumValidation: resolved.responseChecksumValidation,
    requestStreamBufferSize: resolved.requestStreamBufferSize,
    checksumAlgorithms: resolved.checksumAlgorithms,
  });
}

/** Where the AWS SDK's three checksum middleware go in this runtime's direct composition (see `MiddlewareEntry.order`). */
const ORDER: Record<string, number> = {
  // Before the serializer: turns on response validation (`requestValidationModeMember`).
  flexibleChecksumsInputMiddleware: 35,
  // The build step: the checksum header, or the aws-chunked body with its trailer.
  flexibleChecksumsMiddleware: 45,
  // Inside the deserializer: checks the response body before it is parsed.
  flexibleChecksumsResponseMiddleware: 85,
};

/** The configuration the AWS SDK's middleware reads, made once per client. */
const checksumConfigs = new WeakMap<ResolvedClientConfig, object>();

function checksumConfig(config: ResolvedClientConfig): object {
  let found = checksumConfigs.get(config);
  if (!found) {
    if (typeof config.requestChecksumCalculation !== "function") {
      throw new TypeError("This client was built without resolveChecksumConfig(): regenerate it with @connect-sdk/codegen.");
    }
    found = Object.assign(Object.create(config) as object, {
      sha1: Sha1,
      // Node streams are hashed as they are read, browser Blobs with a reader of their own
      // (`@smithy/core/checksum` gives each platform its implementation, the other as a marker).
      streamHasher: typeof readableStreamHasher === "function" ? readableStreamHasher : blobHasher,
      bodyLengthChecker: calculateBodyLength,
      getAwsChunkedEncodingStream,
    });
    checksumConfigs.set(config, found);
  }
  return found;
}

/**
 * The middleware of an operation with `aws.protocols#httpChecksum`: the AWS SDK's
 * `getFlexibleChecksumsPlugin`, placed in this runtime's composition. The caller's input is
 * copied before the middleware fills in the algorithm or validation mode members.
 */
export function httpChecksumMiddleware(trait: HttpChecksumTrait): OperationMiddleware {
  return (config) => {
    const entries: MiddlewareEntry[] = [];
    const collect = (middleware: MiddlewareEntry["middleware"], options: MiddlewareEntry["options"]) => {
      const order = ORDER[options.name];
      if (order === undefined) throw new Error(`unexpected checksum middleware ${options.name}`);
      entries.push({ order, middleware, options });
    };
    getFlexibleChecksumsPlugin(checksumConfig(config) as never, trait).applyToStack({ add: collect, addRelativeTo: collect } as never);
    entries.sort((a, b) => a.order - b.order);
    const outer = entries[0]!;
    const middleware = outer.middleware;
    // The AWS SDK sets the algorithm and validation mode on the input object itself; not on the caller's.
    outer.middleware = (next, context) => {
      const handler = middleware(next, context);
      return (args: { input: object }) => handler({ ...args, input: { ...args.input } });
    };
    return entries;
  };
}

export { RequestChecksumCalculation, ResponseChecksumValidation };
