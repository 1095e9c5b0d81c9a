/**
 * Service-level validators: closure name conflicts and `rename`, single
 * bindings of operations and resources, resource identifiers and lifecycle
 * operations, pagination, idempotency, auth, private access, JSON names and
 * streams.
 */
import { type Context, has, operationInput, operationOutput, ref, refMap, refs, trait } from "../context.js";
import { isObject, type VMember, type VShape } from "../model.js";
import { neighbors } from "../selector.js";

/** Every shape reachable from `root` (members' targets, operations, resources, errors, ...; not traits). */
export function closure(ctx: Context, root: VShape): Set<VShape> {
  const out = new Set<VShape>([root]);
  const queue: VShape[] = [root];
  while (queue.length) {
    const shape = queue.pop()!;
    for (const [, next] of neighbors(ctx.model, shape)) {
      const target = next.kind === "member" ? ctx.model.target(next) : next;
      if (target && !out.has(target)) {
        out.add(target);
        queue.push(target);
      }
    }
  }
  return out;
}

/** Smithy's ServiceValidator: names unique (ignoring case and namespace) in the closure, after `rename`. */
export function serviceClosures(ctx: Context): void {
  for (const service of ctx.model.own()) {
    if (service.type !== "service") continue;
    const shapes = closure(ctx, service);
    const rename = isObject(service.props.rename) ? (service.props.rename as Record<string, string>) : {};
    for (const [from, to] of Object.entries(rename).sort()) {
      const shape = ctx.model.shapes.get(from);
      if (!shape || !shapes.has(shape)) {
        ctx.error("Service", service.id, `Service attempts to rename a shape not in the service: ${from}`);
        continue;
      }
      if (["operation", "resource", "service"].includes(shape.type)) {
        ctx.error("Service", service.id, `Service attempts to rename a ${shape.type} shape from \`${from}\` to "${to}"; ${shape.type}s cannot be renamed`);
        continue;
      }
      if (from.split("#")[1] === to) ctx.error("Service", service.id, `Service rename for \`${from}\` does not actually change the name from \`${to}\``);
      else if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(to)) ctx.error("Service", service.id, `Service rename for \`${from}\` is not a valid shape name: "${to}"`);
    }
    const byName = new Map<string, VShape[]>();
    for (const shape of shapes) {
      if (shape.prelude) continue;
      const name = (rename[shape.id] ?? shape.id.split("#")[1]!).toLowerCase();
      const list = byName.get(name);
      if (list) list.push(shape);
      else byName.set(name, [shape]);
    }
    for (const list of byName.values()) {
      if (list.length < 2) continue;
      for (const shape of list) {
        const others = list.filter((o) => o !== shape && conflicting(ctx, shape, o));
        if (!others.length) continue;
        ctx.error(
          "Service",
          shape.id,
          `Shape name \`${shape.id}\` conflicts with ${others.map((o) => `\`${o.id}\``).join(", ")} in the \`${service.id}\` service closure. Shapes in the closure of a service must have case-insensitively unique names regardless of their namespaces. Use the \`rename\` property of the service to disambiguate shape names.`,
        );
      }
    }
  }
}

/**
 * Two shapes that would generate the same thing do not conflict: simple shapes
 * of one type with the same traits, and lists or maps whose members do not conflict.
 */
function conflicting(ctx: Context, a: VShape, b: VShape, depth = 0): boolean {
  if (a === b) return false;
  if (a.type !== b.type || depth > 8 || JSON.stringify(a.traits) !== JSON.stringify(b.traits)) return true;
  // Only simple shapes and lists are deduplicated by name; maps and aggregates always conflict.
  if (["structure", "union", "service", "operation", "resource", "enum", "intEnum", "map"].includes(a.type)) return true;
  for (const [name, m] of a.members) {
    const other = b.members.get(name);
    if (!other || JSON.stringify(m.traits) !== JSON.stringify(other.traits)) return true;
    const ta = ctx.model.target(m);
    const tb = ctx.model.target(other);
    if (!ta || !tb || conflicting(ctx, ta, tb, depth + 1)) return true;
  }
  return a.members.size !== b.members.size;
}

