/**
 * Auth schemes resolved per operation, as Smithy defines them (the service's auth traits, `@auth`,
 * `@optionalAuth`, `smithy.api#noAuth`) and as the AWS SDKs choose among them: the generator lists
 * each operation's effective schemes in priority order; for every call the client takes the first
 * one it has an identity for, after moving the schemes named in `authSchemePreference` to the front.
 *
 * A client whose model uses nothing but SigV4 (most AWS services) imports none of this: its calls
 * take the built-in SigV4 path of the signing middleware. Every other client imports `httpAuth` and
 * exactly the schemes its model names, so that a bundle never carries a signer it cannot use.
 *
 * The signers are `@smithy/core`'s (`HttpBearerAuthSigner`, `HttpApiKeyAuthSigner`) and
 * `@smithy/signature-v4a`'s `SignatureV4a`; HTTP Basic, which `@smithy/core` has no signer for, is
 * one header.
 */
import { HttpApiKeyAuthSigner, HttpBearerAuthSigner, doesIdentityRequireRefresh, isIdentityExpired, memoizeIdentityProvider } from "@smithy/core";
import { HttpRequest } from "@smithy/core/protocols";
import { toBase64 } from "@smithy/core/serde";
import type {
  ApiKeyIdentity,
  ApiKeyIdentityProvider,
  EndpointV2,
  HttpRequest as IHttpRequest,
  Provider,
  RequestSigner,
  TokenIdentity,
  TokenIdentityProvider,
} from "@smithy/types";
import type { ResolvedClientConfig } from "./client-config.js";
import type { SigningContext } from "./middleware.js";
import { authSetting } from "./platform.js";

/** The client options the auth schemes read (declared by a generated client only when its model uses the scheme). */
export interface AuthInputConfig {
  /**
   * The names of auth schemes to try first, in order, without their namespace (`sigv4`,
   * `sigv4a`, `httpBearerAuth`, `httpApiKeyAuth`, `httpBasicAuth`, `noAuth`); the other schemes an
   * operation supports follow, in the model's order. Names an operation does not support are
   * ignored. Node: defaults to `AWS_AUTH_SCHEME_PREFERENCE` or `auth_scheme_preference` in the profile.
   */
  authSchemePreference?: string[] | Provider<string[]>;
  /** `httpBearerAuth`: the token sent as `Authorization: Bearer <token>`, or a provider of it (cached until five minutes before its `expiration`). */
  token?: TokenIdentity | TokenIdentityProvider;
  /** `httpApiKeyAuth`: the API key (a string, `{ apiKey }` or a provider), sent where the model says. */
  apiKey?: string | ApiKeyIdentity | ApiKeyIdentityProvider;
  /** `httpBasicAuth`: the user name sent as `Authorization: Basic …` with `password`. */
  username?: string | Provider<string>;
  /** `httpBasicAuth`: the password sent with `username`. */
  password?: string | Provider<string>;
  /**
   * `aws.auth#sigv4a`: the Regions a SigV4a signature is valid in (`["*"]` for all). Node: defaults
   * to `AWS_SIGV4A_SIGNING_REGION_SET` or `sigv4a_signing_region_set`; else the endpoint's, else the call's Region.
   */
  sigv4aSigningRegionSet?: string[] | Provider<string[]>;
}

/**
 * An auth scheme a generated client supports. `signing` gives how one call is signed with it, or
 * undefined when the client has no identity configured for it (the next scheme is tried then).
 */
export interface AuthScheme {
  /** The scheme's shape id, e.g. `smithy.api#httpBearerAuth`. */
  readonly schemeId: string;
  signing(config: ResolvedClientConfig & AuthInputConfig, sigv4: SigningContext, endpoint: EndpointV2): SigningContext | undefined;
}

/**
 * The auth of a service: picks how one call is signed among the operation's schemes (`schemes`),
 * else the service's default ones; `sigv4` is the SigV4 signing the endpoint gives.
 */
export type ServiceAuth = (config: ResolvedClientConfig, schemes: readonly AuthScheme[] | undefined, sigv4: SigningContext, endpoint: EndpointV2) => Promise<SigningContext>;

/** No scheme of the operation could be used: the message lists why each was passed over. */
export class AuthSchemeError extends Error {
  override readonly name = "AuthSchemeError";
}

/** The auth of a service whose operations use `defaults` unless they list their own schemes. */
export function httpAuth(defaults: readonly AuthScheme[]): ServiceAuth {
  return (config, schemes, sigv4, endpoint) => select(config, schemes ?? defaults, sigv4, endpoint);
}

