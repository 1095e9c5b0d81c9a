/**
 * Node.js defaults for the client configuration. The browser build swaps this
 * file for `platform.browser.ts` (see the package's `browser` field).
 */
import { promisify } from "node:util";
import { gzip } from "node:zlib";
import { NODE_REGION_CONFIG_FILE_OPTIONS, NODE_REGION_CONFIG_OPTIONS, loadConfig } from "@smithy/core/config";
import { NODE_MAX_ATTEMPT_CONFIG_OPTIONS, NODE_RETRY_MODE_CONFIG_OPTIONS } from "@smithy/core/retry";
import { Hash } from "@smithy/hash-node";
import { NodeHttpHandler, streamCollector } from "@smithy/node-http-handler";
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider, Provider } from "@smithy/types";
import type { HttpHandler, PlatformDefaults } from "./client-config.js";

export const platformDefaults: PlatformDefaults = {
  runtime: "node",
  createRequestHandler: (options) => new NodeHttpHandler(options),
  isRequestHandler: (value): value is HttpHandler => typeof (value as { handle?: unknown })?.handle === "function",
  sha256: Hash.bind(null, "sha256"),
  streamCollector,
  md5: () => Promise.resolve(Hash.bind(null, "md5")),
  gzip: promisify(gzip),
  region: loadConfig(NODE_REGION_CONFIG_OPTIONS, NODE_REGION_CONFIG_FILE_OPTIONS) as Provider<string>,
  maxAttempts: loadConfig(NODE_MAX_ATTEMPT_CONFIG_OPTIONS) as Provider<number>,
  retryMode: loadConfig(NODE_RETRY_MODE_CONFIG_OPTIONS) as Provider<string>,
  credentials: defaultCredentials,
  userAgent: () => [`os/${process.platform}`, `lang/js`, `md/nodejs#${process.versions.node}`],
};

/**
 * The AWS default credential chain (environment, shared ini files, SSO,
 * credential_process, web identity, container and instance metadata). Loaded
 * on first use only, so a client given static credentials never pays for it.
 */
function defaultCredentials(): AwsCredentialIdentityProvider {
  let provider: Promise<AwsCredentialIdentityProvider> | undefined;
  return async (options) => {
    provider ??= import("@aws-sdk/credential-provider-node").then((m) => m.defaultProvider());
    return (await provider)(options) as Promise<AwsCredentialIdentity>;
  };
}
