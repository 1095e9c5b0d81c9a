/**
 * Trait validators: where a trait may be applied (its definition's selector),
 * which traits conflict, traits that only one member of a structure may carry,
 * and trait values (the prelude's enum-like values and the values of traits
 * the model defines itself).
 */
import { type Context, has } from "../context.js";
import { isObject, traitName } from "../model.js";
import { TRAIT_SHAPES } from "../../load/traits/definitions.js";
import { type Node, SelectorSyntaxError, parseSelector, select, selectFrom } from "../selector.js";
import { KNOWN_TRAIT_SELECTORS, STRING_ENUM_TRAITS } from "../traits.js";
import { checkValue } from "../values.js";

const HTTP_BINDINGS = ["httpLabel", "httpQuery", "httpQueryParams", "httpHeader", "httpPrefixHeaders", "httpPayload", "httpResponseCode"].map((t) => `smithy.api#${t}`);

/** Prelude conflicts (each HTTP binding excludes the others; an event header is not the payload). */
const PRELUDE_CONFLICTS: Record<string, string[]> = Object.fromEntries([
  ...HTTP_BINDINGS.map((t) => [t, HTTP_BINDINGS.filter((o) => o !== t)]),
  ["smithy.api#eventHeader", ["smithy.api#eventPayload"]],
  ["smithy.api#eventPayload", ["smithy.api#eventHeader"]],
  ["smithy.api#required", []],
]);

function nodes(ctx: Context): Node[] {
  const out: Node[] = [];
  for (const shape of ctx.model.own()) {
    out.push(shape);
    for (const m of shape.members.values()) out.push(m);
  }
  return out;
}

/** Smithy's TraitTargetValidator: each trait's selector matches the shape it is applied to. */
export function traitTargets(ctx: Context): void {
  const matched = new Map<string, Set<Node> | null>();
  const matches = (selector: string, node: Node): boolean | undefined => {
    let set = matched.get(selector);
    if (set === undefined) {
      try {
        parseSelector(selector);
        set = select(ctx.model, selector);
      } catch (error) {
        if (!(error instanceof SelectorSyntaxError)) throw error;
        set = null;
      }
      matched.set(selector, set);
    }
    return set === null ? undefined : set.has(node);
  };
  for (const node of nodes(ctx)) {
    for (const id of Object.keys(node.traits)) {
      const definition = ctx.model.shapes.get(id);
      const defTrait = definition?.traits["smithy.api#trait"];
      let selector: string | undefined;
      if (definition && !definition.prelude && defTrait === undefined) {
        ctx.error("Model", id, `Shape \`${id}\` cannot be applied as a trait. If this is a custom trait, please add \`@trait\` to this shape.`);
        continue;
      }
      if (definition && !definition.prelude && isObject(defTrait)) {
        if (has(definition, "mixin")) {
          ctx.error("TraitTarget", node.id, `Trait \`${id}\` is a mixin and cannot be applied to \`${node.id}\`.`);
          continue;
        }
        selector = typeof defTrait.selector === "string" ? defTrait.selector : "*";
      } else selector = KNOWN_TRAIT_SELECTORS[id] ?? shippedSelector(id);
      if (selector === undefined || selector === "*") continue;
      if (matches(selector, node) === false) {
        ctx.error("TraitTarget", node.id, `Trait \`${traitName(id)}\` cannot be applied to \`${node.id}\`. This trait may only be applied to shapes that match the following selector: ${selector}`);
      }
    }
  }
}

/** The selector of a trait definition shipped with sdkgen (load/traits), for traits the model does not define. */
function shippedSelector(id: string): string | undefined {
  const definition = TRAIT_SHAPES[id]?.traits?.["smithy.api#trait"];
  return isObject(definition) && typeof definition.selector === "string" ? definition.selector : undefined;
}

