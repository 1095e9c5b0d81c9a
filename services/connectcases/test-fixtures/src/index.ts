// The package's public entry point. The generated code lives in ./gen (rewritten on every
// `sdkgen generate`); the fake's behaviours and state in ./fake are hand-written.
export * from "./gen/index.js";
export { FakeState, type AttachedFileDirectory, type CaseRecord, type FakeStateOptions, type RelatedItemRecord } from "./fake/state.js";
