/** The library API of the generator; `sdkgen` (cli.ts) is a thin shell around it. */
export { loadModelFile, parseModel, validateModel, ModelError, formatProblem, type ModelProblem } from "./load/index.js";
export type { SmithyModel, AstShape, AstMember } from "./load/index.js";
export { buildIR, type BuildOptions } from "./ir/index.js";
export type * from "./ir/types.js";
export { SourceFile, docLines, GENERATED_HEADER } from "./writer/index.js";
export type { GeneratedFile, GeneratedPackage } from "./writer/index.js";
export type { Emitter, EmitOptions } from "./emit/shared/options.js";
export { typesEmitter } from "./emit/types/emit.js";
export { clientEmitter } from "./emit/client/emit.js";
export { fixturesEmitter, fixtureWarnings } from "./emit/fixtures/emit.js";
export { writePackages, checkPackages, type Drift } from "./output/write.js";
export { loadConfig, CONFIG_FILE, type GenerateConfig } from "./config/config.js";
export { generate, generateFromModel, generateAndWrite, check, configForModel, DEFAULT_EMITTERS } from "./generate.js";
export * from "./diff/index.js";
export { validateModel as validateSmithyModel, formatEvent, hasFailures, type ValidationEvent, type Severity } from "./validate/index.js";
export { validateFiles } from "./validate/files.js";
export { translatePattern, type PatternTranslation } from "./load/regex.js";
