/**
 * Event streams (`@streaming` unions) on the wire, as the AWS SDKs send and read them: messages in
 * the `application/vnd.amazon.eventstream` framing, encoded and decoded (prelude, headers, CRCs) by
 * `@smithy/core/event-streams` (the code of `@smithy/eventstream-codec` and
 * `@smithy/eventstream-serde-universal`, which now re-export it). This module adds what the
 * generated (de)serializers of each event need: the dispatch on `:message-type`, typed errors, and
 * the chained SigV4 signatures of an input stream's messages.
 *
 * Nothing else in the runtime imports this module, so a client without event streams does not
 * bundle it.
 */
import { EventStreamCodec, Int64, getChunkedStream, readableStreamToIterable } from "@smithy/core/event-streams";
import { fromHex, fromUtf8, toUtf8 } from "@smithy/core/serde";
import type { HttpResponse, Message, MessageHeaderValue, MessageHeaders, ResponseMetadata } from "@smithy/types";
import { metadataOf } from "./errors.js";
import { ServiceException, type ServiceExceptionOptions } from "./exceptions.js";
import { toRequestStream } from "./platform.js";
import type { SerdeContext } from "./serde.js";
import { TransportError, safeText } from "./transport.js";

export type { Message as EventMessage, MessageHeaders as EventHeaders } from "@smithy/types";

/** What the generated deserializer of one `@streaming` union tells {@link readEventStream}. */
export interface EventStreamReader<T> {
  /**
   * The union value of a `:message-type: event` message, or undefined when this client does not
   * know the event type: such events are skipped, as the AWS SDKs skip them.
   */
  event(type: string, message: Message, context: SerdeContext): T | undefined | Promise<T | undefined>;
  /** The modelled error of a `:message-type: exception` message, or undefined for an exception type the model does not have. */
  exception(type: string, message: Message, context: SerdeContext): Error | undefined | Promise<Error | undefined>;
}

type ExceptionClass = new (options: ServiceExceptionOptions) => ServiceException;

/** The service's base exception (its `DeserializationError`s and unmodelled errors are instances). */
function exceptionClass(context: SerdeContext): ExceptionClass {
  return (context as { service?: { exception?: ExceptionClass } }).service?.exception ?? ServiceException;
}

function malformed(context: SerdeContext, metadata: ResponseMetadata, message: string, cause?: unknown): ServiceException {
  const Exception = exceptionClass(context);
  const error = new Exception({ name: "DeserializationError", $fault: "client", $metadata: metadata, message: `The event stream is malformed: ${message}` });
  return cause === undefined ? error : Object.assign(error, { cause });
}

/** A string header of a message; a missing header or one of another type is a malformed stream. */
function stringHeader(message: Message, name: string, context: SerdeContext, metadata: ResponseMetadata): string {
  const header = message.headers[name];
  if (header === undefined) throw malformed(context, metadata, `a message has no ${name} header`);
  if (header.type !== "string") throw malformed(context, metadata, `the ${name} header of a message is a ${header.type}, not a string`);
  return header.value;
}

/** The body of a response (a Node stream, a web stream, or bytes a mock handler gave) as chunks of bytes. */
async function* byteChunks(body: unknown): AsyncGenerator<Uint8Array> {
  try {
    yield* rawChunks(body);
  } catch (error) {
    // A failure to read (the connection reset, the caller's abort) is not a malformed stream: an
    // abort is thrown as it is, anything else as a `TransportError`.
    const e = error as { name?: unknown; message?: unknown; code?: unknown };
    const typed =
      !error || typeof error !== "object" || e.name === "AbortError"
        ? error
        : new TransportError(`The event stream was cut off: ${safeText(e.message ?? error)}`, { cause: error, code: typeof e.code === "string" ? safeText(e.code, 40) : undefined });
    if (typed && typeof typed === "object") readFailures.add(typed);
    throw typed;
  }
}

