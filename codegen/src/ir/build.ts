import { ModelError, type ModelProblem, shapePath } from "../load/problems.js";
import { translatePattern } from "../load/regex.js";
import { UNIT } from "../load/prelude.js";
import { exactNumber } from "../load/exact-numbers.js";
import type { AstMember, AstShape, SmithyModel, Traits } from "../load/types.js";
import { effectiveAuth } from "./auth.js";
import { checkLabels, parseHttpTrait } from "./http.js";
import { chooseProtocol, usesHttpBindings, usesJsonName, usesTimestampFormat } from "./protocol.js";
import { clientNameFromSdkId, enumValueNames, safeTypeName } from "./naming.js";
import { type ResolvedModel, resolveModel } from "./resolve.js";
import { childTargets, isEventStream } from "./shapes.js";
import { orderShapes } from "./topo.js";
import { FEATURES, type FeatureUse, unsupportedFeatures } from "./support.js";
import { checkRoutes, validateShapes } from "./validate.js";
import type {
  Constraints,
  Range,
  Deprecation,
  EndpointRuleSet,
  HttpBinding,
  HttpChecksum,
  Member,
  Operation,
  Pagination,
  Service,
  ServiceIR,
  Shape,
  SkippedOperation,
  StructureShape,
  TimestampFormat,
  Waiter,
} from "./types.js";
import { checkWaiterNames, readWaiters } from "./waiters.js";

export interface BuildOptions {
  /** The service shape id; optional when the model has exactly one service. */
  service?: string;
  /** Operation shape ids or names to include; all bound operations when absent. */
  operations?: readonly string[];
  /**
   * Leave out the operations that use a wire-affecting feature the generator does not implement
   * (listed in the IR's `skipped`) instead of failing; see `support.ts`.
   */
  skipUnsupported?: boolean;
  /**
   * Build every operation, supported or not: for readers of the model that generate no code from
   * it (the model diff classifies changes to every operation).
   */
  ignoreUnsupported?: boolean;
  /** The protocol's short name (`awsJson1_0`), when the config overrides the service's choice (see `protocol.ts`). */
  protocol?: string;
}

const T = {
  documentation: "smithy.api#documentation",
  deprecated: "smithy.api#deprecated",
  sensitive: "smithy.api#sensitive",
  required: "smithy.api#required",
  clientOptional: "smithy.api#clientOptional",
  default: "smithy.api#default",
  jsonName: "smithy.api#jsonName",
  timestampFormat: "smithy.api#timestampFormat",
  idempotencyToken: "smithy.api#idempotencyToken",
  httpLabel: "smithy.api#httpLabel",
  httpQuery: "smithy.api#httpQuery",
  httpQueryParams: "smithy.api#httpQueryParams",
  httpHeader: "smithy.api#httpHeader",
  httpPrefixHeaders: "smithy.api#httpPrefixHeaders",
  httpPayload: "smithy.api#httpPayload",
  httpResponseCode: "smithy.api#httpResponseCode",
  hostLabel: "smithy.api#hostLabel",
  error: "smithy.api#error",
  httpError: "smithy.api#httpError",
  retryable: "smithy.api#retryable",
  streaming: "smithy.api#streaming",
  mediaType: "smithy.api#mediaType",
  sparse: "smithy.api#sparse",
  enumValue: "smithy.api#enumValue",
  legacyEnum: "smithy.api#enum",
  length: "smithy.api#length",
  range: "smithy.api#range",
  pattern: "smithy.api#pattern",
  uniqueItems: "smithy.api#uniqueItems",
  mixin: "smithy.api#mixin",
} as const;

/** `{ waiters }` for an operation with the `waitable` trait, else nothing (the IR has no empty field). */
function waitersOf(id: string, traits: Traits, output: string | undefined, problems: ModelProblem[]): { waiters?: Waiter[] } {
  const waiters = readWaiters(id, traits["smithy.waiters#waitable"], output !== undefined && output !== UNIT, problems);
  return waiters ? { waiters } : {};
}

/** Builds the IR for one service; throws {@link ModelError} listing every problem. */
export function buildIR(model: SmithyModel, options: BuildOptions = {}): ServiceIR {
  return build(model, options, new Set());
}

