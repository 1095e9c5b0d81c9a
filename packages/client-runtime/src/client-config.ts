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
  QueryParameterBag,
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
import type { ServiceAuth } from "./auth.js";
import type { ServiceException, ServiceExceptionOptions } from "./exceptions.js";
import { safeText } from "./transport.js";

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
  /** The service's auth schemes (`auth.ts`); absent when every operation is signed with SigV4 alone. */
  auth?: ServiceAuth;
  /** The service's base exception class, of which deserialization errors are instances. */
  exception?: new (options: ServiceExceptionOptions) => ServiceException;
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
  /**
   * Milliseconds an attempt may take, from sending the request to reading the last byte of the
   * response body; past it the attempt fails with a `TimeoutError` (retried like other transient
   * errors). No limit by default.
   */
  requestTimeout?: number;
  /** Whether an attempt past `requestTimeout` fails (default true when a timeout is set). */
  throwOnRequestTimeout?: boolean;
  /** Milliseconds to wait for a connection (Node only). */
  connectionTimeout?: number;
  /**
   * Node only: milliseconds a connection may stay silent (nothing sent or received) before the
   * attempt fails with a `TimeoutError`. Default 120000 (two minutes, the socket timeout of the
   * AWS SDK for JavaScript v2), so that a stalled server never hangs a call forever even without
   * `requestTimeout` or an abort signal; 0 turns it off.
   */
  socketTimeout?: number;
  [option: string]: unknown;
}

/**
 * An endpoint as `endpoint` accepts it: a URL (string or `URL`), its parts (`@smithy/types`
 * `Endpoint`; `query` is ignored, as in the AWS SDKs), or `{ url }` (`EndpointV2`).
 */
export type EndpointInput =
  | string
  | URL
  | { protocol: string; hostname: string; port?: number; path?: string; query?: QueryParameterBag }
  | { url: URL };

