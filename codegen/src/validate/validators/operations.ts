/**
 * Operation-level validators: `@input`/`@output` misuse, `@requestCompression`,
 * `aws.protocols#httpChecksum`, `@longPoll`, and the `@cors` trait of services.
 */
import { type Context, has, operationInput, ref, trait } from "../context.js";
import { isObject } from "../model.js";
import { checkValue } from "../values.js";

/** Smithy's OperationValidator: `@input` and `@output` structures belong to one operation, on the right side. */
export function inputOutput(ctx: Context): void {
  const { model } = ctx;
  const usedAs = new Map<string, string[]>();
  for (const op of model.own()) {
    if (op.type !== "operation") continue;
    for (const [rel, wrong] of [
      ["input", "output"],
      ["output", "input"],
    ] as const) {
      const id = ref(op.props[rel]);
      const target = id ? model.shapes.get(id) : undefined;
      if (!target) continue;
      if (has(target, wrong)) ctx.error("OperationInputOutputMisuse", op.id, `Operation \`${rel}\` cannot target structures marked with the \`@${wrong}\` trait: \`${target.id}\``);
      if (has(target, rel)) {
        const key = `${rel}|${target.id}`;
        const list = usedAs.get(key);
        if (list) list.push(op.id);
        else usedAs.set(key, [op.id]);
      }
    }
  }
  for (const [key, ops] of usedAs) {
    if (ops.length < 2) continue;
    const [rel, id] = key.split("|") as [string, string];
    ctx.error("OperationInputOutputMisuse", id, `Shapes marked with the @${rel} trait cannot be used as ${rel} by multiple operations: ${ops.sort().map((o) => `\`${o}\``).join(", ")}`);
  }
  for (const shape of model.own()) {
    for (const m of shape.members.values()) {
      const target = model.target(m);
      for (const t of ["input", "output"]) {
        if (has(target, t)) ctx.error("OperationInputOutputMisuse", m.id, `Members cannot target structures marked with the @${t} trait: ${target!.id}`);
      }
    }
  }
}

const COMPRESSION_ALGORITHMS = new Set(["gzip"]);

/** Smithy's RequestCompressionTraitValidator. */
export function requestCompression(ctx: Context): void {
  const { model } = ctx;
  for (const op of model.own()) {
    const value = trait<unknown>(op, "requestCompression");
    if (value === undefined || op.type !== "operation") continue;
    if (!isObject(value) || !Array.isArray(value.encodings)) {
      ctx.error("Model", op.id, "Error creating trait `requestCompression`: Missing expected member `encodings`.");
      continue;
    }
    const encodings = value.encodings as unknown[];
    if (encodings.length === 0) {
      ctx.error("RequestCompressionTrait", op.id, `There must be at least one compression algorithm in \`encodings\` for the \`requestCompression\` trait applied to \`${op.id}\``);
    }
    const invalid = encodings.filter((e) => typeof e !== "string" || !COMPRESSION_ALGORITHMS.has(e.toLowerCase())).map(String).sort();
    if (invalid.length) ctx.error("RequestCompressionTrait", op.id, `Invalid compression algorithms found in \`requestCompression\` trait applied to \`${op.id}\`: ${invalid.map((e) => `\`${e}\``).join(", ")}`);
    const inputId = ref(op.props.input);
    if (!inputId || inputId === "smithy.api#Unit") {
      ctx.error("RequestCompressionTrait", op.id, "The `requestCompression` trait can only be applied to operations which have an input shape defined");
      continue;
    }
    const input = operationInput(model, op);
    for (const m of input?.members.values() ?? []) {
      const target = model.target(m);
      if (has(target, "streaming") && has(target, "requiresLength")) {
        ctx.error("RequestCompressionTrait", op.id, `The \`requestCompression\` trait can only be applied to operations which do not have input members that target shapes with both the \`streaming\` and \`requiresLength\` traits applied, but found member \`${m.id}\` targeting \`${target!.id}\``);
      }
    }
  }
}

/** The algorithms `aws.protocols#httpChecksum` may name (Smithy's `HttpChecksumTrait.CHECKSUM_ALGORITHMS`). */
const CHECKSUM_ALGORITHMS = ["CRC64NVME", "CRC32C", "CRC32", "SHA1", "SHA256"];

/**
 * Smithy's HttpChecksumTraitValidator, in substance: the trait asks for a request or a response
 * checksum; the members it names exist in the operation's input and hold strings (an enum, for the
 * request algorithm); response validation names its algorithms, and only known ones.
 */