/** The errors of reading a body, which the reader passes on as they are. */
const readFailures = new WeakSet<object>();

async function* rawChunks(body: unknown): AsyncGenerator<Uint8Array> {
  if (body === undefined || body === null) return;
  if (body instanceof Uint8Array) yield body;
  else if (typeof body === "string") yield fromUtf8(body);
  else if (typeof (body as AsyncIterable<unknown>)[Symbol.asyncIterator] === "function") {
    for await (const chunk of body as AsyncIterable<Uint8Array | string>) yield typeof chunk === "string" ? fromUtf8(chunk) : chunk;
  } else if (typeof (body as ReadableStream).getReader === "function") {
    yield* readableStreamToIterable(body as ReadableStream<Uint8Array>);
  } else if (typeof (body as Blob).arrayBuffer === "function") {
    yield new Uint8Array(await (body as Blob).arrayBuffer());
  } else throw new TypeError(`An event stream cannot be read from a body of type ${Object.prototype.toString.call(body)}.`);
}

/**
 * The events of an output event stream, read from the response body as the caller iterates:
 * `event` messages become union values (unknown event types are skipped), an `exception` message
 * is thrown as its modelled error (or the service's base exception when the model does not have
 * it), an `error` message as the service's base exception named by its `:error-code`. A frame that
 * cannot be decoded, or a message without its `:message-type`/`:event-type` string headers, is the
 * service's `DeserializationError`. Stopping early (`break`) releases the response body.
 */
export function readEventStream<T>(response: HttpResponse, context: SerdeContext, reader: EventStreamReader<T>): AsyncIterable<T> {
  const metadata = metadataOf(response);
  const body = response.body;
  return {
    async *[Symbol.asyncIterator]() {
      const chunks = byteChunks(body);
      // However the reading ends (the last event, an error, the caller's `break`), the body is
      // released: the chunker does not end the iterator it reads, so it is ended here.
      try {
        for await (const message of messages(chunks, context, metadata)) {
          const event = await eventOf(message, reader, context, metadata);
          if (event !== undefined) yield event;
        }
      } finally {
        await chunks.return(undefined);
      }
    },
  };
}

/** The messages of a body, framed and checked (prelude and message CRCs) by `@smithy/core`'s codec. */
async function* messages(chunks: AsyncIterable<Uint8Array>, context: SerdeContext, metadata: ResponseMetadata): AsyncGenerator<Message> {
  const codec = new EventStreamCodec(toUtf8, fromUtf8);
  const frames = getChunkedStream(chunks)[Symbol.asyncIterator]();
  while (true) {
    let message: Message;
    try {
      const next = await frames.next();
      if (next.done) return;
      message = codec.decode(next.value);
    } catch (error) {
      if (error && typeof error === "object" && readFailures.has(error)) throw error;
      throw malformed(context, metadata, safeText((error as Error)?.message ?? error), error);
    }
    yield message;
  }
}

/** The event a message carries (undefined for an unknown event type), or the error it is thrown as. */
async function eventOf<T>(message: Message, reader: EventStreamReader<T>, context: SerdeContext, metadata: ResponseMetadata): Promise<T | undefined> {
  const messageType = stringHeader(message, ":message-type", context, metadata);
  if (messageType === "event") {
    const type = stringHeader(message, ":event-type", context, metadata);
    return deserializing(context, metadata, type, () => reader.event(type, message, context));
  }
  const Exception = exceptionClass(context);
  if (messageType === "exception") {
    const type = stringHeader(message, ":exception-type", context, metadata);
    const modelled = await deserializing(context, metadata, type, () => reader.exception(type, message, context));
    if (modelled) throw Object.assign(modelled, { $metadata: metadata });
    throw new Exception({ name: type, $fault: "server", $metadata: metadata, message: safeText(toUtf8(message.body)) || type });
  }
  if (messageType === "error") {
    const code = stringHeader(message, ":error-code", context, metadata);
    const text = message.headers[":error-message"];
    throw new Exception({ name: code, $fault: "server", $metadata: metadata, message: text?.type === "string" ? text.value : code });
  }
  throw malformed(context, metadata, `unknown :message-type ${JSON.stringify(safeText(messageType, 40))}`);
}

