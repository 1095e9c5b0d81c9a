/**
 * Smithy's AWS protocol compliance tests for awsJson1_0 and awsJson1_1, over every test service
 * of `aws-protocol-tests.json` that declares one of them (see suite.ts). Skips are listed in
 * awsjson-skip.json, by protocol, each with its reason.
 */
import { readFileSync } from "node:fs";
import { AWS_PROTOCOL_TESTS, protocolSuite } from "./suite.js";

const SKIP = JSON.parse(readFileSync(new URL("./awsjson-skip.json", import.meta.url), "utf8")) as Record<string, Record<string, string>>;

protocolSuite({ label: "awsJson1_0", protocol: "aws.protocols#awsJson1_0", modelFile: AWS_PROTOCOL_TESTS, skip: SKIP.awsJson1_0 ?? {} });
protocolSuite({ label: "awsJson1_1", protocol: "aws.protocols#awsJson1_1", modelFile: AWS_PROTOCOL_TESTS, skip: SKIP.awsJson1_1 ?? {} });
