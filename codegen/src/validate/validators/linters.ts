/**
 * Validators a model configures itself in its `validators` metadata, as
 * Smithy does: `EmitEachSelector` (an event for each shape a selector
 * matches) and `EmitNoneSelector` (an event when it matches nothing). A
 * validator of another name is reported, as Smithy reports it, as a WARNING
 * (`UnknownValidator_<name>`); a selector outside the supported subset is
 * skipped with a NOTE rather than guessed.
 */
import type { Context } from "../context.js";
import type { Severity } from "../events.js";
import { isObject } from "../model.js";
import { SelectorSyntaxError, select } from "../selector.js";

const SEVERITIES = new Set(["NOTE", "WARNING", "DANGER", "ERROR"]);

export function metadataValidators(ctx: Context): void {
  const list = ctx.model.metadata.validators;
  if (!Array.isArray(list)) return;
  for (const entry of list) {
    if (!isObject(entry) || typeof entry.name !== "string") continue;
    const name = entry.name;
    const id = typeof entry.id === "string" ? entry.id : name;
    if (name !== "EmitEachSelector" && name !== "EmitNoneSelector") {
      ctx.emit("WARNING", `UnknownValidator_${name}`, undefined, `Unable to locate a validator named \`${name}\``);
      continue;
    }
    const configuration = isObject(entry.configuration) ? entry.configuration : {};
    if (typeof configuration.selector !== "string") {
      ctx.error("Model", undefined, `Error creating \`${name}\` validator: selector is required`);
      continue;
    }
    const severity = (typeof entry.severity === "string" && SEVERITIES.has(entry.severity) ? entry.severity : "DANGER") as Severity;
    const namespace = typeof entry.namespace === "string" ? entry.namespace : undefined;
    let matched;
    try {
      matched = [...select(ctx.model, configuration.selector)].filter((n) => {
        const shapeId = n.kind === "member" ? n.container : n.id;
        const shape = ctx.model.shapes.get(shapeId);
        return shape !== undefined && !shape.prelude && (namespace === undefined || n.id.startsWith(`${namespace}#`));
      });
    } catch (error) {
      if (!(error instanceof SelectorSyntaxError)) throw error;
      ctx.emit("NOTE", id, undefined, `Validator \`${id}\` skipped: its selector uses syntax this validator does not support (${error.message})`);
      continue;
    }
    if (name === "EmitNoneSelector") {
      if (matched.length === 0) ctx.emit(severity, id, undefined, typeof entry.message === "string" ? entry.message : `Expected at least one shape to match selector: ${configuration.selector}`);
      continue;
    }
    for (const n of matched.sort((a, b) => (a.id < b.id ? -1 : 1))) {
      ctx.emit(severity, id, n.id, typeof entry.message === "string" ? entry.message : `Selector capture matched selector: ${configuration.selector}`);
    }
  }
}
