/**
 * The AWS partitions that the endpoint rules' `aws.partition` picks from (Region names, Region
 * pattern, DNS facts): partitions.json 1.1 from @aws-sdk/core@3.981.1 (the data
 * `@aws-sdk/util-endpoints` uses), without the Region descriptions, which no rule reads, and without
 * the Regions that a partition's pattern finds anyway. The same for every service, so it lives here
 * rather than in each generated client (which would bundle it once per client); held as data here
 * rather than taken from `@aws-sdk/util-endpoints`, which would bring its whole rules engine along.
 * `@connect-sdk/codegen`'s test `test/stages/partitions.test.ts` fails when @aws-sdk/core's
 * partitions.json says otherwise.
 */
import { type Partition, type PartitionResult, selectPartition } from "./endpoints.js";

export const AWS_PARTITIONS: readonly Partition[] = [
  {
    id: "aws",
    regionRegex: /^(us|eu|ap|sa|ca|me|af|il|mx)\-\w+\-\d+$/,
    regions: [],
    outputs: { dnsSuffix: "amazonaws.com", dualStackDnsSuffix: "api.aws", implicitGlobalRegion: "us-east-1", name: "aws", supportsDualStack: true, supportsFIPS: true },
  },
  {
    id: "aws-cn",
    regionRegex: /^cn\-\w+\-\d+$/,
    regions: ["aws-cn-global"],
    outputs: { dnsSuffix: "amazonaws.com.cn", dualStackDnsSuffix: "api.amazonwebservices.com.cn", implicitGlobalRegion: "cn-northwest-1", name: "aws-cn", supportsDualStack: true, supportsFIPS: true },
  },
  {
    id: "aws-eusc",
    regionRegex: /^eusc\-(de)\-\w+\-\d+$/,
    regions: [],
    outputs: { dnsSuffix: "amazonaws.eu", dualStackDnsSuffix: "api.amazonwebservices.eu", implicitGlobalRegion: "eusc-de-east-1", name: "aws-eusc", supportsDualStack: true, supportsFIPS: true },
  },
  {
    id: "aws-iso",
    regionRegex: /^us\-iso\-\w+\-\d+$/,
    regions: ["aws-iso-global"],
    outputs: { dnsSuffix: "c2s.ic.gov", dualStackDnsSuffix: "api.aws.ic.gov", implicitGlobalRegion: "us-iso-east-1", name: "aws-iso", supportsDualStack: true, supportsFIPS: true },
  },
  {
    id: "aws-iso-b",
    regionRegex: /^us\-isob\-\w+\-\d+$/,
    regions: ["aws-iso-b-global"],
    outputs: { dnsSuffix: "sc2s.sgov.gov", dualStackDnsSuffix: "api.aws.scloud", implicitGlobalRegion: "us-isob-east-1", name: "aws-iso-b", supportsDualStack: true, supportsFIPS: true },
  },
  {
    id: "aws-iso-e",
    regionRegex: /^eu\-isoe\-\w+\-\d+$/,
    regions: ["aws-iso-e-global"],
    outputs: { dnsSuffix: "cloud.adc-e.uk", dualStackDnsSuffix: "api.cloud-aws.adc-e.uk", implicitGlobalRegion: "eu-isoe-west-1", name: "aws-iso-e", supportsDualStack: true, supportsFIPS: true },
  },
  {
    id: "aws-iso-f",
    regionRegex: /^us\-isof\-\w+\-\d+$/,
    regions: ["aws-iso-f-global"],
    outputs: { dnsSuffix: "csp.hci.ic.gov", dualStackDnsSuffix: "api.aws.hci.ic.gov", implicitGlobalRegion: "us-isof-south-1", name: "aws-iso-f", supportsDualStack: true, supportsFIPS: true },
  },
  {
    id: "aws-us-gov",
    regionRegex: /^us\-gov\-\w+\-\d+$/,
    regions: ["aws-us-gov-global"],
    outputs: { dnsSuffix: "amazonaws.com", dualStackDnsSuffix: "api.aws", implicitGlobalRegion: "us-gov-west-1", name: "aws-us-gov", supportsDualStack: true, supportsFIPS: true },
  },
];

/** `aws.partition`: the partition a Region belongs to (the `aws` partition for unknown names). */
export const awsPartition = (region: string): PartitionResult => selectPartition(AWS_PARTITIONS, region);
