/**
 * The middleware of every call: logging, input validation, endpoint
 * resolution, serialization, user agent, retries (`@smithy/core/retry`), SigV4
 * signing and deserialization, each registered under the name and step the
 * AWS SDKs use, so that custom middleware can be placed relative to it.
 */
import { HttpRequest } from "@smithy/core/protocols";
import { retryMiddleware, retryMiddlewareOptions } from "@smithy/core/retry";
import { toEndpointV1 } from "@smithy/core/transport";
import type { HttpRequest as __HttpRequest, EndpointV2, HandlerExecutionContext, HttpResponse, MiddlewareStack, Pluggable } from "@smithy/types";
import type { AuthScheme } from "./auth.js";
import { type EndpointParams, NO_LOGGER, type ResolvedClientConfig } from "./client-config.js";
import { metadataOf } from "./errors.js";
import { ServiceException } from "./exceptions.js";
import { bodyReadErrors } from "./serde.js";
import { attemptMiddleware, errorForLog, redactForLog, safeText } from "./transport.js";
import type { SerdeContext } from "./serde.js";
import { type Validator, inputValidationMiddleware, inputValidationMiddlewareOptions } from "./validation.js";

/** How one command fills the endpoint parameters that are not built-ins. */
export interface EndpointInstructions {
  /** `smithy.rules#staticContextParams` */
  staticParams?: Record<string, string | boolean | string[]>;
  /** `smithy.rules#contextParam`: parameter name → input member name. */
  contextParams?: Record<string, string>;
}

/** An entry of an endpoint's `authSchemes` property. */
interface EndpointAuthScheme {
  name?: string;
  signingName?: string;
  signingRegion?: string;
  signingRegionSet?: string[];
  disableDoubleEncoding?: boolean;
}

/** How one call is signed: SigV4 with a signing name and Region, another scheme's `sign`, or (without a signing name) not at all. */
export interface SigningContext {
  signingName?: string;
  signingRegion?: string;
  /** Signs one attempt's request instead of SigV4 (the other auth schemes; see `auth.ts`). */
  sign?: (request: __HttpRequest, options: { signingDate: Date }) => Promise<__HttpRequest>;
}

type Context = HandlerExecutionContext & { endpointV2?: EndpointV2; signing?: SigningContext };

/** Resolves the endpoint parameters for one call from the config and the input. */
export async function endpointParamsFor(
  config: ResolvedClientConfig,
  input: Record<string, unknown>,
  instructions: EndpointInstructions,
): Promise<EndpointParams> {
  const params: EndpointParams = {};
  const { builtIns, clientContextParams } = config.service.endpoint;
  for (const [param, builtIn] of Object.entries(builtIns)) {
    switch (builtIn) {
      case "AWS::Region":
        params[param] = await config.region();
        break;
      case "AWS::UseFIPS":
        params[param] = await config.useFipsEndpoint();
        break;
      case "AWS::UseDualStack":
        params[param] = await config.useDualstackEndpoint();
        break;
      case "SDK::Endpoint":
        params[param] = await config.endpoint();
        break;
      default:
        break;
    }
  }
  for (const [param, key] of Object.entries(clientContextParams)) {
    const value = config[key];
    if (value !== undefined) params[param] = value as string | boolean;
  }
  Object.assign(params, instructions.staticParams);
  for (const [param, member] of Object.entries(instructions.contextParams ?? {})) {
    const value = input[member];
    if (value !== undefined) params[param] = value as string | boolean;
  }
  return params;
}

/** A built-in middleware: where it goes in a `MiddlewareStack`, and its rank when composed directly. */
export interface MiddlewareEntry {
  middleware: (next: any, context: Context) => (args: any) => Promise<any>;
  /**
   * Outermost first: logger 10, validation 20, endpoint 30, serializer 40, user agent 50, retry 60,
   * signing 70, deserializer 80. An operation's own middleware fits in between (e.g. 45: the build
   * step, after the request exists and before it is signed).
   */
  order: number;
  options: { name: string; override: true; step?: string; priority?: string; tags?: string[]; aliases?: string[]; relation?: string; toMiddleware?: string };
}
type BuiltIn = MiddlewareEntry;

