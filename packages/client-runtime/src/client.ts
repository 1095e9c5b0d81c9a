/**
 * The client and command base classes, compatible with `@smithy/smithy-client`'s
 * (same members, same `send` overloads, the `@smithy/types` `Client` and
 * `Command` interfaces), and the handler of one call.
 *
 * A call runs through the same middleware as in the AWS SDKs (logger, input
 * validation, endpoint, serializer, user agent, retry, signing, deserializer),
 * in the same steps. While no one has added middleware to the client or the
 * command, the handler is composed straight from that fixed list, skipping the
 * sorting and copying of a middleware stack on every call; as soon as someone
 * has, every call goes through a full `MiddlewareStack`, so their middleware
 * runs where they put it.
 */
import { constructStack } from "@smithy/core/client";
import {
  type Client as IClient,
  type Command as ICommand,
  type FinalizeHandler,
  type Handler,
  type HandlerExecutionContext,
  type HttpHandlerOptions,
  type MetadataBearer,
  type MiddlewareStack,
  SMITHY_CONTEXT_KEY,
} from "@smithy/types";
import type { HttpRequest, HttpResponse } from "@smithy/types";
import type { AuthScheme } from "./auth.js";
import type { ResolvedClientConfig } from "./client-config.js";
import { type EndpointInstructions, type OperationMiddleware, builtInMiddleware, operationPlugin } from "./middleware.js";
import type { SerdeContext } from "./serde.js";
import type { Validator } from "./validation.js";

/** Everything a command tells the runtime about its operation. */
export interface Operation<Input extends object, Output extends MetadataBearer> {
  /** The operation's shape name, e.g. `StartAttachedFileUpload`. */
  name: string;
  serialize(input: Input, context: SerdeContext): Promise<HttpRequest>;
  deserialize(response: HttpResponse, context: SerdeContext): Promise<Output>;
  /** The input's constraint checks, run when the client has `validateInput: true`. */
  validate: Validator;
  endpoint: EndpointInstructions;
  /** The operation's own middleware: model traits (`httpChecksum`) and service customizations. */
  middleware?: readonly OperationMiddleware[];
  /** The operation's own auth schemes, in priority order, where they differ from the service's (`@auth`, `@optionalAuth`). */
  auth?: readonly AuthScheme[];
  /** Copies of the input and output fit for logs (`@sensitive` members redacted). */
  inputFilterSensitiveLog?: (input: unknown) => unknown;
  outputFilterSensitiveLog?: (output: unknown) => unknown;
}

/** The callback of `send(command, callback)`: an error, or the output. */
export type Callback<T> = (error: any, data?: T) => void;

/** Stacks nobody has changed since the client installed its own middleware. */
const pristine = new WeakSet<object>();
const MUTATORS = ["add", "addRelativeTo", "use", "remove", "removeByTag"] as const;

/** Marks a stack as pristine until any of its entries changes. */
function track(stack: MiddlewareStack<any, any>): void {
  pristine.add(stack);
  const record = stack as unknown as Record<string, (...args: unknown[]) => unknown>;
  for (const name of [...MUTATORS, "identifyOnResolve"]) {
    const original = record[name]!;
    record[name] = (...args: unknown[]) => {
      if (name !== "identifyOnResolve" || typeof args[0] === "boolean") pristine.delete(stack);
      return original(...args);
    };
  }
}

/**
 * The base of every client: `send` a command, `destroy` to release the HTTP handler. Add
 * middleware to `middlewareStack` as with any AWS SDK v3 client.
 */
export class Client<
  HandlerOptions,
  ClientInput extends object,
  ClientOutput extends MetadataBearer,
  ResolvedConfig extends ResolvedClientConfig,
> implements IClient<ClientInput, ClientOutput, ResolvedConfig>
{
  middlewareStack: MiddlewareStack<ClientInput, ClientOutput> = constructStack<ClientInput, ClientOutput>();

  constructor(readonly config: ResolvedConfig) {
    for (const plugin of builtInMiddleware(config)) this.middlewareStack.use(plugin);
    track(this.middlewareStack);
  }

  send<InputType extends ClientInput, OutputType extends ClientOutput>(
    command: ICommand<ClientInput, InputType, ClientOutput, OutputType, ResolvedConfig>,
    options?: HandlerOptions,
  ): Promise<OutputType>;
  send<InputType extends ClientInput, OutputType extends ClientOutput>(
    command: ICommand<ClientInput, InputType, ClientOutput, OutputType, ResolvedConfig>,
    cb: Callback<OutputType>,
  ): void;
  send<InputType extends ClientInput, OutputType extends ClientOutput>(
    command: ICommand<ClientInput, InputType, ClientOutput, OutputType, ResolvedConfig>,
    options: HandlerOptions,
    cb: Callback<OutputType>,
  ): void;
  send<InputType extends ClientInput, OutputType extends ClientOutput>(
    command: ICommand<ClientInput, InputType, ClientOutput, OutputType, ResolvedConfig>,
    optionsOrCb?: HandlerOptions | Callback<OutputType>,
    cb?: Callback<OutputType>,
  ): Promise<OutputType> | void {
    const options = typeof optionsOrCb === "function" ? undefined : optionsOrCb;
    const callback = typeof optionsOrCb === "function" ? (optionsOrCb as Callback<OutputType>) : cb;
    const handler = command.resolveMiddleware(this.middlewareStack as MiddlewareStack<any, any>, this.config, options);
    const output = handler(command).then((result) => result.output);
    if (!callback) return output;
    output.then((data) => callback(null, data), (error) => callback(error)).catch(() => {});
  }

  /** Releases the HTTP handler's sockets. The client must not be used afterwards. */
  destroy(): void {
    (this.config.requestHandler as { destroy?: () => void }).destroy?.();
  }
}

