/**
 * Compares two models at the level of the IR, in the spirit of smithy-diff:
 * both models are resolved to the selected service's closure (mixins
 * flattened, member traits merged, HTTP bindings resolved), then compared
 * shape by shape (keyed by shape id) and member by member (keyed by name).
 *
 * Each change is classified by what it does to a program using the generated
 * packages. Direction matters: a change to a shape is judged for the way the
 * shape is used — sent (input), received (output or error), or both, in
 * which case the stricter verdict wins. Making a member required breaks
 * callers that build the input, but only narrows what an output holds;
 * making it optional is the reverse. Optionality is judged exactly as the
 * types emitter writes it (`isOptional`): required and not `@clientOptional`.
 */
import { buildIR } from "../ir/build.js";
import { isOptional } from "../ir/shapes.js";
import type { Constraints, EnumShape, Member, Operation, ServiceIR, Shape, SimpleShape, StructureShape } from "../ir/types.js";
import type { SmithyModel, Traits } from "../load/types.js";
import { canonicalDecimal, compareDecimal, exactNumber } from "../load/exact-numbers.js";
import { type Change, type ChangeCode, type ModelDiff, type Severity, bumpOf, maxSeverity, severityRank } from "./types.js";

export interface DiffOptions {
  /** The service shape id; optional when each model has exactly one service. */
  service?: string;
  /** Operations selected in the new model (and the old one unless `oldOperations` is given); all bound operations when absent. */
  operations?: readonly string[];
  oldOperations?: readonly string[];
}

/** Builds both models' IR for the selected service and compares them. Throws `ModelError` for a bad model. */
export function diffModels(oldModel: SmithyModel, newModel: SmithyModel, options: DiffOptions = {}): ModelDiff {
  // A change is classified whether or not the generator implements what the operation uses.
  const before = buildIR(oldModel, { service: options.service, operations: options.oldOperations ?? options.operations, ignoreUnsupported: true });
  const after = buildIR(newModel, { service: options.service, operations: options.operations, ignoreUnsupported: true });
  return diffIR(before, after);
}

/** Compares two service closures. */
export function diffIR(before: ServiceIR, after: ServiceIR): ModelDiff {
  const differ = new Differ(before, after);
  differ.service();
  differ.operations();
  differ.shapes();
  const changes = differ.changes.sort(compareChanges);
  const counts = { major: 0, minor: 0, patch: 0 };
  for (const c of changes) counts[c.severity]++;
  return { service: after.service.id, serviceName: after.service.title ?? after.service.sdkId, bump: bumpOf(changes), counts, changes };
}

const T = {
  documentation: "smithy.api#documentation",
  deprecated: "smithy.api#deprecated",
  sensitive: "smithy.api#sensitive",
  timestampFormat: "smithy.api#timestampFormat",
  length: "smithy.api#length",
  range: "smithy.api#range",
  pattern: "smithy.api#pattern",
  uniqueItems: "smithy.api#uniqueItems",
} as const;

/** Traits compared by a dedicated rule; any other trait that changes is reported as a patch. */
const MEMBER_RULES = new Set([
  T.documentation,
  T.deprecated,
  T.sensitive,
  T.timestampFormat,
  T.length,
  T.range,
  T.pattern,
  T.uniqueItems,
  "smithy.api#required",
  "smithy.api#clientOptional",
  "smithy.api#default",
  "smithy.api#jsonName",
  "smithy.api#idempotencyToken",
  "smithy.api#httpLabel",
  "smithy.api#httpQuery",
  "smithy.api#httpQueryParams",
  "smithy.api#httpHeader",
  "smithy.api#httpPrefixHeaders",
  "smithy.api#httpPayload",
  "smithy.api#httpResponseCode",
  "smithy.api#streaming",
  "smithy.api#mediaType",
  "smithy.api#enumValue",
  "smithy.rules#contextParam",
]);
const SHAPE_RULES = new Set([
  T.documentation,
  T.deprecated,
  T.sensitive,
  T.timestampFormat,
  T.length,
  T.range,
  T.pattern,
  T.uniqueItems,
  "smithy.api#error",
  "smithy.api#httpError",
  "smithy.api#retryable",
  "smithy.api#streaming",
  "smithy.api#mediaType",
  "smithy.api#sparse",
  "smithy.api#enum",
]);
const OPERATION_RULES = new Set([
  T.documentation,
  T.deprecated,
  "smithy.api#http",
  "smithy.api#endpoint",
  "smithy.api#httpChecksumRequired",
  "smithy.api#requestCompression",
  "smithy.rules#staticContextParams",
  "smithy.api#paginated",
]);
const SERVICE_RULES = new Set([
  T.documentation,
  // Compared per operation, merged into each operation's own trait.
  "smithy.api#paginated",
  "smithy.api#title",
  "aws.api#service",
  "smithy.rules#endpointRuleSet",
  "smithy.rules#endpointTests",
  "smithy.rules#clientContextParams",
]);
const AUTH_TRAITS = new Set([
  "smithy.api#auth",
  "smithy.api#optionalAuth",
  "smithy.api#httpBasicAuth",
  "smithy.api#httpDigestAuth",
  "smithy.api#httpBearerAuth",
  "smithy.api#httpApiKeyAuth",
]);
const isProtocolTrait = (k: string) => k.startsWith("aws.protocols#") || k.startsWith("smithy.protocols#");
const isAuthTrait = (k: string) => k.startsWith("aws.auth#") || AUTH_TRAITS.has(k);