/**
 * Middleware a command adds to its operation only (a model trait such as `aws.protocols#httpChecksum`,
 * or a service customization), made once per client configuration. Commands import only the ones their
 * operation needs, so that a client whose model needs none does not bundle them.
 */
export type OperationMiddleware = (config: ResolvedClientConfig) => readonly MiddlewareEntry[];

/** A plugin that can also list its middleware, for the client's direct composition (see `client.ts`). */
export interface BuiltInPlugin extends Pluggable<any, any> {
  entries(): readonly BuiltIn[];
}

function plugin(entries: BuiltIn[]): BuiltInPlugin {
  return {
    applyToStack(stack: MiddlewareStack<any, any>) {
      for (const { middleware, options } of entries) {
        if (options.toMiddleware) stack.addRelativeTo(middleware as any, options as any);
        else stack.add(middleware as any, options as any);
      }
    },
    entries: () => entries,
  };
}

const endpointMiddleware =
  (config: ResolvedClientConfig, instructions: EndpointInstructions, auth: readonly AuthScheme[] | undefined) =>
  (next: any, context: Context) =>
  async (args: { input: Record<string, unknown> }) => {
    const params = await endpointParamsFor(config, args.input, instructions);
    const endpoint = config.service.endpoint.resolve(params, { logger: config.logger });
    context.endpointV2 = endpoint;
    const scheme = (endpoint.properties?.authSchemes as EndpointAuthScheme[] | undefined)?.find((s) => s.name === "sigv4");
    context.signing = {
      signingName: scheme?.signingName ?? config.service.signingName,
      signingRegion: scheme?.signingRegion ?? (typeof params.Region === "string" ? params.Region : await config.region()),
    };
    // A service with auth schemes other than SigV4 (or operations without auth) picks one per call.
    if (config.service.auth) context.signing = await config.service.auth(config, auth, context.signing, endpoint);
    return next(args);
  };

/** Resolved endpoints (cached by the rules) in the form serializers read. */
const endpointsV1 = new WeakMap<EndpointV2, ReturnType<typeof toEndpointV1>>();

/** Runs the command's serializer against the endpoint the endpoint middleware resolved. */
const serializerMiddleware =
  (config: ResolvedClientConfig, serialize: (input: any, context: SerdeContext) => Promise<unknown>) =>
  (next: any, context: Context) =>
  async (args: { input: unknown }) => {
    const endpointV2 = context.endpointV2;
    if (!endpointV2) throw new Error("No valid endpoint provider available.");
    let v1 = endpointsV1.get(endpointV2);
    if (!v1) endpointsV1.set(endpointV2, (v1 = toEndpointV1(endpointV2)));
    const endpoint = v1;
    // The configuration, with the endpoint of this call (read through the prototype: no copy per call).
    const serdeContext = Object.create(config) as SerdeContext;
    serdeContext.endpoint = () => Promise.resolve(endpoint);
    const request = await serialize(args.input, serdeContext);
    return next({ ...args, request });
  };

/**
 * Runs the command's deserializer; its errors carry the raw response as `$response`. A response
 * that does not match the model (a wrong type, a body that is not JSON) is the service's typed
 * `DeserializationError`; a failure to read the body is left to the attempt middleware.
 */
const deserializerMiddleware =
  (config: ResolvedClientConfig, deserialize: (response: any, context: SerdeContext) => Promise<unknown>) =>
  (next: any) =>
  async (args: unknown) => {
    const { response } = await next(args);
    try {
      return { response, output: await deserialize(response, config as unknown as SerdeContext) };
    } catch (error) {
      if (error && typeof error === "object" && (bodyReadErrors.has(error) || "$metadata" in error)) {
        if (!("$response" in error)) Object.defineProperty(error, "$response", { value: response, enumerable: false, writable: false, configurable: false });
        throw error;
      }
      throw deserializationError(config, response, error);
    }
  };

