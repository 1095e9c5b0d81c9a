/**
 * `endpoint/rules.ts`: the service's endpoint rule set and how its
 * parameters bind to the client configuration. Evaluation is done by
 * `@smithy/core/endpoints`, with the AWS partition functions.
 */
import type { ServiceIR } from "../../ir/types.js";
import { lowerFirst } from "../../ir/naming.js";
import { SourceFile } from "../../writer/source-file.js";
import { GEN, rel } from "./paths.js";

export function emitEndpointRules(ir: ServiceIR): SourceFile {
  const file = new SourceFile(`src/gen/${GEN.endpointRules.replace(".js", ".ts")}`);
  const rulesType = file.importType(rel(file.path, GEN.runtimeConfig), "EndpointRules");
  const paramsType = file.importType(rel(file.path, GEN.runtimeConfig), "EndpointParams");
  const endpointV2 = file.importType("@smithy/types", "EndpointV2");
  const ruleSet = ir.service.endpointRuleSet;
  file.declare("endpointRules", "ruleSet", "cache");
  const builtIns: Record<string, string> = {};
  const clientContext: Record<string, string> = {};
  if (ruleSet) {
    for (const [name, p] of Object.entries(ruleSet.parameters)) if (p.builtIn) builtIns[name] = p.builtIn;
  } else {
    builtIns.Region = "AWS::Region";
    builtIns.Endpoint = "SDK::Endpoint";
  }
  for (const name of Object.keys(ir.service.clientContextParams).sort()) clientContext[name] = lowerFirst(name);

  if (ruleSet) {
    const ruleSetType = file.importType("@smithy/types", "RuleSetObject");
    file.doc(`The \`smithy.rules#endpointRuleSet\` of ${ir.service.id}.`);
    file.line(`const ruleSet: ${ruleSetType} = ${JSON.stringify(ruleSet, null, 2)};`);
    file.blank();
  }
  file.doc("Resolved endpoints by parameters: the rules are pure, so each distinct set is evaluated once.");
  file.line(`const cache = new Map<string, ${endpointV2}>();`);
  file.blank();
  file.doc(`How ${ir.service.sdkId} picks the endpoint of a request.`);
  file.block(`export const endpointRules: ${rulesType} = {`, () => {
    file.block(`resolve(params: ${paramsType}, context): ${endpointV2} {`, () => {
      file.line("const key = JSON.stringify(params);");
      file.line("const cached = cache.get(key);");
      file.line("if (cached) return cached;");
      if (ruleSet) {
        const resolve = file.import("@smithy/core/endpoints", "resolveEndpoint");
        const fns = file.import("@smithy/core/endpoints", "customEndpointFunctions");
        const aws = file.import("@aws-sdk/util-endpoints", "awsEndpointFunctions");
        file.line(`${fns}.aws ??= ${aws};`);
        file.line(`const endpoint = ${resolve}(ruleSet, { endpointParams: { ...params } as never, logger: context.logger });`);
      } else {
        const prefix = ir.service.endpointPrefix ?? ir.service.sdkId.toLowerCase().replace(/\s+/g, "");
        file.line("const url = typeof params.Endpoint === \"string\" ? params.Endpoint : `https://" + prefix + ".${params.Region}.amazonaws.com`;");
        file.line("const endpoint: " + endpointV2 + " = { url: new URL(url) };");
      }
      file.line("if (cache.size > 50) cache.clear();");
      file.line("cache.set(key, endpoint);");
      file.line("return endpoint;");
    }, "},");
    file.line(`builtIns: ${JSON.stringify(builtIns)},`);
    file.line(`clientContextParams: ${JSON.stringify(clientContext)},`);
  }, "};");
  return file;
}
