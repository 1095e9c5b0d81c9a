/** Renders a {@link ModelDiff} for people (grouped by severity) and for machines (JSON). */
import { type Change, type ModelDiff, SEVERITIES, type Severity } from "./types.js";

export interface ReportLabels {
  /** Where the old model came from, e.g. `HEAD~1:models/connect.smithy`. */
  old: string;
  /** Where the new model came from. */
  new: string;
}

const HEADINGS: Record<Severity, string> = {
  major: "MAJOR: breaking changes",
  minor: "MINOR: additions",
  patch: "PATCH: documentation and changes no program can see",
};

/** `ns#Shape$member` for a member (or enum value), the shape id otherwise. */
export function changeLocation(change: Pick<Change, "shapeId" | "member">): string {
  return change.member === undefined ? change.shapeId : `${change.shapeId}$${change.member}`;
}

/** One line per change, grouped by severity, most severe first. */
export function formatDiff(diff: ModelDiff, labels: ReportLabels): string {
  const lines = [`Model diff: ${labels.old} → ${labels.new}`, `Service: ${diff.service}`];
  if (diff.changes.length === 0) {
    lines.push("", "No changes.");
    return `${lines.join("\n")}\n`;
  }
  const { major, minor, patch } = diff.counts;
  lines.push(`Suggested bump: ${diff.bump} (${major} major, ${minor} minor, ${patch} patch)`);
  for (const severity of SEVERITIES) {
    const changes = diff.changes.filter((c) => c.severity === severity);
    if (changes.length === 0) continue;
    lines.push("", `${HEADINGS[severity]} (${changes.length})`);
    for (const c of changes) lines.push(`  ${changeLocation(c)}: ${c.message} [${c.code}]`);
  }
  return `${lines.join("\n")}\n`;
}

/** The `--json` document; its shape is stable (`version` is bumped if it ever changes incompatibly). */
export function diffToJson(diff: ModelDiff, labels: ReportLabels): string {
  const doc = {
    version: 1,
    old: labels.old,
    new: labels.new,
    service: diff.service,
    serviceName: diff.serviceName,
    bump: diff.bump,
    counts: diff.counts,
    changes: diff.changes,
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}
