/**
 * The validate stage: Smithy's built-in validation for everything the
 * generator relies on, reported as Smithy reports it (event ids included, so
 * `suppressions` written for Smithy apply). It reads the load stage's JSON AST
 * and nothing later in the pipeline.
 *
 *   validateModel(model, locations?) → ValidationEvent[]
 *
 * Order as in Smithy: the loader's checks of the AST (`Model` events); if
 * they pass, the target checks; if those pass, every other validator. Then
 * suppressions and severity overrides, and source locations where known.
 */
import { Context, type Validator } from "./context.js";
import { type SourceLocations, type ValidationEvent, sortEvents } from "./events.js";
import { assembleModel, isObject, type ValidationModel } from "./model.js";
import { constraints, defaults, enums, recursion, shapeIdConflicts, targets, unions } from "./validators/shapes.js";
import { http } from "./validators/http.js";
import { auth, idempotency, inlineDocuments, jsonNames, pagination, privateAccess, references, resourceProperties, resources, serviceClosures, singleBindings, streaming } from "./validators/service.js";
import { shapeClosures } from "./validators/closures.js";
import { metadataValidators } from "./validators/linters.js";
import { cors, httpChecksum, inputOutput, longPoll, requestCompression, typedMetadata, validationMetadata } from "./validators/operations.js";
import { exclusiveMembers, traitBreakingChanges, traitConflicts, traitTargets, traitValidators, traitValues } from "./validators/traits.js";

export { formatEvent, hasFailures, sortEvents, type Severity, type SourceLocation, type SourceLocations, type ValidationEvent } from "./events.js";

/** Validators that must pass before the others can trust the model's relationships. */
const CORE: readonly Validator[] = [targets];

const VALIDATORS: readonly Validator[] = [
  shapeIdConflicts,
  recursion,
  enums,
  constraints,
  defaults,
  unions,
  traitTargets,
  traitConflicts,
  traitValues,
  traitValidators,
  traitBreakingChanges,
  exclusiveMembers,
  http,
  serviceClosures,
  singleBindings,
  resources,
  resourceProperties,
  references,
  pagination,
  idempotency,
  auth,
  privateAccess,
  jsonNames,
  streaming,
  inlineDocuments,
  inputOutput,
  requestCompression,
  httpChecksum,
  longPoll,
  cors,
  validationMetadata,
  typedMetadata,
  metadataValidators,
  shapeClosures,
];

/** Validates a Smithy JSON AST (as parsed, or as the loader merged it). */
export function validateModel(json: unknown, locations?: SourceLocations): ValidationEvent[] {
  const events: ValidationEvent[] = [];
  const model = assembleModel(json, events);
  if (!events.some((e) => e.severity === "ERROR")) {
    const ctx = new Context(model);
    for (const v of CORE) v(ctx);
    if (!ctx.events.some((e) => e.severity === "ERROR")) for (const v of VALIDATORS) v(ctx);
    events.push(...ctx.events);
  }
  applySuppressions(model, events);
  if (locations) addLocations(events, locations);
  return sortEvents(dedupe(events));
}

function dedupe(events: ValidationEvent[]): ValidationEvent[] {
  const seen = new Set<string>();
  return events.filter((e) => {
    const key = `${e.severity}|${e.shapeId}|${e.eventId}|${e.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Whether suppression `id` covers `eventId` (an exact id, or a prefix ending at a `.`). */
function idMatches(id: string, eventId: string): boolean {
  return eventId === id || eventId.startsWith(`${id}.`);
}

/**
 * `@suppress` on the shape (or the member's container) and `suppressions`
 * metadata turn WARNING, DANGER and NOTE events into SUPPRESSED; ERRORs cannot
 * be suppressed. `severityOverrides` metadata raises severities (never to ERROR).
 */
function applySuppressions(model: ValidationModel, events: ValidationEvent[]): void {
  const entries = (key: string) => (Array.isArray(model.metadata[key]) ? (model.metadata[key] as unknown[]).filter(isObject) : []);
  const suppressions = entries("suppressions");
  const overrides = entries("severityOverrides");
  const inNamespace = (ns: unknown, shapeId: string | undefined) => ns === "*" || (typeof ns === "string" && shapeId !== undefined && shapeId.split("#")[0] === ns);
  for (const event of events) {
    for (const o of overrides) {
      if (typeof o.id === "string" && idMatches(o.id, event.eventId) && inNamespace(o.namespace, event.shapeId) && (o.severity === "WARNING" || o.severity === "DANGER")) {
        if ((event.severity === "NOTE" || event.severity === "WARNING") && (o.severity === "DANGER" || event.severity === "NOTE")) event.severity = o.severity;
      }
    }
    if (event.severity === "ERROR") continue;
    const shapeIds = event.shapeId ? [event.shapeId, event.shapeId.split("$")[0]!] : [];
    const bySuppressTrait = shapeIds.some((id) => {
      const shape = model.get(id);
      const list = shape?.traits["smithy.api#suppress"];
      return Array.isArray(list) && list.some((s) => typeof s === "string" && idMatches(s, event.eventId));
    });
    const byMetadata = suppressions.some((s) => typeof s.id === "string" && idMatches(s.id, event.eventId) && inNamespace(s.namespace, event.shapeId));
    if (bySuppressTrait || byMetadata) event.severity = "SUPPRESSED";
  }
}

function addLocations(events: ValidationEvent[], locations: SourceLocations): void {
  const get = (id: string) => (locations instanceof Map ? locations.get(id) : (locations as Record<string, ValidationEvent["location"]>)[id]);
  for (const event of events) {
    if (!event.shapeId || event.location) continue;
    const location = get(event.shapeId) ?? get(event.shapeId.split("$")[0]!);
    if (location) event.location = location;
  }
}
