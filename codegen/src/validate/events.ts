/**
 * Validation events, as Smithy reports them: a severity, the shape they are
 * about, a message and the id of the validator (Smithy's own event ids, so a
 * `suppressions` entry written for Smithy works here too).
 */

export type Severity = "ERROR" | "DANGER" | "WARNING" | "NOTE" | "SUPPRESSED";

export interface SourceLocation {
  file: string;
  line: number;
  column: number;
}

export interface ValidationEvent {
  severity: Severity;
  /** The shape (or member, `ns#Shape$member`) the event is about; absent for model-wide events. */
  shapeId?: string;
  message: string;
  eventId: string;
  location?: SourceLocation;
}

/** Where a shape (or member) was defined, when the loader knows. */
export type SourceLocations = ReadonlyMap<string, SourceLocation> | Readonly<Record<string, SourceLocation>>;

export const SEVERITY_ORDER: Readonly<Record<Severity, number>> = { SUPPRESSED: 0, NOTE: 1, WARNING: 2, DANGER: 3, ERROR: 4 };

/** `[ERROR] ns#Shape: message | EventId file:line:col`, as the Smithy CLI prints events. */
export function formatEvent(event: ValidationEvent): string {
  const where = event.location ? ` ${event.location.file}:${event.location.line}:${event.location.column}` : "";
  return `[${event.severity}] ${event.shapeId ?? "-"}: ${event.message} | ${event.eventId}${where}`;
}

/** True when the events fail validation (an ERROR or a DANGER that was not suppressed). */
export function hasFailures(events: readonly ValidationEvent[]): boolean {
  return events.some((e) => e.severity === "ERROR" || e.severity === "DANGER");
}

/** Stable order: by shape id, then event id, then message. */
export function sortEvents(events: ValidationEvent[]): ValidationEvent[] {
  return events.sort((a, b) => cmp(a.shapeId ?? "", b.shapeId ?? "") || cmp(a.eventId, b.eventId) || cmp(a.message, b.message));
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