/** Runs an event's deserializer; what it throws (a value of the wrong type, bad JSON) is a `DeserializationError` naming the event. */
async function deserializing<R>(context: SerdeContext, metadata: ResponseMetadata, type: string, read: () => R | Promise<R>): Promise<R> {
  try {
    return await read();
  } catch (error) {
    if (error && typeof error === "object" && "$metadata" in error) throw error;
    throw malformed(context, metadata, `the ${JSON.stringify(safeText(type, 80))} message does not match the model: ${safeText((error as Error)?.message ?? error)}`, error);
  }
}

type HeaderKind = "boolean" | "number" | "string" | "blob" | "timestamp";
type HeaderValueOf<K extends HeaderKind> = { boolean: boolean; number: number; string: string; blob: Uint8Array; timestamp: Date }[K];

/**
 * The value of an `@eventHeader` member, or undefined when the message does not have the header.
 * A header of another type than the member's throws (the reader makes it a `DeserializationError`).
 */
export function eventHeader<K extends HeaderKind>(message: Message, name: string, kind: K): HeaderValueOf<K> | undefined {
  const header = message.headers[name];
  if (header === undefined) return undefined;
  const wrong = () => new TypeError(`The ${JSON.stringify(safeText(name, 80))} header is a ${header.type}, not a ${kind}.`);
  switch (kind) {
    case "boolean":
      if (header.type !== "boolean") throw wrong();
      return header.value as HeaderValueOf<K>;
    case "number":
      if (header.type === "byte" || header.type === "short" || header.type === "integer") return header.value as HeaderValueOf<K>;
      if (header.type === "long") return header.value.valueOf() as HeaderValueOf<K>;
      throw wrong();
    case "string":
      if (header.type !== "string") throw wrong();
      return header.value as HeaderValueOf<K>;
    case "blob":
      if (header.type !== "binary") throw wrong();
      return header.value as HeaderValueOf<K>;
    case "timestamp":
      if (header.type !== "timestamp") throw wrong();
      return header.value as HeaderValueOf<K>;
  }
  throw wrong();
}

/** A `long` header (an 8-byte integer on the wire). */
export function longHeader(value: number): MessageHeaderValue {
  return { type: "long", value: Int64.fromNumber(value) };
}

/** The body of an event as text (a `string` `@eventPayload`). */
export function eventText(message: Message): string {
  return toUtf8(message.body);
}

/**
 * One message: the `:message-type`, `:event-type` (or `:exception-type` for an error the caller
 * sends) and, for a body, `:content-type` headers first, then the event's own headers, as the AWS
 * SDKs write them.
 */
export function eventMessage(type: string, headers: MessageHeaders, body?: { contentType: string; bytes: Uint8Array | string }, kind: "event" | "exception" = "event"): Message {
  const all: MessageHeaders = { ":message-type": { type: "string", value: kind }, [kind === "event" ? ":event-type" : ":exception-type"]: { type: "string", value: type } };
  if (body) all[":content-type"] = { type: "string", value: body.contentType };
  for (const [name, value] of Object.entries(headers)) all[name] = value;
  return { headers: all, body: body === undefined ? new Uint8Array() : typeof body.bytes === "string" ? fromUtf8(body.bytes) : body.bytes };
}

/** What the signing middleware passes to sign an input event stream: the call's signer and signed request. */
export interface EventStreamSigning {
  /** The SigV4 signer of the call (`@smithy/signature-v4`'s, whose `signMessage` signs each message). */
  signer: unknown;
  /** The signed request, whose `Authorization` signature starts the chain. */
  request: { headers: Record<string, string> };
  signingRegion: string;
  signingName: string;
  /** The client configuration: its clock offset dates each message. */
  config: { systemClockOffset: number };
}

