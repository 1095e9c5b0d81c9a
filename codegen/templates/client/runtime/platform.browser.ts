/** Browser defaults for the client configuration: fetch, WebCrypto, no files. */
import { Sha256 } from "@aws-crypto/sha256-browser";
import { FetchHttpHandler, streamCollector } from "@smithy/fetch-http-handler";
import type { AwsCredentialIdentityProvider, Provider } from "@smithy/types";
import type { HttpHandler, PlatformDefaults } from "./client-config.js";

const missing = (what: string, option: string): Provider<never> => () =>
  Promise.reject(new Error(`${what} is not configured: pass \`${option}\` to the client constructor (browsers have no default ${what})`));

export const platformDefaults: PlatformDefaults = {
  runtime: "browser",
  createRequestHandler: (options) => new FetchHttpHandler(options),
  isRequestHandler: (value): value is HttpHandler => typeof (value as { handle?: unknown })?.handle === "function",
  sha256: Sha256,
  streamCollector,
  region: missing("region", "region"),
  maxAttempts: () => Promise.resolve(3),
  retryMode: () => Promise.resolve("standard"),
  credentials: () => missing("credentials", "credentials") as AwsCredentialIdentityProvider,
  userAgent: () => ["os/other", "lang/js", "md/browser"],
};