export interface ClientInputConfig {
  /**
   * The AWS Region, e.g. `us-west-2`; `fips-us-west-2` or `us-west-2-fips` selects the FIPS
   * endpoint of `us-west-2`. Must be a valid host label. Node: defaults to `AWS_REGION` or the
   * shared config file.
   */
  region?: string | Provider<string>;
  /**
   * Node: the profile of the shared config and credentials files (`~/.aws/config`,
   * `~/.aws/credentials`) to take credentials, Region and the other settings from. Defaults to
   * `AWS_PROFILE`, else `default`.
   */
  profile?: string;
  /**
   * Static credentials or a credential provider. Node: defaults to the AWS
   * default chain, loaded lazily on first use.
   */
  credentials?: AwsCredentialIdentity | AwsCredentialIdentityProvider;
  /**
   * Sends every request to this endpoint instead of the one the rules resolve. Node: defaults to
   * `AWS_ENDPOINT_URL_<SERVICE>` (the sdkId, upper case, spaces as `_`), `AWS_ENDPOINT_URL`, or
   * `endpoint_url` in the profile, unless `AWS_IGNORE_CONFIGURED_ENDPOINT_URLS` is set.
   */
  endpoint?: EndpointInput | Provider<EndpointInput>;
  /** Use the FIPS endpoint of the Region. Node: defaults to `AWS_USE_FIPS_ENDPOINT` or `use_fips_endpoint`. */
  useFipsEndpoint?: boolean | Provider<boolean>;
  /** Use the dual-stack (IPv4 and IPv6) endpoint of the Region. Node: defaults to `AWS_USE_DUALSTACK_ENDPOINT` or `use_dualstack_endpoint`. */
  useDualstackEndpoint?: boolean | Provider<boolean>;
  /** Attempts per call, including the first (default 3). */
  maxAttempts?: number | Provider<number>;
  /** `standard` (default) or `adaptive` (client-side rate limiting on throttling). */
  retryMode?: "standard" | "adaptive" | Provider<string>;
  /** A retry strategy to use instead of the one `retryMode` selects. */
  retryStrategy?: RetryStrategy | RetryStrategyV2;
  /** A request handler, or options for the default one. */
  requestHandler?: HttpHandler | HttpHandlerUserOptions;
  /**
   * Milliseconds an attempt may take, response body included (see `HttpHandlerUserOptions`); also
   * applies to a request handler passed as an instance.
   */
  requestTimeout?: number;
  /** Receives debug/info/warn/error records; `@sensitive` members are redacted. */
  logger?: Logger;
  /** Appended to the user agent: `"app/1.2"` or `[["app", "1.2"]]`. */
  customUserAgent?: string | [string, string?][];
  /**
   * Your application's name, added to the user agent as `app/<id>` (AWS recommends at most 50 characters).
   * Node: defaults to `AWS_SDK_UA_APP_ID` or `sdk_ua_app_id` in the profile.
   */
  userAgentAppId?: string | Provider<string | undefined>;
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
  /** The Region, checked (a valid host label) and without a FIPS pseudo-Region's `fips-`/`-fips`. */
  region: Provider<string>;
  profile?: string;
  credentials: AwsCredentialIdentityProvider;
  /** The URL of the `endpoint` passed, else (Node) of the one configured in the environment or profile, if any. */
  endpoint: Provider<string | undefined>;
  useFipsEndpoint: Provider<boolean>;
  useDualstackEndpoint: Provider<boolean>;
  maxAttempts: Provider<number>;
  retryMode: Provider<string>;
  retryStrategy: Provider<RetryStrategy | RetryStrategyV2>;
  requestHandler: HttpHandler;
  /** The bound of one attempt, body included, if any. */
  requestTimeout?: number;
  logger: Logger;
  /** The user agent, without the `app/<id>` of `userAgentAppId`, which the user agent middleware adds. */
  userAgent: string;
  userAgentAppId: Provider<string | undefined>;
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
  /**
   * The default of a setting: Node reads it from the environment or the shared config file's
   * `profile` (on first use); undefined where the platform has none.
   */
  setting<K extends keyof PlatformSettings>(name: K, profile: string | undefined, sdkId: string): PlatformSettings[K];
  /**
   * The default credential chain, for `profile`; `packageName` locates its bundled entry point
   * (`<package>/credentials`).
   */
  credentials(packageName: string, profile?: string): AwsCredentialIdentityProvider;
  userAgent(): string[];
}

