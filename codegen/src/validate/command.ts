/**
 * `sdkgen validate <files…>`: loads model files and folders (IDL and JSON
 * AST, merged) and prints Smithy-style validation events, one per line:
 *
 *   [ERROR] ns#Shape: message | EventId file:line:col
 *
 * Exits 1 when there is an ERROR or DANGER event (suppressed events do not
 * count), 0 otherwise.
 */
import { parseArgs } from "node:util";
import { type Severity, SEVERITY_ORDER, formatEvent, hasFailures } from "./events.js";
import { validateFiles } from "./files.js";

export const VALIDATE_USAGE = "  sdkgen validate <model files or folders…> [--severity NOTE|WARNING|DANGER|ERROR] [--show-suppressed]";

export async function validateCommand(args: string[], out: (line: string) => void = console.log): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: { severity: { type: "string" }, "show-suppressed": { type: "boolean" }, help: { type: "boolean", short: "h" } },
    allowPositionals: true,
    strict: true,
  });
  if (values.help) {
    out(`Usage:\n${VALIDATE_USAGE}`);
    return 0;
  }
  if (positionals.length === 0) {
    console.error(`sdkgen validate: no model files given\nUsage:\n${VALIDATE_USAGE}`);
    return 2;
  }
  const min = (values.severity ?? "NOTE").toUpperCase() as Severity;
  if (!(min in SEVERITY_ORDER) || min === "SUPPRESSED") {
    console.error(`sdkgen validate: unknown severity ${JSON.stringify(values.severity)}; one of NOTE, WARNING, DANGER, ERROR`);
    return 2;
  }
  const { events } = await validateFiles(positionals);
  const shown = events.filter((e) => (e.severity === "SUPPRESSED" ? values["show-suppressed"] === true : SEVERITY_ORDER[e.severity] >= SEVERITY_ORDER[min]));
  for (const event of shown) out(formatEvent(event));
  const count = (s: Severity) => events.filter((e) => e.severity === s).length;
  const failed = hasFailures(events);
  out(
    `sdkgen validate: ${failed ? "FAILED" : "ok"}: ${count("ERROR")} error(s), ${count("DANGER")} danger(s), ${count("WARNING")} warning(s), ${count("NOTE")} note(s), ${count("SUPPRESSED")} suppressed`,
  );
  return failed ? 1 : 0;
}
