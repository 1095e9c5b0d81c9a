export { GENERATED_HEADER, SourceFile, docLines } from "./source-file.js";
export type { GeneratedFile, GeneratedPackage } from "./package.js";
