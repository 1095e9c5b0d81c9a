/**
 * `shapeClosures` metadata (named sets of shapes for tools that work without
 * a service): well-formed ids and renames, each closure rooted somewhere, and
 * renames that stay inside the closure and resolve its name conflicts.
 */
import type { Context } from "../context.js";
import { SHAPE_ID, isObject, type VShape } from "../model.js";
import { SelectorSyntaxError, neighbors, select } from "../selector.js";

const IDENTIFIER = /^(_+[a-zA-Z0-9]|[a-zA-Z])\w*$/;

export function shapeClosures(ctx: Context): void {
  const list = ctx.model.metadata.shapeClosures;
  if (list === undefined) return;
  const typed = (message: string) => ctx.error("TypedMetadata.shapeClosures", undefined, message);
  if (!Array.isArray(list)) {
    typed("metadata.shapeClosures: Expected an array of shape closures");
    return;
  }
  const seenIds = new Set<string>();
  list.forEach((entry, i) => {
    const at = `metadata.shapeClosures.${i}`;
    if (!isObject(entry)) return typed(`${at}: Expected an object`);
    if (typeof entry.id !== "string") return typed(`${at}: Missing required member \`id\``);
    const id = entry.id;
    if (!SHAPE_ID.test(id) || id.includes("$")) return typed(`${at}.id: Invalid shape ID: ${id}`);
    const rename = isObject(entry.rename) ? (entry.rename as Record<string, unknown>) : {};
    let malformed = false;
    for (const [from, to] of Object.entries(rename)) {
      if (!SHAPE_ID.test(from) || from.includes("$")) {
        typed(`${at}.rename.${from} (map-key): Invalid shape ID: ${from}`);
        malformed = true;
        continue;
      }
      const shape = ctx.model.shapes.get(from);
      if (!shape || ["service", "resource", "operation"].includes(shape.type)) {
        typed(`${at}.rename.${from} (map-key): Renames must target shapes that are in the model and must not target services, resources, operations, or members.`);
        malformed = true;
        continue;
      }
      if (typeof to !== "string" || !IDENTIFIER.test(to)) {
        typed(`${at}.rename.${from}: String value provided for \`smithy.api#Identifier\` must match regular expression: ^(_+[a-zA-Z0-9]|[a-zA-Z])\\w*$`);
        malformed = true;
      }
    }
    if (malformed) return;
    if (seenIds.has(id)) return ctx.error("ShapeClosure", undefined, `Shape closure id \`${id}\` is declared more than once.`);
    seenIds.add(id);
    const namespaces = Array.isArray(entry.includeNamespaces) ? entry.includeNamespaces.filter((n): n is string => typeof n === "string") : [];
    const selector = typeof entry.includeBySelector === "string" ? entry.includeBySelector : undefined;
    if (!namespaces.length && selector === undefined) {
      return ctx.error("ShapeClosure", undefined, `Shape closure \`${id}\` must define at least one of \`includeNamespaces\` or \`includeBySelector\`.`);
    }
    const roots = new Set<VShape>();
    for (const ns of namespaces) {
      const inNamespace = [...ctx.model.own()].filter((s) => s.id.startsWith(`${ns}#`));
      if (!inNamespace.length) ctx.emit("DANGER", `ShapeClosure.EmptyNamespace.${id}`, undefined, `Shape closure \`${id}\` includes namespace \`${ns}\`, which has no shapes in the model.`);
      for (const s of inNamespace) roots.add(s);
    }
    if (selector !== undefined) {
      try {
        const matched = [...select(ctx.model, selector)].filter((n) => n.kind === "shape" && !n.prelude) as VShape[];
        const outside = matched.filter((s) => !namespaces.some((ns) => s.id.startsWith(`${ns}#`)));
        if (!matched.length) ctx.emit("DANGER", `ShapeClosure.EmptySelector.${id}`, undefined, `Shape closure \`${id}\` has an \`includeBySelector\` that matches no shapes in the model.`);
        else if (!outside.length) {
          ctx.emit("DANGER", `ShapeClosure.EmptySelector.${id}`, undefined, `Shape closure \`${id}\` has an \`includeBySelector\` that matches no shapes in the model that aren't already in an included namespace.`);
        }
        for (const s of matched) roots.add(s);
      } catch (error) {
        if (!(error instanceof SelectorSyntaxError)) throw error;
      }
    }
    // Expanded transitively through neighbour relationships.
    const closure = new Set<VShape>(roots);
    const queue = [...roots];
    while (queue.length) {
      for (const [, next] of neighbors(ctx.model, queue.pop()!)) {
        const shape = next.kind === "member" ? ctx.model.target(next) : next;
        if (shape && !closure.has(shape)) {
          closure.add(shape);
          queue.push(shape);
        }
      }
    }
    const renamed = new Map<string, string>();
    for (const [from, to] of Object.entries(rename) as [string, string][]) {
      const shape = ctx.model.shapes.get(from)!;
      if (!closure.has(shape)) {
        ctx.error("ShapeClosure", undefined, `Shape closure \`${id}\` attempts to rename \`${from}\`, which is not in the closure.`);
        continue;
      }
      if (from.split("#")[1] === to) {
        ctx.error("ShapeClosure", undefined, `Shape closure \`${id}\` rename for \`${from}\` does not change the name from \`${to}\`.`);
        continue;
      }
      renamed.set(from, to);
    }
    const names = new Map<string, string[]>();
    for (const shape of closure) {
      if (shape.prelude || renamed.has(shape.id)) continue;
      const key = shape.id.split("#")[1]!.toLowerCase();
      names.set(key, [...(names.get(key) ?? []), shape.id]);
    }
    const renamedKeys = new Map<string, string>();
    for (const [from, to] of [...renamed].sort()) {
      const key = to.toLowerCase();
      const plain = names.get(key);
      if (plain) ctx.error("ShapeClosure", undefined, `Shape closure \`${id}\` rename for \`${from}\` ("${to}") case-insensitively conflicts with non-renamed shape \`${plain[0]}\`.`);
      else if (renamedKeys.has(key)) ctx.error("ShapeClosure", undefined, `Shape closure \`${id}\` rename for \`${from}\` ("${to}") case-insensitively conflicts with the rename for \`${renamedKeys.get(key)}\`.`);
      renamedKeys.set(key, from);
    }
    for (const ids of names.values()) {
      if (ids.length > 1) ctx.emit("WARNING", `ShapeClosure.NameConflicts.${id}`, undefined, `Shape closure \`${id}\` contains shapes whose names conflict case-insensitively: [${ids.sort().join(", ")}].`);
    }
  });
}
