/**
 * `endpoint/partitions.ts`: the AWS partitions that `aws.partition` picks
 * from (Region names, Region pattern, DNS facts), taken at generation time
 * from the `partitions.json` that `@aws-sdk/util-endpoints` uses, so that the
 * client bundles this data rather than that package. Region descriptions,
 * which no rule reads, are left out, and so are the Regions that a
 * partition's pattern finds anyway.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import type { ServiceIR } from "../../ir/types.js";
import { SourceFile } from "../../writer/source-file.js";
import { rel } from "./paths.js";
import { clientRuntime, clientRuntimeType } from "../shared/runtime.js";

interface PartitionsInfo {
  version: string;
  partitions: { id: string; regionRegex: string; regions: Record<string, unknown>; outputs: Record<string, string | boolean> }[];
}

let cached: { info: PartitionsInfo; source: string } | undefined;

/** Reads `partitions.json` from the `@aws-sdk/core` that `@aws-sdk/util-endpoints` depends on. */
export function loadPartitions(): { info: PartitionsInfo; source: string } {
  if (cached) return cached;
  const require = createRequire(import.meta.url);
  const candidates: string[] = [];
  try {
    const fromUtil = createRequire(require.resolve("@aws-sdk/util-endpoints"));
    const core = dirname(fromUtil.resolve("@aws-sdk/core/package.json"));
    const version = (JSON.parse(readFileSync(join(core, "package.json"), "utf8")) as { version: string }).version;
    const file = join(core, "dist-es/submodules/client/util-endpoints/lib/aws/partitions.js");
    candidates.push(file);
    const text = readFileSync(file, "utf8");
    const info = JSON.parse(text.slice(text.indexOf("{"), text.lastIndexOf("}") + 1)) as PartitionsInfo;
    if (!Array.isArray(info.partitions) || !info.partitions.every((p) => p.id && p.regionRegex && p.regions && p.outputs)) {
      throw new Error("unexpected format");
    }
    cached = { info, source: `@aws-sdk/core@${version}` };
    return cached;
  } catch (error) {
    throw new Error(
      `Cannot read the AWS partitions for aws.partition (looked in ${candidates.join(", ") || "@aws-sdk/util-endpoints → @aws-sdk/core"}): ${(error as Error).message}`,
    );
  }
}

export const PARTITIONS_FILE = "src/gen/endpoint/partitions.ts";

export function emitPartitions(ir: ServiceIR): SourceFile {
  const { info, source } = loadPartitions();
  const file = new SourceFile(PARTITIONS_FILE);
  const result = clientRuntimeType(file, "PartitionResult");
  const select = clientRuntime(file, "selectPartition");
  const partitionType = clientRuntimeType(file, "Partition");
  file.declare("partition", "PARTITIONS");
  file.doc(`The AWS partitions (partitions.json ${info.version} from ${source}), for the endpoint rules of ${ir.service.sdkId}.`);
  file.block(`const PARTITIONS: ${partitionType}[] = [`, () => {
    for (const p of info.partitions) {
      file.block("{", () => {
        file.line(`id: ${JSON.stringify(p.id)},`);
        file.line(`regionRegex: /${p.regionRegex.replace(/\//g, "\\/")}/,`);
        file.line(`regions: [${namedRegions(info, p.id).map((r) => JSON.stringify(r)).join(", ")}],`);
        const outputs = Object.keys(p.outputs)
          .sort()
          .map((k) => `${k}: ${JSON.stringify(p.outputs[k])}`);
        file.line(`outputs: { ${outputs.join(", ")} },`);
      }, "},");
    }
  }, "];");
  file.blank();
  file.doc("`aws.partition`: the partition a Region belongs to (the `aws` partition for unknown names).");
  file.line(`export const partition = (region: string): ${result} => ${select}(PARTITIONS, region);`);
  return file;
}

/**
 * The Regions a partition must name: those its pattern would not find (`aws-global`, or a Region
 * that an earlier partition's pattern matches). The others resolve the same by pattern.
 */
function namedRegions(info: PartitionsInfo, id: string): string[] {
  const patterns = info.partitions.map((p) => ({ id: p.id, regex: new RegExp(p.regionRegex) }));
  const byPattern = (region: string) => patterns.find((p) => p.regex.test(region))?.id ?? "aws";
  const partition = info.partitions.find((p) => p.id === id)!;
  return Object.keys(partition.regions)
    .filter((region) => byPattern(region) !== id)
    .sort();
}
