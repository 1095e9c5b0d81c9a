// Scaffolded once by sdkgen; yours to edit: how the fake answers CreateCase.
// The input has been routed, signature-checked and validated against the model before it gets here.
import { FakeServiceError } from "@connect-sdk/test-kit";
import type { ConnectCasesBehaviour } from "../../gen/fake/types.js";

export const CreateCase: ConnectCasesBehaviour<"CreateCase"> = () => {
  throw new FakeServiceError("NotImplemented", { message: "The fake does not implement CreateCase yet." }, 501);
};