type Usage = { input: boolean; output: boolean };
/** Where a change is reported: everything but the verdict and the words. */
type Site = Pick<Change, "shapeId" | "member" | "symbol" | "scope">;

class Differ {
  readonly changes: Change[] = [];

  constructor(
    private readonly a: ServiceIR,
    private readonly b: ServiceIR,
  ) {}

  private add(site: Site, severity: Severity, code: ChangeCode, message: string, typesSeverity?: Severity): void {
    const change: Change = { severity, code, ...site, message };
    if (typesSeverity && severityRank(typesSeverity) < severityRank(severity)) change.typesSeverity = typesSeverity;
    if (change.member === undefined) delete change.member;
    this.changes.push(change);
  }

  // ---------------------------------------------------------------- service

  service(): void {
    const a = this.a.service;
    const b = this.b.service;
    const site: Site = { shapeId: b.id, symbol: `${b.clientName}Client`, scope: "service" };
    if (a.id !== b.id) this.add(site, "major", "ChangedService", `service shape changed from ${a.id} to ${b.id}`);
    if (a.sdkId !== b.sdkId) {
      this.add(site, "major", "ChangedService", `sdkId changed from "${a.sdkId}" to "${b.sdkId}" (the client is now ${b.clientName}Client, was ${a.clientName}Client)`);
    }
    const awsA = { ...((a.traits["aws.api#service"] ?? {}) as object), sdkId: undefined };
    const awsB = { ...((b.traits["aws.api#service"] ?? {}) as object), sdkId: undefined };
    if (!same(awsA, awsB)) this.add(site, "minor", "ChangedService", `@aws.api#service changed: ${describeObjectChange(awsA, awsB)}`);
    for (const key of traitKeys(a.traits, b.traits)) {
      if (same(a.traits[key], b.traits[key])) continue;
      if (isProtocolTrait(key)) this.add(site, "major", "ChangedProtocol", `protocol ${traitChange(key, a.traits, b.traits)}`);
      else if (isAuthTrait(key)) this.add(site, "major", "ChangedAuth", `auth ${traitChange(key, a.traits, b.traits)}`);
    }
    if (a.version !== b.version) this.add(site, "minor", "ChangedServiceVersion", `API version changed from ${a.version || "(none)"} to ${b.version || "(none)"}`);
    if (!same(a.endpointRuleSet, b.endpointRuleSet)) this.add(site, "minor", "ChangedEndpointRules", "endpoint rule set changed");
    if (!same(a.endpointTests, b.endpointTests)) this.add(site, "patch", "ChangedEndpointRules", "endpoint test cases changed");
    for (const name of sortedUnion(Object.keys(a.clientContextParams), Object.keys(b.clientContextParams))) {
      const pa = a.clientContextParams[name];
      const pb = b.clientContextParams[name];
      if (!pa) this.add(site, "minor", "ChangedClientContextParams", `client config option ${name} (${pb!.type}) added`);
      else if (!pb) this.add(site, "major", "ChangedClientContextParams", `client config option ${name} removed`);
      else if (pa.type !== pb.type) this.add(site, "major", "ChangedClientContextParams", `client config option ${name} changed type from ${pa.type} to ${pb.type}`);
      else if (!same(pa, pb)) this.add(site, "patch", "ChangedDocumentation", `documentation of client config option ${name} changed`);
    }
    if (a.documentation !== b.documentation) this.add(site, "patch", "ChangedDocumentation", docChange(a.documentation, b.documentation));
    if (a.title !== b.title) this.add(site, "patch", "ChangedDocumentation", `title changed from ${JSON.stringify(a.title)} to ${JSON.stringify(b.title)}`);
    this.otherTraits(site, a.traits, b.traits, (k) => SERVICE_RULES.has(k) || isProtocolTrait(k) || isAuthTrait(k));

    // Errors bound on the service apply to every operation.
    const serviceErrors = (ir: ServiceIR) => {
      const fromOperations = new Set(ir.operations.flatMap((o) => o.errors.map((e) => e.id)));
      return new Map(ir.errors.filter((e) => !fromOperations.has(e.id)).map((e) => [e.id, e]));
    };
    const ea = serviceErrors(this.a);
    const eb = serviceErrors(this.b);
    for (const id of sortedUnion([...ea.keys()], [...eb.keys()])) {
      if (!ea.has(id)) this.add(site, "minor", "AddedOperationError", `every operation may now throw ${eb.get(id)!.name}`);
      else if (!eb.has(id)) this.add(site, "minor", "RemovedOperationError", `${ea.get(id)!.name} is no longer declared as a service-wide error`);
    }
  }

