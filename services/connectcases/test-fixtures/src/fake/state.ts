// Scaffolded once by sdkgen; yours to edit: the in-memory state the fake's behaviours share.
import type { FakeEnvironment } from "@connect-sdk/test-kit";

/** Options of the state, accepted by the fake's start function. */
export interface FakeStateOptions {}

export interface FakeState {
  environment: FakeEnvironment;
}

export function createFakeState(_options: FakeStateOptions, environment: FakeEnvironment): FakeState {
  return { environment };
}
