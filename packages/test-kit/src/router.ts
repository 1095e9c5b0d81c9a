/**
 * Finds the operation a request is for from the operations' `@http` traits:
 * method, path segments (literals, `{label}`, `{greedy+}`) and the literal
 * query parameters a uri may carry. The most specific match wins.
 */
import type { ServiceSchema } from "./schema.js";

export interface RouteMatch {
  operation: string;
  /** Decoded label values by member name (an empty segment gives ""). */
  labels: Record<string, string>;
}

type Segment = { literal: string } | { label: string; greedy: boolean };

interface Route {
  operation: string;
  method: string;
  segments: Segment[];
  query: [string, string | undefined][];
  score: number;
}

const compiled = new WeakMap<ServiceSchema, Route[]>();

function routesOf(schema: ServiceSchema): Route[] {
  let routes = compiled.get(schema);
  if (routes) return routes;
  routes = Object.entries(schema.operations).map(([operation, op]) => {
    const [path = "", query] = op.uri.split("?", 2) as [string, string | undefined];
    const segments: Segment[] = path
      .split("/")
      .slice(1)
      .map((s) => {
        const m = /^\{(\w+)(\+)?\}$/.exec(s);
        return m ? { label: m[1]!, greedy: m[2] === "+" } : { literal: s };
      });
    const literals = (query ?? "")
      .split("&")
      .filter(Boolean)
      .map((pair): [string, string | undefined] => {
        const eq = pair.indexOf("=");
        return eq < 0 ? [pair, undefined] : [pair.slice(0, eq), pair.slice(eq + 1)];
      });
    // Literal segments beat labels, then literal query parameters, then more segments; greedy labels come last.
    const score = segments.filter((s) => "literal" in s).length * 1000 + literals.length * 100 + segments.length * 10 - segments.filter((s) => "greedy" in s && s.greedy).length;
    return { operation, method: op.method.toUpperCase(), segments, query: literals, score };
  });
  routes.sort((a, b) => b.score - a.score || (a.operation < b.operation ? -1 : 1));
  compiled.set(schema, routes);
  return routes;
}

/** The operation a request is for, or undefined when no route matches. */
export function matchRoute(schema: ServiceSchema, method: string, path: string, query: Record<string, string | string[]>): RouteMatch | undefined {
  const parts = path.split("/").slice(1);
  for (const route of routesOf(schema)) {
    if (route.method !== method.toUpperCase()) continue;
    if (!route.query.every(([k, v]) => (v === undefined ? k in query : query[k] === v || (Array.isArray(query[k]) && query[k]!.includes(v))))) continue;
    const labels = matchSegments(route.segments, parts);
    if (labels) return { operation: route.operation, labels };
  }
  return undefined;
}

function matchSegments(segments: Segment[], parts: string[]): Record<string, string> | undefined {
  const labels: Record<string, string> = {};
  let i = 0;
  for (let k = 0; k < segments.length; k++) {
    const segment = segments[k]!;
    if ("literal" in segment) {
      if (i >= parts.length || safeDecode(parts[i]!) !== segment.literal) return undefined;
      i++;
    } else if (segment.greedy) {
      const after = segments.length - k - 1;
      const end = parts.length - after;
      if (end <= i) return undefined;
      setLabel(labels, segment.label, parts.slice(i, end).map(safeDecode).join("/"));
      i = end;
    } else {
      if (i >= parts.length) return undefined;
      setLabel(labels, segment.label, safeDecode(parts[i]!));
      i++;
    }
  }
  return i === parts.length ? labels : undefined;
}

/**
 * Labels are member names, and a member may be named `__proto__`: a plain
 * assignment would set the object's prototype instead of a label. Defining
 * the property keeps every name as data.
 */
function setLabel(labels: Record<string, string>, name: string, value: string): void {
  Object.defineProperty(labels, name, { value, enumerable: true, writable: true, configurable: true });
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
