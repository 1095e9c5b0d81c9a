export { buildIR, childTargets, type BuildOptions } from "./build.js";
export { clientNameFromSdkId, lowerFirst, packageSlug, safeTypeName } from "./naming.js";
export type * from "./types.js";
