/**
 * Node.js defaults for the client configuration. The browser build swaps this
 * file for `platform.browser.ts` (see the package's `browser` field).
 */
import { Hash, streamCollector } from "@smithy/core/serde";
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider, ChecksumConstructor, HashConstructor, HttpHandlerOptions, HttpRequest, Provider } from "@smithy/types";
import type { HttpHandler, HttpHandlerUserOptions, PlatformDefaults, PlatformSettings } from "./client-config.js";

/** A setting from the environment or the shared config file's `profile`, looked up on first use. */
const setting = (name: keyof PlatformSettings, profile: string | undefined, sdkId: string): Provider<any> => {
  let provider: Provider<unknown> | undefined;
  return async () => {
    provider ??= ((await import("./node-config.js"))[name] as (profile: string | undefined, sdkId: string) => Provider<unknown>)(profile, sdkId);
    return provider();
  };
};

/**
 * An auth setting from the environment or the profile, read on first use: `authSchemePreference`
 * (`AWS_AUTH_SCHEME_PREFERENCE`, `auth_scheme_preference`) or `sigv4aSigningRegionSet`
 * (`AWS_SIGV4A_SIGNING_REGION_SET`, `sigv4a_signing_region_set`).
 */
export const authSetting = (name: "authSchemePreference" | "sigv4aSigningRegionSet", profile: string | undefined): Provider<string[] | undefined> => {
  let provider: Provider<string[] | undefined> | undefined;
  return async () => (provider ??= (await import("./node-auth-config.js"))[name](profile))();
};

/** MD5 for `Content-MD5` (operations with `@httpChecksumRequired` import it). */
export const defaultMd5: Provider<ChecksumConstructor | HashConstructor> = () => Promise.resolve(Hash.bind(null, "md5"));

/**
 * The bytes of the file behind a file stream body (`fs.createReadStream(path, { start, end })`),
 * read again from the file so that the body itself is still unread: Glacier hashes a body before
 * sending it, as the AWS SDK's `@aws-sdk/body-checksum-node` does. Undefined for any other body.
 */
export async function fileStreamCopy(body: unknown): Promise<AsyncIterable<Uint8Array> | undefined> {
  const { path, start, end } = (body ?? {}) as { path?: unknown; start?: number; end?: number };
  if (typeof path !== "string" || typeof (body as { pipe?: unknown }).pipe !== "function") return undefined;
  const { createReadStream } = await import("node:fs");
  return createReadStream(path, { start, end });
}

/** Milliseconds of silence after which the default handler gives up on a connection. */
export const DEFAULT_SOCKET_TIMEOUT = 120_000;

export const platformDefaults: PlatformDefaults = {
  runtime: "node",
  // A connection silent for two minutes fails the attempt (see `socketTimeout`), so that a stalled
  // server cannot hang a call forever when neither `requestTimeout` nor an abort signal is set.
  createRequestHandler: (options) => new LazyNodeHttpHandler({ ...options, socketTimeout: options.socketTimeout ?? DEFAULT_SOCKET_TIMEOUT }),
  isRequestHandler: (value): value is HttpHandler => typeof (value as { handle?: unknown })?.handle === "function",
  sha256: Hash.bind(null, "sha256"),
  streamCollector,
  setting: setting as PlatformDefaults["setting"],
  credentials: defaultCredentials,
  userAgent: () => [
    `os/${process.platform}`,
    `lang/js`,
    `md/nodejs#${process.versions.node}`,
    // Lambda and other AWS runtimes name themselves, as in the AWS SDKs.
    ...(process.env.AWS_EXECUTION_ENV ? [`exec-env/${process.env.AWS_EXECUTION_ENV}`] : []),
  ],
};

type NodeHttpHandler = import("./node-http.js").NodeHttpHandler;

/**
 * The default request handler: `NodeHttpHandler` (keep-alive agents, timeouts, aborts), loaded
 * with Node's `http` and `https` modules when the first request goes out.
 */
class LazyNodeHttpHandler implements HttpHandler {
  readonly metadata = { handlerProtocol: "http/1.1" };
  private handler?: Promise<NodeHttpHandler>;
  private loaded?: NodeHttpHandler;
  private readonly updates: [string, unknown][] = [];

  constructor(protected readonly options: HttpHandlerUserOptions) {}

  async handle(request: HttpRequest, options?: HttpHandlerOptions) {
    return (await this.load()).handle(request as never, options);
  }

  updateHttpClientConfig(key: string, value: unknown): void {
    if (this.loaded) this.loaded.updateHttpClientConfig(key as never, value as never);
    else this.updates.push([key, value]);
  }

  httpHandlerConfigs(): Record<string, unknown> {
    return this.loaded ? { ...this.loaded.httpHandlerConfigs() } : { ...this.options, ...Object.fromEntries(this.updates) };
  }

  destroy(): void {
    this.loaded?.destroy();
  }

