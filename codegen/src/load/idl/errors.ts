/** A syntax or semantic error in an IDL file, at a 1-based line and column. */
export class IdlSyntaxError extends Error {
  override name = "IdlSyntaxError";

  constructor(
    readonly reason: string,
    readonly file: string,
    readonly line: number,
    readonly column: number,
    /** The shape the error belongs to, when the parser knows it (a duplicate member or shape). */
    readonly shapeId?: string,
  ) {
    super(`Syntax error at line ${line}, column ${column}: ${reason}`);
  }
}
