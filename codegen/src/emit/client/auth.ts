/**
 * The auth schemes of a generated client (see `ir/auth.ts` for how each operation's are found).
 * A service whose operations all use SigV4 alone emits nothing: the runtime's built-in SigV4 path
 * signs its calls, and its bundle carries no other scheme. Any other service lists its default
 * schemes in `serviceInfo.auth` and each operation that differs lists its own; the runtime picks
 * one per call. Only the schemes the model names are imported.
 */
import { NO_AUTH, SIGV4, SIGV4A } from "../../ir/auth.js";
import type { Operation, ServiceIR } from "../../ir/types.js";
import type { SourceFile } from "../../writer/source-file.js";
import { clientRuntime } from "../shared/runtime.js";
import { GEN, rel } from "./paths.js";

const BEARER = "smithy.api#httpBearerAuth";
const API_KEY = "smithy.api#httpApiKeyAuth";
const BASIC = "smithy.api#httpBasicAuth";

/** Whether the client needs the runtime's auth schemes (anything but SigV4 on every operation). */
export function usesAuthSchemes(ir: ServiceIR): boolean {
  return ir.operations.some((op) => op.auth.length !== 1 || op.auth[0] !== SIGV4);
}

/** Every scheme some operation of the service uses. */
export function authSchemesUsed(ir: ServiceIR): Set<string> {
  return new Set(ir.operations.flatMap((op) => op.auth));
}

/** The client options the schemes read, as `AuthInputConfig` names them. */
export function authOptions(ir: ServiceIR): string[] {
  if (!usesAuthSchemes(ir)) return [];
  const used = authSchemesUsed(ir);
  const options = ["authSchemePreference"];
  if (used.has(BEARER)) options.push("token");
  if (used.has(API_KEY)) options.push("apiKey");
  if (used.has(BASIC)) options.push("username", "password");
  if (used.has(SIGV4A)) options.push("sigv4aSigningRegionSet");
  return options;
}

/** Names of the schemes that `service.ts` builds (from a trait's values, or a signer class) and exports. */
const SERVICE_SCHEMES: Record<string, string> = { [SIGV4A]: "sigv4aScheme", [API_KEY]: "apiKeyScheme" };

/** Declares, in `service.ts`, the schemes built from a factory; call before {@link authSchemeList}. */
export function declareServiceSchemes(file: SourceFile, ir: ServiceIR): void {
  const used = authSchemesUsed(ir);
  if (used.has(SIGV4A)) {
    file.declare(SERVICE_SCHEMES[SIGV4A]!);
    const signer = file.import("@smithy/signature-v4a", "SignatureV4a");
    file.doc("SigV4a (`aws.auth#sigv4a`, or the endpoint rules' `sigv4a`), on `@smithy/signature-v4a`.");
    file.line(`export const ${SERVICE_SCHEMES[SIGV4A]} = /* @__PURE__ */ ${clientRuntime(file, "sigv4aAuth")}(${signer});`);
    file.blank();
  }
  if (used.has(API_KEY)) {
    const trait = ir.service.traits[API_KEY] as { name: string; in: string; scheme?: string };
    const properties = [`name: ${JSON.stringify(trait.name)}`, `in: ${JSON.stringify(trait.in)}`, ...(trait.scheme !== undefined ? [`scheme: ${JSON.stringify(trait.scheme)}`] : [])];
    file.declare(SERVICE_SCHEMES[API_KEY]!);
    file.doc("`smithy.api#httpApiKeyAuth`: the `apiKey` option, where the trait puts it.");
    file.line(`export const ${SERVICE_SCHEMES[API_KEY]} = /* @__PURE__ */ ${clientRuntime(file, "httpApiKeyAuth")}({ ${properties.join(", ")} });`);
    file.blank();
  }
}

/** `[scheme, …]`: the schemes of a list, imported into `file`. */
export function authSchemeList(file: SourceFile, schemes: readonly string[]): string {
  const serviceFile = rel(file.path, GEN.service);
  const expression = (id: string): string => {
    switch (id) {
      case SIGV4:
        return clientRuntime(file, "sigv4Auth");
      case NO_AUTH:
        return clientRuntime(file, "noAuth");
      case BEARER:
        return clientRuntime(file, "httpBearerAuth");
      case BASIC:
        return clientRuntime(file, "httpBasicAuth");
      case SIGV4A:
      case API_KEY:
        return file.path.endsWith(GEN.service.replace(".js", ".ts")) ? SERVICE_SCHEMES[id]! : file.import(serviceFile, SERVICE_SCHEMES[id]!);
      default:
        // The IR keeps only the schemes above.
        throw new Error(`sdkgen: no runtime auth scheme for ${id}`);
    }
  };
  return `[${schemes.map(expression).join(", ")}]`;
}

/** The operation's own schemes, when they differ from the service's default. */
export function operationAuth(ir: ServiceIR, op: Operation): readonly string[] | undefined {
  if (!usesAuthSchemes(ir)) return undefined;
  const same = op.auth.length === ir.service.auth.length && op.auth.every((id, i) => id === ir.service.auth[i]);
  return same ? undefined : op.auth;
}
