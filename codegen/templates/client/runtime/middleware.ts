/**
 * The client's middleware: endpoint resolution, SigV4 signing, user agent
 * and logging. Retries come from `@smithy/core/retry`; serialization is done
 * by the per-command serializers.
 */
import type { HttpRequest as __HttpRequest } from "@smithy/core/protocols";
import { HttpRequest } from "@smithy/core/protocols";
import { getRetryPlugin } from "@smithy/core/retry";
import type { EndpointV2, HandlerExecutionContext, MiddlewareStack, Pluggable } from "@smithy/types";
import type { EndpointParams, ResolvedClientConfig } from "./client-config.js";

/** How one command fills the endpoint parameters that are not built-ins. */
export interface EndpointInstructions {
  /** `smithy.rules#staticContextParams` */
  staticParams?: Record<string, string | boolean | string[]>;
  /** `smithy.rules#contextParam`: parameter name → input member name. */
  contextParams?: Record<string, string>;
}

interface AuthScheme {
  name?: string;
  signingName?: string;
  signingRegion?: string;
  signingRegionSet?: string[];
  disableDoubleEncoding?: boolean;
}

export interface SigningContext {
  signingName?: string;
  signingRegion?: string;
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
        params[param] = config.endpoint ? await config.endpoint() : undefined;
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

const endpointMiddleware =
  (config: ResolvedClientConfig, instructions: EndpointInstructions) =>
  (next: any, context: Context) =>
  async (args: { input: Record<string, unknown> }) => {
    const params = await endpointParamsFor(config, args.input, instructions);
    const endpoint = config.service.endpoint.resolve(params, { logger: config.logger });
    context.endpointV2 = endpoint;
    const scheme = (endpoint.properties?.authSchemes as AuthScheme[] | undefined)?.find((s) => s.name === "sigv4");
    context.signing = {
      signingName: scheme?.signingName ?? config.service.signingName,
      signingRegion: scheme?.signingRegion ?? (typeof params.Region === "string" ? params.Region : await config.region()),
    };
    return next(args);
  };

/** Signs each attempt (it runs after the retry middleware), with clock-skew correction. */
const signingMiddleware = (config: ResolvedClientConfig) => (next: any, context: Context) => async (args: { request: unknown }) => {
  if (!HttpRequest.isInstance(args.request) || !context.signing?.signingName) return next(args);
  const { signingName, signingRegion = await config.region() } = context.signing;
  const signer = config.signer(signingName, signingRegion);
  const request = args.request as __HttpRequest;
  // SigV4 must cover the Host header; HTTP stacks add it only after signing.
  if (!request.headers.host && !request.headers.Host) {
    request.headers.host = request.hostname + (request.port ? `:${request.port}` : "");
  }
  const signed = await signer.sign(request, { signingDate: new Date(Date.now() + config.systemClockOffset) });
  try {
    return await next({ ...args, request: signed });
  } catch (error) {
    const serverDate = (error as { $response?: { headers?: Record<string, string> } }).$response?.headers?.date;
    if (serverDate) correctClockSkew(config, Date.parse(serverDate));
    throw error;
  }
};

function correctClockSkew(config: ResolvedClientConfig, serverTime: number): void {
  if (Number.isNaN(serverTime)) return;
  const offset = serverTime - Date.now();
  // Only a skew that would invalidate a signature (more than 5 minutes) is corrected.
  if (Math.abs(offset + 0 - config.systemClockOffset) > 300_000) config.systemClockOffset = offset;
}

const userAgentMiddleware = (config: ResolvedClientConfig) => (next: any) => async (args: { request: unknown }) => {
  if (HttpRequest.isInstance(args.request)) {
    const headers = (args.request as __HttpRequest).headers;
    headers["x-amz-user-agent"] = config.userAgent;
    if (typeof window === "undefined") headers["user-agent"] = config.userAgent;
  }
  return next(args);
};

/** Logs each call at info level with `@sensitive` members redacted. */
const loggerMiddleware = () => (next: any, context: Context) => async (args: { input: unknown }) => {
  const { logger, clientName, commandName, inputFilterSensitiveLog, outputFilterSensitiveLog } = context as Context & {
    inputFilterSensitiveLog: (v: unknown) => unknown;
    outputFilterSensitiveLog: (v: unknown) => unknown;
  };
  try {
    const response = await next(args);
    const { $metadata, ...output } = response.output;
    logger?.info?.({ clientName, commandName, input: inputFilterSensitiveLog(args.input), output: outputFilterSensitiveLog(output), metadata: $metadata });
    return response;
  } catch (error) {
    logger?.error?.({ clientName, commandName, input: inputFilterSensitiveLog(args.input), error, metadata: (error as { $metadata?: unknown }).$metadata });
    throw error;
  }
};

/** The middleware every call goes through, installed once per client. */
export function clientPlugins(config: ResolvedClientConfig): Pluggable<any, any>[] {
  return [
    {
      applyToStack(stack: MiddlewareStack<any, any>) {
        stack.add(loggerMiddleware(), { name: "loggerMiddleware", step: "initialize", priority: "high", override: true });
        stack.add(userAgentMiddleware(config), { name: "userAgentMiddleware", step: "build", priority: "low", override: true });
        stack.addRelativeTo(signingMiddleware(config), {
          name: "signingMiddleware",
          relation: "after",
          toMiddleware: "retryMiddleware",
          override: true,
        });
      },
    },
    getRetryPlugin({ ...config, logger: config.logger }),
  ];
}

/** The per-command endpoint middleware; it runs before the serializer. */
export function endpointPlugin(config: ResolvedClientConfig, instructions: EndpointInstructions): Pluggable<any, any> {
  return {
    applyToStack(stack) {
      stack.addRelativeTo(endpointMiddleware(config, instructions) as any, {
        name: "endpointMiddleware",
        relation: "before",
        toMiddleware: "serializerMiddleware",
        override: true,
      });
    },
  };
}
