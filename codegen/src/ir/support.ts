/**
 * What the generator implements, and what it refuses: the one table of wire-affecting
 * features that {@link buildIR} consults before any code is emitted.
 *
 * The rule (codegen/README.md, "Unsupported features"): a trait or shape that changes what goes
 * over the wire and that the generator does not implement must never be ignored, since the
 * result would compile and misbehave in production. An operation that uses such a feature (in
 * its input, output or errors at any depth, in its own traits or in its service's) is an error
 * naming the shape and the feature; with `--skip-unsupported` (or `skipUnsupported` in the
 * config) the operation is left out instead, with a warning.
 *
 * Each feature is one entry of {@link FEATURES}: implementing one means flipping its `supported`
 * to `true` (and nothing else here). Traits that do not change the wire (documentation, waiters,
 * paginators, IAM and CloudFormation metadata...) have no entry.
 */
import type { AstShape, Traits } from "../load/types.js";
import type { Operation, Service, Shape } from "./types.js";

export interface Feature {
  /** How diagnostics name it. */
  readonly name: string;
  /** Whether the generator implements it; `false` makes any operation using it an error (or skipped). */
  readonly supported: boolean;
}

/** Every wire-affecting feature whose support is in question, keyed by a stable id. */
export const FEATURES = {
  /** A `@streaming` union (event stream) anywhere in an operation's input, output or errors. */
  eventStreams: { name: "event streams (a @streaming union)", supported: true },
  /** An event stream on a protocol other than restJson1 (the RPC protocols' event streams are not written yet). */
  rpcEventStreams: { name: "event streams on a protocol other than restJson1", supported: false },
  /** `aws.auth#sigv4`: requests signed with SigV4 (payload hash included, which `@unsignedPayload` permits). */
  sigv4: { name: "aws.auth#sigv4 auth", supported: true },
  /** `aws.auth#sigv4a`, when no supported scheme comes with it. */
  sigv4a: { name: "aws.auth#sigv4a auth", supported: true },
  httpBearerAuth: { name: "smithy.api#httpBearerAuth auth", supported: true },
  httpApiKeyAuth: { name: "smithy.api#httpApiKeyAuth auth", supported: true },
  httpBasicAuth: { name: "smithy.api#httpBasicAuth auth", supported: true },
  httpDigestAuth: { name: "smithy.api#httpDigestAuth auth", supported: false },
  cognitoUserPools: { name: "aws.auth#cognitoUserPools auth", supported: false },
  /** An auth scheme the model defines itself (a trait with `@authDefinition`). */
  customAuth: { name: "a custom auth scheme", supported: false },
  /** Operations sent unsigned: `@auth([])`, `@optionalAuth`, or a service with no auth scheme. */
  anonymous: { name: "anonymous operations (@auth([]) / @optionalAuth)", supported: true },
  /** `aws.protocols#httpChecksum`: request and response checksums. */
  httpChecksum: { name: "aws.protocols#httpChecksum checksums", supported: true },
  /** `aws.api#clientDiscoveredEndpoint(required: true)` on a service with `aws.api#clientEndpointDiscovery`. */
  endpointDiscovery: { name: "endpoint discovery (aws.api#clientEndpointDiscovery)", supported: false },
  /** `smithy.rules#operationContextParams`: endpoint parameters taken from paths into the input. */
  operationContextParams: { name: "smithy.rules#operationContextParams endpoint parameters", supported: false },
  /** A restJson1 service whose `http` versions leave out HTTP/1.1. */
  http2Only: { name: "HTTP/2-only services (restJson1 http without http/1.1)", supported: false },
  /** API Gateway's `Accept: application/json` header on every request. */
  apiGatewayCustomizations: { name: "the API Gateway customizations (Accept header)", supported: true },
  /** Glacier's `x-amz-glacier-version` header, `-` as the default account id and tree-hash headers. */
  glacierCustomizations: { name: "the Glacier customizations (version header, default account id, tree hashes)", supported: true },
  /**
   * One structure that is both an operation input and an output or error, with `@httpLabel`,
   * `@httpQuery` or `@httpQueryParams` members: those traits bind the request only, and the IR has
   * one binding per member.
   */
  sharedRequestBindings: { name: "a structure that is both an input and an output with request-only HTTP bindings", supported: false },
} as const satisfies Record<string, Feature>;

export type FeatureId = keyof typeof FEATURES;

/** Where an operation uses a feature. */
export interface FeatureUse {
  feature: FeatureId;
  /** The shape the feature sits on (the operation, the service, or a shape in the closure). */
  shapeId: string;
  /** The property path from that shape to the trait, for the diagnostic's JSON path. */
  path: (string | number)[];
}

/** Auth traits Smithy and AWS define, and the feature each is. */
const AUTH_SCHEMES: Readonly<Record<string, FeatureId>> = {
  "aws.auth#sigv4": "sigv4",
  "aws.auth#sigv4a": "sigv4a",
  "smithy.api#httpBearerAuth": "httpBearerAuth",
  "smithy.api#httpApiKeyAuth": "httpApiKeyAuth",
  "smithy.api#httpBasicAuth": "httpBasicAuth",
  "smithy.api#httpDigestAuth": "httpDigestAuth",
  "aws.auth#cognitoUserPools": "cognitoUserPools",
};

const REQUEST_ONLY = ["smithy.api#httpLabel", "smithy.api#httpQuery", "smithy.api#httpQueryParams"];

