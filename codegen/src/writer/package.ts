/** What an emitter hands to the output stage. */
export interface GeneratedFile {
  /** Path relative to the package folder, with forward slashes. */
  path: string;
  contents: string;
}

export interface GeneratedPackage {
  /** Which emitter made it: `types`, `client`, `test-fixtures`. */
  kind: string;
  /** The npm package name. */
  name: string;
  /** Folder the package is written to. */
  dir: string;
  /** Files the generator owns: rewritten on every run, checked by `sdkgen check`. */
  files: GeneratedFile[];
  /**
   * Paths the generator owns wholly: a file, or a folder whose every file is
   * generated (stale files in it are deleted).
   */
  owned: string[];
  /** Files written once when missing and then left to people (e.g. `src/index.ts`). */
  scaffold: GeneratedFile[];
}