/** Smithy's SingleOperationBindingValidator and SingleResourceBindingValidator. */
export function singleBindings(ctx: Context): void {
  for (const service of ctx.model.own()) {
    if (service.type !== "service") continue;
    const opBinders = new Map<string, VShape[]>();
    const resBinders = new Map<string, VShape[]>();
    const add = (map: Map<string, VShape[]>, id: string, binder: VShape) => {
      const list = map.get(id);
      if (list) {
        if (!list.includes(binder)) list.push(binder);
      } else map.set(id, [binder]);
    };
    const seen = new Set<string>();
    const visit = (container: VShape) => {
      if (seen.has(container.id)) return;
      seen.add(container.id);
      const ops = container.type === "service" ? refs(container.props.operations) : [...refs(container.props.operations), ...refs(container.props.collectionOperations), ...["create", "put", "read", "update", "delete", "list"].map((r) => ref(container.props[r])).filter((x): x is string => !!x)];
      for (const op of ops) add(opBinders, op, container);
      for (const r of refs(container.props.resources)) {
        add(resBinders, r, container);
        const res = ctx.model.shapes.get(r);
        if (res?.type === "resource") visit(res);
      }
    };
    visit(service);
    for (const [op, binders] of [...opBinders].sort()) {
      if (binders.length < 2) continue;
      const list = binders.map((b) => `(${b.type}: \`${b.id}\`)`).sort();
      ctx.error("SingleOperationBinding", op, `An operation can appear only once in an entire service closure. This operation is illegally bound into the \`${service.id}\` service closure from multiple shapes: ${list.join(", ")}`);
    }
    for (const [res, binders] of [...resBinders].sort()) {
      if (binders.length < 2) continue;
      ctx.error("SingleResourceBinding", res, `A resource can appear only once in an entire service closure. This resource is illegally bound into the \`${service.id}\` service closure from multiple shapes: [${binders.map((b) => `\`${b.id}\``).sort().join(", ")}]`);
    }
  }
}

const LIFECYCLE: [string, { readonly?: boolean; idempotent?: boolean; instance: boolean }][] = [
  ["create", { readonly: false, instance: false }],
  ["put", { readonly: false, idempotent: true, instance: true }],
  ["read", { readonly: true, instance: true }],
  ["update", { readonly: false, instance: true }],
  ["delete", { readonly: false, idempotent: true, instance: true }],
  ["list", { readonly: true, instance: false }],
];

/** Resource identifiers, parents, lifecycle operations and identifier bindings of bound operations. */
export function resources(ctx: Context): void {
  const { model } = ctx;
  for (const resource of model.own()) {
    if (resource.type !== "resource") continue;
    const ids = new Map(refMap(resource.props.identifiers));
    const props = refMap(resource.props.properties);
    for (const [name] of props) {
      for (const id of ids.keys()) {
        if (id.toLowerCase() === name.toLowerCase()) ctx.error("ResourceIdentifier", resource.id, `Resource identifier \`${id}\` cannot also be a resource property`);
      }
    }
    // Children carry their parent's identifiers, with the same targets.
    for (const childId of refs(resource.props.resources)) {
      const child = model.shapes.get(childId);
      if (child?.type !== "resource") continue;
      const childIds = new Map(refMap(child.props.identifiers));
      const missing = [...ids.keys()].filter((k) => !childIds.has(k));
      if (missing.length) {
        ctx.error("ResourceIdentifier", child.id, `This resource is bound as a child of \`${resource.id}\`, but it is invalid because its \`identifiers\` property is missing the following identifiers that are defined in \`${resource.id}\`: [${missing.join(", ")}]`);
      }
      for (const [k, target] of ids) {
        const other = childIds.get(k);
        if (other !== undefined && other !== target) {
          ctx.error("ResourceIdentifier", child.id, `The \`identifiers\` property of this resource is incompatible with its binding to \`${resource.id}\`: expected the \`${k}\` member to target \`${target}\`, but found a target of \`${other}\``);
        }
      }
    }
    for (const [rel, rule] of LIFECYCLE) {
      const opId = ref(resource.props[rel]);
      const op = opId ? model.shapes.get(opId) : undefined;
      if (!op || op.type !== "operation") continue;
      const readonly = has(op, "readonly");
      if (rule.idempotent && !has(op, "idempotent")) ctx.error("ResourceLifecycle", resource.id, `The \`${rel}\` lifecycle operation of this resource targets an invalid operation, \`${op.id}\`. The targeted operation must be marked as idempotent.`);
      if (rule.readonly === true && !readonly) ctx.error("ResourceLifecycle", resource.id, `The \`${rel}\` lifecycle operation of this resource targets an invalid operation, \`${op.id}\`. The targeted operation must be marked with the readonly trait.`);
      if (rule.readonly === false && readonly) ctx.error("ResourceLifecycle", resource.id, `The \`${rel}\` lifecycle operation of this resource targets an invalid operation, \`${op.id}\`. The targeted operation must not be marked with the readonly trait.`);
    }
    // Identifier bindings of the operations bound to the resource.
    const instanceOps = [...refs(resource.props.operations), ...LIFECYCLE.filter(([, r]) => r.instance).map(([rel]) => ref(resource.props[rel])).filter((x): x is string => !!x)];
    const collectionOps = [...refs(resource.props.collectionOperations), ...LIFECYCLE.filter(([, r]) => !r.instance).map(([rel]) => ref(resource.props[rel])).filter((x): x is string => !!x)];
    const allIds = [...ids.keys()];
    const parentIds = new Map<string, string>();
    for (const parent of parentsOf(ctx, resource.id)) for (const [k, v] of refMap(parent.props.identifiers)) if (!parentIds.has(k)) parentIds.set(k, parent.id);
    for (const opId of new Set(collectionOps)) {
      const op = model.shapes.get(opId);
      if (op?.type !== "operation") continue;
      const bound = boundIdentifiers(ctx, op, ids);
      const byParent = new Map<string, string[]>();
      for (const [k, parent] of parentIds) {
        if (bound.has(k)) continue;
        const list = byParent.get(parent);
        if (list) list.push(k);
        else byParent.set(parent, [k]);
      }
      for (const [parent, missing] of byParent) {
        ctx.error("ResourceIdentifierBinding", op.id, `This operation is bound to the \`${resource.id}\` resource, which is a child of the \`${parent}\` resource, and it is missing the following resource identifier bindings of \`${parent}\`: [${missing.map((m) => `\`${m}\``).join(", ")}]`);
      }
    }
    for (const opId of new Set(collectionOps)) {
      const op = model.shapes.get(opId);
      if (op?.type !== "operation") continue;
      const bound = boundIdentifiers(ctx, op, ids);
      if (allIds.length > 0 && allIds.every((id) => bound.has(id))) {
        ctx.error("ResourceIdentifierBinding", op.id, `This operation is bound as a collection operation on the \`${resource.id}\` resource, but it improperly binds all of the identifiers of the resource to members of the operation input.`);
      }
    }
    for (const opId of new Set(instanceOps)) {
      const op = model.shapes.get(opId);
      if (op?.type !== "operation") continue;
      const bound = boundIdentifiers(ctx, op, ids);
      const missing = allIds.filter((id) => !bound.has(id));
      if (missing.length) {
        ctx.error(
          "ResourceIdentifierBinding",
          op.id,
          `This operation does not form a valid instance operation when bound to resource \`${resource.id}\`. All of the identifiers of the resource were not implicitly or explicitly bound to the input of the operation. Expected the following identifier bindings: [${allIds.map((i) => `\`${i}\``).join(", ")}]. Found the following identifier bindings: [${[...bound.keys()].map((i) => `\`${i}\``).join(", ")}]`,
        );
      }
    }
    for (const op of [...new Set([...instanceOps, ...collectionOps])].map((id) => model.shapes.get(id)).filter((o): o is VShape => o?.type === "operation")) {
      const input = operationInput(model, op);
      if (!input) continue;
      const byId = new Map<string, string[]>();
      const explicitIds = new Set([...input.members.values()].map((m) => trait<unknown>(m, "resourceIdentifier")).filter((v): v is string => typeof v === "string"));
      for (const m of input.members.values()) {
        const explicit = trait<unknown>(m, "resourceIdentifier");
        // An explicit @resourceIdentifier replaces the implicit binding by member name.
        const name = typeof explicit === "string" ? explicit : ids.has(m.name) && !explicitIds.has(m.name) ? m.name : undefined;
        if (!name) continue;
        const list = byId.get(name);
        if (list) list.push(m.name);
        else byId.set(name, [m.name]);
      }
      for (const [name, members] of byId) {
        if (members.length > 1) ctx.error("ResourceIdentifierBinding", input.id, `Conflicting resource identifier member bindings found for identifier '${name}' between members: ${members.sort().map((m) => `'${m}'`).join(", ")}`);
      }
    }
  }
}

/** Smithy's ReferencesTraitValidator. */
export function references(ctx: Context): void {
  for (const shape of ctx.model.own()) {
    const value = shape.traits["smithy.api#references"];
    if (!Array.isArray(value)) continue;
    for (const r of value) {
      if (!isObject(r) || typeof r.resource !== "string") continue;
      const text = `Reference${JSON.stringify(r)}`;
      const ids = isObject(r.ids) ? (r.ids as Record<string, unknown>) : undefined;
      if (shape.type === "string" || shape.type === "enum") {
        if (ids) ctx.error("ReferencesTrait", shape.id, `References applied to string shapes cannot contain 'ids': ${text}`);
        continue;
      }
      const resource = ctx.model.shapes.get(r.resource);
      if (!resource) continue;
      if (resource.type !== "resource") {
        ctx.error("ReferencesTrait", shape.id, `\`references\` trait reference targets a ${resource.type} shape not a resource: ${text}`);
        continue;
      }
      const resourceIds = refMap(resource.props.identifiers).map(([k]) => k);
      const reasons: string[] = [];
      if (ids) {
        const extra = Object.keys(ids).filter((k) => !resourceIds.includes(k));
        if (extra.length) {
          ctx.error("ReferencesTrait", shape.id, `\`references\` trait ${text} contains extraneous resource identifier bindings, [${extra.map((e) => `\`${e}\``).join(", ")}], that are not actually identifier names of the resource, \`${resource.id}\`. This resource has the following identifier names: [${resourceIds.map((e) => `\`${e}\``).join(", ")}]`);
          continue;
        }
        if (Object.keys(ids).length < resourceIds.length) {
          ctx.error("ReferencesTrait", shape.id, `Not enough identifiers were provided in the \`ids\` properties of ${text}. Expected ${resourceIds.length} identifiers(s), but found ${Object.keys(ids).length}. This resource requires bindings for the following identifiers: [${resourceIds.map((e) => `\`${e}\``).join(", ")}].`);
          continue;
        }
        for (const memberName of Object.values(ids)) {
          const member = typeof memberName === "string" ? shape.members.get(memberName) : undefined;
          if (!member) reasons.push(`\`${String(memberName)}\` refers to a member that is not part of the structure`);
          else if (!["string", "enum"].includes(ctx.model.target(member)?.type ?? "string")) reasons.push(`\`${String(memberName)}\` refers to a member that does not target a string shape`);
        }
      } else if (r.rel !== "collection") {
        for (const id of resourceIds) {
          if (!shape.members.has(id)) reasons.push(`implicit binding of \`${id}\` is not part of the structure (set "rel" to "collection" to create a collection binding)`);
        }
      }
      if (reasons.length) ctx.error("ReferencesTrait", shape.id, `\`references\` trait ${text} is invalid for the following reasons: ${reasons.join(", ")}`);
    }
  }
}

