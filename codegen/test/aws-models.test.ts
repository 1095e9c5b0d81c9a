/**
 * A varied sample of the real AWS models in ../shared/aws-models, generated (types and client,
 * with skipUnsupported) and type-checked in one `tsc` run: what `pnpm test:models` does for all
 * 239 restJson1 models (scripts/test-models.mjs, whose runner this is), small enough for every
 * `pnpm test`.
 *
 * The sample holds the models that did not type-check in issue 13 (event-stream unions whose
 * error members had no deserializers, dsql's errors bound only on the service, Java patterns) and
 * models that exercise the rest of the wire: bearer-only and anonymous auth, API Gateway and
 * Glacier, unsigned payloads, host labels, prefix headers and query maps, endpoint context
 * parameters, HTTP/2-preferring services, sparse collections.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { clientEmitter } from "../src/emit/client/emit.js";
import { typesEmitter } from "../src/emit/types/emit.js";
import { configForModel, generate } from "../src/generate.js";
import { FEATURES } from "../src/ir/support.js";
import { ModelError, formatProblem } from "../src/load/problems.js";
import { writePackages } from "../src/output/write.js";
import { REPO_ROOT } from "./helpers.js";

const SAMPLE = [
  // Issue 13's 15: event streams...
  "bedrock-runtime", "bedrock-agent-runtime", "iotsitewise", "lex-runtime-v2", "sagemaker-runtime", "transcribe-streaming",
  // ...errors bound on the service...
  "dsql",
  // ...and Java patterns written out as JavaScript regexes (test/validate/java-patterns.test.ts has the models that did not generate).
  "codeartifact", "dlm", "iot", "location", "opensearch", "elasticsearch-service", "migration-hub-refactor-spaces", "workspaces-thin-client", "lookoutmetrics",
  // The rest of the wire.
  "codecatalyst", "sso", "sso-oidc", "api-gateway", "glacier", "ebs", "mediastore-data", "neptune-graph", "dataexchange",
  "cloudfront-keyvaluestore", "qbusiness", "connectcases",
];

interface Result {
  name: string;
  generated: boolean;
  typeChecked: boolean;
  error?: string;
  operations: number;
  skipped: { operation: string; feature: string }[];
}

const runner = join(REPO_ROOT, "scripts/test-models.mjs");
let corpus: { runCorpus: (options: unknown) => Promise<{ results: Result[] }>; corpusModels: (names: string[]) => string[]; report: (results: Result[]) => string; MODELS_DIR: string };
let results: Result[];
const byName = (name: string) => results.find((r) => r.name === name)!;

describe.skipIf(!existsSync(runner))("a sample of the real AWS models", () => {
  beforeAll(async () => {
    corpus = await import(/* @vite-ignore */ pathToFileURL(runner).href);
    const files = corpus.corpusModels(SAMPLE);
    expect(files).toHaveLength(SAMPLE.length);
    const api = { configForModel, generate, writePackages, typesEmitter, clientEmitter, ModelError, formatProblem };
    // One batch: one tsc over every client of the sample.
    ({ results } = await corpus.runCorpus({ api, files, jobs: 1, batchSize: files.length }));
    console.log(corpus.report(results));
  }, 1_500_000);

  it("generates and type-checks every model of the sample", () => {
    expect(results.filter((r) => r.error).map((r) => `${r.name}: ${r.error}`)).toEqual([]);
    expect(results.filter((r) => r.typeChecked)).toHaveLength(SAMPLE.length);
  });

  it("leaves out exactly the operations that use unsupported features, and keeps the others", () => {
    const skipped = (name: string) => byName(name).skipped.map((s) => `${s.operation.split("#")[1]} ${s.feature}`).sort();
    if (!FEATURES.eventStreams.supported) {
      expect(skipped("bedrock-runtime")).toEqual(["ConverseStream eventStreams", "InvokeModelWithResponseStream eventStreams"]);
      expect(byName("bedrock-runtime").operations).toBeGreaterThan(0);
    }
    if (!FEATURES.httpBearerAuth.supported) expect(byName("codecatalyst").operations).toBe(0);
    if (!FEATURES.anonymous.supported) expect(skipped("sso")).toEqual(["GetRoleCredentials anonymous", "ListAccountRoles anonymous", "ListAccounts anonymous", "Logout anonymous"]);
    if (!FEATURES.apiGatewayCustomizations.supported) expect(byName("api-gateway").operations).toBe(0);
    // Nothing unsupported in these: every operation is generated.
    for (const name of ["dsql", "iot", "location", "ebs", "neptune-graph", "dataexchange", "cloudfront-keyvaluestore", "connectcases"]) {
      expect(skipped(name), name).toEqual([]);
      expect(byName(name).operations, name).toBeGreaterThan(0);
    }
  });
});
