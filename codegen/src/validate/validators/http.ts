/**
 * HTTP binding validators: the `@http` URI (format, greedy labels, conflicts
 * within a service), labels, query and header bindings, payloads, response
 * codes and method semantics, and `@endpoint` host prefixes.
 */
import { type Context, has, operationInput, ref, refs, trait } from "../context.js";
import { translatePattern } from "../../load/regex.js";
import { isObject, type VMember, type VShape } from "../model.js";

interface Segment {
  literal?: string;
  label?: string;
  greedy?: boolean;
}

interface ParsedUri {
  uri: string;
  segments: Segment[];
  query: [string, string | undefined][];
}

/** Parses an `@http` uri; undefined (with an event) when it is not a valid pattern. */
function parseUri(ctx: Context, opId: string, uri: string): ParsedUri | undefined {
  const fail = (eventId: string, message: string) => {
    ctx.error(eventId, opId, message);
    return undefined;
  };
  // Outside US-ASCII the pattern cannot be written to the wire unescaped.
  if (/[^\x20-\x7e]/.test(uri)) return fail("HttpUriFormat", `@http trait \`uri\` is invalid: ${uri}`);
  if (!uri.startsWith("/")) return fail("Model", `Error creating trait \`http\`: URI pattern must start with "/": ${uri}`);
  if (uri.includes("#")) return fail("Model", `Error creating trait \`http\`: URI pattern must not contain a fragment: ${uri}`);
  const q = uri.indexOf("?");
  const path = q < 0 ? uri : uri.slice(0, q);
  const queryString = q < 0 ? "" : uri.slice(q + 1);
  const segments: Segment[] = [];
  const raw = path.slice(1);
  if (raw !== "") {
    // A trailing slash is allowed (it is part of the path); empty segments elsewhere are not.
    const parts = raw.split("/");
    if (parts.length > 1 && parts[parts.length - 1] === "") parts.pop();
    for (const part of parts) {
      if (part === "") return fail("Model", `Error creating trait \`http\`: Segments must not be empty: ${uri}`);
      const m = /^\{([A-Za-z0-9_]+)(\+)?\}$/.exec(part);
      if (m) segments.push({ label: m[1]!, greedy: m[2] === "+" });
      else if (/[{}]/.test(part)) return fail("Model", `Error creating trait \`http\`: Invalid label segment \`${part}\`: ${uri}`);
      else segments.push({ literal: part });
    }
  }
  const seen = new Set<string>();
  for (const s of segments) {
    if (!s.label) continue;
    if (seen.has(s.label.toLowerCase())) return fail("Model", `Error creating trait \`http\`: Duplicate label \`${s.label}\`: ${uri}`);
    seen.add(s.label.toLowerCase());
  }
  const query: [string, string | undefined][] = [];
  if (queryString !== "") {
    for (const part of queryString.split("&")) {
      if (part === "") continue;
      if (/[{}]/.test(part)) return fail("Model", `Error creating trait \`http\`: URI query literals must not contain labels: ${uri}`);
      const eq = part.indexOf("=");
      query.push(eq < 0 ? [part, undefined] : [part.slice(0, eq), part.slice(eq + 1)]);
    }
  }
  return { uri, segments, query };
}

/** The operations bound to each service, directly or through resources. */
export function serviceOperations(ctx: Context, service: VShape): VShape[] {
  const out = new Map<string, VShape>();
  const seenResources = new Set<string>();
  const visitResource = (id: string) => {
    if (seenResources.has(id)) return;
    seenResources.add(id);
    const r = ctx.model.shapes.get(id);
    if (!r || r.type !== "resource") return;
    for (const rel of ["create", "put", "read", "update", "delete", "list"]) {
      const op = ref(r.props[rel]);
      if (op) addOp(op);
    }
    for (const op of refs(r.props.operations)) addOp(op);
    for (const op of refs(r.props.collectionOperations)) addOp(op);
    for (const child of refs(r.props.resources)) visitResource(child);
  };
  const addOp = (id: string) => {
    const op = ctx.model.shapes.get(id);
    if (op && op.type === "operation") out.set(id, op);
  };
  for (const op of refs(service.props.operations)) addOp(op);
  for (const r of refs(service.props.resources)) visitResource(r);
  return [...out.values()];
}