/** Resource properties appear in the input or output of `create` or an instance operation. */
export function resourceProperties(ctx: Context): void {
  const { model } = ctx;
  for (const resource of model.own()) {
    if (resource.type !== "resource") continue;
    const props = refMap(resource.props.properties);
    if (!props.length) continue;
    const ops = ["create", "put", "read", "update"].map((r) => ref(resource.props[r])).concat(refs(resource.props.operations)).filter((x): x is string => !!x);
    const used = new Set<string>();
    for (const id of ops) {
      const op = model.shapes.get(id);
      if (op?.type !== "operation") continue;
      for (const io of [operationInput(model, op), operationOutput(model, op)]) {
        for (const m of io?.members.values() ?? []) {
          // @nestedProperties: the properties are the members of the structure this member targets.
          const nested = has(m, "nestedProperties") ? [...(model.target(m)?.members.values() ?? [])] : [m];
          for (const p of nested) {
            const named = trait<unknown>(p, "property");
            used.add(isObject(named) && typeof named.name === "string" ? named.name : p.name);
          }
        }
      }
    }
    for (const [name] of props) {
      if (!used.has(name)) ctx.error("ResourceOperationInputOutput", resource.id, `Resource property \`${name}\` is not used in the input or output of create or an instance operation.`);
    }
    checkPropertyBindings(ctx, resource, new Map(props));
  }
}