  // ------------------------------------------------------------- operations

  operations(): void {
    const ops = (ir: ServiceIR) => new Map(ir.operations.map((o) => [o.id, o]));
    const a = ops(this.a);
    const b = ops(this.b);
    for (const id of sortedUnion([...a.keys()], [...b.keys()])) {
      const oa = a.get(id);
      const ob = b.get(id);
      const op = (ob ?? oa)!;
      const site: Site = { shapeId: id, symbol: `${op.name}Command`, scope: "operation" };
      if (!oa) this.add(site, "minor", "AddedOperation", `operation added (${op.http.method} ${op.http.uri})`);
      else if (!ob) this.add(site, "major", "RemovedOperation", `operation removed (${op.name}Command is no longer generated)`);
      else this.operation(site, oa, ob);
    }
  }

  private operation(site: Site, a: Operation, b: Operation): void {
    if (a.input.id !== b.input.id) this.add(site, "major", "ChangedOperationInput", `input changed from ${a.input.name} (${a.input.id}) to ${b.input.name} (${b.input.id})`);
    if (a.output.id !== b.output.id) this.add(site, "major", "ChangedOperationOutput", `output changed from ${a.output.name} (${a.output.id}) to ${b.output.name} (${b.output.id})`);
    if (a.http.method !== b.http.method) this.add(site, "major", "ChangedHttpTrait", `HTTP method changed from ${a.http.method} to ${b.http.method}`);
    if (a.http.uri !== b.http.uri) this.add(site, "major", "ChangedHttpTrait", `HTTP uri changed from ${a.http.uri} to ${b.http.uri}`);
    if (a.http.code !== b.http.code) this.add(site, "major", "ChangedHttpTrait", `HTTP success status changed from ${a.http.code} to ${b.http.code}`);
    if (a.hostPrefix !== b.hostPrefix) this.add(site, "major", "ChangedHostPrefix", `host prefix changed from ${JSON.stringify(a.hostPrefix ?? "")} to ${JSON.stringify(b.hostPrefix ?? "")}`);
    const ea = new Map(a.errors.map((e) => [e.id, e]));
    const eb = new Map(b.errors.map((e) => [e.id, e]));
    for (const id of sortedUnion([...ea.keys()], [...eb.keys()])) {
      if (!ea.has(id)) this.add(site, "minor", "AddedOperationError", `may now throw ${eb.get(id)!.name}`);
      else if (!eb.has(id)) this.add(site, "minor", "RemovedOperationError", `no longer declares ${ea.get(id)!.name}`);
    }
    if (a.checksumRequired !== b.checksumRequired) {
      if (b.checksumRequired) this.add(site, "minor", "ChangedRequestChecksum", "requests now carry a Content-MD5 checksum");
      else this.add(site, "patch", "ChangedRequestChecksum", "requests no longer need a Content-MD5 checksum");
    }
    if (!same(a.requestCompression, b.requestCompression)) {
      this.add(site, "minor", "ChangedRequestCompression", `request compression changed from [${a.requestCompression.join(", ")}] to [${b.requestCompression.join(", ")}]`);
    }
    if (!same(a.staticContextParams, b.staticContextParams) || !same(a.contextParams, b.contextParams)) {
      this.add(site, "minor", "ChangedEndpointParams", "endpoint parameters bound by this operation changed");
    }
    for (const key of traitKeys(a.traits, b.traits)) {
      if (isAuthTrait(key) && !same(a.traits[key], b.traits[key])) this.add(site, "major", "ChangedAuth", `auth ${traitChange(key, a.traits, b.traits)}`);
    }
    this.pagination(site, a, b);
    this.common(site, a, b);
    this.otherTraits(site, a.traits, b.traits, (k) => OPERATION_RULES.has(k) || isAuthTrait(k));
  }