/** Smithy's TraitConflictValidator: traits whose definitions list each other as conflicts. */
export function traitConflicts(ctx: Context): void {
  for (const node of nodes(ctx)) {
    const present = Object.keys(node.traits).sort();
    if (present.length < 2) continue;
    const pairs: string[] = [];
    for (const id of present) {
      const definition = ctx.model.shapes.get(id);
      const defTrait = definition?.traits["smithy.api#trait"];
      const conflicts = definition && !definition.prelude && isObject(defTrait) ? ((defTrait.conflicts as string[] | undefined) ?? []) : (PRELUDE_CONFLICTS[id] ?? []);
      for (const other of [...conflicts].sort()) {
        const full = other.includes("#") ? other : `smithy.api#${other}`;
        if (present.includes(full)) pairs.push(`\`${traitName(id)}\` conflicts with \`${traitName(full)}\``);
      }
    }
    if (pairs.length) ctx.error("TraitConflict", node.id, `Found conflicting traits on ${node.kind === "member" ? "member" : node.type} shape: ${pairs.join(", ")}`);
  }
}

/** Smithy's ExclusiveStructureMemberTraitValidator (and the one-stream rule). */
export function exclusiveMembers(ctx: Context): void {
  const exclusive = ["smithy.api#eventPayload", "smithy.api#httpPayload", "smithy.api#idempotencyToken", "smithy.api#httpPrefixHeaders", "smithy.api#httpQueryParams", "smithy.api#httpResponseCode"];
  for (const shape of ctx.model.own()) {
    if (shape.type !== "structure") continue;
    for (const id of exclusive) {
      const holders = [...shape.members.values()].filter((m) => m.traits[id] !== undefined).map((m) => m.name).sort();
      if (holders.length > 1) {
        ctx.error("ExclusiveStructureMemberTrait", shape.id, `The \`${traitName(id)}\` trait can be applied to only a single member of a shape, but it was found on the following members: ${holders.map((n) => `\`${n}\``).join(", ")}`);
      }
    }
    const streams = [...shape.members.values()].filter((m) => has(ctx.model.target(m), "streaming")).map((m) => m.name).sort();
    if (streams.length > 1) {
      ctx.error("ExclusiveStructureMemberTrait", shape.id, `Only a single member of a structure can target a shape marked with the \`streaming\` trait, but it was found on the following members: ${streams.map((n) => `\`${n}\``).join(", ")}`);
    }
  }
}

/** Trait values: the prelude's enum-like strings and a few structured values; traits defined in the model against their shape. */
export function traitValues(ctx: Context): void {
  for (const node of nodes(ctx)) {
    for (const [id, value] of Object.entries(node.traits)) {
      const allowed = STRING_ENUM_TRAITS[id];
      if (allowed) {
        if (typeof value !== "string") ctx.error("TraitValue", node.id, `Error validating trait \`${traitName(id)}\`: Expected string value for trait \`${id}\``);
        else if (!allowed.includes(value)) {
          if (id === "smithy.api#error") ctx.error("Model", node.id, `Error creating trait \`error\`: error trait must be set to client or server, found \`${value}\``);
          else ctx.error("TraitValue", node.id, `Error validating trait \`${traitName(id)}\`: String value provided for \`${id}\` must be one of the following values: ${allowed.map((v) => `\`${v}\``).join(", ")}`);
        }
        continue;
      }
      const expected = PRELUDE_VALUE_KINDS[id];
      if (expected !== undefined) {
        const found = kindOf(value);
        if (!expected.split("|").includes(found)) {
          const shapeType = expected === "number" ? "integer" : expected === "array" ? "list" : expected === "object" ? "structure" : expected.split("|")[0];
          ctx.error("TraitValue", node.id, `Error validating trait \`${traitName(id)}\`: Expected ${expected.split("|")[0]} value for ${shapeType} shape, \`${id}\`; found ${found} value${typeof value === "object" && value !== null ? "" : `, \`${String(value)}\``}`);
          continue;
        }
        const members = PRELUDE_MEMBER_KINDS[id];
        if (members && isObject(value)) {
          for (const [name, kind] of Object.entries(members)) {
            if (value[name] !== undefined && !kind.split("|").includes(kindOf(value[name]))) {
              ctx.error("TraitValue", node.id, `Error validating trait \`${traitName(id)}\`.${name}: Expected ${kind.split("|")[0]} value for member \`${name}\`; found ${kindOf(value[name])} value`);
            }
          }
        }
        if (expected === "array" && PRELUDE_STRING_LISTS.has(id) && Array.isArray(value)) {
          value.forEach((item, i) => {
            if (typeof item !== "string") ctx.error("TraitValue", node.id, `Error validating trait \`${traitName(id)}\`.${i}: Expected string value for string shape, \`smithy.api#String\`; found ${kindOf(item)} value`);
          });
        }
      }
      switch (id) {
        case "smithy.api#deprecated":
        case "smithy.api#paginated":
        case "smithy.api#http":
        case "smithy.api#length":
        case "smithy.api#range":
          if (!isObject(value)) ctx.error("Model", node.id, `Error creating trait \`${traitName(id)}\`: Expected object, but found ${Array.isArray(value) ? "array" : typeof value}.`);
          continue;
        case "smithy.api#externalDocumentation":
          if (isObject(value)) {
            if (Object.keys(value).length === 0) ctx.error("TraitValue", node.id, `Error validating trait \`externalDocumentation\`: Value provided for \`smithy.api#externalDocumentation\` must have at least 1 entries, but the provided value only has 0 entries`);
            for (const [name, url] of Object.entries(value)) {
              if (typeof url !== "string" || !isUrl(url)) ctx.error("Model", node.id, `Error creating trait \`externalDocumentation\`: Each externalDocumentation value must be a valid URL. Found "${String(url)}" for name "${name}"`);
            }
          }
          continue;
        case "smithy.api#mediaType":
          if (typeof value === "string" && !/^[!#$%&'*+\-.^_`|~0-9A-Za-z]+\/[!#$%&'*+\-.^_`|~0-9A-Za-z]+(?:\s*;\s*[!#$%&'*+\-.^_`|~0-9A-Za-z]+=(?:[!#$%&'*+\-.^_`|~0-9A-Za-z]+|"(?:[^"\\]|\\.)*"))*$/.test(value)) {
            ctx.error("MediaType", node.id, `Invalid mediaType value, "${value}"`);
          }
          continue;
        case "smithy.api#xmlNamespace":
          if (isObject(value) && typeof value.uri === "string" && !/^[A-Za-z][A-Za-z0-9+.-]*:/.test(value.uri)) {
            ctx.error("XmlNamespaceTrait", node.id, `An \`xmlNamespace\` trait is applied to the ${node.kind === "member" ? "member" : `(${node.type}: \`${node.id}\`)`} shape with an invalid uri: ${value.uri}`);
          }
          continue;
        default:
          break;
      }
      const definition = ctx.model.shapes.get(id);
      if (!definition || definition.prelude || !isObject(definition.traits["smithy.api#trait"])) continue;
      // An annotation trait on a structure with no members takes {} (or true in the IDL).
      if (definition.type === "structure" && definition.members.size === 0 && (value === true || isObject(value))) continue;
      for (const problem of checkValue(ctx.model, value, definition)) ctx.error("TraitValue", node.id, `Error validating trait \`${traitName(id)}\`: ${problem}`);
    }
  }
}

