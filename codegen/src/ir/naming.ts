/**
 * Turns Smithy names into TypeScript symbols: service renames, reserved words,
 * and the collisions a case-insensitive file system or a flat export list
 * would make.
 */

/** Words a generated type or value may not be named, and globals it must not shadow. */
const RESERVED = new Set([
  // ECMAScript reserved words and strict-mode future reserved words
  "break", "case", "catch", "class", "const", "continue", "debugger", "default", "delete", "do", "else", "enum", "export",
  "extends", "false", "finally", "for", "function", "if", "import", "in", "instanceof", "new", "null", "return", "super",
  "switch", "this", "throw", "true", "try", "typeof", "var", "void", "while", "with", "as", "implements", "interface",
  "let", "package", "private", "protected", "public", "static", "yield", "await", "async",
  // TypeScript type keywords
  "any", "boolean", "declare", "get", "module", "namespace", "never", "number", "object", "require", "set", "string",
  "symbol", "type", "undefined", "unique", "unknown", "from", "of", "infer", "keyof", "readonly", "is", "asserts",
  // globals that generated code uses
  "Array", "Blob", "Boolean", "Date", "Error", "Function", "Map", "Number", "Object", "Promise", "Record", "Set",
  "String", "Symbol", "Uint8Array", "Partial", "Required", "Readonly", "Pick", "Omit", "Exclude", "Extract", "JSON",
  "Math", "BigInt", "RegExp", "Buffer", "ReadableStream",
  // symbols the generated packages declare or export beside the shapes
  "DocumentType", "InputValidationError", "ClientInputConfig", "HttpHandlerUserOptions", "ServiceException",
  "ServiceExceptionOptions", "ExceptionOptionType", "Callback", "Operation", "EndpointInput", "ResolvedClientConfig",
  "EndpointParams", "EndpointRules", "HttpHandler", "ServiceInfo", "ConstraintViolationError", "Bounds", "ConstraintKind",
  "ConstraintViolation", "Validator", "SerdeContext", "EndpointInstructions",
]);

export function safeTypeName(name: string): string {
  return RESERVED.has(name) ? `${name}_` : name;
}

/**
 * Member names for enum values that have none (legacy `smithy.api#enum`
 * entries without `name`): the value made an identifier, `_2`, `_3`... added
 * where two values would get the same name.
 */
export function enumValueNames(values: { name?: string; value: string }[]): string[] {
  const used = new Set(values.map((v) => v.name).filter((n): n is string => n !== undefined));
  return values.map((v) => {
    if (v.name !== undefined) return v.name;
    const base = v.value.replace(/[^A-Za-z0-9_]/g, "_").replace(/^(?=\d|$)/, "_");
    let name = base;
    for (let i = 2; used.has(name); i++) name = `${base}_${i}`;
    used.add(name);
    return name;
  });
}

/**
 * Members of the aggregated client's base class (`@smithy/smithy-client` Client) and of Object,
 * and `then`: a `then` method would make every client thenable, so `await client` (or returning
 * one from an async function) would call the operation.
 */
const CLIENT_MEMBERS = new Set([
  "constructor", "config", "middlewareStack", "initConfig", "handlers", "send", "destroy", "then",
  "toString", "toLocaleString", "valueOf", "hasOwnProperty", "isPrototypeOf", "propertyIsEnumerable", "__proto__",
  "__defineGetter__", "__defineSetter__", "__lookupGetter__", "__lookupSetter__",
]);

/** The aggregated client's method for an operation: `GetCase` → `getCase`, `Send` → `send_`, `Then` → `then_`. */
export function operationMethodName(operationName: string): string {
  const name = lowerFirst(operationName);
  return CLIENT_MEMBERS.has(name) ? `${name}_` : name;
}

export function lowerFirst(name: string): string {
  return name.charAt(0).toLowerCase() + name.slice(1);
}

/** `AmazonConnectService` + sdkId `Connect` → `Connect`; `Connect Cases` → `ConnectCases`. */
export function clientNameFromSdkId(sdkId: string): string {
  return sdkId
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join("");
}

/** `Connect Cases` → `connectcases`, used for folder names. */
export function packageSlug(sdkId: string): string {
  return sdkId.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");
}
