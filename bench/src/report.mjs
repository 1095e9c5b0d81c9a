// Turns the raw measurements into table rows (value ours, value theirs, ratio, target,
// pass/fail) and renders them as a Markdown table (for the terminal and BENCHMARKS.md).
import { median } from "./util.mjs";

const KiB = 1024;
const MiB = 1024 * 1024;

const fmt = {
  kib: (b) => `${(b / KiB).toFixed(1)} KiB`,
  mib: (b) => `${(b / MiB).toFixed(2)} MiB`,
  ms: (v) => `${v.toFixed(0)} ms`,
  ms2: (v) => `${v.toFixed(2)} ms`,
  s: (v) => `${(v / 1000).toFixed(2)} s`,
  perSec: (v) => `${Math.round(v).toLocaleString("en-US")}/s`,
  count: (v) => String(v),
};

/**
 * Targets: `ratioMax` — ours/theirs must be ≤ value; `ratioMin` — ours/theirs must be ≥ value;
 * `absMax` — ours must be ≤ value (in the row's own unit, before formatting).
 */
const TARGETS = {
  browserGzip: { kind: "ratioMax", value: 0.25 },
  nodeGzip: { kind: "ratioMax", value: 0.3 },
  coldOverhead: { kind: "ratioMax", value: 0.25 },
  warmSequential: { kind: "ratioMin", value: 3 },
  warmConcurrent: { kind: "ratioMin", value: 3 },
  installPackages: { kind: "ratioMax", value: 0.5 },
  installBytes: { kind: "ratioMax", value: 0.4 },
  genFull: { kind: "absMax", value: 5000 },
};

function targetText(target, format) {
  if (!target) return "";
  if (target.kind === "ratioMax") return `≤ ${target.value}×`;
  if (target.kind === "ratioMin") return `≥ ${target.value}×`;
  return `≤ ${format(target.value)}`;
}

function judge(target, ours, ratio) {
  if (!target) return "";
  if (target.kind === "absMax") return ours === undefined ? "n/a" : ours <= target.value ? "pass" : "FAIL";
  if (ratio === undefined) return "n/a";
  return (target.kind === "ratioMax" ? ratio <= target.value : ratio >= target.value) ? "pass" : "FAIL";
}

/**
 * @param m the measurements object written to results.json ({ bundle, coldStart, throughput, install, generation })
 * @returns { rows, notes } where each row is { key, label, ours, theirs, oursText, theirsText, ratio, target, status }
 */