  /**
   * The paginator (`paginate<Name>`), from the operation's `paginated` trait merged over the
   * service's, following the breaking-change rules of the trait's definition: adding a paginator,
   * `items` or `pageSize` adds; removing any of them, or changing a token, `items` or `pageSize`, breaks.
   */
  private pagination(site: Site, a: Operation, b: Operation): void {
    const pa = a.pagination;
    const pb = b.pagination;
    const paginator = `paginate${b.name}`;
    if (!pa && !pb) return;
    if (!pa) return this.add(site, "minor", "ChangedPagination", `paginated: ${paginator} added`);
    if (!pb) return this.add(site, "major", "ChangedPagination", `no longer paginated: ${paginator} removed`);
    for (const key of ["inputToken", "outputToken", "pageSize", "items"] as const) {
      const va = pa[key];
      const vb = pb[key];
      if (va === vb) continue;
      if (va === undefined) this.add(site, "minor", "ChangedPagination", `paginated ${key} ${vb} added`);
      else if (vb === undefined) this.add(site, "major", "ChangedPagination", `paginated ${key} ${va} removed`);
      else this.add(site, "major", "ChangedPagination", `paginated ${key} changed from ${va} to ${vb}`);
    }
  }

  // ----------------------------------------------------------------- shapes

  shapes(): void {
    const ids = sortedUnion([...this.a.shapeById.keys()], [...this.b.shapeById.keys()]);
    const removed = ids.filter((id) => !this.b.shapeById.has(id) && isDeclared(this.a.shapeById.get(id)!));
    const added = ids.filter((id) => !this.a.shapeById.has(id) && isDeclared(this.b.shapeById.get(id)!));
    const renames = pairUnique(
      removed,
      added,
      (id) => fingerprint(this.a.shapeById.get(id)!),
      (id) => fingerprint(this.b.shapeById.get(id)!),
    );
    for (const [from, to] of renames) {
      const sa = this.a.shapeById.get(from)!;
      const sb = this.b.shapeById.get(to)!;
      this.add({ shapeId: from, symbol: sa.name, scope: "shape" }, "major", "RenamedShape", `removed; looks renamed to ${to} (same members; TypeScript ${sa.name} → ${sb.name})`);
    }
    for (const id of removed) {
      if (renames.has(id)) continue;
      const s = this.a.shapeById.get(id)!;
      this.add({ shapeId: id, symbol: s.name, scope: "shape" }, "major", "RemovedShape", `${kindWord(s)} removed (no longer in the service closure)`);
    }
    const renamedTo = new Set(renames.values());
    for (const id of added) {
      if (renamedTo.has(id)) continue;
      const s = this.b.shapeById.get(id)!;
      this.add({ shapeId: id, symbol: s.name, scope: "shape" }, "minor", "AddedShape", `${kindWord(s)} added`);
    }
    for (const id of ids) {
      const sa = this.a.shapeById.get(id);
      const sb = this.b.shapeById.get(id);
      if (sa && sb) this.shape(sa, sb);
    }
  }

  private shape(a: Shape, b: Shape): void {
    const site: Site = { shapeId: b.id, symbol: b.name, scope: "shape" };
    const usage = { input: a.usage.input || b.usage.input, output: a.usage.output || b.usage.output };
    if (a.kind !== b.kind) {
      this.add(site, "major", "ChangedShapeType", `type changed from ${a.kind} to ${b.kind}`);
      return;
    }
    if (isDeclared(b) && a.name !== b.name) this.add(site, "major", "ChangedTypeName", `TypeScript name changed from ${a.name} to ${b.name}`);
    this.constraints(site, usage, a.constraints, b.constraints);
    this.common(site, a, b);
    if (a.sensitive !== b.sensitive) this.add(site, "patch", "ChangedSensitive", b.sensitive ? "now @sensitive (redacted from logs)" : "no longer @sensitive");
    switch (b.kind) {
      case "enum":
      case "intEnum":
        this.enumValues(a as EnumShape, b);
        break;
      case "structure":
      case "union":
        if (b.kind === "structure") this.errorInfo(site, a as StructureShape, b);
        this.members(a, b, usage);
        break;
      case "list":
      case "map": {
        const sparseA = (a as { sparse: boolean }).sparse;
        if (sparseA !== b.sparse) {
          // Sparse collections may hold nulls: the element type widens to `T | null`.
          if (b.sparse) this.add(site, sideSeverity(usage, "minor", "major"), "ChangedSparse", "now @sparse: entries may be null");
          else this.add(site, sideSeverity(usage, "major", "minor"), "ChangedSparse", "no longer @sparse: entries may not be null");
        }
        this.members(a, b, usage);
        break;
      }
      default: {
        const sa = a as SimpleShape;
        if (sa.streaming !== b.streaming) this.add(site, "major", "ChangedStreaming", b.streaming ? "now @streaming" : "no longer @streaming");
        if (sa.mediaType !== b.mediaType) this.add(site, "minor", "ChangedMediaType", `@mediaType changed from ${sa.mediaType ?? "(none)"} to ${b.mediaType ?? "(none)"}`);
        if (sa.timestampFormat !== b.timestampFormat) {
          this.add(site, "major", "ChangedTimestampFormat", `@timestampFormat changed from ${sa.timestampFormat ?? "(default)"} to ${b.timestampFormat ?? "(default)"}`, "patch");
        }
      }
    }
    this.otherTraits(site, a.traits, b.traits, (k) => SHAPE_RULES.has(k));
  }

