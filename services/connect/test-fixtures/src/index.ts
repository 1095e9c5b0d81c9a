// The package's public entry point. The generated code lives in ./gen (rewritten on every
// `sdkgen generate`); the fake's behaviours and state in ./fake are hand-written.
export * from "./gen/index.js";
export { DEFAULT_SCAN, FakeState, type FakeStateOptions, type FileRecord, type FinalFileStatus, type ScanSubject } from "./fake/state.js";
