// Scaffolded once by sdkgen; yours to edit: how the fake answers GetCase.
// The input has been routed, signature-checked and validated against the model before it gets here.
import { FakeServiceError } from "@connect-sdk/test-kit";
import type { ConnectCasesBehaviour } from "../../gen/fake/types.js";

export const GetCase: ConnectCasesBehaviour<"GetCase"> = () => {
  throw new FakeServiceError("NotImplemented", { message: "The fake does not implement GetCase yet." }, 501);
};
