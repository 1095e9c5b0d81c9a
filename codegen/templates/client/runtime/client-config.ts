/**
 * Client configuration: what a user may pass, what the client resolves it
 * to, and the platform defaults (Node or browser) that fill the gaps.
 */
import { resolveRetryConfig } from "@smithy/core/retry";
import { fromBase64, fromUtf8, generateIdempotencyToken, toBase64, toUtf8 } from "@smithy/core/serde";
import type {
  AwsCredentialIdentity,
  AwsCredentialIdentityProvider,
  ChecksumConstructor,
  EndpointV2,
  HashConstructor,
  HttpHandlerOptions,
  HttpResponse,
  Logger,
  Provider,
  RequestHandler,
  RequestSigner,
  RetryStrategy,
  RetryStrategyV2,
  StreamCollector,
} from "@smithy/types";
import { SignatureV4 } from "@smithy/signature-v4";

/** Everything the generated client tells the runtime about its service. */
export interface ServiceInfo {
  /** `aws.api#service` sdkId, e.g. `Connect`. */
  sdkId: string;
  /** Service shape name, used in logs. */
  serviceName: string;
  /** The client class name, e.g. `ConnectClient`, used in logs. */
  clientName: string;
  apiVersion: string;
  /** SigV4 signing name; undefined when the service is not signed. */
  signingName: string | undefined;
  /** The npm package name and version, for the user agent. */
  packageName: string;
  packageVersion: string;
  endpoint: EndpointRules;
}

export type EndpointParams = Record<string, string | boolean | string[] | undefined>;

export interface EndpointRules {
  /** Evaluates the service's endpoint rules. */
  resolve(params: EndpointParams, context: { logger?: Logger }): EndpointV2;
  /** Endpoint parameter name → built-in it is bound to (`AWS::Region`, ...). */
  builtIns: Record<string, string>;
  /** Endpoint parameter name → client config key (`smithy.rules#clientContextParams`). */
  clientContextParams: Record<string, string>;
}

/** A request handler: `handle(request, options)` answers with `{ response }` (any `@smithy/types` HttpRequest-like request). */
export type HttpHandler = RequestHandler<any, HttpResponse, HttpHandlerOptions>;

/** Options of the default HTTP handler (Node `http`/`https`, or `fetch` in browsers). */
export interface HttpHandlerUserOptions {
  /** Milliseconds to wait for a response before failing the attempt. */
  requestTimeout?: number;
  /** Whether an attempt past `requestTimeout` fails (default true when a timeout is set). */
  throwOnRequestTimeout?: boolean;
  /** Milliseconds to wait for a connection (Node only). */
  connectionTimeout?: number;
  [option: string]: unknown;
}

export interface ClientInputConfig {
  /** The AWS Region, e.g. `us-west-2`. Node: defaults to `AWS_REGION` or the shared config file. */
  region?: string | Provider<string>;
  /**
   * Static credentials or a credential provider. Node: defaults to the AWS
   * default chain, loaded lazily on first use.
   */
  credentials?: AwsCredentialIdentity | AwsCredentialIdentityProvider;
  /** Sends every request to this endpoint instead of the one the rules resolve. */
  endpoint?: string | URL | Provider<string>;
  /** Use the FIPS endpoint of the Region. */
  useFipsEndpoint?: boolean | Provider<boolean>;
  /** Use the dual-stack (IPv4 and IPv6) endpoint of the Region. */
  useDualstackEndpoint?: boolean | Provider<boolean>;
  /** Attempts per call, including the first (default 3). */
  maxAttempts?: number | Provider<number>;
  /** `standard` (default) or `adaptive` (client-side rate limiting on throttling). */
  retryMode?: "standard" | "adaptive" | Provider<string>;
  /** A retry strategy to use instead of the one `retryMode` selects. */
  retryStrategy?: RetryStrategy | RetryStrategyV2;
  /** A request handler, or options for the default one. */
  requestHandler?: HttpHandler | HttpHandlerUserOptions;
  /** Shorthand for `requestHandler: { requestTimeout }`. */
  requestTimeout?: number;
  /** Receives debug/info/warn/error records; `@sensitive` members are redacted. */
  logger?: Logger;
  /** Appended to the user agent: `"app/1.2"` or `[["app", "1.2"]]`. */
  customUserAgent?: string | [string, string?][];
  /** Milliseconds to add to the local clock when signing (corrected on clock-skew errors). */
  systemClockOffset?: number;
  /** Do not prepend modelled host prefixes (`smithy.api#endpoint`) to the endpoint. */
  disableHostPrefix?: boolean;
  /**
   * Check every input against the model's constraints (required members, lengths, ranges,
   * patterns, enums, unions) before sending, and throw `ConstraintViolationError` listing every
   * violation. Off by default, as in the AWS SDKs: the service validates anyway.
   */
  validateInput?: boolean;
  /** Overrides for tests and unusual runtimes. */
  sha256?: ChecksumConstructor | HashConstructor;
  streamCollector?: StreamCollector;
  /** The MD5 hash for `Content-MD5` (operations with `@httpChecksumRequired`). */
  md5?: ChecksumConstructor | HashConstructor;
  /** Makes the `@idempotencyToken` values the caller leaves unset (default: a random UUID v4). */
  generateIdempotencyToken?: () => string;
  /** Never gzip request bodies, even for operations with `@requestCompression`. */
  disableRequestCompression?: boolean | Provider<boolean>;
  /** Bodies smaller than this many bytes are sent uncompressed (default 10240, at most 10485760). */
  requestMinCompressionSizeBytes?: number | Provider<number>;
}

