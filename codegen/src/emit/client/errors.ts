/**
 * `models/errors.ts` (the exception classes) and `protocols/errors.ts` (which
 * turns an error response into one of them).
 */
import type { Member, ServiceIR, StructureShape } from "../../ir/types.js";
import { SourceFile } from "../../writer/source-file.js";
import { docTags, isOptional, propertyKey, typeOf } from "../shared/typescript.js";
import { GEN, rel } from "./paths.js";
import { Serde } from "./serde.js";
import { literalKey, readProperty, writeProperty } from "../shared/property.js";
import { clientRuntime, clientRuntimeType } from "../shared/runtime.js";
import { isRpc, rpcErrorRead } from "./protocols/rpc.js";

/**
 * Members an error class cannot have: `Error`'s own, the runtime's, and those of TypeScript's
 * `Object` interface (a `toString` member would replace the method `String(error)` calls, and
 * cannot be typed on a subclass of `Error`). `__proto__` is not among them: it is set as data.
 */
const RESERVED_ERROR_PROPS = new Set([
  "name", "message", "stack", "cause", "$fault", "$metadata", "$response", "$retryable",
  "constructor", "toString", "toLocaleString", "valueOf", "hasOwnProperty", "isPrototypeOf", "propertyIsEnumerable",
]);

export function baseExceptionName(ir: ServiceIR): string {
  return `${ir.service.clientName}ServiceException`;
}

export function emitExceptions(ir: ServiceIR, typesPackage: string): SourceFile {
  const file = new SourceFile(`src/gen/${GEN.exceptions.replace(".js", ".ts")}`);
  const base = baseExceptionName(ir);
  file.declare(base, ...ir.errors.map((e) => e.name));
  const serviceException = clientRuntime(file, "ServiceException");
  const optionType = clientRuntimeType(file, "ExceptionOptionType");

  file.doc(`The base class of every error the ${ir.service.sdkId} service returns, modelled or not. Unmodelled errors are thrown as this class itself: \`name\` is the error code, \`$metadata.httpStatusCode\` the status, and \`$response.body\` the raw body text.`);
  // ServiceException sets the prototype from new.target, so no class here names itself in its body:
  // bundlers rename a class binding that its own body refers to (to _Name), and the constructor's name with it.
  file.line(`export class ${base} extends ${serviceException} {}`);
  for (const error of ir.errors) {
    file.blank();
    const info = error.error!;
    file.doc(error.documentation, [...docTags(error), `HTTP ${info.httpStatus}, ${info.fault} fault${info.retryable ? ", retryable" : ""}.`]);
    file.block(`export class ${error.name} extends ${base} {`, () => {
      file.line(`override readonly name = ${JSON.stringify(error.name)} as const;`);
      file.line(`override readonly $fault = ${JSON.stringify(info.fault)} as const;`);
      if (info.retryable) file.line(`override readonly $retryable = { throttling: ${info.retryable.throttling} };`);
      const members = error.members.filter((m) => !RESERVED_ERROR_PROPS.has(m.name));
      for (const m of members) {
        file.doc(m.documentation, docTags(m));
        file.line(`${propertyKey(m.name)}${isOptional(m) ? "?" : ""}: ${typeOf(ir, file, m.target, { from: typesPackage, open: true })};`);
      }
      file.blank();
      file.block(`constructor(options: ${optionType}<${error.name}, ${base}>) {`, () => {
        file.line(`super({ name: ${JSON.stringify(error.name)}, $fault: ${JSON.stringify(info.fault)}, ...options });`);
        for (const m of members) file.line(`${writeProperty("this", m.name, readProperty("options", m.name))};`);
      });
    });
  }
  return file;
}

