/**
 * Node only: the auth settings (`authSchemePreference`, `sigv4aSigningRegionSet`) from the
 * environment or the shared config file, in a module of its own that `platform.ts` loads on first
 * use, so that clients without a choice of auth schemes (SigV4 alone) never bundle it.
 */
import { loadConfig } from "@smithy/core/config";
import type { Provider } from "@smithy/types";

const list = (value: string | undefined) => (value === undefined ? undefined : value.split(",").map((name) => name.trim()).filter(Boolean));

/**
 * `AWS_AUTH_SCHEME_PREFERENCE`, then `auth_scheme_preference` in the profile (comma-separated
 * scheme names, as `@aws-sdk/core` reads them), else none.
 */
export const authSchemePreference = (profile?: string): Provider<string[]> =>
  loadConfig<string[]>({ environmentVariableSelector: (e) => list(e.AWS_AUTH_SCHEME_PREFERENCE), configFileSelector: (p) => list(p.auth_scheme_preference), default: [] }, { profile });

/** `AWS_SIGV4A_SIGNING_REGION_SET`, then `sigv4a_signing_region_set` in the profile (as `@aws-sdk/core` reads them), else none. */
export const sigv4aSigningRegionSet = (profile?: string): Provider<string[] | undefined> =>
  loadConfig<string[] | undefined>(
    { environmentVariableSelector: (e) => list(e.AWS_SIGV4A_SIGNING_REGION_SET), configFileSelector: (p) => list(p.sigv4a_signing_region_set), default: undefined },
    { profile },
  );