/** The service's exception named `DeserializationError` (`$fault: "client"`), naming the member at fault. */
function deserializationError(config: ResolvedClientConfig, response: HttpResponse, cause: unknown): ServiceException {
  const path = (cause as { path?: unknown })?.path;
  const Exception = config.service.exception ?? ServiceException;
  const error = new Exception({
    name: "DeserializationError",
    $fault: "client",
    $metadata: metadataOf(response),
    message:
      `The HTTP ${response.statusCode} response does not match the model${typeof path === "string" ? ` at ${path}` : ""}: ${safeText((cause as Error)?.message ?? cause)}` +
      " (the raw response is the error's $response).",
  });
  // The raw body text (the deserializers keep it on the response once read).
  error.$response = response;
  return Object.assign(error, { path: typeof path === "string" ? path : undefined, cause });
}

/**
 * An input event stream body (see `eventstream.ts`) has a method under this key that gives the
 * body to send, signed or not: looked up by key so that this module, which every client bundles,
 * does not import the event stream code.
 */
const EVENT_STREAM = Symbol.for("@connect-sdk/client-runtime.eventStream");

/** Signs each attempt (it runs after the retry middleware), with clock-skew correction. */
const signingMiddleware = (config: ResolvedClientConfig) => (next: any, context: Context) => async (args: { request: unknown }) => {
  if (!HttpRequest.isInstance(args.request)) return next(args);
  const events = (args.request.body as Record<symbol, any> | undefined)?.[EVENT_STREAM];
  if (!context.signing?.signingName) {
    if (events) args.request.body = await events.call(args.request.body);
    return next(args);
  }
  const { signingName, signingRegion = await config.region(), sign } = context.signing;
  // Another auth scheme than the built-in SigV4 signs with its own `sign` (see `auth.ts`).
  const signer = sign ? { sign } : config.signer(signingName, signingRegion);
  const request = args.request as __HttpRequest;
  // SigV4 must cover the Host header; HTTP stacks add it only after signing.
  if (!request.headers.host && !request.headers.Host) {
    request.headers.host = request.hostname + (request.port ? `:${request.port}` : "");
  }
  const signed = await signer.sign(request, { signingDate: new Date(Date.now() + config.systemClockOffset) });
  // An input event stream's messages are signed one by one, chained from the request's signature.
  // The stream goes on the retry middleware's request too, which then does not retry it (its
  // events are read once), as with any streaming body.
  if (events) signed.body = request.body = await events.call(signed.body, { signer, request: signed, signingRegion, signingName, config });
  try {
    return await next({ ...args, request: signed });
  } catch (error) {
    const failed = error as { $response?: { headers?: Record<string, string> }; $metadata?: { clockSkewCorrected?: boolean } };
    const serverDate = failed.$response?.headers?.date;
    // A corrected offset makes the error transient for the retry strategy, as in the AWS SDKs:
    // the next attempt is signed with the server's time.
    if (serverDate && correctClockSkew(config, Date.parse(serverDate)) && failed.$metadata) failed.$metadata.clockSkewCorrected = true;
    throw error;
  }
};

/** Adopts the server's clock when ours is off by more than a signature tolerates (5 minutes); true if it did. */
function correctClockSkew(config: ResolvedClientConfig, serverTime: number): boolean {
  if (Number.isNaN(serverTime)) return false;
  const offset = serverTime - Date.now();
  if (Math.abs(offset - config.systemClockOffset) < 300_000) return false;
  config.systemClockOffset = offset;
  return true;
}

const userAgentMiddleware = (config: ResolvedClientConfig) => {
  let userAgent: string | undefined;
  return (next: any) => async (args: { request: unknown }) => {
    if (HttpRequest.isInstance(args.request)) {
      if (userAgent === undefined) {
        // `app/<id>`, escaped as the AWS SDKs do; the id is looked up once (Node: environment or profile).
        const appId = await config.userAgentAppId();
        userAgent = appId ? `${config.userAgent} app/${appId.replace(/[^!$%&'*+\-.^_`|~\w#]/g, "-")}` : config.userAgent;
      }
      const headers = (args.request as __HttpRequest).headers;
      headers["x-amz-user-agent"] = userAgent;
      if (typeof window === "undefined") headers["user-agent"] = userAgent;
    }
    return next(args);
  };
};