export function buildRows(m) {
  const rows = [];
  const notes = [];
  const val = (section, id, pick) => {
    const entry = section?.[id];
    if (!entry) return undefined;
    if (entry.error) return undefined;
    const v = pick(entry);
    return Number.isFinite(v) ? v : undefined;
  };
  const noteErrors = (what, section, ids = ["ours", "theirs"]) => {
    if (section?.error) notes.push(`${what}: ${section.error}`);
    for (const id of ids) if (section?.[id]?.error) notes.push(`${what}, ${id}: ${section[id].error}`);
  };
  const add = (key, label, format, ours, theirs, { ratio = true, broken = false, pairedRatio } = {}) => {
    const target = TARGETS[key];
    const r =
      ratio && ours !== undefined && theirs !== undefined && theirs !== 0 ? (pairedRatio ?? ours / theirs) : undefined;
    rows.push({
      key,
      label,
      ours,
      theirs,
      oursText: ours === undefined ? "n/a" : format(ours),
      theirsText: theirs === undefined ? (ratio ? "n/a" : "—") : format(theirs),
      ratio: r,
      ratioText: r === undefined ? "" : `${r.toFixed(2)}×`,
      target: targetText(target, format),
      status: broken ? "FAIL" : judge(target, ours, r),
    });
  };

  noteErrors("operations", m.operations);
  const num = (v) => (Number.isFinite(v) ? v : undefined);
  const opCounts = m.operations ?? {};
  add("operations", "Client: operations (exported …Command classes)", fmt.count, num(opCounts.ours), num(opCounts.theirs), { ratio: false });

  for (const [platform, title] of [
    ["browser", "Bundle, browser (esbuild, minified ESM)"],
    ["node", "Bundle, node (mainFields module,main)"],
  ]) {
    const b = m.bundle?.[platform];
    noteErrors(`bundle ${platform}`, b);
    for (const id of ["ours", "theirs"]) {
      if (b?.[id] && b[id].runs === false) {
        notes.push(`bundle ${platform}, ${id}: the bundle failed when run in node: ${b[id].runError}`);
      }
    }
    // A node bundle of ours that doesn't run can't pass, whatever its size. (A browser bundle
    // that fails in node gets a note only: it may rely on browser-only globals.)
    const broken = platform === "node" && b?.ours?.runs === false;
    add(`${platform}Raw`, `${title}: raw`, fmt.kib, val(b, "ours", (x) => x.raw), val(b, "theirs", (x) => x.raw));
    add(`${platform}Gzip`, `${title}: gzip`, fmt.kib, val(b, "ours", (x) => x.gzip), val(b, "theirs", (x) => x.gzip), { broken });
    add(`${platform}Brotli`, `${title}: brotli`, fmt.kib, val(b, "ours", (x) => x.brotli), val(b, "theirs", (x) => x.brotli));
  }

  const c = m.coldStart;
  noteErrors("cold start", c);
  add("coldTotal", "Cold start: import + construct + 1 send (median wall)", fmt.ms, val(c, "ours", (x) => x.medianMs), val(c, "theirs", (x) => x.medianMs));
  add("coldOverhead", "Cold start: overhead over bare `node -e 0`", fmt.ms, val(c, "ours", (x) => x.overheadMs), val(c, "theirs", (x) => x.overheadMs));
  if (c?.bare) notes.push(`cold start: bare \`node -e 0\` median ${fmt.ms(c.bare.medianMs)} over ${c.rounds} rounds`);

  const t = m.throughput;
  noteErrors("warm throughput", t);
  // Runs of the two SDKs alternate, so run i of ours and run i of theirs saw the same phase of
  // the machine: the median of those paired ratios is steadier than the ratio of the medians.
  const paired = (kind) => {
    const [a, b] = [t?.ours?.runs?.[kind], t?.theirs?.runs?.[kind]];
    return a?.length && a.length === b?.length ? median(a.map((x, i) => x / b[i])) : undefined;
  };
  add("warmSequential", "Warm: sequential send() per second", fmt.perSec, val(t, "ours", (x) => x.sequentialPerSec), val(t, "theirs", (x) => x.sequentialPerSec), { pairedRatio: paired("sequential") });
  const conc = t?.theirs?.concurrency ?? t?.ours?.concurrency ?? 16;
  add("warmConcurrent", `Warm: send() per second, ${conc} concurrent`, fmt.perSec, val(t, "ours", (x) => x.concurrentPerSec), val(t, "theirs", (x) => x.concurrentPerSec), { pairedRatio: paired("concurrent") });
  add("warmHeap", "Warm: heap used after GC", fmt.mib, val(t, "ours", (x) => x.heapUsed), val(t, "theirs", (x) => x.heapUsed));

  const i = m.install;
  noteErrors("install", i);
  add("installPackages", "Install (npm, --omit=dev): packages", fmt.count, val(i, "ours", (x) => x.packages), val(i, "theirs", (x) => x.packages));
  add("installBytes", "Install (npm, --omit=dev): node_modules bytes", fmt.mib, val(i, "ours", (x) => x.bytes), val(i, "theirs", (x) => x.bytes));

  // The two-client app (Connect + Cases). No targets of their own: the ratios show whether the
  // one-client savings hold when an app uses both clients and they share their runtime.
  const pr = m.pair;
  if (pr?.error) notes.push(`two clients: ${pr.error}`);
  const pairLabel = "Two clients (Connect + Cases)";
  for (const [platform, title] of [
    ["browser", "bundle, browser"],
    ["node", "bundle, node"],
  ]) {
    const b = pr?.bundle?.[platform];
    noteErrors(`two clients, bundle ${platform}`, b);
    for (const id of ["ours", "theirs"]) if (b?.[id] && b[id].runs === false) notes.push(`two clients, bundle ${platform}, ${id}: the bundle failed when run in node: ${b[id].runError}`);
    add(`pair${platform[0].toUpperCase()}${platform.slice(1)}Gzip`, `${pairLabel}: ${title}: gzip`, fmt.kib, val(b, "ours", (x) => x.gzip), val(b, "theirs", (x) => x.gzip), {
      broken: platform === "node" && b?.ours?.runs === false,
    });
  }
  const pc = pr?.coldStart;
  noteErrors("two clients, cold start", pc);
  add("pairColdTotal", `${pairLabel}: cold start, import + construct + 1 send each (median wall)`, fmt.ms, val(pc, "ours", (x) => x.medianMs), val(pc, "theirs", (x) => x.medianMs));
  add("pairColdOverhead", `${pairLabel}: cold start overhead over bare \`node -e 0\``, fmt.ms, val(pc, "ours", (x) => x.overheadMs), val(pc, "theirs", (x) => x.overheadMs));
  const pi = pr?.install;
  noteErrors("two clients, install", pi);
  add("pairInstallPackages", `${pairLabel}: install (npm, --omit=dev): packages`, fmt.count, val(pi, "ours", (x) => x.packages), val(pi, "theirs", (x) => x.packages));
  add("pairInstallBytes", `${pairLabel}: install (npm, --omit=dev): node_modules bytes`, fmt.mib, val(pi, "ours", (x) => x.bytes), val(pi, "theirs", (x) => x.bytes));

  const g = m.generation;
  noteErrors("generation", g, ["repo", "full"]);
  add("genRepo", "Generate: repo mode (`cli.js generate`)", fmt.s, val(g, "repo", (x) => x.medianMs), undefined, { ratio: false });
  const ops = g?.full?.operations;
  add("genFull", `Generate: full Connect model${ops ? ` (${ops} operations)` : ""}`, fmt.s, val(g, "full", (x) => x.medianMs), undefined, { ratio: false });
  add("genPerOp", "Generate: full model, per operation", fmt.ms2, val(g, "full", (x) => x.msPerOperation), undefined, { ratio: false });

  return { rows, notes };
}

/** A Markdown table, padded so it also reads well in a terminal. */
export function renderTable(rows, { oursLabel = "ours", theirsLabel = "theirs" } = {}) {
  const header = ["Measure", oursLabel, theirsLabel, "ours/theirs", "target", ""];
  const body = rows.map((r) => [r.label, r.oursText, r.theirsText, r.ratioText, r.target, r.status]);
  const widths = header.map((h, col) => Math.max(h.length, ...body.map((line) => line[col].length)));
  const right = [false, true, true, true, false, false];
  const line = (cells) =>
    `| ${cells.map((cell, col) => (right[col] ? cell.padStart(widths[col]) : cell.padEnd(widths[col]))).join(" | ")} |`;
  const rule = `|${widths.map((w, col) => (right[col] ? `${"-".repeat(w + 1)}:` : "-".repeat(w + 2))).join("|")}|`;
  return [line(header), rule, ...body.map(line)].join("\n");
}

export function summary(rows) {
  const judged = rows.filter((r) => r.status === "pass" || r.status === "FAIL");
  const passed = judged.filter((r) => r.status === "pass").length;
  const na = rows.filter((r) => r.status === "n/a").length;
  return `targets: ${passed} of ${judged.length} met${na ? `, ${na} not measured` : ""}`;
}