/**
 * The members of the lifecycle operations' inputs and outputs bind resource properties: each is an
 * identifier, a property (by name or `@property(name)`, with the property's target), or `@notProperty`;
 * no two members of a structure bind the same property.
 */
function checkPropertyBindings(ctx: Context, resource: VShape, props: Map<string, string>): void {
  const { model } = ctx;
  const ids = new Map(refMap(resource.props.identifiers));
  const seen = new Set<string>();
  for (const rel of ["create", "read", "update", "put"]) {
    const opId = ref(resource.props[rel]);
    const op = opId ? model.shapes.get(opId) : undefined;
    if (op?.type !== "operation") continue;
    for (const io of [operationInput(model, op), operationOutput(model, op)]) {
      if (!io || io.prelude || seen.has(`${rel}|${io.id}`)) continue;
      seen.add(`${rel}|${io.id}`);
      const structures = [io, ...[...io.members.values()].filter((m) => has(m, "nestedProperties")).map((m) => model.target(m)).filter((t): t is VShape => t?.type === "structure")];
      for (const structure of structures) {
        const byProperty = new Map<string, string[]>();
        for (const m of structure.members.values()) {
          if (has(m, "notProperty") || has(m, "nestedProperties") || has(m, "resourceIdentifier") || has(m, "idempotencyToken")) continue;
          if (ids.has(m.name) && has(m, "required")) continue;
          const named = trait<unknown>(m, "property");
          const name = isObject(named) && typeof named.name === "string" ? named.name : m.name;
          const target = props.get(name);
          if (target === undefined) {
            ctx.error(
              "ResourceOperationInputOutput",
              m.id,
              `Member \`${m.name}\` does not target a property or identifier for resource \`${resource.id}\`. If it is an identifier, apply the \`smithy.api#resourceIdentifier\` trait. If it is a property, apply the \`smithy.api#property\` trait. If it is neither, apply the \`smithy.api#notProperty\` trait.`,
            );
            continue;
          }
          if (m.target !== target) {
            ctx.error("ResourceOperationInputOutput", m.id, `This member must target \`${target}\`. This member is used as part of the \`${rel}\` operation of the \`${resource.id}\` resource and conflicts with its \`${name}\` resource property.`);
          }
          const list = byProperty.get(name);
          if (list) list.push(m.name);
          else byProperty.set(name, [m.name]);
        }
        for (const [name, members] of byProperty) {
          if (members.length > 1) ctx.error("ResourceOperationInputOutput", structure.id, `This shape contains members with conflicting resource property names that resolve to '${name}': ${members.sort().join(", ")}`);
        }
      }
    }
  }
}

