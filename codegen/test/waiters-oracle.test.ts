/**
 * Waiters against the AWS SDK's: our EKS and Lambda clients are generated from
 * `../shared/aws-models` into a temp folder, and each of their waiters and the AWS SDK's
 * (`@aws-sdk/client-eks`, `@aws-sdk/client-lambda`) is driven by the same sequence of canned
 * HTTP responses, with delays of a millisecond. Both must end in the same state, after the same
 * number of calls, with the same outcome of `waitUntil…` (resolved, or thrown) and the same reason.
 *
 * One difference is on purpose and checked as such: an error no acceptor expects ends our wait at
 * once (Smithy's waiter spec, workflow step 4), where the AWS SDK keeps polling.
 */
import { mkdtempSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { Readable } from "node:stream";
import { fileURLToPath } from "node:url";
import * as awsEks from "@aws-sdk/client-eks";
import * as awsLambda from "@aws-sdk/client-lambda";
import { HttpResponse } from "@smithy/core/protocols";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { clientEmitter, typesEmitter } from "../src/index.js";
import { configForModel, generateAndWrite } from "../src/generate.js";

const codegenRoot = fileURLToPath(new URL("..", import.meta.url));
const sharedDir = process.env.CONNECT_SDK_SHARED ?? resolve(codegenRoot, "../../shared");

/** A canned response: a JSON body with status 200, or a modelled error by its type. */
type Canned = { body: unknown } | { error: string; status: number };

interface Scenario {
  waiter: string;
  input: Record<string, unknown>;
  responses: Canned[];
}

interface Outcome {
  state: string;
  calls: number;
  /** What `waitUntil…` did: resolved with a state, or threw (the error's name). */
  until: string;
  /** The last response, as the result's reason carries it: a status member, or an error name. */
  reason: unknown;
}

type AnyClient = { send(command: unknown): Promise<unknown>; destroy(): void };
type WaiterFn = (params: Record<string, unknown>, input: Record<string, unknown>) => Promise<{ state: string; reason?: unknown }>;

const SERVICES = {
  eks: {
    model: "aws-models/eks-2017-11-01.json",
    client: "EKSClient",
    aws: awsEks as unknown as Record<string, unknown>,
    scenarios: [
      { waiter: "ClusterActive", input: { name: "c" }, responses: [{ body: { cluster: { status: "CREATING" } } }, { body: { cluster: { status: "CREATING" } } }, { body: { cluster: { status: "ACTIVE" } } }] },
      { waiter: "ClusterActive", input: { name: "c" }, responses: [{ body: { cluster: { status: "CREATING" } } }, { body: { cluster: { status: "FAILED" } } }] },
      { waiter: "ClusterActive", input: { name: "c" }, responses: [{ body: { cluster: {} } }, { body: { cluster: { status: "DELETING" } } }] },
      { waiter: "ClusterDeleted", input: { name: "c" }, responses: [{ body: { cluster: { status: "DELETING" } } }, { error: "ResourceNotFoundException", status: 404 }] },
      { waiter: "ClusterDeleted", input: { name: "c" }, responses: [{ body: { cluster: { status: "DELETING" } } }, { body: { cluster: { status: "ACTIVE" } } }] },
      { waiter: "NodegroupActive", input: { clusterName: "c", nodegroupName: "n" }, responses: [{ body: { nodegroup: { status: "CREATING" } } }, { body: { nodegroup: { status: "ACTIVE" } } }] },
      { waiter: "NodegroupActive", input: { clusterName: "c", nodegroupName: "n" }, responses: [{ body: { nodegroup: { status: "CREATE_FAILED" } } }] },
      { waiter: "NodegroupDeleted", input: { clusterName: "c", nodegroupName: "n" }, responses: [{ body: { nodegroup: { status: "DELETING" } } }, { error: "ResourceNotFoundException", status: 404 }] },
      { waiter: "NodegroupDeleted", input: { clusterName: "c", nodegroupName: "n" }, responses: [{ body: { nodegroup: { status: "DELETE_FAILED" } } }] },
      { waiter: "AddonActive", input: { clusterName: "c", addonName: "a" }, responses: [{ body: { addon: { status: "CREATING" } } }, { body: { addon: { status: "DEGRADED" } } }] },
      { waiter: "AddonActive", input: { clusterName: "c", addonName: "a" }, responses: [{ body: { addon: { status: "UPDATING" } } }, { body: { addon: { status: "ACTIVE" } } }] },
      { waiter: "AddonDeleted", input: { clusterName: "c", addonName: "a" }, responses: [{ body: { addon: { status: "DELETING" } } }, { error: "ResourceNotFoundException", status: 404 }] },
      { waiter: "FargateProfileActive", input: { clusterName: "c", fargateProfileName: "f" }, responses: [{ body: { fargateProfile: { status: "CREATING" } } }, { body: { fargateProfile: { status: "CREATE_FAILED" } } }] },
      { waiter: "FargateProfileDeleted", input: { clusterName: "c", fargateProfileName: "f" }, responses: [{ body: { fargateProfile: { status: "DELETING" } } }, { error: "ResourceNotFoundException", status: 404 }] },
    ] satisfies Scenario[],
  },
  lambda: {
    model: "aws-models/lambda-2015-03-31.json",
    client: "LambdaClient",
    aws: awsLambda as unknown as Record<string, unknown>,
    scenarios: [
      { waiter: "FunctionExists", input: { FunctionName: "f" }, responses: [{ error: "ResourceNotFoundException", status: 404 }, { error: "ResourceNotFoundException", status: 404 }, { body: { Configuration: { State: "Pending" } } }] },
      { waiter: "FunctionActive", input: { FunctionName: "f" }, responses: [{ body: { State: "Pending" } }, { body: { State: "Pending" } }, { body: { State: "Active" } }] },
      { waiter: "FunctionActive", input: { FunctionName: "f" }, responses: [{ body: { State: "Pending" } }, { body: { State: "Failed" } }] },
      { waiter: "FunctionActive", input: { FunctionName: "f" }, responses: [{ body: {} }, { body: { State: "Inactive" } }, { body: { State: "Active" } }] },
      { waiter: "FunctionActiveV2", input: { FunctionName: "f" }, responses: [{ body: { Configuration: { State: "Pending" } } }, { body: { Configuration: { State: "Active" } } }] },
      { waiter: "FunctionActiveV2", input: { FunctionName: "f" }, responses: [{ body: { Configuration: { State: "Failed" } } }] },
      { waiter: "FunctionUpdated", input: { FunctionName: "f" }, responses: [{ body: { LastUpdateStatus: "InProgress" } }, { body: { LastUpdateStatus: "Successful" } }] },
      { waiter: "FunctionUpdated", input: { FunctionName: "f" }, responses: [{ body: { LastUpdateStatus: "InProgress" } }, { body: { LastUpdateStatus: "Failed" } }] },
      { waiter: "FunctionUpdatedV2", input: { FunctionName: "f" }, responses: [{ body: { Configuration: { LastUpdateStatus: "InProgress" } } }, { body: { Configuration: { LastUpdateStatus: "Successful" } } }] },
      { waiter: "PublishedVersionActive", input: { FunctionName: "f", Qualifier: "1" }, responses: [{ body: { State: "Pending" } }, { body: { State: "Failed" } }] },
    ] satisfies Scenario[],
  },
} as const;

/** A request handler answering with `responses` in turn (the last one again if the waiter asks for more). */
function cannedHandler(responses: readonly Canned[]) {
  let calls = 0;
  return {
    get calls() {
      return calls;
    },
    async handle() {
      const canned = responses[Math.min(calls++, responses.length - 1)]!;
      const error = "error" in canned;
      const body = JSON.stringify(error ? { message: `canned ${canned.error}` } : canned.body);
      const headers: Record<string, string> = { "content-type": "application/json", "x-amzn-requestid": `req-${calls}` };
      if (error) headers["x-amzn-errortype"] = canned.error;
      return { response: new HttpResponse({ statusCode: error ? canned.status : 200, headers, body: Readable.from([Buffer.from(body)]) }) };
    },
  };
}

/** The state member of an output (the reason of a success or failure), or an error's name. */
function describeReason(reason: unknown): unknown {
  if (reason instanceof Error) return `error ${reason.name}`;
  const r = reason as Record<string, Record<string, unknown> | undefined>;
  const inner = r.cluster ?? r.nodegroup ?? r.addon ?? r.fargateProfile ?? r.Configuration;
  return inner ? (inner.status ?? inner.State ?? inner.LastUpdateStatus ?? null) : (r.State ?? r.LastUpdateStatus ?? null);
}

async function drive(ClientClass: new (config: unknown) => AnyClient, waiters: Record<string, unknown>, scenario: Scenario): Promise<Outcome> {
  const run = async (name: string) => {
    const handler = cannedHandler(scenario.responses);
    const client = new ClientClass({ region: "us-east-1", credentials: { accessKeyId: "AKID", secretAccessKey: "SECRET" }, requestHandler: handler, maxAttempts: 1 });
    // Delays of a millisecond or two; a wait far longer than any of these scenarios needs.
    const params = { client, maxWaitTime: 300, minDelay: 0.001, maxDelay: 0.002 };
    try {
      const result = await (waiters[name] as WaiterFn)(params, { ...scenario.input });
      return { result, calls: handler.calls };
    } catch (error) {
      return { error: error as Error, calls: handler.calls };
    } finally {
      client.destroy();
    }
  };
  const legacy = await run(`waitFor${scenario.waiter}`);
  const until = await run(`waitUntil${scenario.waiter}`);
  if (!legacy.result) throw legacy.error;
  return {
    state: legacy.result.state,
    calls: legacy.calls,
    until: until.result ? `resolved ${until.result.state}` : `threw ${until.error!.name}`,
    reason: describeReason(legacy.result.reason),
  };
}

for (const [service, spec] of Object.entries(SERVICES)) {
  describe(`${service} waiters against the AWS SDK's`, () => {
    let dir: string;
    let ours: { Client: new (config: unknown) => AnyClient; waiters: Record<string, unknown> };

    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), "sdkgen-waiters-"));
      symlinkSync(join(codegenRoot, "node_modules"), join(dir, "node_modules"), "dir");
      const config = await configForModel(join(sharedDir, spec.model), dir);
      const { ir } = await generateAndWrite(config, [typesEmitter, clientEmitter]);
      const gen = join(config.packages.client!.dir, "src/gen");
      const waiters: Record<string, unknown> = {};
      for (const op of ir.operations) {
        for (const w of op.waiters ?? []) Object.assign(waiters, await import(/* @vite-ignore */ join(gen, "waiters", `waitFor${w.name}.ts`)));
      }
      const clientModule = (await import(/* @vite-ignore */ join(gen, `${spec.client}.ts`))) as Record<string, new (config: unknown) => AnyClient>;
      ours = { Client: clientModule[spec.client]!, waiters };
    }, 600_000);

    afterAll(() => {
      if (dir) rmSync(dir, { recursive: true, force: true });
    });

    it("generates every waiter the model has, with both functions", () => {
      const names = Object.keys(ours.waiters).sort();
      expect(names.length).toBe(service === "eks" ? 16 : 12);
      for (const name of names.filter((n) => n.startsWith("waitUntil"))) expect(ours.waiters[name.replace("waitUntil", "waitFor")]).toBeTypeOf("function");
    });

    for (const scenario of spec.scenarios) {
      const sequence = scenario.responses.map((r) => ("error" in r ? r.error : describeReason(r.body) ?? "{}")).join(" → ");
      it(`${scenario.waiter}: ${sequence}`, async () => {
        const expected = await drive(spec.aws[spec.client] as new (config: unknown) => AnyClient, spec.aws, scenario);
        const actual = await drive(ours.Client, ours.waiters, scenario);
        expect(actual).toEqual(expected);
        // The scenarios end in a terminal state: none runs into the time limit.
        expect(["SUCCESS", "FAILURE"]).toContain(actual.state);
      }, 120_000);
    }

    if (service === "lambda") {
      it("an error no acceptor expects: ours fails at once (Smithy's waiter spec), the AWS SDK polls on", async () => {
        const scenario: Scenario = { waiter: "FunctionExists", input: { FunctionName: "f" }, responses: [{ error: "AccessDeniedException", status: 403 }, { body: { Configuration: { State: "Active" } } }] };
        const aws = await drive(spec.aws[spec.client] as new (config: unknown) => AnyClient, spec.aws, scenario);
        const actual = await drive(ours.Client, ours.waiters, scenario);
        expect(aws).toMatchObject({ state: "SUCCESS", calls: 2 });
        expect(actual).toEqual({ state: "FAILURE", calls: 1, until: "threw Error", reason: "error AccessDeniedException" });
      }, 120_000);
    }
  });
}
