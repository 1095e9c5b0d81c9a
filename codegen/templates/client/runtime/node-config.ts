/**
 * Node only: the settings a client may take from the environment or the
 * shared config file (`~/.aws/config`; the profile passed as `profile`, else
 * `AWS_PROFILE`, else `default`), environment first, as `@smithy/core/config`
 * and the AWS SDKs read them. `platform.ts` loads this module on first use;
 * each export is named after the setting (`PlatformSettings`).
 */
import { NODE_REGION_CONFIG_OPTIONS, loadConfig } from "@smithy/core/config";
import type { Provider } from "@smithy/types";

/**
 * A setting from the environment variable `env` (`AWS_X_Y`), else from `x_y` in the profile, as
 * `parse` reads it (undefined: not set), else `fallback`.
 */
const setting =
  <T = string>(env: string, parse: (value: string | undefined) => T | undefined = (value) => value as T, fallback?: T) =>
  (profile?: string): Provider<T> =>
    loadConfig<T>(
      { environmentVariableSelector: (e) => parse(e[env]), configFileSelector: (p) => parse(p[env.slice(4).toLowerCase()]), default: fallback as T },
      { profile },
    );


/** `true` (anything else is false, where `@smithy/core/config`'s `booleanSelector` throws), else false. */
const flag = (env: string) => setting(env, (value) => value && value === "true", false);

/** `AWS_REGION`, then `region` in the profile (credentials file first), then EC2 instance metadata. */
export const region = (profile?: string): Provider<string> => loadConfig(NODE_REGION_CONFIG_OPTIONS, { preferredFile: "credentials", profile });

/** `AWS_MAX_ATTEMPTS`, then `max_attempts` in the profile, else 3 (as `@smithy/core/retry` reads them). */
export const maxAttempts = setting(
  "AWS_MAX_ATTEMPTS",
  (value) => {
    if (!value) return undefined;
    const attempts = Number.parseInt(value);
    if (Number.isNaN(attempts)) throw new Error(`Invalid AWS_MAX_ATTEMPTS or max_attempts: ${value}`);
    return attempts;
  },
  3,
);

/** `AWS_RETRY_MODE`, then `retry_mode` in the profile, else `standard`. */
export const retryMode = setting("AWS_RETRY_MODE", undefined, "standard");

/** `AWS_USE_FIPS_ENDPOINT`, then `use_fips_endpoint` in the profile, else false. */
export const useFipsEndpoint = flag("AWS_USE_FIPS_ENDPOINT");

/** `AWS_USE_DUALSTACK_ENDPOINT`, then `use_dualstack_endpoint` in the profile, else false. */
export const useDualstackEndpoint = flag("AWS_USE_DUALSTACK_ENDPOINT");

/** `AWS_SDK_UA_APP_ID`, then `sdk_ua_app_id` in the profile (as `@aws-sdk/core` reads it). */
export const userAgentAppId = setting("AWS_SDK_UA_APP_ID");

/**
 * The service's configured endpoint URL, as `@smithy/core/endpoints` reads it:
 * `AWS_ENDPOINT_URL_<SDK_ID>` (the sdkId in upper case, spaces as `_`), `AWS_ENDPOINT_URL`, then
 * the profile's `endpoint_url` (not `services` sections, to keep the bundle small); none when
 * `AWS_IGNORE_CONFIGURED_ENDPOINT_URLS` (or `ignore_configured_endpoint_urls`) is true.
 */
export const endpoint = (profile: string | undefined, sdkId: string): Provider<string | undefined> => {
  const ignore = flag("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS")(profile);
  const id = sdkId.replace(/ /g, "_").toUpperCase();
  const url = loadConfig<string | undefined>(
    {
      environmentVariableSelector: (e) => e["AWS_ENDPOINT_URL_" + id] || e.AWS_ENDPOINT_URL || undefined,
      configFileSelector: (p) => p.endpoint_url || undefined,
      default: undefined,
    },
    { profile },
  );
  return async () => ((await ignore()) ? undefined : url());
};