export interface ResolvedClientConfig {
  apiVersion: string;
  service: ServiceInfo;
  region: Provider<string>;
  credentials: AwsCredentialIdentityProvider;
  endpoint?: Provider<string>;
  useFipsEndpoint: Provider<boolean>;
  useDualstackEndpoint: Provider<boolean>;
  maxAttempts: Provider<number>;
  retryStrategy: Provider<RetryStrategy | RetryStrategyV2>;
  requestHandler: HttpHandler;
  logger: Logger;
  userAgent: string;
  systemClockOffset: number;
  disableHostPrefix: boolean;
  validateInput: boolean;
  sha256: ChecksumConstructor | HashConstructor;
  streamCollector: StreamCollector;
  /** The MD5 hash passed as `md5`; commands that need MD5 otherwise use the platform's. */
  md5?: Provider<ChecksumConstructor | HashConstructor>;
  generateIdempotencyToken: () => string;
  disableRequestCompression: Provider<boolean>;
  requestMinCompressionSizeBytes: Provider<number>;
  /** Gzips a request body (`@requestCompression`). */
  gzip(data: Uint8Array): Promise<Uint8Array>;
  /** Builds the SigV4 signer for a signing name and Region (cached per pair). */
  signer(signingName: string, signingRegion: string): RequestSigner;
  base64Encoder: (input: Uint8Array) => string;
  base64Decoder: (input: string) => Uint8Array;
  utf8Encoder: (input: Uint8Array | string) => string;
  utf8Decoder: (input: string) => Uint8Array;
  /** Values of `smithy.rules#clientContextParams`, by config key. */
  [clientContextParam: string]: unknown;
}

export interface PlatformDefaults {
  runtime: "node" | "browser";
  createRequestHandler(options: HttpHandlerUserOptions): HttpHandler;
  isRequestHandler(value: unknown): value is HttpHandler;
  sha256: ChecksumConstructor | HashConstructor;
  streamCollector: StreamCollector;
  gzip(data: Uint8Array): Promise<Uint8Array>;
  region: Provider<string>;
  maxAttempts: Provider<number>;
  retryMode: Provider<string>;
  /** The default credential chain; `packageName` locates its bundled entry point (`<package>/credentials`). */
  credentials(packageName: string): AwsCredentialIdentityProvider;
  userAgent(): string[];
}

/** The logger of a client given none: calls are not logged (nor copied for the log). */
export const NO_LOGGER: Logger = { trace() {}, debug() {}, info() {}, warn() {}, error() {} };

const toProvider = <T>(value: T | Provider<T>): Provider<T> =>
  typeof value === "function" ? (value as Provider<T>) : () => Promise.resolve(value);

/** Caches a provider's first successful answer. */
const once = <T>(provider: Provider<T>): Provider<T> => {
  let value: Promise<T> | undefined;
  return () => (value ??= provider().catch((error: unknown) => {
    value = undefined;
    throw error;
  }));
};

/**
 * Caches credentials until five minutes before they expire; a provider that
 * fails is asked again on the next call.
 */
const refreshingCredentials = (provider: AwsCredentialIdentityProvider): AwsCredentialIdentityProvider => {
  let current: Promise<AwsCredentialIdentity> | undefined;
  let expiresAt = Number.POSITIVE_INFINITY;
  return async (options) => {
    if (options?.forceRefresh || (current && Date.now() > expiresAt - 300_000)) current = undefined;
    if (!current) {
      current = provider(options).then((identity) => {
        expiresAt = identity.expiration ? identity.expiration.getTime() : Number.POSITIVE_INFINITY;
        return identity;
      });
      current.catch(() => (current = undefined));
    }
    return current;
  };
};