/** {@link buildIR} without the operations in `skip`. */
function build(model: SmithyModel, options: BuildOptions, skip: ReadonlySet<string>): ServiceIR {
  const problems: ModelProblem[] = [];
  const resolved = resolveModel(model);
  const serviceId = pickService(model, options.service, problems);
  if (!serviceId) throw new ModelError(problems);
  const serviceShape = resolved.get(serviceId)!;
  const service = buildService(serviceId, serviceShape, resolved, problems, options.protocol);

  const operationIds = selectOperations(resolved, serviceId, serviceShape, options.operations, problems).filter((id) => !skip.has(id));
  if (problems.length) throw new ModelError(problems);

  const builder = new ShapeBuilder(resolved, service, problems);
  const operations = operationIds.map((id) => builder.operation(id));
  // When skipping left no operation, nothing is used, not even the service's errors (one of
  // which may be what made every operation unsupported).
  const serviceErrors = skip.size > 0 && operationIds.length === 0 ? [] : (serviceShape.errors ?? []).map((ref) => ref.target);
  for (const id of serviceErrors) builder.serviceError(id);
  if (problems.length) throw new ModelError(problems);

  // Never a silently wrong client: an operation that needs a feature the generator does not
  // implement is an error, or, when asked, left out (with whatever only it uses).
  const support = { service, shapes: builder.shapes, serviceErrors, inputs: builder.inputs, outputs: builder.outputs, astShape: (id: string) => resolved.get(id) };
  const unsupported = options.ignoreUnsupported ? [] : operations.map((op) => ({ op, uses: unsupportedFeatures(op, support) })).filter((u) => u.uses.length > 0);
  if (unsupported.length > 0) {
    if (!options.skipUnsupported || skip.size > 0) throw new ModelError(unsupportedProblems(unsupported));
    const skipped: SkippedOperation[] = unsupported.flatMap(({ op, uses }) =>
      uses.map((u) => ({ operation: op.id, feature: u.feature, featureName: FEATURES[u.feature].name, shapeId: u.shapeId })),
    );
    // Built again from the operations that remain, so that nothing only the skipped ones use is left.
    const ir = build(model, options, new Set(unsupported.map((u) => u.op.id)));
    return deepFreeze({ ...ir, skipped });
  }

  builder.markUsage(operations, serviceErrors);
  validateShapes(resolved, builder.shapes, problems);
  if (usesHttpBindings(service.protocol)) checkRoutes(operations, problems);
  checkWaiterNames(operations, problems);
  builder.checkNames(operations);
  if (problems.length) throw new ModelError(problems);

  const shapes = orderShapes(builder.shapes);
  const errorMap = new Map<string, StructureShape>();
  for (const op of operations) for (const e of op.errors) errorMap.set(e.id, e);
  for (const id of serviceErrors) errorMap.set(id, builder.shapes.get(id) as StructureShape);
  // The errors an output event stream can carry (its union members that target errors) are thrown
  // as the same exception classes as the operations' errors.
  for (const shape of builder.shapes.values()) {
    if (!isEventStream(shape) || !shape.usage.output) continue;
    for (const m of shape.members) {
      const target = builder.shapes.get(m.target);
      if (target?.kind === "structure" && target.error) errorMap.set(target.id, target);
    }
  }
  const errors = [...errorMap.values()].sort((a, b) => compare(a.name, b.name));
  operations.sort((a, b) => compare(a.name, b.name));
  // Read-only from here on: the IR is computed once per run and every emitter reads the same one,
  // so none may change what the next one sees (a write throws in strict-mode code).
  return deepFreeze({ service, operations, skipped: [], shapes, shapeById: builder.shapes, errors });
}

/**
 * One diagnostic per feature and shape, naming the operations that use it: a service-wide
 * feature would otherwise repeat the same line for every operation.
 */
function unsupportedProblems(unsupported: { op: Operation; uses: FeatureUse[] }[]): ModelProblem[] {
  const byPlace = new Map<string, { use: FeatureUse; ops: string[] }>();
  for (const { op, uses } of unsupported) {
    for (const use of uses) {
      const key = `${use.feature} ${use.shapeId}`;
      const entry = byPlace.get(key);
      if (entry) entry.ops.push(op.name);
      else byPlace.set(key, { use, ops: [op.name] });
    }
  }
  return [...byPlace.values()].map(({ use, ops }) => {
    const listed = ops.length > 5 ? `${ops.slice(0, 5).join(", ")} and ${ops.length - 5} more` : ops.join(", ");
    return {
      shapeId: use.shapeId,
      path: shapePath(use.shapeId, ...use.path),
      message: `the generator does not implement ${FEATURES[use.feature].name}, which ${ops.length === 1 ? `operation ${listed} uses` : `${ops.length} operations use (${listed})`}; pass --skip-unsupported to leave such operations out`,
    };
  });
}