/** The settings a platform has defaults for. */
export interface PlatformSettings {
  region: Provider<string>;
  maxAttempts: Provider<number>;
  retryMode: Provider<string>;
  useFipsEndpoint: Provider<boolean>;
  useDualstackEndpoint: Provider<boolean>;
  /** The configured endpoint URL, if any (Node). */
  endpoint: Provider<string | undefined> | undefined;
  userAgentAppId: Provider<string | undefined> | undefined;
  /** Clients with `aws.protocols#httpChecksum` (Node): the configured `requestChecksumCalculation`, if any. */
  requestChecksumCalculation?: Provider<string | undefined> | undefined;
  /** Clients with `aws.protocols#httpChecksum` (Node): the configured `responseChecksumValidation`, if any. */
  responseChecksumValidation?: Provider<string | undefined> | undefined;
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
  let expiresAt = Infinity;
  return async (options) => {
    if (options?.forceRefresh || (current && Date.now() > expiresAt - 300_000)) current = undefined;
    if (!current) {
      current = provider(options).then((identity) => {
        expiresAt = identity.expiration ? identity.expiration.getTime() : Infinity;
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
        ? once(() => Promise.resolve(input.credentials as AwsCredentialIdentity))
        : refreshingCredentials(platform.credentials(service.packageName, input.profile));

  /** The option as passed, else the platform's default (Node: from the environment or the profile). */
  const option = <K extends keyof PlatformSettings>(name: K): Provider<any> =>
    toProvider((input as Record<string, unknown>)[name] ?? platform.setting(name, input.profile, service.sdkId));
  const retryMode: Provider<string> = option("retryMode");
  const retry = resolveRetryConfig({ maxAttempts: option("maxAttempts"), retryMode, retryStrategy: input.retryStrategy });

  const givenRegion: Provider<string> = once(option("region"));
  const useFipsEndpoint: Provider<boolean> = option("useFipsEndpoint");
  const userAgentAppId: Provider<string | undefined> = once(option("userAgentAppId"));
  const region = once(() => givenRegion().then(checkedRegion));
  const endpoint: Provider<EndpointInput | undefined> = option("endpoint");

  const sha256 = input.sha256 ?? platform.sha256;
  const signers = new Map<string, RequestSigner>();
  const config = {
    ...input,
    apiVersion: service.apiVersion,
    service,
    region,
    credentials,
    // An explicit endpoint wins over the one configured in the environment or profile.
    endpoint: async () => {
      const value = await endpoint();
      return value && endpointUrl(value);
    },
    useFipsEndpoint: async () => FIPS_REGION.test(await givenRegion()) || useFipsEndpoint(),
    useDualstackEndpoint: option("useDualstackEndpoint"),
    maxAttempts: retry.maxAttempts,
    retryMode,
    retryStrategy: retry.retryStrategy,
    requestHandler,
    requestTimeout: input.requestTimeout ?? handlerOptions.requestTimeout,
    logger: input.logger ?? NO_LOGGER,
    userAgent: userAgentOf(service, platform, input.customUserAgent),
    userAgentAppId,
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

/** A FIPS pseudo-Region (`fips-us-west-2`, `us-west-2-fips`) stands for the FIPS endpoint of a Region (as in `@smithy/core/config`). */
const FIPS_REGION = /^fips-(dkr-|prod-)?|-fips$/;

/**
 * The real Region of a FIPS pseudo-Region, checked: a Region that is not a valid host label is
 * rejected before it gets into an endpoint. As `@smithy/core/config`'s `resolveRegionConfig` does
 * (that module also holds the shared config file reader, which stays lazy here), except the
 * legacy `fips-aws-global` and `aws-fips` (for `us-east-1`), left out to keep the bundle small.
 */
function checkedRegion(region: string): string {
  // An empty AWS_REGION counts as none, as in the AWS SDKs.
  if (!region) throw new RegionError("Region is missing");
  const real = String(region).replace(FIPS_REGION, "");
  // `isValidHostLabel`
  if (!/^(?!-)(?!.*-$)[a-z\d-]{1,63}$/i.test(real)) throw new RegionError(`Invalid region "${safeText(region, 100)}": not a valid host label`);
  return real;
}

/** The Region is missing or not a valid host label (the message quotes it escaped and cut short). */
export class RegionError extends Error {
  override readonly name = "RegionError";
}

/** The URL of an endpoint given as a string, a `URL`, an `Endpoint` or an `EndpointV2` (as `@smithy/core/endpoints` reads them). */
function endpointUrl(endpoint: EndpointInput): string {
  if (typeof endpoint === "string") return endpoint;
  const { href, url, protocol, hostname, port, path = "" } = endpoint as { href?: string; url?: URL; protocol: string; hostname: string; port?: number; path?: string };
  return href ?? (url ? String(url) : `${protocol}//${hostname}${port ? `:${port}` : ""}${path}`);
}

function userAgentOf(service: ServiceInfo, platform: PlatformDefaults, custom: ClientInputConfig["customUserAgent"]): string {
  const parts = [`${service.packageName.replace(/^@/, "").replace("/", "-")}/${service.packageVersion}`, `api/${service.sdkId.replace(/ /g, "_").toLowerCase()}#${service.apiVersion}`, ...platform.userAgent()];
  if (typeof custom === "string") parts.push(custom);
  else if (Array.isArray(custom)) for (const [name, version] of custom) parts.push(version ? `${name}/${version}` : name);
  return parts.join(" ");
}
