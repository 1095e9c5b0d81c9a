/**
 * Model diff → semver: compares two models' closures of a service and
 * classifies every change as major, minor or patch for the generated packages.
 */
export { diffIR, diffModels, type DiffOptions } from "./compare.js";
export { formatDiff, diffToJson, changeLocation, type ReportLabels } from "./report.js";
export { planChangesets, renderChangeset, summarize, bumpCovers, bumpForVersion, type PackageKind, type PlannedChangeset } from "./changeset.js";
export { readModelSource, modelAtRef, parseGitSpec, gitShow, gitTopLevel, SourceError, type ModelSource, type ModelAtRef } from "./source.js";
export { runDiff, runDiffs, diffCommand, DIFF_USAGE, type DiffArgs, type DiffRun, type ServiceDiffRun } from "./command.js";
export { SEVERITIES, bumpOf, hasChangesAtLeast, isSeverity, maxSeverity, severityRank } from "./types.js";
export type { Bump, Change, ChangeCode, ModelDiff, Severity } from "./types.js";