/** The JSON kind of each prelude trait's value (`a|b` when either is accepted). */
const PRELUDE_VALUE_KINDS: Readonly<Record<string, string>> = {
  "smithy.api#documentation": "string",
  "smithy.api#jsonName": "string",
  "smithy.api#httpHeader": "string",
  "smithy.api#httpQuery": "string",
  "smithy.api#httpPrefixHeaders": "string",
  "smithy.api#mediaType": "string",
  "smithy.api#since": "string",
  "smithy.api#title": "string",
  "smithy.api#xmlName": "string",
  "smithy.api#pattern": "string",
  "smithy.api#httpError": "number",
  "smithy.api#http": "object",
  "smithy.api#length": "object",
  "smithy.api#range": "object",
  "smithy.api#paginated": "object",
  "smithy.api#endpoint": "object",
  "smithy.api#cors": "object",
  "smithy.api#xmlNamespace": "object",
  "smithy.api#requestCompression": "object",
  "smithy.api#tags": "array",
  "smithy.api#auth": "array",
  "smithy.api#suppress": "array",
  "smithy.api#enum": "array",
  "smithy.api#examples": "array",
  "smithy.api#references": "array",
  "smithy.api#required": "object",
  "smithy.api#sensitive": "object",
  "smithy.api#readonly": "object",
  "smithy.api#httpLabel": "object",
  "smithy.api#httpPayload": "object",
  "smithy.api#httpResponseCode": "object",
  "smithy.api#httpQueryParams": "object",
  "smithy.api#idempotencyToken": "object",
  "smithy.api#streaming": "object",
  "smithy.api#sparse": "object",
  "smithy.api#uniqueItems": "object",
};

