/**
 * The package's `credentials` entry point (Node only): the AWS default
 * credential chain of `@aws-sdk/credential-provider-node`, which the build
 * bundles into this entry so that installing the client installs no
 * credential packages. The client loads it on first use when it is given no
 * credentials; an application that bundles everything can pass
 * `credentials: defaultProvider()` to keep it in its bundle.
 */
import { defaultProvider as awsDefaultProvider } from "@aws-sdk/credential-provider-node";
import type { AwsCredentialIdentityProvider } from "@smithy/types";

/** Options of the chain: `profile`, `roleAssumer`, `mfaCodeProvider`, `timeout`, ... (see `@aws-sdk/credential-provider-node`). */
export interface DefaultProviderInit {
  profile?: string;
  [option: string]: unknown;
}

/** Environment, shared ini files, SSO, `credential_process`, web identity, container and instance metadata, in that order. */
export const defaultProvider = (init: DefaultProviderInit = {}): AwsCredentialIdentityProvider =>
  awsDefaultProvider(init as Parameters<typeof awsDefaultProvider>[0]) as AwsCredentialIdentityProvider;