const BINDINGS = ["httpLabel", "httpQuery", "httpQueryParams", "httpHeader", "httpPrefixHeaders", "httpPayload", "httpResponseCode"];

export function http(ctx: Context): void {
  const { model } = ctx;
  const parsed = new Map<string, ParsedUri>();
  for (const op of model.own()) {
    if (op.type !== "operation") continue;
    const h = trait<{ method?: unknown; uri?: unknown; code?: unknown }>(op, "http");
    if (!isObject(h)) continue;
    if (typeof h.uri !== "string" || typeof h.method !== "string") {
      ctx.error("Model", op.id, "Error creating trait `http`: `method` and `uri` must be strings");
      continue;
    }
    const uri = parseUri(ctx, op.id, h.uri);
    if (!uri) continue;
    parsed.set(op.id, uri);
    checkGreedy(ctx, op, uri);
    checkLabels(ctx, op, uri);
    checkQueryLiterals(ctx, op, uri);
    checkMethod(ctx, op, h.method);
    const code = typeof h.code === "number" ? h.code : 200;
    if (code < 200 || code > 299) ctx.emit("DANGER", "HttpResponseCodeSemantics", op.id, `Expected an \`http\` code in the 2xx range, but found ${code}`);
  }
  for (const op of model.own()) if (op.type === "operation") checkHostPrefix(ctx, op);
  for (const shape of model.own()) {
    if (shape.type === "structure") {
      checkEventPayload(ctx, shape);
      checkHeaders(ctx, shape);
      checkQueryParams(ctx, shape);
      const httpError = trait<unknown>(shape, "httpError");
      const error = trait<unknown>(shape, "error");
      if (typeof httpError === "number" && (error === "client" || error === "server")) {
        const [lo, label] = error === "client" ? [400, "4xx"] : [500, "5xx"];
        if (httpError < lo || httpError > lo + 99) ctx.emit("DANGER", "HttpResponseCodeSemantics", shape.id, `Expected an \`httpError\` code in the ${label} range for a \`${error}\` error, but found ${httpError}`);
      }
    }
  }
  // Conflicting routes within each service.
  for (const service of model.own()) {
    if (service.type !== "service") continue;
    const ops = serviceOperations(ctx, service).filter((op) => parsed.has(op.id));
    ops.sort((a, b) => (a.id < b.id ? -1 : 1));
    // Only routes with the same method and the same shape of path (literals and label positions) can
    // conflict; routes with a greedy label are compared with every route of their method.
    const buckets = new Map<string, VShape[]>();
    const keyOf = (op: VShape) => {
      const method = trait<{ method: string }>(op, "http")!.method.toUpperCase();
      const segments = parsed.get(op.id)!.segments;
      return segments.some((s) => s.greedy) ? `${method} greedy` : `${method} ${segments.map((s) => (s.label ? "{}" : s.literal)).join("/")}`;
    };
    for (const op of ops) {
      const key = keyOf(op);
      const list = buckets.get(key);
      if (list) list.push(op);
      else buckets.set(key, [op]);
    }
    for (const op of ops) {
      const key = keyOf(op);
      const method = key.slice(0, key.indexOf(" "));
      const candidates = key.endsWith(" greedy") ? ops : [...(buckets.get(key) ?? []), ...(buckets.get(`${method} greedy`) ?? [])];
      const conflicts = candidates.filter((other) => other !== op && conflictsWith(ctx, op, other, parsed)).sort((a, b) => (a.id < b.id ? -1 : 1));
      if (conflicts.length) {
        ctx.error(
          "HttpUriConflict",
          op.id,
          `Operation URI, \`${parsed.get(op.id)!.uri}\`, conflicts with other operation URIs in the same service: [${conflicts.map((c) => `\`${c.id}\` (${parsed.get(c.id)!.uri})`).join(", ")}]`,
        );
      }
    }
    checkBindingsMissing(ctx, service);
  }
}

function checkGreedy(ctx: Context, op: VShape, uri: ParsedUri): void {
  const greedy = uri.segments.filter((s) => s.greedy);
  if (greedy.length > 1) ctx.emit("DANGER", "HttpUriGreedyLabel.MultipleGreedyLabels", op.id, `At most one greedy label segment may exist in a pattern: ${uri.uri}`);
  const labels = uri.segments.filter((s) => s.label);
  if (greedy.some((g) => g !== labels[labels.length - 1])) {
    ctx.emit("DANGER", "HttpUriGreedyLabel.GreedyLabelIsNotLastLabel", op.id, `A greedy label must be the last label in its pattern: ${uri.uri}`);
  }
}

/** Smithy's HttpLabelTraitValidator: every uri label has a `@httpLabel` member and the reverse; greedy labels are strings. */
function checkLabels(ctx: Context, op: VShape, uri: ParsedUri): void {
  const input = operationInput(ctx.model, op);
  const labels = uri.segments.filter((s) => s.label);
  const members = input ? [...input.members.values()] : [];
  const labelled = new Map(members.filter((m) => has(m, "httpLabel")).map((m) => [m.name, m]));
  const missing = labels.filter((s) => !labelled.has(s.label!)).map((s) => `\`${s.label}\``);
  if (missing.length) {
    ctx.error("HttpLabelTrait", op.id, `This operation uses \`${input?.id ?? "smithy.api#Unit"}\` as input, but the following URI labels found in the operation's \`http\` trait do not have a corresponding member marked with the \`httpLabel\` trait: ${missing.join(", ")}`);
  }
  for (const m of labelled.values()) {
    const segment = labels.find((s) => s.label === m.name);
    if (!segment) {
      ctx.error("HttpLabelTrait", m.id, `This \`${m.name}\` structure member is marked with the \`httpLabel\` trait, but no corresponding \`http\` URI label could be found when used as the input of the \`${op.id}\` operation.`);
      continue;
    }
    const target = ctx.model.target(m);
    if (segment.greedy && target && target.type !== "string" && target.type !== "enum") {
      ctx.error("HttpLabelTrait", m.id, `The \`${m.name}\` structure member corresponds to a greedy label when used as the input of the \`${op.id}\` operation. This member targets (${target.type}: \`${target.id}\`), but greedy labels must target string shapes.`);
    }
  }
}

