/**
 * `waiters/waitFor<Name>.ts`: for each waiter of a `smithy.waiters#waitable` operation,
 * `waitUntil<Name>(params, input)` on `@smithy/core`'s `createWaiter` (through the client runtime), as the AWS SDK for
 * JavaScript v3 has them (and its deprecated `waitFor<Name>`, which returns the result instead of
 * throwing). The acceptors are compiled: each JMESPath path becomes TypeScript over the typed
 * output (see `jmespath.ts`), checked in the order the model lists them.
 *
 * Where the AWS SDK and Smithy's waiter spec disagree, the spec is followed: an error that no
 * acceptor matches ends the wait in failure (step 4 of the spec's workflow), where the AWS SDK
 * keeps polling until the time runs out.
 */
import type { Acceptor, Operation, ServiceIR, Waiter } from "../../ir/types.js";
import { ModelError, type ModelProblem, shapePath } from "../../load/problems.js";
import { SourceFile } from "../../writer/source-file.js";
import { exampleObject } from "../shared/example-value.js";
import { clientRuntime, clientRuntimeType } from "../shared/runtime.js";
import { commandFile } from "./commands.js";
import { JmesCompileError, JmesCompiler, kindOf } from "./jmespath.js";
import { baseExceptionName } from "./errors.js";
import { GEN, rel } from "./paths.js";

export interface WaiterOf {
  op: Operation;
  waiter: Waiter;
}

/** Every waiter of the service, by name. */
export function serviceWaiters(ir: ServiceIR): WaiterOf[] {
  return ir.operations
    .flatMap((op) => (op.waiters ?? []).map((waiter) => ({ op, waiter })))
    .sort((a, b) => (a.waiter.name < b.waiter.name ? -1 : a.waiter.name > b.waiter.name ? 1 : 0));
}

export function waiterFile(waiter: Waiter): string {
  return `src/gen/waiters/waitFor${waiter.name}.ts`;
}

const STATE = { success: "SUCCESS", failure: "FAILURE", retry: "RETRY" } as const;

/** The waiter files; throws {@link ModelError} naming each path the compiler refuses. */
export function emitWaiters(ir: ServiceIR, clientFile: string, clientPackage: string): SourceFile[] {
  const problems: ModelProblem[] = [];
  const files = serviceWaiters(ir).map(({ op, waiter }) => emitWaiter(ir, op, waiter, clientFile, clientPackage, problems));
  if (problems.length) throw new ModelError(problems);
  return files;
}