  private load(): Promise<NodeHttpHandler> {
    return (this.handler ??= this.create().then((handler) => {
      for (const [key, value] of this.updates.splice(0)) handler.updateHttpClientConfig(key as never, value as never);
      return (this.loaded = handler);
    }));
  }

  protected create(): Promise<NodeHttpHandler> {
    return import("./node-http.js").then(({ NodeHttpHandler }) => new NodeHttpHandler(this.options));
  }
}

/**
 * `NodeHttp2Handler`, loaded on first use like the HTTP/1.1 one, with one session per call
 * (`disableConcurrentStreams`, as the AWS SDKs configure it for Transcribe Streaming); its timeout
 * is the request's. Only {@link http2PlatformDefaults} refers to it, so other clients do not bundle it.
 */
class LazyNodeHttp2Handler extends LazyNodeHttpHandler {
  override readonly metadata = { handlerProtocol: "h2" };

  protected override create(): Promise<NodeHttpHandler> {
    return import("./node-http2.js").then(
      ({ NodeHttp2Handler }) => new NodeHttp2Handler({ requestTimeout: this.options.requestTimeout, disableConcurrentStreams: true }) as unknown as NodeHttpHandler,
    );
  }
}

/**
 * The platform defaults of a client whose event streams need HTTP/2 (its model's
 * `aws.protocols#restJson1` trait lists `h2` first in `eventStreamHttp`): on Node the default
 * request handler is `@smithy/node-http-handler`'s `NodeHttp2Handler`, as in the AWS SDKs.
 */
export function http2PlatformDefaults(): PlatformDefaults {
  return { ...platformDefaults, createRequestHandler: (options) => new LazyNodeHttp2Handler(options) };
}

/**
 * The AWS default credential chain (environment, shared ini files, SSO,
 * credential_process, web identity, container and instance metadata), from
 * `@aws-sdk/credential-provider-node`, which the package's build bundles into
 * its `credentials` entry point. Loaded on first use only, so a client given
 * credentials never pays for it; the specifier is computed so that application
 * bundlers leave it out of their bundles too (an application that bundles
 * everything passes `credentials`, e.g. `defaultProvider()` from
 * `<package>/credentials`). Where that entry point cannot be loaded, the
 * environment variables still work.
 */
function defaultCredentials(packageName?: string, profile?: string): AwsCredentialIdentityProvider {
  let provider: Promise<AwsCredentialIdentityProvider> | undefined;
  return async (options) => {
    provider ??= loadDefaultChain(packageName, profile);
    return (await provider)(options) as Promise<AwsCredentialIdentity>;
  };
}

async function loadDefaultChain(packageName: string | undefined, profile: string | undefined): Promise<AwsCredentialIdentityProvider> {
  const specifiers = [...(packageName ? [`${packageName}/credentials`] : []), ["@aws-sdk", "credential-provider-node"].join("/")];
  for (const specifier of specifiers) {
    try {
      const chain = (await import(/* webpackIgnore: true */ /* @vite-ignore */ specifier)) as { defaultProvider(init?: { profile?: string }): AwsCredentialIdentityProvider };
      return chain.defaultProvider({ profile });
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (code !== "ERR_MODULE_NOT_FOUND" && code !== "MODULE_NOT_FOUND" && code !== "ERR_PACKAGE_PATH_NOT_EXPORTED") throw error;
    }
  }
  return fromEnvironment;
}

/** The first link of the chain: `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`, `AWS_SESSION_TOKEN`. */
const fromEnvironment: AwsCredentialIdentityProvider = async () => {
  const { AWS_ACCESS_KEY_ID: accessKeyId, AWS_SECRET_ACCESS_KEY: secretAccessKey, AWS_SESSION_TOKEN, AWS_CREDENTIAL_EXPIRATION, AWS_ACCOUNT_ID } = process.env;
  if (!accessKeyId || !secretAccessKey) {
    throw Object.assign(new Error("Could not load credentials: none were passed to the client, the environment has none, and the default credential chain is not installed."), {
      name: "CredentialsProviderError",
      tryNextLink: false,
    });
  }
  return {
    accessKeyId,
    secretAccessKey,
    ...(AWS_SESSION_TOKEN ? { sessionToken: AWS_SESSION_TOKEN } : {}),
    ...(AWS_CREDENTIAL_EXPIRATION ? { expiration: new Date(AWS_CREDENTIAL_EXPIRATION) } : {}),
    ...(AWS_ACCOUNT_ID ? { accountId: AWS_ACCOUNT_ID } : {}),
  };
};

/** An async iterable of bytes as a request body the Node handlers send (a `Readable`), for input event streams. */
export async function toRequestStream(chunks: AsyncIterable<Uint8Array>): Promise<unknown> {
  const { Readable } = await import("node:stream");
  return Readable.from(chunks, { objectMode: false });
}
