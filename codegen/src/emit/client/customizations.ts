/**
 * Service customizations: what a service needs that its model does not say, keyed on the service
 * shape id, as smithy-typescript's integrations add `@aws-sdk/middleware-sdk-*` plugins to the AWS
 * SDK clients of those services. Each is runtime middleware (`@connect-sdk/client-runtime`) that
 * every command of the service adds to its operation; Smithy's protocol tests cover them
 * (`com.amazonaws.apigateway`, `com.amazonaws.glacier`).
 */
import type { ServiceIR } from "../../ir/types.js";
import type { ClientRuntimeValue } from "../shared/runtime.js";

const CUSTOMIZATIONS: Readonly<Record<string, readonly ClientRuntimeValue[]>> = {
  // `Accept: application/json` on every request.
  "com.amazonaws.apigateway#BackplaneControlService": ["apiGatewayMiddleware"],
  // `-` for an empty account id, `x-amz-glacier-version`, and the SHA-256 and tree-hash headers of a body.
  "com.amazonaws.glacier#Glacier": ["glacierMiddleware"],
};

/** The runtime middleware every operation of the service takes, if it is one with customizations. */
export function serviceCustomizations(ir: ServiceIR): readonly ClientRuntimeValue[] {
  return Object.hasOwn(CUSTOMIZATIONS, ir.service.id) ? CUSTOMIZATIONS[ir.service.id]! : [];
}