/** The resources that bind `id` as a child, transitively. */
function parentsOf(ctx: Context, id: string, seen = new Set<string>()): VShape[] {
  const out: VShape[] = [];
  for (const shape of ctx.model.own()) {
    if (shape.type !== "resource" || seen.has(shape.id) || !refs(shape.props.resources).includes(id)) continue;
    seen.add(shape.id);
    out.push(shape, ...parentsOf(ctx, shape.id, seen));
  }
  return out;
}

/** Identifier name → input member bound to it (explicitly with @resourceIdentifier, or implicitly by a required string member of that name). */
function boundIdentifiers(ctx: Context, op: VShape, ids: Map<string, string>): Map<string, string> {
  const input = operationInput(ctx.model, op);
  const out = new Map<string, string>();
  if (!input) return out;
  for (const m of input.members.values()) {
    const explicit = trait<unknown>(m, "resourceIdentifier");
    if (typeof explicit === "string" && ids.has(explicit)) out.set(explicit, m.name);
    else if (ids.has(m.name) && has(m, "required") && m.target === ids.get(m.name)) out.set(m.name, m.name);
  }
  return out;
}

/** Smithy's PaginatedTraitValidator: tokens, page sizes and items resolve to members of the right kinds. */
export function pagination(ctx: Context): void {
  const { model } = ctx;
  const services = [...model.own()].filter((s) => s.type === "service" && isObject(s.traits["smithy.api#paginated"]));
  for (const op of model.own()) {
    if (op.type !== "operation") continue;
    const own = trait<Record<string, unknown>>(op, "paginated");
    if (!isObject(own)) continue;
    const merged: Record<string, unknown> = { ...(services.length === 1 ? (services[0]!.traits["smithy.api#paginated"] as Record<string, unknown>) : {}), ...own };
    const input = operationInput(model, op);
    const output = operationOutput(model, op);
    const follow = (start: VShape | undefined, path: unknown): VMember | undefined => {
      if (typeof path !== "string" || !start) return undefined;
      let shape: VShape | undefined = start;
      let member: VMember | undefined;
      for (const step of path.split(".")) {
        member = shape?.members.get(step);
        if (!member) return undefined;
        shape = model.target(member);
      }
      return member;
    };
    const checks: [string, VShape | undefined, string[], boolean][] = [
      ["inputToken", input, ["string"], false],
      ["outputToken", output, ["string"], true],
      ["pageSize", input, ["integer", "byte", "short", "long"], false],
      ["items", output, ["list", "map"], true],
    ];
    for (const [key, start, kinds, nested] of checks) {
      const path = merged[key];
      if (path === undefined) continue;
      if (typeof path === "string" && !nested && path.includes(".")) {
        ctx.error(`PaginatedTrait`, op.id, `paginated trait \`${key}\` does not support nested members (\`${path}\`)`);
        continue;
      }
      const member = follow(start, path);
      if (!member) {
        ctx.error("PaginatedTrait", op.id, `paginated trait \`${key}\` targets a member \`${String(path)}\` that does not exist`);
        continue;
      }
      const target = model.target(member);
      if (!target) continue;
      const type = target.type === "enum" ? "string" : target.type === "intEnum" ? "integer" : target.type;
      if (!kinds.includes(type)) {
        const severity = key.endsWith("Token") ? "DANGER" : "ERROR";
        ctx.emit(severity, `PaginatedTrait.WrongShapeType.${key}`, op.id, `paginated trait \`${key}\` member \`${member.name}\` targets a ${target.type} shape, but this is not recommended. One of [${kinds.map((k) => `\`${k}\``).join(", ")}] SHOULD be targeted.`);
      }
      if (key === "pageSize" && has(member, "required")) ctx.emit("WARNING", "PaginatedTrait", op.id, `paginated trait \`pageSize\` member \`${member.name}\` should not be required`);
    }
  }
}