/** The base of every command: its `input`, and middleware for this call only. */
export abstract class Command<
  Input extends ClientInput,
  Output extends ClientOutput,
  ResolvedConfig,
  ClientInput extends object = any,
  ClientOutput extends MetadataBearer = any,
> implements ICommand<ClientInput, Input, ClientOutput, Output, ResolvedConfig>
{
  abstract readonly input: Input;
  private stack?: MiddlewareStack<Input, Output>;

  /** Middleware for this command only (created when first asked for). */
  get middlewareStack(): MiddlewareStack<Input, Output> {
    return (this.stack ??= constructStack<Input, Output>());
  }

  abstract resolveMiddleware(
    clientStack: MiddlewareStack<ClientInput, ClientOutput>,
    config: ResolvedConfig,
    options: any,
  ): Handler<Input, Output>;

  /** The handler of one call of `operation`. */
  protected resolveOperation(
    operation: Operation<Input, Output>,
    clientStack: MiddlewareStack<ClientInput, ClientOutput>,
    config: ResolvedClientConfig,
    options: HttpHandlerOptions | undefined,
  ): Handler<Input, Output> {
    const smithyContext: Record<string, unknown> = { commandInstance: this, service: config.service.serviceName, operation: operation.name };
    if (options?.abortSignal !== undefined) smithyContext.abortSignal = options.abortSignal;
    let requestOptions: HttpHandlerOptions & { metricsRecorder?: unknown } = options ?? {};
    // A metrics recorder goes to the middleware (in the context), not to the request handler.
    if (requestOptions.metricsRecorder !== undefined) {
      smithyContext.metricsRecorder = requestOptions.metricsRecorder;
      requestOptions = { ...requestOptions };
      delete requestOptions.metricsRecorder;
    }
    const identity = (value: unknown) => value;
    const context: HandlerExecutionContext = {
      logger: config.logger,
      clientName: config.service.clientName,
      commandName: `${operation.name}Command`,
      inputFilterSensitiveLog: operation.inputFilterSensitiveLog ?? identity,
      outputFilterSensitiveLog: operation.outputFilterSensitiveLog ?? identity,
      [SMITHY_CONTEXT_KEY]: smithyContext,
    };
    const requestHandler = config.requestHandler;
    // The attempt middleware passes its own abort signal (the caller's, plus its requestTimeout).
    const send: FinalizeHandler<any, any> = (args: { request: unknown; abortSignal?: AbortSignal }) =>
      requestHandler.handle(args.request as never, args.abortSignal ? { ...requestOptions, abortSignal: args.abortSignal as never } : requestOptions) as never;
    if (pristine.has(clientStack) && !this.stack) {
      let handler: Handler<any, any> = send as Handler<any, any>;
      for (const { middleware } of directMiddleware(config, operation as Operation<any, any>)) handler = middleware(handler, context);
      return handler as Handler<Input, Output>;
    }
    const stack = clientStack.concat(this.middlewareStack as MiddlewareStack<any, any>);
    stack.use(operationPlugin(config, operation as Operation<any, any>));
    return stack.resolve(send as Handler<any, any>, context) as Handler<Input, Output>;
  }
}

interface Entry {
  middleware: (next: Handler<any, any>, context: HandlerExecutionContext) => Handler<any, any>;
  order: number;
}

/**
 * The direct composition, by whether input validation is on, client configuration and operation:
 * built once, used by every call.
 */
const composed = [new WeakMap<object, Map<Operation<any, any>, Entry[]>>(), new WeakMap<object, Map<Operation<any, any>, Entry[]>>()] as const;

/**
 * The built-in middleware of an operation, innermost first, in the order a `MiddlewareStack` puts
 * it (each entry has a fixed `order`). The entries hold no per-call state: a call's context is
 * passed when they are composed.
 */
function directMiddleware(config: ResolvedClientConfig, operation: Operation<any, any>): Entry[] {
  const cache = composed[config.validateInput === true ? 1 : 0];
  let byOperation = cache.get(config);
  if (!byOperation) cache.set(config, (byOperation = new Map()));
  let entries = byOperation.get(operation);
  if (!entries) {
    entries = [...builtInMiddleware(config), operationPlugin(config, operation)].flatMap((p) => p.entries()).sort((a, b) => b.order - a.order);
    byOperation.set(operation, entries);
  }
  return entries;
}
