export { buildIR, type BuildOptions } from "./build.js";
export { childTargets, isOptional } from "./shapes.js";
export { clientNameFromSdkId, lowerFirst, packageSlug, safeTypeName } from "./naming.js";
export type * from "./types.js";