export interface SupportContext {
  service: Service;
  /** Every built shape of the run, by id. */
  shapes: ReadonlyMap<string, Shape>;
  /** Errors bound to the service: every operation can return them. */
  serviceErrors: readonly string[];
  /** Operation input structures (to tell a structure shared by an input and an output). */
  inputs: ReadonlySet<string>;
  /** Operation output structures and errors. */
  outputs: ReadonlySet<string>;
  /** The model's shape (for auth definitions the model makes itself). */
  astShape(id: string): AstShape | undefined;
}

/**
 * The unsupported features one operation uses, each once, with the first shape it was found on;
 * `[]` when the generator renders the operation faithfully.
 */
export function unsupportedFeatures(op: Operation, ctx: SupportContext): FeatureUse[] {
  const uses: FeatureUse[] = [];
  const found = new Set<FeatureId>();
  const use = (feature: FeatureId, shapeId: string, ...path: (string | number)[]) => {
    if (FEATURES[feature].supported || found.has(feature)) return;
    found.add(feature);
    uses.push({ feature, shapeId, path });
  };
  const service = ctx.service;
  const st = service.traits;

  // The service's own traits.
  const protocol = st["aws.protocols#restJson1"] as { http?: unknown } | undefined;
  if (Array.isArray(protocol?.http) && protocol.http.length > 0 && !protocol.http.includes("http/1.1")) {
    use("http2Only", service.id, "traits", "aws.protocols#restJson1", "http");
  }
  const namespace = service.id.split("#")[0];
  if (namespace === "com.amazonaws.apigateway") use("apiGatewayCustomizations", service.id);
  if (namespace === "com.amazonaws.glacier") use("glacierCustomizations", service.id);

  // The operation's traits.
  const ot = op.traits;
  if ("aws.protocols#httpChecksum" in ot) use("httpChecksum", op.id, "traits", "aws.protocols#httpChecksum");
  const discovered = ot["aws.api#clientDiscoveredEndpoint"] as { required?: boolean } | undefined;
  if (discovered?.required && "aws.api#clientEndpointDiscovery" in st) use("endpointDiscovery", op.id, "traits", "aws.api#clientDiscoveredEndpoint");
  if ("smithy.rules#operationContextParams" in ot) use("operationContextParams", op.id, "traits", "smithy.rules#operationContextParams");
  checkAuth(op, ctx, use);

  // The shapes it sends and receives, at any depth (an explicit stack: chains can be thousands deep).
  const seen = new Set<string>();
  const stack = [op.input.id, op.output.id, ...op.errors.map((e) => e.id), ...ctx.serviceErrors];
  while (stack.length > 0) {
    const id = stack.pop()!;
    if (seen.has(id)) continue;
    seen.add(id);
    const shape = ctx.shapes.get(id);
    if (!shape) continue;
    if (shape.kind === "union" && "smithy.api#streaming" in shape.traits) {
      use("eventStreams", id, "traits", "smithy.api#streaming");
      if (service.protocol !== "restJson1") use("rpcEventStreams", id, "traits", "smithy.api#streaming");
    }
    if (shape.kind === "structure" && ctx.inputs.has(id) && ctx.outputs.has(id)) {
      const bound = shape.members.find((m) => REQUEST_ONLY.some((t) => t in m.traits));
      if (bound) use("sharedRequestBindings", id, "members", bound.name);
    }
    if (shape.kind === "structure" || shape.kind === "union") for (const m of shape.members) stack.push(m.target);
    else if (shape.kind === "list") stack.push(shape.member.target);
    else if (shape.kind === "map") stack.push(shape.key.target, shape.value.target);
  }
  return uses;
}

/**
 * The operation's effective auth schemes, as Smithy resolves them: its own `@auth`, else the
 * service's `@auth`, else every auth trait on the service (sorted by shape id). The client
 * signs with the first scheme it supports, so the operation is fine when one is supported; it
 * is not when none is (the first is named), or when the operation must (an empty list) or may
 * (`@optionalAuth`) be sent without credentials while the client signs every request.
 */
function checkAuth(op: Operation, ctx: SupportContext, use: (feature: FeatureId, shapeId: string, ...path: (string | number)[]) => void): void {
  const st = ctx.service.traits;
  const own = op.traits["smithy.api#auth"] as string[] | undefined;
  const serviceAuth = st["smithy.api#auth"] as string[] | undefined;
  const defined = Object.keys(st).filter((t) => t in AUTH_SCHEMES || isAuthDefinition(ctx.astShape(t)?.traits)).sort();
  const [schemes, shapeId, path] = Array.isArray(own)
    ? [own, op.id, ["traits", "smithy.api#auth"]]
    : Array.isArray(serviceAuth)
      ? [serviceAuth, ctx.service.id, ["traits", "smithy.api#auth"]]
      : [defined, ctx.service.id, ["traits"]];
  // Without aws.auth#sigv4 on the service the client has no signing name and sends requests
  // unsigned, which is right for a service without auth; with it, every request is signed.
  const signs = "aws.auth#sigv4" in st;
  if (signs && "smithy.api#optionalAuth" in op.traits) use("anonymous", op.id, "traits", "smithy.api#optionalAuth");
  if (schemes.length === 0) {
    if (signs) use("anonymous", shapeId, ...path);
    return;
  }
  const features = schemes.map((s) => AUTH_SCHEMES[s] ?? "customAuth");
  if (!features.some((f) => FEATURES[f].supported)) use(features[0]!, shapeId, ...path);
}

function isAuthDefinition(traits: Traits | undefined): boolean {
  return traits !== undefined && "smithy.api#authDefinition" in traits;
}
