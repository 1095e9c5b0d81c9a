export { loadModelFile, parseModel, validateModel } from "./load.js";
export { ModelError, formatProblem, shapePath, type ModelProblem } from "./problems.js";
export { PRELUDE_SHAPES, UNIT, isPreludeId } from "./prelude.js";
export type * from "./types.js";
