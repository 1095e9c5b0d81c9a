/**
 * The AWS partition table of `aws.partition` is the runtime's (`AWS_PARTITIONS` in
 * `@connect-sdk/client-runtime`), shared by every generated client. It must say what the
 * partitions.json of `@aws-sdk/core` (the data `@aws-sdk/util-endpoints` resolves with) says:
 * the same partitions in the same order, the same patterns and outputs, and by name exactly the
 * Regions that a pattern would not find. Fails when a new @aws-sdk/core adds or changes a partition.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { AWS_PARTITIONS, awsPartition } from "@connect-sdk/client-runtime";
import { awsEndpointFunctions } from "@aws-sdk/util-endpoints";
import { describe, expect, it } from "vitest";

interface PartitionsJson {
  version: string;
  partitions: { id: string; regionRegex: string; regions: Record<string, unknown>; outputs: Record<string, string | boolean> }[];
}

/** partitions.json of the `@aws-sdk/core` that `@aws-sdk/util-endpoints` depends on. */
function partitionsJson(): PartitionsJson {
  const require = createRequire(import.meta.url);
  const fromUtil = createRequire(require.resolve("@aws-sdk/util-endpoints"));
  const core = dirname(fromUtil.resolve("@aws-sdk/core/package.json"));
  const text = readFileSync(join(core, "dist-es/submodules/client/util-endpoints/lib/aws/partitions.js"), "utf8");
  return JSON.parse(text.slice(text.indexOf("{"), text.lastIndexOf("}") + 1)) as PartitionsJson;
}

describe("the runtime's AWS partitions", () => {
  const json = partitionsJson();

  it("are partitions.json's: ids, patterns, outputs, and the Regions only a name finds", () => {
    const patterns = json.partitions.map((p) => ({ id: p.id, regex: new RegExp(p.regionRegex) }));
    const byPattern = (region: string) => patterns.find((p) => p.regex.test(region))?.id ?? "aws";
    const expected = json.partitions.map((p) => ({
      id: p.id,
      regionRegex: p.regionRegex,
      regions: Object.keys(p.regions).filter((region) => byPattern(region) !== p.id).sort(),
      outputs: p.outputs,
    }));
    const actual = AWS_PARTITIONS.map((p) => ({ id: p.id, regionRegex: p.regionRegex.source, regions: [...p.regions], outputs: p.outputs }));
    expect(actual).toEqual(expected);
  });

  it("resolve every Region partitions.json names, and unknown names, as @aws-sdk/util-endpoints does (but for the description)", () => {
    const regions = [...json.partitions.flatMap((p) => Object.keys(p.regions)), "us-west-2", "xx-nowhere-9", "cn-north-9", "eusc-de-east-9", "aws-global", ""];
    for (const region of regions) {
      // Less the Region's `description`, which no rule reads (left out of the table).
      const { description: _, ...expected } = awsEndpointFunctions.partition(region) as { description?: string };
      expect(awsPartition(region), region).toEqual(expected);
    }
  });
});