/** Smithy's IdempotentTraitValidator (exists / notFound errors) and idempotency tokens on strings. */
export function idempotency(ctx: Context): void {
  for (const op of ctx.model.own()) {
    if (op.type !== "operation") continue;
    const idem = trait<unknown>(op, "idempotent");
    if (!isObject(idem)) continue;
    const { exists, notFound } = idem as { exists?: unknown; notFound?: unknown };
    if (exists !== undefined && notFound !== undefined) {
      ctx.error("IdempotentTrait", op.id, "The `exists` and `notFound` properties of the `@idempotent` trait are mutually exclusive. Only one may be specified.");
    }
    const errors = refs(op.props.errors);
    for (const [key, value] of [
      ["exists", exists],
      ["notFound", notFound],
    ] as const) {
      for (const error of Array.isArray(value) ? value : [value]) {
        if (typeof error !== "string" || errors.includes(error)) continue;
        ctx.error("IdempotentTrait", op.id, `The \`${key}\` property references error \`${error}\`, but it is not in the operation's errors list. Expected one of ${errors.map((e) => `\`${e}\``).join(", ")}`);
      }
    }
  }
}

/** Smithy's AuthTraitValidator: an operation's @auth schemes are configured on every service that binds it. */
export function auth(ctx: Context): void {
  for (const service of ctx.model.own()) {
    if (service.type !== "service") continue;
    const schemes = Object.keys(service.traits).filter((t) => has(ctx.model.shapes.get(t), "authDefinition") || KNOWN_AUTH.has(t));
    const check = (shape: VShape) => {
      const value = trait<unknown>(shape, "auth");
      if (!Array.isArray(value)) return;
      const missing = value.filter((v): v is string => typeof v === "string" && !schemes.includes(v)).sort();
      if (missing.length) ctx.emit("DANGER", "AuthTrait", shape.id, `auth trait applies authentication that is not configured on the service shape, \`${service.id}\`: [${missing.join(", ")}]`);
    };
    check(service);
    for (const op of closure(ctx, service)) if (op.type === "operation") check(op);
  }
  for (const shape of ctx.model.own()) {
    const apiKey = trait<unknown>(shape, "httpApiKeyAuth");
    if (isObject(apiKey) && apiKey.scheme !== undefined && apiKey.in !== "header") {
      ctx.error("HttpApiKeyAuthTrait", shape.id, `The httpApiKeyAuth trait must have an \`in\` value of \`header\` when a \`scheme\` is provided, found: ${String(apiKey.in)}`);
    }
    const value = shape.traits["smithy.api#auth"];
    if (!Array.isArray(value)) continue;
    value.forEach((v, i) => {
      if (typeof v !== "string" || !/^[A-Za-z_][\w.]*#[A-Za-z_]\w*$/.test(v)) {
        ctx.error("Model", shape.id, `Error creating trait \`auth\`: Invalid shape ID: ${String(v)}`);
        return;
      }
      const def = ctx.model.shapes.get(v);
      if (!KNOWN_AUTH.has(v) && !has(def, "authDefinition")) ctx.error("TraitValue", shape.id, `Error validating trait \`auth\`.${i}: Shape ID \`${v}\` does not match selector \`[trait|authDefinition]\``);
    });
  }
}

