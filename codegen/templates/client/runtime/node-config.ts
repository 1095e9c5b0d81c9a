/**
 * Node only: the configuration values a client may take from the environment
 * or the shared config file (`~/.aws/config`, profile from `AWS_PROFILE`), as
 * `@smithy/core/config` reads them. `platform.ts` loads this module on first
 * use.
 */
import { NODE_REGION_CONFIG_FILE_OPTIONS, NODE_REGION_CONFIG_OPTIONS, loadConfig } from "@smithy/core/config";
import { NODE_MAX_ATTEMPT_CONFIG_OPTIONS, NODE_RETRY_MODE_CONFIG_OPTIONS } from "@smithy/core/retry";
import type { Provider } from "@smithy/types";

/** `AWS_REGION`, then `region` in the profile. */
export const region = (): Provider<string> => loadConfig(NODE_REGION_CONFIG_OPTIONS, NODE_REGION_CONFIG_FILE_OPTIONS);

/** `AWS_MAX_ATTEMPTS`, then `max_attempts` in the profile, else 3. */
export const maxAttempts = (): Provider<number> => loadConfig(NODE_MAX_ATTEMPT_CONFIG_OPTIONS);

/** `AWS_RETRY_MODE`, then `retry_mode` in the profile, else `standard`. */
export const retryMode = (): Provider<string> => loadConfig(NODE_RETRY_MODE_CONFIG_OPTIONS);
