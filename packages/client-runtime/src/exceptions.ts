/**
 * The base class of service errors, with the members and `instanceof`
 * behaviour of `@smithy/smithy-client`'s `ServiceException`: an error from
 * another copy of the runtime still passes `instanceof` for the class of the
 * same name.
 */
import type { HttpResponse, MetadataBearer, ResponseMetadata, RetryableTrait, SmithyException } from "@smithy/types";

/** The constructor options of an error class: its own members, `message` and `$metadata`. */
export type ExceptionOptionType<ExceptionType extends Error, BaseExceptionType extends Error> = Omit<
  ExceptionType,
  Exclude<keyof BaseExceptionType, "$metadata" | "message">
>;

export interface ServiceExceptionOptions extends SmithyException, MetadataBearer {
  message?: string;
}

export class ServiceException extends Error implements SmithyException, MetadataBearer {
  readonly $fault: "client" | "server";
  $response?: HttpResponse;
  $retryable?: RetryableTrait;
  $metadata: ResponseMetadata;

  constructor(options: ServiceExceptionOptions) {
    super(options.message);
    Object.setPrototypeOf(this, new.target.prototype);
    this.name = options.name;
    this.$fault = options.$fault;
    this.$metadata = options.$metadata;
  }

  /** Any service error: this class, or any object with a `$fault` and `$metadata`. */
  static isInstance(value: unknown): value is ServiceException {
    if (!value) return false;
    const candidate = value as ServiceException;
    return (
      ServiceException.prototype.isPrototypeOf(candidate) ||
      (Boolean(candidate.$fault) && Boolean(candidate.$metadata) && (candidate.$fault === "client" || candidate.$fault === "server"))
    );
  }

  static override [Symbol.hasInstance](instance: unknown): boolean {
    if (!instance || !ServiceException.isInstance(instance)) return false;
    if (this === ServiceException) return true;
    if (this.prototype.isPrototypeOf(instance)) return true;
    // Another copy of the same class: compare names along the prototype chain.
    const name = this.name;
    if (name.length < 6) return false;
    if ((instance as Error).name === name) return true;
    for (let proto = Object.getPrototypeOf(instance); proto && proto !== Object.prototype; proto = Object.getPrototypeOf(proto)) {
      const ctorName = (proto.constructor as { name?: string } | undefined)?.name;
      if (ctorName && ctorName !== "Error" && ctorName === name) return true;
    }
    return false;
  }
}