async function select(config: ResolvedClientConfig, schemes: readonly AuthScheme[], sigv4: SigningContext, endpoint: EndpointV2): Promise<SigningContext> {
  const reasons: string[] = [];
  for (const scheme of preferred(endpointOrder(schemes, endpoint), await preference(config))) {
    const signing = scheme.signing(config, sigv4, endpoint);
    if (signing) return signing;
    reasons.push(`${scheme.schemeId}: ${MISSING[scheme.schemeId] ?? "no identity is configured"}`);
  }
  throw new AuthSchemeError(`No auth scheme of this operation can be used: ${reasons.join("; ")}`);
}

const MISSING: Record<string, string> = {
  "smithy.api#httpBearerAuth": "no `token` is configured",
  "smithy.api#httpApiKeyAuth": "no `apiKey` is configured",
  "smithy.api#httpBasicAuth": "no `username` and `password` are configured",
};

const SIGV4 = "aws.auth#sigv4";
const SIGV4A = "aws.auth#sigv4a";

/**
 * Where the endpoint rules name auth schemes (`authSchemes`: e.g. SigV4a for a multi-Region
 * endpoint), they decide between SigV4 and SigV4a, in their order, as in the AWS SDKs; the
 * operation's other schemes (an anonymous fallback, a token) keep their place after them.
 */
function endpointOrder(schemes: readonly AuthScheme[], endpoint: EndpointV2): readonly AuthScheme[] {
  const named = endpoint.properties?.authSchemes as { name?: string }[] | undefined;
  const sigv4Family = schemes.filter((s) => s.schemeId === SIGV4 || s.schemeId === SIGV4A);
  if (!named?.length || !sigv4Family.length) return schemes;
  const fromEndpoint: AuthScheme[] = [];
  for (const { name = "" } of named) {
    const id = name.toLowerCase() === "sigv4a" ? SIGV4A : name.toLowerCase().startsWith("sigv4") ? SIGV4 : undefined;
    const scheme = sigv4Family.find((s) => s.schemeId === id);
    if (scheme && !fromEndpoint.includes(scheme)) fromEndpoint.push(scheme);
  }
  if (!fromEndpoint.length) throw new AuthSchemeError(`The endpoint requires auth schemes this client does not support: ${named.map((s) => s.name).join(", ")}`);
  return [...fromEndpoint, ...schemes.filter((s) => !sigv4Family.includes(s))];
}

/** `@smithy/core`'s `resolveAuthOptions`: the preferred schemes first, in the preference's order. */
function preferred(schemes: readonly AuthScheme[], preference: readonly string[]): readonly AuthScheme[] {
  if (!preference.length) return schemes;
  const first = preference.flatMap((name) => schemes.filter((s) => s.schemeId.split("#")[1] === name));
  return [...new Set([...first, ...schemes])];
}

/** The client's `authSchemePreference`, else (Node) the environment's or the profile's. */
function preference(config: ResolvedClientConfig & AuthInputConfig): Promise<string[]> {
  const provider = identity(config, "authSchemePreference", () => setting(config, "authSchemePreference"))!;
  return provider().then((names) => (names ?? []).map((name) => name.trim()).filter(Boolean));
}

/** An auth option as passed, else (Node) from the environment or the profile. */
function setting(config: ResolvedClientConfig & AuthInputConfig, name: "authSchemePreference" | "sigv4aSigningRegionSet"): Provider<string[] | undefined> {
  const given = config[name];
  return given ? toProvider(given) : authSetting(name, config.profile);
}

/** `smithy.api#noAuth`: the request is sent unsigned (no signing name), and the call needs no identity at all. */
export const noAuth: AuthScheme = { schemeId: "smithy.api#noAuth", signing: () => ({}) };

/** `aws.auth#sigv4`: the built-in SigV4 signing with the client's credentials. */
export const sigv4Auth: AuthScheme = { schemeId: SIGV4, signing: (_config, sigv4) => sigv4 };

/** A provider per client configuration and option, memoized as the AWS SDKs memoize identities. */
const identities = new WeakMap<object, Map<string, Provider<unknown>>>();
function identity<T>(config: object, key: string, make: () => Provider<T> | undefined): Provider<T> | undefined {
  let byKey = identities.get(config);
  if (!byKey) identities.set(config, (byKey = new Map()));
  if (!byKey.has(key)) byKey.set(key, make() as Provider<unknown>);
  return byKey.get(key) as Provider<T> | undefined;
}

const toProvider = <T>(value: T | Provider<T>): Provider<T> => (typeof value === "function" ? (value as Provider<T>) : () => Promise.resolve(value));

/**
 * A signing that applies `sign` to each attempt's request with an identity from `provider` (the
 * signing name only tells the signing middleware that the call is signed).
 */
const signWith = <I>(schemeId: string, provider: Provider<I>, sign: (request: IHttpRequest, identity: I) => Promise<IHttpRequest>): SigningContext => ({
  signingName: schemeId,
  sign: async (request) => sign(request, await provider()),
});

