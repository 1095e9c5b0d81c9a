/**
 * Helpers for comparing Smithy JSON AST models by structure, ignoring prose.
 *
 * Our models carry documentation written in our own words, while everything
 * else (shape ids, types, members, member order, targets, metadata and every
 * non-documentation trait) must match the upstream model exactly. These
 * helpers split a model into those two parts.
 */

/** The Smithy trait that holds a shape's or member's documentation. */
export const DOCUMENTATION_TRAIT = "smithy.api#documentation";

/** Shape properties that hold a single member definition (list/map shapes). */
const SINGLE_MEMBER_SLOTS = ["member", "key", "value"] as const;

type JsonRecord = Record<string, unknown>;

function isRecord(value: unknown): value is JsonRecord {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Assigns an own enumerable property, even for keys like `__proto__`. */
function setOwn(target: JsonRecord, key: string, value: unknown): void {
  Object.defineProperty(target, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
}

/** Deep copy of JSON-like data that preserves object key order. */
function deepCopy(value: unknown): unknown {
  if (Array.isArray(value)) {
    return value.map(deepCopy);
  }
  if (isRecord(value)) {
    const out: JsonRecord = {};
    for (const [key, child] of Object.entries(value)) {
      setOwn(out, key, deepCopy(child));
    }
    return out;
  }
  return value;
}

/**
 * Removes the documentation trait from a shape or member node (in place), then
 * drops its `traits` object if nothing is left in it.
 */
function stripDocumentation(node: JsonRecord): void {
  const traits = node["traits"];
  if (!isRecord(traits)) {
    return;
  }
  delete traits[DOCUMENTATION_TRAIT];
  if (Object.keys(traits).length === 0) {
    delete node["traits"];
  }
}

/** Calls `visit` for the shape itself and each of its member definitions. */
function forEachDocumentable(
  shapeId: string,
  shape: JsonRecord,
  visit: (key: string, node: JsonRecord) => void,
): void {
  visit(shapeId, shape);
  const members = shape["members"];
  if (isRecord(members)) {
    for (const [name, member] of Object.entries(members)) {
      if (isRecord(member)) {
        visit(`${shapeId}$${name}`, member);
      }
    }
  }
  for (const slot of SINGLE_MEMBER_SLOTS) {
    const member = shape[slot];
    if (isRecord(member)) {
      visit(`${shapeId}$${slot}`, member);
    }
  }
}

function shapesOf(model: unknown): JsonRecord | undefined {
  if (!isRecord(model)) {
    return undefined;
  }
  const shapes = model["shapes"];
  return isRecord(shapes) ? shapes : undefined;
}

/**
 * Returns a deep copy of a Smithy JSON AST model with every
 * `smithy.api#documentation` trait removed from shapes and members, and any
 * `traits` object that is (or becomes) empty removed as well. Two models that
 * differ only in documentation produce deep-equal views.
 *
 * Only the documentation *trait* is removed: trait values that happen to
 * contain a `documentation` field (for example `smithy.rules#endpointRuleSet`
 * parameters) are kept unchanged. The input is not modified.
 */
export function structuralView(model: unknown): unknown {
  const copy = deepCopy(model);
  const shapes = shapesOf(copy);
  if (shapes !== undefined) {
    for (const [shapeId, shape] of Object.entries(shapes)) {
      if (isRecord(shape)) {
        forEachDocumentable(shapeId, shape, (_key, node) => stripDocumentation(node));
      }
    }
  }
  return copy;
}

/**
 * Collects every documentation string in a model, keyed by shape id
 * (`ns#Shape`) or, for members, by `ns#Shape$member` (list and map members
 * use `member`, `key` and `value` as their names). Entries follow the order
 * of shapes and members in the model.
 */
export function documentationEntries(model: unknown): Map<string, string> {
  const entries = new Map<string, string>();
  const shapes = shapesOf(model);
  if (shapes === undefined) {
    return entries;
  }
  for (const [shapeId, shape] of Object.entries(shapes)) {
    if (!isRecord(shape)) {
      continue;
    }
    forEachDocumentable(shapeId, shape, (key, node) => {
      const traits = node["traits"];
      if (isRecord(traits)) {
        const doc = traits[DOCUMENTATION_TRAIT];
        if (typeof doc === "string") {
          entries.set(key, doc);
        }
      }
    });
  }
  return entries;
}