/**
 * Logs each call at info level with `@sensitive` members redacted and, as a second line of defence,
 * the signature parameters of any pre-signed URL (`X-Amz-Signature`, ...) too; a no-op without a logger.
 */
const loggerMiddleware = (config: ResolvedClientConfig) => (next: any, context: Context) => async (args: { input: unknown }) => {
  if (config.logger === NO_LOGGER) return next(args);
  const { logger, clientName, commandName, inputFilterSensitiveLog, outputFilterSensitiveLog } = context as Context & {
    inputFilterSensitiveLog: (v: unknown) => unknown;
    outputFilterSensitiveLog: (v: unknown) => unknown;
  };
  const input = () => redactForLog(inputFilterSensitiveLog(args.input));
  try {
    const response = await next(args);
    const { $metadata, ...output } = response.output;
    logger?.info?.({ clientName, commandName, input: input(), output: redactForLog(outputFilterSensitiveLog(output)), metadata: $metadata });
    return response;
  } catch (error) {
    logger?.error?.({ clientName, commandName, input: input(), error: errorForLog(error), metadata: (error as { $metadata?: unknown }).$metadata });
    throw error;
  }
};

/** The middleware every call goes through, installed once per client. */
export function builtInMiddleware(config: ResolvedClientConfig): BuiltInPlugin[] {
  return [
    plugin([
      { order: 10, middleware: loggerMiddleware(config), options: { name: "loggerMiddleware", step: "initialize", priority: "high", override: true } },
      { order: 50, middleware: userAgentMiddleware(config), options: { name: "getUserAgentMiddleware", step: "build", priority: "low", tags: ["SET_USER_AGENT", "USER_AGENT"], override: true } },
      { order: 60, middleware: retryMiddleware({ ...config, logger: config.logger }) as BuiltIn["middleware"], options: { ...retryMiddlewareOptions, name: "retryMiddleware", override: true } },
      {
        order: 70,
        middleware: signingMiddleware(config),
        options: {
          name: "httpSigningMiddleware",
          aliases: ["awsAuthMiddleware"],
          tags: ["HTTP_SIGNING"],
          relation: "after",
          toMiddleware: "retryMiddleware",
          override: true,
        },
      },
      {
        order: 75,
        middleware: attemptMiddleware(config) as BuiltIn["middleware"],
        options: { name: "attemptMiddleware", tags: ["REQUEST_TIMEOUT"], relation: "after", toMiddleware: "httpSigningMiddleware", override: true },
      },
    ]),
  ];
}

/** The middleware of one operation: input validation (when enabled), endpoint, serializer and deserializer. */
export function operationPlugin(
  config: ResolvedClientConfig,
  operation: {
    validate: Validator;
    endpoint: EndpointInstructions;
    auth?: readonly AuthScheme[] | undefined;
    serialize: (input: any, context: SerdeContext) => Promise<unknown>;
    deserialize: (response: any, context: SerdeContext) => Promise<unknown>;
    middleware?: readonly OperationMiddleware[];
  },
): BuiltInPlugin {
  const entries: BuiltIn[] = [];
  if (config.validateInput === true) {
    entries.push({ order: 20, middleware: inputValidationMiddleware(operation.validate), options: inputValidationMiddlewareOptions });
  }
  entries.push(
    {
      order: 30,
      middleware: endpointMiddleware(config, operation.endpoint, operation.auth),
      options: { name: "endpointV2Middleware", tags: ["ENDPOINT_PARAMETERS", "ENDPOINT_V2", "ENDPOINT"], relation: "before", toMiddleware: "serializerMiddleware", override: true },
    },
    { order: 40, middleware: serializerMiddleware(config, operation.serialize), options: { name: "serializerMiddleware", step: "serialize", tags: ["SERIALIZER"], override: true } },
    { order: 80, middleware: deserializerMiddleware(config, operation.deserialize), options: { name: "deserializerMiddleware", step: "deserialize", tags: ["DESERIALIZER"], override: true } },
  );
  for (const customization of operation.middleware ?? []) entries.push(...customization(config));
  return plugin(entries);
}

/** What the logger sees instead of a `@sensitive` value. */
export const SENSITIVE_STRING = "***SensitiveInformation***";
