/**
 * Which wire protocol a service is generated for.
 *
 * A service names the protocols it speaks with protocol traits (`aws.protocols#restJson1`,
 * `smithy.protocols#rpcv2Cbor`, ...); a client speaks one of them. As in the AWS SDKs, the
 * generator takes the first the service declares in a fixed order of preference (binary and
 * RPC protocols first: they are cheaper to parse and route), among those it can generate; a
 * service's entry in `sdkgen.config.json` may name another of the service's protocols instead.
 */
import { type ModelProblem, shapePath } from "../load/problems.js";
import type { Traits } from "../load/types.js";

/** Every protocol trait the generator knows, by its short name. */
export const PROTOCOL_TRAITS = {
  rpcv2Cbor: "smithy.protocols#rpcv2Cbor",
  awsJson1_0: "aws.protocols#awsJson1_0",
  awsJson1_1: "aws.protocols#awsJson1_1",
  restJson1: "aws.protocols#restJson1",
  restXml: "aws.protocols#restXml",
  awsQuery: "aws.protocols#awsQuery",
  ec2Query: "aws.protocols#ec2Query",
  rpcv2Json: "smithy.protocols#rpcv2Json",
} as const;

export type Protocol = keyof typeof PROTOCOL_TRAITS;

/**
 * The order of preference when a service declares several protocols: the AWS SDK's (rpcv2Cbor,
 * awsJson1_0, awsJson1_1, restJson1, restXml, awsQuery), then the protocols it has no rank for.
 * This is the key order of {@link PROTOCOL_TRAITS}.
 */
export const PROTOCOL_PRIORITY = Object.keys(PROTOCOL_TRAITS) as Protocol[];

/** The protocols the generator can write clients for. */
export const IMPLEMENTED_PROTOCOLS: ReadonlySet<Protocol> = new Set<Protocol>(["awsJson1_0", "awsJson1_1", "restJson1", "rpcv2Cbor", "rpcv2Json"]);

/** Whether members are bound to HTTP messages (`@httpHeader`, `@httpLabel`, ...) in this protocol. */
export function usesHttpBindings(protocol: Protocol): boolean {
  return protocol === "restJson1" || protocol === "restXml";
}

/** Whether `@jsonName` renames members on the wire: restJson1 only (awsJson and rpcv2Json ignore it). */
export function usesJsonName(protocol: Protocol): boolean {
  return protocol === "restJson1";
}

/** Whether `@timestampFormat` applies: RPC v2 always sends epoch seconds (a CBOR tag 1 in rpcv2Cbor). */
export function usesTimestampFormat(protocol: Protocol): boolean {
  return protocol !== "rpcv2Cbor" && protocol !== "rpcv2Json";
}

export function isProtocol(name: string): name is Protocol {
  return Object.hasOwn(PROTOCOL_TRAITS, name);
}

/**
 * The protocol to generate `serviceId` for: `wanted` (a short name, from the config) when the
 * service declares it, else the first implemented one the service declares in priority order.
 * Reports one problem and returns undefined when there is none.
 */
export function chooseProtocol(serviceId: string, traits: Traits, wanted: string | undefined, problems: ModelProblem[]): Protocol | undefined {
  const declared = PROTOCOL_PRIORITY.filter((p) => PROTOCOL_TRAITS[p] in traits);
  const path = shapePath(serviceId, "traits");
  const supported = [...IMPLEMENTED_PROTOCOLS].join(", ");
  if (wanted !== undefined) {
    if (!isProtocol(wanted)) {
      problems.push({ shapeId: serviceId, path, message: `the configured protocol ${JSON.stringify(wanted)} is not a protocol (one of ${PROTOCOL_PRIORITY.join(", ")})` });
    } else if (!declared.includes(wanted)) {
      problems.push({ shapeId: serviceId, path, message: `the configured protocol ${wanted} is not one of the service's (${declared.join(", ") || "none"})` });
    } else if (!IMPLEMENTED_PROTOCOLS.has(wanted)) {
      problems.push({ shapeId: serviceId, path, message: `the configured protocol ${wanted} is not supported yet (supported: ${supported})` });
    } else return wanted;
    return undefined;
  }
  const chosen = declared.find((p) => IMPLEMENTED_PROTOCOLS.has(p));
  if (chosen) return chosen;
  const found = Object.keys(traits).filter((t) => t.startsWith("aws.protocols#") || t.startsWith("smithy.protocols#"));
  problems.push({
    shapeId: serviceId,
    path,
    message: `service has no supported protocol (supported: ${supported})${found.length ? `; found ${found.join(", ")}` : ""}`,
  });
  return undefined;
}
