// 3. Warm throughput: one child process per SDK (children/throughput-child.mjs, --expose-gc),
// all started and warmed up first; then `runs` rounds, each with one sequential run (one send
// at a time) and one run with `concurrency` sends in flight per SDK, ~runMs each, the SDK order
// alternating per round. Reported: the median sends/s of each kind, and heap used after GC.
import { fork } from "node:child_process";
import { fileURLToPath } from "node:url";
import { CHILD_ENV, firstLine, median } from "./util.mjs";

const CHILD = fileURLToPath(new URL("./children/throughput-child.mjs", import.meta.url));

/** A forked child with a promise-returning request(msg); one request at a time. */
function startChild(sdkModuleUrl) {
  const child = fork(CHILD, [sdkModuleUrl], { execArgv: ["--expose-gc"], env: CHILD_ENV, stdio: ["ignore", "ignore", "pipe", "ipc"] });
  let stderr = "";
  child.stderr.on("data", (d) => (stderr += d));
  let pending = null;
  const fail = (why) => {
    if (pending) pending.reject(new Error(firstLine(stderr) !== "unknown error" ? firstLine(stderr) : why));
    pending = null;
  };
  child.on("message", (msg) => {
    const p = pending;
    pending = null;
    if (!p) return;
    if (msg.error) p.reject(new Error(firstLine(msg.error)));
    else p.resolve(msg);
  });
  // "close" comes after stderr is drained, so a crash's message is in `stderr` by then.
  child.on("close", (code, signal) => fail(`child exited (${code ?? signal})`));
  const wait = () => new Promise((resolve, reject) => (pending = { resolve, reject }));
  const ready = wait();
  return {
    ready,
    request(msg) {
      const reply = wait();
      child.send(msg);
      return reply;
    },
    stop() {
      if (child.connected) child.send({ cmd: "exit" });
      setTimeout(() => child.kill(), 2000).unref();
    },
  };
}

/**
 * @param entries { [id]: { sdkModuleUrl } } from prepareEntries()
 * @param ids the SDK ids to measure
 * @returns { [id]: { sequentialPerSec, concurrentPerSec, concurrency, heapUsed, heapBeforeImport, runs } | { error } }
 */
export async function measureThroughput(entries, ids, { runs = 7, runMs = 1000, warmupMs = 2000, concurrency = 16 } = {}) {
  const results = {};
  const children = {};
  const samples = {};
  // Start one at a time so that loading one SDK doesn't slow the other's warm-up.
  for (const id of ids) {
    const child = startChild(entries[id].sdkModuleUrl);
    try {
      await child.ready;
      await child.request({ cmd: "run", inFlight: 1, ms: warmupMs / 2 });
      await child.request({ cmd: "run", inFlight: concurrency, ms: warmupMs / 2 });
      children[id] = child;
      samples[id] = { sequential: [], concurrent: [] };
    } catch (error) {
      results[id] = { error: firstLine(error) };
      child.stop();
    }
  }

  const live = Object.keys(children);
  try {
    for (let round = 0; round < runs; round++) {
      const order = round % 2 ? [...live].reverse() : live;
      for (const [kind, inFlight] of [
        ["sequential", 1],
        ["concurrent", concurrency],
      ]) {
        for (const id of order) {
          if (results[id]?.error) continue;
          try {
            const { rate } = await children[id].request({ cmd: "run", inFlight, ms: runMs });
            samples[id][kind].push(rate);
          } catch (error) {
            results[id] = { error: firstLine(error) };
          }
        }
      }
    }
    for (const id of live) {
      if (results[id]?.error) continue;
      const { heapUsed, heapBeforeImport } = await children[id].request({ cmd: "heap" });
      results[id] = {
        sequentialPerSec: median(samples[id].sequential),
        concurrentPerSec: median(samples[id].concurrent),
        concurrency,
        heapUsed,
        heapBeforeImport,
        runs: samples[id],
      };
    }
  } finally {
    for (const id of live) children[id].stop();
  }
  return results;
}