function checkQueryLiterals(ctx: Context, op: VShape, uri: ParsedUri): void {
  const input = operationInput(ctx.model, op);
  if (!input) return;
  const literals = new Set(uri.query.map(([k]) => k));
  for (const m of input.members.values()) {
    const name = trait<unknown>(m, "httpQuery");
    if (typeof name === "string" && literals.has(name)) {
      ctx.error("HttpQueryTrait", input.id, `\`httpQuery\` name \`${name}\` conflicts with the \`http\` trait of the \`${op.id}\` operation: \`${uri.uri}\``);
    }
  }
}

/** Smithy's HttpMethodSemanticsValidator (the payload part, which affects generated requests). */
function checkMethod(ctx: Context, op: VShape, method: string): void {
  const upper = method.toUpperCase();
  if (!["GET", "DELETE", "HEAD", "OPTIONS", "TRACE"].includes(upper)) return;
  const input = operationInput(ctx.model, op);
  if (!input) return;
  const members = [...input.members.values()];
  // A member with conflicting bindings is reported as a conflict, not as a payload.
  const payload = members.find((m) => has(m, "httpPayload") && BINDINGS.filter((b) => has(m, b)).length === 1);
  if (payload) {
    ctx.emit(
      "DANGER",
      "HttpMethodSemantics.UnexpectedPayload",
      op.id,
      `This operation uses the \`${upper}\` method in the \`http\` trait, but the \`${payload.name}\` member is sent as the payload of the request because it is marked with the \`httpPayload\` trait. Many HTTP clients do not support payloads with ${upper} requests. Consider binding this member to other parts of the HTTP request such as a query string parameter using the \`httpQuery\` trait, a header using the \`httpHeader\` trait, or a path segment using the \`httpLabel\` trait.`,
    );
    return;
  }
  const body = members.filter((m) => !BINDINGS.some((b) => has(m, b))).map((m) => m.name).sort();
  if (body.length) {
    ctx.emit(
      "DANGER",
      "HttpMethodSemantics.UnexpectedPayload",
      op.id,
      `This operation uses the \`${upper}\` method in the \`http\` trait, but the following members are sent as part of the payload of the request: ${body.map((n) => `\`${n}\``).join(", ")}. These members are sent as part of the payload because they are not explicitly configured to be sent in headers, in the query string, or in a URI segment. Many HTTP clients do not support payloads with ${upper} requests. Consider binding these members to other parts of the HTTP request such as query string parameters using the \`httpQuery\` trait, headers using the \`httpHeader\` trait, or URI segments using the \`httpLabel\` trait.`,
    );
  }
}

