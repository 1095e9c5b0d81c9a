/**
 * The `types` package: every modelled shape as a TypeScript type, enums as
 * `const` objects, no runtime dependency.
 */
import type { EnumShape, Member, ServiceIR, Shape, StructureShape, UnionShape } from "../../ir/types.js";
import type { GeneratedPackage } from "../../writer/package.js";
import { SourceFile } from "../../writer/source-file.js";
import type { EmitOptions, Emitter } from "../shared/options.js";
import { packageJson, scaffoldFiles } from "../shared/package-files.js";
import { dependenciesOf } from "../shared/runtime.js";
import { docTags, isOptional, propertyKey, typeOf, usesDocuments } from "../shared/typescript.js";
import { typesReadme } from "./readme.js";
import { isObjectInterfaceName, literalKey, optionalMemberType } from "../shared/property.js";

export const typesEmitter: Emitter = {
  kind: "types",
  emit(ir: ServiceIR, options: EmitOptions): GeneratedPackage {
    const models = new SourceFile("src/gen/models.ts");
    emitModels(ir, models);
    const index = new SourceFile("src/gen/index.ts");
    index.line(`export * from "./models.js";`);
    // Usually none: streaming members are typed with @smithy/types, bigDecimal ones as @smithy/core's NumericValue.
    const dependencies = dependenciesOf([models, index], {});
    return {
      kind: "types",
      name: options.packages.types,
      dir: options.dirs.types!,
      files: [
        { path: "src/gen/models.ts", contents: models.toString() },
        { path: "src/gen/index.ts", contents: index.toString() },
        packageJson(
          {
            kind: "types",
            name: options.packages.types,
            description: `TypeScript types for ${ir.service.title ?? ir.service.sdkId} (${ir.service.sdkId} ${ir.service.version}), generated from its Smithy model.`,
            dependencies,
            keywords: ["aws", ir.service.sdkId.toLowerCase(), "smithy", "types"],
          },
          options,
        ),
        { path: "README.md", contents: typesReadme(ir, options) },
      ],
      owned: ["src/gen", "package.json", "README.md"],
      scaffold: scaffoldFiles(),
    };
  },
};

/** Writes every named shape of the closure, dependencies first. */
export function emitModels(ir: ServiceIR, file: SourceFile): void {
  if (usesDocuments(ir)) {
    file.doc("A JSON-like value of a Smithy `document` member: it travels as-is.");
    file.line("export type DocumentType = null | boolean | number | string | DocumentType[] | { [key: string]: DocumentType };");
  }
  for (const shape of ir.shapes) {
    file.declare(shape.name);
    switch (shape.kind) {
      case "enum":
      case "intEnum":
        file.blank();
        emitEnum(file, shape);
        break;
      case "structure":
        file.blank();
        emitStructure(ir, file, shape);
        break;
      case "union":
        file.blank();
        emitUnion(ir, file, shape);
        break;
      default:
        break;
    }
  }
}

const isOpen = (shape: Shape) => shape.usage.output;

function emitEnum(file: SourceFile, shape: EnumShape): void {
  file.doc(shape.documentation, docTags(shape));
  file.block(`export const ${shape.name} = {`, () => {
    for (const v of shape.values) {
      file.doc(v.documentation, docTags(v));
      // `__proto__: "x"` in a literal would set the prototype: the value would be missing.
      file.line(`${literalKey(v.name)}: ${JSON.stringify(v.value)},`);
    }
  }, "} as const;");
  file.blank();
  file.doc(shape.documentation, docTags(shape));
  file.line(`export type ${shape.name} = (typeof ${shape.name})[keyof typeof ${shape.name}];`);
}

function memberLine(ir: ServiceIR, file: SourceFile, member: Member, open: boolean, optional = isOptional(member)): string {
  const type = typeOf(ir, file, member.target, { open });
  // `?: T | undefined`, as the AWS SDK declares them: under exactOptionalPropertyTypes a caller may
  // then pass a value of type `T | undefined` (`ClientToken: maybeToken`) as well as leave it out.
  return optional ? `${propertyKey(member.name)}?: ${optionalMemberType(member.name, type)} | undefined;` : `${propertyKey(member.name)}: ${type};`;
}

function emitStructure(ir: ServiceIR, file: SourceFile, shape: StructureShape): void {
  file.doc(shape.documentation, docTags(shape));
  if (shape.members.length === 0) {
    file.line(`export interface ${shape.name} {}`);
    return;
  }
  file.block(`export interface ${shape.name} {`, () => {
    shape.members.forEach((member, i) => {
      if (i > 0 && member.documentation) file.blank();
      file.doc(member.documentation, docTags(member));
      file.line(memberLine(ir, file, member, isOpen(shape)));
    });
  });
}

/**
 * A union is a discriminated type: one interface per member, each setting
 * exactly one key, plus `$unknown` for members added to the model later.
 */
function emitUnion(ir: ServiceIR, file: SourceFile, shape: UnionShape): void {
  const variants = shape.members.map((m) => `${shape.name}.${m.name}Member`);
  // Inside the namespace a shape named like a variant (`TextMember`) would mean the variant:
  // such shapes are referred to through a module-local alias declared before it.
  const inner = new Set([...shape.members.map((m) => `${m.name}Member`), "$UnknownMember"]);
  const aliases = new Map<string, string>();
  const types = new Map(
    shape.members.map((m) => [
      m,
      typeOf(ir, file, m.target, { open: isOpen(shape) }).replace(/[A-Za-z_$][\w$]*/g, (id) => {
        if (!inner.has(id)) return id;
        aliases.set(`${shape.name}$${id}`, id);
        return `${shape.name}$${id}`;
      }),
    ]),
  );
  file.doc(shape.documentation, [...docTags(shape), "Exactly one member is set. `$unknown` carries a member this version of the model does not know."]);
  file.line(`export type ${shape.name} = ${[...variants, `${shape.name}.$UnknownMember`].join(" | ")};`);
  file.blank();
  for (const [alias, target] of aliases) file.line(`type ${alias} = ${target};`);
  if (aliases.size) file.blank();
  file.doc(`The variants of {@link ${shape.name}}.`);
  file.block(`export declare namespace ${shape.name} {`, () => {
    for (const member of shape.members) {
      file.blank();
      file.doc(member.documentation, docTags(member));
      file.block(`interface ${member.name}Member {`, () => {
        for (const other of shape.members) {
          if (other === member) file.line(`${propertyKey(member.name)}: ${types.get(member)};`);
          // Every object has a `constructor` (a Function): `constructor?: never` would reject every value.
          else if (!isObjectInterfaceName(other.name)) file.line(`${propertyKey(other.name)}?: never;`);
        }
        file.line("$unknown?: never;");
      });
    }
    file.blank();
    file.doc("A member that this version of the model does not know: `[name, value]`.");
    file.block("interface $UnknownMember {", () => {
      for (const other of shape.members) if (!isObjectInterfaceName(other.name)) file.line(`${propertyKey(other.name)}?: never;`);
      file.line("$unknown: [string, unknown];");
    });
  });
}
