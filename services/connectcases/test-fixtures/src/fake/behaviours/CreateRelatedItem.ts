// Scaffolded once by sdkgen; yours to edit: how the fake answers CreateRelatedItem.
// The input has been routed, signature-checked and validated against the model before it gets here.
import { FakeServiceError } from "@connect-sdk/test-kit";
import type { ConnectCasesBehaviour } from "../../gen/fake/types.js";

export const CreateRelatedItem: ConnectCasesBehaviour<"CreateRelatedItem"> = () => {
  throw new FakeServiceError("NotImplemented", { message: "The fake does not implement CreateRelatedItem yet." }, 501);
};