// Pure: a bundle without the bearer scheme keeps no signer.
const bearerSigner = /* @__PURE__ */ new HttpBearerAuthSigner();

/** `smithy.api#httpBearerAuth`: `Authorization: Bearer <token>`, from the `token` option. */
export const httpBearerAuth: AuthScheme = {
  schemeId: "smithy.api#httpBearerAuth",
  signing(config) {
    const token = identity(config, "token", () => memoizeIdentityProvider(config.token, isIdentityExpired, doesIdentityRequireRefresh));
    return token && signWith("smithy.api#httpBearerAuth", token, (request, id) => bearerSigner.sign(request as never, id, {}) as Promise<IHttpRequest>);
  },
};

/** `smithy.api#httpApiKeyAuth`: the `apiKey` option in the header or query parameter the trait names. */
export function httpApiKeyAuth(trait: { name: string; in: "header" | "query"; scheme?: string }): AuthScheme {
  const signer = new HttpApiKeyAuthSigner();
  const properties = { name: trait.name, in: trait.in, ...(trait.scheme ? { scheme: trait.scheme } : {}) };
  return {
    schemeId: "smithy.api#httpApiKeyAuth",
    signing(config) {
      const key = identity(config, "apiKey", () => {
        const given = config.apiKey;
        if (given === undefined) return undefined;
        const provider = typeof given === "string" ? { apiKey: given } : given;
        return memoizeIdentityProvider(provider, isIdentityExpired, doesIdentityRequireRefresh);
      });
      return key && signWith("smithy.api#httpApiKeyAuth", key, (request, id) => signer.sign(request as never, id, properties as never) as Promise<IHttpRequest>);
    },
  };
}

/** `smithy.api#httpBasicAuth`: `Authorization: Basic base64(username:password)` (RFC 7617), from `username` and `password`. */
export const httpBasicAuth: AuthScheme = {
  schemeId: "smithy.api#httpBasicAuth",
  signing(config) {
    const { username, password } = config;
    if (username === undefined || password === undefined) return undefined;
    const user = toProvider(username);
    const secret = toProvider(password);
    return {
      signingName: "smithy.api#httpBasicAuth",
      sign: async (request) => {
        const [name, pass] = await Promise.all([user(), secret()]);
        // A colon in the user name would shift the split on the server's side (RFC 7617, 2).
        if (name.includes(":")) throw new AuthSchemeError("httpBasicAuth: the username must not contain a colon");
        // A copy, as the other signers make: each attempt starts from the request as serialized.
        const signed = HttpRequest.clone(request);
        signed.headers.authorization = `Basic ${toBase64(new TextEncoder().encode(`${name}:${pass}`))}`;
        return signed;
      },
    };
  },
};

/** The constructor of `@smithy/signature-v4a`'s `SignatureV4a` (passed in, so that only clients that use SigV4a depend on it). */
export type SignatureV4aConstructor = new (init: {
  credentials: ResolvedClientConfig["credentials"];
  region: string;
  service: string;
  sha256: ResolvedClientConfig["sha256"];
  uriEscapePath: boolean;
  applyChecksum: boolean;
}) => RequestSigner;

/**
 * `aws.auth#sigv4a`: SigV4a (`AWS4-ECDSA-P256-SHA256`) with the client's credentials, valid in the
 * Regions of `X-Amz-Region-Set`: `sigv4aSigningRegionSet`, else the endpoint's `signingRegionSet`,
 * else the call's Region (as the AWS SDKs choose it).
 */
export function sigv4aAuth(SignatureV4a: SignatureV4aConstructor): AuthScheme {
  return {
    schemeId: SIGV4A,
    signing(config, sigv4, endpoint) {
      const scheme = (endpoint.properties?.authSchemes as { name?: string; signingName?: string; signingRegionSet?: string[] }[] | undefined)?.find(
        (s) => s.name?.toLowerCase() === "sigv4a",
      );
      const signingName = scheme?.signingName ?? sigv4.signingName ?? config.service.signingName;
      if (!signingName) return undefined;
      const regionSet = identity(config, "sigv4aSigningRegionSet", () => setting(config, "sigv4aSigningRegionSet"))!;
      const signer = identity(config, `sigv4a ${signingName}`, () => {
        const instance = new SignatureV4a({ credentials: config.credentials, region: "*", service: signingName, sha256: config.sha256, uriEscapePath: true, applyChecksum: true });
        return () => Promise.resolve(instance);
      })!;
      return {
        signingName,
        sign: async (request, { signingDate }) => {
          const regions = (await regionSet()) ?? scheme?.signingRegionSet ?? [sigv4.signingRegion ?? (await config.region())];
          return (await signer()).sign(request, { signingDate, signingRegion: regions.join(","), signingService: signingName });
        },
      };
    },
  };
}
