/**
 * Member names are data: `__proto__`, `constructor`, `toString`, `valueOf`…
 * are valid Smithy member names, and generated code must read, write and
 * spell them as plain properties. Three things go wrong otherwise:
 *
 * - reading `obj.constructor` when the member is absent finds
 *   `Object.prototype.constructor` (a function), so a valid input or response
 *   that leaves it out is sent or parsed as garbage, or throws;
 * - writing `obj.__proto__ = v`, or an object literal `{ __proto__: v }` or
 *   `{ "__proto__": v }`, sets the prototype instead of a property: the value
 *   is dropped, or replaces an output object's prototype;
 * - both of those in enum objects and fixtures.
 *
 * Names that `Object.prototype` does not have keep the plain, readable forms.
 */

/** Names every object has through `Object.prototype`, plus `__proto__`. */
const INHERITED = new Set(Object.getOwnPropertyNames(Object.prototype));

/** `object.name`, or `object["name"]` when asked (wire keys read better quoted) or needed. */
function access(object: string, name: string, quoted: boolean): string {
  return !quoted && /^[A-Za-z_$][\w$]*$/.test(name) ? `${object}.${name}` : `${object}[${JSON.stringify(name)}]`;
}

/** The members TypeScript's `Object` interface gives every object type. */
const OBJECT_INTERFACE = new Set(["constructor", "toString", "toLocaleString", "valueOf", "hasOwnProperty", "isPrototypeOf", "propertyIsEnumerable"]);

/**
 * The declared type of an optional member: for a name TypeScript's `Object` interface has,
 * `T | Object["toString"]`, because that is what reading it gives when it is not set, and
 * because otherwise no object literal could omit it (TypeScript checks `{}` against
 * `toString?: number` with the inherited `() => string`).
 */
export function optionalMemberType(name: string, type: string): string {
  return OBJECT_INTERFACE.has(name) ? `${type} | Object[${JSON.stringify(name)}]` : type;
}

/** Whether TypeScript sees a member by that name on every object (so `name?: never` cannot hold). */
export function isObjectInterfaceName(name: string): boolean {
  return OBJECT_INTERFACE.has(name);
}

/** Whether `name` must be read as an own property (every object inherits one by that name). */
export function isInheritedName(name: string): boolean {
  return INHERITED.has(name);
}

/** An expression reading member `name` of `object`: its own property, never an inherited one. */
export function readProperty(object: string, name: string, quoted = false): string {
  if (!INHERITED.has(name)) return access(object, name, quoted);
  const key = JSON.stringify(name);
  // `any`: the declared type of such a member includes the inherited function (see memberType).
  return `(Object.hasOwn(${object}, ${key}) ? (${object} as any)[${key}] : undefined)`;
}

/** A statement (without `;`) setting member `name` of `object` as an own, enumerable property. */
export function writeProperty(object: string, name: string, value: string, quoted = false): string {
  if (name === "__proto__") {
    return `Object.defineProperty(${object}, "__proto__", { value: ${value}, enumerable: true, writable: true, configurable: true })`;
  }
  return `${access(object, name, quoted)} = ${value}`;
}

/** A key in an object literal that always makes a property: `["__proto__"]` is computed, so it is one. */
export function literalKey(name: string, quoted = false): string {
  if (name === "__proto__") return '["__proto__"]';
  return !quoted && /^[A-Za-z_$][\w$]*$/.test(name) ? name : JSON.stringify(name);
}

/**
 * {@link readProperty} where the caller has just checked the value is there: TypeScript does not
 * narrow the conditional form, so it gets a `!`.
 */
export function readPresent(object: string, name: string, quoted = false): string {
  const read = readProperty(object, name, quoted);
  return INHERITED.has(name) ? `${read}!` : read;
}

/** For values the generator itself builds (fixtures): member `name` of `object` if it is its own. */
export function ownValue(object: Record<string, unknown>, name: string): unknown {
  return Object.hasOwn(object, name) ? object[name] : undefined;
}

/** For values the generator itself builds: sets member `name` as an own property, `__proto__` too. */
export function setOwn(object: Record<string, unknown>, name: string, value: unknown): void {
  Object.defineProperty(object, name, { value, enumerable: true, writable: true, configurable: true });
}
