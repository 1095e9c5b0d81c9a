/**
 * Smithy's protocol compliance tests for its RPC v2 protocols, over the test services of
 * `smithy-protocol-tests.json` (and, for rpcv2Cbor, the awsQueryCompatible ones of
 * `aws-protocol-tests.json`; see suite.ts). Skips are listed in rpcv2-skip.json, by protocol,
 * each with its reason.
 */
import { readFileSync } from "node:fs";
import { AWS_PROTOCOL_TESTS, SMITHY_PROTOCOL_TESTS, protocolSuite } from "./suite.js";

const SKIP = JSON.parse(readFileSync(new URL("./rpcv2-skip.json", import.meta.url), "utf8")) as Record<string, Record<string, string>>;

protocolSuite({ label: "rpcv2Json", protocol: "smithy.protocols#rpcv2Json", modelFile: SMITHY_PROTOCOL_TESTS, skip: SKIP.rpcv2Json ?? {} });
protocolSuite({ label: "rpcv2Cbor", protocol: "smithy.protocols#rpcv2Cbor", modelFile: SMITHY_PROTOCOL_TESTS, skip: SKIP.rpcv2Cbor ?? {} });
protocolSuite({ label: "rpcv2Cbor (AWS)", protocol: "smithy.protocols#rpcv2Cbor", modelFile: AWS_PROTOCOL_TESTS, skip: SKIP["rpcv2Cbor (AWS)"] ?? {} });