const KNOWN_AUTH = new Set(["smithy.api#httpBasicAuth", "smithy.api#httpDigestAuth", "smithy.api#httpBearerAuth", "smithy.api#httpApiKeyAuth", "aws.auth#sigv4", "aws.auth#sigv4a", "aws.auth#cognitoUserPools", "smithy.api#noAuth"]);

/** Smithy's PrivateAccessValidator: a `@private` shape is referenced only from its own namespace. */
export function privateAccess(ctx: Context): void {
  const ns = (id: string) => id.split("#")[0];
  for (const shape of ctx.model.own()) {
    const check = (from: VShape | VMember, rel: string, target: VShape | undefined) => {
      if (!target || !has(target, "private") || ns(target.id) === ns(from.id)) return;
      ctx.error("PrivateAccess", from.id, `This shape has an invalid ${rel} relationship that targets a private shape, \`${target.id}\`, in another namespace.`);
    };
    for (const m of shape.members.values()) check(m, "member_target", ctx.model.target(m));
    for (const [rel, next] of neighbors(ctx.model, shape)) {
      if (rel === "member" || next.kind === "member") continue;
      if (rel === "input" && !ref(shape.props.input)) continue;
      if (rel === "output" && !ref(shape.props.output)) continue;
      check(shape, rel, next);
    }
  }
}

