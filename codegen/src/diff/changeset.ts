/**
 * Turns a model diff into changesets (https://github.com/changesets/changesets):
 * one per generated package the diff affects, with the bump the diff calls
 * for and a summary written for the package's consumers.
 *
 * - types: affected by changes to shapes (its TypeScript declarations); a
 *   change that only touches the wire (json name, HTTP binding, constraint)
 *   counts as a patch there.
 * - client and test-fixtures: affected by every change.
 */
import { type Change, type ModelDiff, type Severity, bumpOf, severityRank } from "./types.js";

export type PackageKind = "types" | "client" | "test-fixtures";

export interface PlannedChangeset {
  kind: PackageKind;
  /** npm package name. */
  package: string;
  /** The bump to release: what the diff calls for, with a breaking change bumping the minor while the package is 0.x. */
  bump: Severity;
  /** What the diff calls for, before the 0.x rule. */
  diffBump: Severity;
  /** The package's version the bump applies to, when known. */
  version?: string;
  /** Markdown: a one-line headline, then the changes by kind. */
  summary: string;
  /** The changes that affect this package, with their severity for it. */
  changes: Change[];
}

const KINDS: readonly PackageKind[] = ["types", "client", "test-fixtures"];

/**
 * The bump a package at `version` gets for a change of severity `bump`. npm's caret convention for
 * 0.x versions: `^0.3.1` accepts 0.3.x only, so a minor bump is already breaking for its users and
 * a breaking change takes 0.3.1 to 0.4.0 (not to 1.0.0). From 1.0.0 on, semver as usual.
 */
export function bumpForVersion(bump: Severity, version: string | undefined): Severity {
  return bump === "major" && version !== undefined && /^0\.\d+\.\d+/.test(version) ? "minor" : bump;
}

/**
 * The changesets for the configured packages (`sdkgen.config.json` `packages`), in types, client,
 * test-fixtures order. `versions` (package name → current version) applies the 0.x rule of
 * {@link bumpForVersion}; a package without a known version gets the diff's bump.
 */
export function planChangesets(
  diff: ModelDiff,
  packages: Partial<Record<PackageKind, { name: string }>>,
  versions: Readonly<Record<string, string | undefined>> = {},
): PlannedChangeset[] {
  const out: PlannedChangeset[] = [];
  for (const kind of KINDS) {
    const target = packages[kind];
    if (!target) continue;
    const changes =
      kind === "types"
        ? diff.changes.filter((c) => c.scope === "shape").map((c) => (c.typesSeverity ? { ...c, severity: c.typesSeverity } : c))
        : diff.changes;
    const diffBump = bumpOf(changes);
    if (diffBump === "none") continue;
    const version = versions[target.name];
    out.push({
      kind,
      package: target.name,
      bump: bumpForVersion(diffBump, version),
      diffBump,
      ...(version !== undefined ? { version } : {}),
      summary: summarize(diff.serviceName, changes),
      changes,
    });
  }
  return out;
}

/** The changeset file: front matter naming the package and its bump, then the summary. */
export function renderChangeset(planned: Pick<PlannedChangeset, "package" | "bump" | "summary">): string {
  return `---\n${JSON.stringify(planned.package)}: ${planned.bump}\n---\n\n${planned.summary}`;
}

const LIST_LIMIT = 25;

/** A summary in the consumer's words: what breaks, what is new, what else changed. */
export function summarize(service: string, changes: readonly Change[]): string {
  const by = (s: Severity) => changes.filter((c) => c.severity === s);
  const major = by("major");
  const minor = by("minor");
  const patch = by("patch");
  const counts = [
    major.length ? plural(major.length, "breaking change") : "",
    minor.length ? plural(minor.length, "addition") : "",
    patch.length ? plural(patch.length, "documentation or internal change") : "",
  ].filter(Boolean);
  const lines = [`Regenerated from an updated ${service} model: ${counts.join(", ")}.`];

  if (major.length) {
    lines.push("", "**Breaking changes** (code written against the previous version may no longer compile or work):", "");
    lines.push(...capped(major.map(line)));
  }
  if (minor.length) {
    lines.push("", "**New**:", "");
    const operations = minor.filter((c) => c.code === "AddedOperation").map((c) => `\`${c.symbol}\``);
    const types = minor.filter((c) => c.code === "AddedShape").map((c) => `\`${c.symbol}\``);
    if (operations.length) lines.push(`- ${operations.length === 1 ? "New command" : "New commands"}: ${cappedJoin(operations)}`);
    if (types.length) lines.push(`- ${types.length === 1 ? "New type" : "New types"}: ${cappedJoin(types)}`);
    lines.push(...capped(minor.filter((c) => c.code !== "AddedOperation" && c.code !== "AddedShape").map(line)));
  }
  if (patch.length) {
    lines.push("", "**Other**:", "");
    const docs = patch.filter((c) => c.code === "ChangedDocumentation");
    if (docs.length) lines.push(`- Documentation updated for ${cappedJoin(unique(docs.map((c) => `\`${c.symbol}\``)), 10)}`);
    lines.push(...capped(patch.filter((c) => c.code !== "ChangedDocumentation").map(line)));
  }
  return `${lines.join("\n")}\n`;
}

function line(c: Change): string {
  return `- \`${c.symbol}\`: ${c.message}`;
}

function capped(lines: string[]): string[] {
  if (lines.length <= LIST_LIMIT) return lines;
  return [...lines.slice(0, LIST_LIMIT), `- …and ${lines.length - LIST_LIMIT} more (run \`sdkgen diff\` for the full list)`];
}

function cappedJoin(items: string[], limit = LIST_LIMIT): string {
  if (items.length <= limit) return `${items.join(", ")}.`;
  return `${items.slice(0, limit).join(", ")} and ${items.length - limit} more.`;
}

function unique(items: string[]): string[] {
  return [...new Set(items)];
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

/** Whether `actual` is at least `required` (for checking a hand-written changeset against the diff). */
export function bumpCovers(actual: Severity, required: Severity): boolean {
  return severityRank(actual) >= severityRank(required);
}