/** Members of prelude trait structures, by JSON kind. */
const PRELUDE_MEMBER_KINDS: Readonly<Record<string, Record<string, string>>> = {
  "smithy.api#http": { method: "string", uri: "string", code: "number" },
  "smithy.api#length": { min: "number", max: "number" },
  "smithy.api#range": { min: "number", max: "number" },
  "smithy.api#paginated": { inputToken: "string", outputToken: "string", pageSize: "string", items: "string" },
  "smithy.api#endpoint": { hostPrefix: "string" },
  "smithy.api#xmlNamespace": { uri: "string", prefix: "string" },
  "smithy.api#deprecated": { message: "string", since: "string" },
};

const PRELUDE_STRING_LISTS = new Set(["smithy.api#tags", "smithy.api#auth", "smithy.api#suppress"]);

function kindOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  return typeof value === "object" ? "object" : typeof value;
}

function isUrl(value: string): boolean {
  try {
    new URL(value);
    return true;
  } catch {
    return false;
  }
}

const EVENT_ID = /^(?:_+[A-Za-z0-9]|[A-Za-z])\w*(?:\.(?:_+[A-Za-z0-9]|[A-Za-z])\w*)*$/;

/**
 * Smithy's TraitValidatorsValidator: a trait definition's `@traitValidators`
 * keys are event ids, and each validator's selector, evaluated from a shape
 * the trait is applied to, must match nothing.
 */
export function traitValidators(ctx: Context): void {
  const definitions = new Map<string, Record<string, unknown>>();
  for (const shape of ctx.model.own()) {
    const value = shape.traits["smithy.api#traitValidators"];
    if (!isObject(value)) continue;
    const valid: Record<string, unknown> = {};
    for (const [key, entry] of Object.entries(value)) {
      if (!EVENT_ID.test(key)) ctx.error("TraitValidators", shape.id, `\`smithy.api#traitValidators\` key is not a valid event ID: \`${key}\``);
      else valid[key] = entry;
    }
    definitions.set(shape.id, valid);
  }
  if (!definitions.size) return;
  for (const node of nodes(ctx)) {
    for (const traitId of Object.keys(node.traits)) {
      const validators = definitions.get(traitId);
      if (!validators) continue;
      for (const [eventId, entry] of Object.entries(validators)) {
        if (!isObject(entry) || typeof entry.selector !== "string") continue;
        let found: Set<Node>;
        try {
          found = selectFrom(ctx.model, entry.selector, [node]);
        } catch (error) {
          if (!(error instanceof SelectorSyntaxError)) throw error;
          continue;
        }
        if (!found.size) continue;
        const severity = typeof entry.severity === "string" && ["NOTE", "WARNING", "DANGER", "ERROR"].includes(entry.severity) ? (entry.severity as "ERROR") : "ERROR";
        ctx.emit(severity, eventId, node.id, typeof entry.message === "string" ? entry.message : `Trait \`${traitName(traitId)}\` validator \`${eventId}\` matched`);
      }
    }
  }
}

/** Smithy's TraitBreakingChangeValidator: each `breakingChanges` path of a trait definition names members that exist. */
export function traitBreakingChanges(ctx: Context): void {
  for (const shape of ctx.model.own()) {
    const definition = shape.traits["smithy.api#trait"];
    if (!isObject(definition) || !Array.isArray(definition.breakingChanges)) continue;
    definition.breakingChanges.forEach((change, i) => {
      if (!isObject(change) || typeof change.path !== "string") return;
      let current = shape;
      for (const segment of change.path.split("/").filter((p) => p !== "")) {
        const member = current.members.get(segment);
        if (!member) {
          ctx.error("TraitBreakingChanges", shape.id, `Invalid trait breakingChanges element ${i}, '${change.path}', at segment '${segment}': Evaluated shape \`${current.id}\`, a ${current.type}, has no member named \`${segment}\``);
          return;
        }
        const next = ctx.model.target(member);
        if (!next) return;
        current = next;
      }
    });
  }
}
