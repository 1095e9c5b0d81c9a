/**
 * Node only: the settings a client may take from the environment or the
 * shared config file (`~/.aws/config`; the profile passed as `profile`, else
 * `AWS_PROFILE`, else `default`), environment first, as `@smithy/core/config`
 * and the AWS SDKs read them. `platform.ts` loads this module on first use;
 * each export is named after the setting (`PlatformSettings`).
 */
import {
  NODE_REGION_CONFIG_FILE_OPTIONS,
  NODE_REGION_CONFIG_OPTIONS,
  NODE_USE_DUALSTACK_ENDPOINT_CONFIG_OPTIONS,
  NODE_USE_FIPS_ENDPOINT_CONFIG_OPTIONS,
  SelectorType,
  booleanSelector,
  loadConfig,
} from "@smithy/core/config";
import { NODE_MAX_ATTEMPT_CONFIG_OPTIONS, NODE_RETRY_MODE_CONFIG_OPTIONS } from "@smithy/core/retry";
import type { Provider } from "@smithy/types";

/** `AWS_REGION`, then `region` in the profile (credentials file first), then EC2 instance metadata. */
export const region = (profile?: string): Provider<string> => loadConfig(NODE_REGION_CONFIG_OPTIONS, { ...NODE_REGION_CONFIG_FILE_OPTIONS, profile });

/** `AWS_MAX_ATTEMPTS`, then `max_attempts` in the profile, else 3. */
export const maxAttempts = (profile?: string): Provider<number> => loadConfig(NODE_MAX_ATTEMPT_CONFIG_OPTIONS, { profile });

/** `AWS_RETRY_MODE`, then `retry_mode` in the profile, else `standard`. */
export const retryMode = (profile?: string): Provider<string> => loadConfig(NODE_RETRY_MODE_CONFIG_OPTIONS, { profile });

/** `AWS_USE_FIPS_ENDPOINT`, then `use_fips_endpoint` in the profile, else false. */
export const useFipsEndpoint = (profile?: string): Provider<boolean> => loadConfig(NODE_USE_FIPS_ENDPOINT_CONFIG_OPTIONS, { profile });

/** `AWS_USE_DUALSTACK_ENDPOINT`, then `use_dualstack_endpoint` in the profile, else false. */
export const useDualstackEndpoint = (profile?: string): Provider<boolean> => loadConfig(NODE_USE_DUALSTACK_ENDPOINT_CONFIG_OPTIONS, { profile });

/** `AWS_SDK_UA_APP_ID`, then `sdk_ua_app_id` in the profile (as `@aws-sdk/core` reads it). */
export const userAgentAppId = (profile?: string): Provider<string | undefined> =>
  loadConfig<string | undefined>({ environmentVariableSelector: (e) => e.AWS_SDK_UA_APP_ID, configFileSelector: (p) => p.sdk_ua_app_id, default: undefined }, { profile });

/**
 * The service's configured endpoint URL, as `@smithy/core/endpoints` reads it:
 * `AWS_ENDPOINT_URL_<SDK_ID>` (the sdkId in upper case, spaces as `_`), `AWS_ENDPOINT_URL`, then
 * the profile's `endpoint_url` (not `services` sections, to keep the bundle small); none when
 * `AWS_IGNORE_CONFIGURED_ENDPOINT_URLS` (or `ignore_configured_endpoint_urls`) is true.
 */
export const endpoint = (profile: string | undefined, sdkId: string): Provider<string | undefined> => {
  const ignore = loadConfig<boolean>(
    {
      environmentVariableSelector: (e) => booleanSelector(e, "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", SelectorType.ENV),
      configFileSelector: (p) => booleanSelector(p, "ignore_configured_endpoint_urls", SelectorType.CONFIG),
      default: false,
    },
    { profile },
  );
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