export function emitErrorDispatch(ir: ServiceIR, typesPackage: string): SourceFile {
  const file = new SourceFile(`src/gen/${GEN.errorDispatch.replace(".js", ".ts")}`);
  const serde = new Serde(ir, file);
  const base = file.import(rel(file.path, GEN.exceptions), baseExceptionName(ir));
  const ctx = clientRuntimeType(file, "SerdeContext");
  const httpResponse = file.importType("@smithy/types", "HttpResponse");
  const errorResponse = clientRuntimeType(file, "ErrorResponse");
  // How the protocol finds the error code (and, for awsQueryCompatible services, the awsQuery one).
  const readCall = isRpc(ir.service.protocol) ? rpcErrorRead(ir, file) : `${clientRuntime(file, "readErrorResponse")}(response, context)`;
  const collect = clientRuntime(file, "collectBodyString");
  file.declare("throwServiceError", "parseJsonDocument", ...ir.errors.map((e) => `de_${e.name}`));

  file.doc("Reads a JSON response body, keeping its text on the response; an empty body is `undefined`. The deserializer middleware turns a body that is not JSON into a typed `DeserializationError`.");
  file.block(`export async function parseJsonDocument(response: ${httpResponse}, context: ${ctx}): Promise<unknown> {`, () => {
    file.line(`const text = await ${collect}(response.body, context);`);
    file.line("response.body = text;");
    file.line(`return text.trim() === "" ? undefined : ${serde.parseJson("text")};`);
  });

  file.blank();
  // No `decorateServiceException` (@smithy/core/client), which the AWS SDK applies to every error it
  // throws: it copies each field of the body onto the error where the error has no value, sets
  // `message` from `message`/`Message`, and deletes `Message`. The errors thrown here already carry
  // `message` (the body's, else the code); their modelled members are parsed and type-checked (a
  // wrong type is a `DeserializationError` naming the member), and copying the raw body onto them
  // would add untyped, unchecked properties besides (whatever a server or a proxy sends: `__type`,
  // a `null` where a member is unset); and `Message` is a member these classes declare and
  // document, so it stays. The whole body is the error's `$response.body` (its text), for fields
  // the model does not have.
  file.doc("Throws the modelled error an error response carries, or the service's base exception for any other.");
  file.block(`export async function throwServiceError(response: ${httpResponse}, context: ${ctx}): Promise<never> {`, () => {
    file.line(`const parsed = await ${readCall};`);
    file.line("let error: Error;");
    file.block("switch (parsed.code) {", () => {
      for (const e of ir.errors) {
        file.line(`case ${JSON.stringify(e.id.split("#")[1])}:`);
        file.indent(() => {
          file.line(`error = de_${e.name}(parsed, response);`);
          file.line("break;");
        });
      }
      file.line("default:");
      file.indent(() => {
        file.line(`error = new ${base}({`);
        file.indent(() => {
          file.line(`name: parsed.code ?? (response.statusCode >= 500 ? "UnknownServerError" : "UnknownError"),`);
          file.line(`$fault: response.statusCode >= 500 ? "server" : "client",`);
          file.line("$metadata: parsed.metadata,");
          file.line("message: parsed.message ?? `HTTP ${response.statusCode} with ${parsed.text ? \"an unrecognised body\" : \"an empty body\"}`,");
        });
        file.line("});");
      });
    });
    // As the AWS SDK does, an error of an awsQueryCompatible service carries its awsQuery `Code` and `Type`.
    if (ir.service.awsQueryCompatible && isRpc(ir.service.protocol)) file.line("throw Object.assign(error, parsed.queryError, { $response: response });");
    else file.line("throw Object.assign(error, { $response: response });");
  });

  for (const e of ir.errors) {
    file.blank();
    const cls = file.import(rel(file.path, GEN.exceptions), e.name);
    file.block(`function de_${e.name}(parsed: ${errorResponse}, response: ${httpResponse}): ${cls} {`, () => {
      const members = e.members.filter((m) => !RESERVED_ERROR_PROPS.has(m.name) || m.name === "message");
      const hasBody = members.some((m) => m.http.location === "body");
      if (hasBody) file.line("const data: any = parsed.body;");
      file.line(`return new ${cls}({`);
      file.indent(() => {
        file.line("$metadata: parsed.metadata,");
        file.line(`message: parsed.message ?? ${JSON.stringify(e.name)},`);
        for (const m of members) {
          if (m.name === "message") continue;
          file.line(`${literalKey(m.name)}: ${errorMemberValue(serde, e, m)},`);
        }
      });
      file.line("});");
    });
  }
  void typesPackage;
  return file;
}

function errorMemberValue(serde: Serde, error: StructureShape, m: Member): string {
  const where = `${error.name}.${m.name}`;
  let value: string;
  if (m.http.location === "header") {
    const h = `response.headers[${JSON.stringify((m.http as { name: string }).name.toLowerCase())}]`;
    value = `${h} === undefined ? undefined : ${serde.fromText(m.target, h, where, "header", m)}`;
  } else {
    const key = readProperty("data", m.jsonName, true);
    value = `${key} == null ? ${serde.defaultValue(m) ?? "undefined"} : ${serde.fromJson(m.target, key, where, m)}`;
  }
  // Like the other deserializers, a required member the service left out stays undefined.
  return isOptional(m) ? value : `(${value})!`;
}