const RESTRICTED_HEADERS = new Set(["authorization", "connection", "content-length", "expect", "host", "max-forwards", "proxy-authenticate", "server", "te", "trailer", "transfer-encoding", "upgrade", "user-agent", "www-authenticate", "x-forwarded-for"]);

/** Smithy's HttpHeaderTraitValidator and HttpPrefixHeadersTraitValidator. */
function checkHeaders(ctx: Context, shape: VShape): void {
  const byName = new Map<string, string[]>();
  const prefixes: [VMember, string][] = [];
  for (const m of shape.members.values()) {
    const prefix = trait<unknown>(m, "httpPrefixHeaders");
    // An empty prefix binds every header not bound otherwise; it conflicts with none.
    if (typeof prefix === "string" && prefix !== "") prefixes.push([m, prefix.toLowerCase()]);
  }
  for (const m of shape.members.values()) {
    const name = trait<unknown>(m, "httpHeader");
    if (typeof name !== "string") continue;
    const key = name.toLowerCase();
    if (name === "" || !/^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/.test(name)) ctx.error("HttpHeaderTrait", m.id, `\`${name}\` is not a valid HTTP header field name`);
    else if (RESTRICTED_HEADERS.has(key)) ctx.emit("DANGER", "HttpHeaderTrait", m.id, `\`${name}\` is not an allowed HTTP header binding`);
    const list = byName.get(key);
    if (list) list.push(m.name);
    else byName.set(key, [m.name]);
    for (const [pm, prefix] of prefixes) {
      if (key.startsWith(prefix)) {
        ctx.error("HttpPrefixHeadersTrait", m.id, `\`httpHeader\` binding of \`${key}\` conflicts with the \`httpPrefixHeaders\` binding of \`${pm.id}\` to \`${prefix}\`. \`httpHeader\` bindings must not case-insensitively start with any \`httpPrefixHeaders\` bindings.`);
      }
    }
  }
  for (const [key, names] of byName) {
    if (names.length > 1) ctx.error("HttpHeaderTrait", shape.id, `\`httpHeader\` field name binding conflicts found for the \`${key}\` header in the following structure members: ${names.sort().map((n) => `\`${n}\``).join(", ")}`);
  }
}

function checkQueryParams(ctx: Context, shape: VShape): void {
  const byName = new Map<string, string[]>();
  for (const m of shape.members.values()) {
    const name = trait<unknown>(m, "httpQuery");
    if (typeof name !== "string") continue;
    if (name === "") ctx.error("HttpQueryTrait", m.id, "`httpQuery` name must not be empty");
    const list = byName.get(name);
    if (list) list.push(m.name);
    else byName.set(name, [m.name]);
  }
  for (const [name, names] of byName) {
    if (names.length > 1) ctx.error("HttpQueryTrait", shape.id, `\`httpQuery\` parameter name binding conflicts found for the \`${name}\` parameter in the following structure members: ${names.sort().map((n) => `\`${n}\``).join(", ")}`);
  }
}

/**
 * Smithy's HttpUriConflictValidator: same method, and paths whose segments
 * are equivalent (literals equal, labels in the same places) with no query
 * literal telling them apart.
 */
function conflictsWith(ctx: Context, a: VShape, b: VShape, parsed: Map<string, ParsedUri>): boolean {
  const ha = trait<{ method: string }>(a, "http")!;
  const hb = trait<{ method: string }>(b, "http")!;
  if (ha.method.toUpperCase() !== hb.method.toUpperCase()) return false;
  const pa = parsed.get(a.id)!;
  const pb = parsed.get(b.id)!;
  if (!segmentsConflict(pa.segments, pb.segments)) return false;
  // Distinct query literals make the routes distinguishable.
  const qa = new Map(pa.query);
  const qb = new Map(pb.query);
  for (const [k, v] of qa) if (qb.has(k) && qb.get(k) !== v) return false;
  const onlyA = [...qa.keys()].some((k) => !qb.has(k));
  const onlyB = [...qb.keys()].some((k) => !qa.has(k));
  if (onlyA || onlyB) {
    // A literal only one route has distinguishes them unless the other binds that name with @httpQuery.
    const queryNames = (op: VShape) => new Set([...(operationInput(ctx.model, op)?.members.values() ?? [])].map((m) => trait<string>(m, "httpQuery")).filter(Boolean));
    const namesA = queryNames(a);
    const namesB = queryNames(b);
    const distinguishing = [...qa.keys()].filter((k) => !qb.has(k) && !namesB.has(k)).length + [...qb.keys()].filter((k) => !qa.has(k) && !namesA.has(k)).length;
    if (distinguishing > 0) return false;
  }
  return hostPrefixesConflict(ctx, a, b);
}

/** Operations with different `@endpoint` host prefixes are told apart by host, unless a label could expand to the other's literal. */
function hostPrefixesConflict(ctx: Context, a: VShape, b: VShape): boolean {
  const prefix = (op: VShape) => {
    const e = trait<unknown>(op, "endpoint");
    return isObject(e) && typeof e.hostPrefix === "string" ? e.hostPrefix : undefined;
  };
  const pa = prefix(a);
  const pb = prefix(b);
  if (pa === pb) return true;
  if (pa === undefined || pb === undefined) return false;
  const could = (labelled: VShape, template: string, literal: string) => {
    if (!template.includes("{")) return false;
    const input = operationInput(ctx.model, labelled);
    let source = "";
    for (const part of template.split(/(\{[^}]+\})/)) {
      const label = /^\{([^}]+)\}$/.exec(part)?.[1];
      if (!label) {
        source += part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
        continue;
      }
      const member = input?.members.get(label);
      const pattern = member ? (trait<unknown>(member, "pattern") ?? trait<unknown>(ctx.model.target(member), "pattern")) : undefined;
      const translated = typeof pattern === "string" ? translatePattern(pattern) : undefined;
      if (translated?.ok) {
        // The label must match its pattern as a whole label: test the literal's candidate separately below.
        source += `(?<${label}>[^.]+)`;
        labelPatterns.set(label, translated.source);
      } else source += "[^.]+";
    }
    const m = new RegExp(`^${source}$`, "u").exec(literal);
    if (!m) return false;
    for (const [label, p] of labelPatterns) if (m.groups?.[label] !== undefined && !new RegExp(p, "u").test(m.groups[label]!)) return false;
    return true;
  };
  const labelPatterns = new Map<string, string>();
  return could(a, pa, pb) || could(b, pb, pa);
}

function segmentsConflict(a: Segment[], b: Segment[]): boolean {
  const greedyA = a.findIndex((s) => s.greedy);
  const greedyB = b.findIndex((s) => s.greedy);
  if (greedyA < 0 && greedyB < 0) {
    if (a.length !== b.length) return false;
    return a.every((s, i) => {
      const t = b[i]!;
      if (s.literal !== undefined && t.literal !== undefined) return s.literal === t.literal;
      return s.label !== undefined && t.label !== undefined;
    });
  }
  if (greedyA >= 0 && greedyB >= 0) {
    if (greedyA !== greedyB || a.length !== b.length) return false;
    return a.every((s, i) => (s.literal !== undefined ? s.literal === b[i]!.literal : b[i]!.label !== undefined));
  }
  return false;
}

/** Smithy's HttpBindingsMissingValidator: a protocol that needs `@http` gets it on every operation. */
function checkBindingsMissing(ctx: Context, service: VShape): void {
  const protocols = Object.keys(service.traits).filter((t) => {
    const def = ctx.model.shapes.get(t);
    const protocol = def?.traits["smithy.api#protocolDefinition"];
    return isObject(protocol) ? (protocol.traits as unknown[] | undefined)?.includes("smithy.api#http") === true : t === "aws.protocols#restJson1" || t === "aws.protocols#restXml";
  });
  if (!protocols.length) return;
  const ops = serviceOperations(ctx, service);
  for (const op of ops.sort((a, b) => (a.id < b.id ? -1 : 1))) {
    if (has(op, "http")) continue;
    ctx.error("HttpBindingsMissing", op.id, `The \`${protocols[0]}\` protocol requires all operations in the \`${service.id}\` service define the \`http\` trait, but this operation is missing the \`http\` trait.`);
  }
}

