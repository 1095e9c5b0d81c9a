/** Browser defaults for the client configuration: fetch, WebCrypto, no files. */
import { Md5 } from "@smithy/core/checksum";
import { FetchHttpHandler, streamCollector } from "@smithy/fetch-http-handler";
import type { AwsCredentialIdentityProvider, ChecksumConstructor, HashConstructor, Provider } from "@smithy/types";
import type { HttpHandler, PlatformDefaults, PlatformSettings } from "./client-config.js";
import { WebCryptoSha256 } from "./sha256.browser.js";

const missing = (what: string, option: string): Provider<never> => () =>
  Promise.reject(new Error(`${what} is not configured: pass \`${option}\` to the client constructor (browsers have no default ${what})`));

const no = () => Promise.resolve(false);

/** Browsers have no environment or config file: the defaults (no configured endpoint or app id). */
const settings: Partial<PlatformSettings> = {
  region: missing("region", "region"),
  maxAttempts: () => Promise.resolve(3),
  retryMode: () => Promise.resolve("standard"),
  useFipsEndpoint: no,
  useDualstackEndpoint: no,
};

/** Browsers have no environment: the auth settings are the client's only. */
export const authSetting = (_name: string, _profile: string | undefined): Provider<string[] | undefined> => () => Promise.resolve(undefined);

/** MD5 for `Content-MD5` (operations with `@httpChecksumRequired` import it). */
export const defaultMd5: Provider<ChecksumConstructor | HashConstructor> = () => Promise.resolve(Md5);

/** Browsers have no file streams: every streamed body is read into memory where it must be hashed first. */
export async function fileStreamCopy(_body: unknown): Promise<AsyncIterable<Uint8Array> | undefined> {
  return undefined;
}

export const platformDefaults: PlatformDefaults = {
  runtime: "browser",
  createRequestHandler: (options) => new FetchHttpHandler(options),
  isRequestHandler: (value): value is HttpHandler => typeof (value as { handle?: unknown })?.handle === "function",
  // WebCrypto only (see sha256.browser.ts for why not @smithy's class with its JavaScript fallback).
  sha256: WebCryptoSha256,
  streamCollector,
  setting: (name) => settings[name] as never,
  credentials: () => missing("credentials", "credentials") as AwsCredentialIdentityProvider,
  userAgent: () => ["os/other", "lang/js", "md/browser"],
};

/** An async iterable of bytes as a request body fetch sends (a `ReadableStream`), for input event streams. */
export async function toRequestStream(chunks: AsyncIterable<Uint8Array>): Promise<unknown> {
  const { iterableToReadableStream } = await import("@smithy/core/event-streams");
  return iterableToReadableStream(chunks);
}

/** Browsers negotiate HTTP/2 themselves: the same defaults (see `platform.ts`). */
export function http2PlatformDefaults(): PlatformDefaults {
  return platformDefaults;
}