export function resolveClientConfig<T extends ClientInputConfig>(
  input: T,
  service: ServiceInfo,
  platform: PlatformDefaults,
): ResolvedClientConfig & Omit<T, keyof ResolvedClientConfig> {
  const handlerOptions: HttpHandlerUserOptions = platform.isRequestHandler(input.requestHandler)
    ? {}
    : { ...(input.requestHandler as HttpHandlerUserOptions | undefined), ...(input.requestTimeout !== undefined ? { requestTimeout: input.requestTimeout } : {}) };
  // A request timeout fails the attempt (the Node handler would otherwise only log a warning).
  if (handlerOptions.requestTimeout !== undefined) handlerOptions.throwOnRequestTimeout ??= true;
  const requestHandler = platform.isRequestHandler(input.requestHandler)
    ? input.requestHandler
    : platform.createRequestHandler(handlerOptions);

  const credentials =
    typeof input.credentials === "function"
      ? refreshingCredentials(input.credentials)
      : input.credentials
        ? (() => {
            const value = Promise.resolve(input.credentials as AwsCredentialIdentity);
            return () => value;
          })()
        : refreshingCredentials(platform.credentials(service.packageName));

  const retry = resolveRetryConfig({
    maxAttempts: input.maxAttempts ?? platform.maxAttempts,
    retryMode: input.retryMode ?? platform.retryMode,
    retryStrategy: input.retryStrategy,
  });

  const sha256 = input.sha256 ?? platform.sha256;
  const signers = new Map<string, RequestSigner>();
  const config = {
    ...input,
    apiVersion: service.apiVersion,
    service,
    region: once(toProvider(input.region ?? platform.region)),
    credentials,
    endpoint: input.endpoint === undefined ? undefined : toProvider(input.endpoint instanceof URL ? input.endpoint.href : input.endpoint),
    useFipsEndpoint: toProvider(input.useFipsEndpoint ?? false),
    useDualstackEndpoint: toProvider(input.useDualstackEndpoint ?? false),
    maxAttempts: retry.maxAttempts,
    retryStrategy: retry.retryStrategy,
    requestHandler,
    logger: input.logger ?? NO_LOGGER,
    userAgent: userAgentOf(service, platform, input.customUserAgent),
    systemClockOffset: input.systemClockOffset ?? 0,
    disableHostPrefix: input.disableHostPrefix ?? false,
    validateInput: input.validateInput ?? false,
    sha256,
    streamCollector: input.streamCollector ?? platform.streamCollector,
    // A constructor, not a provider: wrap it rather than call it.
    md5: input.md5 ? ((md5) => () => Promise.resolve(md5))(input.md5) : undefined,
    generateIdempotencyToken: input.generateIdempotencyToken ?? generateIdempotencyToken,
    disableRequestCompression: toProvider(input.disableRequestCompression ?? false),
    requestMinCompressionSizeBytes: toProvider(input.requestMinCompressionSizeBytes ?? 10240),
    gzip: platform.gzip,
    base64Encoder: toBase64,
    base64Decoder: fromBase64,
    utf8Encoder: toUtf8,
    utf8Decoder: fromUtf8,
    signer(signingName: string, signingRegion: string): RequestSigner {
      const key = `${signingName}\n${signingRegion}`;
      let signer = signers.get(key);
      if (!signer) {
        signer = new SignatureV4({ credentials, region: signingRegion, service: signingName, sha256, uriEscapePath: true, applyChecksum: true });
        signers.set(key, signer);
      }
      return signer;
    },
  };
  return config as unknown as ResolvedClientConfig & Omit<T, keyof ResolvedClientConfig>;
}

function userAgentOf(service: ServiceInfo, platform: PlatformDefaults, custom: ClientInputConfig["customUserAgent"]): string {
  const parts = [`${service.packageName.replace(/^@/, "").replace("/", "-")}/${service.packageVersion}`, `api/${service.sdkId.replace(/ /g, "_").toLowerCase()}#${service.apiVersion}`, ...platform.userAgent()];
  if (typeof custom === "string") parts.push(custom);
  else if (Array.isArray(custom)) for (const [name, version] of custom) parts.push(version ? `${name}/${version}` : name);
  return parts.join(" ");
}
