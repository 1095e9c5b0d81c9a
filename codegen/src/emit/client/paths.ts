/** Where things live inside the generated client's `src/gen`, relative to a file there. */
export const GEN = {
  json: "protocols/json.js",
  errorDispatch: "protocols/errors.js",
  events: "protocols/events.js",
  sensitive: "protocols/sensitive.js",
  exceptions: "models/errors.js",
  service: "service.js",
  endpointRules: "endpoint/rules.js",
  validators: "validation/validators.js",
} as const;

/** A relative module specifier from one generated file to another (both under src/gen). */
export function rel(fromFile: string, toModule: string): string {
  const fromParts = fromFile.replace(/^src\/gen\//, "").split("/").slice(0, -1);
  const toParts = toModule.split("/");
  let i = 0;
  while (i < fromParts.length && i < toParts.length - 1 && fromParts[i] === toParts[i]) i++;
  const up = fromParts.length - i;
  const path = [...Array(up).fill(".."), ...toParts.slice(i)].join("/");
  return up === 0 ? `./${path}` : path;
}
