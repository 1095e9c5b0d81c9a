/**
 * Shapes a model may name without defining them, the way Smithy finds them
 * on its classpath: the prelude (`smithy.api`) and the AWS and Smithy trait
 * definitions the generator understands (see ../traits/definitions.ts).
 */
import { TRAIT_SHAPES } from "../traits/definitions.js";

/** The names of every shape of the prelude, traits included (relative ids resolve to them). */
export const PRELUDE_NAMES: ReadonlySet<string> = new Set(
  [
    // simple shapes
    "String Blob BigInteger BigDecimal Timestamp Document Boolean PrimitiveBoolean Byte PrimitiveByte Short PrimitiveShort",
    "Integer PrimitiveInteger Long PrimitiveLong Float PrimitiveFloat Double PrimitiveDouble Unit",
    // traits
    "trait deprecated documentation externalDocumentation auth protocolDefinition authDefinition httpBasicAuth httpDigestAuth",
    "httpBearerAuth httpApiKeyAuth default addedDefault clientOptional optionalAuth examples error retryable readonly idempotent",
    "idempotencyToken internal jsonName xmlAttribute xmlFlattened xmlName xmlNamespace noReplace mediaType references",
    "resourceIdentifier private sensitive since streaming requiresLength tags title enum enumValue enumDefault length range",
    "pattern required property notProperty nestedProperties recommended sparse uniqueItems unstable paginated http httpLabel",
    "httpQuery httpQueryParams httpHeader httpPrefixHeaders httpPayload httpError httpResponseCode cors eventPayload eventHeader",
    "idRef timestampFormat endpoint hostLabel suppress httpChecksumRequired input output unitType mixin requestCompression",
    "traitValidators box longPoll metadata",
    // private helper shapes of the prelude
    "StructurallyExclusive AuthTraitReference TraitShapeIdList TraitShapeId HttpApiKeyLocations Example ExampleError",
    "NonEmptyString Reference NonEmptyStringMap EnumDefinition EnumConstantBodyName NonEmptyStringList LocalMixinTraitList",
    "LocalMixinTrait TraitValidatorsMap TraitValidator Severity TimestampFormat",
  ]
    .join(" ")
    .split(" "),
);

/** Prelude traits whose shape is a list (an annotation `@tags` means `[]`). */
const PRELUDE_LIST_TRAITS = ["auth", "examples", "references", "tags", "enum", "suppress"];

/** Shape type of each trait shape known without a definition in the model. */
export const TRAIT_DEFINITIONS: ReadonlyMap<string, string> = new Map<string, string>([
  ...[...PRELUDE_NAMES].map((n): [string, string] => [`smithy.api#${n}`, PRELUDE_LIST_TRAITS.includes(n) ? "list" : "structure"]),
  ...Object.entries(TRAIT_SHAPES).map(([id, shape]): [string, string] => [id, shape.type]),
]);