/** Smithy's JsonNameValidator: members' JSON names unique within a structure or union. */
export function jsonNames(ctx: Context): void {
  for (const shape of ctx.model.own()) {
    if (shape.type !== "structure" && shape.type !== "union") continue;
    const byName = new Map<string, string[]>();
    for (const m of shape.members.values()) {
      const name = typeof m.traits["smithy.api#jsonName"] === "string" ? (m.traits["smithy.api#jsonName"] as string) : m.name;
      const list = byName.get(name);
      if (list) list.push(m.name);
      else byName.set(name, [m.name]);
    }
    for (const [name, members] of byName) {
      if (members.length > 1) ctx.error("JsonName", shape.id, `This shape contains members with conflicting JSON names that resolve to '${name}': ${members.sort().join(", ")}`);
    }
  }
}

/** Smithy's StreamingTraitValidator: streams only at the top level of operation inputs and outputs. */
export function streaming(ctx: Context): void {
  const { model } = ctx;
  const hasStream = (s: VShape | undefined) => s !== undefined && s.type === "structure" && [...s.members.values()].some((m) => has(model.target(m), "streaming"));
  for (const shape of model.own()) {
    for (const m of shape.members.values()) {
      const target = model.target(m);
      if (hasStream(target)) ctx.error("StreamingTrait", m.id, `Members cannot target structures that contain a stream, but this member targets ${target!.id}`);
      if (target && has(target, "streaming") && target.type === "blob" && shape.type !== "structure") {
        ctx.error("StreamingTrait", m.id, `Only structure members may target a streaming blob; this member of a ${shape.type} targets ${target.id}`);
      }
    }
    if (shape.type === "operation") {
      for (const e of refs(shape.props.errors)) {
        const target = model.shapes.get(e);
        if (hasStream(target)) ctx.error("StreamingTrait", shape.id, `This shape has an invalid \`ERROR\` relationship to a structure, \`${e}\`, that contains a stream`);
      }
      const output = operationOutput(model, shape);
      if (output && [...output.members.values()].some((m) => has(model.target(m), "requiresLength"))) {
        ctx.error("StreamingTrait", output.id, `Structures that contain a reference to a stream marked with the @requiresLength trait can only be used as operation inputs, but this structure is referenced from \`${shape.id}\` as output`);
      }
    }
  }
}

/** Smithy's NoInlineDocumentSupportValidator: a protocol that cannot carry documents gets none in its services. */
export function inlineDocuments(ctx: Context): void {
  for (const service of ctx.model.own()) {
    if (service.type !== "service") continue;
    const protocols = Object.keys(service.traits).filter((t) => {
      const def = ctx.model.shapes.get(t)?.traits["smithy.api#protocolDefinition"];
      return isObject(def) && def.noInlineDocumentSupport === true;
    });
    if (!protocols.length) continue;
    const documents = [...closure(ctx, service)].filter((s) => s.type === "document" && !s.prelude).map((s) => s.id).sort();
    if (!documents.length) continue;
    for (const protocol of protocols.sort()) {
      ctx.error("NoInlineDocumentSupport", service.id, `This service uses the \`${protocol}\` protocol which does not support inline document types, but the following document types were found in the closure of the service: [${documents.join(", ")}]`);
    }
  }
}
