/**
 * A stable topological order of shapes: every shape after the shapes it
 * refers to, ties broken by name, so generated files read top-down and two
 * runs produce the same bytes. Shapes on a reference cycle are marked
 * `recursive`.
 */
import { childTargets } from "./shapes.js";
import type { Shape } from "./types.js";

export function orderShapes(shapes: ReadonlyMap<string, Shape>): Shape[] {
  const byName = [...shapes.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.id < b.id ? -1 : 1));
  const state = new Map<string, "visiting" | "done">();
  const order: Shape[] = [];
  /** The depth-first path: each shape with the children it has still to visit. An explicit stack, so a chain of thousands of shapes does not overflow the call stack. */
  const path: { shape: Shape; children: string[] }[] = [];
  const onPath: string[] = [];
  const enter = (shape: Shape) => {
    state.set(shape.id, "visiting");
    path.push({ shape, children: [...new Set(childTargets(shape))].sort().reverse() });
    onPath.push(shape.id);
  };
  for (const root of byName) {
    if (state.has(root.id)) continue;
    enter(root);
    while (path.length > 0) {
      const top = path[path.length - 1]!;
      const next = top.children.pop();
      if (next === undefined) {
        path.pop();
        onPath.pop();
        state.set(top.shape.id, "done");
        order.push(top.shape);
        continue;
      }
      const child = shapes.get(next);
      if (!child) continue;
      const s = state.get(child.id);
      if (s === "visiting") {
        // A cycle: everything on the path from the first occurrence is recursive.
        for (const id of onPath.slice(onPath.indexOf(child.id))) shapes.get(id)!.recursive = true;
      } else if (s === undefined) enter(child);
    }
  }
  return order;
}
