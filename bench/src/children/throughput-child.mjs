// Child process for 3. warm throughput, one per SDK, started by measure-throughput.mjs with
// `fork(…, [sdkModuleUrl], { execArgv: ["--expose-gc"] })`. It loads the SDK, builds one
// client with the stub handler, checks one send, then answers the parent's messages:
//   { cmd: "run", inFlight, ms }  → { rate }        sends/s with `inFlight` sends in flight for ~ms
//   { cmd: "heap" }               → { heapUsed, heapBeforeImport }   heapUsed after forced GCs
//   { cmd: "exit" }
// The parent alternates runs between the SDKs' children, so slow phases of a noisy machine
// hit both alike. A new command object per send, as a caller would write it.
import { assertOutput, assertRequest, createClient, createStubHandler, INPUT } from "../scenario.mjs";

if (typeof globalThis.gc !== "function") throw new Error("run with --expose-gc");
if (!process.send) throw new Error("start with child_process.fork()");

function heapAfterGc() {
  for (let i = 0; i < 3; i++) globalThis.gc();
  return process.memoryUsage().heapUsed;
}

const heapBeforeImport = heapAfterGc();
const { ConnectClient, StartAttachedFileUploadCommand } = await import(process.argv[2]);
const handler = createStubHandler();
const client = createClient(ConnectClient, handler);
const sendOne = () => client.send(new StartAttachedFileUploadCommand(INPUT));

// Prove the SDK does the real work before timing it.
assertOutput(await sendOne());
assertRequest(handler.lastRequest);

/** Keeps `inFlight` sends going until `ms` have passed; returns sends per second. */
async function rate(inFlight, ms) {
  let done = 0;
  const start = performance.now();
  const deadline = start + ms;
  const worker = async () => {
    while (performance.now() < deadline) {
      const output = await sendOne();
      if (output.FileId === undefined) throw new Error("response was not parsed");
      done++;
    }
  };
  await Promise.all(Array.from({ length: inFlight }, worker));
  return done / ((performance.now() - start) / 1000);
}

process.on("message", async (msg) => {
  try {
    if (msg.cmd === "run") process.send({ rate: await rate(msg.inFlight, msg.ms) });
    else if (msg.cmd === "heap") process.send({ heapUsed: heapAfterGc(), heapBeforeImport, alive: !!client });
    else if (msg.cmd === "exit") process.disconnect();
  } catch (error) {
    process.send({ error: String(error?.stack ?? error) });
  }
});
process.send({ ready: true });
