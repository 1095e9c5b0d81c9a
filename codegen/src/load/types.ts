/**
 * The Smithy 2.0 JSON AST, as read from disk.
 *
 * Only the parts of the AST the generator reads are typed; trait values stay
 * `unknown` until a stage that understands them narrows them.
 */

export type ShapeType =
  | "blob"
  | "boolean"
  | "string"
  | "byte"
  | "short"
  | "integer"
  | "long"
  | "float"
  | "double"
  | "bigInteger"
  | "bigDecimal"
  | "timestamp"
  | "document"
  | "enum"
  | "intEnum"
  | "list"
  | "set"
  | "map"
  | "structure"
  | "union"
  | "service"
  | "operation"
  | "resource"
  | "apply";

export const SHAPE_TYPES: ReadonlySet<string> = new Set<ShapeType>([
  "blob",
  "boolean",
  "string",
  "byte",
  "short",
  "integer",
  "long",
  "float",
  "double",
  "bigInteger",
  "bigDecimal",
  "timestamp",
  "document",
  "enum",
  "intEnum",
  "list",
  "set",
  "map",
  "structure",
  "union",
  "service",
  "operation",
  "resource",
  "apply",
]);

export type Traits = Record<string, unknown>;

export interface AstReference {
  target: string;
}

export interface AstMember {
  target: string;
  traits?: Traits;
}

export interface AstShape {
  type: ShapeType;
  traits?: Traits;
  /** structure, union, enum, intEnum */
  members?: Record<string, AstMember>;
  /** list, set */
  member?: AstMember;
  /** map */
  key?: AstMember;
  value?: AstMember;
  mixins?: AstReference[];
  /** service */
  version?: string;
  operations?: AstReference[];
  resources?: AstReference[];
  errors?: AstReference[];
  rename?: Record<string, string>;
  /** operation */
  input?: AstReference;
  output?: AstReference;
  /** resource */
  identifiers?: Record<string, AstReference>;
  properties?: Record<string, AstReference>;
  create?: AstReference;
  put?: AstReference;
  read?: AstReference;
  update?: AstReference;
  delete?: AstReference;
  list?: AstReference;
  collectionOperations?: AstReference[];
}

export interface SmithyModel {
  smithy: string;
  metadata?: Record<string, unknown>;
  shapes: Record<string, AstShape>;
}
