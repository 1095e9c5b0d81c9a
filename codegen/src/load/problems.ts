/**
 * A problem found in a model: where it is (shape id and JSON path) and what is
 * wrong. Every stage reports problems this way so that the CLI can print one
 * line per problem, never a stack trace.
 */
export interface ModelProblem {
  /** The shape the problem belongs to, when there is one. */
  shapeId?: string;
  /** A JSON path into the model file, e.g. `$.shapes["a#B"].members.c.target`. */
  path: string;
  /** Where in the file (from 1), for problems found in its text rather than in its shapes. */
  line?: number;
  column?: number;
  message: string;
  /** Where in a source file (IDL, or a JSON AST shape), 1-based. */
  location?: { file: string; line: number; column: number };
}

/** Thrown by a stage that found problems; carries all of them. */
export class ModelError extends Error {
  readonly problems: readonly ModelProblem[];
  readonly file: string | undefined;

  constructor(problems: readonly ModelProblem[], file?: string) {
    super(problems.map((p) => formatProblem(p, file)).join("\n"));
    this.name = "ModelError";
    this.problems = problems;
    this.file = file;
  }
}

export function formatProblem(problem: ModelProblem, file?: string): string {
  if (problem.location) {
    const { file: f, line, column } = problem.location;
    return `${f}:${line}:${column}: ${problem.shapeId ? `${problem.shapeId}: ` : ""}${problem.message}`;
  }
  const where = problem.shapeId ? `${problem.shapeId} (${problem.path})` : problem.path;
  const at = problem.line !== undefined ? `${file ?? "<model>"}:${problem.line}:${problem.column ?? 1}: ` : file ? `${file}: ` : "";
  return `${at}${where}: ${problem.message}`;
}

/** `$.shapes["ns#Name"]` followed by the given property path. */
export function shapePath(shapeId: string, ...rest: (string | number)[]): string {
  let out = `$.shapes[${JSON.stringify(shapeId)}]`;
  for (const part of rest) {
    out += typeof part === "number" ? `[${part}]` : /^[A-Za-z_$][\w$]*$/.test(part) ? `.${part}` : `[${JSON.stringify(part)}]`;
  }
  return out;
}