interface MessageSigner {
  signMessage(
    message: { message: Message; priorSignature: string },
    options: { signingDate: Date; signingRegion: string; signingService: string },
  ): Promise<{ signature: string }>;
}

const SIGN = Symbol.for("@connect-sdk/client-runtime.eventStream");

/** The request body of an input event stream, until the signing middleware turns it into the stream sent. */
export interface EventStreamBody extends AsyncIterable<Uint8Array> {
  /**
   * The body to send: each message in a signed envelope (`:date`, `:chunk-signature`, each signature
   * chained to the one before, starting from the request's), ending with a signed empty message,
   * as the AWS SDK's `EventSigningStream` sends it; the messages unsigned when `signing` is undefined.
   */
  [SIGN](signing?: EventStreamSigning): Promise<unknown>;
}

/**
 * The request body of an input event stream: each event the caller's iterable yields, serialized
 * and encoded as it comes. The HTTP request gets it once signed (see {@link finishEventStreamBody}).
 */
export function writeEventStream<T>(events: AsyncIterable<T> | undefined, context: SerdeContext, serialize: (event: T, context: SerdeContext) => Message): EventStreamBody {
  const codec = new EventStreamCodec(toUtf8, fromUtf8);
  async function* encoded(): AsyncGenerator<Uint8Array> {
    if (events === undefined) return;
    if (typeof (events as AsyncIterable<T>)[Symbol.asyncIterator] !== "function" && typeof (events as unknown as Iterable<T>)[Symbol.iterator] !== "function") {
      throw new TypeError("An input event stream must be an AsyncIterable (or Iterable) of events.");
    }
    for await (const event of events) yield codec.encode(serialize(event, context));
  }
  let sent = false;
  return {
    [Symbol.asyncIterator]: encoded,
    async [SIGN](signing) {
      // The caller's events can be read once: a second attempt would send what is left of them.
      // (The retry middleware does not retry a streaming body; this guards custom middleware.)
      if (sent) throw new Error("An input event stream cannot be sent twice (a retry would resend only the events not yet read); the call failed after its request was sent.");
      sent = true;
      if (!signing) return toRequestStream(encoded());
      const { signingRegion, signingName, config } = signing;
      const signer = signing.signer as MessageSigner;
      const authorization = signing.request.headers.authorization ?? signing.request.headers.Authorization ?? "";
      let prior = /Signature=([0-9a-f]+)/.exec(authorization)?.[1] ?? "";
      async function* signed(): AsyncGenerator<Uint8Array> {
        const envelope = async (bytes: Uint8Array) => {
          const date = new Date(Date.now() + config.systemClockOffset);
          const headers: MessageHeaders = { ":date": { type: "timestamp", value: date } };
          const message = { message: { headers, body: bytes }, priorSignature: prior };
          prior = (await signer.signMessage(message, { signingDate: date, signingRegion, signingService: signingName })).signature;
          return codec.encode({ headers: { ...headers, ":chunk-signature": { type: "binary", value: fromHex(prior) } }, body: bytes });
        };
        for await (const bytes of encoded()) yield await envelope(bytes);
        // The end of the stream: a signed message with an empty body.
        yield await envelope(new Uint8Array());
      }
      return toRequestStream(signed());
    },
  };
}

/** Whether a request body is an input event stream (which the signing middleware finishes). */
export function isEventStreamBody(body: unknown): body is EventStreamBody {
  return typeof (body as Partial<EventStreamBody> | undefined)?.[SIGN] === "function";
}

/** The body to send for an input event stream: signed when `signing` is given (what the signing middleware does). */
export function finishEventStreamBody(body: EventStreamBody, signing?: EventStreamSigning): Promise<unknown> {
  return body[SIGN](signing);
}