function emitWaiter(ir: ServiceIR, op: Operation, waiter: Waiter, clientFile: string, clientPackage: string, problems: ModelProblem[]): SourceFile {
  const file = new SourceFile(waiterFile(waiter));
  const until = `waitUntil${waiter.name}`;
  const legacy = `waitFor${waiter.name}`;
  file.declare(until, legacy, "checkState", "serviceDefaults");
  const command = `${op.name}Command`;
  const commandModule = rel(file.path, commandFile(op).replace("src/gen/", "").replace(/\.ts$/, ".js"));
  const commandClass = file.import(commandModule, command);
  const input = file.importType(commandModule, `${command}Input`);
  const output = file.importType(commandModule, `${command}Output`);
  const clientName = `${ir.service.clientName}Client`;
  const client = file.importType(rel(file.path, clientFile), clientName);
  const createWaiter = clientRuntime(file, "createWaiter");
  const checkExceptions = clientRuntime(file, "checkExceptions");
  const WaiterState = clientRuntime(file, "WaiterState");
  const WaiterResult = clientRuntimeType(file, "WaiterResult");
  const WaiterConfiguration = file.importType("@smithy/types", "WaiterConfiguration");
  const baseException = file.importType(rel(file.path, GEN.exceptions), baseExceptionName(ir));
  // As the AWS SDK types it: the last output, or the error that ended the wait.
  const result = `${WaiterResult}<${output} | ${baseException}>`;
  const returnState = (a: Acceptor, reason: string) => `return { state: ${WaiterState}.${STATE[a.state]}, reason: ${reason} };`;

  const onOutput = waiter.acceptors.filter((a) => a.matcher.kind === "output" || a.matcher.kind === "inputOutput" || (a.matcher.kind === "success" && a.matcher.value));
  const onError = waiter.acceptors.filter((a) => a.matcher.kind === "errorType" || (a.matcher.kind === "success" && !a.matcher.value));

  file.doc(`Sends {@link ${command}} once and applies the acceptors of the ${waiter.name} waiter, in the model's order.`);
  file.block(`async function checkState(client: ${client}, input: ${input}): Promise<${result}> {`, () => {
    file.line(`let output: ${output};`);
    file.line("try {");
    file.indent(() => file.line(`output = await client.send(new ${commandClass}(input));`));
    file.block("} catch (error) {", () => {
      for (const a of onError) {
        if (a.matcher.kind === "errorType") {
          file.line(`if (${clientRuntime(file, "errorName")}(error) === ${JSON.stringify(a.matcher.name)}) ${returnState(a, "error")}`);
        } else {
          file.line(returnState(a, "error"));
          return;
        }
      }
      file.line("// No acceptor matched the error: the wait ends in failure (step 4 of Smithy's waiter workflow).");
      file.line(`return { state: ${WaiterState}.FAILURE, reason: error };`);
    });
    for (const a of onOutput) {
      const m = a.matcher;
      if (m.kind === "success") {
        file.line(returnState(a, "output"));
        return;
      }
      if (m.kind !== "output" && m.kind !== "inputOutput") continue;
      const index = waiter.acceptors.indexOf(a);
      const where = shapePath(op.id, "traits", "smithy.waiters#waitable", waiter.name, "acceptors", index, "matcher", m.kind, "path");
      try {
        const compiler = new JmesCompiler(ir, file);
        // An inputOutput path starts at `{ input, output }`: its `input` and `output` fields are
        // the variables of the same names.
        const root = m.kind === "output" ? { code: "output", defined: true, type: { k: "shape", shape: op.output } as const } : { code: "({ input, output })", type: { k: "io", input: op.input, output: op.output } as const };
        const value = compiler.compile(m.ast, root);
        const kind = kindOf(value.type);
        let condition: string;
        switch (m.comparator) {
          case "stringEquals":
            if (kind !== "string") throw new JmesCompileError(`stringEquals needs a string, and the path gives a ${kind}`);
            condition = `${value.code} === ${JSON.stringify(m.expected)}`;
            break;
          case "booleanEquals":
            if (kind !== "boolean") throw new JmesCompileError(`booleanEquals needs a boolean, and the path gives a ${kind}`);
            // A never-null boolean is compared as it is; one that can be null (a member) is `=== true`.
            condition = value.strict ? `${m.expected === "true" ? "" : "!"}${value.code}` : `${value.code} === ${m.expected}`;
            break;
          case "allStringEquals":
          case "anyStringEquals": {
            if (kind !== "array") throw new JmesCompileError(`${m.comparator} needs a list of strings, and the path gives a ${kind}`);
            const itemKind = kindOf(compiler.itemType(value.type));
            if (itemKind !== "string" && itemKind !== "any") throw new JmesCompileError(`${m.comparator} needs a list of strings, and the path gives a list of ${itemKind}s`);
            condition = `${clientRuntime(file, m.comparator)}(${value.code}, ${JSON.stringify(m.expected)})`;
            break;
          }
        }
        file.line(`// ${m.path.replace(/\s+/g, " ")} (${m.comparator} ${JSON.stringify(m.expected)}): ${a.state}`);
        if (compiler.raises) file.line(`if (${clientRuntime(file, "jmesMatches")}(() => ${condition})) ${returnState(a, "output")}`);
        else file.line(`if (${condition}) ${returnState(a, "output")}`);
      } catch (error) {
        if (!(error instanceof JmesCompileError)) throw error;
        problems.push({ shapeId: op.id, path: where, message: `waiter ${waiter.name}: path ${JSON.stringify(m.path)}: ${error.message}` });
      }
    }
    file.line(`return { state: ${WaiterState}.RETRY, reason: output };`);
  });

  const delays = `{ minDelay: ${waiter.minDelay}, maxDelay: ${waiter.maxDelay} }`;
  const docText = waiter.documentation ? `${waiter.documentation}\n\n` : "";
  const example = [
    "@example",
    "```ts",
    `import { ${clientName}, ${until}, type ${command}Input } from "${clientPackage}";`,
    "",
    `const client = new ${clientName}({ region: "us-west-2" });`,
    ...`const input: ${command}Input = ${exampleObject(ir, op.input.id)};`.split("\n"),
    `const { state } = await ${until}({ client, maxWaitTime: 600 }, input);`,
    "```",
  ];
  file.line();
  file.doc(
    `${docText}Polls {@link ${command}} until the ${waiter.name} waiter's acceptors say success (resolves with the result) or failure (throws), or \`maxWaitTime\` seconds pass (throws a \`TimeoutError\`). Delays between calls back off exponentially, with jitter, from \`minDelay\` (default ${waiter.minDelay} s) to \`maxDelay\` (default ${waiter.maxDelay} s); \`abortSignal\` stops the wait.`,
    [...(waiter.deprecated ? ["@deprecated"] : []), ...example],
  );
  file.block(`export async function ${until}(params: ${WaiterConfiguration}<${client}>, input: ${input}): Promise<${result}> {`, () => {
    file.line(`const serviceDefaults = ${delays};`);
    file.line(`const result = await ${createWaiter}({ ...serviceDefaults, ...params }, input, checkState);`);
    file.line(`return ${checkExceptions}(result);`);
  });
  file.line();
  file.doc(undefined, [`@deprecated Use {@link ${until}} instead: ${legacy} resolves with a failed or timed-out result instead of throwing.`]);
  file.block(`export async function ${legacy}(params: ${WaiterConfiguration}<${client}>, input: ${input}): Promise<${result}> {`, () => {
    file.line(`const serviceDefaults = ${delays};`);
    file.line(`return ${createWaiter}({ ...serviceDefaults, ...params }, input, checkState);`);
  });
  return file;
}
