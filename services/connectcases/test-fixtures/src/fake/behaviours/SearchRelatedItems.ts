// Scaffolded once by sdkgen; yours to edit: how the fake answers SearchRelatedItems.
// The input has been routed, signature-checked and validated against the model before it gets here.
import { FakeServiceError } from "@connect-sdk/test-kit";
import type { ConnectCasesBehaviour } from "../../gen/fake/types.js";

export const SearchRelatedItems: ConnectCasesBehaviour<"SearchRelatedItems"> = () => {
  throw new FakeServiceError("NotImplemented", { message: "The fake does not implement SearchRelatedItems yet." }, 501);
};
