/**
 * `pagination/<Name>Paginator.ts`: for each operation with the `paginated`
 * trait, a `paginate<Name>` async generator on `@smithy/core`'s
 * `createPaginator`, as the AWS SDKs have, and `pagination/Interfaces.ts`
 * with the configuration they share.
 */
import type { Operation, ServiceIR } from "../../ir/types.js";
import { SourceFile } from "../../writer/source-file.js";
import { exampleObject } from "../shared/example-value.js";
import { commandFile } from "./commands.js";
import { GEN, rel } from "./paths.js";
import { clientRuntime } from "../shared/runtime.js";

export function paginatedOperations(ir: ServiceIR): Operation[] {
  return ir.operations.filter((op) => op.pagination);
}

export function paginationConfigName(ir: ServiceIR): string {
  return `${ir.service.clientName}PaginationConfiguration`;
}

export function paginatorFile(op: Operation): string {
  return `src/gen/pagination/${op.name}Paginator.ts`;
}

export function paginatorName(op: Operation): string {
  return `paginate${op.name}`;
}

export function emitPaginationInterfaces(ir: ServiceIR, clientFile: string): SourceFile {
  const file = new SourceFile("src/gen/pagination/Interfaces.ts");
  const name = paginationConfigName(ir);
  file.declare(name);
  const base = file.importType("@smithy/types", "PaginationConfiguration");
  const client = file.importType(rel(file.path, clientFile), `${ir.service.clientName}Client`);
  file.doc(
    `The first argument of every \`paginate…\` function: the client to send with, and optionally \`pageSize\`, \`startingToken\` (resume where an earlier run stopped), \`stopOnSameToken\` and \`withCommand\`.`,
  );
  file.block(`export interface ${name} extends ${base} {`, () => file.line(`client: ${client};`));
  return file;
}

export function emitPaginator(ir: ServiceIR, op: Operation, clientFile: string, clientPackage: string): SourceFile {
  const pagination = op.pagination!;
  const file = new SourceFile(paginatorFile(op));
  const name = paginatorName(op);
  file.declare(name);
  const command = `${op.name}Command`;
  const commandModule = rel(file.path, commandFile(op).replace("src/gen/", "").replace(/\.ts$/, ".js"));
  const commandClass = file.import(commandModule, command);
  const input = file.importType(commandModule, `${command}Input`);
  const output = file.importType(commandModule, `${command}Output`);
  const client = file.import(rel(file.path, clientFile), `${ir.service.clientName}Client`);
  const config = file.importType("./Interfaces.js", paginationConfigName(ir));
  const paginator = file.importType("@smithy/types", "Paginator");
  const createPaginator = file.import("@smithy/core", "createPaginator");

  const items = pagination.items ? ` Each page is the command's whole output; the page's items are in \`${pagination.items}\`.` : " Each page is the command's whole output.";
  const pageSize = pagination.pageSize ? ` \`config.pageSize\` sets \`${pagination.pageSize}\` on each request, unless the input sets it.` : "";
  const loop = pagination.items
    ? [`  for (const item of page.${pagination.items.split(".").join("?.")} ?? []) console.log(item);`]
    : ["  console.log(page);"];
  file.doc(
    `Sends {@link ${command}} page after page: each request carries the \`${pagination.outputToken}\` of the previous response as \`${pagination.inputToken}\`, until a response has none; a token the service repeats fails with \`PaginationLoopError\`.${items}${pageSize} Your \`input\` object is not modified.`,
    [
      ...(op.deprecated ? ["@deprecated"] : []),
      "@example",
      "```ts",
      `import { ${ir.service.clientName}Client, ${name}, type ${command}Input } from "${clientPackage}";`,
      "",
      `const client = new ${ir.service.clientName}Client({ region: "us-west-2" });`,
      ...`const input: ${command}Input = ${exampleObject(ir, op.input.id)};`.split("\n"),
      `for await (const page of ${name}({ client }, input)) {`,
      ...loop,
      "}",
      "```",
    ],
  );
  const args = [JSON.stringify(pagination.inputToken), JSON.stringify(pagination.outputToken), ...(pagination.pageSize ? [JSON.stringify(pagination.pageSize)] : [])];
  file.line(`export function ${name}(`);
  file.indent(() => {
    file.line(`config: ${config},`);
    file.line(`input: ${input},`);
    file.line("...additionalArguments: any[]");
  });
  file.block(`): ${paginator}<${output}> {`, () => {
    file.line(`const paginate = ${createPaginator}<${config}, ${input}, ${output}>(`);
    file.indent(() => [client, commandClass, ...args].forEach((a) => file.line(`${a},`)));
    file.line(");");
    // createPaginator writes the token into the input it is given: give it a copy. checkedPages
    // stops a service that repeats a token from making this loop forever.
    const checked = clientRuntime(file, "checkedPages");
    file.line(`return ${checked}(paginate(config, { ...input }, ...additionalArguments), config, input[${JSON.stringify(pagination.inputToken)}], ${JSON.stringify(pagination.outputToken)});`);
  });
  return file;
}
