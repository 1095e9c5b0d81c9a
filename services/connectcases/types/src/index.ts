// The package's public entry point. The generated code lives in ./gen (rewritten on every
// `sdkgen generate`); add hand-written exports here.
export * from "./gen/index.js";