export function httpChecksum(ctx: Context): void {
  const { model } = ctx;
  for (const op of model.own()) {
    const value = trait<unknown>(op, "aws.protocols#httpChecksum");
    if (value === undefined || op.type !== "operation") continue;
    if (!isObject(value)) {
      ctx.error("HttpChecksumTrait", op.id, "The `httpChecksum` trait must be an object.");
      continue;
    }
    const { requestAlgorithmMember, requestChecksumRequired, requestValidationModeMember, responseAlgorithms } = value as Record<string, unknown>;
    if (requestChecksumRequired !== true && requestAlgorithmMember === undefined && requestValidationModeMember === undefined) {
      ctx.error("HttpChecksumTrait", op.id, "The `httpChecksum` trait must define at least one of the `request` or `response` checksum behaviors.");
    }
    const input = operationInput(model, op);
    const member = (property: string, name: unknown, enumOnly: boolean) => {
      if (name === undefined) return;
      const found = typeof name === "string" ? input?.members.get(name) : undefined;
      if (!found) {
        ctx.error("HttpChecksumTrait", op.id, `The \`${property}\` property of the \`httpChecksum\` trait targets a member, \`${String(name)}\`, that is not present in the operation's input.`);
        return;
      }
      const target = model.target(found);
      const ok = target?.type === "enum" || (!enumOnly && target?.type === "string");
      if (!ok) ctx.error("HttpChecksumTrait", op.id, `The \`${property}\` property of the \`httpChecksum\` trait targets \`${found.id}\`, which must target ${enumOnly ? "an enum" : "a string or an enum"}.`);
    };
    member("requestAlgorithmMember", requestAlgorithmMember, true);
    member("requestValidationModeMember", requestValidationModeMember, false);
    if (requestValidationModeMember !== undefined && (!Array.isArray(responseAlgorithms) || responseAlgorithms.length === 0)) {
      ctx.error("HttpChecksumTrait", op.id, "The `httpChecksum` trait must define `responseAlgorithms` along with `requestValidationModeMember`.");
    }
    const unknown = (Array.isArray(responseAlgorithms) ? responseAlgorithms : []).filter((a) => !CHECKSUM_ALGORITHMS.includes(a as string));
    if (unknown.length) {
      ctx.error("HttpChecksumTrait", op.id, `Unsupported \`responseAlgorithms\` in the \`httpChecksum\` trait: ${unknown.map((a) => `\`${String(a)}\``).join(", ")}; supported: ${CHECKSUM_ALGORITHMS.join(", ")}.`);
    }
  }
}

/** `@longPoll(timeoutMillis)` is at least 1. */
export function longPoll(ctx: Context): void {
  for (const op of ctx.model.own()) {
    const value = trait<unknown>(op, "longPoll");
    if (!isObject(value) || typeof value.timeoutMillis !== "number") continue;
    if (value.timeoutMillis < 1) {
      ctx.error("TraitValue.Member.InvalidRange", op.id, `Error validating trait \`longPoll\`.timeoutMillis: Value provided for \`smithy.api#longPoll$timeoutMillis\` must be greater than or equal to 1, but found ${value.timeoutMillis}`);
    }
  }
}

/** Smithy's CorsTraitValidator: `origin` and `origins` are exclusive. */
export function cors(ctx: Context): void {
  for (const service of ctx.model.own()) {
    const value = trait<unknown>(service, "cors");
    if (isObject(value) && value.origin !== undefined && value.origins !== undefined) {
      ctx.error("CorsTrait", service.id, "The `origin` and `origins` members of the `cors` trait are mutually exclusive.");
    }
  }
}

/** The `severityOverrides` and `suppressions` metadata have Smithy's shape. */
export function validationMetadata(ctx: Context): void {
  const check = (key: string, required: string[]) => {
    const value = ctx.model.metadata[key];
    if (value === undefined) return;
    if (!Array.isArray(value)) {
      ctx.error("Model", undefined, `Expected array, but found ${value === null ? "null" : typeof value}.`);
      return;
    }
    value.forEach((entry, i) => {
      if (!isObject(entry)) {
        ctx.error("Model", undefined, `Expected array element ${i} to be a object but found ${Array.isArray(entry) ? "array" : entry === null ? "null" : typeof entry}.`);
        return;
      }
      for (const member of required) if (entry[member] === undefined) ctx.error("Model", undefined, `Missing expected member \`${member}\`.`);
      if (key === "severityOverrides" && typeof entry.severity === "string" && !["DANGER", "WARNING"].includes(entry.severity)) {
        ctx.error("Model", undefined, `Expected one of \`DANGER\`, \`WARNING\`; got \`${entry.severity}\`.`);
      }
    });
  };
  check("severityOverrides", ["id", "namespace", "severity"]);
  check("suppressions", ["id", "namespace"]);
}

const RESERVED_METADATA = new Set(["suppressions", "validators", "severityOverrides"]);

/** Smithy's typed metadata: a shape marked `@metadata(key)` types that metadata key's value. */
export function typedMetadata(ctx: Context): void {
  for (const shape of ctx.model.own()) {
    const value = trait<unknown>(shape, "metadata");
    if (!isObject(value) || typeof value.key !== "string") continue;
    const key = value.key;
    if (RESERVED_METADATA.has(key)) {
      ctx.error("MetadataTrait", shape.id, `The metadata key \`${key}\` has been reserved by Smithy and may not be defined elsewhere.`);
      continue;
    }
    if (!Object.hasOwn(ctx.model.metadata, key)) continue;
    for (const problem of checkValue(ctx.model, ctx.model.metadata[key], shape)) ctx.error(`TypedMetadata.${key}`, undefined, `metadata.${key}: ${problem}`);
  }
}