  private errorInfo(site: Site, a: StructureShape, b: StructureShape): void {
    if (!a.error !== !b.error) {
      this.add(site, "major", "ChangedError", b.error ? "is now an @error structure" : "is no longer an @error structure");
      return;
    }
    if (!a.error || !b.error) return;
    if (a.error.httpStatus !== b.error.httpStatus) this.add(site, "major", "ChangedError", `HTTP status changed from ${a.error.httpStatus} to ${b.error.httpStatus}`, "patch");
    if (a.error.fault !== b.error.fault) this.add(site, "minor", "ChangedError", `fault changed from ${a.error.fault} to ${b.error.fault}`);
    if (!same(a.error.retryable, b.error.retryable)) {
      const words = (r?: { throttling: boolean }) => (r ? (r.throttling ? "retryable (throttling)" : "retryable") : "not retryable");
      this.add(site, "minor", "ChangedError", `now ${words(b.error.retryable)} (was ${words(a.error.retryable)})`, "patch");
    }
  }

  private enumValues(a: EnumShape, b: EnumShape): void {
    const va = new Map(a.values.map((v) => [v.name, v]));
    const vb = new Map(b.values.map((v) => [v.name, v]));
    const names = sortedUnion([...va.keys()], [...vb.keys()]);
    const removed = names.filter((n) => !vb.has(n));
    const added = names.filter((n) => !va.has(n));
    const renames = pairUnique(removed, added, (n) => String(va.get(n)!.value), (n) => String(vb.get(n)!.value));
    const at = (name: string): Site => ({ shapeId: b.id, member: name, symbol: `${b.name}.${name}`, scope: "shape" });
    for (const [from, to] of renames) this.add(at(from), "major", "RenamedEnumValue", `constant renamed to ${to} (value ${JSON.stringify(vb.get(to)!.value)} unchanged)`);
    for (const name of removed) if (!renames.has(name)) this.add(at(name), "major", "RemovedEnumValue", `enum value ${JSON.stringify(va.get(name)!.value)} removed`);
    const renamedTo = new Set(renames.values());
    for (const name of added) if (!renamedTo.has(name)) this.add(at(name), "minor", "AddedEnumValue", `enum value ${JSON.stringify(vb.get(name)!.value)} added`);
    for (const name of names) {
      const x = va.get(name);
      const y = vb.get(name);
      if (!x || !y) continue;
      if (x.value !== y.value) this.add(at(name), "major", "ChangedEnumValue", `value changed from ${JSON.stringify(x.value)} to ${JSON.stringify(y.value)}`);
      this.common(at(name), x, y);
    }
  }

  // ---------------------------------------------------------------- members

  private members(a: Shape, b: Shape, usage: Usage): void {
    const ma = new Map(membersOf(a).map((m) => [m.name, m]));
    const mb = new Map(membersOf(b).map((m) => [m.name, m]));
    const names = sortedUnion([...ma.keys()], [...mb.keys()]);
    const removed = names.filter((n) => !mb.has(n));
    const added = names.filter((n) => !ma.has(n));
    const renames = pairUnique(
      removed,
      added,
      (n) => `${ma.get(n)!.target} ${isOptional(ma.get(n)!)}`,
      (n) => `${mb.get(n)!.target} ${isOptional(mb.get(n)!)}`,
    );
    const at = (name: string): Site => ({ shapeId: b.id, member: name, symbol: `${b.name}.${name}`, scope: "shape" });
    for (const [from, to] of renames) this.add(at(from), "major", "RenamedMember", `member removed; looks renamed to ${to} (same type)`);
    for (const name of removed) if (!renames.has(name)) this.add(at(name), "major", "RemovedMember", "member removed");
    const renamedTo = new Set(renames.values());
    for (const name of added) {
      if (renamedTo.has(name)) continue;
      const m = mb.get(name)!;
      if (b.kind === "union") {
        this.add(at(name), "minor", "AddedMember", "union member added");
      } else if (isOptional(m)) {
        this.add(at(name), "minor", "AddedMember", "optional member added");
      } else {
        const severity = sideSeverity(usage, "major", "minor");
        this.add(at(name), severity, "AddedMember", usage.input ? "required member added: callers must now set it" : "required member added");
      }
    }
    for (const name of names) {
      const x = ma.get(name);
      const y = mb.get(name);
      if (x && y) this.member(at(name), b, x, y, usage);
    }
  }

