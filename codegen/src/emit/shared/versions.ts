/**
 * The tools generated packages' own tests use (devDependencies), at the versions written into
 * package.json. The ranges of runtime dependencies (@smithy/*, @aws-sdk/*, fast-check) are not
 * here: they come from the runtime packages' own package.json files (see `runtime.ts`).
 */
export const RUNTIME_VERSIONS: Record<string, string> = {
  "aws-sdk-client-mock": "^4.1.0",
  esbuild: "^0.28.2",
};
