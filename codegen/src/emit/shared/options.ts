/** What every emitter is told about the packages of one generation run. */
export interface PackageNames {
  /** npm name of the types package, e.g. `@connect-sdk/types-connect`. */
  types: string;
  /** npm name of the client package, e.g. `@connect-sdk/client-connect`. */
  client: string;
  /** npm name of the test-fixtures package (emitted by a later stage). */
  testFixtures: string;
}

export interface EmitOptions {
  packages: PackageNames;
  /** Folder of each package, by emitter kind. */
  dirs: Record<string, string>;
  /** Versions found in the existing package.json files, kept across runs. */
  existingVersions: Record<string, string | undefined>;
  /** Versions of the tools generated packages' own tests use (devDependencies). */
  runtimeVersions: Record<string, string>;
  /** The range a generated package gives another one of the same run (`workspace:^` in a workspace). */
  siblingRange(name: string): string;
}

/** An emitter turns the IR into one package. */
export interface Emitter {
  kind: string;
  emit(ir: import("../../ir/types.js").ServiceIR, options: EmitOptions): import("../../writer/package.js").GeneratedPackage;
}