  private member(site: Site, container: Shape, a: Member, b: Member, usage: Usage): void {
    const targetA = this.a.shapeById.get(a.target)!;
    const targetB = this.b.shapeById.get(b.target)!;
    // A trait the member only inherits from its (unchanged) target is reported once, on the target.
    const changed = (trait: string) =>
      !same(a.traits[trait], b.traits[trait]) &&
      !(a.target === b.target && same(a.traits[trait], targetA.traits[trait]) && same(b.traits[trait], targetB.traits[trait]));

    if (a.target !== b.target) {
      if (isSimple(targetA) && isSimple(targetB) && targetA.kind === targetB.kind && targetA.streaming === targetB.streaming) {
        this.add(site, "patch", "ChangedMemberTarget", `target changed from ${a.target} to ${b.target} (same type: ${targetB.kind})`);
      } else {
        this.add(site, "major", "ChangedMemberTarget", `type changed from ${describeTarget(targetA)} to ${describeTarget(targetB)}`);
      }
    }
    if (container.kind === "structure") {
      const optA = isOptional(a);
      const optB = isOptional(b);
      if (optA && !optB) {
        this.add(site, sideSeverity(usage, "major", "minor"), "ChangedNullability", usage.input ? "made required: callers must now set it" : "made required");
      } else if (!optA && optB) {
        this.add(site, sideSeverity(usage, "minor", "major"), "ChangedNullability", usage.output ? "made optional: its TypeScript type now includes undefined" : "made optional");
      } else if (a.required !== b.required) {
        this.add(site, "patch", "ChangedNullability", `@required ${b.required ? "added" : "removed"}; still optional in TypeScript (@clientOptional)`);
      }
    }
    if (!same(a.default, b.default)) {
      if (a.default === undefined) this.add(site, "minor", "ChangedDefault", `default ${JSON.stringify(b.default)} added`, "patch");
      else if (b.default === undefined) this.add(site, "major", "ChangedDefault", `default ${JSON.stringify(a.default)} removed`, "patch");
      else this.add(site, "major", "ChangedDefault", `default changed from ${JSON.stringify(a.default)} to ${JSON.stringify(b.default)}`, "patch");
    }
    if (!same(a.http, b.http)) {
      this.add(site, "major", "ChangedHttpBinding", `HTTP binding changed from ${describeBinding(a)} to ${describeBinding(b)}`, "patch");
    } else if (b.http.location === "body" && a.jsonName !== b.jsonName) {
      this.add(site, "major", "ChangedJsonName", `JSON name changed from "${a.jsonName}" to "${b.jsonName}"`, "patch");
    }
    if (changed(T.timestampFormat) && a.timestampFormat !== b.timestampFormat) {
      this.add(site, "major", "ChangedTimestampFormat", `@timestampFormat changed from ${a.timestampFormat ?? "(default)"} to ${b.timestampFormat ?? "(default)"}`, "patch");
    }
    if (a.idempotencyToken !== b.idempotencyToken) {
      if (b.idempotencyToken) this.add(site, "minor", "ChangedIdempotencyToken", "now an @idempotencyToken: the client fills it in when unset", "patch");
      else this.add(site, "major", "ChangedIdempotencyToken", "no longer an @idempotencyToken: the client stops filling it in", "patch");
    }
    this.constraints(site, usage, a.constraints, b.constraints, changed);
    if (changed(T.sensitive) && a.sensitive !== b.sensitive) this.add(site, "patch", "ChangedSensitive", b.sensitive ? "now @sensitive (redacted from logs)" : "no longer @sensitive");
    if (changed(T.deprecated)) this.add(site, "patch", "ChangedDeprecation", deprecationChange(a.deprecated, b.deprecated));
    if (changed(T.documentation)) this.add(site, "patch", "ChangedDocumentation", docChange(a.documentation, b.documentation));
    this.otherTraits(site, a.traits, b.traits, (k) => MEMBER_RULES.has(k));
  }

  // ------------------------------------------------------------ constraints

