/**
 * Definitions of the AWS and Smithy traits the generator understands, in
 * JSON AST form, shipped with sdkgen the way Smithy finds them on its
 * classpath: a model may `use aws.protocols#restJson1` without defining it.
 *
 * Written for sdkgen from the specs in smithy's docs (aws/*, additional-specs/*);
 * they describe each trait's shape type, selector and members, which is what
 * loading (annotation values) and validation need. A model that defines one
 * of these shapes itself uses its own definition.
 */
import type { AstMember, AstShape } from "../types.js";

const str: AstMember = { target: "smithy.api#String" };
const bool: AstMember = { target: "smithy.api#Boolean" };
const strings = "smithy.api#NonEmptyStringList";

function trait(selector: string, shape: Omit<AstShape, "traits">, extra: Record<string, unknown> = {}): AstShape {
  return { ...shape, traits: { "smithy.api#trait": { selector }, ...extra } } as AstShape;
}
const structure = (selector: string, members: Record<string, AstMember> = {}, extra?: Record<string, unknown>) =>
  trait(selector, { type: "structure", members }, extra);

const HTTP_PROTOCOL_MEMBERS: Record<string, AstMember> = {
  http: { target: strings },
  eventStreamHttp: { target: strings },
};
const protocol = (traits: string[]) =>
  structure("service", HTTP_PROTOCOL_MEMBERS, { "smithy.api#protocolDefinition": { traits } });

export const TRAIT_SHAPES: Readonly<Record<string, AstShape>> = {
  // aws.api
  "aws.api#service": structure("service", {
    sdkId: { target: "smithy.api#String", traits: { "smithy.api#required": {} } },
    arnNamespace: str,
    cloudFormationName: str,
    cloudTrailEventSource: str,
    docId: str,
    endpointPrefix: str,
  }),
  "aws.api#arn": structure("resource", {
    template: { target: "smithy.api#String", traits: { "smithy.api#required": {} } },
    absolute: bool,
    noRegion: bool,
    noAccount: bool,
    reusable: bool,
  }),
  "aws.api#arnReference": structure("string", { type: str, service: str, resource: str }),
  "aws.api#clientEndpointDiscovery": structure("service", { operation: str, error: str }),
  "aws.api#clientDiscoveredEndpoint": structure("operation", { required: { target: "smithy.api#Boolean", traits: { "smithy.api#required": {} } } }),
  "aws.api#clientEndpointDiscoveryId": structure("operation > structure > member"),
  "aws.api#controlPlane": structure(":is(service, resource, operation)"),
  "aws.api#dataPlane": structure(":is(service, resource, operation)"),
  "aws.api#data": trait(":test(simpleType, list, structure, union, member)", { type: "string" }),
  "aws.api#tagEnabled": structure("service", { disableDefaultOperations: bool }),
  "aws.api#taggable": structure("resource", { property: str, apiConfig: str, disableSystemTags: bool }),
  // aws.auth
  "aws.auth#sigv4": structure("service", { name: { target: "smithy.api#String", traits: { "smithy.api#required": {} } } }, { "smithy.api#authDefinition": { traits: ["aws.auth#unsignedPayload"] } }),
  "aws.auth#sigv4a": structure("service", { name: { target: "smithy.api#String", traits: { "smithy.api#required": {} } } }, { "smithy.api#authDefinition": { traits: ["aws.auth#unsignedPayload"] } }),
  "aws.auth#unsignedPayload": structure("operation"),
  "aws.auth#cognitoUserPools": structure("service", { providerArns: { target: strings, traits: { "smithy.api#required": {} } } }, { "smithy.api#authDefinition": {} }),
  // aws.protocols
  "aws.protocols#restJson1": protocol(["smithy.api#cors", "smithy.api#endpoint", "smithy.api#hostLabel", "smithy.api#http", "smithy.api#httpError", "smithy.api#httpHeader", "smithy.api#httpLabel", "smithy.api#httpPayload", "smithy.api#httpPrefixHeaders", "smithy.api#httpQuery", "smithy.api#httpQueryParams", "smithy.api#httpResponseCode", "smithy.api#jsonName", "smithy.api#timestampFormat"]),
  "aws.protocols#awsJson1_0": protocol(["smithy.api#timestampFormat", "smithy.api#cors", "smithy.api#endpoint", "smithy.api#hostLabel"]),
  "aws.protocols#awsJson1_1": protocol(["smithy.api#timestampFormat", "smithy.api#cors", "smithy.api#endpoint", "smithy.api#hostLabel"]),
  "aws.protocols#restXml": protocol(["smithy.api#cors", "smithy.api#endpoint", "smithy.api#hostLabel", "smithy.api#http", "smithy.api#httpError", "smithy.api#httpHeader", "smithy.api#httpLabel", "smithy.api#httpPayload", "smithy.api#httpPrefixHeaders", "smithy.api#httpQuery", "smithy.api#httpQueryParams", "smithy.api#httpResponseCode", "smithy.api#xmlAttribute", "smithy.api#xmlFlattened", "smithy.api#xmlName", "smithy.api#xmlNamespace", "smithy.api#timestampFormat"]),
  "aws.protocols#awsQuery": structure("service [trait|xmlNamespace]", {}, { "smithy.api#protocolDefinition": { noInlineDocumentSupport: true } }),
  "aws.protocols#ec2Query": structure("service [trait|xmlNamespace]", {}, { "smithy.api#protocolDefinition": { noInlineDocumentSupport: true } }),
  "aws.protocols#ec2QueryName": trait("structure > member", { type: "string" }),
  "aws.protocols#awsQueryError": structure("structure [trait|error]", {
    code: { target: "smithy.api#String", traits: { "smithy.api#required": {} } },
    httpResponseCode: { target: "smithy.api#Integer", traits: { "smithy.api#required": {} } },
  }),
  "aws.protocols#awsQueryCompatible": structure("service"),
  "aws.protocols#httpChecksum": structure("operation", {
    requestAlgorithmMember: str,
    requestChecksumRequired: bool,
    requestValidationModeMember: str,
    responseAlgorithms: { target: strings },
  }),
  // aws.customizations
  "aws.customizations#s3UnwrappedXmlOutput": structure("operation"),
  // smithy.protocols
  "smithy.protocols#rpcv2Cbor": protocol([]),
  "smithy.protocols#rpcv2Json": protocol([]),
  // smithy.rules
  "smithy.rules#endpointRuleSet": trait("service", { type: "document" }),
  "smithy.rules#endpointTests": structure("service", { version: { target: "smithy.api#String", traits: { "smithy.api#required": {} } }, testCases: { target: "smithy.api#Document" } }),
  "smithy.rules#clientContextParams": trait("service", { type: "map", key: str, value: { target: "smithy.api#Document" } }),
  "smithy.rules#staticContextParams": trait("operation", { type: "map", key: str, value: { target: "smithy.api#Document" } }),
  "smithy.rules#operationContextParams": trait("operation", { type: "map", key: str, value: { target: "smithy.api#Document" } }),
  "smithy.rules#contextParam": structure("structure > member", { name: { target: "smithy.api#String", traits: { "smithy.api#required": {} } } }),
  // smithy.waiters
  "smithy.waiters#waitable": trait("operation :not(-[input, output]-> structure > member > union[trait|streaming])", { type: "map", key: str, value: { target: "smithy.api#Document" } }),
};
