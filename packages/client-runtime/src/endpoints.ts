/**
 * The standard library of Smithy endpoint rules, for the resolver that the
 * generator compiles from the service's `smithy.rules#endpointRuleSet`
 * (`endpoint/rules.ts`): each function behaves as the rules-engine
 * specification says (and as `@smithy/core/endpoints` and
 * `@aws-sdk/util-endpoints` implement it). Bundlers keep only the functions a
 * rule set uses.
 */
import type { EndpointV2 } from "@smithy/types";

/** Thrown when the rules reject the parameters (an `error` rule), or match nothing. */
export class EndpointError extends Error {
  override readonly name: string = "EndpointError";
}

/** The `properties` of a resolved endpoint, as the rules write them (`authSchemes` and others). */
export const endpointProperties = (properties: Record<string, unknown>): EndpointV2["properties"] => properties as EndpointV2["properties"];

/** What `aws.partition` returns: the partition of a Region and its DNS facts. */
export interface PartitionResult {
  name: string;
  dnsSuffix: string;
  dualStackDnsSuffix: string;
  supportsFIPS: boolean;
  supportsDualStack: boolean;
  implicitGlobalRegion: string;
}

/** One AWS partition, as `AWS_PARTITIONS` (`partitions.ts`) lists them. */
export interface Partition {
  id: string;
  regionRegex: RegExp;
  /** The Regions it names (some, like `aws-global`, do not match its pattern). */
  regions: readonly string[];
  outputs: PartitionResult;
}

/**
 * `aws.partition`, as in `@aws-sdk/util-endpoints`: the partition that names the Region, else the
 * first whose pattern it matches, else `aws`.
 */
export function selectPartition(partitions: readonly Partition[], region: string): PartitionResult {
  const found =
    partitions.find((p) => p.regions.includes(region)) ?? partitions.find((p) => p.regionRegex.test(region)) ?? partitions.find((p) => p.id === "aws");
  if (!found) throw new Error("Provided region was not found in the partition array or regex, and default partition with id 'aws' doesn't exist.");
  return { ...found.outputs };
}

/** `getAttr`: a path such as `name`, `items[0]` or `a.b[-1]` into an object. */
export function getAttr(value: unknown, path: string): unknown {
  let current = value;
  for (const part of path.split(".")) {
    const bracket = part.indexOf("[");
    const keys = bracket < 0 ? [part] : bracket === 0 ? [part.slice(1, -1)] : [part.slice(0, bracket), part.slice(bracket + 1, -1)];
    for (const key of keys) {
      if (typeof current !== "object") throw new EndpointError(`Index '${key}' in '${path}' not found in '${JSON.stringify(value)}'`);
      if (Array.isArray(current)) {
        const i = Number.parseInt(key, 10);
        current = current[i < 0 ? current.length + i : i];
      } else current = (current as Record<string, unknown>)[key];
    }
  }
  return current;
}

/** `substring`: ASCII only; `reverse` counts from the end. */
export function substring(input: string | undefined, start: number, stop: number, reverse: boolean): string | null {
  if (input == null || start >= stop || input.length < stop || /[^\u0000-\u007f]/.test(input)) return null;
  return reverse ? input.substring(input.length - stop, input.length - start) : input.substring(start, stop);
}

/** `uriEncode`: RFC 3986 percent-encoding. */
export const uriEncode = (value: string): string =>
  encodeURIComponent(value).replace(/[!*'()]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

const HOST_LABEL = /^(?!.*-$)(?!-)[a-zA-Z0-9-]{1,63}$/;

/** `isValidHostLabel`: an RFC 1123 label, or dot-separated labels when `allowSubDomains`. */
export function isValidHostLabel(value: string, allowSubDomains = false): boolean {
  return allowSubDomains ? value.split(".").every((label) => HOST_LABEL.test(label)) : HOST_LABEL.test(value);
}

const IPV4 = /^(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]\d|\d)(?:\.(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]\d|\d)){3}$/;
const isIpAddress = (value: string): boolean => IPV4.test(value) || (value.startsWith("[") && value.endsWith("]"));

/** What `parseURL` returns. */
export interface ParsedUrl {
  scheme: string;
  authority: string;
  path: string;
  normalizedPath: string;
  isIp: boolean;
}

/** `parseURL`: an http(s) URL without a query, or null. */
export function parseURL(value: string): ParsedUrl | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return null;
  }
  const { host, hostname, pathname, protocol, search } = url;
  const scheme = protocol.slice(0, -1);
  if (search || (scheme !== "http" && scheme !== "https")) return null;
  const defaultPort = `${host}:${scheme === "http" ? 80 : 443}`;
  return {
    scheme,
    authority: url.href.includes(defaultPort) || value.includes(defaultPort) ? defaultPort : host,
    path: pathname,
    normalizedPath: pathname.endsWith("/") ? pathname : `${pathname}/`,
    isIp: isIpAddress(hostname),
  };
}

/** `split`: at most `limit` parts (0: all), the last one keeping the rest. */
export function split(value: string, delimiter: string, limit: number): string[] {
  if (limit === 1) return [value];
  if (value === "") return [""];
  const parts = value.split(delimiter);
  return limit === 0 ? parts : parts.slice(0, limit - 1).concat(parts.slice(limit - 1).join(delimiter));
}

/** `coalesce`: the first argument that is set. */
export const coalesce = (...args: unknown[]): unknown => args.find((arg) => arg != null);

/** What `aws.parseArn` returns. */
export interface ParsedArn {
  partition: string;
  service: string;
  region: string;
  accountId: string;
  resourceId: string[];
}

/** `aws.parseArn`: `arn:partition:service:region:account:resource`, or null. */
export function parseArn(value: string): ParsedArn | null {
  const segments = value.split(":");
  if (segments.length < 6) return null;
  const [arn, partitionName, service, region, accountId, ...resource] = segments as [string, string, string, string, string, ...string[]];
  if (arn !== "arn" || partitionName === "" || service === "" || resource.join(":") === "") return null;
  return { partition: partitionName, service, region, accountId, resourceId: resource.flatMap((r) => r.split("/")) };
}

/** `aws.isVirtualHostableS3Bucket`: usable as a DNS label of an S3 virtual host. */
export function isVirtualHostableS3Bucket(value: string, allowSubDomains = false): boolean {
  if (allowSubDomains) return value.split(".").every((label) => isVirtualHostableS3Bucket(label));
  return isValidHostLabel(value) && value.length >= 3 && value.length <= 63 && value === value.toLowerCase() && !isIpAddress(value);
}