  /** Constraints only bind what is sent: narrowing an input is breaking, an output's are documentation. */
  private constraints(site: Site, usage: Usage, a: Constraints, b: Constraints, changed: (trait: string) => boolean = () => true): void {
    if (changed(T.length) && !same(a.length, b.length)) this.bounds(site, usage, "ChangedLengthTrait", "@length", a.length, b.length, 0);
    if (changed(T.range) && !same(a.range, b.range)) this.bounds(site, usage, "ChangedRangeTrait", "@range", a.range, b.range, -Infinity);
    if (changed(T.pattern) && a.pattern !== b.pattern) {
      const what =
        a.pattern === undefined ? `@pattern ${JSON.stringify(b.pattern)} added` : b.pattern === undefined ? `@pattern ${JSON.stringify(a.pattern)} removed` : `@pattern changed from ${JSON.stringify(a.pattern)} to ${JSON.stringify(b.pattern)}`;
      this.add(site, sideSeverity(usage, b.pattern === undefined ? "minor" : "major", "patch"), "ChangedPatternTrait", what, "patch");
    }
    if (changed(T.uniqueItems) && Boolean(a.uniqueItems) !== Boolean(b.uniqueItems)) {
      if (b.uniqueItems) this.add(site, sideSeverity(usage, "major", "patch"), "ChangedUniqueItems", "@uniqueItems added: duplicate items are now rejected", "patch");
      else this.add(site, sideSeverity(usage, "minor", "patch"), "ChangedUniqueItems", "@uniqueItems removed", "patch");
    }
  }

  private bounds(site: Site, usage: Usage, code: ChangeCode, label: string, a: Bounds | undefined, b: Bounds | undefined, floor: number): void {
    // Compared as exact decimal text: a bound beyond 2^53 that moves by one is still a change.
    const floorText = floor === 0 ? "0" : undefined;
    const lower = compareBound(boundOf(b, "min") ?? floorText, boundOf(a, "min") ?? floorText, -1);
    const upper = compareBound(boundOf(b, "max"), boundOf(a, "max"), 1);
    const narrowed = lower > 0 || upper < 0;
    const widened = lower < 0 || upper > 0;
    const how = narrowed ? "narrowed" : widened ? "widened" : "changed";
    const severity = narrowed ? sideSeverity(usage, "major", "patch") : widened ? sideSeverity(usage, "minor", "patch") : "patch";
    this.add(site, severity, code, `${label} ${how} from ${describeBounds(a)} to ${describeBounds(b)}`, "patch");
  }

  // ------------------------------------------------------------------ misc

  /** Documentation and deprecation, shared by every kind of thing that has them. */
  private common(site: Site, a: { documentation?: string; deprecated?: object }, b: { documentation?: string; deprecated?: object }): void {
    if (!same(a.deprecated, b.deprecated)) this.add(site, "patch", "ChangedDeprecation", deprecationChange(a.deprecated, b.deprecated));
    if (a.documentation !== b.documentation) this.add(site, "patch", "ChangedDocumentation", docChange(a.documentation, b.documentation));
  }

  /** Any trait without a dedicated rule: the generated code does not read it, so it is a patch. */
  private otherTraits(site: Site, a: Traits, b: Traits, handled: (trait: string) => boolean): void {
    for (const key of traitKeys(a, b)) {
      if (handled(key) || same(a[key], b[key])) continue;
      this.add(site, "patch", "ChangedTrait", traitChange(key, a, b));
    }
  }
}

type Bounds = { min?: number; max?: number; minText?: string; maxText?: string };

/** A bound as exact decimal text (a `@range` bound a double rounded keeps its text in the IR). */
function boundOf(b: Bounds | undefined, key: "min" | "max"): string | undefined {
  const value = b?.[key];
  return value === undefined ? undefined : (b?.[`${key}Text`] ?? canonicalDecimal(String(value)));
}

/** Compares two bounds; a missing one is unbounded, below (`-1`) or above (`1`) every value. */
function compareBound(x: string | undefined, y: string | undefined, missing: -1 | 1): number {
  if (x === undefined || y === undefined) return x === y ? 0 : x === undefined ? missing : -missing;
  return compareDecimal(x, y);
}

/** The stricter verdict of the directions the shape is used in. */
function sideSeverity(usage: Usage, input: Severity, output: Severity): Severity {
  if (!usage.input && !usage.output) return maxSeverity(input, output);
  let s: Severity = "patch";
  if (usage.input) s = maxSeverity(s, input);
  if (usage.output) s = maxSeverity(s, output);
  return s;
}

function membersOf(shape: Shape): Member[] {
  switch (shape.kind) {
    case "structure":
    case "union":
      return shape.members;
    case "list":
      return [shape.member];
    case "map":
      return [shape.key, shape.value];
    default:
      return [];
  }
}

/** Shapes with a TypeScript declaration of their own (simple shapes, lists and maps are inlined). */
function isDeclared(shape: Shape): boolean {
  return !shape.id.includes("$") && (shape.kind === "structure" || shape.kind === "union" || shape.kind === "enum" || shape.kind === "intEnum");
}

function isSimple(shape: Shape): shape is SimpleShape {
  return !["enum", "intEnum", "list", "map", "structure", "union"].includes(shape.kind);
}