/** Smithy's HostLabelTraitValidator: `@endpoint` host prefixes expand to valid hosts, with a `@hostLabel` member per label. */
function checkHostPrefix(ctx: Context, op: VShape): void {
  const endpoint = trait<unknown>(op, "endpoint");
  if (!isObject(endpoint) || typeof endpoint.hostPrefix !== "string") return;
  const prefix = endpoint.hostPrefix;
  const labels = [...prefix.matchAll(/\{([^}]*)\}/g)].map((m) => m[1]!);
  const input = operationInput(ctx.model, op);
  const hostLabels = new Set([...(input?.members.values() ?? [])].filter((m) => has(m, "hostLabel")).map((m) => m.name));
  const missing = labels.filter((l) => !hostLabels.has(l));
  if (missing.length) {
    ctx.error("HostLabelTrait", op.id, `This operation uses ${input?.id ?? "smithy.api#Unit"} as input, but the following host labels found in the operation's \`endpoint\` trait do not have a corresponding member marked with the \`hostLabel\` trait: ${missing.map((l) => `\`${l}\``).join(", ")}`);
  }
  const expanded = prefix.replace(/\{[^}]*\}/g, "foo");
  // The prefix is prepended to the endpoint's host, so it is checked with a host after it.
  const host = `${expanded}example.com`;
  const valid = host.split(".").every((part) => /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/.test(part));
  if (!valid) ctx.error("HostLabelTrait", op.id, `The \`endpoint\` trait hostPrefix, ${prefix}, could not expand in to a valid RFC 3986 host: ${expanded}`);
  if (labels.length && !prefix.endsWith(".")) {
    ctx.emit("DANGER", "HostLabelTrait", op.id, "`endpoint` trait hostPrefix contains host labels and does not end in a period (`.`). This can result in clients inadvertently sending data to domains you do not control.");
  }
}

/** Smithy's EventPayloadTraitValidator: beside an `@eventPayload` member, every member is an `@eventHeader`. */
function checkEventPayload(ctx: Context, shape: VShape): void {
  const members = [...shape.members.values()];
  if (!members.some((m) => has(m, "eventPayload"))) return;
  const loose = members.filter((m) => !has(m, "eventPayload") && !has(m, "eventHeader")).map((m) => m.name).sort();
  if (loose.length) {
    ctx.error("EventPayloadTrait", shape.id, `This event structure contains a member marked with the \`eventPayload\` trait, so all other members must be marked with the \`eventHeader\` trait. However, the following member(s) are not marked with the eventHeader trait: ${loose.map((n) => `\`${n}\``).join(", ")}`);
  }
}