/** Freezes the IR's objects and arrays (its `shapeById` map is frozen as an object: emitters only `get`). */
function deepFreeze<T>(value: T, seen = new Set<unknown>()): T {
  if (value === null || typeof value !== "object" || seen.has(value)) return value;
  seen.add(value);
  if (value instanceof Map) for (const v of value.values()) deepFreeze(v, seen);
  else for (const v of Object.values(value)) deepFreeze(v, seen);
  return Object.freeze(value);
}

/**
 * The service shape id and its sdkId, without building the IR: enough to name
 * packages. Throws {@link ModelError} when no single service can be chosen.
 */
export function describeService(model: SmithyModel, service?: string): { id: string; sdkId: string } {
  const problems: ModelProblem[] = [];
  const id = pickService(model, service, problems);
  if (!id) throw new ModelError(problems);
  // A bad sdkId is reported by buildIR, with the model's other problems.
  return { id, sdkId: sdkIdOf(id, model.shapes[id]!, []) };
}

/**
 * The service's `aws.api#service` sdkId, or its shape name; reported when it
 * gives no valid TypeScript client name (`""`, `"日本"`, `"123 Service"`).
 */
function sdkIdOf(id: string, shape: AstShape, problems: ModelProblem[]): string {
  const shapeName = id.split("#")[1]!;
  const awsService = shape.traits?.["aws.api#service"] as { sdkId?: unknown } | undefined;
  const sdkId = awsService?.sdkId ?? shapeName;
  const path = awsService?.sdkId === undefined ? shapePath(id) : shapePath(id, "traits", "aws.api#service", "sdkId");
  const suggestion = clientNameFromSdkId(shapeName).replace(/^\d+/, "");
  const hint = /^[A-Za-z]/.test(suggestion) ? `; use an sdkId that starts with an ASCII letter, e.g. ${JSON.stringify(suggestion)}` : "; use an sdkId that starts with an ASCII letter";
  if (typeof sdkId !== "string") {
    problems.push({ shapeId: id, path, message: `sdkId must be a string, not ${JSON.stringify(sdkId)}${hint}` });
    return shapeName;
  }
  const clientName = clientNameFromSdkId(sdkId);
  if (!/^[A-Za-z]/.test(clientName)) {
    const why = clientName === "" ? "it has no ASCII letters or digits" : `${clientName}Client would start with a digit`;
    problems.push({ shapeId: id, path, message: `sdkId ${JSON.stringify(sdkId)} gives no valid TypeScript client name (${why})${hint}` });
  }
  return sdkId;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function pickService(model: SmithyModel, wanted: string | undefined, problems: ModelProblem[]): string | undefined {
  const services = Object.entries(model.shapes)
    .filter(([, s]) => s.type === "service")
    .map(([id]) => id)
    .sort();
  if (wanted) {
    if (model.shapes[wanted]?.type === "service") return wanted;
    problems.push({ shapeId: wanted, path: "$.shapes", message: `no service shape ${wanted}; the model has ${services.join(", ") || "none"}` });
    return undefined;
  }
  if (services.length === 1) return services[0];
  problems.push({
    path: "$.shapes",
    message: services.length ? `the model has ${services.length} services (${services.join(", ")}); choose one with --service` : "the model has no service shape",
  });
  return undefined;
}

function buildService(id: string, shape: AstShape, resolved: ResolvedModel, problems: ModelProblem[], wantedProtocol?: string): Service {
  const traits = shape.traits ?? {};
  const shapeName = id.split("#")[1]!;
  const awsService = traits["aws.api#service"] as { endpointPrefix?: string } | undefined;
  const sdkId = sdkIdOf(id, shape, problems);
  // Unsupported: reported, and restJson1 stands in so that the rest of the model is still checked.
  const protocol = chooseProtocol(id, traits, wantedProtocol, problems) ?? "restJson1";
  const sigv4 = traits["aws.auth#sigv4"] as { name?: string } | undefined;
  const ccp = (traits["smithy.rules#clientContextParams"] ?? {}) as Service["clientContextParams"];
  const tests = traits["smithy.rules#endpointTests"] as { testCases?: unknown[] } | undefined;
  return {
    id,
    shapeName,
    sdkId,
    clientName: clientNameFromSdkId(sdkId),
    version: shape.version ?? "",
    title: traits["smithy.api#title"] as string | undefined,
    documentation: traits[T.documentation] as string | undefined,
    protocol,
    awsQueryCompatible: "aws.protocols#awsQueryCompatible" in traits,
    signingName: sigv4?.name,
    // An operation without auth traits of its own: only the service's count (problems are reported per operation).
    auth: effectiveAuth(resolved, id, traits, id, {}),
    endpointPrefix: awsService?.endpointPrefix,
    endpointRuleSet: traits["smithy.rules#endpointRuleSet"] as EndpointRuleSet | undefined,
    endpointTests: tests?.testCases,
    clientContextParams: ccp,
    traits,
  };
}

/** Operations bound to the service directly or through its resources. */
function selectOperations(
  resolved: ResolvedModel,
  serviceId: string,
  service: AstShape,
  wanted: readonly string[] | undefined,
  problems: ModelProblem[],
): string[] {
  const bound = new Set<string>();
  const visitResource = (id: string, seen: Set<string>) => {
    if (seen.has(id)) return;
    seen.add(id);
    const r = resolved.get(id);
    if (!r) return;
    for (const key of ["create", "put", "read", "update", "delete", "list"] as const) if (r[key]) bound.add(r[key]!.target);
    for (const ref of [...(r.operations ?? []), ...(r.collectionOperations ?? [])]) bound.add(ref.target);
    for (const ref of r.resources ?? []) visitResource(ref.target, seen);
  };
  for (const ref of service.operations ?? []) bound.add(ref.target);
  const seen = new Set<string>();
  for (const ref of service.resources ?? []) visitResource(ref.target, seen);
  if (!wanted || wanted.length === 0) return [...bound].sort();
  const byName = new Map([...bound].map((id) => [id.split("#")[1]!, id]));
  const out: string[] = [];
  for (const w of wanted) {
    const id = bound.has(w) ? w : byName.get(w);
    if (id) out.push(id);
    else problems.push({ shapeId: w, path: shapePath(serviceId, "operations"), message: `operation ${w} is not bound to ${serviceId}` });
  }
  return [...new Set(out)].sort();
}

function deprecation(traits: Traits): Deprecation | undefined {
  const d = traits[T.deprecated];
  if (d === undefined) return undefined;
  return typeof d === "object" && d !== null ? (d as Deprecation) : {};
}

/** A `@range` trait's bounds, with the exact text of any bound a double rounded. */
function rangeOf(trait: Range): Range {
  const range: Range = {};
  for (const key of ["min", "max"] as const) {
    const value = trait[key];
    if (typeof value !== "number") continue;
    range[key] = value;
    const exact = exactNumber(trait, key);
    if (exact !== undefined) range[`${key}Text`] = exact;
  }
  return range;
}

function constraintsOf(traits: Traits): Constraints {
  const c: Constraints = {};
  if (traits[T.length]) c.length = traits[T.length] as Constraints["length"];
  if (traits[T.range]) c.range = rangeOf(traits[T.range] as Range);
  if (typeof traits[T.pattern] === "string") {
    // Java-only syntax is rewritten to the JavaScript regex with the same meaning; a pattern that has
    // none is left out (the validate stage warns), so no emitter checks or generates a different language.
    const translated = translatePattern(traits[T.pattern] as string);
    if (translated.ok) c.pattern = translated.source;
  }
  if (traits[T.uniqueItems] !== undefined) c.uniqueItems = true;
  return c;
}

/** Target traits that a member inherits when it does not set them itself. */
const INHERITED = [T.documentation, T.deprecated, T.sensitive, T.timestampFormat, T.mediaType, T.streaming, T.length, T.range, T.pattern, T.default];

class ShapeBuilder {
  readonly shapes = new Map<string, Shape>();
  /** Member targets still to build (see {@link shape}). */
  private readonly pending: string[] = [];
  /** Structures bound to HTTP requests: operation inputs. */
  readonly inputs = new Set<string>();
  /** Structures bound to HTTP responses: operation outputs, and errors of operations and of the service. */
  readonly outputs = new Set<string>();

  constructor(
    private readonly model: ResolvedModel,
    private readonly service: Service,
    private readonly problems: ModelProblem[],
  ) {}

  operation(id: string): Operation {
    const ast = this.model.get(id)!;
    const traits = ast.traits ?? {};
    const name = id.split("#")[1]!;
    if (ast.type !== "operation") {
      this.problems.push({ shapeId: id, path: shapePath(id, "type"), message: `expected an operation, found ${ast.type}` });
    }
    const input = this.ioStructure(id, ast.input?.target, `${name}Input`, this.inputs);
    const output = this.ioStructure(id, ast.output?.target, `${name}Output`, this.outputs);
    const errors = (ast.errors ?? []).map((ref) => {
      this.outputs.add(ref.target);
      const shape = this.shape(ref.target);
      if (shape?.kind !== "structure" || !shape.error) {
        this.problems.push({ shapeId: ref.target, path: shapePath(ref.target, "traits"), message: `operation ${id} lists it as an error but it has no @error trait` });
      }
      return shape as StructureShape;
    });
    // RPC protocols send every operation as a POST to a path of their own; the http trait is ignored.
    const bound = usesHttpBindings(this.service.protocol);
    const http = (bound ? parseHttpTrait(id, traits["smithy.api#http"], this.problems) : undefined) ?? {
      method: "POST",
      uri: "/",
      code: 200,
      segments: [],
      queryLiterals: [],
    };
    if (bound) checkLabels(id, input.id, http, input.members, this.problems);
    const endpoint = traits["smithy.api#endpoint"] as { hostPrefix?: string } | undefined;
    const compression = traits["smithy.api#requestCompression"] as { encodings?: string[] } | undefined;
    const contextParams: Record<string, string> = {};
    for (const m of input.members) {
      const cp = m.traits["smithy.rules#contextParam"] as { name?: string } | undefined;
      if (cp?.name) contextParams[cp.name] = m.name;
    }
    const staticParams = (traits["smithy.rules#staticContextParams"] ?? {}) as Record<string, { value: unknown }>;
    return {
      id,
      name,
      documentation: traits[T.documentation] as string | undefined,
      deprecated: deprecation(traits),
      traits,
      input,
      output,
      errors: errors.filter(Boolean).sort((a, b) => compare(a.name, b.name)),
      http,
      hostPrefix: endpoint?.hostPrefix,
      checksumRequired: "smithy.api#httpChecksumRequired" in traits,
      httpChecksum: httpChecksumOf(traits, input),
      requestCompression: compression?.encodings ?? [],
      staticContextParams: Object.fromEntries(Object.entries(staticParams).map(([k, v]) => [k, v.value])),
      contextParams,
      pagination: this.pagination(id, traits, input, output),
      auth: effectiveAuth(this.model, this.service.id, this.service.traits, id, traits),
      ...waitersOf(id, traits, ast.output?.target, this.problems),
    };
  }

  /**
   * The operation's `paginated` trait over the service's (the operation's members win), checked
   * against the input and output: tokens are strings, the page size a number, the items a
   * collection. Partial traits that leave no token (items only, with no service default) are not
   * pageable and give no paginator.
   */
  private pagination(id: string, traits: Traits, input: StructureShape, output: StructureShape): Pagination | undefined {
    const own = traits["smithy.api#paginated"] as Partial<Pagination> | undefined;
    if (!own) return undefined;
    const merged: Partial<Pagination> = { ...(this.service.traits["smithy.api#paginated"] as Partial<Pagination> | undefined), ...own };
    const { inputToken, outputToken, pageSize, items } = merged;
    if (!inputToken || !outputToken) {
      if (inputToken || outputToken) {
        this.problems.push({ shapeId: id, path: shapePath(id, "traits", "smithy.api#paginated"), message: "paginated needs both inputToken and outputToken (on the operation or the service)" });
      }
      return undefined;
    }
    const at = (key: string) => shapePath(id, "traits", "smithy.api#paginated", key);
    const check = (key: string, start: StructureShape, path: string, kinds: readonly string[], nested: boolean) => {
      const steps = path.split(".");
      if (!nested && steps.length > 1) {
        this.problems.push({ shapeId: id, path: at(key), message: `${key} must name a top-level input member, not the path ${path}` });
        return;
      }
      let shape: Shape | undefined = start;
      for (const [i, step] of steps.entries()) {
        const members: Member[] = shape && (shape.kind === "structure" || shape.kind === "union") ? shape.members : [];
        const member = members.find((m) => m.name === step);
        if (!member) {
          this.problems.push({ shapeId: id, path: at(key), message: `${key} ${path}: ${shape?.id ?? start.id} has no member ${step}` });
          return;
        }
        shape = this.shapes.get(member.target) ?? this.shape(member.target);
        if (i === steps.length - 1 && !kinds.includes(shape?.kind ?? "")) {
          this.problems.push({ shapeId: id, path: at(key), message: `${key} ${path} must target ${kinds.join(" or ")}, not ${shape?.kind}` });
        }
      }
    };
    check("inputToken", input, inputToken, ["string", "map"], false);
    check("outputToken", output, outputToken, ["string", "map"], true);
    if (pageSize) check("pageSize", input, pageSize, ["byte", "short", "integer", "long"], false);
    if (items) check("items", output, items, ["list", "map"], true);
    return { inputToken, outputToken, ...(pageSize ? { pageSize } : {}), ...(items ? { items } : {}) };
  }

  /**
   * An error bound to the service: every operation may return it, so it is a response structure
   * like the operations' own errors (its HTTP bindings kept, its members deserialized).
   */
  serviceError(id: string): void {
    this.outputs.add(id);
    this.shape(id);
  }

  /** The input or output structure of an operation; `Unit` becomes an empty synthetic one. */
  private ioStructure(operationId: string, target: string | undefined, syntheticName: string, bound: Set<string>): StructureShape {
    if (target && target !== UNIT) {
      bound.add(target);
      const shape = this.shape(target);
      if (shape?.kind === "structure") return shape;
      this.problems.push({ shapeId: operationId, path: shapePath(operationId), message: `input and output must target structures; ${target} is a ${shape?.kind}` });
    }
    const id = `${operationId}$${syntheticName}`;
    const synthetic: StructureShape = {
      id,
      name: safeTypeName(syntheticName),
      kind: "structure",
      traits: {},
      sensitive: false,
      constraints: {},
      usage: { input: false, output: false },
      recursive: false,
      members: [],
    };
    this.shapes.set(id, synthetic);
    return synthetic;
  }

  /** Builds a shape and, breadth-first, every shape it refers to. */
  shape(id: string): Shape | undefined {
    const shape = this.shapeOnly(id);
    while (this.pending.length > 0) this.shapeOnly(this.pending.pop()!);
    return shape;
  }

  /** Builds one shape; the shapes its members target are queued in `pending`. */
  private shapeOnly(id: string): Shape | undefined {
    const existing = this.shapes.get(id);
    if (existing) return existing;
    const ast = this.model.get(id);
    if (!ast) return undefined;
    const traits = ast.traits ?? {};
    const rename = this.model.get(this.service.id)?.rename ?? {};
    const base = {
      id,
      name: safeTypeName(rename[id] ?? id.split("#")[1]!),
      traits,
      documentation: traits[T.documentation] as string | undefined,
      deprecated: deprecation(traits),
      sensitive: T.sensitive in traits,
      constraints: constraintsOf(traits),
      usage: { input: false, output: false },
      recursive: false,
    };
    switch (ast.type) {
      case "structure":
      case "union": {
        const shape = { ...base, kind: ast.type, members: [] as Member[] } as Shape & { members: Member[] };
        if (ast.type === "structure" && T.error in traits) {
          (shape as StructureShape).error = {
            fault: traits[T.error] === "server" ? "server" : "client",
            httpStatus: typeof traits[T.httpError] === "number" ? (traits[T.httpError] as number) : traits[T.error] === "server" ? 500 : 400,
            retryable: T.retryable in traits ? { throttling: Boolean((traits[T.retryable] as { throttling?: boolean }).throttling) } : undefined,
          };
        }
        this.shapes.set(id, shape);
        for (const [name, member] of Object.entries(ast.members ?? {})) shape.members.push(this.member(id, name, member, ast.type));
        return shape;
      }
      case "list":
      case "set": {
        const shape = { ...base, kind: "list" as const, sparse: T.sparse in traits } as Shape;
        this.shapes.set(id, shape);
        (shape as { member: Member }).member = this.member(id, "member", ast.member!, "list");
        if (ast.type === "set") shape.constraints.uniqueItems = true;
        return shape;
      }
      case "map": {
        const shape = { ...base, kind: "map" as const, sparse: T.sparse in traits } as Shape;
        this.shapes.set(id, shape);
        (shape as { key: Member }).key = this.member(id, "key", ast.key!, "map");
        (shape as { value: Member }).value = this.member(id, "value", ast.value!, "map");
        return shape;
      }
      case "enum":
      case "intEnum": {
        const values = Object.entries(ast.members ?? {}).map(([name, m]) => {
          const mt = m.traits ?? {};
          return {
            name,
            value: (mt[T.enumValue] ?? name) as string | number,
            documentation: mt[T.documentation] as string | undefined,
            deprecated: deprecation(mt),
          };
        });
        const shape: Shape = { ...base, kind: ast.type, values };
        this.shapes.set(id, shape);
        return shape;
      }
      case "string": {
        const legacy = traits[T.legacyEnum] as { value: string; name?: string; documentation?: string; deprecated?: boolean }[] | undefined;
        if (legacy) {
          const names = enumValueNames(legacy);
          const values = legacy.map((v, i) => ({
            name: names[i]!,
            value: v.value,
            documentation: v.documentation,
            deprecated: v.deprecated ? {} : undefined,
          }));
          const shape: Shape = { ...base, kind: "enum", values };
          this.shapes.set(id, shape);
          return shape;
        }
        break;
      }
      case "service":
      case "operation":
      case "resource":
      case "apply":
        this.problems.push({ shapeId: id, path: shapePath(id, "type"), message: `a ${ast.type} cannot be used as a member target` });
        return undefined;
      default:
        break;
    }
    const simple: Shape = {
      ...base,
      kind: ast.type as "string",
      streaming: T.streaming in traits,
      mediaType: traits[T.mediaType] as string | undefined,
      timestampFormat: usesTimestampFormat(this.service.protocol) ? (traits[T.timestampFormat] as TimestampFormat | undefined) : undefined,
    };
    this.shapes.set(id, simple);
    return simple;
  }

  private member(container: string, name: string, ast: AstMember, containerKind: string): Member {
    const own = ast.traits ?? {};
    const targetTraits = this.model.get(ast.target)?.traits ?? {};
    const traits: Traits = {};
    for (const key of INHERITED) if (key in targetTraits) traits[key] = targetTraits[key];
    Object.assign(traits, own);
    // Built later, from the queue: recursing here would overflow the stack on a chain of
    // thousands of structures.
    this.pending.push(ast.target);
    const required = T.required in own;
    return {
      name,
      container,
      target: ast.target,
      traits,
      documentation: traits[T.documentation] as string | undefined,
      deprecated: deprecation(traits),
      required: required,
      clientOptional: T.clientOptional in own,
      default: T.default in own ? own[T.default] : undefined,
      sensitive: T.sensitive in traits,
      idempotencyToken: T.idempotencyToken in own,
      jsonName: usesJsonName(this.service.protocol) && typeof own[T.jsonName] === "string" ? (own[T.jsonName] as string) : name,
      timestampFormat: usesTimestampFormat(this.service.protocol) ? (traits[T.timestampFormat] as TimestampFormat | undefined) : undefined,
      http: containerKind === "structure" && usesHttpBindings(this.service.protocol) ? bindingOf(name, own) : { location: "body" },
      constraints: constraintsOf(traits),
    };
  }

  /**
   * Marks shapes reachable from inputs and from outputs/errors (the service's errors included),
   * and settles where the members of each structure are on the wire.
   */
  markUsage(operations: Operation[], serviceErrors: readonly string[]): void {
    // An explicit stack, not recursion: references can chain thousands of shapes deep.
    const walk = (id: string, key: "input" | "output") => {
      const stack = [id];
      while (stack.length > 0) {
        const shape = this.shapes.get(stack.pop()!);
        if (!shape || shape.usage[key]) continue;
        shape.usage[key] = true;
        for (const target of childTargets(shape)) stack.push(target);
      }
    };
    for (const op of operations) {
      walk(op.input.id, "input");
      walk(op.output.id, "output");
      for (const e of op.errors) walk(e.id, "output");
    }
    // Errors bound to the service can come back from any operation: their members are read too.
    for (const id of serviceErrors) walk(id, "output");
    for (const shape of this.shapes.values()) {
      if (shape.kind !== "structure") continue;
      const input = this.inputs.has(shape.id);
      if (!input && !this.outputs.has(shape.id)) {
        // HTTP binding traits mean nothing below the top level.
        for (const m of shape.members) m.http = { location: "body" };
      } else if (!input) {
        // @httpLabel, @httpQuery and @httpQueryParams bind request members only: in a response
        // the member is in the body (API Gateway's `position`, which its paginators page with).
        // A structure that is both an input and an output with such members is refused (support.ts).
        for (const m of shape.members) if (REQUEST_ONLY.has(m.http.location)) m.http = { location: "body" };
      }
    }
  }

  /**
   * Gives every shape a TypeScript symbol of its own. Symbols the generator makes (the client
   * classes, `<Operation>Command`, the service exception…) come first; a shape named like one of
   * them, and a name the generator made up (an escaped reserved word, a synthetic `<Op>Input`),
   * yields: `_` is appended until it is free. Two shapes named by the model that differ only in
   * case are a model error (Smithy requires a `rename` for them too).
   */
  checkNames(operations: Operation[]): void {
    const owners = new Map<string, string>();
    const client = this.service.clientName;
    const generated = [
      `${client}Client`, client, `${client}ServiceException`, `${client}ClientConfig`, `${client}ClientResolvedConfig`,
      `${client}PaginationConfiguration`, "ServiceInputTypes", "ServiceOutputTypes",
      ...operations.flatMap((op) => [`${op.name}Command`, `${op.name}CommandInput`, `${op.name}CommandOutput`]),
    ];
    for (const symbol of generated) owners.set(symbol.toLowerCase(), `(generated ${symbol})`);
    const rename = this.model.get(this.service.id)?.rename ?? {};
    const modelName = (shape: Shape) => rename[shape.id] ?? shape.id.split("#")[1]!;
    const named = [...this.shapes.values()]
      .filter((shape) => !isNumberKind(shape.kind) && !["string", "blob", "boolean", "timestamp", "document"].includes(shape.kind))
      .sort((a, b) => compare(a.id, b.id));
    // Names as the model spells them claim first, so that a made-up name never takes one of them.
    const madeUp = new Set(named.filter((s) => s.name !== modelName(s) || s.id.includes("$")));
    for (const shape of [...named.filter((s) => !madeUp.has(s)), ...madeUp]) {
      const other = owners.get(shape.name.toLowerCase());
      if (other === undefined) {
        owners.set(shape.name.toLowerCase(), shape.id);
      } else if (other.startsWith("(generated ") || madeUp.has(shape)) {
        let name = `${shape.name}_`;
        while (owners.has(name.toLowerCase())) name += "_";
        shape.name = name;
        owners.set(name.toLowerCase(), shape.id);
      } else {
        this.problems.push({
          shapeId: shape.id,
          path: shapePath(shape.id),
          message: `TypeScript name ${shape.name} collides with ${other} after casing; add a "rename" entry on the service`,
        });
      }
    }
  }
}

/** HTTP bindings that exist only in requests. */
const REQUEST_ONLY: ReadonlySet<string> = new Set(["label", "query", "queryParams"]);

function isNumberKind(kind: string): boolean {
  return ["byte", "short", "integer", "long", "float", "double", "bigInteger", "bigDecimal"].includes(kind);
}

function bindingOf(name: string, traits: Traits): HttpBinding {
  if (T.httpLabel in traits) return { location: "label", name, greedy: false };
  if (typeof traits[T.httpQuery] === "string") return { location: "query", name: traits[T.httpQuery] as string };
  if (T.httpQueryParams in traits) return { location: "queryParams" };
  if (typeof traits[T.httpHeader] === "string") return { location: "header", name: traits[T.httpHeader] as string };
  if (typeof traits[T.httpPrefixHeaders] === "string") return { location: "prefixHeaders", prefix: traits[T.httpPrefixHeaders] as string };
  if (T.httpPayload in traits) return { location: "payload" };
  if (T.httpResponseCode in traits) return { location: "responseCode" };
  return { location: "body" };
}

/** `aws.protocols#httpChecksum`, with the header of its request algorithm member (validated by the model checks). */
function httpChecksumOf(traits: Traits, input: StructureShape): HttpChecksum | undefined {
  const trait = traits["aws.protocols#httpChecksum"] as
    | { requestAlgorithmMember?: string; requestChecksumRequired?: boolean; requestValidationModeMember?: string; responseAlgorithms?: string[] }
    | undefined;
  if (!trait) return undefined;
  const algorithmMember = input.members.find((m) => m.name === trait.requestAlgorithmMember);
  return {
    ...(algorithmMember
      ? { requestAlgorithmMember: { name: algorithmMember.name, ...(algorithmMember.http.location === "header" ? { httpHeader: algorithmMember.http.name } : {}) } }
      : {}),
    requestChecksumRequired: trait.requestChecksumRequired === true,
    ...(trait.requestValidationModeMember ? { requestValidationModeMember: trait.requestValidationModeMember } : {}),
    responseAlgorithms: [...(trait.responseAlgorithms ?? [])],
  };
}