function kindWord(shape: Shape): string {
  if (shape.kind === "structure" && shape.error) return "error structure";
  return shape.kind === "intEnum" ? "intEnum" : shape.kind;
}

function describeTarget(shape: Shape): string {
  return isDeclared(shape) || shape.kind === "list" || shape.kind === "map" ? `${shape.name} (${shape.kind})` : `${shape.kind} (${shape.id})`;
}

function describeBinding(m: Member): string {
  const h = m.http;
  switch (h.location) {
    case "label":
      return `label {${h.name}${h.greedy ? "+" : ""}}`;
    case "query":
      return `query "${h.name}"`;
    case "header":
      return `header "${h.name}"`;
    case "prefixHeaders":
      return `headers prefixed "${h.prefix}"`;
    default:
      return h.location;
  }
}

function describeBounds(b?: Bounds): string {
  if (!b || (b.min === undefined && b.max === undefined)) return "(none)";
  return `${boundOf(b, "min") ?? ""}..${boundOf(b, "max") ?? ""}`;
}

/** What a structure, union or enum holds, without its name: two equal fingerprints suggest a rename. */
function fingerprint(shape: Shape): string | undefined {
  if (shape.kind === "enum" || shape.kind === "intEnum") {
    return shape.values.length ? `${shape.kind}:${canonical(shape.values.map((v) => [v.name, v.value]))}` : undefined;
  }
  if (shape.kind === "structure" || shape.kind === "union") {
    return shape.members.length ? `${shape.kind}:${canonical(shape.members.map((m) => [m.name, m.target, m.required]))}` : undefined;
  }
  return undefined;
}

/** Pairs each `from` with the one `to` sharing its key, when neither side has another candidate. */
function pairUnique(from: string[], to: string[], keyFrom: (x: string) => string | undefined, keyTo: (x: string) => string | undefined): Map<string, string> {
  const group = (xs: string[], key: (x: string) => string | undefined) => {
    const m = new Map<string, string[]>();
    for (const x of xs) {
      const k = key(x);
      if (k !== undefined) m.set(k, [...(m.get(k) ?? []), x]);
    }
    return m;
  };
  const gf = group(from, keyFrom);
  const gt = group(to, keyTo);
  const out = new Map<string, string>();
  for (const [k, xs] of gf) {
    const ys = gt.get(k);
    if (xs.length === 1 && ys?.length === 1) out.set(xs[0]!, ys[0]!);
  }
  return out;
}

function docChange(a?: string, b?: string): string {
  return a === undefined ? "documentation added" : b === undefined ? "documentation removed" : "documentation changed";
}

function deprecationChange(a?: object, b?: object): string {
  const message = (b as { message?: string } | undefined)?.message;
  return a === undefined ? `deprecated${message ? `: ${message}` : ""}` : b === undefined ? "no longer deprecated" : "deprecation notice changed";
}

function traitName(key: string): string {
  return `@${key.startsWith("smithy.api#") ? key.slice("smithy.api#".length) : key}`;
}

function traitChange(key: string, a: Traits, b: Traits): string {
  return `${traitName(key)} ${!(key in a) ? "added" : !(key in b) ? "removed" : "changed"}`;
}

function describeObjectChange(a: object, b: object): string {
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  return sortedUnion(Object.keys(x), Object.keys(y))
    .filter((k) => !same(x[k], y[k]))
    .map((k) => `${k} ${JSON.stringify(x[k]) ?? "(none)"} → ${JSON.stringify(y[k]) ?? "(none)"}`)
    .join(", ");
}

function traitKeys(a: Traits, b: Traits): string[] {
  return sortedUnion(Object.keys(a), Object.keys(b));
}

function sortedUnion(a: string[], b: string[]): string[] {
  return [...new Set([...a, ...b])].sort(compareStrings);
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function compareChanges(x: Change, y: Change): number {
  return (
    severityRank(y.severity) - severityRank(x.severity) ||
    compareStrings(x.shapeId, y.shapeId) ||
    compareStrings(x.member ?? "", y.member ?? "") ||
    compareStrings(x.code, y.code) ||
    compareStrings(x.message, y.message)
  );
}

/** JSON with sorted object keys: equal values give equal strings. */
function canonical(value: unknown): string {
  if (value === undefined) return "undefined";
  return JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>)
            // A number the model wrote beyond a double's precision compares by its exact text.
            .map(([p, x]) => [p, typeof x === "number" && exactNumber(v, p) !== undefined ? `\u0000${exactNumber(v, p)}` : x])
            .sort(([p], [q]) => compareStrings(p as string, q as string)),
        )
      : v,
  );
}

function same(a: unknown, b: unknown): boolean {
  return a === b || canonical(a) === canonical(b);
}
