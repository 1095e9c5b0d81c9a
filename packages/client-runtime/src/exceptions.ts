/**
 * The base class of service errors: `@smithy/core`'s own `ServiceException` (the class
 * `@smithy/smithy-client` re-exports), so that errors of these clients are the AWS SDK's kind of
 * error: `instanceof` works across copies of the runtime, and `aws-sdk-client-mock` and code written
 * for the AWS SDK (`ServiceException.isInstance`, `$fault`, `$metadata`) treat them alike.
 *
 * Its companion `decorateServiceException` is deliberately not used: generated clients set
 * `message` themselves and keep their modelled, type-checked members (`Message` among them) rather
 * than have raw body fields copied over them and `Message` deleted (see `throwServiceError` in
 * `@connect-sdk/codegen`'s `emit/client/errors.ts`).
 */
export { type ExceptionOptionType, ServiceException, type ServiceExceptionOptions } from "@smithy/core/client";
