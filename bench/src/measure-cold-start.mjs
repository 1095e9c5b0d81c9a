// 2. Cold start: the wall time of a fresh `node entry-<sdk>.mjs` (import + construct + one send
// through the stub handler, output asserted) against a bare `node -e 0`. Processes run in
// rounds, one of each kind per round with the order rotated, after warm-up rounds that are
// discarded (they fill the OS file cache). Reported: medians, and the SDK's median overhead
// over bare Node.
import { firstLine, median, run } from "./util.mjs";

function timeProcess(args) {
  const res = run(process.execPath, args, { timeout: 60_000 });
  if (res.status !== 0) throw new Error(firstLine(res.stderr || res.stdout || `exit ${res.status ?? res.signal}`));
  return res.ms;
}

/**
 * @param entries { [id]: { entry } } from prepareEntries()
 * @param ids the SDK ids to measure
 * @returns { rounds, bare: { medianMs, samples }, [id]: { medianMs, overheadMs, samples } | { error } }
 */
export function measureColdStart(entries, ids, { rounds = 15, warmup = 2 } = {}) {
  const kinds = [{ id: "bare", args: ["-e", "0"] }, ...ids.map((id) => ({ id, args: [entries[id].entry] }))];
  const samples = Object.fromEntries(kinds.map((k) => [k.id, []]));
  const errors = {};

  for (let round = 0; round < warmup + rounds; round++) {
    for (let i = 0; i < kinds.length; i++) {
      const kind = kinds[(round + i) % kinds.length];
      if (errors[kind.id]) continue;
      try {
        const ms = timeProcess(kind.args);
        if (round >= warmup) samples[kind.id].push(ms);
      } catch (error) {
        errors[kind.id] = firstLine(error);
      }
    }
  }

  if (errors.bare) throw new Error(`bare node failed: ${errors.bare}`);
  const bare = median(samples.bare);
  const result = { rounds, bare: { medianMs: bare, samples: samples.bare } };
  for (const id of ids) {
    result[id] = errors[id]
      ? { error: errors[id] }
      : { medianMs: median(samples[id]), overheadMs: median(samples[id]) - bare, samples: samples[id] };
  }
  return result;
}
