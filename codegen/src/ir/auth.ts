/**
 * The effective auth schemes of each operation, as the Smithy spec defines them (auth traits page;
 * `ServiceIndex.getEffectiveAuthSchemes` in `NO_AUTH_AWARE` mode, which smithy-typescript uses):
 *
 * - the service's auth schemes are the traits applied to it that are auth definitions, ordered
 *   alphabetically by shape id when the service has no `@auth` trait;
 * - an operation's `@auth` list, else the service's `@auth` list, else every service scheme, in
 *   that priority order;
 * - `smithy.api#noAuth` is appended when that list is empty (`@auth([])`) or the operation has
 *   `@optionalAuth` (it may be called without authentication).
 *
 * As the AWS SDK does, SigV4a is also offered where the service's endpoint rules may ask for it
 * (`authSchemes` naming `sigv4a`: CloudFront KeyValueStore, SESv2 multi-Region endpoints), right
 * after SigV4; the rules then choose between the two for each call.
 */
import type { Traits } from "../load/types.js";
import type { ResolvedModel } from "./resolve.js";

export const NO_AUTH = "smithy.api#noAuth";
export const SIGV4 = "aws.auth#sigv4";
export const SIGV4A = "aws.auth#sigv4a";

/** The schemes a generated client implements (besides `noAuth`). */
export const SUPPORTED_AUTH: ReadonlySet<string> = new Set([SIGV4, SIGV4A, "smithy.api#httpBearerAuth", "smithy.api#httpApiKeyAuth", "smithy.api#httpBasicAuth"]);

/** Prelude and AWS auth definitions, known even when the model does not define them. */
const KNOWN_AUTH: ReadonlySet<string> = new Set([...SUPPORTED_AUTH, "smithy.api#httpDigestAuth", "aws.auth#cognitoUserPools"]);

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The auth definition traits applied to the service, alphabetically by shape id. */
export function serviceAuthSchemes(model: ResolvedModel, traits: Traits): string[] {
  return Object.keys(traits)
    .filter((id) => KNOWN_AUTH.has(id) || model.get(id)?.traits?.["smithy.api#authDefinition"] !== undefined)
    .sort(compare);
}

/**
 * The effective schemes of an operation, in priority order, with `noAuth` where it may be called
 * anonymously; the schemes this generator does not implement are left out (as the AWS SDK skips an
 * option it has no scheme for); an operation left with none is refused by the table of unsupported
 * features (support.ts).
 */
export function effectiveAuth(
  model: ResolvedModel,
  serviceId: string,
  serviceTraits: Traits,
  operationId: string,
  operationTraits: Traits,
): string[] {
  const schemes = serviceAuthSchemes(model, serviceTraits);
  const listed = (operationTraits["smithy.api#auth"] ?? serviceTraits["smithy.api#auth"]) as string[] | undefined;
  const effective = (listed ?? schemes).filter((id) => schemes.includes(id));
  if (effective.length === 0 || "smithy.api#optionalAuth" in operationTraits) effective.push(NO_AUTH);
  const sigv4 = effective.indexOf(SIGV4);
  if (sigv4 >= 0 && !effective.includes(SIGV4A) && endpointRulesUseSigV4a(serviceTraits)) effective.splice(sigv4 + 1, 0, SIGV4A);
  // An operation left with no scheme we implement is refused (or skipped on request) by the table
  // of unsupported features (support.ts), which names the scheme; here it just gets none.
  const supported = effective.filter((id) => id === NO_AUTH || SUPPORTED_AUTH.has(id));
  return supported;
}

/** Whether the service's endpoint rules can return a SigV4a auth scheme. */
function endpointRulesUseSigV4a(traits: Traits): boolean {
  const rules = traits["smithy.rules#endpointRuleSet"];
  return rules !== undefined && /"name":"sigv4a"/i.test(JSON.stringify(rules));
}
