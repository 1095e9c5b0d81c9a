/**
 * A stable topological order of shapes: every shape after the shapes it
 * refers to, ties broken by name, so generated files read top-down and two
 * runs produce the same bytes. Shapes on a reference cycle are marked
 * `recursive`.
 */
import { childTargets } from "./build.js";
import type { Shape } from "./types.js";

export function orderShapes(shapes: ReadonlyMap<string, Shape>): Shape[] {
  const byName = [...shapes.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.id < b.id ? -1 : 1));
  const state = new Map<string, "visiting" | "done">();
  const order: Shape[] = [];
  const stack: string[] = [];
  const visit = (shape: Shape) => {
    const s = state.get(shape.id);
    if (s === "done") return;
    if (s === "visiting") {
      // A cycle: everything on the stack from the first occurrence is recursive.
      for (const id of stack.slice(stack.indexOf(shape.id))) shapes.get(id)!.recursive = true;
      return;
    }
    state.set(shape.id, "visiting");
    stack.push(shape.id);
    for (const target of [...new Set(childTargets(shape))].sort()) {
      const child = shapes.get(target);
      if (child) visit(child);
    }
    stack.pop();
    state.set(shape.id, "done");
    order.push(shape);
  };
  for (const shape of byName) visit(shape);
  return order;
}
